"""Footnote text for a quotation, generated from the source list (so the two can never disagree)."""

from __future__ import annotations

import datetime as dt

from .sourcelist import DateValue, Quotation, SourceList, SourceRef

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def format_date(value: DateValue) -> str:
    """29 January 1937, May 1896, 1882 — or 'not known'."""
    if value is None:
        return "not known"
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, str) and len(value) == 7:
        return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    return str(value)


def life_dates(born: DateValue, died: DateValue) -> str:
    return f"{format_date(born)} – {format_date(died)}"


def source_label(ref: SourceRef, sources: SourceList) -> str:
    """'Orlov 1991 (Russian), online reader page 80 of 453' — the work's short name and locator."""
    work = sources.works.get(ref.work or "")
    label = work.short if work else (ref.url or "")
    return f"{label}, {ref.locator}" if ref.locator else label


def linked_source(ref: SourceRef, sources: SourceList) -> str:
    """The source label, linked to the work's entry on the generated sources page."""
    work = sources.works.get(ref.work or "")
    if work is None:
        return source_label(ref, sources)
    label = f"[{work.short}](sources.md#{work.id})"
    return f"{label}, {ref.locator}" if ref.locator else label


def footnote_text(q: Quotation, sources: SourceList) -> str:
    """One line: speaker, role, trial, occasion, date, status, sources."""
    person = sources.people[q.speaker]
    trial = sources.trials.get(q.trial or "")
    if trial:
        where = f"{trial.short}: *{trial.title}*"
    else:
        where = "Trial not established" + (f" ({q.trial_note})" if q.trial_note else "")
    occasion = q.occasion or "occasion not known"
    date = format_date(q.date) + (" (inferred)" if q.date is not None and q.date_inferred else "")
    if q.date is None:
        date = "date not known"
    status = sources.statuses[q.status].label if q.status in sources.statuses else q.status
    cited = "; ".join(dict.fromkeys(linked_source(r, sources) for r in q.sources))
    return (
        f"**{person.name}**, {q.role}. {where}. {occasion[0].upper()}{occasion[1:]}; {date}. "
        f"Status: [{status}](index.md#status-{q.status}){{ .status .status-{q.status} }}. "
        f"Sources: {cited}."
    )


def footnote_line(q: Quotation, sources: SourceList) -> str:
    return f"[^{q.id}]: {footnote_text(q, sources)}"
