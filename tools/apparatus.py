"""The documentary apparatus, generated from the source list at build time: people, sources,
quotations (with CSV and JSON downloads) and the trials with the alleged meetings abroad.

Every function is pure: source list (and where the chapter uses things) in, Markdown or data out.
A fact is written once, in data/sources.yml; change it there and every page follows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field

from .footnotes import format_date, life_dates, source_label
from .pages import Page, marked_quotations, plain_text
from .rules import name_pattern, person_by_form
from .sourcelist import DateValue, Quotation, SourceList, SourceRef

GROUP_TITLES = {
    "official": "Official records of the trials",
    "book": "The book and its translations",
    "investigation": "Investigations and contemporary rebuttals",
    "secondary": "Secondary works",
    "reference": "Reference works",
}
GENERATED_NOTE = "*This page is generated from the edition’s source list; every fact on it cites its source.*"


@dataclass
class Usage:
    """Where the chapter uses the source list's entries (computed from the parsed pages)."""

    quotation_page: dict[str, str] = field(default_factory=dict)  # quotation id -> page name
    forms: dict[str, list[str]] = field(default_factory=dict)  # person id -> spellings in the chapter
    named_in: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # person -> [(page, paragraph id)]
    note_page: dict[str, str] = field(default_factory=dict)  # note id -> page name
    paragraph_number: dict[str, int] = field(default_factory=dict)  # paragraph id -> 1-based number in chapter
    quotation_paragraph: dict[str, int] = field(default_factory=dict)  # quotation id -> paragraph number
    sections: list["Section"] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    page: str
    anchor: str
    title: str
    first: int  # paragraph numbers
    last: int


def usage(pages: list[Page], sources: SourceList) -> Usage:
    found = Usage()
    forms, pattern = person_by_form(sources), name_pattern(sources)
    paragraph_page: dict[str, str] = {}
    number = 0
    for page in pages:
        headings = [b for b in page.blocks if b.kind == "heading"]
        heading = next((h for h in headings if "editor-heading" in h.classes), headings[0] if headings else None)
        first = number + 1
        for block in page.paragraphs:
            number += 1
            if block.id:
                paragraph_page[block.id] = page.name
                found.paragraph_number[block.id] = number
            for mark in marked_quotations(block):
                found.quotation_page.setdefault(mark.id, page.name)
                found.quotation_paragraph.setdefault(mark.id, number)
            for match in pattern.finditer(plain_text(block.text)) if pattern else ():
                person = forms[match.group()]
                spellings = found.forms.setdefault(person, [])
                if match.group() not in spellings:
                    spellings.append(match.group())
                places = found.named_in.setdefault(person, [])
                if block.id and (page.name, block.id) not in places:
                    places.append((page.name, block.id))
        if heading is not None:
            found.sections.append(Section(page.name, heading.id or "", heading.text, first, number))
    for note in sources.notes.values():
        if note.paragraph in paragraph_page:
            found.note_page[note.id] = paragraph_page[note.paragraph]
    return found


# --- small pieces ---------------------------------------------------------------------------


def status_badge(status: str, sources: SourceList) -> str:
    label = sources.statuses[status].label if status in sources.statuses else status
    # A Markdown link (not raw HTML), so MkDocs rewrites it to .html and validates the anchor.
    return f"[{label}](index.md#status-{status}){{ .status .status-{status} }}"


def cite(ref: SourceRef, sources: SourceList) -> str:
    """A citation linking to the work's entry on the sources page, and to the address read."""
    label = source_label(ref, sources)
    text = f"[{label}](sources.md#{ref.work})" if ref.work in sources.works else label
    if ref.url:
        text += f" ([read here]({ref.url}))"
    if ref.supports:
        text += f": {ref.supports}"
    return text


def quotation_text(q: Quotation) -> str:
    return " … ".join(f"“{t.strip()}”" for t in q.text)


def date_text(value: DateValue, inferred: bool = False) -> str:
    if value is None:
        return "not known"
    return format_date(value) + (" (inferred)" if inferred else "")


def iso(value: DateValue) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def chapter_link(page: str | None, anchor: str) -> str:
    return f"{page}#{anchor}" if page else ""


# --- pages ----------------------------------------------------------------------------------


