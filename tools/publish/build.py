"""The one way the edition runs a site build: `properdocs build --strict -f mkdocs.yml` in a child process.

A child process, so that a build always loads the hook and `tools` afresh, exactly as
`./edition build` does; the caller decides what a failure means.

ProperDocs is the continuation of MkDocs 1.x by its original maintainers (ARCHITECTURE.md,
"Engines"). `-f` is always given: without it ProperDocs prints a notice that `mkdocs.yml` should be
renamed. The engine can be chosen so that a test can show that MkDocs 1.6.1 (still installed as
Material's dependency) builds the same site, byte for byte apart from the generator tag.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, Protocol

from ..model.siteconfig import BUILDS, CONFIG, OFFLINE_CONFIG

# CONFIG and OFFLINE_CONFIG are the model's (tools/model/siteconfig.py, which the checker reads).
__all__ = [
    "CONFIG",
    "ENGINE",
    "OFFLINE_CONFIG",
    "OFFLINE_SITE",
    "PROJECT",
    "BuildFailed",
    "build",
    "build_env",
    "run_build",
]

Engine = Literal["properdocs", "mkdocs"]
ENGINE: Engine = "properdocs"
PROJECT = Path(__file__).resolve().parent.parent.parent
# The two configs and the folder each build writes into (the checker holds site_dir to these).
OFFLINE_SITE = BUILDS[OFFLINE_CONFIG]  # dist/.offline-site: inside dist/, never a download itself
# The engine's own stamps (sitemap.xml.gz) follow SOURCE_DATE_EPOCH: two builds of one tree are identical.
REPRODUCIBLE_EPOCH = "315532800"  # 1980-01-01, the earliest time a zip entry can hold
# Deprecation warnings printed once per place, unless the caller set PYTHONWARNINGS. Without it,
# `python -m properdocs` (and `-m mkdocs`) hides them: the engine sends them to a logger named
# `__main__`, which prints nothing; only the `properdocs` script shows them (as INFO lines).
SHOW_DEPRECATIONS = "default::DeprecationWarning,default::PendingDeprecationWarning"


class BuildFailed(Exception):
    """The build stopped (a checker finding, a broken link, an external asset): its output says why."""

    def __init__(self, result: subprocess.CompletedProcess[str]) -> None:
        super().__init__(result.stderr.strip() or result.stdout.strip() or f"exit {result.returncode}")
        self.result = result


def build_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    # No NO_MKDOCS_2_WARNING: it silenced only Material's end-of-life banner, which Material prints
    # when the `mkdocs` executable runs and never under properdocs (ARCHITECTURE.md, "Engines").
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", REPRODUCIBLE_EPOCH)
    env.setdefault("PYTHONWARNINGS", SHOW_DEPRECATIONS)
    return {**env, **(extra or {})}


class Launch(Protocol):
    """Runs a command to its end in `cwd` with exactly `env`, its output captured as text."""

    def __call__(
        self, command: list[str], cwd: Path, env: dict[str, str], timeout: float
    ) -> subprocess.CompletedProcess[str]: ...


def child_process(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


# How a build's command is started. The test suite, which builds some seventy sites, sets a
# launcher that runs the same command in a child forked from an interpreter that has already
# imported the engine (tests/prefork.py); the hook and `tools` are still loaded afresh.
launch: Launch = child_process


def build_command(site_dir: Path, config: str = CONFIG, engine: Engine = ENGINE) -> list[str]:
    return [sys.executable, "-m", engine, "build", "--strict", "-f", config, "-d", str(site_dir)]


def run_build(
    site_dir: Path,
    *,
    project: Path = PROJECT,
    config: str = CONFIG,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
    engine: Engine = ENGINE,
) -> subprocess.CompletedProcess[str]:
    """Build `project` with `config` into `site_dir`; the finished process, whatever its exit status."""
    return launch(build_command(site_dir, config, engine), project, build_env(env), timeout)


def build(
    site_dir: Path, *, project: Path = PROJECT, config: str = CONFIG, env: Mapping[str, str] | None = None
) -> Path:
    """Build, or raise BuildFailed."""
    result = run_build(site_dir, project=project, config=config, env=env)
    if result.returncode != 0:
        raise BuildFailed(result)
    return site_dir
