"""Shared fixtures: the hand-written mini project (and mutations of it), a checker runner, and
one build of the real site per session.

No test reads ../shared except test_fidelity's byte comparison, and no test mutates the
repository: every mutation happens in a copy under tmp_path.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import prefork
import pytest

from tools import checker as check
from tools.checker import write
from tools.model.findings import Finding
from tools.model.records import SourceList
from tools.publish import build as build_runner
from tools.publish import export
from tools.publish.build import OFFLINE_SITE, run_build
from tools.site.usage import Usage, usage

PROJECT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
# Never copied into a project copy: environments, build output, history, caches.
NOT_COPIED = {
    ".venv",
    "site",
    "node_modules",
    ".git",
    ".pytest_cache",
    ".hypothesis",
    "dist",
    ".cache",
    "__pycache__",
    "tests",
}
# The Markdown extensions of mkdocs.yml that chapter pages use (toc left out: it only adds heading
# permalinks), for tests that convert a page with the edition's tree processors.
CHAPTER_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "footnotes",
    "pymdownx.bracketspan",
    "pymdownx.details",
]
# Left out at the top only (tools/site is code): build output, and the test suite, which no check
# or build of a copy reads.
TOP_LEVEL_ONLY = {"site", "dist", "build", "tests"}
HOOK_LINE = re.compile(r"^(?:ERROR|WARNING)\s+-\s+edition: (?P<finding>\S+:\d+:\d+: \S+ .*)$", re.MULTILINE)


# The tests run on every core (pytest-xdist, pyproject.toml). The session's exports and hostile
# build take seconds, so every test file that uses them goes to one worker as one unit of work,
# first (the largest unit first), and runs there in order as without xdist; every other test, the
# browser's included, goes to whichever worker is free (each worker starts its own Chromium, and
# builds the real site and the published copy once). The scheduler sees only test ids, so the
# unit is made of files: those that name the fixtures, and collection checks that no test gets
# them from another file. (xdist's own `--dist loadgroup` would do it by marker, but it does not
# group under pytest 9: it renames the test ids through a private attribute that pytest 9 no
# longer reads.)
TESTS = Path(__file__).resolve().parent
ONE_WORKER_FIXTURES = ("exported", "hostile_build")
ONE_WORKER = "the exports"


def one_worker_files() -> frozenset[str]:
    """The test files (as their test ids start) whose tests run in the one worker."""
    named = re.compile(r"\b(?:" + "|".join(ONE_WORKER_FIXTURES) + r")\b")
    return frozenset(
        path.relative_to(TESTS.parent).as_posix()
        for path in TESTS.rglob("test_*.py")
        if named.search(path.read_text(encoding="utf-8"))
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    files = one_worker_files()
    for item in items:
        uses = set(ONE_WORKER_FIXTURES) & set(getattr(item, "fixturenames", ()))
        if uses and item.nodeid.split("::", 1)[0] not in files:
            raise pytest.UsageError(f"{item.nodeid} uses {', '.join(sorted(uses))} without naming it in its file")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    files = one_worker_files()

    class OneWorkerForTheExports(LoadScopeScheduling):  # a scope is a unit; the largest goes first
        def _split_scope(self, nodeid: str) -> str:
            return ONE_WORKER if nodeid.split("::", 1)[0] in files else nodeid

    return OneWorkerForTheExports(config, log)


# Every build of the suite, and the checker's command line, run forked from an interpreter that has
# already imported what they use (tests/prefork.py): the same command, less start-up. The servers
# start at their first command.
BUILDS = prefork.builds()
CHECKER = prefork.checker(PROJECT)


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the run's first process: the workers inherit its TMPDIR
        scratch_on_a_ram_disk()
    build_runner.launch = BUILDS


# The suite writes some 300 MB of throwaway copies, builds and exports, and deletes them again
# (pyproject.toml: tmp_path_retention_policy). Where /dev/shm is a RAM disk with room, on a machine
# with memory to spare, they go there: on this 2-core machine's disk the same writes cost twice the
# system time (pytest -m "not browser": 15-22 s of it, against 8 s, and 63-68 s of wall time
# against 55-57 s). A TMPDIR of the caller's own wins.
RAM_DISK = Path("/dev/shm")
RAM_DISK_ROOM = 4 << 30  # bytes free on the RAM disk, and of memory, at the least


def mount_options(folder: Path, kind: str) -> list[str] | None:
    """The options `folder` is mounted with, if it is a mount point of that kind."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for fields in (line.split() for line in mounts):
        if len(fields) > 3 and fields[1:3] == [str(folder), kind]:
            return fields[3].split(",")
    return None


