"""readings.lock: every reading the source list rests on, admitted by a reviewer.

A reading is what the editors saw: a work, where in it, the address they read it at, what kind of
copy that was, and the words it gave (a citation's `said`, a wording's `text`). The checker can hold
a fact to the words recorded for it, but no rule can tell words a page gave from words someone made
up, nor a real address from an invented one. So a reading enters the edition the way the chapter's
text does (original.lock): its SHA-256 is pinned in a file reviewed as code, never editorial input.
A new or changed reading is a `source-reading` finding until a reviewer, having read the page, adds
it:

    python -m tools.checker                     # a reading the lock does not hold is a finding
    python -m tools.checker --admit-readings    # pin the source list's readings (after review)

What a reading is *for* (`covers`) stays editorial, and the other rules hold it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from ..model.findings import Example, Finding, Rule
from ..model.sourcelist import Citation, Loaded, SourceList, Wording
from .sourcelist import citations

SOURCE_READING = Rule(
    "source-reading",
    "every reading (work, locator, address, copy, words read) is one a reviewer admitted: its SHA-256 is "
    "in readings.lock, a file reviewed as code",
    Example(
        "data/sources.yml",
        "said: Wikipedia, the free encyclopedia",
        "said: Wikipedia, the encyclopedia anyone can edit",
        at="- work: wikipedia\n        said: Wikipedia, the encyclopedia",
    ),
)
READINGS_LOCK = "readings.lock"
HEADER = (
    "# The readings the source list rests on, admitted on review: the SHA-256 of each citation's work, locator,\n"
    "# address, copy and words read (tools/checker/readings.py). Reviewed as code, never editorial input.\n"
)


def address(reading: Citation | Wording, sources: SourceList) -> str:
    """Where the words were read: the citation's `read_at`, else its work's own address."""
    work = sources.work.get(reading.work)
    return reading.read_at or (work.url if work is not None and work.url else "") or "-"


def digest(reading: Citation | Wording, sources: SourceList) -> str:
    words = list(reading.said) if isinstance(reading, Citation) else [reading.text]
    fields = [reading.work, reading.locator, address(reading, sources), reading.copy_kind, reading.canonical, words]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def lock_lines(sources: SourceList) -> list[str]:
    """The lock's lines for every reading: the digest, then the work and address a reviewer reads."""
    lines = {f"{digest(c, sources)}  {c.work} {address(c, sources)}" for _, c in citations(sources)}
    return sorted(lines, key=lambda line: (line.split("  ", 1)[1], line))


def write_lock(root: Path, sources: SourceList) -> int:
    """Pin every reading of the source list (what a reviewer does, having read them); how many."""
    lines = lock_lines(sources)
    (root / READINGS_LOCK).write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return len(lines)


def pinned(root: Path) -> frozenset[str]:
    """The admitted readings' digests (none when the lock is missing or unreadable)."""
    try:
        text = (root / READINGS_LOCK).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(line.split("  ", 1)[0] for line in text.splitlines() if line and not line.startswith("#"))


def check(loaded: Loaded, admitted: frozenset[str]) -> Iterator[Finding]:
    for key, reading in citations(loaded.sources):
        if digest(reading, loaded.sources) not in admitted:
            yield loaded.at(
                SOURCE_READING,
                key,
                f"this reading of '{reading.work}' at {address(reading, loaded.sources)} is not in {READINGS_LOCK}: "
                "a new or changed reading (work, locator, address, copy, words) is admitted on review",
            )


RULES = (SOURCE_READING,)
