"""What every rule module needs: a finding at a page offset."""

from __future__ import annotations

from ..model.findings import Finding, Severity
from ..model.pages import Page


def at(page: Page, offset: int, rule: str, message: str, severity: Severity = Severity.ERROR) -> Finding:
    """A finding at a character offset of a page, shown as its line and column."""
    line, col = page.line_col(offset)
    return Finding(page.path, line, col, rule, message, severity)