def memory_available() -> int:
    """Bytes of memory the kernel says are available (0 if it does not say)."""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def scratch_on_a_ram_disk() -> None:
    if os.environ.get("TMPDIR") or os.environ.get("PYTEST_DEBUG_TEMPROOT"):
        return
    options = mount_options(RAM_DISK, "tmpfs")
    if options is None or "noexec" in options or not os.access(RAM_DISK, os.W_OK):
        return  # (the tests run programs from their folders: a virtual environment's)
    if min(shutil.disk_usage(RAM_DISK).free, memory_available()) < RAM_DISK_ROOM:
        return
    os.environ["TMPDIR"] = str(RAM_DISK)
    tempfile.tempdir = None  # tempfile reads TMPDIR again


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is alive once the tests are collected (modules, test items, Hypothesis) lives to the
    end: frozen, the collector no longer walks it after every few thousand new objects, which cost
    the hostile and registry tests 9 % of their time (2.2 s of 25); and it runs less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


GC_THRESHOLD = 20_000  # allocations between collections of the youngest generation (Python's default: 700)


def pytest_unconfigure(config: pytest.Config) -> None:
    build_runner.launch = build_runner.child_process
    for launcher in (BUILDS, CHECKER):
        launcher.close()


def best_cpu_times(*actions: Callable[[], object], runs: int = 3) -> list[float]:
    """Each action's least CPU time (of this process) over `runs`, the actions taken in turn: a
    burst of load on a shared machine slows even a process's CPU time (a busy sibling core), and
    taken in turn the actions share it, so a ratio of the times holds."""
    best = [float("inf")] * len(actions)
    for _ in range(runs):
        for index, action in enumerate(actions):
            start = time.process_time()
            action()
            best[index] = min(best[index], time.process_time() - start)
    return best


# The Java checkers (epubcheck, the Nu HTML Checker) run for a few seconds each, where the JIT's
# top tier and the parallel collector only add CPU time on both cores: epubcheck took 7.7 s of CPU
# for the EPUB without these options and 3.3 s with them, with the same report.
JAVA_SHORT_RUN = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")


def java_jar(java: str, jar: Path, *args: str) -> list[str]:
    """The command that runs `jar` with `args` in a JVM tuned for a short run."""
    return [java, *JAVA_SHORT_RUN, "-jar", str(jar), *args]


def build_env() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `needle` in `text` (which must contain it)."""
    offset = -1
    for _ in range(occurrence):
        offset = text.find(needle, offset + 1)
        assert offset >= 0, f"{needle!r} (occurrence {occurrence}) not in the text"
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass
class Project:
    """A copy of a project under tmp_path, with helpers to mutate it and to run the checker."""

    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).write_text(text, encoding="utf-8", newline="")

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> None:
        """Replace `old` by `new`; `old` must occur exactly `count` times, so no mutation is a no-op."""
        text = self.read(rel)
        assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {rel}, expected {count}"
        self.write(rel, text.replace(old, new))

    def where(self, rel: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
        return position(self.read(rel), needle, occurrence)

    def at(self, rel: str, needle: str, rule: str, occurrence: int = 1) -> str:
        """`rel:line:col: rule` of `needle` — the prefix a finding there must print."""
        line, col = self.where(rel, needle, occurrence)
        return f"{rel}:{line}:{col}: {rule}"

    def check(self) -> check.Result:
        return check.check(self.root)

    def findings(self) -> list[str]:
        return [str(f) for f in self.check().findings]

    def snapshot(self) -> dict[str, bytes]:
        """Every file's bytes, to prove that nothing was written."""
        return {
            p.relative_to(self.root).as_posix(): p.read_bytes() for p in sorted(self.root.rglob("*")) if p.is_file()
        }


