"""The checker: the editorial input, read before anything is rendered, with a finding for each problem
at its place (`path:line:col: rule message`).

    python -m tools.checker        # exit 0 clean, 1 findings, 2 unusable input

It reads data/sources.yml (tools/model/sourcelist.py), the chapter pages (tools/model/chapter.py), the
original, the editors' pages with their front matter (tools/model/frontmatter.py) and anchors.yml, and
hands on what it established (`Checked`) to the site. The output guard (tools/guard) checks the built
pages again, as the reader gets them; the editors' pages are already rendered here and put through its
content check, so that a page that would be refused says so while it is being written.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import markdown
import re2

from ..guard import language
from ..guard.configs import EXTENSIONS
from ..guard.page import check_content
from ..guard.printed import first_unprinted, unprinted
from ..guard.problem import Allowed, Problem, first_lines
from ..guard.words import as_each_medium_reads, quotations_in
from ..model.chapter import Chapter, ChapterPage, parse
from ..model.edition import MARKERS, VARIANTS, Checked, allowed_quotations
from ..model.findings import Example, Finding, Rule, Severity, UnusableInput
from ..model.frontmatter import front_matter
from ..model.html import blocks, parse_fragment
from ..model.kindpages import APPARATUS, generated_pages
from ..model.moves import Moves, moves_or_finding
from ..model.quotes import corpus_of
from ..model.readings import words_read
from ..model.sourcelist import Loaded, load
from ..model.textfile import FILE_MISSING, LineIndex, read_text
from ..model.values import KINDS
from . import chapter, facts, prose, review, sourcelist

PROJECT = Path(__file__).resolve().parent.parent.parent
SOURCE_LIST = "data/sources.yml"
MAX_PER_RULE = 50  # a reader can act on fifty findings of a rule in a file, not on a hundred thousand

PAGE_UNDECLARED = Rule(
    "page-undeclared",
    "every file under docs/ is a chapter page or a declared editors' page: the edition's scripts and stylesheet "
    "are code, in overrides/assets/",
    Example("docs/extra.md", "", "# An extra page { #extra }\n"),
)
EDITORIAL_MARKUP = Rule(
    "editorial-markup",
    "an editors' page, once rendered, holds only the markup, classes and addresses allowed there (tools/guard/allow.py)",
    Example(
        "docs/index.md",
        "## What the statuses mean { #statuses }",
        "## What the statuses mean { #statuses }\n\n<script>alert(1)</script>",
    ),
)
# The Markdown extensions an editors' page is rendered with: those the engine renders it with
# (mkdocs.yml's, which tools/guard/configs.py holds to this list), so that what the build's guard
# would refuse is found here, at its line, while the page is written.
EDITORIAL_EXTENSIONS = sorted(EXTENSIONS)
# The guard's rules on a page's markup, which an editors' page breaks with its Markdown: found there
# as editorial-markup (its language, the names of its links, are markup the editors wrote).
MARKUP_RULES = frozenset({"guard-markup", "guard-url", "guard-language", "guard-name"})


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    checked: Checked | None = None
    moves: Moves = field(default_factory=Moves)
    coverage: facts.Coverage | None = None
    unusable: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def exit_code(self) -> int:
        return 2 if self.unusable else (1 if self.errors else 0)


def check(root: Path = PROJECT) -> Result:
    """Every rule. Pure apart from reading files; the findings come sorted, at most fifty a rule and file."""
    result = Result()
    try:
        _run(result, root)
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
    result.findings = capped(sorted(set(result.findings), key=lambda f: (f.path, f.line, f.col, f.rule, f.message)))
    return result


def _run(result: Result, root: Path) -> None:
    result.findings += links(root)
    if result.findings:  # nothing is read through a link: it could lead anywhere (.git, /proc/self/environ)
        result.unusable = True
        return
    loaded, found = load(root / SOURCE_LIST, SOURCE_LIST)
    result.findings += found
    if loaded is None:
        result.unusable = True
        return
    edition = loaded.sources.edition
    result.findings += sourcelist.check(loaded)
    result.findings += review.check(loaded, root)
    result.findings += review.check_pages(root, loaded.sources)
    coverage_findings, result.coverage = facts.check(loaded)
    result.findings += coverage_findings
    pages: list[ChapterPage] = []
    for name in edition.pages:
        text = _read(result, root / "docs" / name, f"docs/{name}")
        if text is not None:
            page = parse(text, name, f"docs/{name}")
            result.findings += page.findings
            pages.append(page)
    original = _read(result, root / edition.original, edition.original)
    editorial = {
        name: text
        for name in edition.editorial
        if (text := _read(result, root / "docs" / name, f"docs/{name}")) is not None
    }
    bodies = {}  # each editors' page as the engine renders it: without its front matter, on its own lines
    for name, text in editorial.items():
        matter = front_matter(f"docs/{name}", text)
        result.findings += matter.findings
        bodies[name] = "\n" * text.count("\n", 0, len(text) - len(matter.body)) + matter.body
    result.findings += undeclared(root, loaded)
    result.findings += reserved(loaded)
    result.findings += prose.editors(loaded)
    result.findings += prose.printed(loaded)
    made = (*edition.pages, *edition.editorial, *generated_pages(loaded.sources))
    result.moves, found = moves_or_finding(root, {n.removesuffix(".md") + ".html" for n in made})
    result.findings += found
    if original is None or len(pages) != len(edition.pages):
        return
    the_chapter = Chapter(pages)
    result.findings += chapter.check_original(original, edition.original, chapter.pinned(root))
    result.findings += chapter.fidelity(the_chapter, original)
    result.findings += chapter.ids(the_chapter)
    result.findings += chapter.quotations(the_chapter, loaded)
    result.findings += chapter.names(the_chapter, loaded)
    paragraphs = {p.id: p.text for page in pages for p in page.paragraphs}
    for index, note in enumerate(loaded.sources.notes):
        if note.paragraph not in paragraphs:
            result.findings.append(
                loaded.at(
                    sourcelist.REFERENCE,
                    ("notes", index, "paragraph"),
                    f"no paragraph '{note.paragraph}' in the chapter",
                )
            )
        elif note.term not in paragraphs[note.paragraph]:
            result.findings.append(
                loaded.at(
                    sourcelist.REFERENCE,
                    ("notes", index, "term"),
                    f"paragraph '{note.paragraph}' does not have the words “{note.term}” the note is on",
                )
            )
    shared = allowed_quotations(loaded.sources, the_chapter, titles_as_read=True, sources_words=False)
    result.findings += prose.check(loaded, loaded.texts, shared)
    read = [text for _, _, entry in loaded.sources.entries() for text in words_read(entry)]
    corpus = corpus_of(tuple(read), beside=(shared,))  # an editors' page may quote any source's words
    languages = language.tags(loaded.sources.policy.languages)
    allowed = Allowed(
        corpus, {}, edition.contact, site_url="{site_url}", languages=languages
    )  # {site_url}: the placeholder editors write
    for name, body in bodies.items():
        result.findings += editorial_page(f"docs/{name}", body, allowed)
    result.checked = Checked(loaded.sources, the_chapter, editorial)


def _read(result: Result, path: Path, shown: str) -> str | None:
    try:
        text, found = read_text(path, shown)
    except UnusableInput as err:
        result.findings.append(err.finding)
        return None
    result.findings += found
    return text


EDITORIAL = ("docs", "data", "original", "anchors.yml")  # the editorial input: ARCHITECTURE.md


def links(root: Path) -> list[Finding]:
    """No symbolic link stands in the editorial input, nor is one of its folders: a link could lead the
    checker to read, or the build to publish, anything (.git, an untracked .env, /proc/self/environ)."""
    found = []
    for name in EDITORIAL:
        top = root / name
        for path in [top, *(sorted(top.rglob("*")) if top.is_dir() and not top.is_symlink() else [])]:
            if path.is_symlink():
                shown = path.relative_to(root).as_posix()
                found.append(FILE_MISSING.at(shown, 1, 1, "is a symbolic link: an editorial file is a file of its own"))
    return found


# The names of the pages the edition makes, whatever the source list holds today: the apparatus, and
# each kind's pages of full entries (sources-primary.md, sources-primary-2.md …).
RESERVED_KIND_PAGE = re2.compile(r"^sources-(" + "|".join(KINDS) + r")(-[0-9]+)?\.md$")


def reserved(loaded: Loaded) -> list[Finding]:
    """No page of the editors or of the chapter takes the name of a page the edition makes."""
    edition = loaded.sources.edition
    return [
        loaded.at(
            PAGE_UNDECLARED,
            ("edition", field, index),
            f"'{name}' is the name of a page the edition makes from the source list: choose another",
        )
        for field, names in (("pages", edition.pages), ("editorial", edition.editorial))
        for index, name in enumerate(names)
        if name in APPARATUS or RESERVED_KIND_PAGE.match(name)
    ]


def undeclared(root: Path, loaded: Loaded) -> list[Finding]:
    """Every file under docs/ is a declared page. Any other file would be published as it is, and
    nothing of the editorial input may run in or style a page: a script could rewrite the chapter's
    words after the guard has read them, a stylesheet's `content:` add words of its own."""
    edition = loaded.sources.edition
    declared = {*edition.pages, *edition.editorial}
    found = []
    for path in sorted((root / "docs").rglob("*")):
        name = path.relative_to(root / "docs").as_posix()
        if path.is_file() and name not in declared:
            found.append(PAGE_UNDECLARED.at(f"docs/{name}", 1, 1, f"is not a page declared in {SOURCE_LIST}"))
    return found


