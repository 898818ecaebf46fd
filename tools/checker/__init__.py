"""The checker: proves, before anything is rendered, that the chapter pages and the source list agree.

    python -m tools.checker            # exit 0 clean, 1 findings, 2 unusable input
    python -m tools.checker --write    # also (re)write the generated footnote definitions

Every finding is one line, `path:line:col: rule message`. It owns the rules (quotations.py,
footnotes.py, chapter.py) and the surgical rewrite of footnotes (write.py); it reads the inputs
through tools.model and imports nothing of the site.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model.findings import Finding, Severity, UnusableInput
from ..model.pages import Page, parse
from ..model.records import SourceList
from ..model.schema import load
from ..model.textfile import read_text
from . import chapter, footnotes, quotations

PROJECT = Path(__file__).resolve().parent.parent.parent
SOURCE_LIST = Path("data/sources.yml")
DOCS = Path("docs")
MAX_PER_RULE = 50


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    sources: SourceList | None = None
    pages: list[Page] = field(default_factory=list)
    unusable: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def exit_code(self) -> int:
        return 2 if self.unusable else (1 if self.findings else 0)


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check(root: Path = PROJECT, source_list: Path = SOURCE_LIST, docs: Path = DOCS) -> Result:
    """Run every rule. Pure apart from reading files."""
    result = Result()
    yaml_path = root / source_list
    try:
        sources, found = load(yaml_path, shown_path(yaml_path, root))
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
        return result
    result.sources = sources
    result.findings += found
    if not sources.pages:
        return result

    for name in sources.pages:
        path = root / docs / name
        try:
            text, found = read_text(path, shown_path(path, root))
        except UnusableInput as err:
            result.findings.append(err.finding)
            result.unusable = True
            continue
        result.findings += found
        result.pages.append(parse(text, shown_path(path, root), name))

    scare_quotes_left: Counter[str] = Counter()
    for page in result.pages:
        budget = quotations.scare_budget(sources, page.name)
        result.findings += quotations.check_quotations(page, sources, budget)
        result.findings += footnotes.check_footnotes(page, sources)
        scare_quotes_left += budget
    if result.unusable:
        return result
    result.findings += chapter.check_ids(result.pages)
    result.findings += chapter.check_usage(result.pages, sources, scare_quotes_left)
    result.findings += chapter.check_notes(result.pages, sources)
    result.findings += chapter.check_names(result.pages, sources)
    try:
        original, found = read_text(root / sources.original, sources.original)
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
        return result
    result.findings += chapter.check_fidelity(result.pages, original, sources.original)
    result.findings = capped(sorted(result.findings, key=lambda f: (f.path, f.line, f.col, f.rule)))
    return result


def capped(findings: list[Finding], limit: int = MAX_PER_RULE) -> list[Finding]:
    """At most `limit` findings of one rule in one file, then one line saying how many more:
    a reader can act on fifty, not on a hundred thousand."""
    counts: Counter[tuple[str, str]] = Counter((f.path, f.rule) for f in findings)
    shown: Counter[tuple[str, str]] = Counter()
    kept: list[Finding] = []
    for finding in findings:
        key = (finding.path, finding.rule)
        shown[key] += 1
        if shown[key] <= limit:
            kept.append(finding)
        elif shown[key] == limit + 1:
            kept.append(
                Finding(
                    finding.path,
                    finding.line,
                    finding.col,
                    finding.rule,
                    f"… and {counts[key] - limit} more like this in this file",
                    finding.severity,
                )
            )
    return kept
