"""The checker runs in linear time on any input: ten times the adversarial page costs at most
fifteen times the CPU time (a quadratic path would cost a hundred times).

CPU time of this process, each size's best of three runs, so that another process on a loaded
machine does not count; the absolute figures go to BENCHMARKS.md, never into an assert."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import Project

from tools.bench.adversarial import adversarial_page
from tools.checker import check

SMALL, LARGE = 99_000, 990_000  # bytes; the page limit is 1,000,000


def cpu_seconds(root: Path) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        check(root)
        best = min(best, time.process_time() - start)
    return best


def test_ten_times_the_input_costs_at_most_fifteen_times_the_time(repo_copy: Project) -> None:
    page = repo_copy.path("docs/praise.md")
    page.write_text(adversarial_page(SMALL), encoding="utf-8")
    small = cpu_seconds(repo_copy.root)
    page.write_text(adversarial_page(LARGE), encoding="utf-8")
    large = cpu_seconds(repo_copy.root)
    assert len(page.read_bytes()) > 9.5 * SMALL
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
