"""Run axe-core (pinned in package-lock.json, installed by .ci/install-system-deps)
in a Playwright page and report WCAG 2.x A/AA violations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0/2.1 A+AA and 2.2 AA: the conformance target. Best-practice rules are
# left out so every failure maps to a WCAG success criterion.
WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


def preload_axe(context: BrowserContext) -> BrowserContext:
    """Have axe in every page the context opens, from the start (a DevTools init script, which no
    Content-Security-Policy applies to): a walk through many pages saves evaluating it in each."""
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} missing: run .ci/install-system-deps (npm ci)")
    context.add_init_script(path=AXE_JS)
    return context


def run_axe(
    page: Page,
    tags: Iterable[str] = WCAG_TAGS,
    include: Sequence[str] = (),
    skip: Sequence[str] = (),
    only: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Inject axe into ``page`` (already navigated) unless it is there, and return its violations:
    of the whole document, or of the elements matching the ``include`` selectors (what a state
    of the page adds: a pop-up, the search dialog); ``skip`` names rules that do not apply, and
    ``only`` the rules to run instead of the tags' (say why where either is used).

    The page needs JavaScript enabled (in a context with java_script_enabled=False,
    axe.run() never resolves). axe's source is evaluated through the DevTools protocol,
    not added as a <script> element: the pages' Content-Security-Policy blocks any
    inline script it does not name, and it stays on while axe looks at the page.
    """
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} missing: run .ci/install-system-deps (npm ci)")
    if page.evaluate("typeof axe") == "undefined":
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    if page.evaluate("typeof axe") == "undefined":
        raise RuntimeError("axe did not load: is JavaScript disabled in this page's context?")
    violations: list[dict[str, Any]] = page.evaluate(
        """async ([tags, include, skip, only]) => {
            const context = include.length ? {include: include.map(s => [s])} : document;
            const rules = Object.fromEntries(skip.map(rule => [rule, {enabled: false}]));
            const runOnly = only.length ? {type: 'rule', values: only} : {type: 'tag', values: tags};
            const result = await axe.run(context, {runOnly, rules, resultTypes: ['violations']});
            return result.violations;
        }""",
        [list(tags), list(include), list(skip), list(only)],
    )
    return violations


def _selector(target: Sequence[Any]) -> str:
    # axe targets are a list with one entry per (i)frame level; an entry is itself
    # a list when it pierces shadow roots.
    return " -> ".join(" >>> ".join(part) if isinstance(part, list) else str(part) for part in target)


def format_violations(violations: Iterable[dict[str, Any]]) -> str:
    """One line per offending node: rule id, impact, target selector, help text."""
    return "\n".join(
        f"{v['id']} [{node.get('impact') or v.get('impact') or '?'}] "
        f"{_selector(node.get('target', []))}: {v.get('help', '')}"
        for v in violations
        for node in v.get("nodes", [])
    )
