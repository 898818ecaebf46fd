"""A chapter page, read against its closed grammar, and the chapter as the pages hold it.

A chapter page (docs/praise.md …) is blocks separated by blank lines, and each block is one of

    # Heading text { #heading-id }                   the original's own heading, verbatim
    ## Heading text { #heading-id .editor-heading }  a heading of the editors', marked as theirs

    Chapter text on one or more lines, its quotations marked [“quoted words”]{ #q-some-id }.
    {: #p-paragraph-id }

and nothing else. The text is literal: the site renders chapter pages itself (tools/site/chapter.py),
so no character of the chapter is ever read as markup, and what is written is what is shown. The
lines of a paragraph are joined by one space. Footnotes, names, notes and numbers are added at
build time from the source list; the page never holds them. Every pattern here runs on RE2.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import re2

from .findings import Example, Finding, Rule
from .textfile import LineIndex

PAGE_BLOCK = Rule(
    "page-block",
    "a chapter page holds only headings `# Title { #id }` and paragraphs ending in `{: #p-id }`",
    Example("docs/praise.md", "{: #p-praise-in-speeches }", "{: #p-praise-in-speeches }\n\n> A quotation box"),
)
PAGE_MARK = Rule(
    "page-mark",
    "a quotation on a chapter page is marked `[“…”]{ #q-id }`: brackets and braces are used for nothing else",
    Example("docs/praise.md", "]{ #q-bukharin-hope-of-mankind }", "]{ #q-bukharin-hope-of-mankind .big }"),
)

# A heading's words are plain text: no braces, angle brackets, ampersands or backslashes, which
# would only ever be shown as they are (the site renders chapter pages itself) but look like markup.
HEADING = re2.compile(r"^(#{1,6}) +([^{}<>&\\]+?) *\{ *#([a-z0-9]+(?:-[a-z0-9]+)*)( +\.editor-heading)? *\}$")
PARAGRAPH_ID = re2.compile(r"^\{: *#(p-[a-z0-9]+(?:-[a-z0-9]+)*) *\}$")
MARK = re2.compile(r"\[([^\[\]{}]*)\]\{ *#(q-[a-z0-9]+(?:-[a-z0-9]+)*) *\}")
STRAY = re2.compile(r"\]\{|\{:|\{ *#")
BLANK = re2.compile(r"^[ \t]*$")


@dataclass(frozen=True)
class Mark:
    """A marked quotation: its id and where its words are in the paragraph's text."""

    id: str
    start: int
    end: int
    offset: int  # of its `[` in the page


@dataclass(frozen=True)
class Heading:
    id: str
    text: str
    level: int
    editors: bool  # the editors' words, not the chapter's
    offset: int  # of the heading's text in the page


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: str  # the chapter's words: marks removed, lines joined by a space
    marks: tuple[Mark, ...]
    offset: int  # of the paragraph's first character in the page
    pieces: tuple[tuple[int, int], ...]  # (offset in text, offset in page) where each run of text starts

    def page_offset(self, text_offset: int) -> int:
        index = bisect.bisect_right(self.pieces, (text_offset, 1 << 62)) - 1
        start, page = self.pieces[max(index, 0)]
        return page + text_offset - start


Block = Heading | Paragraph


@dataclass
class ChapterPage:
    name: str  # relative to docs/, e.g. "praise.md"
    path: str  # as findings show it
    text: str
    blocks: list[Block] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    _lines: LineIndex | None = field(default=None, repr=False)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def at(self, rule: Rule, offset: int, message: str) -> Finding:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return rule.at(self.path, *self._lines.line_col(offset), message)


def parse(text: str, name: str, path: str) -> ChapterPage:
    page = ChapterPage(name, path, text)
    for lines in _runs(text):
        if lines[0][1].startswith("#"):
            _heading(page, lines)
        else:
            _paragraph(page, lines)
    if not page.blocks or not isinstance(page.blocks[0], Heading):
        page.findings.append(
            page.at(PAGE_BLOCK, 0, "a chapter page begins with its heading, `# Heading text { #heading-id }`")
        )
    return page


