"""The checker: proves, before anything is rendered, that the chapter pages and the source list agree.

    python -m tools.checker            # exit 0 clean, 1 findings, 2 unusable input
    python -m tools.checker --write    # also (re)write the generated footnote definitions

Every finding is one line, `path:line:col: rule message`. It owns the rules (quotations.py,
footnotes.py, chapter.py, policy.py: the source policy, calendars.py: Old and New Style) and the surgical rewrite of footnotes (write.py); it reads the inputs
through tools.model and imports nothing of the site. Besides the source list and the chapter
pages it checks what the build would publish or write from other inputs: anchors.yml (moves.py
in the model: no redirect climbs out of the site or runs a script), symbolic links (symlinks.py),
files published as they are (published.py), and the config files of both builds (siteconfig.py,
configrules.py; the quotations and nav titles in their texts: siteprose.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model.configrules import config_findings
from ..model.findings import Finding, Severity, UnusableInput
from ..model.moves import Moves, read_moves
from ..model.pages import MAX_PROBLEMS_PER_RULE, Page, chapter_wordings, parse
from ..model.published import unpublishable
from ..model.records import SourceList
from ..model.schema import load
from ..model.siteconfig import read_configs
from ..model.symlinks import symlinks
from ..model.textfile import read_text
from . import calendars, chapter, editorial, footnotes, policy, prose, quotations, rendered, siteprose

PROJECT = Path(__file__).resolve().parent.parent.parent
SOURCE_LIST = Path("data/sources.yml")
DOCS = Path("docs")
MAX_PER_RULE = MAX_PROBLEMS_PER_RULE


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    sources: SourceList | None = None
    pages: list[Page] = field(default_factory=list)
    moves: Moves = field(default_factory=Moves)
    unusable: bool = False
    # Findings counted but not made (past the first fifty of a rule on a page): (path, rule) -> how many.
    uncounted: Counter[tuple[str, str]] = field(default_factory=Counter)

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
    """Run every rule. Pure apart from reading files; the findings come sorted and capped."""
    result = Result()
    _run(result, root, source_list, docs)
    result.findings = capped(sorted(result.findings, key=lambda f: (f.path, f.line, f.col, f.rule)), result.uncounted)
    return result


def _read(result: Result, path: Path, shown: str) -> str | None:
    try:
        text, found = read_text(path, shown)
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
        return None
    result.findings += found
    return text


def _run(result: Result, root: Path, source_list: Path, docs: Path) -> None:
    result.findings += symlinks(root)
    result.findings += unpublishable(root)
    configs, found = read_configs(root)
    result.findings += found + config_findings(configs)
    _check_moves(root, result)
    yaml_path = root / source_list
    try:
        sources, found = load(yaml_path, shown_path(yaml_path, root))
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
        return
    result.sources = sources
    result.findings += found
    result.findings += policy.check_policy(sources)
    result.findings += calendars.check_calendars(sources)
    if not sources.pages:  # the schema has reported why: an empty or missing list of chapter pages
        return
    result.findings += editorial.undeclared_pages(root / docs, sources, shown_path(root / docs, root))
    for name in sources.pages:
        path = root / docs / name
        text = _read(result, path, shown_path(path, root))
        if text is not None:
            result.pages.append(parse(text, shown_path(path, root), name))
    original = _read(result, root / sources.original, sources.original)
    if result.unusable or original is None:
        return
    result.findings += chapter.check_original(root / sources.original, sources)

    scare_quotes_left: Counter[str] = Counter()
    for page in result.pages:
        budget = quotations.scare_budget(sources, page.name)
        result.findings += chapter.check_grammar(page)
        for rule, count in page.problem_counts.items():
            result.uncounted[(page.path, rule)] += max(0, count - MAX_PROBLEMS_PER_RULE)
        result.findings += quotations.check_quotations(page, sources, budget)
        result.findings += footnotes.check_footnotes(page, sources)
        scare_quotes_left += budget
    result.findings += chapter.check_ids(result.pages)
    result.findings += chapter.check_usage(result.pages, sources, scare_quotes_left)
    result.findings += chapter.check_notes(result.pages, sources)
    result.findings += chapter.check_names(result.pages, sources)
    result.findings += footnote_wording(result.pages)
    result.findings += source_list_wording(result.pages, sources)
    result.findings += chapter.check_fidelity(result.pages, original, sources.original)
    chapter_words = prose.ChapterWords.of(original, sources)
    result.findings += prose.source_list_quotes(sources, chapter_words)
    result.findings += siteprose.config_quotes(configs.values(), chapter_words)
    result.findings += siteprose.nav_titles(configs.values(), result.pages)
    for name in sources.editorial:
        path = root / docs / name
        text = _read(result, path, shown_path(path, root))
        if text is not None:
            result.findings += editorial.check_editorial(
                Page(shown_path(path, root), name, text), sources, chapter_words
            )


def source_list_wording(pages: list[Page], sources: SourceList) -> list[Finding]:
    """Every text of the source list, which pages and downloads may show, quotes the chapter only
    in its exact words: so `./edition check` refuses what the build's own check of its output
    would (tools/hook.py checks the output as well, against a generator's mistake)."""
    checker = rendered.Checker(chapter_wordings(pages))
    found = []
    for key, value in sources.texts:
        if key[:1] == ("quotations",) and key[2:3] == ("text",):
            continue  # a quotation's own words: quote-wording compares them with its page
        for problem in checker.check(value):
            line, col = sources.where(*key)
            found.append(Finding(sources.path, line, col, problem.rule, problem.message))
    return found


def footnote_wording(pages: list[Page]) -> list[Finding]:
    """The footnotes (generated from the source list) quote the chapter only in its exact words."""
    checker = rendered.Checker(chapter_wordings(pages))
    found = []
    for page in pages:
        for d in page.footnote_defs:
            base = page.text.find(d.text.split("\n", 1)[0], d.start)
            for problem in checker.check(d.text):
                line, col = page.line_col(base + problem.offset)
                found.append(Finding(page.path, line, col, problem.rule, problem.message))
    return found


def _check_moves(root: Path, result: Result) -> None:
    try:
        result.moves, found = read_moves(root)
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
        return
    result.findings += found


def capped(
    findings: list[Finding], uncounted: Counter[tuple[str, str]] | None = None, limit: int = MAX_PER_RULE
) -> list[Finding]:
    """At most `limit` findings of one rule in one file, then one line saying how many more:
    a reader can act on fifty, not on a hundred thousand."""
    counts: Counter[tuple[str, str]] = Counter((f.path, f.rule) for f in findings) + (uncounted or Counter())
    shown: Counter[tuple[str, str]] = Counter()
    kept: list[Finding] = []
    for finding in findings:
        key = (finding.path, finding.rule)
        shown[key] += 1
        if shown[key] <= limit:
            kept.append(finding)
        if shown[key] == limit and counts[key] > limit:
            more = f"… and {counts[key] - limit} more like this in this file"
            kept.append(Finding(finding.path, finding.line, finding.col, finding.rule, more, finding.severity))
    return kept
