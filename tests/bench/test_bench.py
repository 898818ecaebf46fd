"""The bench's parts that run in a moment: the synthetic books it times the checker on are clean and
really checked, the project copy keeps tools/site, the plain build's config edits still apply, and
the stage timer and the growth ratio compute what the report says."""

from __future__ import annotations

from pathlib import Path

from tools.bench import stages
from tools.bench.__main__ import growth
from tools.bench.book import write_book
from tools.bench.builds import PROJECT, skipped
from tools.checker import check


def test_a_synthetic_book_checks_clean_and_grows_with_its_pages(tmp_path: Path) -> None:
    small, large = write_book(tmp_path / "small", 3), write_book(tmp_path / "large", 30)
    result = check(tmp_path / "small")
    assert [str(f) for f in result.findings] == []
    assert result.checked is not None and len(result.checked.sources.quotations) == 3
    assert [str(f) for f in check(tmp_path / "large").findings] == []
    assert 5 < large / small <= 10  # ten times the pages: the bytes grow with them, less a fixed part


def test_a_synthetic_book_is_really_checked(tmp_path: Path) -> None:
    write_book(tmp_path, 3)
    page = tmp_path / "docs" / "page-1.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("The hall was silent", "The hall was quiet"), encoding="utf-8"
    )
    assert {f.rule for f in check(tmp_path).findings} == {"text-fidelity", "page-reviewed"}


def test_the_copy_leaves_out_build_output_at_the_top_only() -> None:
    top = ["site", "dist", ".git", ".venv", "node_modules", "docs", "tools", "__pycache__"]
    assert skipped(str(PROJECT), top) == {"site", "dist", ".git", ".venv", "node_modules", "__pycache__"}
    assert skipped(str(PROJECT / "tools"), ["site", "publish", "__pycache__"]) == {"__pycache__"}


def test_the_stage_timer_adds_up_each_stage_and_passes_results_through() -> None:
    stages.TIMES.clear()
    double = stages.timer(lambda x: 2 * x, lambda *_: "double")
    assert (double(2), double(3)) == (4, 6)
    assert list(stages.TIMES) == ["double"] and stages.TIMES["double"] >= 0


def test_growth_is_the_ratio_of_the_medians() -> None:
    assert growth([1.0, 2.0, 9.0], [20.0, 21.0, 100.0]) == 10.5
