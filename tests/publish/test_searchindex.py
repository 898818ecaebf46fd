"""tools/publish/searchindex.py: the search index, made from the written pages by its contract (an
element with an id and data-index-title is one entry; the rest is split at headings), and the
pages without their search attributes once it is made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.model.html import parse, text_of
from tools.publish.engine import THEME_ASSETS
from tools.publish.searchindex import (
    OFFLINE_PREFIX,
    page_docs,
    search_index,
    without_search_attributes,
    worker_stop_words,
    write_index,
)

SITE = "The Site"


def page(title: str, article: str) -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body><article>{article}</article></body></html>"


PAGE = page(
    f"Praise - {SITE}",
    '<h1 id="praise">Praise<a class="headerlink" href="#praise">¶</a></h1>'
    '<p class="print-url" data-index-skip="">https://example.org/praise.html</p>'
    '<nav class="page-contents"><a href="#more">More</a></nav>'
    "<p>An introduction.</p>"
    '<p id="p-one" data-index-title="¶ 4"><a class="para-number" data-index-skip="">4</a>For this reason, '
    '<a class="person" href="people.html#vyshinsky">Velicki</a> <span>loaded</span>'
    '<a class="fn-ref" data-index-skip="">1</a> his <em>indictment</em>.</p>'
    '<aside id="n-velicki" data-index-title="Editor’s note: Velicki"><p data-index-skip="">Editor’s note</p>'
    "<p><strong>Velicki</strong> — is Vyshinsky.</p>"
    '<div id="n-inner" data-index-title="Inner">Nested words</div><p>after the inner one</p></aside>'
    '<h2 id="more">More &amp; <em>more</em><a class="headerlink" href="#more">¶</a></h2>'
    "<p>Text under <code>&lt;script&gt;</code> the heading.</p><p hidden>hidden words</p>"
    '<div aria-hidden="true">unseen</div><script>var code = 1</script><template><p>inert</p></template>'
    '<section id="entry" data-index-title="Hotel &lt;Bristol&gt;"><h3 id="entry-h">Bristol</h3><p>A hotel.</p></section>'
    '<h2 id="gone" data-index-skip="">Left out</h2><section id="out" data-index-title="Out" data-index-skip="">'
    "<p>not searched</p></section>"
    "<p>Back to the heading’s text.</p><!-- a comment -->",
)


def test_one_entry_per_passage_and_the_rest_by_headings() -> None:
    """Texts are HTML, escaped, a paragraph for each block (the results show the blocks found)."""
    assert page_docs("praise.html", parse(PAGE), SITE) == [
        {"location": "praise.html", "title": "Praise", "text": "<p>An introduction.</p>"},
        {
            "location": "praise.html#p-one",
            "title": "¶ 4",
            "text": "<p>For this reason, Velicki loaded his indictment.</p>",
        },
        {
            "location": "praise.html#n-velicki",
            "title": "Editor’s note: Velicki",
            "text": "<p>Velicki — is Vyshinsky.</p><p>after the inner one</p>",
        },
        {"location": "praise.html#n-inner", "title": "Inner", "text": "<p>Nested words</p>"},
        {
            "location": "praise.html#more",
            "title": "More &amp; more",
            "text": "<p>Text under &lt;script&gt; the heading.</p><p>Back to the heading’s text.</p>",
        },
        {"location": "praise.html#entry", "title": "Hotel &lt;Bristol&gt;", "text": "<p>Bristol</p><p>A hotel.</p>"},
    ]


def test_a_page_is_titled_without_the_sites_name_and_a_redirect_has_no_entry() -> None:
    landing = page(f"About - {SITE}", '<h1 id="top">The Site: an edition</h1><p>Hello.</p>')
    assert page_docs("index.html", parse(landing), SITE) == [
        {"location": "index.html", "title": "About", "text": "<p>Hello.</p>"}
    ]
    assert page_docs("404.html", parse(page(SITE, "<h1>404</h1>")), SITE)[0]["title"] == SITE
    redirect = '<!doctype html><html><head><meta http-equiv="refresh" content="0; url=praise.html"></head></html>'
    assert page_docs("old.html", parse(redirect), SITE) == []


def test_the_index_keeps_materials_config_and_adds_the_stop_words() -> None:
    config = {"lang": ["en"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"], "fields": {}}
    pages = [("a.html", parse(page(f"A - {SITE}", "<p>x</p>"))), ("b.html", parse(PAGE))]
    index = search_index(pages, SITE, config, ["the"])
    assert index["config"] == {**config, "stopwords": ["the"]}
    assert [d["location"] for d in index["docs"]][:3] == ["a.html", "b.html", "b.html#p-one"]


def test_the_stop_words_are_the_workers_own() -> None:
    worker = next((THEME_ASSETS / "javascripts" / "workers").glob("search.*.min.js"))
    words = worker_stop_words(worker.read_text(encoding="utf-8"))
    assert {"the", "of", "and"} <= set(words) and "bristol" not in words
    with pytest.raises(ValueError, match="stop words"):
        worker_stop_words("var lunr = {}")


def test_the_search_attributes_leave_the_page_and_nothing_else_does() -> None:
    written = without_search_attributes(PAGE, parse(PAGE))
    assert "data-index" not in written
    assert '<p id="p-one"><a class="para-number">4</a>For this reason, ' in written
    assert text_of(parse(written)) == text_of(parse(PAGE))  # the words are the page's, every one
    # The same words in a page's text (an editors' page may hold any): the page is left as it is, and
    # the output guard, which allows no data-index-* attribute, refuses it.
    told = PAGE.replace("<p>An introduction.</p>", '<p>Write data-index-skip="" in HTML.</p>')
    assert without_search_attributes(told, parse(told)) == told


def test_write_index_replaces_the_plugins_docs(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    index = tmp_path / "search" / "search_index.json"
    config = {"lang": ["en"], "separator": "[\\s]+", "pipeline": [], "fields": {}}
    index.write_text(json.dumps({"config": config, "docs": [{"location": "x", "title": "", "text": ""}]}))
    assert write_index(tmp_path, [("praise.html", parse(PAGE))], SITE, offline=True)
    data = json.loads(index.read_text(encoding="utf-8"))
    assert data["config"] == {**config, "stopwords": []}  # no stop-word filter, no stop words
    assert data["docs"] == page_docs("praise.html", parse(PAGE), SITE)
    script = (tmp_path / "search" / "search_index.js").read_text(encoding="utf-8")  # what file:// reads
    assert script.startswith(OFFLINE_PREFIX) and json.loads(script.removeprefix(OFFLINE_PREFIX)) == data
    assert not write_index(tmp_path / "nowhere", [], SITE, offline=False)  # no index (search off): nothing to do
