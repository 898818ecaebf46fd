"""The synthetic books of the bench (tools/bench/book.py) check clean, and the report has every
section: `./edition bench` refuses a book with a finding, so a rule that the generator does not
follow would break the bench without these."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tools.bench.book import BOOK_STATUSES, PEOPLE, BookTiming, write_book
from tools.bench.exports import ExportTiming
from tools.bench.measure import Timing
from tools.bench.report import SECTIONS, Results, report
from tools.bench.weight import PageWeight
from tools.checker import check


@pytest.mark.parametrize("pages", [1, 2, len(PEOPLE) + 1])
def test_a_synthetic_book_checks_clean(tmp_path: Path, pages: int) -> None:
    write_book(tmp_path, pages)
    result = check(tmp_path)
    assert [str(f) for f in result.findings] == []
    assert result.sources is not None and len(result.pages) == pages
    assert len(result.sources.quotations) == 2 * pages


def test_a_book_uses_every_status_that_needs_no_report_wording(tmp_path: Path) -> None:
    write_book(tmp_path, len(BOOK_STATUSES))
    data = yaml.safe_load((tmp_path / "data" / "sources.yml").read_text(encoding="utf-8"))
    assert {q["status"] for q in data["quotations"]} == set(BOOK_STATUSES)
    assert "verified" not in BOOK_STATUSES


def test_the_report_has_every_section() -> None:
    t = Timing((0.5, 0.25, 0.75))
    results = Results(
        facts=[("CPU", "test")],
        build=t,
        chapter=t,
        books=[BookTiming(10, t), BookTiming(100, t)],
        adversarial=[(99_000, t), (990_000, Timing((5.0,)))],
        site=(1000, 3),
        export_note="`python -m tools.publish.export` took 1.0 s",
        dist=[("dist/x.pdf", "10 bytes")],
        lighthouse=([("index.html", "100", "100", "100", "100")], "Lighthouse here"),
        exports=[ExportTiming("PDF (A4)", "x.pdf", 10, t)],
        weight=([PageWeight("index.html", (("index.html", 1000),))], "Chromium here"),
    )
    text = report(results)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(headings) == len(SECTIONS)
    for needed in ("adversarial page, 990,000 bytes", "| PDF (A4) (`x.pdf`) | 10 |", "| index.html | 1.0 | 1 | yes |"):
        assert needed in text, needed
    assert "Lighthouse here" in text and "Chromium here" in text
