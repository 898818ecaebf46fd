"""The offline edition, made from the one checked offline build (dist/.offline-site) into dist/:

- secret-history-19-offline.zip: the whole offline site under one top folder, reproducible, to unzip
  and open index.html from file://.

All files are written into a scratch folder and moved into dist/ together only when all are made,
so dist/ never holds half an export.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .downloads import NAME, ZIP_NAME
from .paths import OutputError, output_path
from .ziparchive import write_zip


class ExportFailed(Exception):
    """An export could not be made faithfully: one line saying why."""


def export(site: Path, dist: Path) -> list[Path]:
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dist, prefix=".export-") as scratch:
        made = Path(scratch)
        try:
            write_zip(site, made / ZIP_NAME, f"{NAME}-offline")
            targets = [output_path(dist, name) for name in (ZIP_NAME,)]
        except OutputError as error:
            raise ExportFailed(str(error)) from None
        for target in targets:
            os.replace(made / target.name, target)
    return targets
