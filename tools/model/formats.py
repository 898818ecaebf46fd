"""The one textual form of each kind of fact: dates, shortened text, citations, status badges and
the quotation footnote. Every page, download and finding that shows one of these calls here.

All output is Markdown (or plain text where the name says so); links point at the generated
pages by their Markdown names (`sources.md#…`), which MkDocs rewrites and validates.
"""

from __future__ import annotations

import datetime as dt

from .records import DateValue, Quotation, SourceList, SourceRef

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


# --- dates ------------------------------------------------------------------------------------


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
    """A date as a reader sees it, marked '(inferred)' when no source states it."""
    if value is None:
        return NOT_KNOWN
    return format_date(value) + (" (inferred)" if inferred else "")


def life_dates(born: DateValue, died: DateValue) -> str:
    return f"{format_date(born)} – {format_date(died)}"


def iso(value: DateValue) -> str:
    """ISO 8601 (or its year / year-month prefix) for data files and <time datetime>; '' if unknown."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


# --- text -------------------------------------------------------------------------------------


def shorten(text: str, limit: int, end: str = "…") -> str:
    """`text` on one line, cut to about `limit` characters with `end` marking the cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + end


def quotation_text(q: Quotation) -> str:
    """The quoted words in quotation marks; the parts of a quotation split by the chapter joined by ' … '."""
    return " … ".join(f"“{t.strip()}”" for t in q.text)


# --- citations --------------------------------------------------------------------------------


def citation(ref: SourceRef, sources: SourceList, *, linked: bool = True, detail: bool = False) -> str:
    """'Orlov 1991 (Russian), online reader page 80 of 453': the work's short name (linked to its
    entry on the sources page) and the locator; with `detail`, also the address read and what it
    supports. A source without a work is shown by its address."""
    work = sources.works.get(ref.work or "")
    if work is None:
        text = ref.url or ""
    elif linked:
        text = f"[{work.short}](sources.md#{work.id})"
    else:
        text = work.short
    if ref.locator:
        text += f", {ref.locator}"
    if detail:
        if ref.url:
            text += f" ([read here]({ref.url}))"
        if ref.supports:
            text += f": {ref.supports}"
    return text


def citations(refs: tuple[SourceRef, ...], sources: SourceList, *, linked: bool = True, detail: bool = False) -> str:
    """Several citations, each once, separated by semicolons."""
    return "; ".join(dict.fromkeys(citation(r, sources, linked=linked, detail=detail) for r in refs))


def status_label(status: str, sources: SourceList) -> str:
    return sources.statuses[status].label if status in sources.statuses else status


def status_badge(status: str, sources: SourceList) -> str:
    # A Markdown link (not raw HTML), so MkDocs rewrites it to .html and validates the anchor.
    return f"[{status_label(status, sources)}](index.md#status-{status}){{ .status .status-{status} }}"


# --- the quotation footnote -------------------------------------------------------------------


def footnote_text(q: Quotation, sources: SourceList) -> str:
    """One line: speaker, role, trial, occasion, date, status, sources."""
    person = sources.people[q.speaker]
    trial = sources.trials.get(q.trial or "")
    if trial:
        where = f"{trial.short}: *{trial.title}*"
    else:
        where = "Trial not established" + (f" ({q.trial_note})" if q.trial_note else "")
    occasion = q.occasion or "occasion not known"
    date = "date not known" if q.date is None else date_text(q.date, q.date_inferred)
    return (
        f"**{person.name}**, {q.role}. {where}. {occasion[0].upper()}{occasion[1:]}; {date}. "
        f"Status: {status_badge(q.status, sources)}. "
        f"Sources: {citations(q.sources, sources)}."
    )


def footnote_line(q: Quotation, sources: SourceList) -> str:
    return f"[^{q.id}]: {footnote_text(q, sources)}"
