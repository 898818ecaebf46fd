"""Inside a line of a chapter page: quoted spans, marked quotations, footnote references, and
every character that Markdown would read as markup.

The only inline markup a chapter page may carry is a marked quotation,

    [“quoted words”]{ #q-some-id }[^q-some-id]

and a backslash before a character that would otherwise be markup (`\\*`). Everything else is
the chapter's own text, and `unproven_markup` finds what Markdown would not print as written.
Every scan here is linear: one pass of one regular expression, or a loop over its matches.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

# The end of a marked quotation, `]{ #q-id }`, and right after it its footnote reference; the
# opening `[` is found by looking back (see find_marked). The attribute list is read whole and
# checked by the grammar (tools/model/pages.py): only `{ #id }` is allowed.
MARKED_TAIL = re.compile(r"\]\{(?P<attrs>[^{}\n]{0,200})\}(?P<ref>\[\^(?P<label>[^\]\s]{1,100})\])?")
ATTRS_ID_ONLY = re.compile(r"^[ \t]*#(?P<id>[^\s#.{}=\"']{1,100})[ \t]*$")
FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]{1,100})\](?!:)")
# Quotation marks of every script and typographic tradition: every character Unicode calls a
# quotation mark or an initial or final quote (categories Pi and Pf), the ornament marks (❝ ❞ ❮ ❯)
# the corner brackets that quote in Chinese and Japanese, and the primes and the fullwidth
# apostrophe, which look like quotation marks (″…″, ′…′, ＇…＇). tests/model/test_inline.py checks
# this list against the Unicode database.
# Double marks: outside a quotation any of them opens one (so the chapter's stray `” Most
# beloved”` still counts, and so do »German« and «French» quotations); inside, any ends it.
DOUBLE_MARKS = '"«»“”„‟❝❞❠⹂『』〝〞〟﹃﹄＂🙶🙷🙸″‶'
QUOTE_MARK = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
# Single marks always open; a straight ' opens only at the start of a word. The chapter's
# apostrophe (Stalin’s, don't) is inside a word, so it never opens; inside a single quotation,
# a single mark, ’ or ' closes it where no letter follows.
SINGLE_MARKS = "‘‚‛‹›❛❜❟❮❯⸂⸃⸄⸅⸉⸊⸌⸍⸜⸝⸠⸡「」﹁﹂｢｣′‵＇"
APOSTROPHES = "’'"
SINGLE_OPEN = re.compile("[" + re.escape(SINGLE_MARKS) + r"]|(?<![\w’'])'(?=\w)")
SINGLE_CLOSE = re.compile("[" + re.escape(SINGLE_MARKS + APOSTROPHES) + r"](?!\w)")
# What Markdown (with this site's extensions) would not print as written. `_` only at the edge
# of a word: inside one it is a letter to Python-Markdown.
UNPROVEN = re.compile(
    "(?P<invisible>[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f])|"
    r"(?P<escape>\\[\\`*_{}\[\]()#+\-.!|<>&~^=:\"'])"
    r"|(?P<html><[A-Za-z/!?]|<$)"
    r"|(?P<entity>&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<mark>[\[\]{}*`|<\\])"
    r"|(?P<underscore>(?<!\w)_|_(?!\w))"
)
MARKUP_NAMES = {
    "[": "a link or footnote bracket",
    "]": "a link or footnote bracket",
    "{": "an attribute list",
    "}": "an attribute list",
    "*": "emphasis",
    "_": "emphasis",
    "`": "code",
    "|": "a table cell",
    "<": "raw HTML",
    "\\": "an escape",
}


@dataclass(frozen=True)
class QuoteSpan:
    """Words between quotation marks; `start`/`end` are page offsets of the marks."""

    start: int
    end: int
    text: str
    closed: bool = True


@dataclass(frozen=True)
class Marked:
    """A quotation marked up with an id and (normally) a footnote reference."""

    id: str
    attrs: str  # the attribute list as written, between the braces
    start: int
    end: int
    body_start: int
    body: str
    label: str | None


class Markup(NamedTuple):  # a tuple, not a dataclass: a hostile page can hold 450,000 of them
    """A character (or escape, entity, tag) that Markdown would not print as written."""

    offset: int
    text: str
    kind: str  # "html", "entity", "mark", "underscore", "escape"


@functools.lru_cache(maxsize=64)  # several rules ask for the same paragraph's spans
def quote_spans(text: str, base: int = 0) -> tuple[QuoteSpan, ...]:
    """The outermost quoted spans in one paragraph or heading, double and single marks alike, in
    page order. A quotation still open at the end of the text is unclosed."""
    spans = sorted(_double_spans(text, base) + _single_spans(text, base), key=lambda s: (s.start, -s.end))
    outer: list[QuoteSpan] = []
    for span in spans:  # a quotation inside a quotation belongs to the outer one
        if not outer or span.start >= outer[-1].end:
            outer.append(span)
    return tuple(outer)


def every_quote_span(text: str) -> list[QuoteSpan]:
    """Every double-quoted and every single-quoted span, nested or not, in page order: for the
    editors' prose, where a stray single mark (’30s written '30s) must not hide the double
    quotation after it, as it would if only the outermost spans were read."""
    return sorted(_double_spans(text, 0) + _single_spans(text, 0), key=lambda s: (s.start, -s.end))


def _double_spans(text: str, base: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for mark in QUOTE_MARK.finditer(text):
        index = mark.start()
        if open_at is None:
            open_at = index
        else:
            spans.append(QuoteSpan(base + open_at, base + index + 1, text[open_at + 1 : index]))
            open_at = None
    if open_at is not None:
        spans.append(QuoteSpan(base + open_at, base + len(text), text[open_at + 1 :], closed=False))
    return spans


def _single_spans(text: str, base: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    position = 0
    while (opening := SINGLE_OPEN.search(text, position)) is not None:
        closing = SINGLE_CLOSE.search(text, opening.end())
        if closing is None:
            spans.append(QuoteSpan(base + opening.start(), base + len(text), text[opening.end() :], closed=False))
            break
        spans.append(QuoteSpan(base + opening.start(), base + closing.end(), text[opening.end() : closing.start()]))
        position = closing.end()
    return spans


def find_marked(text: str, base: int = 0) -> list[Marked]:
    """Marked quotations `[body]{ attrs }[^label]` in one paragraph, in linear time.

    The body holds no brackets, so its `[` is the last one before the closing `]` and after the
    previous `]{…}`; looking back only to there means no stretch of text is scanned twice."""
    found: list[Marked] = []
    floor = 0
    for tail in MARKED_TAIL.finditer(text):
        close = tail.start()
        opening = text.rfind("[", floor, close)
        if opening != -1 and text.find("]", opening + 1, close) == -1:
            ident = ATTRS_ID_ONLY.match(tail.group("attrs"))
            found.append(
                Marked(
                    ident.group("id") if ident else "",
                    tail.group("attrs"),
                    base + opening,
                    base + tail.end(),
                    base + opening + 1,
                    text[opening + 1 : close],
                    tail.group("label"),
                )
            )
        floor = tail.end()
    return found


def footnote_refs(text: str, base: int = 0) -> list[tuple[str, int]]:
    return [(m.group("label"), base + m.start()) for m in FOOTNOTE_REF.finditer(text)]


def unproven_markup(text: str, base: int = 0, proven: list[tuple[int, int]] | None = None) -> Iterator[Markup]:
    """Characters of `text` that Markdown would read as markup, outside the `proven` ranges
    (page offsets, sorted: the brackets and braces of marked quotations and footnote references
    that the grammar accounts for). A backslash escape prints the character after it, so it is
    reported with kind "escape" and left to the caller."""
    ranges = proven or []
    index = 0
    for match in UNPROVEN.finditer(text):
        offset = base + match.start()
        while index < len(ranges) and ranges[index][1] <= offset:
            index += 1
        if index < len(ranges) and ranges[index][0] <= offset:
            continue
        yield Markup(offset, match.group(), match.lastgroup or "mark")


def markup_ranges(text: str, base: int = 0, quotations: bool = True) -> list[tuple[int, int]]:
    """The page ranges of the markup a chapter page may carry: each marked quotation's `[` and
    `]{ #id }[^id]` (when `quotations`), and every footnote reference (reported on its own where
    it stands alone)."""
    ranges = [(base + m.start(), base + m.end()) for m in FOOTNOTE_REF.finditer(text)]
    if quotations:
        for mark in find_marked(text, base):
            ranges.append((mark.start, mark.start + 1))
            ranges.append((mark.body_start + len(mark.body), mark.end))
    return sorted(ranges)


ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>&~^=:\"'])")
LINE_BREAKS = re.compile(r"[ \t]*\n[ \t]*")


def plain_text(markdown: str) -> str:
    """The chapter's own words in a paragraph: the quotation markup, footnote references and
    backslashes of escapes removed, lines joined."""
    pieces, position = [], 0
    for mark in find_marked(markdown):
        pieces += [markdown[position : mark.start], mark.body]
        position = mark.end if mark.label is None else mark.end - len(f"[^{mark.label}]")
    text = FOOTNOTE_REF.sub("", "".join(pieces) + markdown[position:])
    return ESCAPED.sub(r"\1", LINE_BREAKS.sub(" ", text)).strip()


DOUBLE_QUOTES = str.maketrans({c: '"' for c in DOUBLE_MARKS} | {c: "'" for c in SINGLE_MARKS + APOSTROPHES})
ELLIPSES = re.compile(r"(?:…|\.\.\.)+")
WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Typography only: curly quotes, ellipsis forms and whitespace. Words are never touched."""
    text = ELLIPSES.sub("…", text.translate(DOUBLE_QUOTES))
    return WHITESPACE.sub(" ", text).strip()


def scare_key(text: str) -> str:
    """How a scare quote is matched, on the page and in its declaration alike: normalised, and
    without the comma or full stop that English puts inside the closing mark."""
    return normalise(text).rstrip(",.")
