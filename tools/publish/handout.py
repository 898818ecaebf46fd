"""The classroom handout (dist/secret-history-19-handout-a4.pdf and -handout-letter.pdf): the chapter
alone, as the offline build has it, on at most 6 pages of A4 or US Letter.

It holds the chapter's four sections with their ¶ numbers, the footnotes at the foot of the page
that calls them (numbered 1–7 through the chapter, as everywhere in the edition, so "note 5" is one
note), the editor's notes boxed, and, at its head, what the text is, the version, the edition's
address with a QR code, and how to read the page: the statuses' meanings as the source list gives
them. The wording is for paper (the editors' `medium-paper` words, tools/publish/bookpages.py).
Links are not printed: the QR code and the address lead to every one of them online.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ..guard.problem import Allowed
from ..model.edition import Checked
from ..model.html import local, markup
from .bookmeta import BookMeta
from .bookpages import Page
from .fonts import Face
from .pdf import STYLESHEET, font_faces, head, print_pages, qr

EXPORT = "the handout"
SIZES = {"a4": "A4", "letter": "letter"}


def masthead(meta: BookMeta, checked: Checked) -> Markup:
    """What the handout is and how to read it: from the edition's facts and the source list."""
    legend = Markup("").join(
        Markup('<li><span class="status status-{}">{}</span> {}</li>').format(name, status.label, status.meaning)
        for name, status in checked.sources.statuses.items()
    )
    return Markup(
        '<header class="masthead">\n{qr}\n'
        '<p class="kind">A classroom handout from the documentary edition · version of {version}</p>\n'
        '<p class="what">{description}</p>\n'
        '<p class="where">The edition online, with every source and the full notes: <a class="url" href="{url}">{url}</a></p>\n'
        '<div class="how"><p><strong>How to read this handout.</strong> The chapter’s words are printed as the machine translation has '
        "them, errors included. The numbers in the margin are paragraph numbers (cite <i>para. 5</i>). A raised number "
        "calls a footnote at the foot of the page: it names the speaker, the trial and the sources, and gives the "
        "quotation a status. Boxed notes, and headings marked <i>(editor’s heading)</i>, are the editors’, not {author}’s.</p>\n"
        '<ul class="legend">{legend}</ul></div>\n'
        '<p class="running-foot">{title} · a classroom handout · version of {version} · {url}</p>\n</header>'
    ).format(
        title=meta.title,
        qr=Markup(markup(qr(meta.url, "the edition online"))),
        version=meta.version,
        description=meta.description,
        url=meta.url,
        legend=legend,
        author=checked.author,
    )


def handout_document(
    pages: list[Page], meta: BookMeta, checked: Checked, allowed: Allowed, faces: Sequence[Face], size: str
) -> str:
    """The handout as one HTML document for WeasyPrint, on paper of `size` ("a4" or "letter")."""
    chapter = {section.html for section in checked.sections}
    pages = print_pages([p for p in pages if p.name in chapter], meta, allowed, EXPORT, full=False)
    for index, page in enumerate(pages):
        if index:  # one title for the handout: each later page's title is a section heading
            for heading in page.body.iter():
                if local(heading.tag) == "h1":
                    heading.tag = "h2"
    css = (
        font_faces(faces)
        + "\n"
        + STYLESHEET.read_text(encoding="utf-8")
        + "\n"
        + HANDOUT_CSS.replace("SIZE", SIZES[size])
    )
    body = Markup("\n").join([masthead(meta, checked), *(Markup(markup(p.body)) for p in pages)])
    return str(
        Markup(
            '<!DOCTYPE html>\n<html lang="{}">\n<head>\n{}\n</head>\n<body class="handout">\n{}\n</body>\n</html>\n'
        ).format(meta.language, head(meta, f"{meta.title}: a classroom handout", css), body)
    )


# After pdf.css: the handout is the chapter alone, set closer, its notes smaller.
HANDOUT_CSS = """
@page {
  size: SIZE;
  margin: 12mm 14mm 14mm 21mm;
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-left { content: element(foot); }
  @bottom-center { content: none; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 7pt "Edition Sans"; color: #444; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } @bottom-right { content: counter(page) " / " counter(pages); font: 7pt "Edition Sans"; color: #444; } }
.running-foot { position: running(foot); font: 7pt "Edition Sans"; color: #444; margin: 0; }
html { font: 9.8pt/1.36 "Edition Serif"; }
.masthead { display: flow-root; font: 8pt/1.35 "Edition Sans"; border-bottom: .75pt solid #000; padding-bottom: 2mm; margin-bottom: 3mm; }
.masthead svg.qr { float: right; width: 24mm; height: 24mm; margin: 0 0 1mm 4mm; }
.masthead p { margin: 0 0 1.2mm; }
.masthead .kind { font-weight: bold; font-size: 9pt; }
.masthead .how p { margin: 1.5mm 0 1mm; }
.masthead .legend { list-style: none; padding: 0; margin: 0; }
.masthead .legend li { margin: 0 0 .6mm; }
section.page { break-before: auto; }
h1 { font-size: 15pt; margin: 2mm 0 1mm; }
h2 { font-size: 11.5pt; margin: 4mm 0 1mm; }
p { margin: 0 0 1.6mm; }
.print-url { margin: 0 0 2mm; font-size: 7pt; }
aside.editorial { margin: 1.5mm 0 2.5mm; padding: 1.2mm 2.5mm; font: 7.6pt/1.3 "Edition Sans"; }
aside.editorial p { margin: 0 0 .8mm; }
.footnote { font: 7.2pt/1.25 "Edition Sans"; padding-top: .8mm; }
"""
