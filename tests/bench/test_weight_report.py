"""The page-weight section of BENCHMARKS.md (tools/bench/report.py) from measured weights."""

from __future__ import annotations

from tools.bench.report import weight_section
from tools.bench.weight import BUDGET_BYTES, PageWeight, gz


def test_a_page_weight_adds_up_its_files() -> None:
    w = PageWeight("a.html", (("a.html", 1200), ("search/search_index.json", 800)))
    assert (w.gzipped, w.requests, w.within_budget) == (2000, 2, True)
    assert not PageWeight("b.html", (("b.html", BUDGET_BYTES + 1),)).within_budget
    assert not PageWeight("c.html", tuple((f"{i}", 1) for i in range(11))).within_budget
    assert gz(b"x" * 1000) < 100


def test_the_report_lists_every_page_and_the_heaviest_ones_files() -> None:
    weights = [
        PageWeight("a.html", (("a.html", 1500), ("x.js", 500))),
        PageWeight("b.html", (("b.html", 3000), ("x.js", 500), ("search/search_index.json", 900))),
    ]
    text = "\n".join(weight_section(weights, "Chromium here"))
    assert "| a.html | 2.0 | 2 | yes |" in text and "| b.html | 4.4 | 3 | yes |" in text
    assert "The heaviest page, `b.html`" in text
    assert (
        text.index("| b.html | 3.0 |") < text.index("| search/search_index.json | 0.9 |") < text.index("| x.js | 0.5 |")
    )
    assert text.rstrip().endswith("Chromium here.")


def test_the_report_says_why_it_did_not_measure() -> None:
    assert "Not measured: skipped: no Chromium." in "\n".join(weight_section([], "skipped: no Chromium"))


def test_the_report_marks_a_page_over_the_budget() -> None:
    heavy = PageWeight("heavy.html", (("heavy.html", BUDGET_BYTES + 1),))
    text = "\n".join(weight_section([heavy], "Chromium here"))
    assert f"| heavy.html | {(BUDGET_BYTES + 1) / 1000:.1f} | 1 | **no** |" in text
