"""The people page: everyone the chapter names or implies, with spellings, dates, role and sources."""

from __future__ import annotations

from ..model.escape import markdown_text as md
from ..model.formats import citation, life_dates, quotation_text, shorten_quotation, status_badge
from ..model.records import SourceList
from .common import GENERATED_NOTE, unsearched
from .usage import Usage, chapter_link


def people_page(sources: SourceList, used: Usage) -> str:
    out = [
        "# People { #people }",
        "",
        "Everyone the chapter names or implies. The chapter’s own spellings are kept in the text; "
        "each links here. " + GENERATED_NOTE,
        "",
    ]
    for person in sources.people.values():
        out += [f"## {md(person.name)} {{ #{person.id} }}", ""]
        in_chapter = used.forms.get(person.id, [])
        others = [v for v in person.variants if v not in in_chapter]
        facts = []
        if person.full_name:
            facts.append(f"Full or birth name\n:   {md(person.full_name)}")
        if in_chapter:
            facts.append("Spelled in the chapter\n:   " + ", ".join(f"“{md(v)}”" for v in in_chapter))
        elif person.mention == "implied":
            facts.append(
                "Not named in the chapter\n:   Implied" + (f": {md(person.implied_by)}" if person.implied_by else "")
            )
        if others:
            facts.append("Other spellings\n:   " + ", ".join(md(v) for v in others))
        if person.report_form:
            facts.append(f"In the English Reports\n:   {md(person.report_form)}")
        facts.append(
            f"Life dates\n:   {md(life_dates(person))}" + (f" ({md(person.dates_note)})" if person.dates_note else "")
        )
        facts.append(f"Role\n:   {md(person.role)}")
        if person.identification:
            facts.append(f"Identification\n:   {md(person.identification)}")
        out += ["\n\n".join(facts), "", md(person.summary), ""]
        details = []
        quotes = [q for q in sources.quotations.values() if q.speaker == person.id]
        if quotes:
            details.append("**Quotations attributed in the chapter:**")
            details.append("")
            for q in quotes:
                link = chapter_link(used.quotation_page.get(q.id), q.id)
                shown = md(shorten_quotation(quotation_text(q, used.wording.get(q.id)), 80), emphasis=False)
                details.append(f"- [{shown}]({link}) — {status_badge(q.status, sources)}")
            details.append("")
        places = used.named_in.get(person.id, [])
        if places:
            links = ", ".join(f"[¶ {used.paragraph_number.get(pid, '?')}]({page}#{pid})" for page, pid in places)
            details += [f"**Named in the chapter:** {links}", ""]
        details += ["**Sources:**", "", *[f"- {citation(r, sources, detail=True)}" for r in person.sources]]
        out += unsearched(details)
    return "\n".join(out)
