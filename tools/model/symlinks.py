"""No symlinks out: a link in the folders the site is built from must stay inside the project.

MkDocs follows symbolic links when it copies docs/ (and the theme overrides) into the site, so a
link to ~/.ssh/id_rsa, or to a whole folder outside the repository, would be published and
zipped. Each such link is a finding at the link itself, `docs/assets/leak.txt:1:1: symlink-outside …`;
links that stay inside the project are fine. The folders are walked without following links, so
a linked folder is reported once, as the link it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .findings import Finding

FOLDERS = ("docs", "data", "overrides")


def links_out(root: Path, folders: Iterable[str] = FOLDERS) -> Iterator[Finding]:
    """A finding for every symbolic link under `folders` of `root` that resolves outside `root`."""
    project = root.resolve()
    for folder in folders:
        top = root / folder
        if top.is_symlink():
            yield from _check(top, root, project)
            continue
        for here, dirs, files in os.walk(top, followlinks=False):
            for name in sorted(dirs) + sorted(files):
                path = Path(here) / name
                if path.is_symlink():
                    yield from _check(path, root, project)


def _check(link: Path, root: Path, project: Path) -> Iterator[Finding]:
    shown = link.relative_to(root).as_posix()
    try:
        target = link.resolve(strict=False)
    except (OSError, RuntimeError):  # a loop of links
        yield Finding(shown, 1, 1, "symlink-outside", "is a symbolic link that cannot be resolved (a loop?); remove it")
        return
    if not target.is_relative_to(project):
        kind = "folder" if target.is_dir() else "file"
        yield Finding(
            shown,
            1,
            1,
            "symlink-outside",
            f"is a symbolic link to a {kind} outside the repository ({target}); copy what the site needs "
            "into the repository instead, or remove the link",
        )
