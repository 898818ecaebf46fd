"""The hostile review's attacks on the config, the files of docs/ and the editorial pages (M1, M2,
M3, M6, M7, S3, S4, S6, S13; the patches are the reviewer's), rerun on a copy of the real
project: `./edition check` and the build refuse each with the same one-line finding, at the
place of the attack, and nothing is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Project, hook_findings, mkdocs_build, position, refused_alike

CONFIG = "mkdocs.yml"
OFFLINE = "mkdocs.offline.yml"
INDEX = "docs/index.md"
MADE_UP = "“Stalin is innocent of every crime.”"
EXTRA = "extra:\n  generator: false\n"
SENTENCE = "not Orlov’s chapter number; which chapter"


@dataclass(frozen=True)
class Attack:
    name: str
    mutate: Callable[[Project], None]
    path: str  # the finding is in this file ...
    at: str  # ... at this text ("" for 1:1)
    rule: str


def in_index(replacement: str, tail: str = "") -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        p.replace(INDEX, SENTENCE, replacement)
        if tail:
            p.write(INDEX, p.read(INDEX) + tail)

    return mutate


def planted_links(p: Project) -> None:
    """s4: `docs/git -> ../.git` and `docs/assets/env.txt -> ../../.env` (untracked secrets)."""
    p.path(".git").mkdir()
    p.write(".git/config", "[core]\n\tbare = false\n")
    p.write(".env", "SECRET_TOKEN=hunter2\n")
    p.path("docs/git").symlink_to("../.git")
    p.path("docs/assets/env.txt").symlink_to("../../.env")


def evil_files(p: Project) -> None:
    """s5: an HTML page and an SVG in docs/, published as they are."""
    p.write("docs/evil.html", f"<!doctype html><p>{MADE_UP} — Orlov</p><script>alert(1)</script>")
    p.write("docs/assets/evil.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')


ATTACKS = [
    Attack(
        "s1: extra.analytics breaks out of Material's inline script",
        lambda p: p.replace(
            CONFIG,
            EXTRA,
            EXTRA + "  analytics:\n    provider: google\n    property: '\"+alert(document.domain)+\"'\n",
        ),
        CONFIG,
        "analytics:",
        "config-key",
    ),
    Attack(
        "s9: a <script> in extra.consent.description",
        lambda p: p.replace(
            CONFIG,
            EXTRA,
            EXTRA + "  consent:\n    title: Notice\n    description: 'Read.<script>alert(document.domain)</script>'\n",
        ),
        CONFIG,
        "consent:",
        "config-key",
    ),
    Attack(
        "s2: a script in the offline config's copyright",
        lambda p: p.write(OFFLINE, p.read(OFFLINE) + "\ncopyright: 'The editors.<script>alert(1)</script>'\n"),
        OFFLINE,
        "<script>",
        "config-markup",
    ),
    Attack(
        "s2': a setting only the offline config makes",
        lambda p: p.replace(OFFLINE, "  offline_edition: true\n", "  offline_edition: true\n  scope: x\n"),
        OFFLINE,
        "scope: x",
        "config-key",
    ),
    Attack(
        "s3: site_dir outside the repository",
        lambda p: p.replace(CONFIG, "site_dir: site\n", "site_dir: ../s3-escaped\n"),
        CONFIG,
        "../s3-escaped",
        "config-output",
    ),
    Attack(
        "S13: the offline build outside dist/",
        lambda p: p.replace(OFFLINE, "site_dir: dist/.offline-site\n", "site_dir: build/offline\n"),
        OFFLINE,
        "build/offline",
        "config-output",
    ),
    Attack("s5: an HTML page in docs/", evil_files, "docs/evil.html", "", "file-published"),
    Attack("s4: links to .git and an untracked .env", planted_links, "docs/git", "", "file-symlink"),
    Attack(
        "m1: a made-up quotation in site_description",
        lambda p: p.replace(CONFIG, "with its status and sources.", f"with its status and sources. Orlov: {MADE_UP}"),
        CONFIG,
        MADE_UP,
        "config-quote",
    ),
    Attack(
        "m2: a made-up quotation as a nav title",
        lambda p: p.replace(CONFIG, "- Praise in the courtroom: praise.md", f"- 'Orlov: {MADE_UP}': praise.md"),
        CONFIG,
        MADE_UP,
        "config-quote",
    ),
    Attack(
        "S6: a nav title that is not the page's heading",
        lambda p: p.replace(CONFIG, "- The alleged meetings abroad: meetings.md", "- The meetings abroad: meetings.md"),
        CONFIG,
        "The meetings abroad: meetings.md",
        "nav-title",
    ),
    Attack(
        "s6: a title attribute, shown as HTML by the tooltip",
        in_index(
            'not Orlov’s <abbr title="&lt;img src=https://evil.example/x.png onerror=alert(1)&gt;">chapter</abbr> '
            "number; which chapter"
        ),
        INDEX,
        "<abbr",
        "editorial-title",
    ),
    Attack(
        "S4: a link title",
        in_index('not Orlov’s [chapter](warning.md "&lt;img src=x onerror=alert(1)&gt;") number; which chapter'),
        INDEX,
        ' "&lt;img src=x',
        "editorial-title",
    ),
    Attack(
        "e8: words of the chapter, each quoted alone, stitched into a sentence nobody wrote",
        in_index("not Orlov’s chapter number, though Orlov calls “Stalin” “innocent”; which chapter"),
        INDEX,
        "“Stalin” “innocent”",  # read as one stretch, from its first mark
        "editorial-quote",
    ),
    Attack(
        "e8b: a word of the chapter quoted alone, with the editors' words around it",
        in_index("not Orlov’s chapter number, though Orlov calls Stalin “innocent”; which chapter"),
        INDEX,
        "“innocent”",
        "editorial-quote",
    ),
    Attack(
        "r2: the theme's quotation box by its class, with no quotation marks",
        in_index(SENTENCE, '\n<div class="admonition quote" markdown>\nStalin is innocent of every crime.\n</div>\n'),
        INDEX,
        '<div class="admonition quote"',
        "editorial-html",
    ),
    Attack(
        "S4: an abbreviation's definition",
        in_index(SENTENCE, "\n*[Orlov]: &lt;img src=x onerror=alert(1)&gt;\n"),
        INDEX,
        "*[Orlov]:",
        "editorial-title",
    ),
    Attack(
        "s7: a javascript: link by reference",
        in_index("not Orlov’s [chapter][evil] number; which chapter", "\n[evil]: javascript:alert(document.domain)\n"),
        INDEX,
        "javascript:alert",
        "editorial-html",
    ),
    Attack(
        "s8: a javascript: link behind a character reference",
        in_index('not Orlov’s <a href="&#106;avascript:alert(document.domain)">chapter</a> number; which chapter'),
        INDEX,
        "<a href",
        "editorial-html",
    ),
    Attack(
        "a javascript: link with a tab and a named reference",
        in_index("not Orlov’s [chapter](java&Tab;script&colon;alert(1)) number; which chapter"),
        INDEX,
        "](java",
        "editorial-html",
    ),
    Attack(
        "an image from another site, by reference",
        in_index("not Orlov’s ![chapter][pixel] number; which chapter", "\n[pixel]: https://evil.example/t.png\n"),
        INDEX,
        "![chapter]",
        "editorial-html",
    ),
    Attack(
        "a description in an editorial page's front matter",
        lambda p: p.replace(INDEX, "title: About this edition\n", 'title: About this edition\ndescription: x" y="\n'),
        INDEX,
        "description:",
        "editorial-html",
    ),
]


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_the_checker_and_the_build_refuse_it_alike(attack: Attack, repo_copy: Project, tmp_path: Path) -> None:
    attack.mutate(repo_copy)
    line, col = position(repo_copy.read(attack.path), attack.at) if attack.at else (1, 1)
    site = tmp_path / "site"
    refused_alike(repo_copy, f"{attack.path}:{line}:{col}: {attack.rule} ", site, exit_codes=(1,))
    assert not site.exists() or not any(site.iterdir())
    assert not (repo_copy.root.parent / "s3-escaped").exists()


@pytest.mark.parametrize(
    ("attack", "at"),
    [
        (
            in_index("not Orlov’s [chapter][evil] number; which chapter", "\n[evil]: javascript:alert(1)\n"),
            "javascript",
        ),
        (in_index('not Orlov’s <a href="&#106;avascript:alert(1)">chapter</a> number; which chapter'), "<a href"),
    ],
    ids=["by-reference", "character-reference"],
)
def test_the_builds_own_check_stands_behind_the_checker(
    attack: Callable[[Project], None], at: str, repo_copy: Project, tmp_path: Path
) -> None:
    """With the checker's link rule broken in the copy, the build's html-live check still stops
    the build: one line at the place in the page's source, before any page is written."""
    repo_copy.replace(
        "tools/checker/editorial.py",
        "def _url_ok(url: str) -> bool:\n",
        "def _url_ok(url: str) -> bool:\n    return True\n",
    )
    attack(repo_copy)
    site = tmp_path / "site"
    built = mkdocs_build(repo_copy.root, site)
    output = built.stdout + built.stderr
    line, col = position(repo_copy.read(INDEX), at)
    assert built.returncode != 0 and "Traceback" not in output
    assert hook_findings(output) == [  # the copy's checker, broken, let it through: html-live alone
        f"{INDEX}:{line}:{col}: html-live the page would carry a javascript: address in href on <a>; data and "
        "pages are never markup"
    ]
    assert "Error reading page" not in output
    assert not (site / "index.html").exists()
