"""An editors' page as the exports read it: what an export would refuse of it is refused here first,
at its line (tools/guard/exports.py, tools/publish/exportcheck.py): an internal file name, an
instruction for a pointer or a finger in the words the offline copies keep, and an id the build
gives something else (a chapter paragraph's, an entry's, a citation's: tools/checker/namespace.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

import re2

from ..guard.allow import CONTROLS
from ..guard.exports import EXPORT_WORDS, FILE_NAME, INTERACTION, asks_for_a_pointer, shows_a_file_name
from ..model.findings import Example, Finding, Rule, capped
from ..model.html import classes, parse_fragment, text_of
from ..model.textfile import LineIndex
from .editorial import editorial_shape, rendered
from .namespace import built_prefix

EDITORIAL_ID = Rule(
    "editorial-id",
    "an id an editors' page writes is none the build gives something else (a chapter paragraph's, heading's or "
    "quotation's, an entry's of the source list, a citation's key) and begins as none of the build's own do "
    "(`fn:`, `card-`, `page-` …): the one-document exports would rename both",
    Example("docs/index.md", "{: #p-what-this-is }", "{: #p-praise-in-speeches }"),
)
ONLINE, END = "<!-- online edition -->", "<!-- end -->"
WRITTEN_ID = re2.compile(r"#([^\s{}#\"'<>]+)")


def offline_reading(text: str) -> str:
    """The page as the offline build has it, the online edition's words blanked out in place (every
    offset is the page's own): what the exports read."""
    parts: list[str] = []
    at = 0
    while (start := text.find(ONLINE, at)) >= 0:
        end = text.find(END, start)
        end = len(text) if end < 0 else end
        parts += [text[at:start], "".join(c if c == "\n" else " " for c in text[start:end])]
        at = end
    return "".join([*parts, text[at:]])


def for_exports(shown: str, text: str, taken: Mapping[str, str]) -> list[Finding]:
    """The page's words as every export reads them, and the ids it writes; each finding at its place.
    A page of a shape a renderer would be slow on is not rendered (editorial_page says why)."""
    if editorial_shape(shown, text):
        return []
    lines = LineIndex(text)
    offline = offline_reading(text)
    try:
        page = parse_fragment(rendered(text))  # as the page's own check rendered it
        fragment = page if offline == text else parse_fragment(rendered(offline))  # read only, never changed
    except Exception:  # a page the renderer fails on: editorial_page says so
        return []
    words = text_of(fragment, skip=lambda e: bool(classes(e) & CONTROLS))
    said: list[tuple[str, str]] = [(m.group(0), shows_a_file_name(m.group(0))) for m in FILE_NAME.finditer(words)]
    said += [(m.group(0), asks_for_a_pointer(m.group(0), "paper")) for m in INTERACTION.finditer(words)]
    # Each word at its next occurrence in the page's own text, found by the same patterns in one pass
    # each (an address a link gives may stand for the same words in the text: on the same line, mostly).
    places: dict[str, list[int]] = {}
    for pattern in (FILE_NAME, INTERACTION):
        for match in pattern.finditer(offline):
            places.setdefault(match.group(0), []).append(match.start())
    for positions in places.values():
        positions.sort(reverse=True)  # popped from the end: the first first
    found: list[Finding] = []
    for word, message in said:
        left = places.get(word)
        offset = left.pop() if left else 0
        found.append(EXPORT_WORDS.at(shown, *lines.line_col(offset), message))
    found += editors_ids(shown, text, lines, page, taken)
    return capped(found, 50)


def editors_ids(
    shown: str, text: str, lines: LineIndex, rendered: ET.Element, taken: Mapping[str, str]
) -> list[Finding]:
    """Each id the page writes that the build gives something else, at the first place it is written."""
    written: dict[str, int] = {}
    for match in WRITTEN_ID.finditer(text):  # where each id is written, in one pass
        written.setdefault(match.group(1), match.start())
    found = []
    for ident in dict.fromkeys(e.get("id", "") for e in rendered.iter() if e.get("id")):
        why = taken.get(ident)
        if why is None and (prefix := built_prefix(ident)) is not None:
            why = f"one of the build's own (they begin '{prefix}')"
        if why is not None:
            line, col = lines.line_col(written.get(ident, 0))
            found.append(EDITORIAL_ID.at(shown, line, col, f"the id '{ident}' is {why}: choose another"))
    return found
