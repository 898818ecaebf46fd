"""The source list's dates, held to one another: an Old Style date is the same day as its New Style
one, and the dates can all be true together (none after this version of the edition, a birth before
the death, a testimony during its trial and after the meeting it claims)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model.dates import format_date, julian_to_gregorian, needs_calendar, span_of
from ..model.findings import Example, Finding, Rule
from ..model.loading import Loaded
from ..model.values import NEW_STYLE_FROM

DATE_CALENDAR = Rule(
    "date-calendar",
    "a Russian date before 14 February 1918 gives its Old Style twin, or says which calendar it is in; "
    "an Old Style date is the same day as its New Style date",
    Example("data/sources.yml", "    born_old_style: 1888-09-27\n", "    born_old_style: 1888-09-28\n"),
)

DATE_ORDER = Rule(
    "date-order",
    "the list's dates can all be true together: none is after this version of the edition (`edition.date`, "
    "itself not ahead of today), a person is born before he dies, his trials, testimonies and words fall "
    "within his life, a testimony is given during its trial and after the meeting it claims, and a quotation from a "
    "trial is dated within it, and a trial's report is dated from the trial to the year after it",
    Example("data/sources.yml", "    died: 1953-03-05", "    died: 1853-03-05"),
)


def calendars(loaded: Loaded) -> Iterator[Finding]:
    for i, person in enumerate(loaded.sources.people):
        for name in ("born", "died"):
            value = getattr(person, name)
            old: dt.date | None = getattr(person, f"{name}_old_style")
            calendar = getattr(person, f"{name}_calendar")
            what = f"the date {format_date(value)}"
            if old is not None and calendar is not None:
                yield loaded.at(
                    DATE_CALENDAR,
                    ("people", i, f"{name}_calendar"),
                    f"{what} has an Old Style twin, so `{name}_calendar` says nothing more: remove one",
                )
            if old is None:
                if needs_calendar(value) and calendar is None:
                    yield loaded.at(
                        DATE_CALENDAR,
                        ("people", i, name),
                        f"{what} is before 14 February 1918: give `{name}_old_style`, or say `{name}_calendar: gregorian` or `not stated`",
                    )
                continue
            if not isinstance(value, dt.date) or value >= NEW_STYLE_FROM:
                yield loaded.at(
                    DATE_CALENDAR,
                    ("people", i, f"{name}_old_style"),
                    f"{what} is not a day before 1918: it has no Old Style twin",
                )
            elif julian_to_gregorian(old.year, old.month, old.day) != value:
                new = julian_to_gregorian(old.year, old.month, old.day)
                yield loaded.at(
                    DATE_CALENDAR,
                    ("people", i, f"{name}_old_style"),
                    f"{format_date(old)} Old Style is {format_date(new)} New Style, not {format_date(value)}",
                )


def chronology(loaded: Loaded) -> Iterator[Finding]:
    """Dates that cannot all be true: each said at the later of the two."""
    s = loaded.sources
    version = s.edition.date
    for section, index, entry in s.entries():
        for name, value in entry.dates():
            if span_of(value)[0] > version:
                yield loaded.at(
                    DATE_ORDER,
                    (section, index, name),
                    f"{format_date(value)} is after this version of the edition ({format_date(version)})",
                )
    if version > dt.datetime.now(dt.UTC).date():  # every date is held to it: it may not be ahead of today
        yield loaded.at(DATE_ORDER, ("edition", "date"), f"this version is dated {format_date(version)}, in the future")
    yield from _lives(loaded)
    for i, person in enumerate(s.people):
        if person.born is not None and person.died is not None and span_of(person.born)[0] > span_of(person.died)[1]:
            yield loaded.at(
                DATE_ORDER,
                ("people", i, "died"),
                f"{person.name} dies ({format_date(person.died)}) before he is born ({format_date(person.born)})",
            )
    trials = {trial.id: trial for trial in s.trials}
    for i, recorded in enumerate(s.trials):
        report = s.work.get(recorded.report)
        if report is None:
            continue  # the reference rule says so
        # The record of the trial, published as it ended or in the year after (the three Reports
        # were printed in the year of their trials): a work of unknown date, or of another time,
        # is not it.
        if report.year is not None:
            first, last = span_of(report.year)
            if recorded.start <= last and first.year <= recorded.end.year + 1:
                continue
        dated = format_date(report.year) if report.year is not None else "of no known year"
        yield loaded.at(
            DATE_ORDER,
            ("trials", i, "report"),
            f"{report.short} ({dated}) is not dated from {recorded.short} to the year after it: "
            "it cannot be its report",
        )
    for i, meeting in enumerate(s.meetings):
        trial = trials.get(meeting.trial)
        if meeting.testified is None:
            continue
        if trial is not None and not trial.start <= meeting.testified <= trial.end:
            yield loaded.at(
                DATE_ORDER,
                ("meetings", i, "testified"),
                f"the testimony ({format_date(meeting.testified)}) is not given during {trial.short} "
                f"({format_date(trial.start)} – {format_date(trial.end)})",
            )
        if meeting.claimed_date is not None and span_of(meeting.claimed_date)[0] > meeting.testified:
            yield loaded.at(
                DATE_ORDER,
                ("meetings", i, "claimed_date"),
                f"the meeting is claimed for {format_date(meeting.claimed_date)}, after the testimony that claims "
                f"it ({format_date(meeting.testified)})",
            )
    for i, quotation in enumerate(s.quotations):
        trial = trials.get(quotation.trial or "")
        if trial is not None and quotation.date is not None:
            first, last = span_of(quotation.date)
            if last < trial.start or first > trial.end:
                yield loaded.at(
                    DATE_ORDER,
                    ("quotations", i, "date"),
                    f"{format_date(quotation.date)} is not during {trial.short} "
                    f"({format_date(trial.start)} – {format_date(trial.end)})",
                )


RULES = (DATE_CALENDAR, DATE_ORDER)


def _lives(loaded: Loaded) -> Iterator[Finding]:
    """No one speaks, testifies or stands trial before his birth or after his death: each said at
    the person's birth or death."""
    s = loaded.sources
    after: dict[str, list[tuple[dt.date, str]]] = {}  # person -> the first day of each thing he did
    for trial in s.trials:
        for participant in trial.participants:
            after.setdefault(participant.person, []).append((trial.start, f"{trial.short} began"))
    for meeting in s.meetings:
        if meeting.testified is not None:
            after.setdefault(meeting.person, []).append((meeting.testified, f"his testimony on {meeting.title}"))
    for quotation in s.quotations:
        if quotation.date is not None:
            after.setdefault(quotation.speaker, []).append((span_of(quotation.date)[0], f"he said '{quotation.id}'"))
    for i, person in enumerate(s.people):
        deeds = sorted(after.get(person.id, []))
        if person.born is not None and deeds and deeds[0][0] < span_of(person.born)[0]:  # the first thing he did
            yield loaded.at(
                DATE_ORDER,
                ("people", i, "born"),
                f"{person.name} is born ({format_date(person.born)}) after {deeds[0][1]} ({format_date(deeds[0][0])})",
            )
        if person.died is None:
            continue
        dead = span_of(person.died)[1]
        for day, what in deeds[-1:]:  # the last thing he did
            if day > dead:
                yield loaded.at(
                    DATE_ORDER,
                    ("people", i, "died"),
                    f"{person.name} dies ({format_date(person.died)}) before {what} ({format_date(day)})",
                )
