"""Benchmarks of the edition, written to BENCHMARKS.md at the project root.

    python -m tools.bench            # (./edition bench) measure and (re)write BENCHMARKS.md

What it measures, always in the same order so two runs give comparable files:

1. the machine (CPU, cores, memory, Python, platform, date);
2. `properdocs build --strict` of the real site (median of 3 runs), and the checker alone on the
   chapter (median of 20 in-process runs): the checker's share of a build;
3. the checker on synthetic books of 10, 100 and 1,000 pages (ms and ms per page);
4. the sizes of site/ and of the offline edition in dist/, and each export (single file, EPUB,
   PDF, zip) made on its own: its size and how long it takes;
5. the page weight of every page of site/ as Chromium fetches it, search included
   (tools/bench/weight.py), if a Chromium is installed;
6. Lighthouse mobile scores of every page of site/, served over HTTP on 127.0.0.1, if npm's
   lighthouse (package.json) and a Chromium are installed (.ci/install-system-deps).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..checker import check
from ..publish.build import PROJECT, build_env, run_build
from .adversarial import time_adversarial
from .book import time_book
from .exports import time_exports
from .lighthouse import lighthouse_scores
from .measure import machine_facts, timed
from .report import BUILD_RUNS, CHECK_RUNS, Results, report
from .weight import CHROMIUM, PageWeight, measure

OUTPUT = PROJECT / "BENCHMARKS.md"
BOOK_SIZES = (10, 100, 1000)
ADVERSARIAL_SIZES = (99_000, 990_000)  # bytes; a page may have at most 1,000,000


def site_build(site_dir: Path) -> None:
    done = run_build(site_dir)
    if done.returncode != 0:
        raise SystemExit(f"the site build failed (exit {done.returncode}):\n{done.stderr}")


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def run_export() -> str:
    """Build the offline edition; a short account of what happened."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tools.publish.export"], cwd=PROJECT, env=build_env(), capture_output=True, text=True
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"`python -m tools.publish.export` failed (exit {done.returncode}) after {took:.1f} s: {last}"
    return f"`python -m tools.publish.export` took {took:.1f} s"


def dist_sizes() -> list[tuple[str, str]]:
    rows = []
    for pattern in ("*.zip", "*.html", "*.epub", "*.pdf"):
        found = sorted((PROJECT / "dist").glob(pattern))
        rows += [(f"dist/{p.name}", f"{p.stat().st_size:,} bytes") for p in found]
        if not found:
            rows.append((f"dist/{pattern}", "not built"))
    return rows


def page_weights(site: Path) -> tuple[list[PageWeight], str]:
    chromium = os.environ.get("CHROMIUM") or CHROMIUM
    if not os.access(chromium, os.X_OK):
        return [], f"skipped: no Chromium at {chromium} (run .ci/install-system-deps or set CHROMIUM)"
    return measure(site, chromium=chromium), f"Chromium `{chromium}`, headless, the site served from 127.0.0.1"


def main() -> int:
    facts = machine_facts()
    print("building the site…", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="edition-bench-site-") as scratch:
        build = timed(lambda: site_build(Path(scratch) / "site"), BUILD_RUNS)
    print("timing the checker…", file=sys.stderr)
    chapter_findings = check(PROJECT).findings
    if chapter_findings:
        print(f"note: the chapter has {len(chapter_findings)} finding(s); timing it anyway", file=sys.stderr)
    chapter = timed(lambda: check(PROJECT), CHECK_RUNS)
    books = [time_book(pages, 20 if pages < 1000 else 5) for pages in BOOK_SIZES]
    hostile = time_adversarial(PROJECT, ADVERSARIAL_SIZES, 5)
    print("building the offline edition…", file=sys.stderr)
    export_note = run_export()
    print("timing each export…", file=sys.stderr)
    exports = time_exports()
    site_build(PROJECT / "site")  # leave site/ as `./edition build` makes it
    print("weighing every page in Chromium…", file=sys.stderr)
    weight = page_weights(PROJECT / "site")
    print("running Lighthouse on every page…", file=sys.stderr)
    lighthouse = lighthouse_scores(PROJECT / "site")
    text = report(
        Results(
            facts,
            build,
            chapter,
            books,
            hostile,
            folder_size(PROJECT / "site"),
            export_note,
            dist_sizes(),
            lighthouse,
            exports,
            weight,
        )
    )
    OUTPUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
