"""A chapter page read against its closed grammar.

A chapter page is a sequence of blocks separated by blank lines, and each block is one of:

    ## Heading text { #heading-id }              the original's own heading (verbatim), or
    ## Heading text { #heading-id .editor-heading }   an editors' heading, marked as theirs

    Chapter text on one or more lines, with marked quotations
    [“quoted words”]{ #q-some-id }[^q-some-id] and nothing else that Markdown would read.
    {: #p-paragraph-id }

    [^q-some-id]: the footnote, one line, generated from the source list by --write

Anything else (a blockquote, a list, an admonition, raw HTML, a code block, a table, a second
attribute, a footnote that is not a quotation's) is a problem the checker reports: nothing on a
chapter page reaches a reader unless the checker has proved it. Offsets point into the page
text, so problems become findings with line and column.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .ids import PARAGRAPH_ID_LINE
from .inline import MARKUP_NAMES, Marked, Markup, find_marked, footnote_refs, markup_ranges, unproven_markup
from .textfile import LineIndex

FOOTNOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]\s]{1,100})\]:[ \t]?(?P<text>.*)$")
HEADING = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<text>.*?)[ \t]*\{(?P<attrs>[^{}]*)\}[ \t]*$")
HEADING_ATTRS = re.compile(r"^[ \t]*#(?P<id>[^\s#.{}]+)(?P<classes>(?:[ \t]+\.[A-Za-z0-9_-]+)*)[ \t]*$")
HEADING_CLASSES = frozenset({"editor-heading"})
# How a line may not begin in chapter text: each of these makes Python-Markdown (with this
# site's extensions) start another kind of block, or take the line out of the text.
BLOCK_STARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ \t]"), "an indented line (a code block or a continuation)"),
    (re.compile(r"^#"), "a heading"),
    (re.compile(r"^>"), "a blockquote"),
    (re.compile(r"^[-*+][ \t]"), "a list item"),
    (re.compile(r"^[0-9]{1,9}[.)]([ \t]|$)"), "a numbered list item"),
    (re.compile(r"^(?:!!!|\?\?\?)"), "an admonition or details block"),
    (re.compile(r"^(?:```|~~~)"), "a code block"),
    (re.compile(r"^(?:-{3,}|={1,}|_{3,}|\*{3,})[ \t]*$"), "a rule or a heading underline"),
    (re.compile(r"^:[ \t]"), "a definition"),
    (re.compile(r"^\{:"), "an attribute list"),
    (re.compile(r"^\[[^\]]*\]:"), "a link or footnote definition"),
    (re.compile(r"^\*\["), "an abbreviation"),
    (re.compile(r"^<"), "raw HTML"),
    (re.compile(r"^\|"), "a table"),
)
TRAILING_SPACE = re.compile(r"[ \t]+$")


@dataclass(frozen=True)
class FootnoteDef:
    label: str
    start: int
    text: str


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading", "footnotes"
    start: int  # the first character of the block's text (of a heading: of its title)
    end: int  # end of the whole block in the page, including an id line
    text: str
    id: str | None = None
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A place where the page leaves its grammar: becomes a finding of rule `rule`."""

    offset: int
    rule: str
    message: str


MAX_PROBLEMS_PER_RULE = 50  # the checker shows fifty findings of a rule in a file, then a count


@dataclass
class Page:
    path: str  # as shown in findings
    name: str  # relative to docs/, e.g. "praise.md"
    text: str
    blocks: list[Block] = field(default_factory=list)
    footnote_defs: list[FootnoteDef] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Problems past the first fifty of a rule are only counted: a hostile page with 450,000 stray
    # brackets must not cost 450,000 messages that nobody will be shown.
    problem_counts: Counter[str] = field(default_factory=Counter)

    def problem(self, offset: int, rule: str, message: str | Callable[[], str]) -> None:
        self.problem_counts[rule] += 1
        if self.problem_counts[rule] <= MAX_PROBLEMS_PER_RULE:
            self.problems.append(Problem(offset, rule, message() if callable(message) else message))

    _lines: LineIndex | None = field(default=None, repr=False, compare=False)

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.line_col(offset)


def paragraph_numbers(pages: list[Page]) -> dict[tuple[str, int], int]:
    """The reader's paragraph numbers (the site's ¶ numbers): the chapter's paragraphs counted
    from 1 across its pages in reading order; headings are not counted. Keyed by (page name,
    block offset). The checker and the site both number paragraphs with this."""
    numbers: dict[tuple[str, int], int] = {}
    for page in pages:
        for block in page.paragraphs:
            numbers[(page.name, block.start)] = len(numbers) + 1
    return numbers


