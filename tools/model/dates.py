"""Dates as the edition shows them, and Old Style (Julian) against New Style (Gregorian).

Russia used the Julian calendar until 31 January 1918 (Old Style); the next day was 14 February
1918 (New Style). The source list stores every date in New Style and keeps the Old Style date the
sources give beside it.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale

from .sourcelist import Person
from .values import NEW_STYLE_FROM

DateValue = int | str | dt.date | None
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NOT_KNOWN = "not known"


@functools.cache
def month_forms(language: str) -> dict[int, frozenset[str]]:
    """Each month's names as a text may write them: as CLDR gives them, in capitals, or with a
    capital first letter (at the start of a sentence). Never in lower case where the language writes
    them with a capital: English "may" is a verb, not May. An abbreviation CLDR writes with its full
    stop keeps it: French "sept." is September, "sept" is seven."""
    months = Locale.parse(language).months
    forms: dict[int, set[str]] = {month: set() for month in range(1, 13)}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in months[context][width].items():
                forms[month] |= {name, name.upper(), name[:1].upper() + name[1:]}
    return {month: frozenset(names) for month, names in forms.items()}


def format_date(value: DateValue) -> str:
    """29 January 1937, May 1896, 1882 — or 'not known'."""
    if value is None:
        return NOT_KNOWN
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, str) and len(value) == 7:
        return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    return str(value)


def date_text(value: DateValue, inferred: bool = False) -> str:
    """A date as a reader sees it, marked '(inferred)' when no source states that very day."""
    return NOT_KNOWN if value is None else format_date(value) + (" (inferred)" if inferred else "")


def iso(value: DateValue) -> str:
    """ISO 8601 (or its year / year-month prefix) for data files and <time datetime>; '' if unknown."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def person_date(person: Person, event: str) -> str:
    """'13 May 1886 (1 May O.S.)': a New Style date with the Old Style date the sources give;
    'calendar not stated' where the sources do not say which calendar a pre-1918 date is in."""
    value: DateValue = getattr(person, event)
    old: dt.date | None = getattr(person, f"{event}_old_style")
    shown = format_date(value)
    if old is not None and isinstance(value, dt.date):
        year = "" if old.year == value.year else f" {old.year}"
        return f"{shown} ({old.day} {MONTHS[old.month - 1]}{year} Old Style)"
    if getattr(person, f"{event}_calendar") == "not stated" and value is not None:
        return f"{shown} (the sources do not say in which calendar)"
    return shown


def life_dates(person: Person) -> str:
    return f"{person_date(person, 'born')} – {person_date(person, 'died')}"


def life_years(person: Person) -> str:
    """'1883–1954'; '?' for a year not known."""
    if person.born is None and person.died is None:
        return "life dates not known"
    born = "?" if person.born is None else str(person.born)[:4]
    died = "?" if person.died is None else str(person.died)[:4]
    return f"{born}–{died}"


def span_of(value: int | str | dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day a date as precise as the sources allow may be: 1937 is any day of
    that year, "1937-01" any of that month."""
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, int):
        return dt.date(value, 1, 1), dt.date(value, 12, 31)
    year, month = int(value[:4]), int(value[5:7])
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), after - dt.timedelta(days=1)


def julian_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Julian calendar date, through the Julian Day Number."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return dt.date.fromordinal(jdn - 1721425)


def needs_calendar(value: DateValue) -> bool:
    """A day or a month before the change, which Old and New Style may give differently."""
    if isinstance(value, dt.date):
        return value < NEW_STYLE_FROM
    if isinstance(value, str) and len(value) == 7 and value[:4].isdigit():
        return value < NEW_STYLE_FROM.isoformat()[:7]
    return False
