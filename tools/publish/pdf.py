"""The printed exports, with WeasyPrint: CSS paged media gives what browser printing cannot, namely
footnotes at the foot of the page that calls them (`float: footnote`), a table of contents with page
numbers (`target-counter`), running heads and a tagged PDF, without a browser.

- `full_document()`: the whole edition (dist/secret-history-19.pdf, A4): a title page, the contents,
  then every page of the site in navigation order but "Read offline": the chapter with its ¶
  numbers in the margin, its footnotes at the foot of the page and its editor's notes boxed, then
  the teachers' page and the apparatus. Each page's address is printed under its title with its
  QR code; a link that leaves the edition has its address printed after it.
- `print_pages()`: what every printed export does to the offline build's pages (also the handout,
  tools/publish/handout.py): the paper wording, the editors' headings marked in words, the name
  cards out (paper has the People pages, or the editor's notes), the guard's check, the footnotes
  moved to their calls, the ¶ numbers made part of their paragraph's first line, so that the number
  can never be left at the foot of a page while its paragraph starts on the next.
- `render()`: HTML to PDF. No request leaves the machine: WeasyPrint may open only the font files
  fontconfig found (tools/publish/fonts.py); any other URL stops the export.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import signal
import time
import xml.etree.ElementTree as ET
from collections.abc import Collection, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from markupsafe import Markup

from ..guard.problem import Allowed
from ..model.html import classes, local, markup, parse_fragment, text_of
from ..model.kindpages import kind_of_page
from ..model.urls import scheme_of
from ..site.sourcespage import kind_title
from ..site.teachers import qr_svg
from .bookmeta import BookMeta
from .bookpages import (
    ExportFailed,
    Page,
    Relinker,
    element,
    for_medium,
    mark_editor_headings,
    note_content,
    page_anchor,
    replaced,
    splice,
    take_cards,
    take_notes,
)
from .exportcheck import guarded
from .fonts import Face, find_faces

STYLESHEET = Path(__file__).with_name("pdf.css")
EXPORT = "the PDF"
# What WeasyPrint loads through cffi (Debian's packages: .ci/install-system-deps).
LIBRARIES = "install Debian's libpangoft2-1.0-0 and libharfbuzz-subset0 (bash .ci/install-system-deps)"


# --- the pages, for paper ------------------------------------------------------------------------


def footnotes(page: Page) -> None:
    """Each note moves to its call, as a `float: footnote` span carrying the chapter's number."""
    standing: dict[int, list[ET.Element]] = {}
    for note in take_notes(page):
        span = element("span", None, class_="footnote", id=note.ident, data_number=note.number)
        for index, paragraph in enumerate(note_content(note)):
            if index:
                span.append(element("span", " ", class_="note-break"))
            if len(span):
                span[-1].tail = (span[-1].tail or "") + (paragraph.text or "")
            else:
                span.text = (span.text or "") + (paragraph.text or "")
            span.extend(list(paragraph))
        span.tail = note.call.tail
        standing[id(note.call)] = [span]
    replaced(page.body, standing)


def plain_names(page: Page) -> None:
    """A name in the chapter is its words on paper (who is meant: People, and the editor's notes)."""
    splice(page.body, lambda a: "unwrap" if "person" in classes(a) and local(a.tag) == "a" else None)


def hang_numbers(page: Page) -> None:
    """A ¶ number is the first thing of its paragraph's first line, never a box of its own."""
    for number in [a for a in page.body.iter() if "para-number" in classes(a)]:
        number.attrib.pop("href", None)
        number.tag = "span"


def qr(url: str, label: str) -> ET.Element:
    """The site's QR code (tools/site/teachers.py), scalable: with the viewBox its size needs."""
    svg = next(iter(parse_fragment(str(qr_svg(url, label)))))
    scalable(svg)
    return svg


def scalable(svg: ET.Element) -> None:
    if "viewBox" not in svg.attrib and svg.get("width") and svg.get("height"):
        svg.set("viewBox", f"0 0 {svg.get('width')} {svg.get('height')}")


