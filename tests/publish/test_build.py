"""The build (tools/publish/build.py) is guarded by the checker: the real site builds with --strict, and each
attribution mistake in a copy of the project stops `properdocs build` with a `path:line` message
naming the rule — the same findings the checker prints on its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project, hook_findings, mkdocs_build, run_check

YML = "data/sources.yml"
WARNING = "docs/warning.md"
PRAISE = "docs/praise.md"
TROTSKY = "docs/trotsky.md"


def delete_quotation(project: Project, entry_id: str) -> None:
    text = project.read(YML)
    pattern = re.compile(rf"^  - id: {re.escape(entry_id)}\n(?:(?:    .*)?\n)*?(?=  - id: |\S)", re.MULTILINE)
    assert len(pattern.findall(text)) == 1
    project.write(YML, pattern.sub("", text))


# (name, mutation, file, text the finding points at, rule)
MUTATIONS: list[tuple[str, Callable[[Project], None], str, str, str]] = [
    (
        "swapped speaker",
        lambda p: p.replace(PRAISE, "Another defendant, Rosenholz, shouted", "Another defendant, Bukharin, shouted"),
        PRAISE,
        "Bukharin, shouted",
        "quote-speaker",
    ),
    (
        "changed word in a quotation",
        lambda p: p.replace(WARNING, "meet a sad and unfortunate end", "meet a bad and unfortunate end"),
        WARNING,
        "bad and unfortunate",
        "quote-wording",
    ),
    (
        "deleted quotation entry",
        lambda p: delete_quotation(p, "q-rosengolts-deviation"),
        WARNING,
        "[“Whoever",
        "quote-unknown-id",
    ),
    (
        "added unfootnoted quotation",
        lambda p: p.replace(TROTSKY, "that he said extended from Denmark", "that he said “extended” from Denmark"),
        TROTSKY,
        "“extended”",
        "quote-unattributed",
    ),
    (
        "duplicated YAML key",
        lambda p: p.replace(
            YML,
            "    speaker: rosengolts\n    role: defendant\n    trial: trial-1938\n    occasion: null\n",
            "    speaker: rosengolts\n    role: defendant\n    trial: trial-1938\n    occasion: null\n    role: the accused Rosenholz\n",
        ),
        YML,
        "role: the accused Rosenholz",
        "yaml-duplicate-key",
    ),
    (
        "YAML syntax error",
        lambda p: p.replace(YML, "    role: defendant, 1938 trial\n", "    role: defendant: 1938 trial\n"),
        YML,
        ": 1938 trial",
        "yaml-syntax",
    ),
]


def test_the_real_site_builds_strictly(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    for page in ("warning", "praise", "trotsky", "meetings"):
        assert (built_site / f"{page}.html").is_file()


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_broken_project_does_not_build(repo_copy: Project, tmp_path: Path, mutation) -> None:
    _, mutate, rel, needle, rule = mutation
    mutate(repo_copy)
    line, col = repo_copy.where(rel, needle)
    build = mkdocs_build(repo_copy.root, tmp_path / "site")
    output = build.stdout + build.stderr
    assert build.returncode != 0, output
    assert f"{rel}:{line}:{col}: {rule} " in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "praise.html").exists()
    # The hook reports exactly what the checker reports on its own.
    standalone = run_check(repo_copy.root)
    assert standalone.returncode in (1, 2)
    assert hook_findings(output) == standalone.stdout.splitlines()


def test_hook_and_checker_agree_on_a_clean_copy(repo_copy: Project, tmp_path: Path) -> None:
    build = mkdocs_build(repo_copy.root, tmp_path / "site")
    assert build.returncode == 0, build.stdout + build.stderr
    assert hook_findings(build.stdout + build.stderr) == []
    assert run_check(repo_copy.root).stdout.splitlines() == [
        "docs/: 4 chapter pages and data/sources.yml agree: no findings"
    ]
