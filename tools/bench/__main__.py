"""`./edition bench` (`python -m tools.bench`): measure everything in one run and rewrite BENCHMARKS.md.

1. the machine; 2. `./edition build` (check, offline build, every export, online build) cold and
warm against a plain engine build of the same pages, each in a child process on a fresh copy of the
project (tools/bench/builds.py), with its stages; 3. the checker alone, in-process; 4. the checker on
synthetic books ten times apart (tools/bench/book.py); 5. the sizes of site/ and dist/; 6. every
page's weight as Chromium fetches it (tools/bench/weight.py). A measurement that fails says so.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from ..checker import check
from ..model.quotes import tokens_of
from ..publish.build import PROJECT
from .book import write_book
from .builds import CONTACT, SITE_URL, Failed, copy_project, edition_build, plain_build, prepare_plain
from .weight import BUDGET_BYTES, BUDGET_REQUESTS, CHROMIUM, heaviest_files, measure

RUNS, CHECK_RUNS, BOOK_RUNS, BOOK_PAGES = 3, 20, 5, (100, 1000)
BUDGET_SECONDS = 4.0  # issue 22: check, build and all the exports, on the 2-core machine
BUILDS = {
    "cold": "edition, cold: a fresh copy, no dist/ (every PDF renders)",
    "warm": "edition, warm: the same again in that copy (unchanged PDFs are reused)",
    "plain": "plain engine build of the same pages",
}
STAGES = {
    "start-up": "start-up (interpreter, imports, the fork) and exit",
    "check": "check (the checker, once)",
    "online build": "online build (engine, postprocess, guard), with the offline build and the exports alongside "
    "in a second process",
    "exports finished": "… of which waiting for the offline build and the exports (the PDFs, the zip, into dist/)",
}
Section = list[str]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Each run as the first would be: nothing kept from the one before (the tokens' memo)."""
    times = []
    for _ in range(runs):
        tokens_of.cache_clear()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Section:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def seconds(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def field(text: str, key: str) -> str | None:
    return next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith(key)), None)


def machine() -> Section:
    memory = field(read("/proc/meminfo"), "MemTotal")
    rows = [
        ("CPU", field(read("/proc/cpuinfo"), "model name") or platform.processor() or "not known"),
        ("Cores (usable / online)", f"{len(os.sched_getaffinity(0))} / {os.cpu_count()}"),
        ("Memory", f"{int(memory.split()[0]) / 1024**2:.1f} GiB" if memory else "not known"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Platform", platform.platform()),
        ("Load average at start (1 / 5 / 15 min)", " / ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("Date (UTC)", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")),
    ]
    return ["## Machine", "", *table(("What", "Value"), rows)]


