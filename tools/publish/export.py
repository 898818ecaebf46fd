"""The offline edition, made from the one checked offline build (dist/.offline-site) into dist/:

- <slug>.html: the whole edition as one file that runs no script (singlefile.py);
- <slug>.epub: an EPUB 3 (epub.py);
- <slug>.pdf: the whole edition to print, A4 (pdf.py);
- <slug>-handout-a4.pdf, -handout-letter.pdf: the chapter as a classroom handout (handout.py);
- <slug>-worksheet.pdf, -worksheet-key.pdf: questions on each quotation, and the answers
  the source list gives (worksheet.py);
- <slug>-offline.zip: the whole offline site under one top folder, the files above in its
  downloads/, reproducible, to unzip and open index.html from file://.

Each export reads the offline build's pages (already passed by the output guard, and parsed then)
with the one HTML parser, and its content passes the guard's check again. The PDFs are rendered in
worker processes (pdf.Renderer) while this process makes the others. All files are written into a
scratch folder and moved into dist/ together only when all are made, so dist/ never holds half an
export.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..model.edition import Checked
from ..site.downloads import DOWNLOADS, Files
from .bookmeta import book_meta
from .bookpages import ExportFailed, Page, allowed_of, in_the_books, read_pages
from .downloads import record, rendered_before
from .epub import EXPORT as EPUB
from .epub import epub_files, write_epub
from .exportcheck import ExportRefused, complete, located
from .fonts import Face, find_faces
from .handout import EXPORT as HANDOUT
from .handout import handout_document
from .paths import OutputError, output_path
from .pdf import EXPORT as PDF
from .pdf import Rendered, Renderer, full_document, rendered
from .singlefile import EXPORT as SINGLE_FILE
from .singlefile import single_file
from .worksheet import document as worksheet_document
from .ziparchive import write_zip

__all__ = ["ExportFailed", "Exported", "Pending", "Renderer", "export"]
SITE_STYLESHEET = "assets/stylesheets/edition.css"
EXPORT_STYLESHEET = Path(__file__).with_name("export.css")
# The single file runs no script: its notes open as popovers anchored to their calls by CSS alone.
NOTES_STYLESHEET = Path(__file__).with_name("export-notes.css")


@dataclass(frozen=True)
class Exported:
    path: Path
    seconds: float  # to make it (a PDF: to render it, in its worker)
    pages: int | None = None  # a PDF's


def source_key(document: str, faces: Sequence[Face]) -> str:
    """What a PDF is rendered from: the document, WeasyPrint's and pydyf's versions, the font files.
    WeasyPrint writes the same bytes for the same key (no clock, a fixed identifier), so a PDF whose
    key has not changed is not rendered again (`./edition build` and `serve` rebuild often)."""
    digest = hashlib.sha256(document.encode("utf-8"))
    for package in ("weasyprint", "pydyf", "tinyhtml5"):
        digest.update(f"\0{package}={metadata.version(package)}".encode())
    for face in faces:
        stat = face.file.stat()
        digest.update(f"\0{face.file}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


class Pending:
    """Exports under way: the PDFs rendering in the workers, the single file and the EPUB made.
    `finish()` waits for the PDFs, packs the zip and moves everything into dist/ at once; until then
    the caller may do other work (`./edition build` runs the online build meanwhile)."""

    def __init__(
        self,
        site: Path,
        dist: Path,
        checked: Checked,
        site_url: str,
        contact: str | None,
        project: Path,
        trees: Mapping[str, ET.Element] | None = None,
        renderer: Renderer | None = None,
    ) -> None:
        dist.mkdir(parents=True, exist_ok=True)
        self.site, self.dist = site, dist
        self.files = Files(checked.sources.edition.slug)
        self.folder = Path(tempfile.mkdtemp(dir=dist, prefix=".export-"))
        self.workers = renderer or Renderer()
        try:
            self._start(checked, site_url, contact, project, trees)
        except ExportRefused as refused:  # what an export holds of a page: findings at the input
            self.abandon()
            raise located(refused, project, checked) from None
        except BaseException:
            self.abandon()
            raise

    def _start(
        self,
        checked: Checked,
        site_url: str,
        contact: str | None,
        project: Path,
        trees: Mapping[str, ET.Element] | None,
    ) -> None:
        meta = book_meta(checked, site_url, project)
        allowed = allowed_of(checked, contact, site_url)
        pages = read_pages(self.site, checked, trees, meta.title)
        chapter = checked.sections[0].html if checked.sections else pages[0].name

        books = in_the_books(pages, checked)

        def fresh(which: list[Page] = pages) -> list[Page]:
            return [Page(p.name, p.title, p.kind, copy.deepcopy(p.body)) for p in which]

        def whole(export: str, document: str) -> str:
            complete(export, [document], checked)  # every chapter paragraph, in order, as the reader gets it
            return document

        faces = find_faces()
        self.made: list[Exported] = []
        documents: dict[str, Callable[[], str]] = {
            self.files.pdf: lambda: whole(PDF, full_document(fresh(books), meta, allowed, faces)),  # the longest, first
            self.files.handout_a4: lambda: whole(
                HANDOUT, handout_document(fresh(), meta, checked, allowed, faces, "a4")
            ),
            self.files.handout_letter: lambda: whole(
                HANDOUT, handout_document(fresh(), meta, checked, allowed, faces, "letter")
            ),
            self.files.worksheet: lambda: worksheet_document(meta, checked, allowed, faces, key=False),
            self.files.worksheet_key: lambda: worksheet_document(meta, checked, allowed, faces, key=True),
        }
        self.rendering: dict[str, Future[Rendered]] = {}
        self.sources: dict[str, str] = {}
        for name, make in documents.items():
            document = make()
            self.sources[name] = source_key(document, faces)
            pages_before = rendered_before(self.dist, name, self.sources[name])
            if pages_before is None:
                self.rendering[name] = self.workers.render(document, self.folder / name, meta.identifier)
            else:  # the same document, renderer and fonts make the same bytes: the file in dist/ is it
                shutil.copyfile(self.dist / name, self.folder / name)
                self.made.append(Exported(self.folder / name, 0.0, pages_before))
        start = time.perf_counter()
        css = (
            (self.site / SITE_STYLESHEET).read_text(encoding="utf-8")
            + "\n"
            + EXPORT_STYLESHEET.read_text(encoding="utf-8")
            + "\n"
            + NOTES_STYLESHEET.read_text(encoding="utf-8")
        )
        document = whole(SINGLE_FILE, single_file(fresh(), meta, allowed, css))
        (self.folder / self.files.html).write_text(document, encoding="utf-8")
        self.made.append(Exported(self.folder / self.files.html, time.perf_counter() - start))
        start = time.perf_counter()
        files = epub_files(fresh(books), meta, allowed, chapter)
        complete(EPUB, files.values(), checked)  # in reading order: the files are
        write_epub(files, meta, self.folder / self.files.epub)
        self.made.append(Exported(self.folder / self.files.epub, time.perf_counter() - start))

    def finish(self) -> list[Exported]:
        """Every file, in dist/; ExportFailed (one line) if one could not be made."""
        try:
            for name, result in self.rendering.items():
                made = rendered(result)
                self.made.append(Exported(self.folder / name, made.seconds, made.pages))
            # The zip carries the other files, so that the offline copy's downloads work offline.
            for name in self.files.in_zip:
                target = output_path(self.site, f"{DOWNLOADS}/{name}")
                target.parent.mkdir(exist_ok=True)
                shutil.copyfile(self.folder / name, target)
            start = time.perf_counter()
            write_zip(self.site, self.folder / self.files.zip, f"{self.files.slug}-offline")
            self.made.append(Exported(self.folder / self.files.zip, time.perf_counter() - start))
            targets = [output_path(self.dist, e.path.name) for e in self.made]
            for target in targets:
                os.replace(self.folder / target.name, target)
        except OutputError as error:
            raise ExportFailed(str(error)) from None
        finally:
            self.abandon()
        record(self.dist, self.files, {e.path.name: e.pages for e in self.made if e.pages is not None}, self.sources)
        order = {name: index for index, name in enumerate(self.files.all)}
        return sorted(
            (Exported(self.dist / e.path.name, e.seconds, e.pages) for e in self.made), key=lambda e: order[e.path.name]
        )

    def abandon(self) -> None:
        """Stop the workers and remove the scratch folder (what is already in dist/ stays)."""
        self.workers.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def export(
    site: Path,
    dist: Path,
    checked: Checked,
    site_url: str,
    contact: str | None,
    project: Path,
    trees: Mapping[str, ET.Element] | None = None,
    renderer: Renderer | None = None,
) -> list[Exported]:
    """Every export of the offline build `site` into `dist`; ExportFailed (one line) if one cannot
    be made. `trees`: the build's pages as the guard parsed them; `renderer`: workers already started."""
    return Pending(site, dist, checked, site_url, contact, project, trees, renderer).finish()
