"""Every file the build or the exporter writes lies inside its output folder, or nothing is written.

`output_path(root, relative)` resolves `root/relative` (following any symbolic link on the way)
and refuses, with OutputError, a path that lands outside `root`: a `..` in a name from
anchors.yml, an absolute name, or a link planted in the output folder. Every writer uses it:
redirect pages and the downloads copy (site_dir), the zip and the single file (dist/), and the
zip's members, which must be files of the site itself, not links out of it.
"""

from __future__ import annotations

from pathlib import Path


class OutputError(Exception):
    """Writing (or packing) this would reach outside the output folder: the build stops."""


def output_path(root: Path, relative: str | Path) -> Path:
    """`root/relative`, resolved; OutputError unless it lies strictly inside `root`."""
    base = root.resolve()
    target = (base / relative).resolve()
    if target == base or not target.is_relative_to(base):
        raise OutputError(f"{Path(relative).as_posix()} would be written outside {root} (it resolves to {target})")
    return target


def inside(root: Path, path: Path) -> Path:
    """`path` (a file found under `root`), resolved; OutputError if a link takes it outside `root`."""
    base = root.resolve()
    target = path.resolve()
    if target == base or not target.is_relative_to(base):
        raise OutputError(f"{path} leads outside {root} (to {target}); it is not packed")
    return target