def people_page(sources: SourceList, used: Usage) -> str:
    out = ["# People { #people }", "",
           "Everyone the chapter names or implies. The chapter’s own spellings are kept in the text; "
           "each links here. " + GENERATED_NOTE, ""]
    for person in sources.people.values():
        out += [f"## {person.name} {{ #{person.id} }}", ""]
        in_chapter = used.forms.get(person.id, [])
        others = [v for v in person.variants if v not in in_chapter]
        facts = []
        if person.full_name:
            facts.append(f"Full or birth name\n:   {person.full_name}")
        if in_chapter:
            facts.append("Spelled in the chapter\n:   " + ", ".join(f"“{v}”" for v in in_chapter))
        elif person.mention == "implied":
            facts.append("Not named in the chapter\n:   Implied" + (f": {person.implied_by}" if person.implied_by else ""))
        if others:
            facts.append("Other spellings\n:   " + ", ".join(others))
        if person.report_form:
            facts.append(f"In the English Reports\n:   {person.report_form}")
        facts.append(f"Life dates\n:   {life_dates(person.born, person.died)}")
        facts.append(f"Role\n:   {person.role}")
        if person.identification:
            facts.append(f"Identification\n:   {person.identification}")
        out += ["\n\n".join(facts), "", person.summary, ""]
        quotes = [q for q in sources.quotations.values() if q.speaker == person.id]
        if quotes:
            out.append("**Quotations attributed in the chapter:**")
            out.append("")
            for q in quotes:
                link = chapter_link(used.quotation_page.get(q.id), q.id)
                out.append(f"- [{_short(quotation_text(q))}]({link}) — {status_badge(q.status, sources)}")
            out.append("")
        places = used.named_in.get(person.id, [])
        if places:
            links = ", ".join(f"[¶ {used.paragraph_number.get(pid, '?')}]({page}#{pid})" for page, pid in places)
            out += [f"**Named in the chapter:** {links}", ""]
        out += ["**Sources:**", "", *[f"- {cite(r, sources)}" for r in person.sources], ""]
    return "\n".join(out)


def sources_page(sources: SourceList, used: Usage) -> str:
    out = ["# Sources { #sources }", "",
           "Every work the edition cites, grouped by kind, with the quotations and facts that rely on it. "
           "Addresses are where each fact was read. " + GENERATED_NOTE, ""]
    for group, title in GROUP_TITLES.items():
        works = [w for w in sources.works.values() if w.group == group]
        if not works:
            continue
        out += [f"## {title} {{ #group-{group} }}", ""]
        for work in works:
            out += [f"### {work.short} {{ #{work.id} }}", "", bibliography_entry(work.id, sources), ""]
            if work.note:
                out += [work.note, ""]
            if work.sources:
                out += ["Where this record was read:", ""]
                out += [f"- [{r.url}]({r.url})" + (f" — {r.supports}" if r.supports else "") for r in work.sources if r.url]
                out.append("")
            cited = cited_by(work.id, sources, used)
            out += ["**Cited for:**", "", *(cited or ["- nothing yet"]), ""]
    return "\n".join(out)


def bibliography_entry(work_id: str, sources: SourceList) -> str:
    """Chicago-style bibliography entry; parts that are not known are left out, never guessed."""
    work = sources.works[work_id]
    parts = []
    if work.author:
        parts.append(f"{work.author}.")
    parts.append(f"*{work.title}*.")
    imprint = ": ".join(p for p in (work.place, work.publisher) if p)
    year = format_date(work.year) if work.year is not None else "n.d"  # the final period follows
    parts.append(f"{imprint}, {year}." if imprint else f"{year}.")
    return " ".join(parts)