def raw_blocks(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Each run of non-blank lines: (offset of the run, [(offset of the line, line)]), linear."""
    runs: list[tuple[int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            current.append((offset, line))
        elif current:
            runs.append((current[0][0], current))
            current = []
        offset += len(line) + 1
    if current:
        runs.append((current[0][0], current))
    return runs


def parse(text: str, path: str, name: str) -> Page:
    page = Page(path=path, name=name, text=text)
    for start, lines in raw_blocks(text):
        first = lines[0][1]
        if first.startswith("#") and not first.startswith("#["):
            _heading(page, lines)
        elif FOOTNOTE_DEF.match(first):
            _footnotes(page, start, lines)
        else:
            _paragraph(page, start, lines)
    return page


def _heading(page: Page, lines: list[tuple[int, str]]) -> None:
    offset, line = lines[0]
    match = HEADING.match(line)
    attrs = HEADING_ATTRS.match(match.group("attrs")) if match else None
    if match is None or attrs is None:
        page.problem(
            offset,
            "page-block",
            "a heading on a chapter page is one line, `## Heading text { #heading-id }`, "
            "with `.editor-heading` after the id when the words are the editors'",
        )
        return
    classes = tuple(c.lstrip(".") for c in attrs.group("classes").split())
    for unknown in [c for c in classes if c not in HEADING_CLASSES]:
        page.problem(
            offset + match.start("attrs"),
            "attr-list",
            f"a heading may carry only its id and `.editor-heading`, not `.{unknown}`",
        )
    title_start = offset + match.start("text")
    page.blocks.append(
        Block("heading", title_start, offset + len(line), match.group("text"), attrs.group("id"), classes)
    )
    _inline(page, match.group("text"), title_start, quotations=False)
    for extra_offset, _ in lines[1:]:
        page.problem(
            extra_offset,
            "page-block",
            "put a blank line after a heading: this line would become part of the heading's block",
        )


def _footnotes(page: Page, start: int, lines: list[tuple[int, str]]) -> None:
    end = lines[-1][0] + len(lines[-1][1])
    page.blocks.append(Block("footnotes", start, end, page.text[start:end]))
    for offset, line in lines:
        match = FOOTNOTE_DEF.match(line)
        if match:
            page.footnote_defs.append(FootnoteDef(match.group("label"), offset, match.group("text")))
        elif line[:1] in (" ", "\t") and page.footnote_defs:
            page.problem(
                offset,
                "footnote-markup",
                "a footnote on a chapter page is one line, generated by `./edition check --write`; "
                "this indented line would continue it",
            )
        else:
            page.problem(
                offset,
                "page-block",
                "only footnote definitions may follow one another here; put a blank line before this line",
            )


def _paragraph(page: Page, start: int, lines: list[tuple[int, str]]) -> None:
    ident = PARAGRAPH_ID_LINE.match(lines[-1][1])
    body = lines[:-1] if ident else lines
    for offset, line in body:
        for pattern, what in BLOCK_STARTS:
            if pattern.match(line):
                page.problem(
                    offset,
                    "page-block",
                    f"this line starts {what}, which a chapter page may not hold: it holds only "
                    "numbered paragraphs, headings and generated footnotes (editorial text "
                    "goes into data/sources.yml notes)",
                )
                break
        trailing = TRAILING_SPACE.search(line)
        if trailing:
            page.problem(
                offset + trailing.start(),
                "page-markup",
                "trailing spaces would make a line break that the chapter does not have; remove them",
            )
    if not body:
        page.problem(start, "page-block", "this id line has no paragraph above it")
        return
    end = lines[-1][0] + len(lines[-1][1])
    text = page.text[start : body[-1][0] + len(body[-1][1])]
    page.blocks.append(Block("paragraph", start, end, text, ident.group("id") if ident else None))
    _inline(page, text, start)


def _inline(page: Page, text: str, base: int, quotations: bool = True) -> None:
    """Marked quotations whose attribute list holds more than an id, stray footnote references,
    and any other character Markdown would read as markup."""
    marked = find_marked(text, base) if quotations else []
    for mark in marked:
        if not mark.id:
            page.problem(
                mark.body_start + len(mark.body) + 1,
                "attr-list",
                f"a quotation's attribute list holds its id and nothing else, `{{ #q-… }}`, not `{{{mark.attrs}}}`",
            )
    attached = {m.end - len(f"[^{m.label}]") for m in marked if m.label}
    for label, offset in footnote_refs(text, base):
        if offset not in attached:
            page.problem(
                offset,
                "page-markup",
                f"the footnote reference [^{label}] stands alone: on a chapter page a footnote "
                "follows its marked quotation, `[“…”]{ #q-id }[^q-id]`",
            )
    for markup in unproven_markup(text, base, markup_ranges(text, base, quotations)):
        if markup.kind == "escape":
            continue
        if markup.kind == "html":
            page.problem(
                markup.offset,
                "page-html",
                "raw HTML is not allowed on a chapter page: it could show or run anything",
            )
        elif markup.kind == "invisible":
            page.problem(
                markup.offset,
                "page-markup",
                functools.partial(_invisible_message, markup),
            )
        elif markup.kind == "entity":
            page.problem(
                markup.offset,
                "page-markup",
                functools.partial(_entity_message, markup),
            )
        else:
            page.problem(
                markup.offset,
                "page-markup",
                functools.partial(_markup_message, markup),
            )


def marked_quotations(block: Block) -> list[Marked]:
    return find_marked(block.text, block.start)


def block_footnote_refs(block: Block) -> list[tuple[str, int]]:
    return footnote_refs(block.text, block.start)


def _invisible_message(markup: Markup) -> str:
    return (
        f"U+{ord(markup.text):04X} is an invisible or text-reordering character: it could hide or reverse "
        "words on the page; remove it"
    )


def chapter_wordings(pages: list[Page]) -> dict[str, str]:
    """Each marked quotation's wording as the chapter page writes it, quotation marks and all
    (Markdown: an escaped character keeps its backslash; whitespace made single spaces). Pages
    show it as Markdown; plain text (a download, the checker) takes inline.plain_text of it."""
    found: dict[str, str] = {}
    for page in pages:
        for block in page.paragraphs:
            for mark in marked_quotations(block):
                found.setdefault(mark.id, " ".join(mark.body.split()))
    return found


def _entity_message(markup: Markup) -> str:
    return f"“{markup.text}” would print as another character; write the character itself"


def _markup_message(markup: Markup) -> str:
    what = "emphasis" if markup.kind == "underscore" else MARKUP_NAMES.get(markup.text, "markup")
    return (
        f"“{markup.text}” would be read as Markdown ({what}), not printed as the chapter has it; "
        f"write \\{markup.text} if the chapter has this character"
    )
