"""Reading an editorial file strictly: every way it can be unreadable or hide its text becomes a
finding, never a traceback."""

from __future__ import annotations

import bisect
import unicodedata
from pathlib import Path

import re2

from .findings import Example, Finding, Rule, UnusableInput

# Far above any real page or source list; keeps hostile input (a 10 MB file) from stalling a build.
MAX_BYTES = 1_000_000
BOM = "\ufeff"

FILE_MISSING = Rule(
    "file-missing",
    "a file the edition names exists, is a regular file and can be read",
    Example("data/sources.yml", "pages: [warning.md, praise.md]", "pages: [warning.md, praise.md, absent.md]"),
)
FILE_TOO_LARGE = Rule(
    "file-too-large",
    f"an editorial file is at most {MAX_BYTES:,} bytes",
    Example("docs/praise.md", "", "x" * (MAX_BYTES + 1) + "\n\n"),
)
FILE_TEXT = Rule(
    "file-text",
    "an editorial file is UTF-8 without BOM, with LF line endings, and holds no control, invisible or reordering character",
    Example("docs/praise.md", "For this reason", "For this\u202e reason"),
)
# Control characters other than the line feed, and every format character (Unicode category Cf:
# bidirectional overrides and isolates, zero-width spaces and joiners, the soft hyphen, tag
# characters …), which can hide or reorder words on a page: the category from RE2's Unicode
# tables, not a list kept by hand.
HIDDEN_CHAR = re2.compile(r"[\x{0}-\x{9}\x{b}-\x{1f}\x{7f}-\x{9f}\p{Cf}\x{2028}\x{2029}]")
# A combining mark (accents, variation selectors …) sits on the letter or digit before it; with
# none under it (after a space, a punctuation mark, at the start) it draws a mark of its own, such as
# a double acute ˝ that reads as a quotation mark, or hides as a variation selector.
FLOATING_MARK = re2.compile(r"(?:^|[^\p{L}\p{N}\p{M}])(\p{M})")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (for one-off use; see LineIndex)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


class LineIndex:
    """Line and column of many offsets in one text, each in O(log n)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def read_text(path: Path, shown: str) -> tuple[str, list[Finding]]:
    """Decode `path` as UTF-8 with LF line endings. Unreadable: UnusableInput. A BOM, CR or a hidden
    character: a finding, and the text is read on (a BOM and CRs removed) so that the checker can
    report everything else too."""
    try:
        if not path.is_file():  # missing, a folder, or a device such as /dev/zero that never ends
            raise UnusableInput(
                FILE_MISSING.at(shown, 1, 1, "file not found" if not path.exists() else "is not a file")
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # never more than the limit, whatever the file claims
    except (ValueError, OSError) as err:  # a NUL in the name, a permission, a broken link
        raise UnusableInput(
            FILE_MISSING.at(shown, 1, 1, f"cannot be read: {getattr(err, 'strerror', None) or err}")
        ) from None
    if len(data) > MAX_BYTES:
        raise UnusableInput(FILE_TOO_LARGE.at(shown, 1, 1, f"is over {MAX_BYTES:,} bytes"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8", errors="replace")
        line, col = line_col(good, len(good))
        raise UnusableInput(
            FILE_TEXT.at(shown, line, col, f"is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8")
        ) from None
    findings: list[Finding] = []
    if text.startswith(BOM):
        findings.append(FILE_TEXT.at(shown, 1, 1, "starts with a byte-order mark; save it as UTF-8 without BOM"))
        text = text[1:]
    if "\r" in text:
        line, col = line_col(text, text.index("\r"))
        findings.append(FILE_TEXT.at(shown, line, col, "has CR (Windows or old Mac) line endings; use LF"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    hidden = HIDDEN_CHAR.search(text)
    if hidden:
        line, col = line_col(text, hidden.start())
        findings.append(
            FILE_TEXT.at(
                shown,
                line,
                col,
                f"contains U+{ord(hidden.group()):04X} ({unicodedata.name(hidden.group(), 'a control character')}), "
                "which can hide or reorder words; remove it",
            )
        )
    floating = FLOATING_MARK.search(text)
    if floating:
        mark = floating.group(1)
        line, col = line_col(text, floating.start(1))
        findings.append(
            FILE_TEXT.at(
                shown,
                line,
                col,
                f"contains U+{ord(mark):04X} ({unicodedata.name(mark, 'a combining mark')}) on no letter, where it "
                "draws a mark of its own (a quotation mark, say) or hides; remove it",
            )
        )
    return text, findings


# What a spreadsheet would run as a formula at a cell's start: the edition's CSV puts an apostrophe
# before it (tools/site/data.py), which spreadsheets show as nothing (tools/guard/site.py skips it).
CSV_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
