"""The quotations as data files (tools/site/data.py): one CSV row and one JSON object per quotation, in
the source list's order, with the chapter's exact words, the published link, and every fact; "not
known" (or not seen, not made) in a CSV cell where the JSON has null, never a blank; and no cell a
spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from conftest import Project

from tools.model.edition import Checked, Site
from tools.site.data import CSV_FORMULA_START, csv_cell, quotations_csv, quotations_json

SITE = Site("https://edition.example.org/history/")
HEADER = [
    "id",
    "text",
    "speaker_id",
    "speaker",
    "role",
    "trial_id",
    "trial",
    "occasion",
    "date",
    "date_inferred",
    "status",
    "link",
    "sources",
    "russian",
    "russian_source",
    "editors_literal_translation",
    "report_wording",
    "report_source",
]
UNSAID = {"russian": "not seen", "report_wording": "not seen", "editors_literal_translation": "not made"}


def test_one_csv_row_per_quotation_with_every_fact(checked: Checked) -> None:
    reader = csv.DictReader(io.StringIO(quotations_csv(checked, SITE)))
    rows = list(reader)
    assert reader.fieldnames == HEADER
    sources = checked.sources
    assert [r["id"] for r in rows] == [q.id for q in sources.quotations]
    for row in rows:
        q = sources.quotation[row["id"]]
        place = checked.quotation_place[q.id]
        assert row["text"] == checked.wording(q)  # the chapter's words exactly, marks and all
        assert row["speaker_id"] == q.speaker and row["speaker"] == sources.name_of(q.speaker)
        assert row["status"] == q.status
        assert row["link"] == f"{SITE.url}{place.page.removesuffix('.md')}.html#{q.id}"
        assert row["trial_id"] == (q.trial or "not known")
        assert row["occasion"] != "" and row["date_inferred"] in ("yes", "no", "not known")
        if q.date is None:
            assert (row["date"], row["date_inferred"]) == ("not known", "not known")
        elif isinstance(q.date, dt.date):
            assert dt.date.fromisoformat(row["date"]) == q.date
        assert row["russian"] == (q.russian.text if q.russian else "not seen")
        assert row["report_wording"] == (q.report_wording.text if q.report_wording else "not seen")
        assert "" not in row.values(), row  # what is not known is said, never left blank
    epithets = next(r for r in rows if r["id"] == "q-vyshinsky-epithets")
    assert epithets["text"] == "“great,” “genius,” “wise,” ” Most beloved”"  # the chapter's stray mark kept


def test_the_json_has_the_same_rows_with_null_for_what_is_not_known(checked: Checked) -> None:
    rows = json.loads(quotations_json(checked, SITE))
    assert all(list(row) == HEADER for row in rows)
    as_csv = [{k: UNSAID.get(k, "not known") if v is None else v for k, v in row.items()} for row in rows]
    assert as_csv == list(csv.DictReader(io.StringIO(quotations_csv(checked, SITE))))
    assert all(v is None or (isinstance(v, str) and v) for row in rows for v in row.values())


@pytest.mark.parametrize(
    "value", ["=HYPERLINK(evil)", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1", "＋1", "－1", "＠x"]
)
def test_no_cell_starts_a_formula(value: str) -> None:
    assert csv_cell(value) == "'" + value and not csv_cell(value).startswith(CSV_FORMULA_START)
    assert csv_cell("Orlov, 1953") == "Orlov, 1953"


def test_a_formula_in_the_source_list_is_text_in_the_csv_and_data_in_the_json(mini: Project) -> None:
    mini.replace(
        "data/sources.yml",
        "    occasion: probably his last plea",
        "    occasion: =HYPERLINK(evil) probably his last plea",
    )
    mini.admit()  # a reviewer admits the change
    result = mini.check()
    assert result.checked is not None and not result.errors, [str(f) for f in result.errors]
    rows = list(csv.reader(io.StringIO(quotations_csv(result.checked, SITE))))
    assert [c for row in rows[1:] for c in row if c.startswith(CSV_FORMULA_START)] == []
    assert "'=HYPERLINK(evil) probably his last plea" in [c for row in rows for c in row]
    data = json.loads(quotations_json(result.checked, SITE))
    assert "=HYPERLINK(evil) probably his last plea" in [row["occasion"] for row in data]


def test_no_quotation_is_a_header_and_an_empty_list(checked: Checked) -> None:
    empty = Checked(checked.sources.model_copy(update={"quotations": ()}), checked.chapter, checked.editorial)
    assert quotations_csv(empty, SITE) == "id\n"
    assert json.loads(quotations_json(empty, SITE)) == []
