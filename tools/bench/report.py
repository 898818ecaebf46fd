"""BENCHMARKS.md, written from one run's results: one function per section, in SECTIONS' order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .book import BOOK_STATUSES, BookTiming
from .exports import EXPORT_RUNS, ExportTiming
from .measure import Timing
from .weight import BUDGET_BYTES, BUDGET_REQUESTS, PageWeight, heaviest_files
from .weight import table as weight_table

BUILD_RUNS = 3
CHECK_RUNS = 20


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def spread(timing: Timing) -> str:
    return f"{ms(timing.spread[0])} – {ms(timing.spread[1])}"


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
    adversarial: list[tuple[int, Timing]]  # (page size in bytes, the checker's time on it)
    site: tuple[int, int]  # bytes, files
    export_note: str
    dist: list[tuple[str, str]]
    lighthouse: tuple[list[tuple[str, ...]], str]
    exports: list[ExportTiming]
    weight: tuple[list[PageWeight], str]  # the first view of every page in Chromium, or why not


def exports(r: Results) -> list[str]:
    rows = [(f"{e.label} (`{e.name}`)", f"{e.size:,}", ms(e.timing.median), spread(e.timing)) for e in r.exports]
    return [
        "## The offline exports, one by one",
        "",
        f"Each made {EXPORT_RUNS} times in-process from one fresh offline build, with the functions "
        "`./edition export` calls (the real zip also carries the other three files).",
        "",
        *table(("Export", "Size (bytes)", "Median (ms)", "Min – max (ms)"), rows),
    ]


def machine(r: Results) -> list[str]:
    return ["## Machine", "", *table(("What", "Value"), r.facts)]


def build(r: Results) -> list[str]:
    rows = [
        (
            f"`properdocs build --strict` of the site (median of {BUILD_RUNS}, a child process)",
            ms(r.build.median),
            spread(r.build),
        ),
        (
            f"the checker alone on the chapter, 4 pages + source list (median of {CHECK_RUNS}, in-process)",
            ms(r.chapter.median),
            spread(r.chapter),
        ),
    ]
    return [
        "## Site build and the checker's share of it",
        "",
        *table(("What", "Median (ms)", "Min – max (ms)"), rows),
        "",
        f"The checker is **{r.chapter.median / r.build.median:.1%}** of a build. The build cannot run without it "
        "(there is no switch to skip it), so its share is measured as the ratio of the two.",
    ]


def adversarial(r: Results) -> list[str]:
    rows = [("the real chapter", ms(r.chapter.median), spread(r.chapter))]
    rows += [(f"adversarial page, {size:,} bytes", ms(t.median), spread(t)) for size, t in r.adversarial]
    lines = [
        "## The checker on an adversarial page",
        "",
        "A copy of the project whose `docs/praise.md` is a hostile page (`tools/bench/adversarial.py`): tens of "
        "thousands of names, tiny quotations after names, marked quotations, unclosed quotation marks, "
        "unterminated marked spans and characters that are markup, one kind per paragraph. Measured in the same "
        "run as the chapter.",
        "",
        *table(("Input", "Median (ms)", "Min – max (ms)"), rows),
    ]
    if len(r.adversarial) >= 2:
        (small, t_small), (large, t_large) = r.adversarial[0], r.adversarial[-1]
        lines += [
            "",
            f"{large / small:.0f}× the input took {t_large.median / t_small.median:.1f}× the time (linear "
            "would take the same factor; tests/checker/test_linear.py holds it to at most 15× in CPU time).",
        ]
    return lines


def books(r: Results) -> list[str]:
    rows = [(f"{b.pages:,}", str(len(b.timing.runs)), ms(b.timing.median), f"{b.per_page_ms:.3f}") for b in r.books]
    growth = r.books[-1].per_page_ms / r.books[0].per_page_ms
    return [
        "## The checker on synthetic books",
        "",
        "Each page: three paragraphs with ids, two marked quotations with generated footnotes "
        "(`tools.model.formats.footnote_line`) and matching source-list entries, their statuses in turn "
        f"{', '.join(BOOK_STATUSES)} (`verified` needs the official Report's words, which a synthetic book has "
        "not got). Every book is first checked to give zero findings (tests/bench/test_book.py checks a small one).",
        "",
        *table(("Pages", "Runs", "Median (ms)", "ms / page"), rows),
        "",
        f"ms/page at {r.books[-1].pages:,} pages is {growth:.2f}× that at {r.books[0].pages:,} pages "
        "(1.00 would be exactly linear).",
    ]


def sizes(r: Results) -> list[str]:
    rows = [("site/", f"{r.site[0]:,} bytes in {r.site[1]:,} files"), *r.dist]
    return ["## Sizes", "", *table(("Output", "Size"), rows), "", f"Offline edition: {r.export_note}."]


def lighthouse(r: Results) -> list[str]:
    rows, note = r.lighthouse
    if not rows:
        return ["## Lighthouse (mobile)", "", f"Not measured: {note}."]
    return [
        "## Lighthouse (mobile)",
        "",
        *table(("Page", "Performance", "Accessibility", "Best practices", "SEO"), rows),
        "",
        f"{note}. Performance is Lighthouse's simulated slow-4G phone, so it moves with machine load; the "
        "other three are deterministic audits.",
    ]


def weight(r: Results) -> list[str]:
    return weight_section(*r.weight)


def weight_section(weights: list[PageWeight], note: str) -> list[str]:
    lines = ["## Page weight as the reader's browser gets it", ""]
    if not weights:
        return [*lines, f"Not measured: {note}."]
    lines += [
        "Every request Chromium makes for a page's first view until the network has been quiet for "
        "a second (the search worker and the search index included), each body at gzip -9 "
        f"(`tools/bench/weight.py`). Budget: {BUDGET_BYTES / 1000:.0f} kB and {BUDGET_REQUESTS} requests "
        "a page.",
        "",
    ]
    rows = [
        (*row, "yes" if w.within_budget else "**no**") for row, w in zip(weight_table(weights), weights, strict=True)
    ]
    lines += table(("Page", "gzip -9 (kB)", "Requests", "Within budget"), rows)
    heaviest = max(weights, key=lambda w: w.gzipped)
    lines += ["", f"The heaviest page, `{heaviest.page}`, file by file:", ""]
    lines += table(("File", "gzip -9 (kB)"), heaviest_files(weights))
    return [*lines, "", f"{note}."]


SECTIONS: tuple[Callable[[Results], list[str]], ...] = (
    machine,
    build,
    adversarial,
    books,
    sizes,
    exports,
    weight,
    lighthouse,
)


def report(r: Results) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `./edition bench` (`python -m tools.bench`); rerun it to refresh. Times are wall-clock "
        "(`time.perf_counter`); builds run as subprocesses, the checker in-process.",
    ]
    for section in SECTIONS:
        lines += ["", *section(r)]
    return "\n".join(lines) + "\n"