def addresses(page: Page, site_url: str, full: bool) -> None:
    """In the `full` edition, the page's printed address gets its QR code, and a link
    that leaves the edition shows its address after its words (unless its words are the address).
    The handout prints neither: its one QR code leads to them all."""
    for svg in [s for s in page.body.iter() if local(s.tag) == "svg"]:
        scalable(svg)
    for printed in [p for p in page.body.iter() if "print-url" in classes(p)]:
        url = text_of(printed).strip()
        if full and url.startswith(site_url):
            printed.insert(0, qr(url, f"the page {page.title} online"))
            printed.set("class", "print-url with-qr")
    for a in page.body.iter() if full else ():
        href = a.get("href", "")
        if local(a.tag) == "a" and scheme_of(href) in ("http", "https") and not href.startswith(site_url):
            if text_of(a).strip() != href:
                a.set("class", " ".join([*sorted(classes(a)), "print-address"]))


def print_pages(pages: list[Page], meta: BookMeta, allowed: Allowed, export: str, *, full: bool = True) -> list[Page]:
    """The pages as paper shows them (changed in place), one document: ids unique across pages."""
    relinker = Relinker(pages, meta.url, one_document=True)
    for page in pages:
        for_medium(page.body, "paper")
        mark_editor_headings(page.body)
        take_cards(page)
        relinker.relink(page)
        guarded(export, page, allowed, "paper")
        footnotes(page)
        plain_names(page)
        hang_numbers(page)
        addresses(page, meta.url, full)
        page.body.set("data-title", printed_title(page))  # the running head (string-set)
        if runs_on(page):
            page.body.set("class", "page continued")
    return pages


def runs_on(page: Page) -> bool:
    """A later part of a kind's full entries (sources-primary-2.html, tools/model/kindpages.py): the
    site pages a heavy kind for the first view's weight; on paper it runs on from the part before,
    under its own heading and address, in the one chapter of the kind."""
    kind = kind_of_page(page.name)
    return kind is not None and kind[1] > 1


def printed_title(page: Page) -> str:
    """The title in the contents and the running head: a kind's full entries are one chapter."""
    kind = kind_of_page(page.name)
    return kind_title(kind[0]) if kind is not None else page.title


# --- the full edition ---------------------------------------------------------------------------


def title_page(meta: BookMeta, pages: Sequence[Page]) -> Markup:
    parts = [Markup('<section class="title-page">\n<h1 class="book-title">{}</h1>').format(meta.title)]
    if meta.author:
        parts.append(
            Markup('<p class="author">{}<br><span class="role">author of the original</span></p>').format(meta.author)
        )
    parts.append(Markup('<p class="statement">{}</p>').format(meta.description))
    parts.append(
        Markup('<p class="credits">The text: {}.<br>Edited by {}.</p>').format(meta.translation, meta.editors_line)
    )
    teachers = next((p for p in pages if p.name == "teachers.html"), None)
    codes = (
        Markup(
            '<br>A link and a QR code for every section and quotation: <a class="page-ref" href="#{}">For teachers</a>'
        ).format(page_anchor(teachers.name))
        if teachers
        else ""
    )
    parts.append(
        Markup('<div class="address">{}<p>The edition online:<br><a class="url" href="{}">{}</a>{}</p></div>').format(
            Markup(markup(qr(meta.url, "the edition online"))), meta.url, meta.url, codes
        )
    )
    parts.append(Markup('<p class="version">Version of {}.</p>').format(meta.version))
    if meta.rights:
        parts.append(Markup('<p class="rights">{}</p>').format(meta.rights))
    parts.append(Markup("</section>"))
    return Markup("\n").join(parts)


def contents(pages: Sequence[Page]) -> Markup:
    entries = Markup("\n").join(
        Markup('<li><a href="#{}">{}</a></li>').format(page_anchor(p.name), printed_title(p))
        for p in pages
        if not runs_on(p)
    )
    return Markup('<nav class="contents" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n{}\n</ol>\n</nav>').format(
        entries
    )


def head(meta: BookMeta, title: str, css: str) -> Markup:
    return Markup(
        '<meta charset="utf-8">\n<title>{title}</title>\n<meta name="description" content="{description}">\n'
        '<meta name="author" content="{author}">\n<meta name="dcterms.created" content="{date}">\n'
        '<meta name="dcterms.modified" content="{date}">\n<style>\n{css}\n</style>'
    ).format(
        title=title,
        description=meta.description,
        author=meta.author or meta.editors_line,
        date=meta.stamp,
        css=Markup(css),
    )


