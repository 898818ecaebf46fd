"""tools/site/metadata.py: a chapter page's reference-manager tags, JSON-LD and citation
templates, and the edition's RIS, BibTeX and CSL-JSON downloads."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PROJECT

from tools import checker as check
from tools.model import cite
from tools.model.records import SourceList
from tools.site import metadata
from tools.site.usage import Usage, usage

SITE = "https://example.org/edition/"
HOSTILE = '</script><script>alert(1)</script> & <!-- "x"'


@pytest.fixture(scope="module")
def real() -> tuple[SourceList, Usage, cite.Edition]:
    result = check.check(PROJECT)
    assert result.sources is not None and not result.errors
    used = usage(result.pages, result.sources)
    return result.sources, used, cite.edition(result.sources, "Site & Co", SITE, used.title)


class Head(HTMLParser):
    """The meta tags and the script data blocks of a document, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta.append((a["name"] or "", a.get("content") or ""))
        elif tag == "script":
            self._script = a
            self.scripts.append((a, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parsed(markup: str) -> Head:
    head = Head()
    head.feed(markup)
    head.close()
    return head


def test_every_chapter_page_gets_tags_ld_and_templates(real: tuple[SourceList, Usage, cite.Edition]) -> None:
    sources, used, e = real
    for page in sources.pages:
        head = parsed(metadata.chapter_head(page, sources, used, e))
        names = [n for n, _ in head.meta]
        assert {"citation_title", "citation_author", "citation_book_title", "citation_publication_date"} <= set(names)
        assert dict(head.meta)["citation_public_url"] == SITE + page.replace(".md", ".html")
        kinds = [a.get("type") for a, _ in head.scripts]
        assert kinds == ["application/ld+json", "application/json"]
        ld = json.loads(head.scripts[0][1])
        assert ld["@type"] == "Chapter" and ld["author"]["name"] == "Alexander Orlov"
        assert ld["isBasedOn"]["@type"] == "Book" and ld["isBasedOn"]["datePublished"] == "1953"
        quoted = [q for q in sources.quotations.values() if used.quotation_page.get(q.id) == page]
        assert [part["@id"].split("#")[1] for part in ld["hasPart"]] == [q.id for q in quoted]
        for part, q in zip(ld["hasPart"], quoted, strict=True):
            assert part["spokenByCharacter"]["name"] == sources.people[q.speaker].name
            assert part["text"] == " ".join(used.wording[q.id].split()), "the chapter's own words"
        data = json.loads(head.scripts[1][1])
        assert set(data["templates"]) == {"chicago", "chicagoQuotation", "mla"}
        assert "*" not in "".join(data["templates"].values()), "copied citations are plain text"
        assert set(data["speakers"]) == {q.id for q in quoted}
    assert metadata.chapter_head("people.md", sources, used, e) == ""


def test_no_value_breaks_out_of_the_head(real: tuple[SourceList, Usage, cite.Edition]) -> None:
    """A quotation, a name and the site's name full of markup stay data: one element each."""
    sources, used, e = real
    q = next(iter(sources.quotations.values()))
    speaker = sources.people[q.speaker]
    hostile_sources = replace(
        sources,
        quotations={**sources.quotations, q.id: replace(q, text=(HOSTILE,))},
        people={**sources.people, speaker.id: replace(speaker, name=HOSTILE)},
    )
    hostile_edition = replace(e, name=HOSTILE, title=HOSTILE, author=HOSTILE)
    hostile_usage = replace(used, wording={**used.wording, q.id: HOSTILE})  # as if the chapter said it
    page = used.quotation_page[q.id]
    markup = metadata.chapter_head(page, hostile_sources, hostile_usage, hostile_edition)
    assert "</script><script>" not in markup and "<!--" not in markup
    head = parsed(markup)
    assert len(head.scripts) == 2
    ld = json.loads(head.scripts[0][1])
    assert ld["hasPart"][0]["text"] == HOSTILE
    assert ld["hasPart"][0]["spokenByCharacter"]["name"] == HOSTILE
    assert json.loads(head.scripts[1][1])["speakers"][q.id] == HOSTILE
    assert dict(head.meta)["citation_book_title"] == cite.title_case(HOSTILE)
    assert all(html.escape(v, quote=True) in markup for _, v in head.meta)


def test_with_head_inserts_before_the_end_of_head() -> None:
    page = "<html><head><title>t</title></head><body><p>x</head></p></body></html>"
    assert metadata.with_head(page, "<meta name=a>") == (
        "<html><head><title>t</title><meta name=a>\n</head><body><p>x</head></p></body></html>"
    )
    assert metadata.with_head(page, "") == page


def test_the_downloads(real: tuple[SourceList, Usage, cite.Edition]) -> None:
    sources, used, e = real
    record = cite.record(e)
    assert metadata.ris_file(sources, used, e) == cite.ris(record)
    assert metadata.bibtex_file(sources, used, e) == cite.bibtex(record)
    assert json.loads(metadata.csl_file(sources, used, e)) == cite.csl(record)


# --- the built site ---------------------------------------------------------------------------


def test_the_built_chapter_pages_carry_their_metadata(built_site: Path) -> None:
    sources = check.check(PROJECT).sources
    assert sources is not None
    for page in sources.pages:
        text = (built_site / page.replace(".md", ".html")).read_text(encoding="utf-8")
        head = text.split("</head>", 1)[0]
        assert len(re.findall(r'<meta name="citation_', head)) >= 6, page
        assert head.count('type="application/ld+json"') == 1
    assert 'name="citation_' not in (built_site / "people.html").read_text(encoding="utf-8")
    for name in ("edition.ris", "edition.bib", "edition.csl.json"):
        assert (built_site / name).is_file()
