"""A finding is one problem at one place, printed as `path:line:col: rule message`; a rule is the
object that makes it, with its id, what it checks and an input that breaks it (yamllint keeps its
rules the same way: the id, the doc and the check side by side)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

# What a finding never prints raw: C0 and C1 controls, line and paragraph separators, the
# bidirectional controls (which can reorder the text around them, "Trojan Source"), and invisible
# characters (zero-width spaces and joiners, word joiner, BOM, soft hyphen, invisible operators).
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Example:
    """An input that breaks a rule: in the test fixture (tests/fixtures/mini), replace the first
    `old` in `path` by `new` (`old` "" prepends). tests/checker/test_rules.py applies every one."""

    path: str
    old: str
    new: str
    at: str = ""  # where in the edited file the finding is, when not at the edit (`new`'s first text)


@dataclass(frozen=True)
class Rule:
    id: str  # kebab case: what the finding line prints
    summary: str  # what the rule holds, in one sentence (RULES.md)
    example: Example | None  # None only where no edit of a file can show it (said why beside the rule)

    def at(self, path: str, line: int, col: int, message: str, severity: Severity = Severity.ERROR) -> Finding:
        return Finding(path, line, col, self.id, message, severity)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    rule: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}:{self.col}: {self.rule} {one_line(self.message)}"


def one_line(text: str) -> str:
    """Hostile input may put line breaks, control, bidirectional or invisible characters into
    what a finding quotes; show them escaped (`\\u202e`), so a finding is always exactly one line
    and cannot hide or reorder its own text."""
    return UNSAFE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


class UnusableInput(Exception):
    """The input cannot be read at all (missing, not UTF-8, not YAML): checking stops here."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


MAX_PER_RULE = 50  # a reader can act on fifty findings of a rule in a file, not on a hundred thousand


def capped(findings: list[Finding], limit: int = MAX_PER_RULE) -> list[Finding]:
    """At most `limit` findings of one rule in one file, then one line saying how many more."""
    counts = Counter((f.path, f.rule) for f in findings)
    shown: Counter[tuple[str, str]] = Counter()
    kept: list[Finding] = []
    for finding in findings:
        key = (finding.path, finding.rule)
        shown[key] += 1
        if shown[key] <= limit:
            kept.append(finding)
        if shown[key] == limit and counts[key] > limit:
            kept.append(
                Finding(
                    finding.path,
                    finding.line,
                    finding.col,
                    finding.rule,
                    f"… and {counts[key] - limit} more like this in this file",
                )
            )
    return kept
