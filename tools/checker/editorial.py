"""An editors' page, rendered as the site renders it and put through the output guard's content
check, so that what the build would refuse is found here, at its line, while the page is written;
a page of a shape a renderer would be slow on is refused before it is rendered."""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace

import markdown
import re2

from ..guard.configs import EXTENSIONS
from ..guard.page import check_content
from ..guard.printed import first_unprinted, unprinted
from ..guard.problem import Allowed, Problem, first_lines
from ..guard.words import as_each_medium_reads, quotations_in, seen_attributes
from ..model.edition import MARKERS, VARIANTS
from ..model.findings import Example, Finding, Rule, capped
from ..model.html import blocks, parse_fragment, text_of
from ..model.textfile import LineIndex
from . import prose

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


MAX_BLOCK = 2_000  # characters in a run of lines: the longest paragraph of an editors' page is half that
MAX_INDENT = 12  # columns of indentation, a tab as Markdown reads it (4): lists three levels deep
TAB = 4
MAX_MARKERS = 20  # the build's markers on a page (the landing page has 7): Markdown stashes each, slowly
TOC_LABEL = "data-toc-label"
HTML_START = re2.compile(r"<[A-Za-z!?/]")
# A footnote's label, in a call or a definition (`[^a]`, `[^a]:`; a label may hold a line break). Each
# label stands at most twice, called once and defined once, and a page has at most MAX_FOOTNOTES:
# Python-Markdown numbers a second call by counting past every one before it, and looks each call up
# in the list of all the page's footnotes. (Counting both, no table row or line start can make a call
# look like a definition.)
FOOTNOTE = re2.compile(r"\[\^([^\]]*)\]")
MAX_FOOTNOTES = 50


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
    if (label := text.find(TOC_LABEL)) != -1:  # the toc extension takes it off the heading: the guard sees
        # it only in the theme's contents, at build (tools/guard/page.py toc_entry)
        found.append(
            EDITORIAL_MARKUP.at(
                shown, *lines.line_col(label), "a heading's contents entry says what the heading says: no label"
            )
        )
    if (markers := sum(text.count(marker) for marker in (*MARKERS, *VARIANTS))) > MAX_MARKERS:
        found.append(
            EDITORIAL_MARKUP.at(shown, 1, 1, f"{markers} of the build's markers: a page holds at most {MAX_MARKERS}")
        )
    found += variant_lines(shown, text, lines)
    labels: dict[str, int] = {}
    for footnote in FOOTNOTE.finditer(text):
        label = footnote.group(1)
        labels[label] = labels.get(label, 0) + 1
        if labels[label] == 3 or (labels[label] == 1 and len(labels) == MAX_FOOTNOTES + 1):
            why = (
                "is called again: call each footnote once"
                if labels[label] == 3
                else f"is a footnote past {MAX_FOOTNOTES}"
            )
            found.append(
                EDITORIAL_MARKUP.at(
                    shown, *lines.line_col(footnote.start()), f"[^{' '.join(label.split())[:20]}] {why}"
                )
            )
    offset = block_start = block_length = 0
    for raw in text.split("\n"):
        # Blank and indented as Markdown reads a line: tabs expanded, and only spaces are blank (a line of
        # no-break spaces is not: counted blank, it let one paragraph grow past the limit)
        line = raw.expandtabs(TAB)
        indent = len(line) - len(line.lstrip(" "))
        if indent > MAX_INDENT:
            found.append(
                EDITORIAL_MARKUP.at(
                    shown,
                    *lines.line_col(offset),
                    f"indented more than {MAX_INDENT} columns: nest lists at most three deep",
                )
            )
        if line.strip(" \r"):
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
        offset += len(raw) + 1
    return capped(found, 5)


def variant_lines(shown: str, text: str, lines: LineIndex) -> list[Finding]:
    """The words for one edition only stand between an opening marker and `<!-- end -->`, each marker a
    line of its own, none nested, each closed: the one shape the build reads (tools/site/prepare.py
    VARIANT) and the exports' reading here (exported.py) read alike. A marker within a line was blanked
    here and kept by the build, so the words checked as online-only were printed in every medium."""
    found: list[Finding] = []
    opened = False
    offset = opening = 0
    opener = VARIANTS[0]
    for line in text.split("\n"):
        markers = [m for m in VARIANTS if m in line]
        why = None
        if markers and line.rstrip("\r") not in VARIANTS:
            why = f"{markers[0]} stands on a line of its own"
        elif markers and (markers[0] == VARIANTS[-1]) != opened:
            why = f"{markers[0]} {'closes nothing' if not opened else 'opens within another: close that one first'}"
        elif markers:
            opened, opening, opener = not opened, offset, markers[0]
        if why is not None:
            found.append(EDITORIAL_MARKUP.at(shown, *lines.line_col(offset), why))
        offset += len(line) + 1
    if opened:
        found.append(EDITORIAL_MARKUP.at(shown, *lines.line_col(opening), f"{opener} is not closed by {VARIANTS[-1]}"))
    return found[:5]


# An attribute list that did not take (`##  { #x }`): shown to readers as braces.
UNRENDERED = re2.compile(r"\{\s*:?\s*(?:[#.][A-Za-z_]|[A-Za-z_][\w-]*\s*=)")  # { #id }, { .class }, { lang=de }


@functools.lru_cache(maxsize=16)
def rendered(text: str) -> str:
    """An editors' page as the site's Markdown renders it: once a text, for the page's check and
    for the exports' reading of it (tools/checker/exported.py). RecursionError where it nests too deeply."""
    return markdown.markdown(text, extensions=EDITORIAL_EXTENSIONS)


def editorial_page(shown: str, text: str, allowed: Allowed) -> list[Finding]:
    """An editors' page rendered as the site renders it, through the guard's content check; each
    problem at the first line that holds its words. A page whose shape is refused is not rendered."""
    shape = editorial_shape(shown, text)
    if shape:
        return shape
    try:
        html = rendered(text)
    except RecursionError:
        return [EDITORIAL_MARKUP.at(shown, 1, 1, "nests too deeply to render")]
    except Exception as err:  # the renderer is a library: any way it fails on this page is the page's finding
        return [
            EDITORIAL_MARKUP.at(
                shown, 1, 1, f"cannot be rendered: the Markdown renderer fails on it ({type(err).__name__})"
            )
        ]
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
    # Here, not in the guard: on a built page the source list's texts show braces as typed, by design.
    cursor = 0  # the rendered text's order is the Markdown's: each found after the last, in one pass
    for unrendered in UNRENDERED.finditer(text_of(fragment)):
        # (once one is not in the Markdown as written, `{&#32;#x }`, it and the rest are said at the
        # page's top: searching the rest of the page again for each would be quadratic)
        offset = text.find(unrendered.group(), cursor) if cursor >= 0 else -1
        cursor = offset + 1 if offset >= 0 else -1
        line, col = lines.line_col(offset) if offset >= 0 else (1, 1)
        found.append(EDITORIAL_MARKUP.at(shown, line, col, f"“{unrendered.group()}…” is Markdown that did not render"))
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
    # What the attributes say (a link's title), as the guard reads them on the built page
    quoted += [(problem, [problem]) for problem in seen_attributes(fragment, allowed.corpus)]
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
            rule = {"guard-quote": prose.PROSE_QUOTE, "guard-text": prose.TEXT_PRINTED}.get(
                problem.rule.id, problem.rule
            )
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
