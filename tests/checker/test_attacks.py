"""The attacks of issue 8, rerun on a copy of the real project: each is refused by the checker and
by the build alike, with the same one-line `path:line:col: rule` finding and no traceback.

A hostile editor tries to publish a made-up quotation (“Stalin is innocent of every crime.”)
every way the page grammar could leave open, empties the list of chapter pages, renames a
quotation's id to slip past the rules, plants a script, and feeds the checker what once crashed it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PROJECT, Project, build_env, check_in_process, position, refused_alike

YML = "data/sources.yml"
WARNING = "docs/warning.md"
PRAISE = "docs/praise.md"
INDEX = "docs/index.md"
MADE_UP = "“Stalin is innocent of every crime.”"
PARAGRAPH_END = "{: #p-praise-in-speeches }\n"


@dataclass(frozen=True)
class Attack:
    name: str
    mutate: Callable[[Project], None]
    path: str  # the finding is in this file ...
    at: str  # ... at this text
    rule: str
    occurrence: int = 1


def after_paragraph(block: str) -> Callable[[Project], None]:
    return lambda p: p.replace(PRAISE, PARAGRAPH_END, f"{PARAGRAPH_END}\n{block}\n")


def renamed_quotation(p: Project) -> None:
    """Bukharin's quotation under an id without the q- prefix, given to another speaker, --write run."""
    p.replace(PRAISE, "{ #q-bukharin-hope-of-mankind }[^q-bukharin-hope-of-mankind]", "{ #x-bukharin }[^x-bukharin]")
    p.replace(YML, "  - id: q-bukharin-hope-of-mankind\n", "  - id: x-bukharin\n")
    p.replace(YML, "    speaker: bukharin\n", "    speaker: rosengolts\n")
    check_in_process(p.root, "--write")


def renamed_speaker(p: Project) -> None:
    """The same under a well-formed new id: the prose still names Bukharin before the words."""
    p.replace(PRAISE, "{ #q-bukharin-hope-of-mankind }[^q-bukharin-hope-of-mankind]", "{ #q-hope }[^q-hope]")
    p.replace(YML, "  - id: q-bukharin-hope-of-mankind\n", "  - id: q-hope\n")
    p.replace(YML, "    speaker: bukharin\n", "    speaker: rosengolts\n")
    check_in_process(p.root, "--write")


def misquoting_summary(p: Project) -> None:
    """A person's summary (shown on the people page and in the name tooltips) misquotes the chapter."""
    text = p.read(YML)
    start = text.index("    summary:", text.index("  - id: bukharin\n"))
    end = text.index("\n    sources:", start)
    p.write(
        YML,
        text[:start]
        + "    summary: He said in court that Stalin “is the hope of humanity! He is a great creator!”"
        + text[end:],
    )


