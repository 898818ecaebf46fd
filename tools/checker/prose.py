"""The editors' prose (editorial pages, config text the theme prints): what it presents as a
quotation must be the chapter's words.

A quotation hides in more places than a pair of quotation marks in a sentence: in an attribute
value (`title="…"`), behind character references (`&ldquo;…&rdquo;`), in inline code, in a
blockquote without any marks. So the text is first made *readable*, with every offset kept:
comments blanked, character references decoded in place (the decoded character, padded with
spaces to the reference's length), the delimiters of attribute values blanked so that the value
reads as text, and code left as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model.inline import normalise, quote_spans

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
TAG = re.compile(r"<[A-Za-z/!][^<>]{0,2000}>")
ATTRIBUTE_DELIMITER = re.compile(r"""(=\s*)(["'])""")
BLOCKQUOTE_LINE = re.compile(r"^[ \t]{0,3}>[ \t]?(?P<text>.*)$", re.MULTILINE)
# An admonition of the quotation kinds (`!!! quote`, `??? cite`) frames its indented body as a quotation.
QUOTE_BOX = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]+(?:quote|cite)\b.*\n(?P<body>(?:(?:[ \t]{4}.*)?\n)*)", re.MULTILINE)


@dataclass(frozen=True)
class Quoted:
    """Words the prose presents as a quotation, at an offset of the original text."""

    offset: int
    text: str


def readable(text: str) -> str:
    """`text` as a reader sees it, character for character at the same offsets (see the module)."""
    text = COMMENT.sub(_blank, text)
    text = REFERENCE.sub(_decoded, text)
    return TAG.sub(_tag_as_text, text)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _decoded(match: re.Match[str]) -> str:
    char = html.unescape(match.group())
    return char.ljust(len(match.group())) if len(char) == 1 else match.group()


def _tag_as_text(match: re.Match[str]) -> str:
    """A tag's attribute values read as text: the quotes that delimit them are not quotation marks."""
    tag = match.group()
    out, position = [], 0
    for delimiter in ATTRIBUTE_DELIMITER.finditer(tag):
        quote = delimiter.group(2)
        start = delimiter.end()
        end = tag.find(quote, start)
        if end == -1:
            break
        out += [tag[position : delimiter.start(2)], " ", tag[start:end], " "]
        position = end + 1
    return "".join(out) + tag[position:]


def quoted(text: str) -> Iterator[Quoted]:
    """Everything `text` (Markdown or HTML prose) presents as a quotation: the words in every pair
    of quotation marks, and the words of every blockquote."""
    prose = readable(text)
    for span in quote_spans(prose):
        if span.closed:
            yield Quoted(span.start, span.text)
    lines = list(BLOCKQUOTE_LINE.finditer(prose))
    group: list[re.Match[str]] = []
    for line in [*lines, None]:
        if line is not None and (not group or prose.count("\n", group[-1].end(), line.start()) <= 1):
            group.append(line)
            continue
        if group:
            yield Quoted(group[0].start(), " ".join(m.group("text") for m in group))
        group = [line] if line is not None else []
    for box in QUOTE_BOX.finditer(prose):
        yield Quoted(box.start(), " ".join(box.group("body").split()))


def not_the_chapters(text: str, chapter_words: str) -> Iterator[Quoted]:
    """What `text` presents as a quotation and is not the chapter's words (`chapter_words` is the
    chapter's text through `normalise`); a blockquote may keep the chapter's quotation marks."""
    for quotation in quoted(text):
        words = normalise(quotation.text).strip("\"' ")
        if words and words not in chapter_words:
            yield quotation
