"""A finding is one problem at one place, printed as `path:line:col: rule message`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


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
    """Hostile input may put line breaks or control characters into a name a finding quotes;
    show them escaped, so a finding is always exactly one line."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class UnusableInput(Exception):
    """The input cannot be read at all (missing, not UTF-8, not YAML): checking stops here."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding
