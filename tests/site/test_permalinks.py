"""tools/site/permalinks.py: a paragraph-number link at the start of each numbered chapter paragraph
and a “¶” link after each quotation (after its footnote number), adding nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from conftest import CHAPTER_EXTENSIONS as EXTENSIONS

from tools import checker as check
from tools.model.records import SourceList
from tools.site import render
from tools.site.namelinks import NameLinkExtension
from tools.site.permalinks import PermalinkExtension
from tools.site.usage import Usage

# The links are left out of the search index (Material's search plugin removes the attribute).
PARA = re.compile(
    r'<a aria-label="Paragraph (\d+): link to this paragraph" class="permalink para-number" '
    r'(?:data-search-exclude="1" )?href="#([^"]+)">(\d+)</a>'
)
QUOTE = re.compile(
    r'<a aria-label="Link to this quotation" class="permalink quote-link" (?:data-search-exclude="1" )?'
    r'href="#([^"]+)" title="Link to this quotation">¶</a>'
)
NOT_SEARCHED = ' data-search-exclude="1"'


def convert(text: str, numbers: dict[str, int], active: bool = True, names: NameLinkExtension | None = None) -> str:
    links = PermalinkExtension()
    links.numbers, links.active = numbers, active
    extra = [names] if names is not None else []
    return markdown.Markdown(extensions=[*EXTENSIONS, *extra, links]).convert(text)


def plain(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def strip_permalinks(html_text: str) -> str:
    return QUOTE.sub("", PARA.sub("", html_text)).replace(NOT_SEARCHED, "")


PARAGRAPH = (
    "Rosenholz shouted: [“Long live the Party!”]{ #q-a }[^q-a] and [“To a glorious future!”]{ #q-b }[^q-b] "
    "then *more*.\n{: #p-one }\n\nA paragraph without a number.\n{: #p-other }\n\nNo id at all.\n\n"
    "[^q-a]: a note\n[^q-b]: b note\n"
)


def test_paragraph_number_link_comes_first() -> None:
    out = convert(PARAGRAPH, {"p-one": 7})
    assert re.search(r'<p id="p-one">' + PARA.pattern + "Rosenholz shouted: ", out)
    assert PARA.findall(out) == [("7", "p-one", "7")]


def test_quotation_link_follows_its_footnote_number() -> None:
    out = convert(PARAGRAPH, {"p-one": 7})
    for ident in ("q-a", "q-b"):
        assert re.search(
            rf'<span id="{ident}">[^<]*</span><sup data-search-exclude="1" id="fnref:{ident}">.*?</sup>'
            + QUOTE.pattern,
            out,
        )
    assert QUOTE.findall(out) == ["q-a", "q-b"]
    assert "</a> and <span" in out and "</a> then <em>more</em>.</p>" in out


def test_only_the_links_are_added() -> None:
    assert strip_permalinks(convert(PARAGRAPH, {"p-one": 7})) == plain(PARAGRAPH)


def test_quotation_without_footnote_gets_its_link_right_after_it() -> None:
    out = convert("He said [“Long live”]{ #q-a }.\n{: #p-one }\n", {"p-one": 1})
    assert re.search(r'<span id="q-a">“Long live”</span>' + QUOTE.pattern + r"\.</p>", out)


def test_quotation_link_is_not_put_after_another_footnote() -> None:
    out = convert("He said [“Long live”]{ #q-a } and then[^other] more.\n{: #p-one }\n\n[^other]: o\n", {"p-one": 1})
    assert re.search(r'<span id="q-a">“Long live”</span>' + QUOTE.pattern, out)


def test_other_spans_and_unnumbered_paragraphs_get_nothing() -> None:
    text = "A [“phrase”]{ #not-a-quotation } here.\n{: #p-other }\n\nPlain paragraph.\n"
    out = convert(text, {"p-one": 1})
    assert out == plain(text)


def test_inactive_changes_nothing() -> None:
    assert convert(PARAGRAPH, {"p-one": 7}, active=False) == plain(PARAGRAPH)


def test_runs_after_the_name_links(real_sources: SourceList) -> None:
    names = NameLinkExtension()
    names.sources, names.active = real_sources, True
    out = convert(PARAGRAPH, {"p-one": 3}, names=names)
    assert re.search(r'<p id="p-one">' + PARA.pattern + r'<a class="person" href="people.md#rosengolts"', out)


@pytest.fixture(scope="module")
def chapter(real_result: check.Result, real_usage: Usage) -> tuple[check.Result, Usage]:
    return real_result, real_usage


def test_the_chapter_is_numbered_consecutively(chapter: tuple[check.Result, Usage]) -> None:
    result, used = chapter
    assert result.sources is not None
    numbers: list[int] = []
    quotations: list[str] = []
    for page in result.pages:
        prepared = render.page_markdown(page.text, page.name, result.sources)
        out = convert(prepared, used.paragraph_number)
        found = PARA.findall(out)
        assert [pid for _, pid, _ in found] == [b.id for b in page.paragraphs]
        assert all(label == shown for label, _, shown in found)
        numbers += [int(n) for n, _, _ in found]
        quotations += QUOTE.findall(out)
        assert strip_permalinks(out) == plain(prepared).replace(NOT_SEARCHED, "")
        assert "editorial" in out or not any(
            n.paragraph in [b.id for b in page.paragraphs] for n in result.sources.notes.values()
        )
    assert numbers == list(range(1, len(numbers) + 1))
    assert quotations == list(used.quotation_page)


def test_the_built_chapter_has_the_same_numbers(built_site: Path, chapter: tuple[check.Result, Usage]) -> None:
    _, used = chapter
    seen: list[str] = []
    for page in ("warning", "praise", "trotsky", "meetings"):
        html_text = (built_site / f"{page}.html").read_text(encoding="utf-8")
        seen += [pid for _, pid, _ in PARA.findall(html_text)]
        for number, pid, _ in PARA.findall(html_text):
            assert used.paragraph_number[pid] == int(number)
            assert f'<p id="{pid}"><a aria-label="Paragraph {number}:' in html_text
        for ident in QUOTE.findall(html_text):
            assert used.quotation_page[ident] == f"{page}.md"
    assert seen == list(used.paragraph_number)


def test_numbers_and_footnotes_are_left_out_of_search() -> None:
    """Search snippets show the chapter's words, not "8The defense…5¶"."""
    out = convert(PARAGRAPH, {"p-one": 7})
    assert out.count("<sup data-search-exclude") == 2
    assert '<div class="footnote" data-search-exclude="1">' in out
    assert out.count('para-number" data-search-exclude="1"') == 1
    assert out.count('quote-link" data-search-exclude="1"') == 2
    assert "data-search-exclude" not in convert(PARAGRAPH, {"p-one": 7}, active=False)
