"""The one way the edition runs the engine: ProperDocs' own command line, in this process.

In this process, so that `./edition build` checks the input once and hands the result to the hook
(tools/publish/engine.py), and the engine's imports are paid once for both builds. Before the engine
loads a config, tools/guard/configs.py reads it safely and refuses anything but the edition's own
hook, scripts and plugins.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import click

from ..guard.configs import check_configs

PROJECT = Path(__file__).resolve().parent.parent.parent
CONFIG = "mkdocs.yml"
OFFLINE_CONFIG = "mkdocs.offline.yml"
OFFLINE_SITE = "dist/.offline-site"
ONLINE_STAGING = "dist/.online-site"  # `./edition build` makes the site here, then moves it to site/
# The engine's own stamps (sitemap.xml.gz) follow SOURCE_DATE_EPOCH: two builds of one tree are identical.
REPRODUCIBLE_EPOCH = "315532800"  # 1980-01-01, the earliest time a zip entry can hold


class BuildFailed(Exception):
    """The engine stopped; the lines above say why (each finding one line)."""


def load_engine() -> None:
    """Import the engine now (a build would, later)."""
    import properdocs.__main__  # noqa: F401


def engine(command: str, config: str, *options: str, project: Path = PROJECT) -> None:
    """`properdocs <command> --strict -f <config> <options>` in this process; BuildFailed if it stops."""
    from properdocs.__main__ import cli

    os.environ.setdefault("SOURCE_DATE_EPOCH", REPRODUCIBLE_EPOCH)
    os.chdir(project)
    check_configs(project)
    try:
        cli.main(args=[command, "--strict", "-f", config, *options], prog_name="properdocs", standalone_mode=False)
    except click.ClickException as error:
        raise BuildFailed(error.format_message()) from None
    except click.exceptions.Abort:
        raise BuildFailed("stopped") from None


def build(site_dir: Path | None = None, config: str = CONFIG, project: Path = PROJECT) -> Path:
    engine("build", config, *(["-d", str(site_dir)] if site_dir else []), project=project)
    return site_dir or project / ("site" if config == CONFIG else OFFLINE_SITE)


def replace_folder(target: Path, new: Path) -> None:
    """`new` in the place of `target` (whatever was there goes)."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
