"""People's names as the chapter spells them, found as whole words in one RE2 pass."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import re2

from .sourcelist import SourceList


@dataclass(frozen=True)
class Named:
    start: int
    end: int
    person: str  # the person's id
    spelling: str


@functools.cache
def _pattern(forms: tuple[str, ...]) -> re2._Regexp[str] | None:
    # Longest first, so that "Leon Trotsky" wins over "Trotsky" where both match.
    return re2.compile("|".join(re2.escape(form) for form in forms)) if forms else None


def _word(char: str) -> bool:
    return char.isalnum() or char in "-_"


def names_in(text: str, sources: SourceList) -> list[Named]:
    """Every spelling of a person in `text`, as whole words, in order."""
    forms = sources.spellings
    pattern = _pattern(sources.spellings_longest_first)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not (before and _word(before)) and not (after and _word(after)):
            found.append(Named(start, end, forms[match.group()], match.group()))
    return found
