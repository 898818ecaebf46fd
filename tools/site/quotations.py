"""The quotations page and its CSV and JSON downloads."""

from __future__ import annotations

import csv
import io
import json

from ..model.formats import citation, date_text, iso, quotation_text, shorten, status_badge
from ..model.records import Quotation, SourceList
from .common import GENERATED_NOTE
from .usage import Usage, chapter_link


def quotations_page(sources: SourceList, used: Usage) -> str:
    out = [
        "# Quotations { #quotations }",
        "",
        "Every quotation in the chapter with its attribution and how sure it is. Download them for "
        "class use as [CSV](quotations.csv) or [JSON](quotations.json). " + GENERATED_NOTE,
        "",
        "<!-- status-legend -->",
        "",
        "## By speaker { #by-speaker }",
        "",
    ]
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
            out.append(
                f"- [{shorten(quotation_text(q), 80, '…”')}](#list-{q.id}) — {sources.people[q.speaker].name} — "
                f"{status_badge(q.status, sources)}"
            )
        out.append("")
    return "\n".join(out)


def quotation_entry(q: Quotation, sources: SourceList, used: Usage) -> list[str]:
    trial = sources.trials.get(q.trial or "")
    where = (
        f"[{trial.short}](trials.md#{trial.id})"
        if trial
        else "not established" + (f" ({q.trial_note})" if q.trial_note else "")
    )
    link = chapter_link(used.quotation_page.get(q.id), q.id)
    lines = [
        f'<div class="quotation-entry" id="list-{q.id}" markdown>',
        "",
        f"> {quotation_text(q)}",
        "",
        f"Status\n:   {status_badge(q.status, sources)}",
        "",
        f"Role\n:   {q.role}",
        "",
        f"Trial\n:   {where}",
        "",
        f"Occasion\n:   {q.occasion or 'not known'}",
        "",
        f"Date\n:   {date_text(q.date, q.date_inferred)}",
        "",
        f"In the chapter\n:   [{link}]({link})",
        "",
    ]
    if q.notes:
        lines += [f"Note\n:   {q.notes}", ""]
    lines += ["Supporting works:", "", *[f"- {citation(r, sources, detail=True)}" for r in q.sources], "", "</div>", ""]
    return lines


def quotation_rows(sources: SourceList, used: Usage) -> list[dict[str, str]]:
    rows = []
    for q in sources.quotations.values():
        trial = sources.trials.get(q.trial or "")
        rows.append(
            {
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
                "sources": "; ".join(citation(r, sources, linked=False) for r in q.sources),
            }
        )
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
