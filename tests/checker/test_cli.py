"""The checker as a command (`python -m tools.checker`, tools/checker/__main__.py): exit codes, one line per finding, and a --write that is atomic,
idempotent, and never loses a paragraph id line or any text that is not a footnote definition."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINI, Project, run_check

from tools import checker as check
from tools.checker import __main__ as cli
from tools.checker import write
from tools.model.pages import parse
from tools.model.textfile import MAX_BYTES

YML = "data/sources.yml"
WARNING = "docs/warning.md"
PRAISE = "docs/praise.md"
FINDING_LINE = re.compile(
    r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[a-z]+(?:-[a-z]+)+) (?P<message>\S.*)$"
)


def non_footnote_lines(text: str) -> list[str]:
    """Every line that --write must keep: all but footnote definitions and blank lines."""
    return [
        line for line in text.split("\n") if line.strip() and not line.startswith("[^") and not line.startswith("    ")
    ]


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stderr + result.stdout


# --- exit codes and output format -------------------------------------------------------------


CLEAN_MINI = "docs/: 2 chapter pages and data/sources.yml agree: no findings\n"


def test_clean_project_exits_0_and_says_so_in_one_line(mini: Project) -> None:
    result = run_check(mini.root)
    assert (result.returncode, result.stdout, result.stderr) == (0, CLEAN_MINI, "")


def test_the_real_project_is_clean() -> None:
    """In a new interpreter, as a user starts it: the other tests here fork the command from one
    that has imported the checker already (tests/prefork.py)."""
    result = run_check(check.PROJECT, fresh=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "docs/: 4 chapter pages and data/sources.yml agree: no findings\n"


def test_findings_exit_1_one_line_each(mini: Project) -> None:
    mini.replace(PRAISE, "Another defendant, Rosenholz, shouted", "Another defendant, Bukharin, shouted")
    result = run_check(mini.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(FINDING_LINE.match(line) for line in lines), lines
    line, col = mini.where(PRAISE, "Bukharin, shouted")
    assert f"{PRAISE}:{line}:{col}: quote-speaker the prose names “Bukharin”" in result.stdout
    assert result.stderr.strip() == "2 finding(s): 2 error(s), 0 warning(s)"
    assert_no_traceback(result)


def test_findings_are_sorted_by_place(mini: Project) -> None:
    mini.replace(PRAISE, "was overwhelmed", "was overcome")
    mini.replace(WARNING, "a sad and", "a bad and")
    mini.replace(YML, "    term: Velicki\n", "    term: Vyshinsky\n")
    places = [
        (m["path"], int(m["line"]), int(m["col"]))
        for m in map(FINDING_LINE.match, run_check(mini.root).stdout.splitlines())
    ]
    assert len(places) == 3 and places == sorted(places)


def test_yaml_syntax_error_exits_2_without_traceback(mini: Project) -> None:
    mini.replace(YML, "    role: defendant, 1938 trial\n", "    role: defendant: 1938 trial\n")
    result = run_check(mini.root)
    assert result.returncode == 2
    line, col = mini.where(YML, ": 1938 trial")
    assert result.stdout.startswith(
        f"{YML}:{line}:{col}: yaml-syntax is not valid YAML: mapping values are not allowed"
    )
    assert len(result.stdout.splitlines()) == 1
    assert_no_traceback(result)


@pytest.mark.parametrize("write", [False, True], ids=["check", "write"])
def test_unusable_yaml_writes_nothing(mini: Project, write: bool) -> None:
    mini.replace(YML, "    prosecutor: vyshinsky\n", "    prosecutor: &p vyshinsky\n")
    mini.replace(WARNING, ", defendant.", ", witness.")  # a footnote --write would otherwise fix
    before = mini.snapshot()
    result = run_check(mini.root, *(["--write"] if write else []))
    assert result.returncode == 2 and "yaml-alias" in result.stdout
    assert mini.snapshot() == before


# --- files that cannot be read properly -------------------------------------------------------

BAD_FILES: list[tuple[str, str, Callable[[bytes], bytes], str, str, int]] = [
    # (name, file, how its bytes are spoiled, rule, line:col, exit code)
    ("BOM", PRAISE, lambda b: b"\xef\xbb\xbf" + b, "file-bom", "1:1", 1),
    ("CRLF", WARNING, lambda b: b.replace(b"\n", b"\r\n"), "file-line-endings", "1:56", 1),
    ("NUL", WARNING, lambda b: b.replace(b"One of", b"One\x00of", 1), "file-control-char", "5:4", 1),
    ("escape char", YML, lambda b: b.replace(b"edition:", b"edition:\x1b", 1), "file-control-char", "", 2),
    (
        "invalid UTF-8 in a page",
        PRAISE,
        lambda b: b.replace(b"Velicki loaded", b"Veli\xe8ki loaded", 1),
        "file-encoding",
        "3:22",
        2,
    ),
    ("invalid UTF-8 in the YAML", YML, lambda b: b.replace(b"Moscow", b"Moskv\xe0", 1), "file-encoding", "", 2),
    ("over the size limit", PRAISE, lambda b: b + b"\n" + b"x" * MAX_BYTES, "file-too-large", "1:1", 2),
    (
        "original over the size limit",
        "original/chapter.txt",
        lambda b: b * (MAX_BYTES // len(b) + 1),
        "file-too-large",
        "1:1",
        2,
    ),
]


@pytest.mark.parametrize("write", [False, True], ids=["check", "write"])
@pytest.mark.parametrize("case", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_is_one_clear_line_and_is_left_alone(mini: Project, case, write: bool) -> None:
    _, rel, spoil, rule, where, code = case
    path = mini.path(rel)
    path.write_bytes(spoil(path.read_bytes()))
    # A footnote that --write would regenerate, so a refusal to touch the spoiled page is visible.
    if rel != WARNING:
        mini.replace(WARNING, ", defendant.", ", witness.")
    before = mini.snapshot()
    result = run_check(mini.root, *(["--write"] if write else []))
    assert_no_traceback(result)
    assert result.returncode == code
    hits = [line for line in result.stdout.splitlines() if f": {rule} " in line]
    assert len(hits) == 1 and FINDING_LINE.match(hits[0]), result.stdout
    assert hits[0].startswith(f"{rel}:{where}: {rule} " if where else f"{rel}:")
    assert mini.snapshot()[rel] == before[rel]
    if not write:
        assert mini.snapshot() == before


def test_missing_page(mini: Project) -> None:
    mini.path(PRAISE).unlink()
    result = run_check(mini.root)
    assert result.returncode == 2
    assert f"{PRAISE}:1:1: file-missing file not found" in result.stdout.splitlines()
    assert_no_traceback(result)


def test_missing_original(mini: Project) -> None:
    mini.path("original/chapter.txt").unlink()
    result = run_check(mini.root)
    assert (result.returncode, result.stdout) == (2, "original/chapter.txt:1:1: file-missing file not found\n")


def test_missing_source_list(tmp_path: Path) -> None:
    result = run_check(tmp_path)
    assert (result.returncode, result.stdout) == (2, f"{YML}:1:1: file-missing file not found\n")


def test_write_fixes_other_pages_but_not_a_crlf_one(mini: Project) -> None:
    mini.path(WARNING).write_bytes(mini.path(WARNING).read_bytes().replace(b"\n", b"\r\n"))
    mini.replace(PRAISE, "**Nikolai Ivanovich Bukharin**, defendant.", "**Nikolai Ivanovich Bukharin**, witness.")
    crlf = mini.path(WARNING).read_bytes()
    result = run_check(mini.root, "--write")
    assert mini.path(WARNING).read_bytes() == crlf
    assert "witness" not in mini.read(PRAISE)
    assert f"{WARNING}: not rewritten" in result.stderr


# --- --write ----------------------------------------------------------------------------------


def spoil_footnotes(project: Project) -> None:
    """Every kind of footnote trouble --write must mend: a stale text, a missing definition,
    definitions out of order, one defined twice, and one never referenced."""
    praise = project.read(PRAISE)
    defs = [line for line in praise.split("\n") if line.startswith("[^")]
    body = praise.split("\n\n[^")[0]
    stale = defs[2].replace(", defendant.", ", witness.")
    project.write(PRAISE, body + "\n\n" + "\n".join([stale, defs[1], defs[1], "[^q-stray]: nobody points here"]) + "\n")
    project.replace(WARNING, ", defendant.", ", witness.")


def test_write_mends_every_footnote_problem(mini: Project) -> None:
    clean = mini.snapshot()
    spoil_footnotes(mini)
    assert {f.rule for f in mini.check().findings} >= {
        "footnote-text",
        "footnote-missing-definition",
        "footnote-duplicate",
        "footnote-unreferenced",
        "footnote-order",
    }
    result = run_check(mini.root, "--write")
    assert (result.returncode, result.stdout) == (0, CLEAN_MINI), result.stdout
    assert sorted(result.stderr.splitlines()) == [
        f"{PRAISE}: footnotes regenerated",
        f"{WARNING}: footnotes regenerated",
    ]
    assert mini.snapshot() == clean


def test_write_is_idempotent(mini: Project) -> None:
    spoil_footnotes(mini)
    run_check(mini.root, "--write")
    once = mini.snapshot()
    second = run_check(mini.root, "--write")
    assert (second.returncode, second.stdout, second.stderr) == (0, CLEAN_MINI, "")
    assert mini.snapshot() == once


def test_write_keeps_every_non_footnote_line(mini: Project) -> None:
    """Also when the page has other findings: ids, headings and prose survive byte for byte."""
    spoil_footnotes(mini)
    mini.replace(PRAISE, "was overwhelmed", "was overcome")  # a fidelity finding --write must not touch
    mini.replace(PRAISE, "{: #p-network-of-links }\n", "")  # a paragraph without id
    before = {rel: non_footnote_lines(mini.read(rel)) for rel in (WARNING, PRAISE)}
    result = run_check(mini.root, "--write")
    assert result.returncode == 1
    after = {rel: non_footnote_lines(mini.read(rel)) for rel in (WARNING, PRAISE)}
    assert after == before
    assert sum(line.startswith("{: #p-") for line in after[PRAISE]) == 2
    assert {m.split(": ", 1)[1].split()[0] for m in result.stdout.splitlines()} == {"text-fidelity", "paragraph-id"}


def test_write_removes_definitions_between_paragraphs(mini: Project) -> None:
    """Definitions placed mid-page are moved to the end, not duplicated there."""
    clean = mini.read(PRAISE)
    body, defs = clean.split("\n\n[^", 1)
    cut = body.index("In order to portray")
    mini.write(PRAISE, body[:cut] + "[^" + defs.replace(", defendant.", ", witness.") + "\n" + body[cut:] + "\n")
    result = run_check(mini.root, "--write")
    assert (result.returncode, result.stdout) == (0, CLEAN_MINI), result.stdout + result.stderr
    assert mini.read(PRAISE) == clean


def test_write_refuses_to_drop_an_id_line_among_definitions(mini: Project) -> None:
    """An id line right under the definitions belongs to no paragraph; rewriting would lose it."""
    mini.write(PRAISE, mini.read(PRAISE).replace(", defendant.", ", witness.") + "{: #p-orphan }\n")
    before = mini.snapshot()
    result = run_check(mini.root, "--write")
    assert result.returncode == 2
    assert "docs/praise.md:15:1: the page leaves its grammar (page-block)" in result.stderr
    assert_no_traceback(result)
    assert mini.snapshot() == before


def test_write_is_atomic(mini: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A failure while writing leaves the old file whole, no temporary file behind, and one line."""
    mini.replace(WARNING, ", defendant.", ", witness.")
    before = mini.snapshot()

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", fail)
    assert cli.main(["--root", str(mini.root), "--write"]) == 2
    assert capsys.readouterr().err == f"{WARNING}: cannot be written: No space left on device\n"
    assert mini.snapshot() == before