def starts(findings: list[Finding] | list[str], prefix: str) -> list[str]:
    return [str(f) for f in findings if str(f).startswith(prefix + " ")]


@functools.cache
def mini_pages() -> dict[str, str]:
    """The chapter pages of tests/fixtures/mini with their footnote definitions regenerated from
    its source list, so the fixture follows the footnote format in tools/model/formats.py as it
    evolves; everything else in them is exactly as written by hand. Made once a run."""
    with tempfile.TemporaryDirectory(prefix="mini-") as folder:
        root = Path(folder) / "mini"
        shutil.copytree(MINI, root)
        result = check.check(root)
        assert result.sources is not None and not result.unusable, [str(f) for f in result.findings]
        return {page.name: write.generated_page(page, result.sources) for page in result.pages}


def copy_mini(root: Path) -> Project:
    """A copy of tests/fixtures/mini, its chapter pages as mini_pages() makes them."""
    shutil.copytree(MINI, root)
    for name, text in mini_pages().items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return Project(root)


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    """A fresh copy of the good mini project (tests/fixtures/mini)."""
    return copy_mini(tmp_path / "mini")


@pytest.fixture
def mini_project(tmp_path: Path) -> Callable[..., Project]:
    """Factory: a copy of the mini project with `mutate(project)` applied."""

    def make(mutate: Callable[[Project], None] | None = None, name: str = "mini") -> Project:
        project = copy_mini(tmp_path / name)
        if mutate is not None:
            mutate(project)
        return project

    return make


