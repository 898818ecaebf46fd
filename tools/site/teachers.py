"""The teachers' page: every section and quotation with its link, a QR code (inline SVG made at
build time, so it works offline and can be shown full-screen on a projector) and its citations."""

from __future__ import annotations

import segno
from markupsafe import Markup

from ..model.edition import Checked, Site
from .apparatus import entry, page, shorten_quotation
from .chapter import status_badge
from .markup import link, plain, prose, text


def qr_svg(url: str, label: str) -> Markup:
    """A QR code as inline SVG with a white quiet zone (readable in dark mode too)."""
    svg = segno.make(url, error="m").svg_inline(scale=2, svgclass="qr", dark="#000", light="#fff")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape("QR code: " + plain(label))}" ', 1))


def teaching_entry(anchor: str, title: Markup, url: str, local: str, label: str, rows: list[Markup]) -> Markup:
    body = Markup('<div class="teach-entry">{}<div class="teach-text"><p>Link: {}</p>{}</div></div>').format(
        qr_svg(url, label), link(local, text(url)), Markup("").join(rows)
    )
    return entry(anchor, title, plain(str(title.striptags())), 3, [body])


def teachers_page(checked: Checked, site: Site) -> str:
    body: list[Markup] = [Markup('<h2 id="sections">Sections</h2>')]
    for section in checked.sections:
        url = f"{site.url}{section.html}"
        body.append(teaching_entry(f"teach-{section.page.removesuffix('.md')}", text(section.title), url, section.html, section.title, []))
    body.append(Markup('<h2 id="teach-quotations">Quotations</h2>'))
    for q in checked.sources.quotations:
        place = checked.quotation_place.get(q.id)
        if place is None:
            continue
        name = checked.sources.name_of(q.speaker)
        local = f"{place.page.removesuffix('.md')}.html#{q.id}"
        status = Markup("<p>Status: {} ({})</p>").format(status_badge(q.status, checked), link(f"quotations.html#list-{q.id}", "details"))
        title = Markup("{}: {}").format(prose(name), shorten_quotation(checked.wording(q), 60))
        body.append(teaching_entry(f"teach-{q.id}", title, site.url + local, local, f"quotation by {name}", [status]))
    intro = Markup(
        "<p>Links to every section and quotation, to paste into a syllabus or a slide, with a QR code for the "
        "classroom (select a code to show it full-screen) and citations with paragraph numbers.</p>"
        "<p>These links use the address this copy of the site was built for: <code>{}</code>.</p>"
    ).format(site.url)
    contents = [("sections", "Sections"), ("teach-quotations", "Quotations")]
    return page("For teachers", "for-teachers", intro, contents, body)