def cited_by(work_id: str, sources: SourceList, used: Usage) -> list[str]:
    lines = []
    for q in sources.quotations.values():
        if any(r.work == work_id for r in q.sources):
            lines.append(f"- Quotation [{_short(quotation_text(q), 60)}](quotations.md#list-{q.id}) "
                         f"({sources.people[q.speaker].name})")
    for person in sources.people.values():
        if any(r.work == work_id for r in person.sources):
            lines.append(f"- Person: [{person.name}](people.md#{person.id})")
    for trial in sources.trials.values():
        if trial.report == work_id or any(r.work == work_id for r in trial.sources):
            lines.append(f"- Trial: [{trial.short}](trials.md#{trial.id})")
    for meeting in sources.meetings.values():
        if any(r.work == work_id for r in meeting.sources):
            lines.append(f"- Alleged meeting: [{meeting.title}](trials.md#{meeting.id})")
    for note in sources.notes.values():
        if any(r.work == work_id for r in note.sources) and note.id in used.note_page:
            lines.append(f"- Editor’s note on “{note.term}” ([{used.note_page[note.id]}]({used.note_page[note.id]}#{note.id}))")
    return lines


def quotations_page(sources: SourceList, used: Usage) -> str:
    out = ["# Quotations { #quotations }", "",
           "Every quotation in the chapter with its attribution and how sure it is. Download them for "
           "class use as [CSV](quotations.csv) or [JSON](quotations.json). " + GENERATED_NOTE, "",
           "<!-- status-legend -->", "", "## By speaker { #by-speaker }", ""]
    for person in sources.people.values():
        quotes = [q for q in sources.quotations.values() if q.speaker == person.id]
        if not quotes:
            continue
        out += [f"### {person.name} {{ #speaker-{person.id} }}", ""]
        for q in quotes:
            out += quotation_entry(q, sources, used)
    out += ["## By trial { #by-trial }", ""]
    groups: dict[str | None, list[Quotation]] = {}
    for q in sources.quotations.values():
        groups.setdefault(q.trial, []).append(q)
    for trial_id, quotes in sorted(groups.items(), key=lambda item: item[0] or "~"):
        title = sources.trials[trial_id].short if trial_id in sources.trials else "Trial not established"
        anchor = f"trial-{trial_id}" if trial_id else "trial-unknown"
        out += [f"### {title} {{ #{anchor} }}", ""]
        for q in quotes:
            out.append(f"- [{_short(quotation_text(q))}](#list-{q.id}) — {sources.people[q.speaker].name} — "
                       f"{status_badge(q.status, sources)}")
        out.append("")
    return "\n".join(out)


def quotation_entry(q: Quotation, sources: SourceList, used: Usage) -> list[str]:
    trial = sources.trials.get(q.trial or "")
    where = f"[{trial.short}](trials.md#{trial.id})" if trial else "not established" + (f" ({q.trial_note})" if q.trial_note else "")
    link = chapter_link(used.quotation_page.get(q.id), q.id)
    lines = [f'<div class="quotation-entry" id="list-{q.id}" markdown>', "",
             f"> {quotation_text(q)}", "",
             f"Status\n:   {status_badge(q.status, sources)}", "",
             f"Role\n:   {q.role}", "",
             f"Trial\n:   {where}", "",
             f"Occasion\n:   {q.occasion or 'not known'}", "",
             f"Date\n:   {date_text(q.date, q.date_inferred)}", "",
             f"In the chapter\n:   [{link}]({link})", ""]
    if q.notes:
        lines += [f"Note\n:   {q.notes}", ""]
    lines += ["Supporting works:", "", *[f"- {cite(r, sources)}" for r in q.sources], "", "</div>", ""]
    return lines


def quotation_rows(sources: SourceList, used: Usage) -> list[dict[str, str]]:
    rows = []
    for q in sources.quotations.values():
        trial = sources.trials.get(q.trial or "")
        rows.append({
            "id": q.id,
            "text": " … ".join(t.strip() for t in q.text),
            "speaker_id": q.speaker,
            "speaker": sources.people[q.speaker].name,
            "role": q.role,
            "trial_id": q.trial or "",
            "trial": trial.title if trial else "",
            "occasion": q.occasion or "",
            "date": iso(q.date),
            "date_inferred": "yes" if q.date is not None and q.date_inferred else "no",
            "status": q.status,
            "link": chapter_link(used.quotation_page.get(q.id), q.id).replace(".md#", ".html#"),
            "sources": "; ".join(source_label(r, sources) for r in q.sources),
        })
    return rows


def quotations_csv(sources: SourceList, used: Usage) -> str:
    rows = quotation_rows(sources, used)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def quotations_json(sources: SourceList, used: Usage) -> str:
    return json.dumps(quotation_rows(sources, used), ensure_ascii=False, indent=2) + "\n"


