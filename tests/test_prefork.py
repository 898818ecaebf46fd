"""The suite's launchers (tests/prefork.py) run the same command as a plain child process: the same
exit status, the same output, the same bytes written. (A whole site forked, and one built by a plain
child process, are compared in tests/publish/test_engines.py.)"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project, run_check
from prefork import Prefork, builds

from tools.publish import build
from tools.publish.build import build_command, build_env, child_process


def both(project: Path, site: Path) -> tuple[subprocess.CompletedProcess[str], ...]:
    """The build of `project` by the session's launcher (tests/conftest.py), and by a plain child process."""
    launcher = build.launch
    assert isinstance(launcher, Prefork)
    before = launcher.forked
    forked = launcher(build_command(site / "forked"), project, build_env(), 300)
    assert launcher.forked == before + 1
    plain = child_process(build_command(site / "plain"), project, build_env(), 300)
    return forked, plain


def test_a_refused_build_says_the_same_forked(repo_copy: Project, tmp_path: Path) -> None:
    repo_copy.replace("data/sources.yml", "speaker: bukharin", "speaker: nobody-of-that-name", count=1)
    forked, plain = both(repo_copy.root, tmp_path)
    assert forked.returncode == plain.returncode == 1
    assert forked.stdout == plain.stdout
    assert forked.stderr == plain.stderr
    assert "yaml-reference" in forked.stderr


def test_a_build_past_its_timeout_is_killed_and_the_server_goes_on(repo_copy: Project, tmp_path: Path) -> None:
    people = repo_copy.read("tools/site/people.py")
    repo_copy.write("tools/site/people.py", people + "\nimport time\n\ntime.sleep(600)\n")
    launcher = builds()
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            launcher(build_command(tmp_path / "slow"), repo_copy.root, build_env(), 1)
        repo_copy.write("tools/site/people.py", people)
        repo_copy.replace("data/sources.yml", "speaker: bukharin", "speaker: nobody-of-that-name", count=1)
        done = launcher(build_command(tmp_path / "site"), repo_copy.root, build_env(), 300)
        assert done.returncode == 1 and "yaml-reference" in done.stderr, done.stderr
        assert launcher.forked == 1
    finally:
        launcher.close()


def test_another_module_or_start_up_variable_runs_as_a_plain_child(tmp_path: Path) -> None:
    launcher = builds()
    env = build_env()
    site = build_command(tmp_path / "site")
    assert launcher.forkable(site, tmp_path, env)  # the server would start with this environment
    assert not launcher.forkable(build_command(tmp_path / "site", engine="mkdocs"), tmp_path, env)
    assert not launcher.forkable([*site[:1], "-m", "tools.checker"], tmp_path, env)
    assert not launcher.forkable(site, tmp_path / "missing", env)
    launcher.start(env)
    try:
        assert launcher.forkable(site, tmp_path, {**env, "SOURCE_DATE_EPOCH": "0"})  # read as it runs
        for name, value in (("PYTHONHASHSEED", "7"), ("PYTHONWARNINGS", "error"), ("LC_ALL", "C"), ("TZ", "UTC")):
            assert not launcher.forkable(site, tmp_path, {**env, name: value}), name
        plain = launcher(build_command(tmp_path / "site", engine="mkdocs"), tmp_path, env, 60)
        assert launcher.forked == 0 and plain.returncode != 0  # no mkdocs.yml here: MkDocs said so itself
    finally:
        launcher.close()
    assert not launcher.running()


def test_the_checker_says_the_same_forked(mini: Project) -> None:
    mini.replace("docs/praise.md", "Another defendant, Rosenholz, shouted", "Another defendant, Bukharin, shouted")
    forked, fresh = run_check(mini.root), run_check(mini.root, fresh=True)
    assert (forked.returncode, forked.stdout, forked.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert forked.returncode == 1 and "quote-speaker" in forked.stdout


def test_the_checker_writes_the_same_forked(mini_project: Callable[..., Project]) -> None:
    def stale(project: Project) -> None:
        project.replace(
            "docs/praise.md", "**Nikolai Ivanovich Bukharin**, defendant.", "**Nikolai Ivanovich Bukharin**, witness."
        )

    forked, fresh = mini_project(stale, "forked"), mini_project(stale, "fresh")
    done = [run_check(forked.root, "--write"), run_check(fresh.root, "--write", fresh=True)]
    assert done[0].returncode == done[1].returncode == 0
    assert (done[0].stdout, done[0].stderr) == (done[1].stdout, done[1].stderr)
    assert "docs/praise.md: footnotes regenerated" in done[0].stderr
    assert forked.snapshot() == fresh.snapshot()