def _runs(text: str) -> list[list[tuple[int, str]]]:
    """Each run of non-blank lines, as (offset, line) pairs, in one pass."""
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if BLANK.match(line):
            if current:
                runs.append(current)
            current = []
        else:
            current.append((offset, line))
        offset += len(line) + 1
    if current:
        runs.append(current)
    return runs


def _heading(page: ChapterPage, lines: list[tuple[int, str]]) -> None:
    offset, line = lines[0]
    match = HEADING.match(line)
    if match is None or len(lines) > 1:
        page.findings.append(
            page.at(
                PAGE_BLOCK,
                offset,
                "a heading is one line, `## Heading text { #heading-id }`, with `.editor-heading` after the id "
                "when the words are the editors', and a blank line after it",
            )
        )
        return
    level, title, ident, editors = match.group(1), match.group(2), match.group(3), match.group(4)
    page.blocks.append(Heading(ident, title, len(level), bool(editors), offset + match.start(2)))


def _paragraph(page: ChapterPage, lines: list[tuple[int, str]]) -> None:
    last_offset, last = lines[-1]
    ident = PARAGRAPH_ID.match(last)
    if ident is None or len(lines) < 2:
        page.findings.append(
            page.at(
                PAGE_BLOCK,
                last_offset if len(lines) > 1 else lines[0][0],
                "a paragraph ends with its id on a line of its own, `{: #p-some-words }`, and has text above it",
            )
        )
        return
    pieces: list[tuple[int, int]] = []
    words: list[str] = []
    marks: list[Mark] = []
    length = 0
    for number, (offset, line) in enumerate(lines[:-1]):
        if number:
            words.append(" ")
            length += 1
        position = 0
        for match in MARK.finditer(line):
            before = line[position : match.start()]
            _stray(page, before, offset + position)
            pieces.append((length, offset + position))
            words.append(before)
            length += len(before)
            pieces.append((length, offset + match.start(1)))
            words.append(match.group(1))
            marks.append(Mark(match.group(2), length, length + len(match.group(1)), offset + match.start()))
            length += len(match.group(1))
            position = match.end()
        pieces.append((length, offset + position))
        rest = line[position:]
        words.append(rest)
        length += len(rest)
        _stray(page, rest, offset + position)
    page.blocks.append(Paragraph(ident.group(1), "".join(words), tuple(marks), lines[0][0], tuple(pieces)))


def _stray(page: ChapterPage, text: str, offset: int) -> None:
    """Brackets and braces that look like a mark but are not one: a finding, not silent text."""
    stray = STRAY.search(text)
    if stray is not None:
        page.findings.append(
            page.at(
                PAGE_MARK,
                offset + stray.start(),
                "this is not a quotation's mark: a quotation is `[“…”]{ #q-id }` (an id and nothing else), "
                "and a paragraph's id goes on the line under it",
            )
        )


@dataclass(frozen=True)
class Placed:
    """A paragraph with its page and its number in the chapter (the site's ¶ number)."""

    page: str
    number: int
    paragraph: Paragraph


@dataclass
class Chapter:
    """The chapter as its pages hold it, in reading order."""

    pages: list[ChapterPage]

    def placed(self) -> list[Placed]:
        """Every paragraph with its ¶ number: counted from 1 across the pages; headings are not counted."""
        found: list[Placed] = []
        for page in self.pages:
            for paragraph in page.paragraphs:
                found.append(Placed(page.name, len(found) + 1, paragraph))
        return found

    def blocks_in_order(self) -> list[tuple[ChapterPage, Block]]:
        return [(page, block) for page in self.pages for block in page.blocks]

    def quotation_places(self) -> dict[str, tuple[Placed, Mark]]:
        """Where each marked quotation stands (its first mark)."""
        found: dict[str, tuple[Placed, Mark]] = {}
        for place in self.placed():
            for mark in place.paragraph.marks:
                found.setdefault(mark.id, (place, mark))
        return found

    def wording(self, quotation_id: str) -> str:
        place = self.quotation_places().get(quotation_id)
        if place is None:
            return ""
        placed, mark = place
        return placed.paragraph.text[mark.start : mark.end]
