"""Publishing that cannot go wrong silently: the address every build announces, the README's
publishing commands and the GitHub Pages workflow that runs them, and `./edition serve` and
`build` (tools/publish/command.py) failing in one line."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, Project, build_env

from tools.publish.command import dev_address, port_problem
from tools.publish.export import address_notice, book_metadata, site_meta

WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"


def command(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.publish.command", *args],
        cwd=root,
        env={**build_env(), "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- the address ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8001/x/", None, ""])
def test_a_local_address_is_a_one_line_warning(url: str | None) -> None:
    notice = address_notice(url)
    assert notice.startswith("warning: the site address is the local preview address ")
    assert "EDITION_SITE_URL=" in notice and "\n" not in notice


def test_a_published_address_is_said() -> None:
    assert address_notice("https://example.org/edition/") == (
        "QR codes, citations and printed links point to https://example.org/edition/"
    )


def test_export_prints_the_address_it_bakes_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """EDITION_SITE_URL is the address the books carry and the one the export announces (the
    command prints address_notice(site_meta().url) first: test_export.py runs it)."""
    monkeypatch.setenv("EDITION_SITE_URL", "https://example.org/edition/")
    assert site_meta().url == book_metadata().site.url == "https://example.org/edition/"
    assert address_notice(site_meta().url) == (
        "QR codes, citations and printed links point to https://example.org/edition/"
    )


# --- serve and build --------------------------------------------------------------------------


def test_help_runs_no_export(repo_copy: Project) -> None:
    before = repo_copy.snapshot()
    for which in ("serve", "build"):
        done = command(repo_copy.root, which, "--help", timeout=60)
        assert done.returncode == 0, done.stderr
        assert f"{which} [OPTIONS]" in done.stdout
    assert repo_copy.snapshot() == before, "--help wrote files (it ran the export)"


def test_a_busy_port_is_one_line_not_a_traceback(repo_copy: Project) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = command(repo_copy.root, "serve", "-a", f"127.0.0.1:{port}", timeout=60)
    assert done.returncode == 1
    assert (
        done.stderr
        == f"serve: 127.0.0.1:{port} is already in use (another server?); stop it, or pass -a 127.0.0.1:{port + 1}\n"
    )
    assert not (repo_copy.root / "dist").exists(), "nothing is exported before the port is known to be free"


@pytest.mark.parametrize(
    ("args", "address"),
    [([], "127.0.0.1:8000"), (["-a", "127.0.0.1:8123"], "127.0.0.1:8123"), (["--dev-addr=0.0.0.0:9"], "0.0.0.0:9")],
)
def test_dev_address(args: list[str], address: str) -> None:
    assert dev_address(args) == address


def test_a_bad_address_is_one_line() -> None:
    assert port_problem("localhost") == "'localhost' is not host:port (for example 127.0.0.1:8001)"


# --- the README and the GitHub Pages workflow -------------------------------------------------


def readme_publishing_commands() -> list[str]:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Publishing\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the README's Publishing section has no sh block"
    lines = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def test_the_pages_workflow_runs_the_readmes_commands() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "main" in triggers["push"]["branches"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert uses[:3] == ["actions/checkout", "actions/setup-python", "actions/configure-pages"]
    run = [step for step in steps if "run" in step]
    assert len(run) == 1
    commands = readme_publishing_commands()
    assert commands, "no publishing commands in the README"
    for line in commands:
        exported = re.fullmatch(r"export (\w+)=\S+", line)
        if exported:
            assert exported.group(1) in run[0].get("env", {}), f"the workflow does not set {exported.group(1)}"
            assert run[0]["env"][exported.group(1)] == "${{ steps.pages.outputs.base_url }}/"
        else:
            assert line in run[0]["run"].splitlines(), f"the workflow does not run {line!r}"
    upload = steps[uses.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_the_readme_names_every_prerequisite() -> None:
    """Every Debian package .ci/install-system-deps may install is named in the README, so a
    reader on another system knows what to install."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    head = readme.split("\n## Two commands\n", 1)[1].split("\n```", 1)[0]
    for needed in ("Python ≥ 3.11.5", "apt", "Chromium", "Java", "Node.js and npm", "poppler-utils", "fontconfig"):
        assert needed in head, needed
    script = (PROJECT / ".ci" / "install-system-deps").read_text(encoding="utf-8")
    packages = re.findall(r"missing\+=\(([\w.+-]+)\)", script)
    assert len(packages) >= 11, packages
    for package in packages:
        assert f"`{package}`" in head, package
