"""Benchmarks of the edition, written to BENCHMARKS.md at the project root.

    python -m tools.bench            # (./edition bench) measure and (re)write BENCHMARKS.md

What it measures, always in the same order so two runs give comparable files:

1. the machine (CPU, cores, memory, Python, platform, date);
2. `mkdocs build --strict` of the real site with and without the attribution checker
   (median of 3 runs each) and their ratio;
3. the checker alone on the chapter (median of 20 in-process runs);
4. the checker on synthetic books of 10, 100 and 1,000 pages (ms and ms per page);
5. the sizes of site/ and of the offline edition in dist/;
6. Lighthouse mobile scores (performance, accessibility, best practices, SEO) of every page of
   site/, served over HTTP on 127.0.0.1, if npm's lighthouse (package.json) and a Chromium are
   installed (.ci/install-system-deps); otherwise the section says why it was skipped.

"Without the checker" cannot be a build without the hook: the hook also renders the status
legend the footnotes link to, so strict validation fails. It is the build with the hook's checker
call switched off by EDITION_SKIP_CHECK=1.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .check import PROJECT, check
from .footnotes import footnote_line
from .sourcelist import load

OUTPUT = PROJECT / "BENCHMARKS.md"
HOOK = PROJECT / "tools" / "mkdocs_hook.py"
SKIP_CHECK = "EDITION_SKIP_CHECK"
BUILD_RUNS = 3
CHECK_RUNS = 20
BOOK_SIZES = (10, 100, 1000)
PEOPLE = (
    ("vyshinsky", "Vyshinsky", "prosecutor"),
    ("bukharin", "Bukharin", "defendant"),
    ("radek", "Radek", "defendant"),
    ("pyatakov", "Pyatakov", "defendant"),
    ("kamenev", "Kamenev", "defendant"),
)
STATUSES = ("verified", "attributed", "unverified", "paraphrase")


# --- measuring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    runs: tuple[float, ...]  # seconds

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.runs), max(self.runs)


def timed(action: Callable[[], None], runs: int) -> Timing:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return Timing(tuple(times))


# --- the machine ----------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "not known"


def memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "not known"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine_facts() -> list[tuple[str, str]]:
    return [
        ("CPU", cpu_model()),
        ("Cores (usable / online)", f"{usable_cores()} / {os.cpu_count()}"),
        ("Memory", memory_gib()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Platform", platform.platform()),
        ("Load average at start (1 / 5 / 15 min)", " / ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("Date (UTC)", dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")),
    ]


# --- building the site ----------------------------------------------------------------------


def hook_honours_skip() -> bool:
    try:
        return SKIP_CHECK in HOOK.read_text(encoding="utf-8")
    except OSError:
        return False


def build_env(skip_check: bool) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop(SKIP_CHECK, None)
    if skip_check:
        env[SKIP_CHECK] = "1"
    return env


def mkdocs_build(site_dir: Path, skip_check: bool) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    done = subprocess.run(command, cwd=PROJECT, env=build_env(skip_check), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed (exit {done.returncode}):\n{done.stderr}")


def time_builds(scratch: Path) -> tuple[Timing, Timing]:
    """(with, without) the checker; runs alternate so a change in machine load hits both alike."""
    runs: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(BUILD_RUNS):
        for skip_check in (False, True):
            runs[skip_check] += timed(lambda: mkdocs_build(scratch / f"skip-{skip_check}", skip_check), 1).runs
    return Timing(tuple(runs[False])), Timing(tuple(runs[True]))


# --- synthetic books ------------------------------------------------------------------------

SENTENCES = (
    "The trial opened in the October Hall of the House of the Unions before an invited audience.",
    "Each defendant had rehearsed his part for months, and the prosecutor knew every line of it.",
    "Nobody in the hall asked why the confessions agreed so closely with one another.",
    "Foreign correspondents filled the benches, and some of them believed what they heard.",
    "The court adjourned late in the evening, and the verdict had been written in advance.",
)
QUOTES = (
    "We confess everything and ask for no mercy",
    "I was the agent of a foreign power for many years",
    "The enemies of the people will be destroyed without pity",
    "Long live the great cause to which I was a traitor",
)


def book_sources(pages: int) -> dict[str, object]:
    """The source list of a synthetic book: two quotations per page, all four statuses."""

    def ref() -> list[dict[str, str]]:  # a fresh list each time: a shared one would dump as a YAML alias
        return [{"work": "orlov-1953", "locator": "synthetic"}]

    quotations = []
    for n in range(pages):
        for k in range(2):
            person = PEOPLE[(n + k) % len(PEOPLE)]
            quotations.append({
                "id": f"q-p{n}-{k}", "text": QUOTES[(n + 2 * k) % len(QUOTES)], "speaker": person[0],
                "role": person[2], "trial": None, "occasion": "in court", "date": None,
                "status": STATUSES[(n + k) % len(STATUSES)], "sources": ref(),
            })
    return {
        "edition": {"original": "original/book.txt", "pages": [f"page-{n:04d}.md" for n in range(pages)]},
        "statuses": {s: {"label": s.title(), "meaning": f"The {s} status."} for s in STATUSES},
        "works": [{"id": "orlov-1953", "group": "book", "short": "Orlov 1953", "title": "The Secret History",
                   "year": 1953}],
        "trials": [],
        "people": [{"id": pid, "name": name, "variants": [name], "born": None, "died": None, "role": role,
                    "summary": "A person in the synthetic book.", "sources": ref()} for pid, name, role in PEOPLE],
        "quotations": quotations,
        # Capitalised words of SENTENCES that are not people (the name-unknown rule).
        "not_names": ["October", "Hall", "House", "Unions"],
        "scare_quotes": [],
        "meetings": [],
        "notes": [],
    }


def page_paragraphs(n: int) -> list[tuple[str, str, str]]:
    """(id, Markdown, plain text) of each paragraph of synthetic page n."""
    paragraphs = []
    for k in range(2):
        person = PEOPLE[(n + k) % len(PEOPLE)][1]
        words = QUOTES[(n + 2 * k) % len(QUOTES)]
        qid = f"q-p{n}-{k}"
        lead = f"{SENTENCES[(n + k) % len(SENTENCES)]} Then {person} said:"
        paragraphs.append((f"p-{n}-{k}", f"{lead} [“{words}”]{{ #{qid} }}[^{qid}]", f"{lead} “{words}”"))
    closing = SENTENCES[(n + 2) % len(SENTENCES)]
    paragraphs.append((f"p-{n}-2", closing, closing))
    return paragraphs


def write_book(root: Path, pages: int) -> None:
    """A synthetic project under `root` that the checker passes with no finding."""
    (root / "data").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "original").mkdir()
    (root / "data" / "sources.yml").write_text(
        yaml.safe_dump(book_sources(pages), allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    sources, _ = load(root / "data" / "sources.yml", "data/sources.yml")
    original = []
    for n in range(pages):
        paragraphs = page_paragraphs(n)
        body = "".join(f"{markdown}\n{{: #{pid} }}\n\n" for pid, markdown, _ in paragraphs)
        notes = "\n".join(footnote_line(sources.quotations[f"q-p{n}-{k}"], sources) for k in range(2))
        page = f"# Page {n} {{ #page-{n} .editor-heading }}\n\n{body}{notes}\n"
        (root / "docs" / f"page-{n:04d}.md").write_text(page, encoding="utf-8")
        original += [plain for _, _, plain in paragraphs]
    (root / "original" / "book.txt").write_text("\n\n".join(original) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class BookTiming:
    pages: int
    timing: Timing

    @property
    def per_page_ms(self) -> float:
        return self.timing.median * 1000 / self.pages


def time_book(pages: int, runs: int) -> BookTiming:
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as folder:
        root = Path(folder)
        write_book(root, pages)
        findings = check(root).findings
        if findings:
            raise SystemExit(f"the synthetic book of {pages} pages does not check clean:\n"
                             + "\n".join(map(str, findings[:10])))
        return BookTiming(pages, timed(lambda: check(root), runs))


# --- sizes ----------------------------------------------------------------------------------


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def run_export() -> str:
    """Build the offline edition if the exporter exists; a short account of what happened."""
    if not (PROJECT / "tools" / "export.py").exists():
        return "tools/export.py does not exist yet; dist/ not rebuilt"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tools.export"], cwd=PROJECT, env=build_env(False),
                          capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"`python -m tools.export` failed (exit {done.returncode}) after {took:.1f} s: {last}"
    return f"`python -m tools.export` took {took:.1f} s"


def dist_sizes() -> list[tuple[str, str]]:
    rows = []
    for pattern in ("*.zip", "*.html"):
        found = sorted((PROJECT / "dist").glob(pattern))
        rows += [(f"dist/{p.name}", f"{p.stat().st_size:,} bytes") for p in found]
        if not found:
            rows.append((f"dist/{pattern}", "not built"))
    return rows


# --- Lighthouse ----------------------------------------------------------------------------

LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Serves text files gzip-compressed, as any real web host does; Lighthouse's slow-4G
    simulation otherwise measures bytes no reader would ever download."""

    COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml"}

    def do_GET(self) -> None:  # noqa: N802 (http.server's API name)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.COMPRESSED or not path.is_file():
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def lighthouse_version() -> str:
    try:
        package = PROJECT / "node_modules" / "lighthouse" / "package.json"
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "not known"


