"""What no rule can judge is admitted on review: readings.lock and pages.lock, reviewed as code.

readings.lock: every reading the source list rests on, and what it is admitted to support.

A reading is what the editors saw: a work, where in it, the address they read it at, what kind of
copy that was, and the words it gave (a citation's `said`, a wording's `text`). The checker holds a
fact to the words recorded for it (its numbers, its dates, the people it names), but no rule can
tell words a page gave from words someone made up, a real address from an invented one, or a date a
source asserts from one it mentions to doubt. So a reading enters the edition as the chapter's text
does (original.lock), on review: readings.lock pins, by SHA-256, each citation and wording together
with its entry (section, id), the facts it covers as they are stated, and that entry's fields which
are neither facts nor citations (a person's spellings, a work's kind and short title, a quotation's
status). The source list's policy and statuses, the rules readings are held to, are pinned too, and
its scare quotes and words that are no name.
The file is reviewed as code, never editorial input: a new or changed reading, a fact changed or
moved, a spelling moved to another person, is a `source-reading` finding until a reviewer, having
read the source, admits it:

    python -m tools.checker             # a reading or a page the locks do not hold is a finding
    python -m tools.checker --admit     # pin the source list and the pages as they stand (after review)

An entry that cites nothing (a term of the edition's own vocabulary) is pinned whole, and so is the
`edition` block (what the text is, its editors, date, contact and pages).

pages.lock: every page of docs/ the edition lists, by the SHA-256 of its file. A chapter page's
words are the original's (the checker compares them), but its markup is the editors': the ids a
shared link lands on, which words a quotation's marker gives to which entry, the headings. An
editors' page is the editors' own prose, which no rule can hold to the truth. Both are admitted on
review as a reading is, and so is anchors.yml: the guard holds every redirect and alias to a page or
an element that exists, but only a reviewer can tell it is the one the passage went to.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.findings import Example, Finding, Rule
from ..model.loading import Loaded
from ..model.moves import MOVES
from ..model.readings import cited_by
from ..model.sourcelist import Citation, Quotation, Record, SourceList, Trial, Wording
from ..model.textfile import MAX_BYTES
from ..model.yamlread import PathKey

SOURCE_READING = Rule(
    "source-reading",
    "every reading (work, locator, address, copy, words read), with the facts it is admitted to support and "
    "its entry, and the source list's policy and statuses, are as a reviewer admitted them: their SHA-256 is in "
    "readings.lock, a file reviewed as code",
    Example(
        "data/sources.yml",
        "said: Wikipedia, the free encyclopedia",
        "said: Wikipedia, the encyclopedia anyone can edit",
        at="- work: wikipedia\n        said: Wikipedia, the encyclopedia",
    ),
)
PAGE_REVIEWED = Rule(
    "page-reviewed",
    "every page the edition lists, and anchors.yml, is as a reviewer admitted it (its SHA-256 is in pages.lock, "
    "reviewed as code): the editors' pages, the chapter pages' ids, quotation markers and headings, and where "
    "each moved address now lands",
    Example(
        "docs/index.md",
        "as it was\npublished;",
        "as it was\nfirst published;",
        at="# About this edition",
    ),
)
READINGS_LOCK = "readings.lock"
PAGES_LOCK = "pages.lock"
PAGES_HEADER = "# The pages as admitted on review, by SHA-256 (tools/checker/review.py). Reviewed as code.\n"
HEADER = (
    "# The readings the source list rests on, as admitted on review, each with its place, its entry and the facts\n"
    "# it supports; then the rest of the list as wholes (tools/checker/review.py). Reviewed as code.\n"
)
# The fields that hold readings: pinned one by one, never as part of their entry's context.
READING_FIELDS = frozenset({"sources", "claim_sources", "refutations", "dissent", "russian", "report_wording"})
# The rules readings are held to, and what the chapter's words may be without a footnote (Orlov's own
# scare quotes, words that are no name): pinned as wholes. With the entries, the whole list is pinned.
RULEBOOK = ("policy", "statuses", "scare_quotes", "not_names")


@dataclass(frozen=True)
class Pin:
    """A line of readings.lock: a reading (or a whole entry, or a block of rules) and what it is admitted beside."""

    key: PathKey  # where it is in the source list
    label: str  # what a reviewer reads in the lock: entry, work, address
    payload: object  # everything the digest pins

    @property
    def digest(self) -> str:
        """Its place is pinned with it: a reading moved, copied or reordered is another reading."""
        return sealed([list(self.key), self.payload])


def sealed(value: object) -> str:
    """The SHA-256 of a value's JSON. What many pins share (an entry's spellings, beside each of its
    readings) is sealed once and pinned by this digest: hashed whole in each pin, ten thousand
    spellings beside ten thousand readings would cost a hundred million."""
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def address(reading: Citation | Wording, sources: SourceList) -> str:
    """Where the words were read: the citation's `read_at`, else its work's own address."""
    work = sources.work.get(reading.work)
    return reading.read_at or (work.url if work is not None and work.url else "") or "-"


# Fields added after readings were first pinned: pinned when given, so that a reading without one keeps
# the digest it was admitted by.
LATER_FIELDS = ("language",)


def dumped(record: Record, **options: Any) -> dict[str, Any]:
    """A record's fields as the lock pins them."""
    data = record.model_dump(mode="json", **options)
    for name in LATER_FIELDS:
        if name in data and data[name] is None:
            del data[name]
    return data