def trials_page(sources: SourceList, used: Usage) -> str:
    out = ["# The trials { #trials }", "",
           "The three Moscow trials the chapter draws on, and the three meetings with Trotsky abroad that "
           "it says “did not stand up to any scrutiny”. " + GENERATED_NOTE, "",
           "## Timeline { #timeline }", "", timeline(sources), ""]
    for trial in sources.trials.values():
        prosecutor = sources.people[trial.prosecutor]
        out += [f"## {trial.short} {{ #{trial.id} }}", "",
                f"Official title\n:   *{trial.title}*", "",
                f"Dates\n:   {format_date(trial.start)} – {format_date(trial.end)}, {trial.place}", "",
                f"Court\n:   {trial.court}", "",
                f"Prosecutor\n:   [{prosecutor.name}](people.md#{prosecutor.id})", "",
                f"Published report\n:   [{sources.works[trial.report].title}](sources.md#{trial.report})", ""]
        if trial.participants:
            named = ", ".join(f"[{sources.people[p].name}](people.md#{p}) ({capacity})"
                              for p, capacity in trial.participants if p in sources.people)
            out += [f"People of the chapter at this trial\n:   {named}", ""]
        if trial.note:
            out += [trial.note, ""]
        out += ["Sources:", "", *[f"- {cite(r, sources)}" for r in trial.sources], ""]
    out += ["## The meetings abroad { #meetings-abroad }", ""]
    for meeting in sources.meetings.values():
        person = sources.people[meeting.person]
        trial = sources.trials[meeting.trial]
        out += [f"### {meeting.title} ({format_date(meeting.claimed_date)}) {{ #{meeting.id} }}", "",
                f"Who\n:   [{person.name}](people.md#{person.id}), {trial.short}", "",
                f"Where\n:   {meeting.place}", "",
                f"Testimony given\n:   {date_text(meeting.testified)}", "",
                f"**The claim.** {meeting.claim}", "",
                *[f"- {cite(r, sources)}" for r in meeting.claim_sources], "",
                "**How it was refuted:**", ""]
        for account in meeting.refutations:
            by = f" — *{account.by}*" if account.by else ""
            out.append(f"- {account.text}{by}")
            out += [f"    - {cite(r, sources)}" for r in account.sources]
        out.append("")
        if meeting.dissent:
            out += ["**Dissent:**", ""]
            for account in meeting.dissent:
                out.append(f"- {account.text}")
                out += [f"    - {cite(r, sources)}" for r in account.sources]
            out.append("")
    return "\n".join(out)


@dataclass(frozen=True, order=True)
class Event:
    when: str  # ISO, for sorting and <time datetime>
    label: str
    text: str
    kind: str


def timeline_events(sources: SourceList) -> list[Event]:
    events = []
    for trial in sources.trials.values():
        events.append(Event(trial.start.isoformat(), f"{format_date(trial.start)} – {format_date(trial.end)}",
                            f"[{trial.short}](#{trial.id})", "trial"))
    for meeting in sources.meetings.values():
        events.append(Event(iso(meeting.claimed_date), format_date(meeting.claimed_date),
                            f"Alleged meeting: [{meeting.title}](#{meeting.id}) (claimed)", "claim"))
        if meeting.testified is not None:
            events.append(Event(meeting.testified.isoformat(), format_date(meeting.testified),
                                f"Testimony in court: [{meeting.title}](#{meeting.id})", "testimony"))
    # Same day: the trial opens before anyone testifies at it.
    return sorted(events, key=lambda e: (e.when, e.kind != "trial"))


def timeline(sources: SourceList) -> str:
    """An ordered list styled as a timeline: real text, so screen readers and print get it all."""
    items = [f'<li class="timeline-{e.kind}" markdown><time datetime="{e.when}">{e.label}</time> {e.text}</li>'
             for e in timeline_events(sources)]
    return '<ol class="timeline" markdown>\n' + "\n".join(items) + "\n</ol>"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…”"


PAGES = {
    "people.md": people_page,
    "sources.md": sources_page,
    "quotations.md": quotations_page,
    "trials.md": trials_page,
}
DOWNLOADS = {"quotations.csv": quotations_csv, "quotations.json": quotations_json}
