"""tools/site/teachers.py: the teachers' page — deep links, QR codes (inline SVG; read back in
Chromium by zxing-cpp in tests/browser/test_qr.py) and citations with paragraph numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import segno

from tools.model.cite import Edition, chicago, edition, mla, paragraphs, use_of
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
    width, height = re.search(r'width="(\d+)" height="(\d+)"', svg).groups()
    assert width == height
    assert svg.count("<svg") == 1 and svg.count("role=") == 1


def test_qr_svg_label_is_escaped() -> None:
    svg = teachers.qr_svg(BASE, 'quotation by "Velicki" <&>')
    assert 'aria-label="QR code: quotation by &quot;Velicki&quot; &lt;&amp;&gt;"' in svg


def test_qr_svg_is_segnos_code_of_the_url_with_its_quiet_zone() -> None:
    """What the SVG encodes is read back in Chromium by zxing-cpp (tests/browser/test_qr.py)."""
    url = BASE + "praise.html#q-bukharin-hope-of-mankind"
    svg = teachers.qr_svg(url, "x")
    size = len(segno.make(url, error="m").matrix) + 8  # four modules of quiet zone on each side
    assert f'width="{size * 2}" height="{size * 2}"' in svg
    assert teachers.qr_svg(url, "x") == svg  # deterministic
    assert teachers.qr_svg(BASE + "praise.html#q-rosengolts-long-live", "x") != svg


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
        assert svg == teachers.qr_svg(url, svg.split('aria-label="QR code: ', 1)[1].split('"', 1)[0])


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
        assert f"Chicago\n:   {speaker}, {use_of(q.status)} in Alexander Orlov, “" in entry
        assert f", para. {number}, {url}." in entry and f"par. {number}. *" in entry
        bare = markdown_text(url.removeprefix("http://"), emphasis=False)
        assert f", {bare}.\n" in entry, "MLA gives the address without http://"
        assert (
            f"(index.md#status-{q.status}){{ .status .status-{q.status} }} ([details](quotations.md#list-{q.id}))"
            in entry
        )
        [svg] = SVG.findall(entry)
        assert svg == teachers.qr_svg(url, svg.split('aria-label="QR code: ', 1)[1].split('"', 1)[0])
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
    assert len(svgs) == html_text.count('class="teach-entry"')  # decoded in tests/browser/test_qr.py
    assert 'href="praise.html#q-bukharin-hope-of-mankind"' in html_text
