"""tools/checker/registry/: every rule is registered with a failing example that really fails
with that rule at that place (the build's own rules through the build's check), a passing example
the good fixture holds, and nothing emits a finding under an id that is not registered: every
rule id is a string constant where the finding is made, never an f-string or a variable."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator

import markdown
import pytest
from conftest import CHAPTER_EXTENSIONS, PROJECT, Project, position

from tools.checker.registry import BY_ID, README, RULES, Example, Rule, readme_with_table
from tools.model.findings import Severity
from tools.publish.sanitize import live_findings

TOOLS = PROJECT / "tools"
RULE_ID = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
# The calls that take a rule id: at(page, offset, RULE, …), Finding(path, line, col, RULE, …),
# Problem(offset, RULE, …), report(key, RULE, …), add(node, RULE, …), file.finding(node, RULE, …).
# The rule is the first positional string argument shaped like a rule id (a message has spaces; a
# path has a dot or slash). Finding and Problem always make a finding; the others do when given
# at least three arguments (`seen.add(x)` is a set's).
RULE_CALLS = {"at", "Finding", "Problem", "problem", "report", "add", "finding"}
ALWAYS_A_FINDING = {"Finding", "Problem"}
# A finding line written by hand, `…:1:1: some-rule …`, in an f-string: its rule would be invisible
# to the scan (it once hid `html-live`). Only Finding.__str__ writes the line.
HAND_MADE = re.compile(r"(?:\{\}|\d+):(?:\{\}|\d+): (?:\{\}|[a-z]+(?:-[a-z]+)+) ")


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


def build_findings(project: Project) -> list[str]:
    """The build's own check of each page's HTML (tools/hook.py, on_page_content), on every page
    of docs/ rendered with the edition's Markdown extensions, as MkDocs renders them."""
    found = []
    for path in sorted(project.path("docs").glob("*.md")):
        source = path.read_text(encoding="utf-8")
        html = markdown.markdown(source, extensions=[*CHAPTER_EXTENSIONS, "toc"])
        found += [str(f) for f in live_findings(html, f"docs/{path.name}", source)]
    return found


def findings_for(project: Project, rule: Rule) -> list[str]:
    return build_findings(project) if rule.example.stage == "build" else project.findings()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_failing_example_fails_with_this_rule_here(rule: Rule, mini_project: Callable[..., Project]) -> None:
    project = mini_project(lambda p: apply(p, rule.example))
    findings = findings_for(project, rule)
    prefix = expected_prefix(project, rule)
    assert any(f.startswith(prefix) for f in findings), f"expected {prefix!r}; got:\n" + "\n".join(findings)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_passing_example_is_in_the_good_fixture(rule: Rule, mini: Project) -> None:
    """`before` is text the good mini project holds, so the edit is the only difference."""
    example = rule.example
    if example.raw is None and example.after is not None and example.before and not example.regex:
        assert mini.read(example.path).count(example.before) == 1
    found = findings_for(mini, rule)
    assert not any(f.startswith(f"{example.in_file or example.path}:") and f" {rule.id} " in f for f in found)


def test_the_good_fixture_passes_every_rule(mini: Project) -> None:
    assert mini.findings() == []


def test_rule_ids_are_unique_and_well_formed() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(RULE_ID.match(i) for i in ids)
    assert all(isinstance(r.severity, Severity) and r.summary for r in RULES)


def finding_calls() -> Iterator[tuple[str, ast.Call, str]]:
    """(where, call, function name) for every call in tools/ that makes a finding."""
    for module in sorted(TOOLS.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            starred = any(isinstance(a, ast.Starred) for a in node.args)
            if name in ALWAYS_A_FINDING or (name in RULE_CALLS and (len(node.args) >= 3 or starred)):
                yield f"{module.relative_to(PROJECT)}:{node.lineno}", node, name


def constant_rule(call: ast.Call) -> str | None:
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and RULE_ID.match(arg.value):
            return arg.value
    return None


def passes_a_rule_on(call: ast.Call) -> bool:
    """The call hands on a rule it was given: a parameter named `rule`, or a finding's `.rule`."""
    return any(
        (isinstance(arg, ast.Name) and arg.id == "rule") or (isinstance(arg, ast.Attribute) and arg.attr == "rule")
        for arg in [*call.args, *(k.value for k in call.keywords)]
    )


def emitted_rule_ids() -> dict[str, str]:
    """Every rule id the code passes to a finding, with where: read from the syntax tree."""
    found: dict[str, str] = {}
    for where, call, _ in finding_calls():
        rule = constant_rule(call)
        if rule is not None:
            found.setdefault(rule, where)
    return found


def test_every_finding_names_its_rule_as_a_constant() -> None:
    """A rule id built at run time (an f-string, a variable) would escape the registry: every call
    that makes a finding names its rule as a string constant, or hands on one it was given."""
    hidden = [where for where, call, _ in finding_calls() if constant_rule(call) is None and not passes_a_rule_on(call)]
    assert hidden == []


def test_no_finding_line_is_written_by_hand() -> None:
    written = []
    for module in sorted(TOOLS.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                shape = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
                if HAND_MADE.search(shape) and module.name != "findings.py":
                    written.append(f"{module.relative_to(PROJECT)}:{node.lineno}: {shape}")
    assert written == []


def test_the_scans_see_what_they_look_for() -> None:
    """Not vacuous: a hand-made line and a rule in a variable are caught, a constant is read."""
    source = 'f"{shown}:1:1: html-live the page"\nFinding(p, 1, 1, kind, "m")\nFinding(p, 1, 1, "a-b", "m")\n'
    tree = ast.parse(source)
    shapes = [
        "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in n.values)
        for n in ast.walk(tree)
        if isinstance(n, ast.JoinedStr)
    ]
    assert [bool(HAND_MADE.search(s)) for s in shapes] == [True]
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert [constant_rule(c) for c in calls] == [None, "a-b"]
    assert [passes_a_rule_on(c) for c in calls] == [False, False]


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