def lighthouse_scores(site: Path) -> tuple[list[tuple[str, ...]], str]:
    """(rows of page and four scores 0-100, a note). Lighthouse's default config is the mobile
    one: a Moto G Power-sized screen, 4x CPU slowdown and simulated slow 4G."""
    chromium = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not LIGHTHOUSE.exists():
        return [], "skipped: node_modules/.bin/lighthouse is missing (run .ci/install-system-deps, which runs npm ci)"
    if not os.access(chromium, os.X_OK):
        return [], f"skipped: no Chromium at {chromium} (run .ci/install-system-deps or set CHROMIUM)"
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows, failed = [], []
    try:
        with tempfile.TemporaryDirectory(prefix="edition-bench-lh-") as scratch:
            for page in sorted(p.name for p in site.glob("*.html")):
                out = Path(scratch) / f"{page}.json"
                command = [str(LIGHTHOUSE), base + page, "--quiet", "--output=json", f"--output-path={out}",
                           f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                           "--chrome-flags=--headless --no-sandbox"]
                done = subprocess.run(command, env=dict(os.environ, CHROME_PATH=chromium), capture_output=True,
                                      text=True, timeout=180)
                try:
                    categories = json.loads(out.read_text(encoding="utf-8"))["categories"]
                    scores = [categories[c]["score"] for c in LIGHTHOUSE_CATEGORIES]
                except (OSError, ValueError, KeyError):
                    failed.append(f"{page} (exit {done.returncode}: {(done.stderr.strip().splitlines() or ['?'])[-1]})")
                    continue
                rows.append((page, *("n/a" if s is None else f"{round(s * 100)}" for s in scores)))
    finally:
        server.shutdown()
        server.server_close()
    note = (f"Lighthouse {lighthouse_version()}, default (mobile) settings, Chromium `{chromium}` headless; "
            "the site served from 127.0.0.1 by Python's http.server with gzip (as a real host would), no cache headers")
    if failed:
        note += "; failed on: " + ", ".join(failed)
    return rows, note


