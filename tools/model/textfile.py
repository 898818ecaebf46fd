"""Reading a text file strictly: every way it can be unreadable becomes a finding, never a traceback."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from .findings import Finding, UnusableInput

# Far above any real page or source list; keeps hostile input (a 10 MB file) from stalling a build.
MAX_BYTES = 1_000_000
BOM = "\ufeff"
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (for one-off use; see LineIndex)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


class LineIndex:
    """Line and column of many offsets in one text, each in O(log n): a page with thousands of
    findings must not recount its newlines for every one."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def read_text(path: Path, shown: str) -> tuple[str, list[Finding]]:
    """Decode `path` as UTF-8 with LF line endings; report (but tolerate) a BOM, CR and controls."""
    try:
        if not path.exists():
            raise FileNotFoundError
        if not path.is_file():  # a folder, or a device such as /dev/zero that never ends
            raise UnusableInput(Finding(shown, 1, 1, "file-missing", "is not a regular file"))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # never more than the limit, whatever the file claims
    except FileNotFoundError:
        raise UnusableInput(Finding(shown, 1, 1, "file-missing", "file not found")) from None
    except IsADirectoryError:
        raise UnusableInput(Finding(shown, 1, 1, "file-missing", "is a folder, not a file")) from None
    except ValueError:  # e.g. a NUL byte in the file name
        raise UnusableInput(Finding(shown, 1, 1, "file-missing", "is not a valid file name")) from None
    except OSError as err:
        raise UnusableInput(Finding(shown, 1, 1, "file-unreadable", f"cannot be read: {err.strerror}")) from None
    if len(data) > MAX_BYTES:
        raise UnusableInput(
            Finding(shown, 1, 1, "file-too-large", f"is {path.stat().st_size:,} bytes; the limit is {MAX_BYTES:,}")
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8", errors="replace")
        line, col = line_col(good, len(good))
        raise UnusableInput(
            Finding(
                shown,
                line,
                col,
                "file-encoding",
                f"is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8",
            )
        ) from None

    findings: list[Finding] = []
    if text.startswith(BOM):
        findings.append(Finding(shown, 1, 1, "file-bom", "starts with a byte-order mark; save it as UTF-8 without BOM"))
        text = text[1:]
    if "\r" in text:
        line, col = line_col(text, text.index("\r"))
        findings.append(
            Finding(shown, line, col, "file-line-endings", "has CR (Windows or old Mac) line endings; use LF")
        )
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL_CHAR.search(text)
    if control:
        line, col = line_col(text, control.start())
        code = ord(control.group())
        findings.append(
            Finding(shown, line, col, "file-control-char", f"contains the control character U+{code:04X}; remove it")
        )
    return text, findings
