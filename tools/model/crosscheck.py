"""The checks of the source list that no type can say: allowed values (statuses, kinds,
calendars), real dates, and references between records (every id a record names must exist;
`verified` needs the official wording with its work and page). Run by schema.load after every
record is built; each problem is reported at its value's line and column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .records import (
    CALENDARS,
    KINDS,
    STATUSES,
    WORK_KINDS,
    DateValue,
    PathKey,
    Quotation,
    SourceList,
    SourceRef,
    Wording,
)

PARTIAL_DATE = re.compile(r"^(\d{4})-(\d{2})$")
Report = Callable[..., None]  # report(key, rule, message[, severity])

# A spelling of a person's name, as the chapter or a source writes it ("Rosenholz", "Gol'tsman",
# "A. P. Rosengolts", "Гольцман"): one to four words, each capitalised but for the particles of names.
SPELLING = re.compile(
    r"^(?:(?:[^\W\d_a-zа-я]|(?:de|von|van|der|del|ibn|al)\b)[^\W\d_]*[.'’-]?[^\W\d_]*\.?(?: |$)){1,4}$"
)


def is_real_date(value: DateValue) -> bool:
    if value is None or isinstance(value, dt.date):
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 1 <= value <= 9999
    match = PARTIAL_DATE.match(value)
    return match is not None and 1 <= int(match.group(2)) <= 12


def check_values(sources: SourceList, report: Report) -> None:
    """Allowed values and real dates."""

    def dates(section: str, entry_id: str, *names: str) -> None:
        entry = getattr(sources, section)[entry_id]
        for name in names:
            value = getattr(entry, name)
            if not is_real_date(value):
                report((*sources.key_of(section, entry_id), name), "yaml-date", f"'{value}' is not a real date")

    def allowed(key: PathKey, value: str | None, values: tuple[str, ...], what: str) -> None:
        if value is not None and value not in values:
            report(key, "yaml-value", f"{what} '{value}' is not one of {', '.join(values)}")

    for work in sources.works.values():
        allowed((*sources.key_of("works", work.id), "kind"), work.kind, WORK_KINDS, "kind")
        dates("works", work.id, "year")
    for trial in sources.trials.values():
        if trial.end < trial.start:
            report((*sources.key_of("trials", trial.id), "end"), "yaml-date", "the trial ends before it starts")
    for key, _, refs in sources.source_lists():
        for index, ref in enumerate(refs):
            allowed((*key, index, "kind"), ref.kind, KINDS, "kind")
    for person in sources.people.values():
        dates("people", person.id, "born", "died")
        for name in ("born_calendar", "died_calendar"):
            allowed((*sources.key_of("people", person.id), name), getattr(person, name), CALENDARS, "calendar")
        if person.mention not in (None, "implied"):
            report((*sources.key_of("people", person.id), "mention"), "yaml-value", "mention may only be 'implied'")
        for index, variant in enumerate(person.variants):
            if not SPELLING.match(variant):
                report(
                    (*sources.key_of("people", person.id), "variants", index),
                    "yaml-value",
                    f"'{variant}' is not a spelling of a name: letters, spaces, hyphens, apostrophes and full stops only",
                )
    for q in sources.quotations.values():
        if q.status not in STATUSES:
            report(
                (*sources.key_of("quotations", q.id), "status"),
                "yaml-value",
                f"status '{q.status}' is not one of {', '.join(STATUSES)}",
            )
        dates("quotations", q.id, "date")
    for meeting in sources.meetings.values():
        dates("meetings", meeting.id, "claimed_date")


def check_references(sources: SourceList, report: Report) -> None:
    """Every id a record names must exist; `verified` needs a work and a locator."""

    def refs_ok(key: PathKey, refs: tuple[SourceRef, ...], what: str) -> None:
        for index, ref in enumerate(refs):
            if ref.work is None and ref.url is None:
                report((*key, "sources", index), "yaml-missing-field", f"{what}: a source needs a 'work' or a 'url'")
            elif ref.work is not None and ref.work not in sources.works:
                report((*key, "sources", index, "work"), "yaml-reference", f"{what}: no work has the id '{ref.work}'")

    def exists(key: PathKey, value: str, table: dict[str, Any], kind: str, what: str) -> None:
        if value not in table:
            report(key, "yaml-reference", f"{what}: no {kind} has the id '{value}'")

    if sources.work is not None:
        exists(("edition", "work"), sources.work, sources.works, "work", "edition")
    for work in sources.works.values():
        refs_ok(sources.key_of("works", work.id), work.sources, f"work '{work.id}'")
    for trial in sources.trials.values():
        key, what = sources.key_of("trials", trial.id), f"trial '{trial.id}'"
        refs_ok(key, trial.sources, what)
        exists((*key, "prosecutor"), trial.prosecutor, sources.people, "person", what)
        for index, participant in enumerate(trial.participants):
            exists((*key, "participants", index), participant.person, sources.people, "person", what)
        exists((*key, "report"), trial.report, sources.works, "work", what)
    for person in sources.people.values():
        refs_ok(sources.key_of("people", person.id), person.sources, f"person '{person.id}'")
    for q in sources.quotations.values():
        key, what = sources.key_of("quotations", q.id), f"quotation '{q.id}'"
        refs_ok(key, q.sources, what)
        exists((*key, "speaker"), q.speaker, sources.people, "person", what)
        if q.trial is not None:
            exists((*key, "trial"), q.trial, sources.trials, "trial", what)
        for name in ("russian", "report_wording"):
            wording: Wording | None = getattr(q, name)
            if wording is not None:
                exists((*key, name, "work"), wording.work, sources.works, "work", what)
        if q.literal is not None and q.russian is None:
            report(
                (*key, "literal"),
                "yaml-missing-field",
                f"quotation '{q.id}' gives the editors' literal translation but no 'russian' wording it translates",
            )
        if q.status == "verified":
            for problem in _not_verified(q, sources):
                report(
                    (*key, "status"),
                    "yaml-verified-needs-locator",
                    f"quotation '{q.id}' is 'verified' but {problem}; "
                    "give the official Report's words, work and page, or lower the status",
                )
        if not q.sources:
            report((*key, "sources"), "yaml-missing-field", f"quotation '{q.id}' cites no source")
    for meeting in sources.meetings.values():
        key, what = sources.key_of("meetings", meeting.id), f"meeting '{meeting.id}'"
        refs_ok(key, meeting.sources, what)
        exists((*key, "person"), meeting.person, sources.people, "person", what)
        exists((*key, "trial"), meeting.trial, sources.trials, "trial", what)
    for note in sources.notes.values():
        refs_ok(sources.key_of("notes", note.id), note.sources, f"note '{note.id}'")


PRINTED_PAGE = re.compile(r"\bpp?\.\s?\d+")


def _not_verified(q: Quotation, sources: SourceList) -> list[str]:
    """Why a `verified` quotation is not: its words must have been seen in the official Report of
    its own trial (a primary record), at a printed page."""
    wording = q.report_wording
    if wording is None:
        return ["gives no 'report_wording' (the official Report's words)"]
    trial = sources.trials.get(q.trial or "")
    work = sources.works.get(wording.work)
    problems = []
    if trial is None:
        problems.append("names no trial, so no Report can be its record")
    elif wording.work != trial.report:
        problems.append(
            f"its 'report_wording' is from '{wording.work}', not the Report of its trial ('{trial.report}')"
        )
    if work is not None and work.kind != "primary":
        problems.append(f"the work of its 'report_wording' is '{work.kind}', not a primary record")
    if not PRINTED_PAGE.search(wording.locator):
        problems.append(f"the locator '{wording.locator}' names no printed page (p. 123)")
    return problems
