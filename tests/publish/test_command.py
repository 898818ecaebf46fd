"""`./edition build`, `serve` and `export` (tools/publish/command.py), failing in one line and never
leaving something refused to publish; and the publishing the README describes, which the GitHub Pages
workflow runs.

- the address and the contact every build announces; a hostile or malformed EDITION_SITE_URL stops
  the build in one line before anything is built;
- `serve` on a port in use is one line and exit 1; `--help` shows the engine's help and builds nothing;
- a build the checker refuses: exit 1, the checker's findings one line each, no site/ and no dist/;
- a build the output guard refuses, through the real engine (a theme override that adds an inline
  script, which the checker never reads): exit 1, one line a finding, the built folder removed;
- the README's publishing commands are what .github/workflows/pages.yml runs, with EDITION_SITE_URL
  and EDITION_CONTACT set; every package .ci/install-system-deps installs is named in the README;
- every command of ./edition runs a module that does something.

Two subprocesses of the real command; the guard's refusal is one real engine build (the offline one,
which the guard stops before the exports).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PROJECT, copy_project

from tools.checker import check
from tools.publish import command
from tools.publish.command import address_notices, dev_address, port_problem
from tools.publish.export import ExportFailed, Renderer

WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
PUBLISHED = "https://edition.example.org/history/"
FINDING = re.compile(r"^[\w./-]+:\d+:\d+: [a-z]+(?:-[a-z]+)* \S.*$")
# What the workflow sets, for each variable the README's publishing section names.
WORKFLOW_VALUES = {
    "EDITION_SITE_URL": "${{ steps.pages.outputs.base_url }}/",
    "EDITION_CONTACT": "${{ github.server_url }}/${{ github.repository }}/issues",
}


def edition_warnings() -> str:
    """The PYTHONWARNINGS ./edition sets for every tool it runs (its default)."""
    found = re.search(
        r"PYTHONWARNINGS=\$\{PYTHONWARNINGS:-([^}]+)\}", (PROJECT / "edition").read_text(encoding="utf-8")
    )
    assert found, "./edition no longer sets PYTHONWARNINGS"
    return found.group(1)


def run(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m tools.publish.command …` in `root`, as ./edition runs it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("EDITION_")}
    environment |= {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONWARNINGS": edition_warnings(), **env}
    return subprocess.run(
        [sys.executable, "-m", "tools.publish.command", *args],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --- the address and the contact ------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8001/x/", "http://[::1]:8000/"])
def test_a_local_address_is_a_one_line_warning(url: str) -> None:
    [notice] = address_notices(url, "mailto:editors@example.org")
    assert notice.startswith(f"warning: the site address is the local preview address {url}:")
    assert "EDITION_SITE_URL=https://your.host/path/" in notice and "\n" not in notice


def test_no_contact_is_a_one_line_warning() -> None:
    [notice] = address_notices(PUBLISHED, None)
    assert notice.startswith("warning: no contact is set, so pages offer no 'Report a problem' action")
    assert "EDITION_CONTACT=" in notice and "edition.contact" in notice and "\n" not in notice
    assert address_notices(PUBLISHED, "https://github.com/o/r/issues") == []


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ('http://example.org/"><script>alert(1)</script>/', "a quote, an angle bracket"),
        ("javascript:alert(1)//", "uses the scheme 'javascript:'"),
        ("https://user:secret@example.org/", "a user name or password"),
        ("example.org/edition/", "is not a full https: address"),
    ],
)
def test_an_address_that_would_break_out_stops_the_build_in_one_line(
    url: str, says: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before anything is built (the engine, the exports): in this process, on the real project."""
    monkeypatch.setenv("EDITION_SITE_URL", url)
    monkeypatch.setattr(command, "build", lambda *a, **k: pytest.fail("the engine ran"))
    assert command.main(["build"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"build: EDITION_SITE_URL {url!r} ") and says in line and line.endswith("nothing was built")


# --- serve ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "address"),
    [([], "127.0.0.1:8000"), (["-a", "127.0.0.1:8123"], "127.0.0.1:8123"), (["--dev-addr=0.0.0.0:9"], "0.0.0.0:9")],
)
def test_dev_address(args: list[str], address: str) -> None:
    assert dev_address(args) == address


def test_a_bad_address_is_one_line() -> None:
    assert port_problem("localhost") == "'localhost' is not host:port (for example 127.0.0.1:8001)"


def test_a_busy_port_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run(project.root, "serve", "-a", f"127.0.0.1:{port}")
    assert done.returncode == 1
    assert done.stderr == (
        f"serve: 127.0.0.1:{port} is already in use (another server?); stop it, or pass -a 127.0.0.1:{port + 1}\n"
    )
    assert not (project.root / "dist").exists(), "nothing is exported before the port is known to be free"