def context(record: Record) -> dict[str, Any]:
    """A record's fields that are neither facts nor readings: what its readings are admitted beside."""
    shown = set(type(record).model_fields) - set(record.fact_fields()) - READING_FIELDS
    return dumped(record, by_alias=True, include=shown)


def capacities_of(record: Record) -> dict[str, list[str]]:
    """A trial's participants: each person's capacities (a citation may cover them all)."""
    found: dict[str, list[str]] = {}
    for participant in record.participants if isinstance(record, Trial) else ():
        found.setdefault(participant.person, []).append(participant.capacity)
    return found


def stated(record: Record) -> dict[str, str]:
    """Each fact field of a record (and each participant's capacities) as the lock pins it, sealed
    once: a fact is pinned beside every citation that covers it, and a long one hashed again for each
    would cost their product."""
    values = record.model_dump(mode="json", include=set(record.fact_fields()))
    found = {name: sealed(value) for name, value in values.items()}
    found.update((f"participants:{person}", sealed(held)) for person, held in capacities_of(record).items())
    return found


def covered(citation: Citation, facts: dict[str, str]) -> dict[str, str]:
    """The facts a citation covers, as its record states them (`facts`: stated(record))."""
    return {name: facts.get(name, "") for name in citation.covers}


def pins(sources: SourceList) -> Iterator[Pin]:
    """Every reading of the source list with what the lock pins of it, then the rulebook."""
    for section, index, entry in sources.entries():
        owners = list(cited_by(entry))
        around = sealed(context(entry))
        if not any(cited for *_, cited in owners):  # the editors' own entry (a term of the edition's): pinned whole
            yield Pin((section, index), f"{section}/{entry.id} (the editors')", dumped(entry))
        for within, record, cited in owners:
            inner = sealed(context(record)) if record is not entry else ""
            facts = stated(record)
            for j, citation in enumerate(cited):
                label = f"{section}/{entry.id} {citation.work} {address(citation, sources)}"
                payload = [
                    section,
                    entry.id,
                    list(within),
                    around,
                    inner,
                    covered(citation, facts),
                    dumped(citation, by_alias=True),
                ]
                yield Pin((section, index, *within, j), label, payload)
        if isinstance(entry, Quotation):
            for part in ("russian", "report_wording"):
                wording = getattr(entry, part)
                if wording is not None:
                    label = f"{section}/{entry.id} {wording.work} {address(wording, sources)}"
                    payload = [section, entry.id, part, around, dumped(wording, by_alias=True)]
                    yield Pin((section, index, part), label, payload)
    for name in RULEBOOK:
        yield Pin((name,), name, sources.model_dump(mode="json", include={name}))
    # What the text is, who edited it, when, and where to write: in every citation and download.
    yield Pin(("edition",), "edition", sources.edition.model_dump(mode="json"))


