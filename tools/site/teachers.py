"""The teachers' page: every section and quotation with its deep link, a QR code (inline SVG,
made at build time, so it works offline) and ready-made Chicago and MLA citations with
paragraph numbers. Generated from the source list and the chapter pages."""

from __future__ import annotations

import segno

from ..model.escape import html_attr, plain
from ..model.escape import markdown_text as md
from ..model.formats import quotation_text, shorten_quotation, status_badge
from ..model.records import SourceList
from .common import GENERATED_NOTE
from .usage import Usage

EDITION_TITLE = "The Secret History of Stalin’s Purges (19)"


def qr_svg(url: str, label: str) -> str:
    """A QR code as inline SVG with a white quiet zone (readable in dark mode too)."""
    svg = segno.make(url, error="m").svg_inline(scale=2, svgclass="qr", dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="QR code: {html_attr(plain(label))}" ', 1)


def paragraphs(first: int, last: int) -> tuple[str, str]:
    """Chicago and MLA forms of a paragraph locator."""
    if first == last:
        return f"para. {first}", f"par. {first}"
    return f"paras. {first}–{last}", f"pars. {first}–{last}"


def chicago(title: str, locator: str, url: str, speaker: str | None = None) -> str:
    quoted = f"{speaker}, quoted in " if speaker else ""
    return (
        f"{quoted}Alexander Orlov, “{title},” in *{EDITION_TITLE}*, English machine translation, "
        f"documentary edition, {locator}, {url}."
    )


def mla(title: str, locator: str, url: str) -> str:
    return (
        f"Orlov, Alexander. “{title}.” *{EDITION_TITLE}*, English machine translation, documentary "
        f"edition, {locator}, {url}. Accessed [day month year]."
    )


def teachers_page(sources: SourceList, used: Usage, site_url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    out = [
        "# For teachers { #for-teachers }",
        "",
        "Links to every section and quotation, to paste into a syllabus or a slide, with a QR code "
        "for the classroom and a citation with paragraph numbers. Paragraph numbers are shown in "
        "the margin of the chapter. " + GENERATED_NOTE,
        "",
        f"These links use the address this copy of the site was built for: `{base}`.",
        "",
        "## Sections { #sections }",
        "",
    ]
    for section in used.sections:
        url = f"{base}{section.page.replace('.md', '.html')}"
        cite_chicago, cite_mla = paragraphs(section.first, section.last)
        out += [
            f"### {section.title} {{ #teach-{section.page.replace('.md', '')} }}",
            "",
            '<div class="teach-entry" markdown>',
            qr_svg(url, section.title),
            "",
            f"Link\n:   [{url}]({section.page})",
            "",
            f"Chicago\n:   {chicago(section.title, cite_chicago, url)}",
            "",
            f"MLA\n:   {mla(section.title, cite_mla, url)}",
            "",
            "</div>",
            "",
        ]
    out += ["## Quotations { #teach-quotations }", ""]
    for q in sources.quotations.values():
        page = used.quotation_page.get(q.id)
        if page is None:
            continue
        url = f"{base}{page.replace('.md', '.html')}#{q.id}"
        number = used.quotation_paragraph[q.id]
        section = next(s for s in used.sections if s.page == page)
        name = sources.people[q.speaker].name
        speaker = md(name)
        out += [
            f"### {speaker}: {md(shorten_quotation(quotation_text(q, used.wording.get(q.id)), 60), emphasis=False)} "
            f"{{ #teach-{q.id} }}",
            "",
            '<div class="teach-entry" markdown>',
            qr_svg(url, f"quotation by {name}"),
            "",
            f"Status\n:   {status_badge(q.status, sources)} ([details](quotations.md#list-{q.id}))",
            "",
            f"Link\n:   [{url}]({page}#{q.id})",
            "",
            f"Chicago\n:   {chicago(section.title, f'para. {number}', url, speaker)}",
            "",
            f"MLA\n:   {mla(section.title, f'par. {number}', url)}",
            "",
            "</div>",
            "",
        ]
    return "\n".join(out)
