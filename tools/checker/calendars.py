"""Calendars: a Russian date before 14 February 1918 says which calendar it is in.

Every date is stored in New Style (Gregorian). A person's birth or death date before the change
(to the day or to the month) needs either its Old Style twin (`born_old_style`), which must be
the same day in the Julian calendar, or an explicit `born_calendar` ("gregorian", or "not
stated" when the sources give a date without saying which calendar it is in).

- date-calendar   a pre-1918 date with neither;
- date-old-style  an Old Style date that is not the New Style date's Julian twin, that stands
                  beside a date from 1918 on or one not known to the day, or beside a calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model.calendars import julian_to_gregorian, needs_calendar
from ..model.findings import Finding
from ..model.formats import format_date
from ..model.records import NEW_STYLE_FROM, SourceList

EVENTS = (("born", "birth"), ("died", "death"))


def check_calendars(sources: SourceList) -> Iterator[Finding]:
    for person in sources.people.values():
        for name, event in EVENTS:
            value = getattr(person, name)
            old: dt.date | None = getattr(person, f"{name}_old_style")
            calendar: str | None = getattr(person, f"{name}_calendar")
            what = f"person '{person.id}': the {event} date {format_date(value)}"

            def at(field: str, rule: str, message: str, person_id: str = person.id) -> Finding:
                line, col = sources.position_of("people", person_id, field)
                return Finding(sources.path, line, col, rule, message)

            if old is None:
                if needs_calendar(value) and calendar is None:
                    yield at(
                        name,
                        "date-calendar",
                        f"{what} is before 14 February 1918, when Russia left the Julian calendar: give the Old "
                        f"Style date as '{name}_old_style' (and the New Style date as '{name}'), or say "
                        f"'{name}_calendar: gregorian' or 'not stated'",
                    )
                continue
            field = f"{name}_old_style"
            if calendar is not None:
                yield at(
                    field,
                    "date-old-style",
                    f"{what} has an Old Style date, so '{name}_calendar' says nothing more; remove it",
                )
            elif not isinstance(value, dt.date) or value >= NEW_STYLE_FROM:
                yield at(
                    field,
                    "date-old-style",
                    f"{what} is not a day before 14 February 1918, so it has no Old Style twin",
                )
            elif julian_to_gregorian(old.year, old.month, old.day) != value:
                new = julian_to_gregorian(old.year, old.month, old.day)
                yield at(
                    field,
                    "date-old-style",
                    f"{what} and its Old Style date {format_date(old)} are not the same day: {format_date(old)} "
                    f"Old Style is {format_date(new)} New Style (the stored date must be the New Style one)",
                )