@pytest.mark.parametrize("which", ["build", "serve"])
def test_help_shows_the_engines_help_and_builds_nothing(
    which: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process, on the real project: nothing is checked, built or exported."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")  # the engine sets it; put it back after
    monkeypatch.setattr(command, "check", lambda *a: pytest.fail("the checker ran"))
    before = files_under(PROJECT / "site"), files_under(PROJECT / "dist")
    cwd = Path.cwd()
    try:
        assert command.main([which, "--help"]) == 0
    finally:
        os.chdir(cwd)  # the engine runs in the project folder
    assert f"Usage: properdocs {which} [OPTIONS]" in capsys.readouterr().out
    assert (files_under(PROJECT / "site"), files_under(PROJECT / "dist")) == before


# --- builds that are refused ----------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    root: Path
    done: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def checker_refused(tmp_path_factory: pytest.TempPathFactory) -> Refused:
    """A copy in which one fact (Stalin's birth date) is no longer what its source says, and whose
    checker carries a deprecated call: `build`, as ./edition runs it."""
    project = copy_project(tmp_path_factory.mktemp("refused") / "project")
    project.replace("data/sources.yml", "    born: 1878-12-18", "    born: 1878-12-19")
    probe = "\nimport warnings\n\nwarnings.warn('probe: a deprecated call', DeprecationWarning, stacklevel=1)\n"
    project.write("tools/checker/facts.py", project.read("tools/checker/facts.py") + probe)
    return Refused(project.root, run(project.root, "build", EDITION_SITE_URL=PUBLISHED))


def test_a_build_the_checker_refuses_is_its_findings_one_line_each(checker_refused: Refused) -> None:
    done, root = checker_refused.done, checker_refused.root
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    expected = [str(f) for f in check(root).findings]
    assert any(re.match(r"data/sources\.yml:\d+:\d+: fact-date 'born' gives 19 December 1878", f) for f in expected), (
        expected
    )
    lines = done.stderr.splitlines()
    findings = [line for line in lines if FINDING.match(line)]
    assert findings == expected  # the build says what the checker says, nothing more
    assert lines[-1] == f"build: the checker found {len(expected)} problem(s); nothing was built"
    assert not (root / "site").exists() and not (root / "dist").exists()


def test_a_deprecation_warning_during_a_build_is_shown(checker_refused: Refused) -> None:
    """./edition turns deprecation warnings on for every tool (Python hides them in imported code)."""
    assert "tools/checker/facts.py:" in checker_refused.done.stderr
    assert "DeprecationWarning: probe: a deprecated call" in checker_refused.done.stderr


@pytest.mark.slow
def test_a_build_the_output_guard_refuses_leaves_nothing_to_publish(tmp_path: Path) -> None:
    """A theme override (code, which the checker does not read) adds an inline script to every page:
    the real engine builds the offline site, the guard refuses each page in one line, and the folder
    is removed, so nothing refused can be copied to a host."""
    project = copy_project(tmp_path / "project")
    project.write(
        "overrides/main.html",
        project.read("overrides/main.html")
        + "\n{% block extrahead %}<script>alert(document.domain)</script>{% endblock %}\n",
    )
    done = run(project.root, "build", EDITION_SITE_URL=PUBLISHED, EDITION_CONTACT="mailto:editors@example.org")
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr
    logged = [re.sub(r"^ERROR\s+-\s+(edition: )?", "", line) for line in done.stderr.splitlines() if "ERROR" in line]
    findings = [line for line in logged if FINDING.match(line)]
    assert len(findings) >= 12, done.stderr[-3000:]  # each page of the site, one line each
    assert all(" guard-markup dist/.offline-site/" in f for f in findings)
    assert all(f.endswith(": an inline script that is not one of the theme's own") for f in findings)
    assert any(f.startswith("docs/praise.md:") for f in findings)  # each page points at its input
    assert logged[-1].endswith("the output guard refused the built pages; dist/.offline-site/ was removed")
    assert files_under(project.root / "dist") == [] and not (project.root / "site").exists()


# --- the README and the GitHub Pages workflow -----------------------------------------------------


