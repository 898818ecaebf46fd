"""A reproducible zip of a folder: sorted entries, fixed time, mode and OS, so two exports of
one tree are byte-identical. Only the folder's own files go in: a symbolic link that leads out
of it stops the export (OutputError) rather than packing what it points at."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .paths import inside

# 1980-01-01, the earliest time a zip entry can hold: identical bytes on every export.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Meaningless from file:// and, in the .gz, stamped with the build time.
ZIP_SKIP = frozenset({"sitemap.xml", "sitemap.xml.gz"})
# zlib's default level: level 9 took 2.4 times as long (0.36 s against 0.15 s for the offline zip,
# on the build's critical path) for a zip 0.4% smaller.
LEVEL = 6


def zip_members(site: Path) -> list[Path]:
    """Every file to ship, sorted by its POSIX path so the archive order never varies."""
    files = (p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() not in ZIP_SKIP)
    return sorted(files, key=lambda p: p.relative_to(site).as_posix())


def add_entry(zf: zipfile.ZipFile, name: str, data: bytes | str, *, stored: bool = False) -> None:
    """One entry with a fixed time, mode and OS (no extra field: EPUB's mimetype needs none)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, wherever the export runs
    info.external_attr = 0o644 << 16
    zf.writestr(info, data, compresslevel=None if stored else LEVEL)


def write_zip(site: Path, target: Path, top: str) -> Path:
    """A reproducible zip: fixed time, mode and OS in every entry, entries in sorted order."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as zf:
        for path in zip_members(site):
            inside(site, path)
            add_entry(zf, f"{top}/{path.relative_to(site).as_posix()}", path.read_bytes())
    return target
