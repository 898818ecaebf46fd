"""The offline edition: `python -m tools.publish.export` (`./edition export`).

Builds the site with mkdocs.offline.yml into dist/.offline-site/ (a dot-folder: MkDocs' own rule
for files it leaves alone, and neither a download nor part of the zip, which packs the folder's
contents) and writes into dist/:

- secret-history-19-offline.zip: the whole offline site under one top folder, reproducible, to
  unzip and open index.html from file://;
- secret-history-19.html: the whole edition as one self-contained file (tools/publish/singlefile.py);
- secret-history-19.epub: an EPUB 3 (tools/publish/epub.py), checked clean by epubcheck in the tests;
- secret-history-19.pdf: the print edition, A4 (tools/publish/pdf.py).

All four are made from the one offline build, which the checker has gated: a finding stops the
build, and then nothing is written. The four are written into a scratch folder and moved into
dist/ together only when all of them are made, so dist/ never holds half an export.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

# ProperDocs' loader, imported directly: this runs outside a properdocs process, where `mkdocs.*`
# would load the mkdocs package that is installed only as Material's dependency.
from properdocs.utils.yaml import yaml_load

from .bookmeta import BookMeta, book_meta
from .build import CONFIG, OFFLINE_CONFIG, OFFLINE_SITE, PROJECT, BuildFailed, build
from .builtpages import ExportError
from .downloads import EPUB_NAME, HTML_NAME, NAME, PDF_NAME, ZIP_NAME
from .epub import write_epub
from .paths import OutputError, output_path
from .pdf import write_pdf
from .singlefile import DOWNLOADS, SiteMeta, single_file
from .ziparchive import write_zip


class Exported(NamedTuple):
    zip: Path
    html: Path
    epub: Path
    pdf: Path


def read_config(project: Path = PROJECT) -> dict[str, Any]:
    """mkdocs.yml as the engine reads it (INHERIT and !ENV included): the one place outside the
    hook that uses the engine (tests/publish/test_engines.py)."""
    with (project / CONFIG).open(encoding="utf-8") as handle:
        return dict(yaml_load(handle))


def site_meta(project: Path = PROJECT) -> SiteMeta:
    """site_name, site_description and site_url, read as the engine reads them (INHERIT and !ENV included)."""
    config = read_config(project)
    description = " ".join(str(config.get("site_description", "")).split())
    return SiteMeta(str(config["site_name"]), description, config.get("site_url") or None)


def book_metadata(project: Path = PROJECT) -> BookMeta:
    """What the EPUB and the PDF say about themselves (tools/publish/bookmeta.py)."""
    return book_meta(site_meta(project), read_config(project), project)


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0", ""})


def address_notice(site_url: str | None) -> str:
    """One line saying which address the QR codes, citations and printed links will carry, and
    a warning when it is the local preview address, which nobody else can open."""
    url = site_url or "(none)"
    if urlsplit(site_url or "").hostname in LOCAL_HOSTS or not site_url:
        return (
            f"warning: the site address is the local preview address {url}: QR codes, citations and printed "
            "links will point there; set EDITION_SITE_URL=https://your.host/path/ to publish"
        )
    return f"QR codes, citations and printed links point to {url}"


def export(dist: Path, site_dir: Path, project: Path = PROJECT, *, skip_build: bool = False) -> Exported:
    if not skip_build:
        build(site_dir, project=project, config=OFFLINE_CONFIG)
    dist.mkdir(parents=True, exist_ok=True)
    book = book_metadata(project)
    with tempfile.TemporaryDirectory(dir=dist, prefix=".export-") as scratch:
        made = Path(scratch)
        (made / HTML_NAME).write_text(single_file(site_dir, book.site), encoding="utf-8")
        write_epub(site_dir, book, made / EPUB_NAME)
        write_pdf(site_dir, book, made / PDF_NAME)
        # The zip carries the other three, so the downloads on offline.html work offline.
        for name in (HTML_NAME, EPUB_NAME, PDF_NAME):
            copy = output_path(site_dir, f"{DOWNLOADS}/{name}")
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(made / name, copy)
        write_zip(site_dir, made / ZIP_NAME, f"{NAME}-offline")
        # Every target checked before the first is moved in: all four, or none.
        targets = [output_path(dist, name) for name in (ZIP_NAME, HTML_NAME, EPUB_NAME, PDF_NAME)]
        for target in targets:
            os.replace(made / target.name, target)
    return Exported(*targets)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.export", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--dist", type=Path, default=PROJECT / "dist", help="output folder (default: dist/)")
    parser.add_argument(
        "--site-dir", type=Path, default=PROJECT / OFFLINE_SITE, help=f"offline build folder (default: {OFFLINE_SITE}/)"
    )
    parser.add_argument("--skip-build", action="store_true", help="reuse an existing offline build")
    args = parser.parse_args(argv)
    print(address_notice(site_meta().url), file=sys.stderr)
    try:
        paths = export(args.dist, args.site_dir, skip_build=args.skip_build)
    except BuildFailed as error:
        print(error, file=sys.stderr)
        print("export failed: the offline build stopped", file=sys.stderr)
        return 1
    except (ExportError, OutputError) as error:
        print(f"export failed: {error}", file=sys.stderr)
        return 1
    for path in paths:
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
        print(f"{path.stat().st_size / 1024:8.1f} KiB  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
