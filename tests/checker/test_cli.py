"""`./edition check` (`python -m tools.checker`): exit 0 clean and saying so with the coverage, 1 with
one line a finding, sorted by place, 2 when the input cannot be read; never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, Project

from tools.checker.__main__ import main


def run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.checker", "--root", str(root)], cwd=PROJECT, capture_output=True, text=True
    )


def test_a_clean_project_exits_0_and_says_so_with_its_coverage(mini: Project) -> None:
    done = run(mini.root)
    assert done.returncode == 0 and done.stderr == ""
    [line] = done.stdout.splitlines()
    assert line.startswith("docs/: 2 chapter pages and data/sources.yml agree: no findings; ") and line.endswith(
        " facts covered"
    )
    covered, _, total = line.rsplit("; ", 1)[1].removesuffix(" facts covered").partition(" of ")
    assert covered == total


def test_the_real_project_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(PROJECT)]) == 0, capsys.readouterr().out


def test_findings_exit_1_one_line_each_sorted_by_place(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    mini.replace("docs/praise.md", "For this reason", "For that reason")
    mini.replace("data/sources.yml", "    died: 1953-03-05", "    died: 1954-03-05")
    assert main(["--root", str(mini.root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    # the changed reading is not the admitted one, and the admitted one is gone: both, at the entry
    assert [line.split(" ", 2)[1] for line in lines] == [
        "source-reading",
        "fact-date",
        "source-reading",
        "page-reviewed",
        "text-fidelity",
    ]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("data/sources.yml", b"works: [\n"),
        ("data/sources.yml", b"\xff\xfe not utf-8"),
        ("data/sources.yml", b""),
        ("docs/praise.md", b"\xe9t\xe9"),
        ("original/chapter.txt", None),
        ("data/sources.yml", None),
    ],
)
def test_unusable_input_is_one_line_and_no_traceback(mini: Project, name: str, data: bytes | None) -> None:
    if data is None:
        mini.path(name).unlink()
    else:
        mini.path(name).write_bytes(data)
    done = run(mini.root)
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr and done.stdout.strip()
    assert all(line.count(":") >= 3 for line in done.stdout.splitlines())


def test_a_missing_page_is_one_line_at_1_1_and_the_report_is_short(
    mini: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    mini.path("docs/praise.md").unlink()
    assert main(["--root", str(mini.root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "docs/praise.md:1:1: file-missing file not found" in lines and len(lines) <= 60


def test_control_and_bidi_characters_are_shown_escaped(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """A finding quotes the input: what could reorder or hide its own line is written as an escape."""
    mini.replace("docs/warning.md", "a sad and unfortunate end", "a sad and\u202e\u0085 unfortunate end")
    main(["--root", str(mini.root)])
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\u0085" not in out and "\\u202e" in out
