"""Synthetic books of any number of pages that the checker passes with no finding: each page a
marked quotation (statuses in turn) introduced by a speaker's name, then a paragraph of prose; the
original is the pages' text, its SHA-256 pinned, and its readings admitted; one work, one person and one entry per quotation."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import yaml

from ..checker import SOURCE_LIST
from ..checker.review import write_lock
from ..model.loading import load

WORDS = ("loyal", "guilty", "shameful", "bitter", "honest", "final", "whole", "sincere", "deep", "open")
STATUSES = ("unverified", "paraphrase")  # `attributed` and `verified` need a source beside the chapter
SAID = "a translation of Orlov's chapter on the trials, in which the defendant Rosenholz speaks"
LEAD = "The court heard the defendant once more, and the defendant Rosenholz said:"
PROSE = "The hall was silent, and nobody in it asked why the story agreed so closely with the others."


def quote(n: int) -> str:
    """Words of page n's quotation, unique to it: its number spelt in WORDS, digit by digit."""
    return f"I make a {' '.join(WORDS[int(d)] for d in f'{n:04d}')} confession before the court!"


def cite(*covers: str) -> list[dict[str, Any]]:
    return [{"work": "todaychina-series", "said": SAID, "covers": list(covers)}]


def source_list(pages: int) -> dict[str, Any]:
    person: dict[str, Any] = {
        "id": "rosengolts",
        "name": "Rosenholz",
        "variants": ["Rosenholz"],
        "born": None,
        "died": None,
    }
    person |= {"born_calendar": "not stated", "died_calendar": "not stated", "role": "defendant"}
    person |= {"summary": "a defendant in Orlov's chapter on the trials", "sources": cite("name", "role", "summary")}
    work: dict[str, Any] = {
        "id": "todaychina-series",
        "kind": "memoir",
        "short": "todaychina.cc serial",
        "title": "The Secret History",
    }
    work |= {
        "url": "https://todaychina.cc/1542.html",
        "sources": [{"work": work["id"], "said": "The Secret History", "covers": ["title"]}],
    }
    return {
        "edition": {
            "title": "A synthetic book",
            "slug": "synthetic-book",
            "original": "original/book.txt",
            "pages": [f"page-{n}.md" for n in range(pages)],
            "work": "todaychina-series",
            "translation": "todaychina-series",
            "relation": "a synthetic book made by the bench",
            "date": dt.date(2026, 1, 1),
            "editors": ["the bench"],
        },
        "statuses": {s: {"label": s.title(), "meaning": f"The {s} status."} for s in ("verified", *STATUSES)},
        "policy": {"denylist": []},
        "works": [work],
        "trials": [],
        "people": [person],
        "quotations": [quotation(n) for n in range(pages)],
    }


def quotation(n: int) -> dict[str, Any]:
    """Page n's entry, made afresh (a shared value would be written as a YAML alias, which is refused)."""
    entry: dict[str, Any] = {
        "id": f"q-page-{n}",
        "text": quote(n),
        "speaker": "rosengolts",
        "introduced_as": "Rosenholz",
    }
    entry |= {"role": "defendant", "trial": None, "occasion": None, "date": None}
    return entry | {"status": STATUSES[n % len(STATUSES)], "sources": cite("speaker", "role")}


def write_book(root: Path, pages: int) -> int:
    """A project of `pages` chapter pages under `root`; its size in bytes."""
    for folder in ("data", "docs", "original"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    original = "".join(f"{LEAD} “{quote(n)}”\n\n{PROSE}\n\n" for n in range(pages)).removesuffix("\n")
    (root / "original" / "book.txt").write_text(original, encoding="utf-8")
    for n in range(pages):
        quoted = f"{LEAD} [“{quote(n)}”]{{ #q-page-{n} }}\n{{: #p-{n}-0 }}"
        page = f"# Page {n} {{ #page-{n} .editor-heading }}\n\n{quoted}\n\n{PROSE}\n{{: #p-{n}-1 }}\n"
        (root / "docs" / f"page-{n}.md").write_text(page, encoding="utf-8")
    digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    listing = yaml.safe_dump(source_list(pages), allow_unicode=True, sort_keys=False, width=1000)
    (root / "data" / "sources.yml").write_text(listing, encoding="utf-8")
    (root / "original.lock").write_text(f"{digest}  original/book.txt\n", encoding="utf-8")
    loaded, _ = load(root / SOURCE_LIST, SOURCE_LIST)
    assert loaded is not None, "the synthetic source list has the schema's shape"
    (root / "anchors.yml").write_text("redirects: {}\naliases: {}\n", encoding="utf-8")
    write_lock(root, loaded.sources)  # after anchors.yml, which pages.lock pins too
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
