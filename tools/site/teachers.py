"""The teachers' page: every section and quotation with its deep link, a QR code (inline SVG,
made at build time, so it works offline) and ready-made Chicago and MLA citations with
paragraph numbers (tools.model.cite, the edition's one citation formatter), and the edition's
RIS, BibTeX and CSL-JSON files. Generated from the source list and the chapter pages."""

from __future__ import annotations

import segno

from ..model.cite import Edition, Passage, chicago, mla, use_of
from ..model.escape import html_attr, plain
from ..model.escape import markdown_text as md
from ..model.formats import quotation_text, shorten_quotation, status_badge
from ..model.records import SourceList
from .common import GENERATED_NOTE
from .usage import Usage

# Not in the search index: every entry repeats a chapter passage's link and citation, so a
# search would list this page for every word of the chapter (and the index would double).
FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n\n"
CITATION_FILES = ("edition.ris", "edition.bib", "edition.csl.json")


def qr_svg(url: str, label: str) -> str:
    """A QR code as inline SVG with a white quiet zone (readable in dark mode too)."""
    svg = segno.make(url, error="m").svg_inline(scale=2, svgclass="qr", dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="QR code: {html_attr(plain(label))}" ', 1)


def entry(qr: str, rows: list[tuple[str, str]]) -> list[str]:
    """A QR code and its definition list, kept together on paper (edition.css)."""
    out = ['<div class="teach-entry" markdown>', qr, "", '<div class="teach-text" markdown>', ""]
    for term, text in rows:
        out += [f"{term}\n:   {text}", ""]
    return [*out, "</div>", "</div>", ""]


def teachers_page(sources: SourceList, used: Usage, e: Edition) -> str:
    base = e.url
    out = [
        FRONT_MATTER + "# For teachers { #for-teachers }",
        "",
        "Links to every section and quotation, to paste into a syllabus or a slide, with a QR code "
        "for the classroom and a citation with paragraph numbers. Paragraph numbers are shown beside "
        "the chapter's paragraphs. " + GENERATED_NOTE,
        "",
        f"These links use the address this copy of the site was built for: `{base}`.",
        "",
        "The MLA citations end with the date of this version of the edition; MLA also asks for the "
        "day you read the page: add it at the end, as in “Accessed 5 Mar. 2027.” The "
        "**Copy citation** buttons beside every paragraph and quotation of the chapter fill it in.",
        "",
        "To cite the whole edition in a reference manager, download it as "
        "[RIS](edition.ris) (Zotero, Mendeley, EndNote), [BibTeX](edition.bib) or "
        "[CSL-JSON](edition.csl.json).",
        "",
        "## Sections { #sections }",
        "",
    ]
    for section in used.sections:
        url = f"{base}{section.page.replace('.md', '.html')}"
        passage = Passage(section.title, section.editors_heading, url, section.first, section.last)
        out += [f"### {section.title} {{ #teach-{section.page.replace('.md', '')} }}", ""]
        out += entry(
            qr_svg(url, section.title),
            [("Link", f"[{md(url)}]({section.page})"), ("Chicago", chicago(passage, e)), ("MLA", mla(passage, e))],
        )
    out += ["## Quotations { #teach-quotations }", ""]
    for q in sources.quotations.values():
        page = used.quotation_page.get(q.id)
        if page is None:
            continue
        url = f"{base}{page.replace('.md', '.html')}#{q.id}"
        number = used.quotation_paragraph[q.id]
        section = next(s for s in used.sections if s.page == page)
        name = sources.people[q.speaker].name
        passage = Passage(section.title, section.editors_heading, url, number, number, name, use_of(q.status))
        heading = md(shorten_quotation(quotation_text(q, used.wording.get(q.id)), 60), emphasis=False)
        out += [f"### {md(name)}: {heading} {{ #teach-{q.id} }}", ""]
        out += entry(
            qr_svg(url, f"quotation by {name}"),
            [
                ("Status", f"{status_badge(q.status, sources)} ([details](quotations.md#list-{q.id}))"),
                ("Link", f"[{md(url)}]({page}#{q.id})"),
                ("Chicago", chicago(passage, e)),
                ("MLA", mla(passage, e)),
            ],
        )
    return "\n".join(out)
