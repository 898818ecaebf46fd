"""The offline edition: `python -m tools.publish.export` (`./edition export`).

Builds the site with mkdocs.offline.yml and writes into dist/:

- secret-history-19-offline.zip: the whole offline site under one top folder, reproducible, to
  unzip and open index.html from file://;
- secret-history-19.html: the whole edition as one self-contained file (tools/publish/singlefile.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

# ProperDocs' loader, imported directly: this runs outside a properdocs process, where `mkdocs.*`
# would load the mkdocs package that is installed only as Material's dependency.
from properdocs.utils.yaml import yaml_load

from .build import CONFIG, OFFLINE_CONFIG, PROJECT, BuildFailed, build
from .builtpages import ExportError
from .downloads import HTML_NAME, NAME, ZIP_NAME
from .paths import OutputError, output_path
from .singlefile import DOWNLOADS, SiteMeta, single_file
from .ziparchive import write_zip


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


def export(dist: Path, site_dir: Path, project: Path = PROJECT, *, skip_build: bool = False) -> tuple[Path, Path]:
    if not skip_build:
        build(site_dir, project=project, config=OFFLINE_CONFIG)
    dist.mkdir(parents=True, exist_ok=True)
    html_path = output_path(dist, HTML_NAME)
    html_path.write_text(single_file(site_dir, site_meta(project)), encoding="utf-8")
    # The zip carries the single file too, so "One HTML file" on offline.html works offline.
    copy = output_path(site_dir, f"{DOWNLOADS}/{HTML_NAME}")
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(html_path, copy)
    zip_path = write_zip(site_dir, output_path(dist, ZIP_NAME), f"{NAME}-offline")
    return zip_path, html_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.export", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--dist", type=Path, default=PROJECT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "build" / "offline", help="offline build folder")
    parser.add_argument("--skip-build", action="store_true", help="reuse an existing offline build")
    args = parser.parse_args(argv)
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
