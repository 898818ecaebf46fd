"""The print edition (dist/secret-history-19.pdf, A4), made from the built offline site with
WeasyPrint: CSS paged media gives what browser printing cannot, namely footnotes at the foot of
the page where they are called (`float: footnote`), a table of contents with page numbers
(`target-counter`), running headers, and a tagged PDF, without a browser.

The document: a title page (the edition's statement of what the text is, the original's
author, the rights, the published address and the page of the QR codes), the contents, then the
pages of the book in nav order (xhtml.book_pages): the chapter with its paragraph numbers in the
margin and its editor's notes boxed; the teachers' page (a link, citations and a QR code for
every section and quotation); the apparatus (people, quotations, trials, sources).

No request leaves the machine: the only URLs WeasyPrint may open are the font files fontconfig
found (tools/publish/fonts.py; LocalOnly refuses everything else and stops the export), and the
text uses no other font.
"""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as ET
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..model.escape import html_attr, html_text
from .bookmeta import BookMeta
from .builtpages import ExportError
from .fonts import Face, find_faces
from .singlefile import duplicates, page_anchor
from .xhtml import BookPage, Note, book_pages, classes, markup, parents, remove, take_notes, text_of

STYLESHEET = Path(__file__).with_name("pdf.css")
# The generated teachers' page (tools/site/teachers.py): a QR code for each section and quotation
# at its published address. The title page sends the reader there.
QR_PAGE = "teachers.html"
# What WeasyPrint loads through cffi (Debian's packages: .ci/install-system-deps).
LIBRARIES = "install Debian's libpangoft2-1.0-0 and libharfbuzz-subset0 (bash .ci/install-system-deps)"


def link(page: str, fragment: str) -> str:
    """One document: a link to another page is a link to its section (ids are unique)."""
    return "#" + (fragment or page_anchor(page))


def font_faces(faces: Sequence[Face]) -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{f.family}"; font-weight: {f.weight}; font-style: {f.style}; '
        f'src: url("{f.file.as_uri()}"); }}'
        for f in faces
    )


def footnotes(page: BookPage) -> None:
    """Each footnote moves to where it is called, as a `float: footnote` span carrying the
    site's number for the call and the marker; the back-link has no use on paper."""
    for note in take_notes(page.body, page.name):
        inline_note(page.body, note)


def inline_note(root: ET.Element, note: Note) -> None:
    span = ET.Element("span", {"class": "footnote", "id": note.ident, "data-number": note.number})
    paragraphs = [p for p in note.item if p.tag == "p"] or [note.item]
    for index, paragraph in enumerate(paragraphs):
        up = parents(paragraph)
        for back in [a for a in paragraph.iter("a") if "footnote-backref" in classes(a)]:
            remove(back, up[back])
        if index:
            part = ET.SubElement(span, "span", {"class": "note-break"})
            part.text = " "
        if len(span):
            span[-1].tail = (span[-1].tail or "") + (paragraph.text or "")
        else:
            span.text = (span.text or "") + (paragraph.text or "")
        span.extend(list(paragraph))
    _strip_end(span)
    up = parents(root)
    holder = up[note.call]
    index = list(holder).index(note.call)
    span.tail = note.call.tail
    holder.remove(note.call)
    holder.insert(index, span)


def _strip_end(span: ET.Element) -> None:
    """The space (a no-break space on the site) that stood before the back-link."""
    if len(span):
        span[-1].tail = (span[-1].tail or "").rstrip(" \n\u00a0") or None
    else:
        span.text = (span.text or "").rstrip(" \n\u00a0")


def title_page(meta: BookMeta, pages: Sequence[BookPage]) -> str:
    e = html_text
    parts = ['<section class="title-page">', f'<h1 class="book-title">{e(meta.title)}</h1>']
    if meta.author:
        parts.append(f'<p class="author">{e(meta.author)}<br><span class="role">author of the original</span></p>')
    parts.append(f'<p class="statement">{e(meta.site.description)}</p>')
    if meta.site.url:
        url = e(meta.site.url)
        address = f'The edition online, with every link of this handout:<br><a class="url" href="{html_attr(meta.site.url)}">{url}</a>'
        if any(p.name == QR_PAGE for p in pages):  # the page number comes from target-counter (pdf.css)
            address += f'<br>QR codes for every section and quotation: <a class="page-ref" href="#{page_anchor(QR_PAGE)}">For teachers</a>'
        parts.append(f'<p class="address">{address}</p>')
    if meta.rights:
        parts.append(f'<p class="rights">{e(meta.rights)}</p>')
    parts.append(f'<p class="modified">This copy: {meta.modified.day} {meta.modified:%B %Y}.</p>\n</section>')
    return "\n".join(parts)


