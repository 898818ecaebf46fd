"""The quotations as data files, CSV and JSON, for class use: plain text (emphasis markers dropped);
every CSV cell goes through `csv_cell`, so a spreadsheet never runs one as a formula."""

from __future__ import annotations

import csv
import io
import json

from ..model.dates import iso
from ..model.edition import Checked, Site
from ..model.sourcelist import Citation, Wording
from ..model.textfile import CSV_FORMULA_START
from .markup import plain

Row = dict[str, str | None]
NOT_KNOWN, NOT_SEEN, NOT_MADE = "not known", "not seen", "not made"
# What a CSV cell says for a value the JSON gives as null.
UNSAID = {"russian": NOT_SEEN, "report_wording": NOT_SEEN, "editors_literal_translation": NOT_MADE}


def citation_text(citation: Citation | Wording, checked: Checked) -> str:
    work = checked.sources.work.get(citation.work)
    return plain(work.short if work else citation.work) + (f", {citation.locator}" if citation.locator else "")


def quotation_rows(checked: Checked, site: Site) -> list[Row]:
    """One row per quotation; None where a value is not known (not seen, not made), never ''."""
    rows: list[Row] = []
    sources = checked.sources
    for q in sources.quotations:
        trial = sources.trial.get(q.trial or "")
        place = checked.quotation_place.get(q.id)
        rows.append(
            {
                "id": q.id,
                "text": checked.wording(q),
                "speaker_id": q.speaker,
                "speaker": plain(sources.name_of(q.speaker)),
                "role": plain(q.role),
                "trial_id": q.trial,
                "trial": plain(trial.title) if trial else None,
                "occasion": plain(q.occasion) if q.occasion else None,
                "date": iso(q.date) or None,
                "date_inferred": None if q.date is None else ("yes" if q.date_inferred else "no"),
                "status": q.status,
                "link": f"{site.url}{place.page.removesuffix('.md')}.html#{q.id}" if place else None,
                "sources": "; ".join(citation_text(c, checked) for c in q.sources),
                "russian": q.russian.text if q.russian else None,
                "russian_source": citation_text(q.russian, checked) if q.russian else None,
                "editors_literal_translation": plain(q.literal) if q.literal else None,
                "report_wording": q.report_wording.text if q.report_wording else None,
                "report_source": citation_text(q.report_wording, checked) if q.report_wording else None,
            }
        )
    return rows


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP, "CSV Injection"): one
    that begins like a formula gets a single quote in front."""
    return "'" + value if value.startswith(CSV_FORMULA_START) else value


def quotations_csv(checked: Checked, site: Site) -> str:
    rows = quotation_rows(checked, site)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {key: csv_cell(UNSAID.get(key, NOT_KNOWN) if value is None else value) for key, value in row.items()}
        for row in rows
    )
    return buffer.getvalue()


def quotations_json(checked: Checked, site: Site) -> str:
    return json.dumps(quotation_rows(checked, site), ensure_ascii=False, indent=2) + "\n"
