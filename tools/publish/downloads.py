"""The exported files offered by the online site's "Read offline" page (site/downloads/)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .paths import output_path

NAME = "secret-history-19"
ZIP_NAME = f"{NAME}-offline.zip"
HTML_NAME = f"{NAME}.html"
EPUB_NAME = f"{NAME}.epub"
PDF_NAME = f"{NAME}.pdf"
EXPORTS = (ZIP_NAME, HTML_NAME, EPUB_NAME, PDF_NAME)
DOWNLOADS = "downloads"


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
