"""Every rule of the checker, in one place (the way yamllint keeps its rules).

Each rule has its id, its severity, a one-line summary, and an example that passes and one that
fails. The examples are executable: each is an edit of the edition in miniature,
tests/fixtures/mini, whose files as they stand pass every rule (`before` is text they hold);
`after` is what makes the rule fail, and `at` is the text the finding must point at. The test
suite applies every failing example and asserts its exact `path:line:col: rule`, so a rule
without one, or a finding under an id not listed here, fails the suite. The README's table of
rules is generated from this list: `python -m tools.checker.registry --write-readme`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...model.findings import Severity
from . import chapter, inputs, sources
from .base import Example, Rule

__all__ = ["BY_ID", "README", "RULES", "Example", "Rule", "readme_with_table", "severity_of", "table"]

RULES: tuple[Rule, ...] = inputs.RULES + sources.RULES + chapter.RULES
BY_ID = {rule.id: rule for rule in RULES}


def severity_of(rule_id: str) -> Severity:
    return BY_ID[rule_id].severity


def table() -> str:
    """The README's table of rules, in Markdown."""
    lines = ["| Rule | Severity | What it finds | Fails, for example |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        lines.append(f"| `{rule.id}` | {rule.severity.value} | {rule.summary} | {_example(rule.example)} |")
    return "\n".join(lines)


def _example(example: Example) -> str:
    if example.link:
        return f"`{example.path}` a link to `{example.link}`"
    if example.raw is not None or example.after is None or not (example.before or example.after):
        return f"`{example.path}` " + ("removed" if example.after is None else "as bytes the rule refuses")
    shown = " ".join(repr(example.after).strip("'\"").split())
    return f"`{example.path}`: `{shown[:90].replace('|', '¦')}`"


README = Path(__file__).resolve().parents[3] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
BETWEEN = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)


def readme_with_table(readme: str) -> str:
    return BETWEEN.sub(lambda _: f"{START}\n{table()}\n{END}", readme, count=1)
