"""The checker runs in linear time on any input: ten times the adversarial page costs at most
fifteen times the CPU time (a quadratic path would cost a hundred times).

CPU time of this process, each size's best of three runs taken in turn (tests/conftest.py
best_cpu_times), so that another process on a loaded machine does not count; the absolute
figures go to BENCHMARKS.md, never into an assert."""

from __future__ import annotations

from pathlib import Path

from conftest import Project, best_cpu_times, copy_repo

from tools.bench.adversarial import adversarial_page
from tools.checker import check

SMALL, LARGE = 99_000, 990_000  # bytes; the page limit is 1,000,000


def test_ten_times_the_input_costs_at_most_fifteen_times_the_time(repo_copy: Project, tmp_path: Path) -> None:
    larger = copy_repo(tmp_path / "larger")
    repo_copy.path("docs/praise.md").write_text(adversarial_page(SMALL), encoding="utf-8")
    larger.path("docs/praise.md").write_text(adversarial_page(LARGE), encoding="utf-8")
    assert len(larger.path("docs/praise.md").read_bytes()) > 9.5 * SMALL
    small, large = best_cpu_times(lambda: check(repo_copy.root), lambda: check(larger.root))
    assert large <= 15 * small, f"{LARGE:,} bytes took {large / small:.1f}× the time of {SMALL:,}"


def test_the_adversarial_page_is_refused_with_capped_findings(repo_copy: Project) -> None:
    repo_copy.path("docs/praise.md").write_text(adversarial_page(LARGE), encoding="utf-8")
    result = check(repo_copy.root)
    counts: dict[tuple[str, str], int] = {}
    for finding in result.findings:
        counts[(finding.path, finding.rule)] = counts.get((finding.path, finding.rule), 0) + 1
    assert result.errors
    assert max(counts.values()) <= 51  # fifty, and one line saying how many more
    assert any("more like this in this file" in f.message for f in result.findings)
