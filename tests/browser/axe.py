"""Run axe-core (pinned in package-lock.json, installed by .ci/install-system-deps)
in a Playwright page and report WCAG 2.x A/AA violations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0/2.1 A+AA and 2.2 AA: the conformance target. Best-practice rules are
# left out so every failure maps to a WCAG success criterion.
WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


def run_axe(page: Page, tags: Iterable[str] = WCAG_TAGS) -> list[dict[str, Any]]:
    """Inject axe into ``page`` (already navigated) and return its violations.

    The page needs JavaScript enabled (in a context with java_script_enabled=False,
    axe.run() never resolves). axe's source is evaluated through the DevTools protocol,
    not added as a <script> element: the pages' Content-Security-Policy blocks any
    inline script it does not name, and it stays on while axe looks at the page.
    """
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} missing: run .ci/install-system-deps (npm ci)")
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    if page.evaluate("typeof axe") == "undefined":
        raise RuntimeError("axe did not load: is JavaScript disabled in this page's context?")
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations;
        }""",
        list(tags),
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
