"""Old Style (Julian) and New Style (Gregorian) dates.

Russia used the Julian calendar until 31 January 1918 (Old Style); the next day was
14 February 1918 (New Style). The edition stores every date in New Style and keeps the Old
Style date the sources give beside it, so that each can be checked against the other.
"""

from __future__ import annotations

import datetime as dt

from .records import NEW_STYLE_FROM, DateValue


def julian_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Julian calendar date (proleptic, any year from 1 AD).

    Through the Julian Day Number, so no table of offsets is needed (the difference was
    10 days in 1582, 11 from March 1700, 12 from March 1800, 13 from March 1900)."""
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
