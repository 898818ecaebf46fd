"""Reading a chapter page's Markdown into what the checker needs: paragraphs, quotation spans,
marked quotations and footnotes, each with its offset so findings can point at line and column.

The page syntax this understands (and nothing cleverer):

    Prose, [“quoted words”]{ #q-some-id }[^q-some-id] more prose.
    {: #p-paragraph-id }

    [^q-some-id]: footnote text (generated from the source list)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .ids import PARAGRAPH_ID_LINE
from .textfile import LineIndex

# Every pattern here is bounded or anchored so that hostile pages (a 900 kB line of brackets)
# are read in linear time: no pattern may rescan the rest of a paragraph from each position.
# The end of a marked quotation, `]{ #q-id }`, and right after it its footnote reference; the
# opening `[` is found by looking back (see find_marked).
MARKED_TAIL = re.compile(
    r"\]\{:?[ \t]*#(?P<id>[A-Za-z0-9_-]{1,100})[^}\n]{0,200}\}(?P<ref>\[\^(?P<label>[^\]\s]{1,100})\])?"
)
FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]{1,100})\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]\s]{1,100})\]:[ \t]?(?P<text>.*)$")
HEADING_MARKS = re.compile(r"#{1,6}[ \t]+")
OPENING_MARKS = '“”"„«'
CLOSING_MARKS = '”"»“'
QUOTE_MARK = re.compile("[" + re.escape(OPENING_MARKS + CLOSING_MARKS) + "]")


@dataclass(frozen=True)
class QuoteSpan:
    """Words between double quotation marks; `start`/`end` are page offsets of the marks."""

    start: int
    end: int
    text: str
    closed: bool = True


@dataclass(frozen=True)
class Marked:
    """A quotation marked up with an id and (normally) a footnote reference."""

    id: str
    start: int
    end: int
    body_start: int
    body: str
    label: str | None


@dataclass(frozen=True)
class FootnoteDef:
    label: str
    start: int
    text: str


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading", "footnotes", "other"
    start: int
    end: int  # end of the whole block in the page, including an id line
    text: str
    id: str | None = None
    classes: tuple[str, ...] = ()


@dataclass
class Page:
    path: str  # as shown in findings
    name: str  # relative to docs/, e.g. "praise.md"
    text: str
    blocks: list[Block] = field(default_factory=list)
    footnote_defs: list[FootnoteDef] = field(default_factory=list)

    _lines: LineIndex | None = field(default=None, repr=False, compare=False)

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.line_col(offset)


def raw_blocks(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each run of non-blank lines, in one linear pass."""
    runs: list[tuple[int, str]] = []
    start: int | None = None
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            if start is None:
                start = offset
        elif start is not None:
            runs.append((start, text[start : offset - 1]))
            start = None
        offset += len(line) + 1
    if start is not None:
        runs.append((start, text[start:].rstrip("\n")))
    return runs


def parse_heading(line: str) -> tuple[int, str, str] | None:
    """(offset of the text, text, attribute list) of an ATX heading `## Text { #id .class }`."""
    marks = HEADING_MARKS.match(line)
    if not marks:
        return None
    rest = line[marks.end() :].rstrip()
    attrs = ""
    if rest.endswith("}"):
        opening = rest.rfind("{")
        if opening != -1:
            attrs, rest = rest[opening + 1 : -1], rest[:opening].rstrip()
    return marks.end(), rest, attrs


