"""The quotations page and its CSV and JSON downloads.

The downloads carry plain text (the emphasis markers of tools/model/escape.py dropped); every CSV
cell goes through `csv_cell`, so a spreadsheet never runs one as a formula."""

from __future__ import annotations

import csv
import io

from ..model.cite import Edition
from ..model.escape import csv_cell, json_document, plain
from ..model.escape import markdown_text as md
from ..model.formats import (
    NOT_KNOWN,
    NOT_MADE,
    NOT_SEEN,
    citation,
    date_text,
    iso,
    quotation_text,
    shorten_quotation,
    status_badge,
    wording_links,
)
from ..model.inline import plain_text
from ..model.records import Quotation, SourceList, SourceRef, Wording
from .common import GENERATED_NOTE
from .usage import Usage, chapter_link


def quotations_page(sources: SourceList, used: Usage) -> str:
    out = [
        "# Quotations { #quotations }",
        "",
        "Every quotation in the chapter with its attribution and how sure it is, in the chapter’s exact "
        "words (quotation marks included, its slips kept); where the editors shorten one, the cut is "
        "marked […]. Each entry follows the wording back, one link after the other: the chapter’s "
        "machine-translated words, Orlov’s Russian, the editors’ literal translation of it, and the "
        "official Report’s words, where each has been seen. Download them for class use as "
        "[CSV](quotations.csv) or [JSON](quotations.json). " + GENERATED_NOTE,
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
        out += [f"### {md(person.name)} {{ #speaker-{person.id} }}", ""]
        for q in quotes:
            out += quotation_entry(q, sources, used)
    out += ["## By trial { #by-trial }", ""]
    groups: dict[str | None, list[Quotation]] = {}
    for q in sources.quotations.values():
        groups.setdefault(q.trial, []).append(q)
    for trial_id, quotes in sorted(groups.items(), key=lambda item: item[0] or "~"):
        title = sources.trials[trial_id].short if trial_id in sources.trials else "Trial not established"
        anchor = f"trial-{trial_id}" if trial_id else "trial-unknown"
        out += [f"### {md(title)} {{ #{anchor} }}", ""]
        for q in quotes:
            out.append(
                f"- [{md(shorten_quotation(quotation_text(q, used.wording.get(q.id)), 80), emphasis=False)}]"
                f"(#list-{q.id}) — {md(sources.people[q.speaker].name)} — "
                f"{status_badge(q.status, sources)}"
            )
        out.append("")
    return "\n".join(out)


def quotation_entry(q: Quotation, sources: SourceList, used: Usage) -> list[str]:
    trial = sources.trials.get(q.trial or "")
    where = (
        f"[{md(trial.short)}](trials.md#{trial.id})"
        if trial
        else "not established" + (f" ({md(q.trial_note)})" if q.trial_note else "")
    )
    lines = [
        f'<div class="quotation-entry" id="list-{q.id}" markdown>',
        "",
        f"> {md(quotation_text(q, used.wording.get(q.id)), emphasis=False)}",
        "",
        f"Status\n:   {status_badge(q.status, sources)}",
        "",
        f"Role\n:   {md(q.role)}",
        "",
        f"Trial\n:   {where}",
        "",
        f"Occasion\n:   {md(q.occasion or 'not known')}",
        "",
        f"Date\n:   {md(date_text(q.date, q.date_inferred))}",
        "",
        f"In the chapter\n:   {place_in_chapter(q, used)}",
        "",
    ]
    lines += wording_chain_list(q, sources, used)
    if q.notes:
        lines += [f"Note\n:   {md(q.notes)}", ""]
    lines += ["Supporting works:", "", *[f"- {citation(r, sources, detail=True)}" for r in q.sources], "", "</div>", ""]
    return lines


def wording_chain_list(q: Quotation, sources: SourceList, used: Usage) -> list[str]:
    """The wording chain as a numbered list, one link after the other."""
    chapter = md(quotation_text(q, used.wording.get(q.id)), emphasis=False)
    links = [f"The chapter (an English machine translation, by way of another language): {chapter}"]
    links += [f"{link[0].upper()}{link[1:]}" for link in wording_links(q, sources)]
    return ["The wording, link by link:", "", *[f"{n}. {link}" for n, link in enumerate(links, 1)], ""]


def wording_source(wording: Wording | None, sources: SourceList) -> str | None:
    if wording is None:
        return None
    return citation(SourceRef(work=wording.work, locator=wording.locator, url=wording.url), sources, linked=False)


def place_in_chapter(q: Quotation, used: Usage) -> str:
    """'[¶ 8 in “Praise in the courtroom”](praise.md#q-…)': where a reader finds it, as a link."""
    page = used.quotation_page.get(q.id)
    section = next((s for s in used.sections if s.page == page), None)
    if page is None or section is None:
        return "not in the chapter's text"
    return f"[¶ {used.quotation_paragraph[q.id]} in “{section.title}”]({chapter_link(page, q.id)})"


Row = dict[str, str | None]
# What a CSV cell says for a value the JSON gives as null: unknown, not seen, not made.
UNSAID = {"russian": NOT_SEEN, "report_wording": NOT_SEEN, "editors_literal_translation": NOT_MADE}


def quotation_rows(sources: SourceList, used: Usage, e: Edition) -> list[Row]:
    """One row per quotation; None where a value is not known (not seen, not made), never ''."""
    rows: list[Row] = []
    for q in sources.quotations.values():
        trial = sources.trials.get(q.trial or "")
        rows.append(
            {
                "id": q.id,
                "text": plain_text(quotation_text(q, used.wording.get(q.id))),
                "speaker_id": q.speaker,
                "speaker": plain(sources.people[q.speaker].name),
                "role": plain(q.role),
                "trial_id": q.trial,
                "trial": plain(trial.title) if trial else None,
                "occasion": plain(q.occasion) if q.occasion else None,
                "date": iso(q.date) or None,
                "date_inferred": None if q.date is None else ("yes" if q.date_inferred else "no"),
                "status": q.status,
                "link": absolute_link(used.quotation_page.get(q.id), q.id, e),
                "sources": "; ".join(citation(r, sources, linked=False) for r in q.sources),
                "russian": plain(q.russian.text) if q.russian else None,
                "russian_source": wording_source(q.russian, sources),
                "editors_literal_translation": plain(q.literal) if q.literal else None,
                "report_wording": plain(q.report_wording.text) if q.report_wording else None,
                "report_source": wording_source(q.report_wording, sources),
            }
        )
    return rows


def absolute_link(page: str | None, anchor: str, e: Edition) -> str:
    """The published address of a quotation: the downloads are read away from the site."""
    return f"{e.url}{page.removesuffix('.md')}.html#{anchor}" if page else ""


def quotations_csv(sources: SourceList, used: Usage, e: Edition) -> str:
    rows = quotation_rows(sources, used, e)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {key: csv_cell(UNSAID.get(key, NOT_KNOWN) if value is None else value) for key, value in row.items()}
        for row in rows
    )
    return buffer.getvalue()


def quotations_json(sources: SourceList, used: Usage, e: Edition) -> str:
    return json_document(quotation_rows(sources, used, e))
