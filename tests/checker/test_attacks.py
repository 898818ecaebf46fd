"""The attacks of issue 8, rerun on a copy of the real project: each is refused by the checker and
by the build alike, with the same one-line `path:line:col: rule` finding and no traceback.

A hostile editor tries to publish a made-up quotation (“Stalin is innocent of every crime.”)
every way the page grammar could leave open, empties the list of chapter pages, renames a
quotation's id to slip past the rules, plants a script, and feeds the checker what once crashed it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PROJECT, Project, build_env, hook_findings, mkdocs_build, position, run_check

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
    run_check(p.root, "--write")


def renamed_speaker(p: Project) -> None:
    """The same under a well-formed new id: the prose still names Bukharin before the words."""
    p.replace(PRAISE, "{ #q-bukharin-hope-of-mankind }[^q-bukharin-hope-of-mankind]", "{ #q-hope }[^q-hope]")
    p.replace(YML, "  - id: q-bukharin-hope-of-mankind\n", "  - id: q-hope\n")
    p.replace(YML, "    speaker: bukharin\n", "    speaker: rosengolts\n")
    run_check(p.root, "--write")


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
    expected = f"{attack.path}:{line}:{col}: {attack.rule} "
    checked = run_check(repo_copy.root)
    assert checked.returncode in (1, 2) and "Traceback" not in checked.stderr
    assert any(f.startswith(expected) for f in checked.stdout.splitlines()), checked.stdout
    built = mkdocs_build(repo_copy.root, tmp_path / "site")
    assert built.returncode != 0 and "Traceback" not in built.stderr + built.stdout
    assert any(f.startswith(expected) for f in hook_findings(built.stdout + built.stderr)), built.stderr[-3000:]
    assert not (tmp_path / "site" / "praise.html").exists()


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
    out = run_check(repo_copy.root).stdout
    assert "\u202e" not in out and "\u0085" not in out
    assert "\\u202e" in out


def test_a_missing_page_gives_a_capped_report(repo_copy: Project) -> None:
    repo_copy.path(PRAISE).unlink()
    lines = run_check(repo_copy.root).stdout.splitlines()
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
    done = run_check(repo_copy.root, "--write")
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


def test_two_bootstraps_at_once_share_one_environment(tmp_path: Path) -> None:
    """Two `./edition check` started together on a fresh clone: one builds .venv under a lock, the
    other waits for it; both then check. A failed bootstrap exits 3, never 1 ("findings")."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(clone)], check=True)
    env = {**os.environ, "EDITION_VENV": str(tmp_path / "venv")}
    env.pop("VIRTUAL_ENV", None)
    first = subprocess.Popen(
        ["./edition", "check"], cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(0.2)
    second = subprocess.Popen(
        ["./edition", "check"], cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
