"""tools/teachers.py: the teachers' page — deep links, QR codes (inline SVG, read back here by a
small decoder) and Chicago and MLA citations with paragraph numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import segno
from qr_decode import decode, format_info, svg_modules, trim

from tools.model.cite import Edition, chicago, edition, mla, paragraphs
from tools.model.escape import markdown_text
from tools.model.records import SourceList
from tools.site import teachers
from tools.site.usage import Usage

BASE = "http://127.0.0.1:8000/"
SVG = re.compile(r'<svg role="img" aria-label="QR code: [^"]*" .*?</svg>', re.DOTALL)


@pytest.fixture(scope="module")
def real(real_sources: SourceList, real_usage: Usage) -> tuple[SourceList, Usage]:
    return real_sources, real_usage


def cited(real: tuple[SourceList, Usage], url: str = BASE) -> Edition:
    sources, used = real
    return edition(sources, "The Secret History of Stalin’s Purges (19)", url, used.title)


@pytest.fixture(scope="module")
def page(real: tuple[SourceList, Usage]) -> str:
    return teachers.teachers_page(*real, cited(real))


def entries(markdown: str) -> dict[str, str]:
    """`teach-…` heading id -> its entry."""
    parts = re.split(r"^### .* \{ #(teach-[\w-]+) \}$", markdown, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1].split("\n## ", 1)[0] for i in range(1, len(parts), 2)}


# --- QR codes -------------------------------------------------------------------------------


def test_qr_svg_is_an_accessible_image() -> None:
    svg = teachers.qr_svg(BASE + "praise.html", "Praise in the courtroom")
    assert svg.startswith('<svg role="img" aria-label="QR code: Praise in the courtroom" ')
    assert svg.endswith("</svg>")
    assert 'class="qr"' in svg
    width, height = re.search(r'width="(\d+)" height="(\d+)"', svg).groups()  # type: ignore[union-attr]
    assert width == height
    assert svg.count("<svg") == 1 and svg.count("role=") == 1


def test_qr_svg_label_is_escaped() -> None:
    svg = teachers.qr_svg(BASE, 'quotation by "Velicki" <&>')
    assert 'aria-label="QR code: quotation by &quot;Velicki&quot; &lt;&amp;&gt;"' in svg


@pytest.mark.parametrize(
    "url",
    [
        BASE + "praise.html",
        BASE + "praise.html#q-vyshinsky-forward-to-communism",
        "https://example.org/orlov/warning.html#q-boguslavsky-little-thing",
    ],
)
def test_qr_svg_decodes_to_its_url(url: str) -> None:
    svg = teachers.qr_svg(url, "x")
    grid = svg_modules(svg)
    assert not any(
        grid[r][c] for r in range(len(grid)) for c in range(len(grid)) if min(r, c) < 4 or max(r, c) >= len(grid) - 4
    ), "the quiet zone of four modules is white"
    modules = trim(grid)
    assert modules == [[bool(v) for v in row] for row in segno.make(url, error="m").matrix]
    for r0, c0 in ((0, 0), (0, len(modules) - 7), (len(modules) - 7, 0)):  # the three finder patterns
        for r in range(7):
            for c in range(7):
                ring = r in (0, 6) or c in (0, 6)
                core = 2 <= r <= 4 and 2 <= c <= 4
                assert modules[r0 + r][c0 + c] == (ring or core)
    level, _mask = format_info(modules)
    assert level in ("M", "Q", "H")  # at least the M asked for (segno may raise it for free)
    assert decode(modules) == url


def test_different_urls_give_different_codes() -> None:
    one = teachers.qr_svg(BASE + "praise.html#q-bukharin-hope-of-mankind", "x")
    two = teachers.qr_svg(BASE + "praise.html#q-rosengolts-long-live", "x")
    assert one != two
    assert decode(trim(svg_modules(one))) != decode(trim(svg_modules(two)))


# --- the page -------------------------------------------------------------------------------


def test_one_entry_per_section_with_link_qr_and_citations(real: tuple[SourceList, Usage], page: str) -> None:
    _, used = real
    found = entries(page)
    for section in used.sections:
        entry = found[f"teach-{section.page.removesuffix('.md')}"]
        url = BASE + section.page.replace(".md", ".html")
        passage = teachers.Passage(section.title, section.editors_heading, url, section.first, section.last)
        assert f"Link\n:   [{url}]({section.page})" in entry
        assert f"Chicago\n:   {chicago(passage, cited(real))}\n" in entry
        assert f"MLA\n:   {mla(passage, cited(real))}\n" in entry
        assert f", {paragraphs(section.first, section.last)}, {url}." in entry
        assert "Accessed" not in entry and "[day" not in entry, "no placeholder access date in static text"
        [svg] = SVG.findall(entry)
        assert f'aria-label="QR code: {section.title}"' in svg
        assert decode(trim(svg_modules(svg))) == url


def test_one_entry_per_quotation_with_its_paragraph_number(real: tuple[SourceList, Usage], page: str) -> None:
    sources, used = real
    found = entries(page)
    quoted = [q for q in sources.quotations.values() if q.id in used.quotation_page]
    assert quoted
    for q in quoted:
        entry = found[f"teach-{q.id}"]
        url = f"{BASE}{used.quotation_page[q.id].replace('.md', '.html')}#{q.id}"
        number = used.quotation_paragraph[q.id]
        speaker = sources.people[q.speaker].name
        assert f"Link\n:   [{url}]({used.quotation_page[q.id]}#{q.id})" in entry
        assert f"Chicago\n:   {speaker}, quoted in Alexander Orlov, “" in entry
        assert f", para. {number}, {url}." in entry and f"par. {number}. *" in entry
        bare = markdown_text(url.removeprefix("http://"), emphasis=False)
        assert f", {bare}.\n" in entry, "MLA gives the address without http://"
        assert (
            f"(index.md#status-{q.status}){{ .status .status-{q.status} }} ([details](quotations.md#list-{q.id}))"
            in entry
        )
        [svg] = SVG.findall(entry)
        assert decode(trim(svg_modules(svg))) == url
    assert len(SVG.findall(page)) == len(used.sections) + len(quoted)
    assert "None" not in page and "null" not in page


def test_quotation_paragraph_numbers_match_the_built_chapter(real: tuple[SourceList, Usage], built_site: Path) -> None:
    """The number cited is the one printed in the chapter's margin."""
    _, used = real
    for q, page_name in used.quotation_page.items():
        html_text = (built_site / page_name.replace(".md", ".html")).read_text(encoding="utf-8")
        paragraph = next(p for p in re.findall(r"<p id=\"[^\"]+\">.*?</p>", html_text, re.DOTALL) if f'id="{q}"' in p)
        margin = re.search(r'class="permalink para-number" href="#[^"]+">(\d+)</a>', paragraph)
        assert margin is not None and int(margin.group(1)) == used.quotation_paragraph[q]


def test_site_url_without_trailing_slash(real: tuple[SourceList, Usage]) -> None:
    page = teachers.teachers_page(*real, cited(real, "https://example.org/orlov"))
    assert "`https://example.org/orlov/`" in page
    assert "[https://example.org/orlov/praise.html](praise.md)" in page
    assert "//praise" not in page.replace("https://", "")


def test_the_built_teachers_page(built_site: Path) -> None:
    html_text = (built_site / "teachers.html").read_text(encoding="utf-8")
    svgs = SVG.findall(html_text)
    assert svgs
    assert all(decode(trim(svg_modules(svg))).startswith("http") for svg in svgs)
    assert 'href="praise.html#q-bukharin-hope-of-mankind"' in html_text
