"""The real project, built once per test run by `./edition build`'s own code into a temporary folder,
and shared by every xdist worker: the first to ask builds it under a file lock (the pattern
pytest-xdist documents), the others wait and read it."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tools.site.downloads import Files

PUBLISHED_URL = "https://edition.example.org/history/"
CONTACT = "mailto:editors@edition.example.org"
# The exports' file names, from the edition's slug (data/sources.yml).
FILES = Files(
    yaml.safe_load((Path(__file__).parent.parent / "data" / "sources.yml").read_text(encoding="utf-8"))["edition"][
        "slug"
    ]
)


@dataclass(frozen=True)
class Built:
    """The real project built by `./edition build`'s own code: the site, the offline site, dist/."""

    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def offline(self) -> Path:
        return self.root / "dist" / ".offline-site"

    @property
    def dist(self) -> Path:
        return self.root / "dist"


def _build(root: Path) -> None:
    """A copy of the project, checked, built offline with its exports, and built online, in a child
    process (the engine keeps state per process)."""
    from conftest import copy_project

    copy_project(root)
    env = {
        **os.environ,
        "EDITION_SITE_URL": PUBLISHED_URL,
        "EDITION_CONTACT": CONTACT,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tools.publish.command", "build"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    (root / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    (root / "build.json").write_text(json.dumps({"returncode": result.returncode}), encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[Built]:
    """One build of the real project for the whole run, shared across xdist workers."""
    shared = tmp_path_factory.getbasetemp().parent if worker_id != "master" else tmp_path_factory.getbasetemp()
    root = shared / "built"
    with (shared / "built.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker builds; the others wait, then read
        if not (root / "build.json").exists():
            _build(root)
    status = json.loads((root / "build.json").read_text(encoding="utf-8"))
    if status["returncode"] != 0:
        pytest.fail("the session build failed:\n" + (root / "build.log").read_text(encoding="utf-8")[-4000:])
    yield Built(root)
