"""The teachers' page (tools/site/teachers.py): for every section and quotation of the chapter, its
published link, a QR code of that link (an accessible inline SVG, segno's code with its quiet zone,
the same every build; decoded from the print edition in tests/publish/test_pdf.py) and its citations
with the paragraph number the chapter prints, and its status for a quotation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import segno

from tools.model.edition import Checked, Site
from tools.model.html import classes, local, parse_fragment, text_of
from tools.site.teachers import qr_svg, teachers_page

SITE = Site("https://edition.example.org/history/")


@pytest.fixture(scope="module")
def page(checked: Checked) -> ET.Element:
    return parse_fragment(teachers_page(checked, SITE))


def entries(page: ET.Element) -> dict[str, ET.Element]:
    return {e.get("id", ""): e for e in page.iter() if local(e.tag) == "section" and "entry" in classes(e)}


def test_a_qr_code_is_an_accessible_image() -> None:
    svg = parse_fragment(str(qr_svg(SITE.url + "praise.html", "Praise in the courtroom")))[0]
    assert local(svg.tag) == "svg" and svg.get("role") == "img" and "qr" in classes(svg)
    assert svg.get("aria-label") == "QR code: Praise in the courtroom"
    assert svg.get("width") == svg.get("height")
    assert 'aria-label="QR code: quotation by &#34;Velicki&#34; &lt;&amp;&gt;"' in str(
        qr_svg(SITE.url, 'quotation by "Velicki" <&>')
    )


def test_a_qr_code_is_segnos_code_of_the_address_with_its_quiet_zone() -> None:
    url = SITE.url + "praise.html#q-bukharin-hope-of-mankind"
    svg = str(qr_svg(url, "x"))
    size = (len(segno.make(url, error="m").matrix) + 8) * 2  # four modules of quiet zone a side, 2 px each
    assert f'width="{size}" height="{size}"' in svg
    assert str(qr_svg(url, "x")) == svg and str(qr_svg(SITE.url + "praise.html", "x")) != svg


def test_one_entry_per_section_with_its_link_code_and_citations(page: ET.Element, checked: Checked) -> None:
    found = entries(page)
    for section in checked.sections:
        entry = found[f"teach-{section.page.removesuffix('.md')}"]
        url = SITE.url + section.html
        [link] = [a for a in entry.iter() if local(a.tag) == "a" and text_of(a) == url]
        assert link.get("href") == section.html
        [svg] = [e for e in entry.iter() if local(e.tag) == "svg"]
        assert svg.get("aria-label") == f"QR code: {section.title}"
        assert ET.tostring(svg, encoding="unicode").count("<") > 2 and text_of(svg) == ""
        forms = [text_of(e) for e in entry.iter() if "cite-form" in classes(e)]
        assert forms and all("Accessed" not in f for f in forms), "no access date: the version is dated"
        assert any(f"paras. {section.first}–{section.last}" in f for f in forms), section.page


def test_one_entry_per_quotation_with_the_paragraph_number_the_chapter_prints(
    page: ET.Element, checked: Checked
) -> None:
    found = entries(page)
    quoted = [q for q in checked.sources.quotations if q.id in checked.quotation_place]
    assert quoted
    for q in quoted:
        entry = found[f"teach-{q.id}"]
        place = checked.quotation_place[q.id]
        local_link = f"{place.page.removesuffix('.md')}.html#{q.id}"
        assert [a.get("href") for a in entry.iter() if text_of(a) == SITE.url + local_link] == [local_link]
        assert f"index.html#status-{q.status}" in [a.get("href") for a in entry.iter()]
        forms = [text_of(e) for e in entry.iter() if "cite-form" in classes(e)]
        assert any(f"para. {place.number}," in f for f in forms), q.id
        [svg] = [e for e in entry.iter() if local(e.tag) == "svg"]
        assert str(svg.get("aria-label")).startswith("QR code: quotation by ")
    assert len([e for e in page.iter() if local(e.tag) == "svg"]) == len(checked.sections) + len(quoted)
    assert not re.search(r"\bNone\b|\bnull\b", text_of(page))


def test_the_page_says_the_address_it_was_built_for(page: ET.Element) -> None:
    assert f"These links use the address this copy of the site was built for: {SITE.url}." in " ".join(
        text_of(page).split()
    )
