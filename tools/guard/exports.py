"""What the exports hold (the single file, the EPUB, the PDFs): every paragraph of the chapter, in
order, where an export claims the chapter; and no words a page on paper or in an e-reader cannot mean.

The exports (tools/publish/exportcheck.py) hold what they make to these; the checker
(tools/checker/exported.py) refuses the words first on an editors' page, at its line, so that an input
the checker passes never stops an export."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import re2

from ..model.findings import Example, Rule
from .problem import Problem

EXPORT_WORDS = Rule(
    "export-words",
    "no page of the exports names an internal file (sources.yml, praise.md), and an editors' page asks no "
    "reader of the offline copies for a pointer or a finger (“click”, “hover”, “tap”): its online "
    "edition's words aside, every reader of the single file, the EPUB and the PDF reads it",
    Example("docs/index.md", "as it was\npublished;", "as it was\npublished in sources.yml;"),
)
# No edit of the input can show it: the "Read offline" page is left out by its role, never a chapter
# page, so this holds the export code (a page left out by name, a paragraph an export drops).
EXPORT_COMPLETE = Rule(
    "export-complete",
    "every export that carries the chapter (the single file, the EPUB, the PDF and the handouts) holds every "
    "paragraph of the chapter, once and in the chapter's order",
    None,
)
# What a reader does with a pointer or a finger: never asked of a reader of paper or an e-book.
INTERACTION = re2.compile(
    r"(?i)\b(hover\w*|tap|taps|tapp\w*|click\w*|mouse\w*|tooltips?|touch\w*|swip\w*|cursors?|scroll\w*|"
    r"drag\w*|pinch\w*|long-press\w*|pointers?)\b"
)
# An internal file name (praise.md, original/….txt, readings.lock, SOURCES.YML, extra.css) is never shown to a
# reader: the downloads' names (.pdf, .epub, .zip, .html, .bib, .ris, .csv, .json) are not of these.
FILE_NAME = re2.compile(r"(?i)\b[\w-]+\.(md|ya?ml|py|lock|txt|toml|cfg|ini|sh|css|js)\b")


def medium_name(medium: str) -> str:
    return {"paper": "paper", "ereader": "an e-reader", "screen": "a page without script"}.get(medium, medium)


def asks_for_a_pointer(word: str, medium: str) -> str:
    return (
        f"'{word}' asks for a pointer or a finger, which {medium_name(medium)} has not; write it for every medium, "
        "or keep it to the online edition's words (<!-- online edition --> … <!-- end -->)"
    )


def shows_a_file_name(name: str) -> str:
    return f"shows the internal file name '{name}': say what the file is, not its name"


def incomplete(held: Sequence[str], chapter: Sequence[str]) -> Iterator[Problem]:
    """The chapter's paragraphs (`chapter`: their ids in order) that an export's chapter paragraphs
    (`held`: their ids as it holds them) leave out, repeat or put out of order: each problem's text
    is the paragraph's id as a page writes it (`#p-…`), by which it is found in the input."""
    counts: dict[str, int] = {}
    for ident in held:
        counts[ident] = counts.get(ident, 0) + 1
    for number, ident in enumerate(chapter, 1):
        if ident not in counts:
            yield Problem(EXPORT_COMPLETE, f"leaves out ¶ {number} ('{ident}') of the chapter", f"#{ident}")
        elif counts[ident] > 1:
            yield Problem(EXPORT_COMPLETE, f"holds ¶ {number} ('{ident}') {counts[ident]} times", f"#{ident}")
    wanted = set(chapter)
    order = [ident for ident in held if ident in wanted]
    expected = [ident for ident in chapter if ident in counts]
    if len(order) == len(expected) and order != expected:
        at = next(i for i, (a, b) in enumerate(zip(order, expected, strict=True)) if a != b)
        yield Problem(
            EXPORT_COMPLETE,
            f"holds '{order[at]}' where the chapter has '{expected[at]}': its paragraphs out of order",
            f"#{order[at]}",
        )
