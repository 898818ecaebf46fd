"""Every rule's example, applied to the mini fixture, makes that rule's finding, in the example's file
at the line of the edit when the finding is in that file; the fixture itself is clean, for the
checker and for the guard alike. The rules' table (RULES.md) is the one the code generates."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import PROJECT, Project
from inprocess import guarded

from tools.checker.rules import RULES, table
from tools.model.findings import Rule

EXAMPLES = [rule for rule in RULES if rule.example is not None]
GUARD = ("guard-", "phrase-link")  # the output guard's rules: they need the pages rendered


def test_the_fixture_is_clean_for_the_checker_and_the_guard(mini: Project) -> None:
    result, guard = guarded(mini.root)
    assert [str(f) for f in result.findings] == []
    assert [str(f) for f in guard] == []
    assert result.coverage is not None and result.coverage.covered == result.coverage.facts > 40


@pytest.mark.parametrize("rule", EXAMPLES, ids=[r.id for r in EXAMPLES])
def test_the_example_breaks_the_rule(rule: Rule, mini: Project) -> None:
    example = rule.example
    assert example is not None
    before = mini.read(example.path) if mini.path(example.path).exists() else ""
    mini.write(example.path, before.replace(example.old, example.new, 1) if example.old else example.new + before)
    result, guard = guarded(mini.root) if rule.id.startswith(GUARD) else (mini.check(), [])
    found = [f for f in [*result.findings, *guard] if f.rule == rule.id]
    assert found, f"{rule.id}: no finding; got {[str(f) for f in [*result.findings, *guard]][:5]}"
    in_file = [f for f in found if f.path == example.path]
    if in_file and (example.old or example.at):
        after = mini.read(example.path)
        line = (
            after.count("\n", 0, after.index(example.at)) + 1
            if example.at
            else before.count("\n", 0, before.index(example.old)) + 1
        )
        lines = range(line, line + example.new.count("\n") + 1)
        assert any(f.line in lines for f in in_file), f"{rule.id}: not at line {line}: {[str(f) for f in in_file]}"


def test_every_rule_has_an_id_a_summary_and_an_example_or_a_reason() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.summary and rule.id == rule.id.lower() for rule in RULES)
    assert [r.id for r in RULES if r.example is None] == ["guard-text", "export-complete"]  # said why beside the rule


def test_the_rules_table_is_the_generated_one() -> None:
    assert (PROJECT / "RULES.md").read_text(encoding="utf-8") == table()


def test_no_finding_is_more_than_one_line(mini: Project, tmp_path: Path) -> None:
    mini.replace("docs/praise.md", "For this reason", "For\nthis\u202e reason\x01")
    for finding in mini.check().findings:
        assert "\n" not in str(finding) and "\u202e" not in str(finding)


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for module in sorted((PROJECT / "tools").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == name:
                found.append((f"{module.relative_to(PROJECT)}:{node.lineno}", node))
    return found


def test_every_rule_made_in_tools_is_listed() -> None:
    """A rule is an object beside its check; none is made that RULES (and RULES.md) leaves out."""
    made = {c.args[0].value for _, c in _calls("Rule") if c.args and isinstance(c.args[0], ast.Constant)}
    assert made == {rule.id for rule in RULES}


def test_a_finding_is_made_by_its_rule() -> None:
    """`RULE.at(...)` makes a finding; `Finding(...)` is written only to hand on a finding's own rule
    (the "… and 50 more" line), and no finding line is written by hand in an f-string."""
    direct = [where for where, call in _calls("Finding") if not where.startswith("tools/model/findings.py")]
    assert all(
        isinstance(call.args[3], ast.Attribute) and call.args[3].attr == "rule"
        for where, call in _calls("Finding")
        if where in direct
    ), direct
    hand_made = re.compile(r"(?:\{\}|\d+):(?:\{\}|\d+): (?:\{\}|[a-z]+(?:-[a-z]+)+) ")
    written = []
    for module in sorted((PROJECT / "tools").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and module.name != "findings.py":
                shape = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)  # type: ignore[misc]
                if hand_made.search(shape):
                    written.append(f"{module.relative_to(PROJECT)}:{node.lineno}")
    assert written == []
