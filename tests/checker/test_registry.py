"""tools/checker/registry.py: every rule is registered with a failing example that really fails
with that rule at that place, a passing example the good fixture holds, and nothing emits a
finding under an id that is not registered."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

import pytest
from conftest import PROJECT, Project, position

from tools.checker.registry import BY_ID, README, RULES, Example, Rule, readme_with_table
from tools.model.findings import Severity

TOOLS = PROJECT / "tools"
RULE_ID = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
# The calls that take a rule id: at(page, offset, RULE, …), Finding(path, line, col, RULE, …),
# Problem(offset, RULE, …), report(key, RULE, …), add(node, RULE, …), file.finding(node, RULE, …). The rule is the first
# positional string argument shaped like a rule id (a message has spaces; a path has a dot or slash).
RULE_CALLS = {"at", "Finding", "Problem", "problem", "report", "add", "finding"}


def apply(project: Project, example: Example) -> None:
    path = project.path(example.path)
    if example.link:
        path.symlink_to(example.link)
    elif example.raw is not None:
        path.write_bytes(example.raw)
    elif example.after is None:
        path.unlink()
    elif example.regex:
        text = project.read(example.path)
        changed = re.sub(example.before, example.after, text, count=1, flags=re.MULTILINE)
        assert changed != text, f"the regex of {example} matched nothing"
        project.write(example.path, changed)
    elif not example.before:
        assert not path.exists(), f"{example.path} exists: an example with no `before` makes a new file"
        project.write(example.path, example.after)
    else:
        project.replace(example.path, example.before, example.after)


def expected_prefix(project: Project, rule: Rule) -> str:
    example = rule.example
    shown = example.in_file or example.path
    if not example.at:
        return f"{shown}:1:1: {rule.id} "
    line, col = position(project.read(shown), example.at, example.occurrence)
    return f"{shown}:{line}:{col + example.shift}: {rule.id} "


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_failing_example_fails_with_this_rule_here(rule: Rule, mini_project: Callable[..., Project]) -> None:
    project = mini_project(lambda p: apply(p, rule.example))
    findings = project.findings()
    prefix = expected_prefix(project, rule)
    assert any(f.startswith(prefix) for f in findings), f"expected {prefix!r}; got:\n" + "\n".join(findings)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_passing_example_is_in_the_good_fixture(rule: Rule, mini: Project) -> None:
    """`before` is text the good mini project holds, so the edit is the only difference."""
    example = rule.example
    if example.raw is None and example.after is not None and example.before and not example.regex:
        assert mini.read(example.path).count(example.before) == 1
    assert not any(f.startswith(f"{example.in_file or example.path}:") and f" {rule.id} " in f for f in mini.findings())


def test_the_good_fixture_passes_every_rule(mini: Project) -> None:
    assert mini.findings() == []


def test_rule_ids_are_unique_and_well_formed() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(RULE_ID.match(i) for i in ids)
    assert all(isinstance(r.severity, Severity) and r.summary for r in RULES)


def emitted_rule_ids() -> dict[str, str]:
    """Every rule id the code passes to a finding, with where: read from the syntax tree."""
    found: dict[str, str] = {}
    for module in sorted(TOOLS.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in RULE_CALLS:
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and RULE_ID.match(arg.value):
                    found.setdefault(arg.value, f"{module.relative_to(PROJECT)}:{node.lineno}")
                    break
    return found


def test_every_emitted_rule_is_registered() -> None:
    emitted = emitted_rule_ids()
    assert len(emitted) >= 40, "the syntax-tree scan found too few rules; has a finding call been renamed?"
    unregistered = {rule: where for rule, where in emitted.items() if rule not in BY_ID}
    assert unregistered == {}


def test_every_registered_rule_is_emitted_somewhere() -> None:
    assert set(BY_ID) - set(emitted_rule_ids()) == set()


def test_the_readme_table_is_generated_from_the_registry() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme_with_table(readme) == readme, "run: python -m tools.checker.registry --write-readme"


def test_the_readme_lists_every_rule() -> None:
    readme = README.read_text(encoding="utf-8")
    assert all(f"`{r.id}`" in readme for r in RULES)
