"""No symbolic links at all in the folders the site is built from (docs/, data/, overrides/).

MkDocs follows symbolic links when it copies docs/ (and the theme overrides) into the site, so a
link publishes whatever it points at: `~/.ssh/id_rsa` or a folder outside the repository, but
just as well `../.git` (the repository's history, and on a CI runner the job's token in
`.git/config`) or `../../.env`, an untracked file of secrets inside the checkout. Whether a link
"stays inside the project" says nothing about whether its target is meant to be published, so
every link is a finding, at the link itself: `docs/assets/env.txt:1:1: file-symlink …`. The
folders are walked without following links, so a linked folder is reported once, as the link
it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .findings import Finding

FOLDERS = ("docs", "data", "overrides")


def symlinks(root: Path, folders: Iterable[str] = FOLDERS) -> Iterator[Finding]:
    """A finding for every symbolic link under `folders` of `root` (or a folder that is one)."""
    for folder in folders:
        top = root / folder
        if top.is_symlink():
            yield _finding(top, root)
            continue
        for here, dirs, files in os.walk(top, followlinks=False):
            for name in sorted(dirs) + sorted(files):
                path = Path(here) / name
                if path.is_symlink():
                    yield _finding(path, root)


def _finding(link: Path, root: Path) -> Finding:
    shown = link.relative_to(root).as_posix()
    target = os.readlink(link)
    project = root.resolve()
    try:
        resolved = link.resolve(strict=False)
        where = "inside the repository" if resolved.is_relative_to(project) else "outside the repository"
    except (OSError, RuntimeError):  # a loop of links
        where = "that cannot be resolved (a loop?)"
    return Finding(
        shown,
        1,
        1,
        "file-symlink",
        f"is a symbolic link (to {target!r}, {where}); the build would publish what it points at, "
        "whatever it is (.git, an untracked file of secrets): copy what the site needs into the folder "
        "instead, or remove the link",
    )
