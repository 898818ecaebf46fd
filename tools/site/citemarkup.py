"""How the edition is cited, part 3: the HTML the chapter pages carry for citing.

`cite_box` is the visible "Cite this page" box of a chapter page; `copy_templates` holds the copy
toolbar's data for each paragraph and quotation. Both are made from the `Citations` that
citestyles.render_citations rendered once per build.

Markup contract for the reading-aids JavaScript (the copy toolbar and the box's copy buttons):
  - `copy_templates` gives, for every paragraph and quotation of a section, an inert
        <template class="cite-template" id="cite-{anchor}" data-cite-anchor="{anchor}"
                  data-cite-kind="paragraph|quotation">
    where {anchor} is the element id of the paragraph or quotation (`p-…`, `q-…`). Its content
    is six forms (three styles, two forms each) and the address:
        <p class="cite-form" data-cite-style="chicago|mla|apa" data-cite-form="citation|entry"
           data-cite-label="Chicago note">…</p>
        <p class="cite-url">https://…/praise.html#q-…</p>
    "citation" is Chicago's note or MLA's and APA's in-text citation (with "quoted in" for a
    quotation); "entry" the bibliography, works-cited or reference-list entry of the section.
  - `cite_box` is a visible <section class="cite-box" id="cite-this-page"> whose <dd> elements
    carry the same class and data-cite-* attributes (the section with its paragraph range), and
    whose link is <a class="cite-url">. Its downloads are plain links with `download`.
  - The JavaScript finds an anchor's forms with
        document.getElementById("cite-" + anchor).content.querySelectorAll(".cite-form")
    (a template's content is an inert DocumentFragment: nothing in it renders or runs), and the
    box's with document.querySelectorAll("#cite-this-page .cite-form").
  - To copy a form: text/html is the element's innerHTML, text/plain its textContent. Both are
    exactly what the processor rendered (the only markup is <i>; the tests check both). Nothing
    here is script or JSON; the JavaScript reads the DOM (textContent, innerHTML, cloneNode) and
    never builds HTML from strings.
The caller puts the templates anywhere in the chapter page's <body> (after the notes, say) and the
box after the chapter's last paragraph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup

from .citation import CitedEdition
from .citestyles import STYLES, Citations, Forms, RenderedCitation, Style

FORMS = ("citation", "entry")


def form_name(style: Style, form: str) -> str:
    """What a form is called: "note", "bibliography", "in-text citation", "works cited", "reference"."""
    info = STYLES[style]
    return info.citation if form == "citation" else info.entry


def _rendered(forms: Forms, form: str) -> RenderedCitation:
    return forms.citation if form == "citation" else forms.entry


def _form_attributes(style: Style, form: str, classes: str = "cite-form") -> Markup:
    label = f"{STYLES[style].name.split(' (')[0]} {form_name(style, form)}"  # "Chicago note"
    return Markup(' class="{}" data-cite-style="{}" data-cite-form="{}" data-cite-label="{}"').format(
        classes, style.value, form, label
    )


def _paper(form: str) -> str:
    """On paper the box gives each style's bibliography form: a note or an in-text citation is
    written into the reader's own text, from the site."""
    return "" if form == "entry" else " medium-screen"


def cite_box(facts: CitedEdition, citations: Citations, key: str, downloads: Sequence[tuple[str, str]] = ()) -> Markup:
    """The "Cite this page" box of a chapter page: each style's forms of the section (Chicago's
    note first; MLA's and APA's entry first, their main form), the link, and the downloads
    ((label, href) pairs, e.g. citefiles.download_links)."""
    rows = []
    for style in Style:
        for form in FORMS if style is Style.CHICAGO else FORMS[::-1]:
            rows.append(
                Markup('<dt class="cite-term{}">{}, {}</dt>\n<dd{}>{}</dd>').format(
                    _paper(form),
                    STYLES[style].name,
                    form_name(style, form),
                    _form_attributes(style, form, "cite-form" + _paper(form)),
                    _rendered(citations.sections[key][style], form).html,
                )
            )
    parts = [
        # Not searched (tools/publish/searchindex.py): the forms repeat the edition's description on every page.
        Markup(
            '<section class="cite-box" id="cite-this-page" aria-labelledby="cite-this-page-title" data-index-skip="">'
        ),
        Markup('<h2 id="cite-this-page-title">Cite this page</h2>'),
        Markup('<dl class="cite-forms">'),
        *rows,
        Markup("</dl>"),
        Markup('<p class="cite-link">Link: <a class="cite-url" href="{0}">{0}</a></p>').format(facts.section(key).url),
    ]
    if downloads:
        links = Markup(", ").join(
            Markup('<a href="{}" download>{}</a>').format(href, label) for label, href in downloads
        )
        parts.append(Markup('<p class="cite-downloads medium-screen">For reference managers: {}</p>').format(links))
    parts.append(Markup("</section>"))
    return Markup("\n").join(parts)


def citation_list(forms: Mapping[Style, Forms], template_id: str) -> Markup:
    """A passage's forms as a visible list (the teachers' page) and as the copy toolbar's template."""
    rows = Markup("").join(
        Markup("<dt>{}, {}</dt><dd{}>{}</dd>").format(
            STYLES[style].name,
            form_name(style, form),
            _form_attributes(style, form),
            _rendered(forms[style], form).html,
        )
        for style in Style
        for form in (FORMS if style is Style.CHICAGO else FORMS[::-1])
    )
    inner = Markup("").join(
        Markup("<p{}>{}</p>").format(_form_attributes(style, form), _rendered(forms[style], form).html)
        for style in Style
        for form in FORMS
    )
    return Markup(
        '<dl class="cite-forms medium-screen">{}</dl><div class="cite-templates medium-screen" hidden><template class="cite-template" id="{}">{}</template></div>'
    ).format(rows, template_id, inner)


def copy_templates(facts: CitedEdition, citations: Citations, key: str) -> Markup:
    """The copy toolbar's data for one section: a <template> per paragraph and quotation."""
    section = facts.section(key)
    anchors = [(pid, "paragraph", f"{section.url}#{pid}") for pid in section.paragraph_ids]
    anchors += [(q.id, "quotation", q.url) for q in facts.quotations if q.section == key]
    templates = []
    for anchor, kind, url in anchors:
        forms = Markup("\n").join(
            Markup("<p{}>{}</p>").format(
                _form_attributes(style, form), _rendered(citations.anchors[anchor][style], form).html
            )
            for style in Style
            for form in FORMS
        )
        templates.append(
            Markup(
                '<template class="cite-template" id="cite-{0}" data-cite-anchor="{0}" data-cite-kind="{1}">\n'
                '{2}\n<p class="cite-url">{3}</p>\n</template>'
            ).format(anchor, kind, forms, url)
        )
    return Markup("\n").join(templates)