def test_write_atomically_reports_change(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"One\n")
    assert write.write_atomically(path, "One\n") is False
    assert write.write_atomically(path, "Two\n") is True
    assert path.read_bytes() == b"Two\n"
    path.write_bytes(b"Two\r\n")
    assert write.write_atomically(path, "Two\n") is True  # CRs are a difference, not hidden
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_generated_page_refuses_to_change_text(mini: Project) -> None:
    result = mini.check()
    assert result.sources is not None
    page = result.pages[0]
    broken = parse(page.text + "{: #p-orphan }\n", page.path, page.name)
    with pytest.raises(write.Refused, match="nothing written"):
        write.generated_page(broken, result.sources)


def test_generated_page_is_a_fixed_point_of_the_fixture() -> None:
    """The committed mini fixture's definitions are exactly what --write produces."""
    result = check.check(MINI)
    assert result.sources is not None
    for page in result.pages:
        assert write.generated_page(page, result.sources) == page.text


def test_in_process_main_matches_the_command(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    mini.replace(WARNING, "a sad and", "a bad and")
    code = cli.main(["--root", str(mini.root)])
    out = capsys.readouterr().out
    result = run_check(mini.root)
    assert (code, out) == (result.returncode, result.stdout) == (1, result.stdout)


def test_write_atomically_keeps_the_file_mode(tmp_path: Path) -> None:
    from tools.checker.write import write_atomically

    page = tmp_path / "page.md"
    page.write_text("old\n", encoding="utf-8")
    page.chmod(0o644)
    assert write_atomically(page, "new\n")
    assert (page.stat().st_mode & 0o777, page.read_text(encoding="utf-8")) == (0o644, "new\n")