def builds(work: Path) -> tuple[Section, Path, float]:
    """The headline: the section, the copy last built (for sizes and weight), the cold median."""
    runs: dict[str, list[float]] = {"cold": [], "warm": []}
    stages: dict[str, dict[str, list[float]]] = {"cold": {}, "warm": {}}
    root = work
    for run, kind in enumerate(["cold"] * RUNS + ["warm"] * RUNS):
        root = copy_project(work / f"copy-{run}") if kind == "cold" else root
        print(f"bench: {kind} build {run % RUNS + 1} of {RUNS}…", file=sys.stderr)
        wall, times = edition_build(root, work / "times.json")
        runs[kind].append(wall)
        for name, took in {**times, "start-up": wall - times["main"]}.items():
            stages[kind].setdefault(name, []).append(took)
        if kind == "cold" and run < RUNS - 1:
            shutil.rmtree(root)
    prepare_plain(root)
    plain = median(runs.setdefault("plain", [plain_build(root) for _ in range(RUNS)]))
    rows = [
        (what, seconds(runs[kind]), f"{median(runs[kind]):.2f}", f"{median(runs[kind]) / plain:.1f}×")
        for kind, what in BUILDS.items()
    ]
    stage_rows = [
        (label, *(f"{median(stages[k].get(s, [0.0])):.2f}" for k in ("cold", "warm"))) for s, label in STAGES.items()
    ]
    met = {
        k: f"{'met' if median(runs[k]) <= BUDGET_SECONDS else '**not met**'} ({median(runs[k]):.2f} s)" for k in runs
    }
    section = [
        "## Check, build and all the exports against a plain engine build",
        "",
        f"Each a child process, median of {RUNS}; each cold run on a fresh copy of the project (no .git, site/, "
        "dist/, .venv, node_modules or caches). The edition: `python -m tools.publish.command build` with "
        f"EDITION_SITE_URL={SITE_URL} and EDITION_CONTACT={CONTACT}, as tests/session.py runs it, through "
        "`tools/bench/stages.py` (the command's own `main`, with a timer around each stage it calls). The plain build: "
        "`python -m properdocs build` of the online build's pages as the hook hands them to the engine "
        "(`tools.publish.engine.prepared`, written out beside a copy of docs/), with mkdocs.yml minus its `hooks:` entry: "
        "one site; no checker, offline build, exports, postprocess or guard.",
        "",
        *table(("Build", "Runs (s)", "Median (s)", "÷ plain"), rows),
        "",
        f"Budget (issue 22): check, build and all the exports in at most {BUDGET_SECONDS:.0f} s on the 2-core "
        f"machine. Cold: {met['cold']}. Warm: {met['warm']}.",
        "",
        "The stages, median seconds:",
        "",
        *table(("Stage", "Cold", "Warm"), stage_rows),
    ]
    return section, root, median(runs["cold"])


def checker(cold: float | None) -> Section:
    print("bench: the checker…", file=sys.stderr)
    runs = timed(lambda: check(PROJECT), CHECK_RUNS)
    share = f" That is **{median(runs) / cold:.1%}** of the edition's cold build." if cold else ""
    return [
        "## The checker alone",
        "",
        f"`check(root)` on the real project, in-process, median of {CHECK_RUNS}: **{median(runs) * 1000:.1f} ms** "
        f"(min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f}).{share}",
    ]


def growth(small: Sequence[float], large: Sequence[float]) -> float:
    """How many times longer the larger input took (medians): 10 for a linear checker on 10× the input."""
    return median(large) / median(small)


def book_runs(work: Path, pages: int) -> tuple[int, list[float]]:
    root = work / f"book-{pages}"
    size = write_book(root, pages)
    found = check(root).findings
    if found:
        raise Failed(f"the synthetic book of {pages} pages has {len(found)} finding(s), the first: {found[0]}")
    return size, timed(lambda: check(root), BOOK_RUNS)


def books(work: Path) -> Section:
    print("bench: synthetic books…", file=sys.stderr)
    measured = [(pages, *book_runs(work, pages)) for pages in BOOK_PAGES]
    rows = [(f"{p:,}", f"{size:,}", f"{median(runs) * 1000:.1f}") for p, size, runs in measured]
    (small, _, fast), (large, _, slow) = measured[0], measured[-1]
    return [
        "## Linear growth: the checker on synthetic books",
        "",
        "Each page a marked quotation introduced by its speaker's name and a paragraph of prose, with its "
        "source-list entry; the original pinned by its SHA-256 (`tools/bench/book.py`). Every book first checked "
        f"to give no finding; median of {BOOK_RUNS}, in-process.",
        "",
        *table(("Pages", "Bytes", "Median (ms)"), rows),
        "",
        f"{large // small}× the pages took **{growth(fast, slow):.1f}×** the time (linear ≈ {large // small}×: a fixed "
        "cost per run pulls the ratio below it, a quadratic path would push it towards a hundred).",
    ]


def pdf_pages(path: Path) -> str:
    if path.suffix != ".pdf":
        return ""
    if shutil.which("pdfinfo") is None:
        return "pdfinfo not installed"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return field(info, "Pages:") or "not read"