ATTACKS = [
    Attack("made-up quotation in a blockquote", after_paragraph(f"> {MADE_UP}"), PRAISE, f"> {MADE_UP}", "page-block"),
    Attack("made-up quotation in a list item", after_paragraph(f"- {MADE_UP}"), PRAISE, f"- {MADE_UP}", "page-block"),
    Attack(
        "made-up quotation in an admonition",
        after_paragraph(f'!!! quote "Vyshinsky"\n    {MADE_UP}'),
        PRAISE,
        "!!! quote",
        "page-block",
    ),
    Attack(
        "made-up quotation in raw HTML", after_paragraph(f"<p>{MADE_UP}</p>"), PRAISE, f"<p>{MADE_UP}", "page-block"
    ),
    Attack(
        "made-up quotation in an editor's heading",
        lambda p: p.replace(
            PRAISE, PARAGRAPH_END, f"{PARAGRAPH_END}\n## Vyshinsky: {MADE_UP} {{ #claim .editor-heading }}\n"
        ),
        PRAISE,
        MADE_UP,
        "quote-unattributed",
    ),
    Attack(
        "made-up quotation in a footnote that is not a quotation's",
        lambda p: p.replace(
            PRAISE, "\n[^q-vyshinsky-epithets]:", f"\n[^claim]: Vyshinsky said {MADE_UP}\n[^q-vyshinsky-epithets]:"
        ),
        PRAISE,
        "[^claim]:",
        "footnote-not-quotation",
    ),
    Attack(
        "an empty list of chapter pages",
        lambda p: p.replace(YML, "pages: [warning.md, praise.md, trotsky.md, meetings.md]", "pages: []"),
        YML,
        "pages: []",
        "yaml-type",
    ),
    Attack(
        "a quotation id without q-, given to another speaker",
        renamed_quotation,
        PRAISE,
        "Bukharin was overwhelmed",
        "id-pattern",
    ),
    Attack(
        "a quotation given to another speaker under a new id",
        renamed_speaker,
        PRAISE,
        "Bukharin was overwhelmed",
        "quote-speaker",
    ),
    Attack(
        "an event handler in a quotation's attribute list",
        lambda p: p.replace(
            WARNING, "{ #q-rosengolts-deviation }", '{ #q-rosengolts-deviation onmouseover="alert(1)" }'
        ),
        WARNING,
        "{ #q-rosengolts-deviation onmouseover",
        "attr-list",
    ),
    Attack(
        "a script block on a chapter page",
        after_paragraph("<script>alert(1)</script>"),
        PRAISE,
        "<script>",
        "page-block",
    ),
    Attack(
        "a mistyped entry marker on an editorial page",
        lambda p: p.replace(INDEX, "<!-- person: orlov -->", "<!-- person: orlof -->"),
        INDEX,
        "<!-- person: orlof",
        "entry-unknown",
    ),
    Attack(
        "a YAML integer tag on text",
        lambda p: p.replace(YML, "    year: 1953\n", "    year: !!int abc\n"),
        YML,
        "!!int abc",
        "yaml-type",
    ),
    Attack(
        "a blank locator on a verified quotation",
        lambda p: p.replace(
            YML,
            "      - work: orlov-1953\n        supports: the attribution to Bukharin\n",
            '      - work: orlov-1953\n        locator: " "\n        supports: the attribution to Bukharin\n',
        ),
        YML,
        'locator: " "',
        "yaml-value",
    ),
    Attack(
        "a misquotation of the chapter in the source list's text",
        misquoting_summary,
        YML,
        "summary: He said in court",
        "generated-quote-wording",
    ),
    Attack(
        "two ids on one quotation",
        lambda p: p.replace(WARNING, "{ #q-rosengolts-deviation }", "{ #q-rosengolts-deviation #q-zz }"),
        WARNING,
        "{ #q-rosengolts-deviation #q-zz",
        "attr-list",
    ),
]


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_the_checker_and_the_build_refuse_it_alike(attack: Attack, repo_copy: Project, tmp_path: Path) -> None:
    attack.mutate(repo_copy)
    line, col = position(repo_copy.read(attack.path), attack.at, attack.occurrence)
    refused_alike(repo_copy, f"{attack.path}:{line}:{col}: {attack.rule} ", tmp_path / "site")


def test_a_declared_scare_quote_matches_as_the_finding_shows_it(repo_copy: Project) -> None:
    """Declared with the comma the finding quotes, a scare quote matches (it once gave two errors)."""
    repo_copy.replace(
        YML,
        "  - text: counter-revolutionary underground organizations\n",
        "  - text: counter-revolutionary underground organizations,\n",
    )
    assert repo_copy.findings() == []


def test_control_and_bidi_characters_are_escaped_in_findings(repo_copy: Project) -> None:
    repo_copy.replace(WARNING, "a sad and unfortunate end", "a sad and\u202e\u0085 unfortunate end")
    out = check_in_process(repo_copy.root).stdout
    assert "\u202e" not in out and "\u0085" not in out
    assert "\\u202e" in out


def test_a_missing_page_gives_a_capped_report(repo_copy: Project) -> None:
    repo_copy.path(PRAISE).unlink()
    lines = check_in_process(repo_copy.root).stdout.splitlines()
    assert lines and len(lines) <= 60
    assert lines[0].startswith(f"{PRAISE}:1:1: file-missing ")


