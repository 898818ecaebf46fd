"""The sources page: every work the edition cites, grouped by kind (and what each kind means),
with what relies on it, and the sites the edition refuses to use and why."""

from __future__ import annotations

from ..model.escape import markdown_link
from ..model.escape import markdown_text as md
from ..model.formats import format_date, quotation_text, shorten_quotation
from ..model.records import SourceList, SourceRef
from .common import GENERATED_NOTE
from .usage import Usage

# What each kind of source is, and what the edition uses it for (in the order a historian weighs them).
KIND_TITLES = {
    "primary": (
        "Primary records",
        "The records of the trials and of the inquiries into them: the published Reports of Court "
        "Proceedings, court and commission documents, archival documents. They show what was said and "
        "decided, not whether it was true.",
    ),
    "memoir": (
        "Memoirs and participants’ accounts",
        "Accounts by people who took part or looked on (Orlov’s book among them), written for a purpose; "
        "read as testimony, checked against the records.",
    ),
    "scholarship": (
        "Scholarship",
        "Historians’ books and articles, with their own references; used for what they establish and cited "
        "by page where one was seen.",
    ),
    "reference": (
        "Reference works",
        "Encyclopedias and biographical dictionaries; used for life dates and one-line identifications only.",
    ),
    "press": (
        "Press",
        "Newspapers, periodicals and reviews, of the time or later; used for what they reported and when.",
    ),
    "polemic": (
        "Polemics",
        "Partisan writing that argues a case; cited only to record that the case is made, never as support for a fact.",
    ),
}
MIRROR_MEANING = (
    "A mirror is a copy of a page published elsewhere (the page it copies is named with it). A copy can "
    "drift from its original, so a mirror is never the only support for a fact."
)


def sources_page(sources: SourceList, used: Usage) -> str:
    out = [
        "# Sources { #sources }",
        "",
        "Every work the edition cites, grouped by kind, with the quotations and facts that rely on it. "
        "Addresses are where each fact was read. " + GENERATED_NOTE,
        "",
        "## The kinds of source { #kinds }",
        "",
        *[f"{title}\n:   {meaning}\n" for title, meaning in KIND_TITLES.values()],
        f"Mirrors\n:   {MIRROR_MEANING}",
        "",
    ]
    for kind, (title, meaning) in KIND_TITLES.items():
        works = [w for w in sources.works.values() if w.kind == kind]
        if not works:
            continue
        out += [f"## {title} {{ #kind-{kind} }}", "", f"*{meaning}*", ""]
        for work in works:
            out += [f"### {md(work.short)} {{ #{work.id} }}", "", bibliography_entry(work.id, sources), ""]
            if work.note:
                out += [md(work.note), ""]
            if work.sources:
                out += ["Where this record was read:", ""]
                out += [
                    f"- {address(r)}" + (f" — {md(r.supports)}" if r.supports else "") for r in work.sources if r.url
                ]
                out.append("")
            cited = cited_by(work.id, sources, used)
            out += ["**Cited for:**", "", *(cited or ["- nothing yet"]), ""]
    out += denylist(sources)
    return "\n".join(out)


def address(ref: SourceRef) -> str:
    """A source's address as a link; a mirror says so and names the page it copies."""
    link = markdown_link(ref.url or "", ref.url or "")
    if ref.kind == "mirror" and ref.canonical:
        return f"{link} (a mirror of {markdown_link(ref.canonical, ref.canonical)})"
    return link


def denylist(sources: SourceList) -> list[str]:
    if sources.policy is None or not sources.policy.denylist:
        return []
    out = [
        "## Sources the edition does not use { #denylist }",
        "",
        "The checker refuses any address on these sites, for the reason given.",
        "",
    ]
    return out + [f"- **{md(entry.domain)}**: {md(entry.reason)}" for entry in sources.policy.denylist] + [""]


def bibliography_entry(work_id: str, sources: SourceList) -> str:
    """Chicago-style bibliography entry; parts that are not known are left out, never guessed."""
    work = sources.works[work_id]
    parts = []
    if work.author:
        parts.append(f"{md(work.author)}.")
    parts.append(f"*{md(work.title, emphasis=False)}*.")
    imprint = ": ".join(md(p) for p in (work.place, work.publisher) if p)
    year = md(format_date(work.year)) if work.year is not None else "n.d"  # the final period follows
    parts.append(f"{imprint}, {year}." if imprint else f"{year}.")
    return " ".join(parts)


def cited_by(work_id: str, sources: SourceList, used: Usage) -> list[str]:
    lines = []
    for q in sources.quotations.values():
        wordings = [w for w in (q.russian, q.report_wording) if w is not None]
        if any(r.work == work_id for r in q.sources) or any(w.work == work_id for w in wordings):
            shown = md(shorten_quotation(quotation_text(q, used.wording.get(q.id)), 60), emphasis=False)
            lines.append(f"- Quotation [{shown}](quotations.md#list-{q.id}) ({md(sources.people[q.speaker].name)})")
    for person in sources.people.values():
        if any(r.work == work_id for r in person.sources):
            lines.append(f"- Person: [{md(person.name)}](people.md#{person.id})")
    for trial in sources.trials.values():
        if trial.report == work_id or any(r.work == work_id for r in trial.sources):
            lines.append(f"- Trial: [{md(trial.short)}](trials.md#{trial.id})")
    for meeting in sources.meetings.values():
        if any(r.work == work_id for r in meeting.sources):
            lines.append(f"- Alleged meeting: [{md(meeting.title)}](trials.md#{meeting.id})")
    for note in sources.notes.values():
        if any(r.work == work_id for r in note.sources) and note.id in used.note_page:
            lines.append(
                f"- Editor’s note on “{md(note.term)}” ([{used.note_page[note.id]}]({used.note_page[note.id]}#{note.id}))"
            )
    return lines