def sizes(root: Path) -> Section:
    files = [p for p in (root / "site").rglob("*") if p.is_file()]
    dist = sorted(p for p in (root / "dist").iterdir() if p.is_file() and not p.name.startswith("."))
    rows = [("site/", f"{sum(p.stat().st_size for p in files):,} in {len(files)} files", "")]
    rows += [(f"dist/{p.name}", f"{p.stat().st_size:,}", pdf_pages(p)) for p in dist]
    return ["## Sizes", "", "The last warm build's output.", "", *table(("Output", "Bytes", "PDF pages"), rows)]


def weight(site: Path) -> Section:
    lines = ["## Page weight on a first view", ""]
    chromium = os.environ.get("CHROMIUM") or CHROMIUM
    if not os.access(chromium, os.X_OK):
        return [*lines, f"skipped: no Chromium at {chromium} (run .ci/install-system-deps or set CHROMIUM)."]
    print("bench: every page in Chromium…", file=sys.stderr)
    weights = measure(site, chromium=chromium, prefix=urlsplit(SITE_URL).path)
    budget = f"{BUDGET_BYTES / 1000:.0f} kB and {BUDGET_REQUESTS} requests"
    rows = [
        (w.page, f"{w.gzipped / 1000:.1f}", str(w.requests), "yes" if w.within_budget else "**no**") for w in weights
    ]
    heaviest = max(weights, key=lambda w: w.gzipped)
    return [
        *lines,
        f"Every HTML page of the last build's site/, served by http.server on 127.0.0.1 at {urlsplit(SITE_URL).path} "
        "(its published path) and opened in a fresh "
        f"headless Chromium context (`{chromium}`): every request until the network is idle, each body at gzip -9. "
        f"Budget: {budget} a page; {sum(w.within_budget for w in weights)} of {len(weights)} pages within it.",
        "",
        *table(("Page", "gzip -9 (kB)", "Requests", f"Within {budget}"), rows),
        "",
        f"The heaviest page, `{heaviest.page}`, file by file:",
        "",
        *table(("File", "gzip -9 (kB)"), heaviest_files(weights)),
    ]


def attempt(title: str, make: Callable[[], Section]) -> Section:
    """A section, or what went wrong making it: a failed measurement is reported, never hidden."""
    try:
        return make()
    except Exception as error:
        return [f"## {title}", "", f"failed: {type(error).__name__}: {error}".replace("\n", " ")]


def main() -> int:
    start_load, sections = os.getloadavg()[0], [machine()]
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as folder:
        work = Path(folder)
        built: list[tuple[Path, float]] = []

        def headline() -> Section:
            section, root, cold = builds(work)
            built.append((root, cold))
            return section

        sections.append(attempt("Check, build and all the exports against a plain engine build", headline))
        sections.append(attempt("The checker alone", lambda: checker(built[0][1] if built else None)))
        sections.append(attempt("Linear growth: the checker on synthetic books", lambda: books(work)))
        if built:
            sections.append(attempt("Sizes", lambda: sizes(built[0][0])))
            sections.append(attempt("Page weight on a first view", lambda: weight(built[0][0] / "site")))
        else:
            sections.append(["## Sizes and page weight", "", "not measured: the builds failed (above)."])
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    busy = max(start_load, os.getloadavg()[0]) > len(os.sched_getaffinity(0))
    note = " **The load exceeded the cores during the run: other work inflated these times; rerun on a quiet machine.**"
    intro = [
        "# Benchmarks",
        "",
        "Written by `./edition bench` (`python -m tools.bench`), everything measured in one run; rerun it to refresh. "
        f"Wall-clock times (`time.perf_counter`). Load average at the end (1 / 5 / 15 min): {load}.{note if busy else ''}",
    ]
    text = "\n".join(line for section in [intro, *sections] for line in ["", *section])[1:] + "\n"
    (PROJECT / "BENCHMARKS.md").write_text(text, encoding="utf-8")
    print(text)
    return 1 if any(line.startswith("failed: ") for section in sections for line in section) else 0


if __name__ == "__main__":
    raise SystemExit(main())