# --- report ---------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def report(facts: list[tuple[str, str]], with_check: Timing, without_check: Timing, honoured: bool,
           chapter: Timing, books: list[BookTiming], site: tuple[int, int], export_note: str,
           dist: list[tuple[str, str]], lighthouse: tuple[list[tuple[str, ...]], str]) -> str:
    lines = ["# Benchmarks", "",
             "Written by `./edition bench` (`python -m tools.bench`); rerun it to refresh. "
             "Times are wall-clock (`time.perf_counter`); builds run as subprocesses, the checker in-process.", "",
             "## Machine", ""]
    lines += table(("What", "Value"), facts)
    lines += ["", f"## Site build: `mkdocs build --strict` (median of {BUILD_RUNS})", ""]
    lines += table(("Build", "Median (ms)", "Min – max (ms)"), [
        ("with the attribution checker", ms(with_check.median), f"{ms(with_check.spread[0])} – {ms(with_check.spread[1])}"),
        (f"without it (`{SKIP_CHECK}=1`)", ms(without_check.median),
         f"{ms(without_check.spread[0])} – {ms(without_check.spread[1])}"),
    ])
    lines += ["", f"Ratio with / without: **{with_check.median / without_check.median:.2f}**.", "",
              "Without the hook at all (`hooks: []`) the strict build fails: the hook also renders the status "
              "legend that every footnote links to. So 'without' is the build with the hook's checker call "
              f"switched off by `{SKIP_CHECK}=1`."]
    if not honoured:
        lines += ["", f"**Caveat:** tools/mkdocs_hook.py does not read `{SKIP_CHECK}` yet, so both rows still "
                      "ran the checker and the ratio shows only noise."]
    lines += ["", f"## The checker alone on the chapter (median of {CHECK_RUNS}, in-process)", ""]
    lines += table(("Input", "Median (ms)", "Min – max (ms)"), [
        ("the real chapter (4 pages + source list)", ms(chapter.median),
         f"{ms(chapter.spread[0])} – {ms(chapter.spread[1])}")])
    lines += ["", "## The checker on synthetic books", "",
              "Each page: three paragraphs with ids, two marked quotations with generated footnotes "
              "(`tools.footnotes.footnote_line`) and matching source-list entries. Every book is first "
              "checked to give zero findings.", ""]
    lines += table(("Pages", "Runs", "Median (ms)", "ms / page"),
                   [(f"{b.pages:,}", str(len(b.timing.runs)), ms(b.timing.median), f"{b.per_page_ms:.3f}") for b in books])
    growth = books[-1].per_page_ms / books[0].per_page_ms
    lines += ["", f"ms/page at {books[-1].pages:,} pages is {growth:.2f}× that at {books[0].pages:,} pages "
                  "(1.00 would be exactly linear).", "", "## Sizes", ""]
    lines += table(("Output", "Size"), [("site/", f"{site[0]:,} bytes in {site[1]:,} files"), *dist])
    lines += ["", f"Offline edition: {export_note}.", ""]
    lh_rows, lh_note = lighthouse
    lines += ["## Lighthouse (mobile)", ""]
    if lh_rows:
        lines += table(("Page", "Performance", "Accessibility", "Best practices", "SEO"), lh_rows)
        lines += ["", f"{lh_note}. Performance is Lighthouse's simulated slow-4G phone, so it moves with machine "
                      "load; the other three are deterministic audits.", ""]
    else:
        lines += [f"Not measured: {lh_note}.", ""]
    return "\n".join(lines)


def main() -> int:
    facts = machine_facts()
    print("building the site…", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="edition-bench-site-") as scratch:
        with_check, without_check = time_builds(Path(scratch))
    mkdocs_build(PROJECT / "site", skip_check=False)  # leave site/ as `./edition build` makes it
    print("timing the checker…", file=sys.stderr)
    chapter_findings = check(PROJECT).findings
    if chapter_findings:
        print(f"note: the chapter has {len(chapter_findings)} finding(s); timing it anyway", file=sys.stderr)
    chapter = timed(lambda: check(PROJECT), CHECK_RUNS)
    books = [time_book(pages, 20 if pages < 1000 else 5) for pages in BOOK_SIZES]
    print("building the offline edition…", file=sys.stderr)
    export_note = run_export()
    print("running Lighthouse on every page…", file=sys.stderr)
    lighthouse = lighthouse_scores(PROJECT / "site")
    text = report(facts, with_check, without_check, hook_honours_skip(), chapter, books,
                  folder_size(PROJECT / "site"), export_note, dist_sizes(), lighthouse)
    OUTPUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