def contents(pages: Sequence[BookPage]) -> str:
    entries = "\n".join(f'<li><a href="#{page_anchor(p.name)}">{html_text(p.title)}</a></li>' for p in pages)
    return f'<nav class="contents" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n{entries}\n</ol>\n</nav>'


def print_document(site: Path, meta: BookMeta, faces: Sequence[Face] | None = None) -> str:
    """The whole print edition as one HTML document for WeasyPrint."""
    pages = book_pages(site, meta.site, link)
    # One document: every page's ids must be unique in it, or a link lands on the wrong page.
    if dup := duplicates(e.get("id", "") for p in pages for e in p.body.iter() if e.get("id")):
        raise ExportError(f"ids used more than once across pages (links would break): {', '.join(dup)}")
    sections = []
    for page in pages:
        footnotes(page)
        page.body.set("data-title", page.title)  # the running header (string-set)
        for a in page.body.iter("a"):
            if a.get("href") and text_of(a).strip() == a.get("href"):
                a.set("class", " ".join([*classes(a), "url"]))  # its words are its address: printed once
        sections.append(markup(page.body))
    e = html_text
    head = [
        '<meta charset="utf-8">',
        f"<title>{e(meta.title)}</title>",
        f'<meta name="description" content="{html_attr(meta.site.description)}">',
        f'<meta name="dcterms.created" content="{meta.stamp}">',
        f'<meta name="dcterms.modified" content="{meta.stamp}">',
    ]
    if meta.author:
        head.append(f'<meta name="author" content="{html_attr(meta.author)}">')
    css = font_faces(find_faces() if faces is None else faces) + "\n" + STYLESHEET.read_text(encoding="utf-8")
    return (
        f'<!DOCTYPE html>\n<html lang="{html_attr(meta.language)}">\n<head>\n'
        + "\n".join(head)
        + f"\n<style>\n{css}\n</style>\n</head>\n<body>\n{title_page(meta, pages)}\n{contents(pages)}\n"
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )


def local_only(files: Collection[Path]) -> Any:
    """A WeasyPrint URL fetcher that opens only the font `files` and stops the export at any
    other URL (http, https, data, another file): the print edition makes no request."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    fonts = {file.resolve() for file in files}

    def allowed(url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        return Path(url2pathname(parts.path)).resolve() in fonts  # no way out by ../ or %2e%2e

    class LocalOnly(URLFetcher):  # type: ignore[misc]  # weasyprint has no type information
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
            self.requested: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            self.requested.append(url)
            if not allowed(url):
                raise FatalURLFetchingError(f"the print edition may not request {url}")
            return super().fetch(url, headers)

    return LocalOnly()


def load_weasyprint() -> Any:
    """The weasyprint module, or ExportError in one line if it cannot load its libraries
    (WeasyPrint prints a paragraph of its own first: kept out of the output)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except (OSError, ImportError) as error:
        raise ExportError(f"WeasyPrint (the PDF) cannot load its libraries ({error}); {LIBRARIES}") from None
    return weasyprint


def render_pdf(document: str, target: Path, identifier: str, faces: Sequence[Face] | None = None) -> list[str]:
    """Render an HTML document to a tagged PDF; the URLs WeasyPrint requested (font files only,
    or ExportError)."""
    weasyprint = load_weasyprint()
    fetcher = local_only([f.file for f in (find_faces() if faces is None else faces)])
    try:
        rendered = weasyprint.HTML(string=document, url_fetcher=fetcher).render()
        rendered.write_pdf(target, pdf_tags=True, pdf_identifier=identifier.encode("ascii"))
    except weasyprint.urls.FatalURLFetchingError as error:
        raise ExportError(str(error)) from None
    return list(fetcher.requested)


def write_pdf(site: Path, meta: BookMeta, target: Path) -> list[str]:
    faces = find_faces()
    return render_pdf(print_document(site, meta, faces), target, meta.identifier, faces)
