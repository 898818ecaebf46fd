"""The trials page: the three trials, a timeline, and the alleged meetings abroad with the evidence
against each claim and the arguments for it."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.escape import html_attr, html_text
from ..model.escape import markdown_text as md
from ..model.formats import citation, date_text, format_date, iso
from ..model.records import SourceList
from .common import GENERATED_NOTE
from .usage import Usage


def trials_page(sources: SourceList, used: Usage) -> str:
    out = [
        "# The trials { #trials }",
        "",
        "The three Moscow trials the chapter draws on, and the three meetings with Trotsky abroad that "
        "it says “did not stand up to any scrutiny”. " + GENERATED_NOTE,
        "",
        "## Timeline { #timeline }",
        "",
        timeline(sources),
        "",
    ]
    for trial in sources.trials.values():
        prosecutor = sources.people[trial.prosecutor]
        out += [
            f"## {md(trial.short)} {{ #{trial.id} }}",
            "",
            f"Official title\n:   *{md(trial.title, emphasis=False)}*",
            "",
            f"Dates\n:   {format_date(trial.start)} – {format_date(trial.end)}, {md(trial.place)}",
            "",
            f"Court\n:   {md(trial.court)}",
            "",
            f"Prosecutor\n:   [{md(prosecutor.name)}](people.md#{prosecutor.id})",
            "",
            f"Published report\n:   [{md(sources.works[trial.report].title)}](sources.md#{trial.report})",
            "",
        ]
        if trial.participants:
            named = ", ".join(
                f"[{md(sources.people[p.person].name)}](people.md#{p.person}) ({md(p.capacity)})"
                for p in trial.participants
                if p.person in sources.people
            )
            out += [f"People of the chapter at this trial\n:   {named}", ""]
        if trial.note:
            out += [md(trial.note), ""]
        out += ["Sources:", "", *[f"- {citation(r, sources, detail=True)}" for r in trial.sources], ""]
    out += ["## The meetings abroad { #meetings-abroad }", ""]
    for meeting in sources.meetings.values():
        person = sources.people[meeting.person]
        trial = sources.trials[meeting.trial]
        out += [
            f"### {md(meeting.title)} ({md(format_date(meeting.claimed_date))}) {{ #{meeting.id} }}",
            "",
            f"Who\n:   [{md(person.name)}](people.md#{person.id}), {md(trial.short)}",
            "",
            f"Where\n:   {md(meeting.place)}",
            "",
            f"Testimony given\n:   {md(date_text(meeting.testified))}",
            "",
            f"**The claim.** {md(meeting.claim)}",
            "",
            *[f"- {citation(r, sources, detail=True)}" for r in meeting.claim_sources],
            "",
            "**Evidence and findings against the claim:**",
            "",
        ]
        for account in meeting.refutations:
            by = f" — *{md(account.by, emphasis=False)}*" if account.by else ""
            out.append(f"- {md(account.text)}{by}")
            out += [f"    - {citation(r, sources, detail=True)}" for r in account.sources]
        out.append("")
        if meeting.dissent:
            out += ["**Arguments for the claim (dissent):**", ""]
            for account in meeting.dissent:
                out.append(f"- {md(account.text)}")
                out += [f"    - {citation(r, sources, detail=True)}" for r in account.sources]
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
        events.append(
            Event(
                trial.start.isoformat(),
                f"{format_date(trial.start)} – {format_date(trial.end)}",
                f"[{md(trial.short)}](#{trial.id})",
                "trial",
            )
        )
    for meeting in sources.meetings.values():
        events.append(
            Event(
                iso(meeting.claimed_date),
                format_date(meeting.claimed_date),
                f"Alleged meeting: [{md(meeting.title)}](#{meeting.id}) (claimed)",
                "claim",
            )
        )
        if meeting.testified is not None:
            events.append(
                Event(
                    meeting.testified.isoformat(),
                    format_date(meeting.testified),
                    f"Testimony in court: [{md(meeting.title)}](#{meeting.id})",
                    "testimony",
                )
            )
    # Same day: the trial opens before anyone testifies at it.
    return sorted(events, key=lambda e: (e.when, e.kind != "trial"))


def timeline(sources: SourceList) -> str:
    """An ordered list styled as a timeline: real text, so screen readers and print get it all.
    `Event.text` is Markdown (escaped where it is made); the date goes into HTML, escaped here."""
    items = [
        f'<li class="timeline-{e.kind}" markdown><time datetime="{html_attr(e.when)}">{html_text(e.label)}</time> '
        f"{e.text}</li>"
        for e in timeline_events(sources)
    ]
    return '<ol class="timeline" markdown>\n' + "\n".join(items) + "\n</ol>"