def split_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks, classified; offsets are into `text`."""
    blocks: list[Block] = []
    for start, raw in raw_blocks(text):
        end = start + len(raw)
        first = raw.split("\n", 1)[0]
        heading = parse_heading(first) if "\n" not in raw else None
        if heading:
            text_offset, title, attrs = heading
            ident = re.search(r"#([A-Za-z0-9_-]+)", attrs)
            classes = tuple(re.findall(r"\.([A-Za-z0-9_-]+)", attrs))
            blocks.append(Block("heading", start + text_offset, end, title, ident.group(1) if ident else None, classes))
        elif FOOTNOTE_DEF.match(first):
            blocks.append(Block("footnotes", start, end, raw))
        elif first.startswith(("<!--", "!!!", "???", "```", "    ", "<", "|", "- ", "* ", "> ")):
            blocks.append(Block("other", start, end, raw))
        else:
            lines = raw.split("\n")
            ident = PARAGRAPH_ID_LINE.match(lines[-1])
            if ident:
                lines = lines[:-1]
            body = "\n".join(lines)
            if body.strip():
                blocks.append(Block("paragraph", start, end, body, ident.group("id") if ident else None))
            elif ident:
                blocks.append(Block("other", start, end, raw))
    return blocks


def footnote_defs(block: Block) -> list[FootnoteDef]:
    """Definitions in a footnotes block; indented lines continue the previous definition."""
    defs: list[FootnoteDef] = []
    offset = block.start
    for line in block.text.split("\n"):
        match = FOOTNOTE_DEF.match(line)
        if match:
            defs.append(FootnoteDef(match.group("label"), offset, match.group("text")))
        elif defs and line.startswith((" ", "\t")):
            last = defs[-1]
            defs[-1] = FootnoteDef(last.label, last.start, f"{last.text}\n{line.strip()}")
        offset += len(line) + 1
    return defs


def parse(text: str, path: str, name: str) -> Page:
    page = Page(path=path, name=name, text=text, blocks=split_blocks(text))
    for block in page.blocks:
        if block.kind == "footnotes":
            page.footnote_defs += footnote_defs(block)
    return page


@functools.lru_cache(maxsize=64)  # several rules ask for the same paragraph's spans
def quote_spans(text: str, base: int = 0) -> tuple[QuoteSpan, ...]:
    """Double-quoted spans in one paragraph.

    Outside a quotation any double mark opens one, so the chapter's stray `” Most beloved”`
    still counts as a quotation; inside, any closing mark ends it. Single quotes are apostrophes
    in this text and are ignored. A quotation still open at the end of the paragraph is unclosed.
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for mark in QUOTE_MARK.finditer(text):
        index, char = mark.start(), mark.group()
        if open_at is None and char in OPENING_MARKS:
            open_at = index
        elif open_at is not None and char in CLOSING_MARKS:
            spans.append(QuoteSpan(base + open_at, base + index + 1, text[open_at + 1 : index]))
            open_at = None
    if open_at is not None:
        spans.append(QuoteSpan(base + open_at, base + len(text), text[open_at + 1 :], closed=False))
    return tuple(spans)


def find_marked(text: str, base: int = 0) -> list[Marked]:
    """Marked quotations `[body]{ #id }[^label]` in one paragraph, in linear time.

    The body holds no brackets, so its `[` is the last one before the closing `]` and after the
    previous `]{…}`; looking back only to there means no stretch of text is scanned twice.
    """
    found: list[Marked] = []
    floor = 0
    for tail in MARKED_TAIL.finditer(text):
        close = tail.start()
        opening = text.rfind("[", floor, close)
        if opening != -1 and text.find("]", opening + 1, close) == -1:
            found.append(
                Marked(
                    tail.group("id"),
                    base + opening,
                    base + tail.end(),
                    base + opening + 1,
                    text[opening + 1 : close],
                    tail.group("label"),
                )
            )
        floor = close + 1
    return found


def marked_quotations(block: Block) -> list[Marked]:
    return find_marked(block.text, block.start)


def footnote_refs(block: Block) -> list[tuple[str, int]]:
    return [(m.group("label"), block.start + m.start()) for m in FOOTNOTE_REF.finditer(block.text)]


def plain_text(markdown: str) -> str:
    """The chapter's own words in a paragraph: markup for ids, quotations and footnotes removed."""
    pieces, position = [], 0
    for mark in find_marked(markdown):
        pieces += [markdown[position : mark.start], mark.body]
        position = mark.end if mark.label is None else mark.end - len(f"[^{mark.label}]")
    text = FOOTNOTE_REF.sub("", "".join(pieces) + markdown[position:])
    return re.sub(r"[ \t]*\n[ \t]*", " ", text).strip()


DOUBLE_QUOTES = str.maketrans({c: '"' for c in "“”„«»"} | {c: "'" for c in "‘’‚"})
ELLIPSES = re.compile(r"(?:…|\.\.\.)+")
WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Typography only: curly quotes, ellipsis forms and whitespace. Words are never touched."""
    text = ELLIPSES.sub("…", text.translate(DOUBLE_QUOTES))
    return WHITESPACE.sub(" ", text).strip()
