"""The sources page: every work the edition cites, grouped by kind, with what relies on it."""

from __future__ import annotations

from ..model.formats import format_date, quotation_text, shorten
from ..model.records import SourceList
from .common import GENERATED_NOTE
from .usage import Usage

GROUP_TITLES = {
    "official": "Official records of the trials",
    "book": "The book and its translations",
    "investigation": "Investigations and contemporary rebuttals",
    "secondary": "Secondary works",
    "reference": "Reference works",
}


def sources_page(sources: SourceList, used: Usage) -> str:
    out = [
        "# Sources { #sources }",
        "",
        "Every work the edition cites, grouped by kind, with the quotations and facts that rely on it. "
        "Addresses are where each fact was read. " + GENERATED_NOTE,
        "",
    ]
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
                out += [
                    f"- [{r.url}]({r.url})" + (f" — {r.supports}" if r.supports else "") for r in work.sources if r.url
                ]
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
            lines.append(
                f"- Quotation [{shorten(quotation_text(q), 60, '…”')}](quotations.md#list-{q.id}) "
                f"({sources.people[q.speaker].name})"
            )
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
            lines.append(
                f"- Editor’s note on “{note.term}” ([{used.note_page[note.id]}]({used.note_page[note.id]}#{note.id}))"
            )
    return lines