MAX_BLOCK = 2_000  # characters in a run of lines: the longest paragraph of an editors' page is half that
MAX_INDENT = 12  # columns of indentation: lists three levels deep
HTML_START = re2.compile(r"<[A-Za-z!?/]")


def editorial_shape(shown: str, text: str) -> list[Finding]:
    """An editors' page is Markdown of a bounded shape: no HTML of its own (the build fills in what
    needs HTML, tools/model/edition.py MARKERS), paragraphs of at most MAX_BLOCK characters and
    indentation of at most MAX_INDENT columns. So every renderer does work in proportion to the page:
    Python-Markdown, for one, spends quadratic time on some long paragraphs (`[x](` repeated) and
    recursion on deep lists."""
    lines = LineIndex(text)
    found: list[Finding] = []
    bare = text
    for marker in (*MARKERS, *VARIANTS):
        bare = bare.replace(marker, " " * len(marker))
    html = HTML_START.search(bare)
    if html is not None:
        found.append(
            EDITORIAL_MARKUP.at(
                shown, *lines.line_col(html.start()), "an editors' page holds no HTML of its own: write Markdown"
            )
        )
    offset = block_start = block_length = 0
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" \t"))
        if indent > MAX_INDENT:
            found.append(
                EDITORIAL_MARKUP.at(
                    shown,
                    *lines.line_col(offset),
                    f"indented more than {MAX_INDENT} columns: nest lists at most three deep",
                )
            )
        if line.strip():
            block_start = block_start if block_length else offset
            block_length += len(line) + 1
            if block_length > MAX_BLOCK:
                found.append(
                    EDITORIAL_MARKUP.at(
                        shown,
                        *lines.line_col(block_start),
                        f"a paragraph of more than {MAX_BLOCK:,} characters: split it",
                    )
                )
                block_length = -(10**9)  # once per paragraph
        else:
            block_length = 0
        offset += len(line) + 1
    return capped(found, 5)