def lock_lines(sources: SourceList) -> list[str]:
    """The lock's lines: each digest, then the entry, work and address a reviewer reads."""
    lines = {f"{r.digest}  {r.label}" for r in pins(sources)}
    return sorted(lines, key=lambda line: (line.split("  ", 1)[1], line))


def write_lock(root: Path, sources: SourceList) -> int:
    """Pin every reading of the source list and every listed page (a reviewer's step, having read
    them); how many readings."""
    lines = lock_lines(sources)
    (root / READINGS_LOCK).write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    pages = [f"{digest}  {shown}" for shown, digest in page_digests(root, sources).items()]
    (root / PAGES_LOCK).write_text(PAGES_HEADER + "".join(f"{line}\n" for line in pages), encoding="utf-8")
    return len(lines)


def locked(root: Path, lock: str) -> dict[str, str]:
    """A lock's lines, digest -> what it names (an entry and its reading, or a page's path): none when
    the lock is missing or unreadable. A lock is an inventory: what it admits must still be there."""
    try:
        lines = (root / lock).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    return {digest: named for digest, _, named in (line.partition("  ") for line in lines if line and line[0] != "#")}


def page_digests(root: Path, sources: SourceList) -> dict[str, str]:
    """Each listed page that can be read, and anchors.yml (where a published address now lands: the
    guard holds it to an element that exists, not to the one the passage went to), by its path as
    findings show it: its SHA-256."""
    found = {}
    for shown in (*(f"docs/{n}" for n in (*sources.edition.pages, *sources.edition.editorial)), MOVES):
        path = root / shown
        try:  # a regular file of at most the limit: a named pipe would never end, a device never stop
            if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_BYTES:
                found[shown] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue  # a missing, special or oversized page is file-missing's or file-too-large's
    return found


def check_pages(root: Path, sources: SourceList) -> Iterator[Finding]:
    # By path: a page's admitted text is its own, not another page's (index.md's words as offline.md).
    admitted = {path: digest for digest, path in locked(root, PAGES_LOCK).items()}
    present = page_digests(root, sources)
    for shown, digest in present.items():
        if admitted.get(shown) != digest:
            yield PAGE_REVIEWED.at(
                shown,
                1,
                1,
                f"is not as {PAGES_LOCK} admits it: a page (its words, ids, quotation markers, headings), or "
                "where anchors.yml sends a published address, is admitted on review",
            )
    for shown in sorted(set(admitted) - set(present)):
        yield PAGE_REVIEWED.at(shown, 1, 1, f"is gone, but {PAGES_LOCK} admits it: a removal is admitted on review")


def check(loaded: Loaded, root: Path) -> Iterator[Finding]:
    admitted = locked(root, READINGS_LOCK)
    present = set()
    for pin in pins(loaded.sources):
        digest = pin.digest
        present.add(digest)
        if digest not in admitted:
            yield loaded.at(
                SOURCE_READING,
                pin.key,
                f"{pin.label} is not as {READINGS_LOCK} admits it: a new, changed or moved reading, a fact it "
                "supports, or its entry's spellings, kind or status, is admitted on review",
            )
    places = {f"{section}/{entry.id}": (section, index) for section, index, entry in loaded.sources.entries()}
    for digest in sorted(set(admitted) - present, key=admitted.__getitem__):
        named = admitted[digest]
        where = places.get(named.split(" ", 1)[0], (named.split("/", 1)[0],))
        yield loaded.at(
            SOURCE_READING,
            where,
            f"{READINGS_LOCK} admits a reading that is gone or moved ({named}): a removal is admitted on review",
        )


RULES = (SOURCE_READING, PAGE_REVIEWED)
