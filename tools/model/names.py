"""People's names as the chapter spells them: every spelling of every person, found as whole words."""

from __future__ import annotations

import re
from functools import lru_cache

from .records import SourceList


def spellings(sources: SourceList) -> dict[str, str]:
    """Every spelling (variants and the canonical name) -> the person's id; the first person wins."""
    table: dict[str, str] = {}
    for person in sources.people.values():
        for form in (*person.variants, person.name):
            table.setdefault(form, person.id)
    return table


@lru_cache(maxsize=8)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not forms:
        return None
    # Longest first, so "Leon Trotsky" wins over "Trotsky"; a regex alternation of literals runs in
    # one pass over the text, whatever the number of names.
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


def name_pattern(sources: SourceList) -> re.Pattern[str] | None:
    """Every spelling of every person, longest first, as whole words (None if there are no people)."""
    return _pattern(tuple(sorted(spellings(sources), key=lambda f: (-len(f), f))))
