"""Which pages the site generates from the source list, and on which of them each work's full entry is.

The apparatus pages (people, quotations, trials, sources, glossary, teachers), and the pages of full
entries: one for each kind of work the list cites (`sources-primary.md` …), where every citation of a
work is shown with where it was read and the words read there (tools/site/workpages.py). A kind
whose entries would be too heavy for one page (a first view holds 65 kB: the theme's files, the
page's header and navigation, and then the article; tests/browser/test_page_weight.py) continues on
numbered parts (`sources-primary-2.md` …), its works kept in the source list's order. How much an
entry shows is reckoned from the source list alone (the bytes of its words, addresses and places),
so the site, the checker and the output guard agree on every page without rendering one.
"""

from __future__ import annotations

import gzip
import itertools
from dataclasses import dataclass

from .readings import reading_key, readings
from .sourcelist import SourceList
from .values import KINDS

APPARATUS = ("people.md", "quotations.md", "trials.md", "sources.md", "glossary.md", "teachers.md")
# What one page of full entries may weigh, reckoned as `weight` does: its article then weighs at most
# about 5 kB at gzip -9, and the page, with the theme's header, navigation and metadata, about 10 kB
# (the first view's budget: tests/browser/test_page_weight.py). Measured on the source list: the
# article weighs 1.3 kB (the page's introduction) and about two thirds of the entries' weight.
PART_WEIGHT = 5_200
WORK_WEIGHT = 0  # an entry's heading and lists: within the reckoning's error
READING_WEIGHT = 62  # each place read: its list item, the link to the address, the words' marks
USE_WEIGHT = 0  # each entry relying on a reading (a link to it): within the reckoning's error


def kind_page(kind: str, part: int = 1) -> str:
    """The page of a kind's full entries: "primary" -> "sources-primary.md", part 2 -> "sources-primary-2.md"."""
    return f"sources-{kind}.md" if part == 1 else f"sources-{kind}-{part}.md"


@dataclass(frozen=True)
class KindPage:
    kind: str
    part: int  # from 1
    parts: int  # how many pages the kind has
    works: tuple[str, ...]  # the ids of the works whose full entries it holds, in the list's order

    @property
    def name(self) -> str:
        return kind_page(self.kind, self.part)

    @property
    def html(self) -> str:
        return self.name.removesuffix(".md") + ".html"


def weight(sources: SourceList) -> dict[str, int]:
    """How much each work's full entry weighs: its text at gzip -9 (what it says of the work, and of
    each place read: the locator, the addresses, the words), and a reckoning of its markup."""
    texts: dict[str, list[str]] = {}
    marks: dict[str, int] = {}
    for w in sources.works:
        said = (w.short, w.title, w.author, w.container, w.edition, w.place, w.publisher, w.url, w.note, w.remark)
        texts[w.id] = [part for part in said if part]
        marks[w.id] = WORK_WEIGHT
    seen: set[tuple[object, ...]] = set()
    for _, _, citation in readings(sources):
        if citation.work not in texts:
            continue  # the checker says so
        marks[citation.work] += USE_WEIGHT
        key = reading_key(citation)
        if key in seen:
            continue
        seen.add(key)
        texts[citation.work] += [
            citation.locator or "",
            citation.read_at or "",
            citation.canonical or "",
            *citation.words,
        ]
        marks[citation.work] += READING_WEIGHT
    return {w: len(gzip.compress("\n".join(texts[w]).encode(), 9)) + marks[w] for w in texts}


def balanced(weights: list[int], count: int) -> list[list[int]]:
    """The indices of `weights` in `count` runs, in order: the heaviest run as light as it can be,
    and of those ways the most even (the least sum of squares). The linear partition, by dynamic
    programming over (heaviest, sum of squares): a kind has tens of works, a few runs."""
    n = len(weights)
    prefix = list(itertools.accumulate(weights, initial=0))
    never = (prefix[-1] + 1, 0)
    # best[k][i]: the cost when the first i weights make k runs; start[k][i]: where the k-th run starts
    best = [[(0, 0)] + [never] * n] + [[never] * (n + 1) for _ in range(count)]
    start = [[0] * (n + 1) for _ in range(count + 1)]
    for k in range(1, count + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                run = prefix[i] - prefix[j]
                heaviest, squares = best[k - 1][j]
                cost = (max(heaviest, run), squares + run * run)
                if best[k - 1][j] != never and cost < best[k][i]:
                    best[k][i], start[k][i] = cost, j
    ends = [n]
    for k in range(count, 1, -1):
        ends.append(start[k][ends[-1]])
    bounds = [0, *reversed(ends)]
    return [list(range(a, b)) for a, b in itertools.pairwise(bounds)]


def _layout(sources: SourceList) -> tuple[KindPage, ...]:
    weights = weight(sources)
    pages: list[KindPage] = []
    for kind in KINDS:
        works = [w.id for w in sources.works if w.kind == kind]
        if not works:
            continue
        count = max(1, min(len(works), -(-sum(weights[w] for w in works) // PART_WEIGHT)))
        while True:  # the fewest pages none of which is over the weight (or a page a work)
            runs = [[works[i] for i in run] for run in balanced([weights[w] for w in works], count)]
            if count == len(works) or all(sum(weights[w] for w in run) <= PART_WEIGHT for run in runs):
                break
            count += 1
        pages += [KindPage(kind, n, len(runs), tuple(run)) for n, run in enumerate(runs, 1)]
    return tuple(pages)


_layouts: dict[int, tuple[SourceList, tuple[KindPage, ...]]] = {}


def kind_pages(sources: SourceList) -> tuple[KindPage, ...]:
    """The pages of full entries, by kind in the schema's order (a kind with no work has none), then part."""
    known = _layouts.get(id(sources))
    if known is None or known[0] is not sources:  # by identity: a source list is read once per check
        if len(_layouts) > 8:
            _layouts.clear()
        known = _layouts[id(sources)] = (sources, _layout(sources))
    return known[1]


def kind_of_page(name: str) -> tuple[str, int] | None:
    """(kind, part) of a page of full entries by its name (`sources-primary-2.html` or `.md`)."""
    stem = name.removesuffix(".html").removesuffix(".md")
    for kind in KINDS:
        if stem == f"sources-{kind}":
            return kind, 1
        number = stem.removeprefix(f"sources-{kind}-")
        if number != stem and number.isascii() and number.isdigit() and not number.startswith("0") and number != "1":
            return kind, int(number)
    return None


def work_page(work_id: str, sources: SourceList) -> KindPage | None:
    return next((page for page in kind_pages(sources) if work_id in page.works), None)


def generated_pages(sources: SourceList) -> tuple[str, ...]:
    """Every page generated from the source list, by name under docs/."""
    return (*APPARATUS, *(page.name for page in kind_pages(sources)))
