"""Shared fixtures: the hand-written mini project and copies to change, the checker and the output
guard run in this process, and the real site built once per session, shared by every worker.

No test changes the repository: every change happens in a copy under tmp_path. The session's build
is made by the first worker that asks for it, under a file lock (the pattern pytest-xdist documents),
and read by the others.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.checker import SOURCE_LIST, Result, check
from tools.checker.review import write_lock
from tools.model.edition import Checked, Site
from tools.model.findings import Finding
from tools.model.loading import load
from tools.site.prepare import pages

PROJECT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
# What a copy of the project holds: the editorial input and the code, nothing built.
COPIED = (
    "data",
    "docs",
    "original",
    "overrides",
    "tools",
    "anchors.yml",
    "anchors.lock",
    "original.lock",
    "readings.lock",
    "pages.lock",
    "mkdocs.yml",
    "mkdocs.offline.yml",
)


@dataclass
class Project:
    """A project folder to change and check: the mini fixture or a copy of the real project."""

    root: Path

    def path(self, name: str) -> Path:
        return self.root / name

    def read(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def write(self, name: str, text: str | bytes) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)  # type: ignore[operator]

    def replace(self, name: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(name) if self.path(name).exists() else ""
        assert old in text, f"{old!r} is not in {name}"
        self.write(name, text.replace(old, new, count))

    def check(self) -> Result:
        return check(self.root)

    def admit(self) -> None:
        """A reviewer's step: pin the source list's readings and the pages as they now are."""
        loaded, _ = load(self.path(SOURCE_LIST), SOURCE_LIST)
        assert loaded is not None
        write_lock(self.root, loaded.sources)

    def findings(self) -> list[str]:
        return [str(f) for f in self.check().findings]


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    shutil.copytree(MINI, tmp_path / "mini")
    return Project(tmp_path / "mini")


def copy_project(target: Path) -> Project:
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return Project(target)


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


def position(text: str, at: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `at` in `text` (1:1 for "")."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(at, offset + 1) if at else 0
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# A quotation mark in a character that only looks like one: a compatibility character (ŉ is ʼn, ＂ is ")
# or a mark of another script. Refused as a character the edition does not print, or read as a mark.
LOOKALIKES = {
    "n after an apostrophe": "\u0149obody was guilty\u2019",
    "fullwidth marks": "\uff02nobody was guilty\uff02",
    "vertical corner brackets": "\ufe41nobody was guilty\ufe42",
    "modifier apostrophes": "\u02bcnobody was guilty\u02bc",
    "modifier double apostrophes": "\u02eenobody was guilty\u02ee",
    "high reversed-9 marks": "\u201fnobody was guilty\u201d",
    "low reversed-9 marks": "\u2e42nobody was guilty\u201c",
    "double prime marks": "\u301dnobody was guilty\u301e",
    "low double prime marks": "\u301fnobody was guilty\u301f",
    "fullwidth apostrophes": "\uff07nobody was guilty\uff07",
    "saltillos": "\ua78cnobody was guilty\ua78c",
    "combining commas above after a space": " \u0313nobody was guilty \u0313",
}


# --- the real site, built once per session: tests/session.py ---------------------------------------

from session import Built, _build_in_background, built  # noqa: E402,F401  (fixtures, shared by every test folder)

# --- the real project, checked once per worker (read by the tests of tools/site/; none changes it) ----

PUBLISHED = Site("https://edition.example.org/history/")


@pytest.fixture(scope="session")
def checked() -> Checked:
    result = check(PROJECT)
    assert result.checked is not None and not result.errors, [str(f) for f in result.errors]
    return result.checked


@pytest.fixture(scope="session")
def prepared(checked: Checked) -> dict[str, str]:
    """Every page's final source for the published site, by name under docs/."""
    return pages(checked, PUBLISHED)


@pytest.hookimpl(trylast=True)  # after tests/browser/conftest.py has marked its tests
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests first, the other tests that read the session's build last; in each group,
    the slow ones first. The build runs in the background (tests/session.py); worksteal gives each
    worker a share of the list to begin with, in order, and a worker that has run out takes the end
    of another's: one waits for the build and then mostly waits on Chromium, while the others run the
    in-process tests, which keep a core busy, and what is left to take at the end is short."""

    def group(item: pytest.Item) -> tuple[int, bool]:
        slow = item.get_closest_marker("slow") is None  # (False sorts first)
        if item.get_closest_marker("browser"):
            return 0, slow
        return (2 if "built" in getattr(item, "fixturenames", ()) else 1), slow

    items.sort(key=group)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: a worker per core this process may use, and one more when the browser tests run.
    They spend part of their time waiting on Chromium (a page's network going idle, an animation),
    which a third worker fills: on the 2-core machine the whole suite took 149–151 s with three
    workers, 162–167 s with two. Without them the tests keep the cores busy, and a third worker only
    adds its start-up (`-m "not browser"`: 69 s with three, 56–62 s with two)."""
    cores = len(os.sched_getaffinity(0))
    return cores if "not browser" in (config.getoption("markexpr") or "") else cores + 1
