"""The exported files, what the "Read offline" page says of each, and the copy of them the online
site offers (site/downloads/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..model.edition import Download
from .paths import output_path

NAME = "secret-history-19"
ZIP_NAME = f"{NAME}-offline.zip"
HTML_NAME = f"{NAME}.html"
EPUB_NAME = f"{NAME}.epub"
PDF_NAME = f"{NAME}.pdf"
DOWNLOADS = "downloads"
MANIFEST = "manifest.json"  # written by the export: each PDF's page count
# Every export, in the order the page lists them: (name, label, what it is for).
OFFERED = (
    (ZIP_NAME, "The whole site as a zip", "unzip it and open index.html; notes, names and search work without a network."),
    (HTML_NAME, "One HTML file", "the whole edition in one file that runs no script: to e-mail or put on a learning platform."),
    (EPUB_NAME, "An EPUB e-book", "for phones, tablets and e-readers, with the notes as pop-up notes where the reader supports them."),
    (PDF_NAME, "The full edition as a PDF", "A4, with the chapter, its notes and the whole apparatus."),
)
EXPORTS = tuple(name for name, _, _ in OFFERED)


def made(dist: Path, offline: bool) -> tuple[Download, ...]:
    """The exports as one build offers them. Online: those in `dist`, with their sizes and page
    counts. Offline: every export but the zip (the offline copies cannot hold the zip of themselves;
    the export puts the others beside the pages), without sizes, since they are made afterwards."""
    if offline:
        return tuple(Download(name, label, about, 0) for name, label, about in OFFERED if name != ZIP_NAME)
    manifest_path = dist / MANIFEST
    pages = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    return tuple(
        Download(name, label, about, (dist / name).stat().st_size, pages.get(name))
        for name, label, about in OFFERED
        if (dist / name).is_file()
    )


def publish_downloads(site_dir: Path, dist: Path) -> list[Path]:
    """Copy the exported files into <site>/downloads/, where docs/offline.md links to them (for the
    online build only: the zip would otherwise swallow the previous zip). Missing files are skipped."""
    copied = []
    for name in EXPORTS:
        if (dist / name).is_file():
            target = output_path(site_dir, f"{DOWNLOADS}/{name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(dist / name, target)
            copied.append(site_dir / DOWNLOADS / name)
    return copied
