"""Synthetic books of any size that the checker passes clean: for timing it against input size."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..checker import check
from ..model.formats import footnote_line
from ..model.records import STATUSES
from ..model.schema import load
from .measure import Timing, timed

PEOPLE = (
    ("vyshinsky", "Vyshinsky", "prosecutor"),
    ("bukharin", "Bukharin", "defendant"),
    ("radek", "Radek", "defendant"),
    ("pyatakov", "Pyatakov", "defendant"),
    ("kamenev", "Kamenev", "defendant"),
)
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


# Every status but `verified`: a verified quotation must give the official Report's own words
# (report_wording), and a synthetic book has no honest words to give, nor a Report to cite.
BOOK_STATUSES = tuple(s for s in STATUSES if s != "verified")


def speakers(pages: int) -> list[tuple[str, str, str]]:
    """The people a book of `pages` pages quotes (page n quotes PEOPLE n and n + 1): a person
    never named would be an unused entry (yaml-unused), so a small book lists only those."""
    quoted = {(n + k) % len(PEOPLE) for n in range(min(pages, len(PEOPLE))) for k in range(2)}
    return [person for index, person in enumerate(PEOPLE) if index in quoted]


def book_sources(pages: int, original_sha256: str) -> dict[str, object]:
    """The source list of a synthetic book: two quotations per page, in turn every status that
    needs no Report wording (BOOK_STATUSES)."""

    def ref() -> list[dict[str, str]]:  # a fresh list each time: a shared one would dump as a YAML alias
        return [{"work": "orlov-1953", "locator": "synthetic"}]

    quotations = []
    for n in range(pages):
        for k in range(2):
            person = PEOPLE[(n + k) % len(PEOPLE)]
            quotations.append(
                {
                    "id": f"q-p{n}-{k}",
                    "text": QUOTES[(n + 2 * k) % len(QUOTES)],
                    "speaker": person[0],
                    "role": person[2],
                    "trial": None,
                    "occasion": "in court",
                    "date": None,
                    "status": BOOK_STATUSES[(n + k) % len(BOOK_STATUSES)],
                    "sources": ref(),
                }
            )
    return {
        "edition": {
            "original": "original/book.txt",
            "original_sha256": original_sha256,
            "pages": [f"page-{n:04d}.md" for n in range(pages)],
        },
        "statuses": {s: {"label": s.title(), "meaning": f"The {s} status."} for s in STATUSES},
        "policy": {"denylist": []},
        "works": [
            {"id": "orlov-1953", "kind": "memoir", "short": "Orlov 1953", "title": "The Secret History", "year": 1953}
        ],
        "trials": [],
        "people": [
            {
                "id": pid,
                "name": name,
                "variants": [name],
                "born": None,
                "died": None,
                "role": role,
                "summary": "A person in the synthetic book.",
                "sources": ref(),
            }
            for pid, name, role in speakers(pages)
        ],
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
    original = "\n\n".join(plain for n in range(pages) for _, _, plain in page_paragraphs(n)) + "\n"
    (root / "original" / "book.txt").write_text(original, encoding="utf-8")
    digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    (root / "data" / "sources.yml").write_text(
        yaml.safe_dump(book_sources(pages, digest), allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )
    sources, _ = load(root / "data" / "sources.yml", "data/sources.yml")
    for n in range(pages):
        paragraphs = page_paragraphs(n)
        body = "".join(f"{markdown}\n{{: #{pid} }}\n\n" for pid, markdown, _ in paragraphs)
        notes = "\n".join(footnote_line(sources.quotations[f"q-p{n}-{k}"], sources) for k in range(2))
        page = f"# Page {n} {{ #page-{n} .editor-heading }}\n\n{body}{notes}\n"
        (root / "docs" / f"page-{n:04d}.md").write_text(page, encoding="utf-8")


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
            raise SystemExit(
                f"the synthetic book of {pages} pages does not check clean:\n" + "\n".join(map(str, findings[:10]))
            )
        return BookTiming(pages, timed(lambda: check(root), runs))