def test_write_refuses_a_footnote_of_two_paragraphs(repo_copy: Project) -> None:
    repo_copy.replace(
        WARNING,
        "online reader page 80 of 453.\n",
        "online reader page 80 of 453.\n\n    A second paragraph.\n",
        count=1,
    )
    before = repo_copy.snapshot()
    done = check_in_process(repo_copy.root, "--write")
    assert done.returncode == 2 and "nothing written" in done.stderr
    assert repo_copy.snapshot() == before


def test_write_killed_midway_leaves_no_temporary_file(repo_copy: Project) -> None:
    """SIGTERM while --write writes: the temporary file is removed, the page is whole."""
    repo_copy.replace(
        WARNING, "**Arkady Pavlovich Rosengolts**, defendant.", "**Arkady Pavlovich Rosengolts**, witness."
    )
    script = (
        "import os, signal, sys, time\n"
        "from tools.checker import write\n"
        "real = write.os.replace\n"
        "def slow(a, b):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(5)\n"
        "    real(a, b)\n"
        "write.os.replace = slow\n"
        "from tools.checker.__main__ import main\n"
        f"sys.exit(main(['--root', {str(repo_copy.root)!r}, '--write']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, env=build_env(), timeout=60
    )
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert list(repo_copy.path("docs").glob(".*.tmp")) == []
    assert "witness." in repo_copy.read(WARNING)  # untouched: the rename never happened


def test_temporary_files_are_ignored_by_git() -> None:
    done = subprocess.run(["git", "check-ignore", "-q", "docs/.praise.md.abc123.tmp"], cwd=PROJECT)
    assert done.returncode == 0


def tiny_lock(folder: Path, package: str) -> Path:
    """A lock file with one small package of the test lock, with its hashes (pip's cache has it)."""
    lines = (PROJECT / "requirements-test.lock").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{package}=="))
    hashes = [line for line in lines[start + 1 :] if line.startswith("    --hash=")][:2]
    block = [lines[start], *hashes]
    lock = folder / "tiny.lock"
    lock.write_text("\n".join(block) + "\n", encoding="utf-8")
    return lock


def bootstrap(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["./edition", "setup"], cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_bootstraps_at_once_share_one_environment(tmp_path: Path) -> None:
    """Two `./edition` started together on a fresh machine: one builds the environment under a
    lock, the other waits for it and finds it done (once two pip runs in one folder collided).
    This Python's pip installs into the environment, which gets none of its own."""
    env = {**os.environ, "EDITION_VENV": str(tmp_path / "venv"), "EDITION_LOCKS": str(tiny_lock(tmp_path, "iniconfig"))}
    first = bootstrap(env)
    time.sleep(0.1)
    second = bootstrap(env)
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert sum(err.count("Setting up") for _, err in outputs) == 1, outputs
    assert list((tmp_path / "venv").glob("lib/python*/site-packages/iniconfig"))
    assert not list((tmp_path / "venv").glob("lib/python*/site-packages/pip"))


def test_a_failed_bootstrap_exits_3_and_says_what_failed(tmp_path: Path) -> None:
    """With a Python that has no pip (so the environment gets a pip of its own, the way taken where
    Python's pip cannot install into another environment) and a lock whose hashes are wrong."""
    lock = tiny_lock(tmp_path, "iniconfig")
    lock.write_text(re.sub(r"sha256:[0-9a-f]{4}", "sha256:0000", lock.read_text(encoding="utf-8")), encoding="utf-8")
    without_pip = tmp_path / "without-pip"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(without_pip)], check=True, timeout=60)
    python = str(without_pip / "bin" / "python")
    env = {**os.environ, "PYTHON": python, "EDITION_VENV": str(tmp_path / "venv"), "EDITION_LOCKS": str(lock)}
    done = subprocess.run(["./edition", "setup"], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr
    assert "./edition: setting up" in done.stderr and "pip install from the lock files" in done.stderr
    assert list((tmp_path / "venv").glob("lib/python*/site-packages/pip"))  # its own pip, made by venv
