"""BENCHMARKS.md, written from one run's results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .book import BookTiming
from .measure import Timing

BUILD_RUNS = 3
CHECK_RUNS = 20


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


@dataclass(frozen=True)
class Results:
    """Everything one `./edition bench` run measured."""

    facts: list[tuple[str, str]]
    build: Timing
    chapter: Timing
    books: list[BookTiming]
    site: tuple[int, int]  # bytes, files
    export_note: str
    dist: list[tuple[str, str]]
    lighthouse: tuple[list[tuple[str, ...]], str]


def report(r: Results) -> str:
    facts, build, chapter, books = r.facts, r.build, r.chapter, r.books
    site, export_note, dist, lighthouse = r.site, r.export_note, r.dist, r.lighthouse
    lines = [
        "# Benchmarks",
        "",
        "Written by `./edition bench` (`python -m tools.bench`); rerun it to refresh. "
        "Times are wall-clock (`time.perf_counter`); builds run as subprocesses, the checker in-process.",
        "",
        "## Machine",
        "",
    ]
    lines += table(("What", "Value"), facts)
    lines += ["", "## Site build and the checker's share of it", ""]
    lines += table(
        ("What", "Median (ms)", "Min – max (ms)"),
        [
            (
                f"`properdocs build --strict` of the site (median of {BUILD_RUNS}, a child process)",
                ms(build.median),
                f"{ms(build.spread[0])} – {ms(build.spread[1])}",
            ),
            (
                f"the checker alone on the chapter, 4 pages + source list (median of {CHECK_RUNS}, in-process)",
                ms(chapter.median),
                f"{ms(chapter.spread[0])} – {ms(chapter.spread[1])}",
            ),
        ],
    )
    lines += [
        "",
        f"The checker is **{chapter.median / build.median:.1%}** of a build. The build cannot run without "
        "it (there is no switch to skip it), so its share is measured as the ratio of the two.",
    ]
    lines += [
        "",
        "## The checker on synthetic books",
        "",
        "Each page: three paragraphs with ids, two marked quotations with generated footnotes "
        "(`tools.model.formats.footnote_line`) and matching source-list entries. Every book is first "
        "checked to give zero findings.",
        "",
    ]
    lines += table(
        ("Pages", "Runs", "Median (ms)", "ms / page"),
        [(f"{b.pages:,}", str(len(b.timing.runs)), ms(b.timing.median), f"{b.per_page_ms:.3f}") for b in books],
    )
    growth = books[-1].per_page_ms / books[0].per_page_ms
    lines += [
        "",
        f"ms/page at {books[-1].pages:,} pages is {growth:.2f}× that at {books[0].pages:,} pages "
        "(1.00 would be exactly linear).",
        "",
        "## Sizes",
        "",
    ]
    lines += table(("Output", "Size"), [("site/", f"{site[0]:,} bytes in {site[1]:,} files"), *dist])
    lines += ["", f"Offline edition: {export_note}.", ""]
    lh_rows, lh_note = lighthouse
    lines += ["## Lighthouse (mobile)", ""]
    if lh_rows:
        lines += table(("Page", "Performance", "Accessibility", "Best practices", "SEO"), lh_rows)
        lines += [
            "",
            f"{lh_note}. Performance is Lighthouse's simulated slow-4G phone, so it moves with machine "
            "load; the other three are deterministic audits.",
            "",
        ]
    else:
        lines += [f"Not measured: {lh_note}.", ""]
    return "\n".join(lines)