def readme_publishing() -> tuple[list[str], set[str]]:
    """The README's publishing commands (its sh blocks, comments left out), and the EDITION_ variables
    its Publishing section names."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", readme, flags=re.MULTILINE)
    [section] = [s for s in sections if s.startswith("Publishing")]
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", section, re.DOTALL)
    assert blocks, "the README's Publishing section has no sh block"
    lines = [line.split("#", 1)[0].strip().removeprefix("$ ") for block in blocks for line in block.splitlines()]
    return [line for line in lines if line], set(re.findall(r"\bEDITION_[A-Z_]+\b", section))


def test_the_pages_workflow_runs_the_readmes_commands() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "main" in triggers["push"]["branches"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert uses[:3] == ["actions/checkout", "actions/setup-python", "actions/configure-pages"]
    [run_step] = [step for step in steps if "run" in step]
    env = run_step.get("env", {})
    commands, named = readme_publishing()
    assert "./edition build" in commands
    assert "EDITION_SITE_URL" in named
    for line in commands:
        exported = re.fullmatch(r"export (\w+)=\S+", line)
        if exported:
            named.add(exported.group(1))
        else:
            assert line in run_step["run"].splitlines(), f"the workflow does not run {line!r}"
    for name in sorted(named):
        assert name in WORKFLOW_VALUES, f"the README names {name}: say here what the workflow sets it to"
        assert env.get(name) == WORKFLOW_VALUES[name], f"the workflow does not set {name}"
    assert env == WORKFLOW_VALUES  # the published address, and the repository's issues as the contact
    upload = steps[uses.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_the_readme_names_every_package_the_tools_need() -> None:
    """Every Debian package .ci/install-system-deps may install is named in the README,
    so a reader on another system knows what to install."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    packages = re.findall(r"missing\+=\(([\w.+-]+)\)", (PROJECT / ".ci" / "install-system-deps").read_text())
    assert len(packages) >= 11, packages
    assert [p for p in packages if not re.search(rf"(?<![\w.+-]){re.escape(p)}(?![\w.+-])", readme)] == []


def test_every_command_of_edition_runs_a_module_that_does_something() -> None:
    """`python -m X` of a module without a main part does nothing and exits 0: ./edition export once did."""
    script = (PROJECT / "edition").read_text(encoding="utf-8")
    modules = set(re.findall(r'-m (tools(?:\.\w+)+)(?= |"|$)', script, re.MULTILINE))
    assert {"tools.publish.command", "tools.checker", "tools.bench"} <= modules
    for module in modules:
        path = PROJECT / Path(*module.split("."))
        if path.is_dir():
            assert (path / "__main__.py").is_file(), module
        else:
            assert 'if __name__ == "__main__":' in path.with_suffix(".py").read_text(encoding="utf-8"), module
    assert re.search(r'export\)\n(?:.*\n){0,3}.*-m tools\.publish\.command export "\$@"', script)


# --- the offline build alongside: stopping it -------------------------------------------------------


def a_worker_then_wait(tmp_path: Path) -> Callable[[Renderer], Any]:
    """A stand-in for the offline build: it starts a worker of its own (as the PDF workers are), which
    holds the pipe too, writes the worker's pid down, and takes for ever."""

    def make(_: Renderer) -> Any:
        worker = os.fork()
        if worker == 0:
            time.sleep(600)
            os._exit(0)
        (tmp_path / "worker").write_text(str(worker))
        time.sleep(600)

    return make


def gone(pid: int) -> bool:
    """Has the process ended (reaped, or a zombie its new parent has yet to reap)?"""
    for _ in range(250):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.02)
    return False


def written(path: Path) -> int:
    while not path.exists() or not path.read_text():
        time.sleep(0.02)
    return int(path.read_text())


@pytest.fixture
def stand_in(tmp_path: Path) -> Iterator[command.Alongside]:
    """The stand-in, alongside; whatever of it is left is killed when the test ends, failed or not."""
    alongside = command.Alongside(a_worker_then_wait(tmp_path))
    child = alongside.pid
    try:
        yield alongside
    finally:
        for pid in (child, written(tmp_path / "worker")):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_abandoning_the_offline_build_stops_its_workers_too(stand_in: command.Alongside, tmp_path: Path) -> None:
    child, worker = stand_in.pid, written(tmp_path / "worker")
    stand_in.abandon()
    assert gone(child) and gone(worker)


def test_an_offline_build_killed_outright_is_one_line_at_once(stand_in: command.Alongside, tmp_path: Path) -> None:
    """Not when its last worker ends: the worker holds the pipe, so its end would come only then."""
    alongside, worker = stand_in, written(tmp_path / "worker")
    os.kill(alongside.pid, signal.SIGKILL)
    failed: list[str] = []

    def finish() -> None:
        try:
            alongside.finish()
        except ExportFailed as error:
            failed.append(str(error))

    waiting = threading.Thread(target=finish)
    waiting.start()
    waiting.join(timeout=60)  # a bound against a hang, not a measure
    assert not waiting.is_alive() and failed == ["the offline build stopped"]
    assert gone(worker)
