"""The edition built without its hook, as it would be with another engine (ARCHITECTURE.md, appendix):
`prepare()` writes the docs folder, any engine builds it, `finish_folder()` finishes and guards it.

    python -m tools.bench.wrapper OUT [ENGINE COMMAND …]

builds the online site into OUT, for EDITION_SITE_URL (and EDITION_CONTACT), as `./edition build` does. The engine command (default: ProperDocs) is given the config as
`{config}`; the config is mkdocs.yml without the hook, reading the prepared folder and writing OUT.
Prints the guard's findings, one line each; exit status 1 if there are any. The exports are not
made (the downloads are offered only if dist/ holds them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from ..checker import check
from ..guard.configs import read
from ..model.edition import Checked, Site
from ..publish import engine
from ..publish.build import PROJECT, REPRODUCIBLE_EPOCH
from ..site.prepare import prepare

DEFAULT_ENGINE = (sys.executable, "-m", "properdocs", "build", "--strict", "-f", "{config}")


def plain_config(project: Path, docs: Path, out: Path, site_url: str, checked: Checked) -> str:
    """mkdocs.yml as a plain engine gets it: no hook, no watched folders, the prepared docs, and the
    navigation the hook would give (with the pages the source list decides: engine.with_kind_pages)."""
    config = {k: v for k, v in read(project / "mkdocs.yml").items() if k not in ("hooks", "watch")}
    config.update(docs_dir=str(docs), site_dir=str(out), site_url=site_url)
    config["nav"] = engine.with_kind_pages(config["nav"], checked)
    if isinstance(config.get("theme"), dict) and config["theme"].get("custom_dir"):
        config["theme"]["custom_dir"] = str(project / config["theme"]["custom_dir"])
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def wrapped_build(out: Path, site_url: str, command: tuple[str, ...] = DEFAULT_ENGINE, project: Path = PROJECT) -> int:
    result = check(project)
    for finding in result.findings:
        print(finding, file=sys.stderr)
    if result.errors or result.checked is None:
        return 1
    contact = os.environ.get("EDITION_CONTACT") or result.checked.sources.edition.contact
    state = engine.State(result.checked, Site(site_url, False, contact), result)
    with tempfile.TemporaryDirectory(dir=project, prefix=".wrapped-") as folder:
        docs, config = Path(folder) / "docs", Path(folder) / "mkdocs.yml"
        prepare(docs, result.checked, state.site)
        config.write_text(plain_config(project, docs, out, site_url, result.checked), encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", REPRODUCIBLE_EPOCH)}
        done = subprocess.run([part.format(config=config) for part in command], cwd=project, env=env, check=False)
        if done.returncode != 0:
            print(f"wrapper: the engine exited with {done.returncode}", file=sys.stderr)
            return 1
    try:
        engine.finish_folder(out, state)
    except engine.Refused as refused:
        for finding in refused.findings:
            print(finding, file=sys.stderr)
        print(f"wrapper: {refused}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments:
        raise SystemExit(__doc__)
    url = os.environ.get("EDITION_SITE_URL", "http://127.0.0.1:8000/")
    sys.exit(wrapped_build(Path(arguments[0]).resolve(), url, tuple(arguments[1:]) or DEFAULT_ENGINE))
