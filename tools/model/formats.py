"""The one textual form of each kind of fact: dates, shortened text, citations, status badges and
the quotation footnote. Every page, download and finding that shows one of these calls here.

All output is Markdown (or plain text where the name says so); links point at the generated
pages by their Markdown names (`sources.md#…`), which MkDocs rewrites and validates. Every string
from the source list goes into that Markdown through tools/model/escape.py: it is shown as text,
never read as markup.
"""

from __future__ import annotations

import datetime as dt

from .escape import clean, markdown_link, markdown_text, plain
from .records import STATUSES, DateValue, Person, Quotation, SourceList, SourceRef, Wording

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
NOT_MADE = "not made"  # what the editors have not (yet) done, such as a literal translation
NOT_SEEN = "not seen"
EDITORS_CUT = "[…]"  # the editors' mark for words they leave out of a quotation


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


def person_date(person: Person, event: str) -> str:
    """'13 May 1886 (1 May O.S.)': a New Style date with the Old Style date the sources give;
    '(calendar not stated)' where the sources do not say which calendar a pre-1918 date is in."""
    value = getattr(person, event)
    old: dt.date | None = getattr(person, f"{event}_old_style")
    shown = format_date(value)
    if old is not None and isinstance(value, dt.date):
        year = "" if old.year == value.year else f" {old.year}"
        return f"{shown} ({old.day} {MONTHS[old.month - 1]}{year} O.S.)"
    if getattr(person, f"{event}_calendar") == "not stated" and value is not None:
        return f"{shown} (calendar not stated)"
    return shown


def life_dates(person: Person) -> str:
    return f"{person_date(person, 'born')} – {person_date(person, 'died')}"


def life_years(person: Person) -> str:
    """'1883–1954' for a tooltip; an Old Style year is added where it differs ('1900 (1899 O.S.)')."""

    def year(event: str) -> str:
        value = getattr(person, event)
        if value is None:
            return "?"
        old: dt.date | None = getattr(person, f"{event}_old_style")
        shown = str(value)[:4]
        return f"{shown} ({old.year} O.S.)" if old is not None and str(old.year) != shown else shown

    if person.born is None and person.died is None:
        return "life dates not known"
    return f"{year('born')}–{year('died')}"


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


def quotation_text(q: Quotation, chapter: str | None) -> str:
    """The quotation exactly as the chapter prints it (`chapter`: the marked words, quotation marks
    and all, from the page). A quotation the chapter does not print shows its parts, each in
    quotation marks, with the gaps marked as the editors' […]: never a silent ellipsis."""
    if chapter is not None:
        return " ".join(chapter.split())
    return f" {EDITORS_CUT} ".join(f"“{t.strip()}”" for t in q.text)


def shorten_quotation(text: str, limit: int) -> str:
    """A quotation cut at a word to about `limit` characters, the cut marked as the editors' […]
    (and the open quotation mark closed): every word shown stays the chapter's."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut
    marks = sum(cut.count(m) for m in '“”"')
    return f"{cut} {EDITORS_CUT}" + ("”" if marks % 2 else "")


# --- citations --------------------------------------------------------------------------------


def citation(ref: SourceRef, sources: SourceList, *, linked: bool = True, detail: bool = False) -> str:
    """'Orlov 1991 (Russian), online reader page 80 of 453': the work's short name (linked to its
    entry on the sources page) and the locator; with `detail`, also the address read and what it
    supports. A source without a work is shown by its address.

    Markdown, every value escaped; with `linked=False`, plain text instead (for the CSV and JSON
    downloads, which escape it for their own format)."""
    work = sources.works.get(ref.work or "")
    if not linked:
        text = (work.short if work else ref.url) or ""
        text += f", {ref.locator}" if ref.locator else ""
        if detail:
            text += (f" ({ref.url})" if ref.url and work else "") + (f": {ref.supports}" if ref.supports else "")
        return plain(text)
    text = f"[{markdown_text(work.short)}](sources.md#{work.id})" if work else markdown_text(ref.url or "")
    if ref.locator:
        text += f", {markdown_text(ref.locator)}"
    if detail:
        if ref.url and ref.kind == "mirror" and ref.canonical:
            mirror = markdown_link(ref.canonical, ref.canonical)
            text += f" ({markdown_link('read here', ref.url)}, a mirror of {mirror})"
        elif ref.url:
            text += f" ({markdown_link('read here', ref.url)})"
        if ref.supports:
            text += f": {markdown_text(ref.supports)}"
    return text


def citations(refs: tuple[SourceRef, ...], sources: SourceList, *, linked: bool = True, detail: bool = False) -> str:
    """Several citations, each once, separated by semicolons."""
    return "; ".join(dict.fromkeys(citation(r, sources, linked=linked, detail=detail) for r in refs))


def status_label(status: str, sources: SourceList) -> str:
    """The status's label as plain text."""
    return plain(sources.statuses[status].label if status in sources.statuses else status)


