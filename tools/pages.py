"""Reading a chapter page's Markdown into what the checker needs: paragraphs, quotation spans,
marked quotations and footnotes, each with its offset so findings can point at line and column.

The page syntax this understands (and nothing cleverer):

    Prose, [“quoted words”]{ #q-some-id }[^q-some-id] more prose.
    {: #p-paragraph-id }

    [^q-some-id]: footnote text (generated from the source list)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A marked quotation: bracketspan `[…]{ #q-id }` and, right after it, its footnote reference.
MARKED = re.compile(r"\[(?P<body>[^\[\]]*)\]\{:?\s*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}(?P<ref>\[\^(?P<label>[^\]\s]+)\])?")
FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:[ \t]?(?P<text>.*)$")
PARAGRAPH_ID = re.compile(r"^\{:\s*#(?P<id>[A-Za-z0-9_-]+)\s*\}[ \t]*$")
HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)(?:\s*\{(?P<attrs>[^}]*)\})?\s*$")
OPENING_MARKS = "“”\"„«"
CLOSING_MARKS = "”\"»“"


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

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]


def split_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks, classified; offsets are into `text`."""
    blocks: list[Block] = []
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        raw = match.group().rstrip("\n")
        start, end = match.start(), match.start() + len(raw)
        first = raw.split("\n", 1)[0]
        heading = HEADING.match(first) if "\n" not in raw else None
        if heading:
            attrs = heading.group("attrs") or ""
            ident = re.search(r"#([A-Za-z0-9_-]+)", attrs)
            classes = tuple(re.findall(r"\.([A-Za-z0-9_-]+)", attrs))
            blocks.append(Block("heading", start + heading.start("text"), end, heading.group("text"),
                                ident.group(1) if ident else None, classes))
        elif FOOTNOTE_DEF.match(first):
            blocks.append(Block("footnotes", start, end, raw))
        elif first.startswith(("<!--", "!!!", "???", "```", "    ", "<", "|", "- ", "* ", "> ")):
            blocks.append(Block("other", start, end, raw))
        else:
            lines = raw.split("\n")
            ident = PARAGRAPH_ID.match(lines[-1])
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


def quote_spans(text: str, base: int = 0) -> list[QuoteSpan]:
    """Double-quoted spans in one paragraph.

    Outside a quotation any double mark opens one, so the chapter's stray `” Most beloved”`
    still counts as a quotation; inside, any closing mark ends it. Single quotes are apostrophes
    in this text and are ignored. A quotation still open at the end of the paragraph is unclosed.
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for index, char in enumerate(text):
        if open_at is None and char in OPENING_MARKS:
            open_at = index
        elif open_at is not None and char in CLOSING_MARKS:
            spans.append(QuoteSpan(base + open_at, base + index + 1, text[open_at + 1:index]))
            open_at = None
    if open_at is not None:
        spans.append(QuoteSpan(base + open_at, base + len(text), text[open_at + 1:], closed=False))
    return spans


def marked_quotations(block: Block) -> list[Marked]:
    return [
        Marked(m.group("id"), block.start + m.start(), block.start + m.end(), block.start + m.start("body"),
               m.group("body"), m.group("label"))
        for m in MARKED.finditer(block.text)
    ]


def footnote_refs(block: Block) -> list[tuple[str, int]]:
    return [(m.group("label"), block.start + m.start()) for m in FOOTNOTE_REF.finditer(block.text)]


def plain_text(markdown: str) -> str:
    """The chapter's own words in a paragraph: markup for ids, quotations and footnotes removed."""
    text = MARKED.sub(lambda m: m.group("body"), markdown)
    text = FOOTNOTE_REF.sub("", text)
    return re.sub(r"[ \t]*\n[ \t]*", " ", text).strip()


def normalise(text: str) -> str:
    """Typography only: curly quotes, ellipsis forms and whitespace. Words are never touched."""
    text = re.sub(r"[“”„«»\"]", '"', text)
    text = re.sub(r"[‘’‚]", "'", text)
    text = re.sub(r"(?:…|\.\.\.)+", "…", text)
    return re.sub(r"\s+", " ", text).strip()
