"""The suite's build launcher (tests/prefork.py) runs the same build as a plain child process:
the same exit status, the same output, the same bytes written."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT, Project
from prefork import Prefork

from tools.publish import build
from tools.publish.build import build_command, build_env, child_process
from tools.publish.compare import differences


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


def test_the_real_site_is_the_same_forked(built_site: Path, tmp_path: Path) -> None:
    """built_site was forked (tests/conftest.py); a plain child process writes the same bytes."""
    plain = child_process(build_command(tmp_path / "plain"), PROJECT, build_env(), 300)
    assert plain.returncode == 0, plain.stderr
    assert differences(built_site, tmp_path / "plain") == []


def test_a_build_past_its_timeout_is_killed_and_the_server_goes_on(repo_copy: Project, tmp_path: Path) -> None:
    people = repo_copy.read("tools/site/people.py")
    repo_copy.write("tools/site/people.py", people + "\nimport time\n\ntime.sleep(600)\n")
    launcher = Prefork()
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


def test_another_module_or_start_up_variable_runs_as_a_plain_child() -> None:
    launcher = Prefork()
    env = build_env()
    assert launcher.forkable(build_command(Path("site")), env)
    assert not launcher.forkable(build_command(Path("site"), engine="mkdocs"), env)
    assert not launcher.forkable([*build_command(Path("site"))[:1], "-m", "tools.checker"], env)
