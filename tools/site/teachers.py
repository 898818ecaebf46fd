"""The teachers' page: every section and quotation with its link, a QR code (inline SVG made at
build time, so it works offline and can be shown full-screen on a projector) and its citations."""

from __future__ import annotations

import functools

import segno
from markupsafe import Markup

from ..model.edition import Checked, Site
from .apparatus import entry, page, shorten_quotation
from .chapter import status_badge
from .citefiles import download_links
from .citemarkup import citation_list
from .citing import citing
from .markup import link, plain, prose, text


def files(key: str) -> Markup:
    links = Markup(", ").join(
        Markup('<a href="{}" download>{}</a>').format(href, label) for label, href in download_links(key)
    )
    return Markup('<p class="cite-downloads medium-screen">For reference managers: {}</p>').format(links)


def qr_svg(url: str, label: str) -> Markup:
    """A QR code as inline SVG with a white quiet zone (readable in dark mode too)."""
    return Markup(
        qr_code(url).replace("<svg ", f'<svg role="img" aria-label="{Markup.escape("QR code: " + plain(label))}" ', 1)
    )


@functools.lru_cache(maxsize=1024)
def qr_code(url: str) -> str:
    """Kept by address: segno tries eight masks on every code, and both builds (and every rebuild of
    `serve`) draw the same codes."""
    return str(segno.make(url, error="m").svg_inline(scale=2, svgclass="qr", dark="#000", light="#fff"))


def teaching_entry(anchor: str, title: Markup, url: str, local: str, label: str, rows: list[Markup]) -> Markup:
    body = Markup('<div class="teach-entry">{}<div class="teach-text"><p>Link: {}</p>{}</div></div>').format(
        qr_svg(url, label), link(local, text(url)), Markup("").join(rows)
    )
    # Not searched: the search finds each section and quotation where it stands (their titles here
    # would rank above them), and the citations repeat the edition's own description.
    return entry(anchor, title, None, 3, [body])


def teachers_page(checked: Checked, site: Site) -> str:
    cited = citing(checked, site).citations
    body: list[Markup] = [Markup('<h2 id="sections" data-index-skip="">Sections</h2>')]
    for section in checked.sections:
        url = f"{site.url}{section.html}"
        key = section.page.removesuffix(".md")
        forms = [citation_list(cited.sections[key], f"cite-teach-{key}"), files(key)] if key in cited.sections else []
        body.append(teaching_entry(f"teach-{key}", text(section.title), url, section.html, section.title, forms))
    body.append(Markup('<h2 id="teach-quotations" data-index-skip="">Quotations</h2>'))
    for q in checked.sources.quotations:
        place = checked.quotation_place.get(q.id)
        if place is None:
            continue
        name = checked.sources.name_of(q.speaker)
        local = f"{place.page.removesuffix('.md')}.html#{q.id}"
        status = Markup("<p>Status: {} ({})</p>").format(
            status_badge(q.status, checked), link(f"quotations.html#list-{q.id}", "details")
        )
        title = Markup("{}: {}").format(prose(name), shorten_quotation(checked.wording(q), 60))
        forms = [citation_list(cited.anchors[q.id], f"cite-teach-{q.id}"), files(q.id)] if q.id in cited.anchors else []
        body.append(
            teaching_entry(f"teach-{q.id}", title, site.url + local, local, f"quotation by {name}", [status, *forms])
        )
    intro = Markup(
        "<p>Links to every section and quotation, to paste into a syllabus or a slide, with a QR code for the "
        "classroom (its Full screen button shows it large for a projector) and citations in Chicago, MLA and APA "
        "style with paragraph numbers. The ¶ beside each entry opens its tools: Copy link, and a Cite button "
        "for each form, which copies the citation with its italics. The citations give the date of this version "
        "of the edition; the styles ask for no date of access when a version is dated.</p>"
        "<p>These links use the address this copy of the site was built for: <code>{}</code>. The whole edition "
        'can be saved in a reference manager as <a href="edition.ris">RIS</a>, <a href="edition.bib">BibTeX</a> or '
        '<a href="edition.csl.json">CSL-JSON</a>; each section and quotation has its own files beside its citation.</p>'
    ).format(site.url)
    contents = [("sections", "Sections"), ("teach-quotations", "Quotations")]
    return page("For teachers", "for-teachers", intro, contents, body)
