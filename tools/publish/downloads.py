"""The exported files the site offers (site/downloads/), and what it says about each: its page count
and size, measured on the file when the site is built, never typed by hand.

The exporter records each file's size, SHA-256 and page count in dist/.downloads.json; the online
build's post-build step (tools/publish/engine.py), once the exports are made, reads the files
themselves and takes a page count only from a record whose hash matches, so a figure is never shown
for a file it was not measured on. The offline build comes before the exports: its pages show none.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import re2
from markupsafe import Markup

from .paths import output_path

NAME = "secret-history-19"
ZIP_NAME = f"{NAME}-offline.zip"
HTML_NAME = f"{NAME}.html"
EPUB_NAME = f"{NAME}.epub"
PDF_NAME = f"{NAME}.pdf"
HANDOUT_A4 = f"{NAME}-handout-a4.pdf"
HANDOUT_LETTER = f"{NAME}-handout-letter.pdf"
WORKSHEET = f"{NAME}-worksheet.pdf"
WORKSHEET_KEY = f"{NAME}-worksheet-key.pdf"
EXPORTS = (ZIP_NAME, HTML_NAME, EPUB_NAME, PDF_NAME, HANDOUT_A4, HANDOUT_LETTER, WORKSHEET, WORKSHEET_KEY)
# What a reader can download from the offline copy itself (the zip cannot hold itself).
IN_ZIP = tuple(name for name in EXPORTS if name != ZIP_NAME)
DOWNLOADS = "downloads"
MANIFEST = ".downloads.json"
# On a page: <!-- download: secret-history-19.pdf --> becomes " (47 pages, 318 KiB)" once the file is made.
MARKER = re2.compile(r"<!-- download: ([a-z0-9.-]+) -->")


@dataclass(frozen=True)
class Figures:
    size: int  # bytes
    pages: int | None  # for a PDF

    def text(self) -> str:
        """'6 pages, 118 KiB'"""
        size = f"{self.size / 1024:.0f} KiB" if self.size < 1024 * 1024 else f"{self.size / 1024 / 1024:.1f} MiB"
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''}, " if self.pages else ""
        return pages + size


def record(dist: Path, pages: dict[str, int], sources: dict[str, str]) -> None:
    """Write dist/.downloads.json for the files just exported (`pages`: page counts of the PDFs;
    `sources`: the key of what each PDF was rendered from, tools/publish/export.py)."""
    entries = {}
    for name in EXPORTS:
        path = dist / name
        if path.is_file():
            data = path.read_bytes()
            entries[name] = {
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "pages": pages.get(name),
                "source": sources.get(name),
            }
    (dist / MANIFEST).write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def probably_unchanged(dist: Path, inputs: list[Path]) -> bool:
    """A cheap guess, before anything is built: were the PDFs in `dist` made after every file of
    `inputs` (folders walked) last changed? Only decides whether to start the PDF workers early."""
    try:
        made = (dist / MANIFEST).stat().st_mtime_ns
    except OSError:
        return False
    for root in inputs:
        for path in root.rglob("*") if root.is_dir() else (root,):
            if "__pycache__" not in path.parts and path.is_file() and path.stat().st_mtime_ns > made:
                return False
    return True


def rendered_before(dist: Path, name: str, source: str) -> int | None:
    """The page count of dist/`name` if it is, unchanged, the PDF rendered from `source` (a key of
    the document, the renderer's version and the fonts), else None: render it again."""
    try:
        entry = json.loads((dist / MANIFEST).read_text(encoding="utf-8")).get(name)
        data = (dist / name).read_bytes()
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(entry, dict) or entry.get("source") != source or not isinstance(entry.get("pages"), int):
        return None
    return int(entry["pages"]) if entry.get("sha256") == hashlib.sha256(data).hexdigest() else None


def measured(dist: Path) -> dict[str, Figures]:
    """The figures of every exported file in `dist`, from the files themselves."""
    try:
        entries = json.loads((dist / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = {}
    found = {}
    for name in EXPORTS:
        path = dist / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        entry = entries.get(name) if isinstance(entries, dict) else None
        pages = None
        if (
            isinstance(entry, dict)
            and entry.get("sha256") == hashlib.sha256(data).hexdigest()
            and isinstance(entry.get("pages"), int)
        ):
            pages = entry["pages"]
        found[name] = Figures(len(data), pages)
    return found


def with_figures(text: str, figures: dict[str, Figures]) -> str:
    """A page (Markdown or built HTML) with each download marker replaced by the file's figures, or
    by nothing. The figures are digits and units: nothing to escape."""
    return str(MARKER.sub(lambda m: f" ({figures[m.group(1)].text()})" if m.group(1) in figures else "", text))


def fill_figures(site_dir: Path, figures: dict[str, Figures]) -> None:
    """Every built page's download markers filled (before the output guard reads the pages)."""
    for page in site_dir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        if MARKER.search(html):
            page.write_text(with_figures(html, figures), encoding="utf-8")


# The teachers' page: what to print for a class, and the rest (the editors' words about the files).
TEACHING = (
    (
        HANDOUT_A4,
        "The chapter as a handout, A4",
        "the text with its footnotes, editor’s notes, paragraph numbers and a QR code",
    ),
    (HANDOUT_LETTER, "The chapter as a handout, US Letter", "the same handout on Letter paper"),
    (WORKSHEET, "A worksheet", "questions on each quotation that send students to the footnotes and the apparatus"),
    (WORKSHEET_KEY, "The worksheet’s key, for the teacher", "the source list’s answers, with what is not known"),
    (PDF_NAME, "The whole edition as a PDF, A4", "the chapter and the whole apparatus"),
    (EPUB_NAME, "An EPUB e-book", "for phones, tablets and e-readers"),
    (HTML_NAME, "One HTML file", "the whole edition in one page that runs no script"),
    (ZIP_NAME, "The whole site as a zip", "to use without a network"),
)


DOWNLOADS_LIST = "<!-- downloads -->"  # where an editors' page (docs/offline.md) wants the list


def download_list(offline: bool, site_url: str) -> Markup:
    """Every handout and download, each with its marker for the figures (filled once it is made).
    The offline copies link to the zip where it is published: it cannot hold itself."""
    items = []
    for name, label, about in TEACHING:
        href = f"{site_url}{DOWNLOADS}/{name}" if offline and name == ZIP_NAME else f"{DOWNLOADS}/{name}"
        shown = Markup("<!-- download: {} -->").format(name)
        items.append(
            Markup('<li><a href="{}" download><strong>{}</strong></a>{}: {}.</li>').format(href, label, shown, about)
        )
    return Markup('<ul class="downloads">{}</ul>').format(Markup("").join(items))


def teaching_section(offline: bool, site_url: str) -> Markup:
    """The teachers' page's list of handouts and downloads."""
    return Markup(
        '\n<h2 id="handouts">Handouts and downloads</h2>\n'
        "<p>Made from this version of the edition, for printing or for a class without a network.</p>\n{}\n"
    ).format(download_list(offline, site_url))


def publish_downloads(site_dir: Path, dist: Path) -> list[Path]:
    """Copy the exported files into <site>/downloads/, where docs/offline.md links to them.

    For the online build only (never the offline one, or the zip would swallow the previous
    zip). Missing files are skipped: run the export first."""
    copied = []
    for name in EXPORTS:
        if (dist / name).is_file():
            target = output_path(site_dir, f"{DOWNLOADS}/{name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(dist / name, target)
            copied.append(site_dir / DOWNLOADS / name)
    return copied
