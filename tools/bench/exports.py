"""The offline exports one by one: how long each takes to make from a built offline site, and
how many bytes it is. In-process, on one fresh offline build, each format made EXPORT_RUNS
times with the same functions `./edition export` calls; the whole export is timed separately
as a child process (bench/__main__.py run_export)."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..publish.build import OFFLINE_CONFIG, build
from ..publish.downloads import EPUB_NAME, HTML_NAME, PDF_NAME, ZIP_NAME
from ..publish.epub import write_epub
from ..publish.export import book_metadata
from ..publish.pdf import write_pdf
from ..publish.singlefile import single_file
from ..publish.ziparchive import write_zip
from .measure import Timing, timed

EXPORT_RUNS = 3


@dataclass(frozen=True)
class ExportTiming:
    label: str  # "EPUB"
    name: str  # the file in dist/
    size: int  # bytes
    timing: Timing


def time_exports(runs: int = EXPORT_RUNS) -> list[ExportTiming]:
    """Each format made `runs` times from one offline build (the zip last, of that build alone:
    the real zip also carries the other three files, so it is larger by about their size)."""
    with tempfile.TemporaryDirectory(prefix="edition-bench-export-") as scratch:
        root = Path(scratch)
        site = build(root / "site", config=OFFLINE_CONFIG)
        book = book_metadata()
        meta = book.site
        out = root / "out"
        out.mkdir()
        steps: list[tuple[str, str, Callable[[Path], object]]] = [
            ("single HTML file", HTML_NAME, lambda t: t.write_text(single_file(site, meta), encoding="utf-8")),
            ("EPUB", EPUB_NAME, lambda t: write_epub(site, book, t)),
            ("PDF (A4)", PDF_NAME, lambda t: write_pdf(site, book, t)),
            ("zip of the offline site", ZIP_NAME, lambda t: write_zip(site, t, "edition")),
        ]
        results = []
        for label, name, make in steps:
            target = out / name
            timing = timed(functools.partial(make, target), runs)
            results.append(ExportTiming(label, name, target.stat().st_size, timing))
        return results
