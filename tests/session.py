"""The real project, built once per test run by `./edition build`'s own code into a temporary folder,
and shared by every xdist worker under a file lock (the pattern pytest-xdist documents): the first
worker to begin starts the build in a child process that holds the lock until it has finished, the
tests that do not need it run meanwhile, and those that do wait for the lock and read it."""

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


def _shared(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The folder every worker of this run sees (xdist gives each worker its own basetemp below it)."""
    return tmp_path_factory.getbasetemp().parent if worker_id != "master" else tmp_path_factory.getbasetemp()


def _start_build(shared: Path) -> None:
    """Unless another worker has: a copy of the project, then, in a child process that holds the lock
    until it ends, `./edition build`'s own code on it, checked, offline with its exports, and online.
    The test runs on meanwhile; `built` waits for the lock."""
    from conftest import copy_project

    lock = (shared / "built.lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # another worker is building, or has built
        lock.close()
        return
    root = shared / "built"
    try:
        if (root / "build.json").exists():
            return
        copy_project(root)
        env = {
            **os.environ,
            "EDITION_SITE_URL": PUBLISHED_URL,
            "EDITION_CONTACT": CONTACT,
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        # The child inherits the lock (flock belongs to the open file, which the child shares) and
        # writes build.json, with the command's exit status, when it has finished.
        script = '"$0" -m tools.publish.command build >build.log 2>&1; printf \'{"returncode": %d}\' $? >build.json'
        subprocess.Popen(
            ["sh", "-c", script, sys.executable], cwd=root, env=env, pass_fds=(lock.fileno(),), start_new_session=True
        )
    finally:
        lock.close()


@pytest.fixture(scope="session", autouse=True)
def _build_in_background(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> None:
    """Start the session's build as the first test of a run that needs it begins, so that the workers
    run the in-process tests while it builds, instead of waiting for it."""
    if any("built" in getattr(item, "fixturenames", ()) for item in request.session.items):
        _start_build(_shared(tmp_path_factory, worker_id))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[Built]:
    """One build of the real project for the whole run, shared across xdist workers."""
    shared = _shared(tmp_path_factory, worker_id)
    _start_build(shared)  # (if nothing started it yet)
    root = shared / "built"
    with (shared / "built.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the build until it ends; then shared
    status = json.loads((root / "build.json").read_text(encoding="utf-8"))
    if status["returncode"] != 0:
        pytest.fail("the session build failed:\n" + (root / "build.log").read_text(encoding="utf-8")[-4000:])
    yield Built(root)
