"""The edition's build against a plain engine build of the same pages, each in a child process on a
fresh copy of the project, with the environment the tests' session build uses (tests/session.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..checker import check
from ..model.edition import Site
from ..publish import engine
from ..publish.build import PROJECT, REPRODUCIBLE_EPOCH
from .wrapper import plain_config

SITE_URL = "https://edition.example.org/history/"
CONTACT = "mailto:editors@edition.example.org"
TOP_LEVEL = {".git", "site", "dist", ".venv", "node_modules"}  # skipped at the top only: tools/site stays
CACHES = {"__pycache__", ".cache", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}
PLAIN_DOCS, PLAIN_CONFIG = ".plain-docs", "mkdocs.plain.yml"
# mkdocs.yml, as the plain build gets it: no edition hook, the prepared pages, a site folder of its own.


class Failed(Exception):
    """A measurement could not be made; the message says why, in one line."""


def skipped(folder: str, names: list[str]) -> set[str]:
    top = Path(folder) == PROJECT
    return {name for name in names if name in CACHES or (top and name in TOP_LEVEL)}


def copy_project(target: Path) -> Path:
    shutil.copytree(PROJECT, target, ignore=skipped)
    return target


def run(args: list[str], cwd: Path) -> float:
    """Wall seconds of `python <args>` in `cwd`; Failed with its last line of error if it fails."""
    env = {**os.environ, "EDITION_SITE_URL": SITE_URL, "EDITION_CONTACT": CONTACT, "PYTHONDONTWRITEBYTECODE": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", REPRODUCIBLE_EPOCH)  # as tools/publish/build.py sets it
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise Failed(f"`python {' '.join(args)}` exited with {done.returncode}: {last}")
    return seconds


def edition_build(root: Path, times: Path) -> tuple[float, dict[str, float]]:
    """`python -m tools.publish.command build` (through tools/bench/stages.py): wall seconds, stages."""
    seconds = run(["-m", "tools.bench.stages", str(times)], root)
    stages: dict[str, float] = json.loads(times.read_text(encoding="utf-8"))
    return seconds, stages


def prepare_plain(root: Path) -> None:
    """The online build's pages as the hook hands them to the engine (tools/publish/engine.py
    `prepared`), written beside a copy of docs/ into PLAIN_DOCS, and PLAIN_CONFIG to build them."""
    result = check(root)
    if result.checked is None or result.errors:
        raise Failed(f"the checker found {len(result.errors)} problem(s) in the copy")
    state = engine.State(result.checked, Site(SITE_URL, False, CONTACT), result)
    docs = root / PLAIN_DOCS
    shutil.copytree(root / "docs", docs)
    for name, content in engine.prepared(state).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(content, encoding="utf-8")
    # The config a plain engine gets, as tools/bench/wrapper.py makes it: no hook, the hook's navigation.
    config = plain_config(root, docs, root / ".plain-site", SITE_URL, result.checked)
    (root / PLAIN_CONFIG).write_text(config, encoding="utf-8")


def plain_build(root: Path) -> float:
    return run(["-m", "properdocs", "build", "-f", PLAIN_CONFIG], root)