def editorial_page(shown: str, text: str, allowed: Allowed) -> list[Finding]:
    """An editors' page rendered as the site renders it, through the guard's content check; each
    problem at the first line that holds its words. A page whose shape is refused is not rendered."""
    shape = editorial_shape(shown, text)
    if shape:
        return shape
    try:
        html = markdown.markdown(text, extensions=EDITORIAL_EXTENSIONS)
    except RecursionError:
        return [EDITORIAL_MARKUP.at(shown, 1, 1, "nests too deeply to render")]
    lines = LineIndex(text)
    found = []
    content = list(check_content(parse_fragment(html), "editorial", allowed))
    occurrences = Occurrences(text, (needle for problem in content for needle in problem.needles()))
    for problem in content:
        offset = problem.offset_in(text, occurrences.find)
        line, col = lines.line_col(offset) if offset >= 0 else (1, 1)
        rule = EDITORIAL_MARKUP if problem.rule.id in MARKUP_RULES else problem.rule
        found.append(rule.at(shown, line, col, problem.message))
    if found and any("nests elements" in f.message for f in found):
        return found
    # The page whole, then as the screen and as paper read it (the guard does the same, page.py
    # seen_texts): a quotation with one medium's words in it must be allowed in each reading.
    fragment = parse_fragment(html)
    read_whole = list(blocks(fragment))
    whole = {id(element): words for element, words in read_whole}  # where a block is found
    said: set[str] = set()
    quoted: list[tuple[Problem, list[Problem]]] = []
    for element, words in (*read_whole, *as_each_medium_reads(fragment)):
        problems = [p for p in quotations_in(words, allowed.corpus) if p.message not in said]
        if (why := unprinted(words)) is not None and why not in said:  # found at its character
            problems.append(Problem(prose.TEXT_PRINTED, why, first_unprinted(words) or words[:40]))
        said.update(p.message for p in problems)
        if problems:
            near = first_lines(whole.get(id(element), words))
            quoted.append((replace(problems[0], text="", near=near), problems))
    occurrences = Occurrences(
        text,
        (
            needle
            for first, problems in quoted
            for needle in (
                *first.needles(),
                *(n for p in problems for n in (p.text[:40], *p.near, *p.needles())),
            )
        ),
    )
    for first, problems in quoted:
        block = max(0, first.offset_in(text, occurrences.find))
        for problem in problems:  # its words within its block: the same words may stand earlier
            offset = next(
                (at for n in (problem.text[:40], *problem.near) if (at := occurrences.find(n, block)) >= 0), -1
            )
            offset = offset if offset >= 0 else problem.offset_in(text, occurrences.find)
            offset = offset if offset >= 0 else block  # (words one medium cuts are not the page's)
            line, col = lines.line_col(offset)
            rule = prose.PROSE_QUOTE if problem.rule.id == "guard-quote" else problem.rule
            found.append(rule.at(shown, line, col, problem.message))
    return found