def status_badge(status: str, sources: SourceList) -> str:
    # A Markdown link (not raw HTML), so MkDocs rewrites it to .html and validates the anchor. Only
    # a known status names an anchor and a class; the schema reports any other.
    label = markdown_text(status_label(status, sources), emphasis=False)
    if status not in STATUSES:
        return label
    return f"[{label}](index.md#status-{status}){{ .status .status-{status} }}"


# --- the quotation footnote -------------------------------------------------------------------


def wording_link(label: str, wording: Wording | None, sources: SourceList, marks: tuple[str, str] = ("«", "»")) -> str:
    """'Orlov’s Russian, Orlov 1991 (Russian), page …: «…»' (the text in the quotation marks of its
    language), or 'Orlov’s Russian: not seen'."""
    if wording is None:
        return f"{label}: {NOT_SEEN}"
    where = citation(SourceRef(work=wording.work, url=wording.url, locator=wording.locator), sources, detail=True)
    note = f" ({markdown_text(wording.note)})" if wording.note else ""
    return f"{label}, {where}: {marks[0]}{markdown_text(wording.text, emphasis=False)}{marks[1]}{note}"


def wording_links(q: Quotation, sources: SourceList) -> list[str]:
    """The quotation's wording after the chapter's, link by link: Orlov's Russian, the editors'
    literal translation of it, and the official Report's English words."""
    links = [wording_link("Orlov’s Russian", q.russian, sources)]
    if q.russian is not None:
        literal = f"“{markdown_text(q.literal, emphasis=False)}”" if q.literal else NOT_MADE
        links.append(f"the editors’ literal translation of it (theirs, not Orlov’s): {literal}")
    links.append(wording_link("the official Report", q.report_wording, sources, ("“", "”")))
    return links


def wording_chain(q: Quotation, sources: SourceList, chapter: str = "the chapter’s, above") -> str:
    """The quotation's wording, one link after the other, from the chapter's (machine-translated) words."""
    return " → ".join([chapter, *wording_links(q, sources)])


def footnote_text(q: Quotation, sources: SourceList) -> str:
    """One line: speaker, role, trial, occasion, date, status, the wording chain, sources."""
    person = sources.people[q.speaker]
    trial = sources.trials.get(q.trial or "")
    if trial:
        where = f"{markdown_text(trial.short)}: *{markdown_text(trial.title, emphasis=False)}*"
    else:
        where = "Trial not established" + (f" ({markdown_text(q.trial_note)})" if q.trial_note else "")
    occasion = clean(q.occasion or "") or "occasion not known"
    date = "date not known" if q.date is None else date_text(q.date, q.date_inferred)
    return (
        f"**{markdown_text(person.name, emphasis=False)}**, {markdown_text(q.role)}. {where}. "
        f"{markdown_text(occasion[0].upper() + occasion[1:])}; {markdown_text(date)}. "
        f"Status: {status_badge(q.status, sources)}. "
        f"Wording: {wording_chain(q, sources)}. "
        f"Sources: {citations(q.sources, sources)}."
    )


def footnote_line(q: Quotation, sources: SourceList) -> str:
    return f"[^{q.id}]: {footnote_text(q, sources)}"