def run_check(root: Path, *args: str, fresh: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m tools.checker --root ROOT ARGS` as a user runs it, from the real project: forked
    from the checker's server (tests/prefork.py), or in a new interpreter if `fresh`."""
    command = [sys.executable, "-m", "tools.checker", "--root", str(root), *args]
    launch = build_runner.child_process if fresh else CHECKER
    return launch(command, PROJECT, build_env(), 60)


@dataclass(frozen=True)
class CheckerRun:
    returncode: int
    stdout: str
    stderr: str


def check_in_process(root: Path, *args: str) -> CheckerRun:
    """`./edition check --root ROOT ARGS` through the same main() in this process: what it prints
    and returns, without a new interpreter's start-up (run_check, which test_cli uses, has one)."""
    import contextlib
    import io

    from tools.checker.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(root), *args])
    return CheckerRun(status, out.getvalue(), err.getvalue())


def refused_alike(project: Project, finding: str, site: Path, exit_codes: tuple[int, ...] = (1, 2)) -> None:
    """`./edition check` and a real `properdocs build --strict` of `project` both report `finding`
    (a `path:line:col: rule ` prefix), neither with a traceback, and the build publishes no page."""
    checked = check_in_process(project.root)
    assert checked.returncode in exit_codes and "Traceback" not in checked.stderr
    assert any(f.startswith(finding) for f in checked.stdout.splitlines()), checked.stdout
    built = mkdocs_build(project.root, site)
    assert built.returncode != 0 and "Traceback" not in built.stderr + built.stdout
    assert any(f.startswith(finding) for f in hook_findings(built.stdout + built.stderr)), built.stderr[-3000:]
    assert not (site / "praise.html").exists()


def copy_repo(dest: Path) -> Project:
    """The whole repository minus environments, build output, history and the tests. The files'
    contents only: their times and permission bits are the copy's own, which nothing reads (and
    copying them costs three more system calls a file, some hundred copies a run)."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n in NOT_COPIED and (Path(folder) == PROJECT or n not in TOP_LEVEL_ONLY)]

    shutil.copytree(PROJECT, dest, ignore=ignore, copy_function=shutil.copyfile)
    return Project(dest)


def mkdocs_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`properdocs build --strict -f mkdocs.yml -d SITE_DIR` of `root` (tools/publish/build.py)."""
    return run_build(site_dir, project=root)


def hook_findings(output: str) -> list[str]:
    """The findings the MkDocs hook logged, as the checker prints them."""
    return [m.group("finding") for m in HOOK_LINE.finditer(output)]


@pytest.fixture
def repo_copy(tmp_path: Path) -> Project:
    return copy_repo(tmp_path / "repo")


@dataclass(frozen=True)
class HostileBuild:
    """A copy of the repository whose source list attacks every rendered field, built online
    (`site`), exported (`zip_path`, `single_file`, `epub`, `pdf`) and unzipped (`unzipped`)."""

    root: Path
    site: Path
    zip_path: Path
    single_file: Path
    unzipped: Path
    planted: set[tuple[type, str]]
    epub: Path
    pdf: Path


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    """Built once per session (tests/hostile.py plants the attacks; tests/site/test_hostile_data.py
    and tests/browser/test_csp.py read the result)."""
    import zipfile

    from hostile import make_hostile

    from tools.publish import export

    base = tmp_path_factory.mktemp("hostile")
    project = copy_repo(base / "repo")
    planted = make_hostile(project.root)
    files = export.export(project.root / "dist", project.root / OFFLINE_SITE, project.root)
    zip_path, single = files.zip, files.html
    result = mkdocs_build(project.root, project.root / "site")
    if result.returncode != 0:
        pytest.fail(f"the hostile copy did not build:\n{result.stdout}\n{result.stderr}", pytrace=False)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(base / "unzipped")
    top = base / "unzipped" / "secret-history-19-offline"
    return HostileBuild(
        project.root, project.root / "site", zip_path, single, top, planted.fields, files.epub, files.pdf
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real site, built once per session with --strict; the folder of HTML files."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(PROJECT, site)
    if result.returncode != 0:
        pytest.fail(f"properdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    yield site


# --- the real project, checked and exported once per session ---------------------------------


@pytest.fixture(scope="session")
def real_result() -> check.Result:
    """The checker's result on the real project, which must be clean."""
    result = check.check(PROJECT)
    assert result.sources is not None and not result.errors, [str(f) for f in result.findings]
    return result


@pytest.fixture(scope="session")
def real_sources(real_result: check.Result) -> SourceList:
    assert real_result.sources is not None
    return real_result.sources


@pytest.fixture(scope="session")
def real_usage(real_result: check.Result, real_sources: SourceList) -> Usage:
    return usage(real_result.pages, real_sources)


@dataclass(frozen=True)
class Exported:
    zip: Path
    html: Path
    epub: Path
    pdf: Path
    site: Path  # the offline build the files were made from
    pdf_requests: tuple[str, ...]  # every URL WeasyPrint asked for while it made the PDF

    def files(self) -> tuple[Path, Path, Path, Path]:
        return self.zip, self.html, self.epub, self.pdf


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """`./edition export` of the real project, once per session, into a temporary folder: the
    zip, the single HTML file, the EPUB and the PDF (the PDF takes seconds; only the
    reproducibility test exports again). No network connection may be opened meanwhile, and
    the URLs the PDF's renderer requested are kept for tests/publish/test_pdf.py."""
    import socket

    from tools.publish import pdf

    root = tmp_path_factory.mktemp("export")
    requested: list[str] = []

    render = pdf.render_pdf

    def recorded(*args: Any, **kwargs: Any) -> list[str]:
        urls = render(*args, **kwargs)
        requested.extend(urls)
        return urls

    def no_network(*_: object) -> None:
        raise AssertionError("the export tried to open a network connection")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "render_pdf", recorded)
        patch.setattr(socket.socket, "connect", no_network)
        files = export.export(root / "dist", root / OFFLINE_SITE)
    return Exported(*files, site=root / OFFLINE_SITE, pdf_requests=tuple(requested))
