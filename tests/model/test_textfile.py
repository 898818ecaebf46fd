"""tools/model/textfile.py: every way a file can be unreadable is one finding, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.model.findings import Finding, UnusableInput
from tools.model.textfile import MAX_BYTES, line_col, read_text


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "page.md"
    path.write_bytes(data)
    return path


def unusable(path: Path) -> Finding:
    with pytest.raises(UnusableInput) as caught:
        read_text(path, "docs/page.md")
    assert str(caught.value) == str(caught.value.finding)
    return caught.value.finding


def test_line_col_is_one_based() -> None:
    text = "Stalin’s threat\nwas mirrored"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, text.index("threat")) == (1, 10)
    assert line_col(text, text.index("mirrored")) == (2, 5)


def test_clean_utf8_is_returned_unchanged(tmp_path: Path) -> None:
    words = "The defendant Rosenholz: “Whoever deviates …”\n"
    assert read_text(write(tmp_path, words.encode()), "docs/page.md") == (words, [])


def test_bom_is_reported_and_stripped(tmp_path: Path) -> None:
    text, findings = read_text(write(tmp_path, "\ufeffStalin’s goals\n".encode()), "docs/page.md")
    assert text == "Stalin’s goals\n"
    assert [str(f) for f in findings] == [
        "docs/page.md:1:1: file-bom starts with a byte-order mark; save it as UTF-8 without BOM"
    ]


def test_crlf_is_reported_at_the_first_cr_and_normalised(tmp_path: Path) -> None:
    text, findings = read_text(write(tmp_path, b"One line\nTwo\r\nThree\r\n"), "docs/page.md")
    assert text == "One line\nTwo\nThree\n"
    assert [(f.line, f.col, f.rule) for f in findings] == [(2, 4, "file-line-endings")]


def test_lone_cr_is_a_line_ending_too(tmp_path: Path) -> None:
    text, findings = read_text(write(tmp_path, b"One\rTwo\n"), "docs/page.md")
    assert text == "One\nTwo\n"
    assert [f.rule for f in findings] == ["file-line-endings"]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f"])
def test_control_characters_are_reported_where_they_are(tmp_path: Path, char: str) -> None:
    _, findings = read_text(write(tmp_path, f"Line one\nThe def{char}endant\n".encode()), "docs/page.md")
    assert [str(f) for f in findings] == [
        f"docs/page.md:2:8: file-control-char contains the control character U+{ord(char):04X}; remove it"
    ]


def test_tab_and_newline_are_not_control_findings(tmp_path: Path) -> None:
    assert read_text(write(tmp_path, b"a\tb\nc\n"), "docs/page.md")[1] == []


def test_invalid_utf8_points_at_the_bad_byte(tmp_path: Path) -> None:
    finding = unusable(write(tmp_path, "Stalin’s\nthreat ".encode() + b"\xff rest"))
    assert (finding.line, finding.col, finding.rule) == (2, 8, "file-encoding")
    assert "byte 0xff" in finding.message


def test_latin1_file_is_an_encoding_finding(tmp_path: Path) -> None:
    finding = unusable(write(tmp_path, "Rosenholz: «Whoever»".encode("latin-1")))
    assert str(finding).startswith("docs/page.md:1:12: file-encoding is not valid UTF-8 (byte 0xab)")


def test_missing_file(tmp_path: Path) -> None:
    assert str(unusable(tmp_path / "nowhere.md")) == "docs/page.md:1:1: file-missing file not found"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "page.md").mkdir()
    assert unusable(tmp_path / "page.md").rule == "file-missing"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, b"text")

    def refuse(self: Path, *args: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert str(unusable(path)) == "docs/page.md:1:1: file-unreadable cannot be read: Permission denied"


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    finding = unusable(write(tmp_path, b"a" * (MAX_BYTES + 1)))
    assert (finding.line, finding.col, finding.rule) == (1, 1, "file-too-large")
    assert f"{MAX_BYTES + 1:,} bytes" in finding.message


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    text, findings = read_text(write(tmp_path, b"a" * MAX_BYTES), "docs/page.md")
    assert len(text) == MAX_BYTES and findings == []


def test_reading_never_changes_the_file(tmp_path: Path) -> None:
    data = "\ufeffOne\r\nTwo\x00\r\n".encode()
    path = write(tmp_path, data)
    read_text(path, "docs/page.md")
    assert path.read_bytes() == data