def full_document(pages: list[Page], meta: BookMeta, allowed: Allowed, faces: Sequence[Face]) -> str:
    """The whole edition as one HTML document for WeasyPrint: `pages`, the book's (bookpages.in_the_books)."""
    pages = print_pages(pages, meta, allowed, EXPORT)
    css = font_faces(faces) + "\n" + STYLESHEET.read_text(encoding="utf-8")
    body = Markup("\n").join([title_page(meta, pages), contents(pages), *(Markup(markup(p.body)) for p in pages)])
    return str(
        Markup(
            '<!DOCTYPE html>\n<html lang="{}">\n<head>\n{}\n</head>\n<body class="full">\n{}\n</body>\n</html>\n'
        ).format(meta.language, head(meta, meta.title, css), body)
    )


# --- WeasyPrint -----------------------------------------------------------------------------------


def font_faces(faces: Sequence[Face]) -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{f.family}"; font-weight: {f.weight}; font-style: {f.style}; src: url("{f.file.as_uri()}"); }}'
        for f in faces
    )


def local_only(files: Collection[Path]) -> Any:
    """A WeasyPrint URL fetcher that opens only the font `files` and stops the export at any other
    URL (http, https, data, another file): the printed exports make no request."""
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
                raise FatalURLFetchingError(f"the printed exports may not request {url}")
            return super().fetch(url, headers)

    return LocalOnly()


def load_weasyprint() -> Any:
    """The weasyprint module, or ExportFailed in one line if it cannot load its libraries
    (WeasyPrint prints a paragraph of its own first: kept out of the output)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except (OSError, ImportError) as error:
        raise ExportFailed(f"WeasyPrint (the PDFs) cannot load its libraries ({error}); {LIBRARIES}") from None
    return weasyprint


@dataclass(frozen=True)
class Rendered:
    path: Path
    pages: int
    requested: tuple[str, ...]  # the URLs WeasyPrint asked for: font files only
    seconds: float = 0.0


def render(document: str, target: Path, identifier: str, faces: Sequence[Face]) -> Rendered:
    """An HTML document as a tagged PDF at `target`."""
    start = time.perf_counter()
    weasyprint = load_weasyprint()
    fetcher = local_only([f.file for f in faces])
    try:
        rendered = weasyprint.HTML(string=document, url_fetcher=fetcher).render()
        rendered.write_pdf(target, pdf_tags=True, pdf_identifier=identifier.encode("ascii"))
    except weasyprint.urls.FatalURLFetchingError as error:
        raise ExportFailed(str(error)) from None
    return Rendered(target, len(rendered.pages), tuple(fetcher.requested), time.perf_counter() - start)


def _warm() -> None:
    """A worker's start: WeasyPrint and the fonts loaded before the first document arrives. Ctrl-C
    is for the process that started it, which stops it; stopped, it ends at once, with no traceback
    (not as its parent, whose handlers it was forked with, would)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(ExportFailed):
        load_weasyprint()
        find_faces()


def _render(document: str, target: Path, identifier: str) -> Rendered:
    return render(document, target, identifier, find_faces())


class Renderer:
    """PDFs rendered in worker processes, side by side with each other and with the other exports.

    The workers start at the first document, or earlier with `start()`: `./edition build` starts
    them before the offline build when PDFs will be rendered, so that they load WeasyPrint while the
    engine runs; forked, they share the loaded code. A failure comes back as the worker's
    ExportFailed, one line; a worker that dies (killed, out of memory) as one too, never a hang
    (concurrent.futures notices a dead worker, where multiprocessing.Pool waits for it for ever)."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork"), initializer=_warm
            )
            for _ in range(self.workers):  # workers start on demand: these start them all now
                self.pool.submit(int)

    def render(self, document: str, target: Path, identifier: str) -> Future[Rendered]:
        self.start()
        assert self.pool is not None
        return self.pool.submit(_render, document, target, identifier)

    def stop(self) -> None:
        """End the workers (whatever they are doing: call it when every result is in, or to give up)."""
        if self.pool is not None:
            # Python 3.14's terminate_workers(); before it, the executor's own table of its processes.
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.terminate()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def rendered(result: Future[Rendered]) -> Rendered:
    """A PDF's render, once done; ExportFailed if its worker failed or died."""
    try:
        return result.result()
    except BrokenProcessPool:
        raise ExportFailed("a PDF worker stopped before its PDF was made (killed, or out of memory?)") from None