class Occurrences:
    """`text.find(needle, start)` for each of some needles known beforehand, in one pass over the text
    for each length of needle rather than one pass for each question: a page with a problem in each of
    its paragraphs is not read again for each of them."""

    def __init__(self, text: str, needles: Iterable[str]) -> None:
        self.text = text
        by_length: dict[int, set[str]] = {}
        for needle in needles:
            if needle:
                by_length.setdefault(len(needle), set()).add(needle)
        self.at: dict[str, list[int]] = {}  # each needle -> where it starts, in order
        for length, wanted in by_length.items():
            for needle in wanted:
                self.at[needle] = []
            for start in range(len(text) - length + 1):
                if (piece := text[start : start + length]) in wanted:
                    self.at[piece].append(start)

    def find(self, needle: str, start: int = 0) -> int:
        if not needle:
            return self.text.find(needle, start)
        at = self.at[needle]
        index = bisect_left(at, start)
        return at[index] if index < len(at) else -1


def capped(findings: list[Finding], limit: int = MAX_PER_RULE) -> list[Finding]:
    """At most `limit` findings of one rule in one file, then one line saying how many more."""
    counts = Counter((f.path, f.rule) for f in findings)
    shown: Counter[tuple[str, str]] = Counter()
    kept: list[Finding] = []
    for finding in findings:
        key = (finding.path, finding.rule)
        shown[key] += 1
        if shown[key] <= limit:
            kept.append(finding)
        if shown[key] == limit and counts[key] > limit:
            kept.append(
                Finding(
                    finding.path,
                    finding.line,
                    finding.col,
                    finding.rule,
                    f"… and {counts[key] - limit} more like this in this file",
                )
            )
    return kept


RULES: tuple[Rule, ...] = (PAGE_UNDECLARED, EDITORIAL_MARKUP)
