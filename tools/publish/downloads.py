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

from ..site.downloads import DOWNLOADS, Files
from .paths import output_path

MANIFEST = ".downloads.json"


@dataclass(frozen=True)
class Figures:
    size: int  # bytes
    pages: int | None  # for a PDF

    def text(self) -> str:
        """'6 pages, 118 KiB'"""
        size = f"{self.size / 1024:.0f} KiB" if self.size < 1024 * 1024 else f"{self.size / 1024 / 1024:.1f} MiB"
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''}, " if self.pages else ""
        return pages + size


def record(dist: Path, files: Files, pages: dict[str, int], sources: dict[str, str]) -> None:
    """Write dist/.downloads.json for the files just exported (`pages`: page counts of the PDFs;
    `sources`: the key of what each PDF was rendered from, tools/publish/export.py)."""
    entries = {}
    for name in files.all:
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


def measured(dist: Path, files: Files) -> dict[str, Figures]:
    """The figures of every exported file in `dist`, from the files themselves."""
    try:
        entries = json.loads((dist / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = {}
    found = {}
    for name in files.all:
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


def publish_downloads(site_dir: Path, dist: Path, files: Files) -> list[Path]:
    """Copy the exported files into <site>/downloads/, where docs/offline.md links to them.

    For the online build only (never the offline one, or the zip would swallow the previous
    zip). Missing files are skipped: run the export first."""
    copied = []
    for name in files.all:
        if (dist / name).is_file():
            target = output_path(site_dir, f"{DOWNLOADS}/{name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(dist / name, target)
            copied.append(site_dir / DOWNLOADS / name)
    return copied
