"""The records of the source list, as typed, frozen dataclasses.

These classes *are* the schema: tools/model/schema.py reads each field's name, type and default
from them, so a field is written once. A field without a default must be present in the YAML
(it may be null where its type allows None); a field with a default may be left out. A field's
YAML key is its name, unless `yaml_key` is given in its metadata (`as` is a Python keyword).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated

DateValue = int | str | dt.date | None  # 1937, "1937-01" or a full date; None when not known
STATUSES = ("verified", "attributed", "unverified", "paraphrase")
# What a source is, as a historian weighs it (the sources page explains each; mirror only for a URL).
KINDS = ("primary", "memoir", "scholarship", "reference", "press", "polemic", "mirror")
WORK_KINDS = tuple(k for k in KINDS if k != "mirror")
# Russia changed from the Julian to the Gregorian calendar on 14 February 1918 (New Style).
NEW_STYLE_FROM = dt.date(1918, 2, 14)
# A date before then given without its Old Style twin says which calendar it is in.
CALENDARS = ("gregorian", "not stated")


class OneOrMany:
    """Marks a tuple field that the YAML may also give as a single value (`text: …`)."""


class Url:
    """Marks a field that holds a web address: the schema allows https:, http: and addresses
    inside the site only (tools/model/escape.py, `url_problem`)."""


def yaml_key(name: str) -> dict[str, str]:
    return {"yaml_key": name}


@dataclass(frozen=True)
class SourceRef:
    work: str | None = None
    url: Annotated[str | None, Url] = None
    locator: str | None = None
    supports: str | None = None
    kind: str | None = None  # one of KINDS; a source with a work takes the work's kind unless it says otherwise
    canonical: Annotated[str | None, Url] = None  # a mirror's original page (required for kind: mirror)


@dataclass(frozen=True)
class Work:
    id: str
    kind: str  # one of WORK_KINDS
    short: str
    title: str
    year: DateValue
    author: str | None = None
    publisher: str | None = None
    place: str | None = None
    note: str | None = None
    sources: tuple[SourceRef, ...] = ()
    # The sites the work itself lives on (wikipedia.org): a source citing the work by any other
    # address is mislabelled, unless it is a declared mirror of a page on one of them.
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeniedDomain:
    domain: str  # the domain and all its subdomains
    reason: str


@dataclass(frozen=True)
class MirrorSite:
    domain: str  # a site that copies other sites' pages (and all its subdomains)
    copies: str  # whose pages, in a few words


@dataclass(frozen=True)
class Policy:
    denylist: tuple[DeniedDomain, ...]
    mirrors: tuple[MirrorSite, ...] = ()  # cited only as `kind: mirror`


@dataclass(frozen=True)
class Participant:
    person: str
    capacity: str = field(metadata=yaml_key("as"))


@dataclass(frozen=True)
class Trial:
    id: str
    title: str
    short: str
    start: dt.date
    end: dt.date
    place: str
    court: str
    prosecutor: str
    report: str
    participants: tuple[Participant, ...]
    sources: tuple[SourceRef, ...]
    note: str | None = None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    variants: tuple[str, ...]
    born: DateValue  # New Style (Gregorian) always
    died: DateValue
    role: str
    summary: str
    sources: tuple[SourceRef, ...]
    # Before 14 February 1918 a Russian date has an Old Style (Julian) twin, kept as the sources
    # give it; a date without one names its calendar ("not stated" when the sources do not say).
    born_old_style: dt.date | None = None
    died_old_style: dt.date | None = None
    born_calendar: str | None = None
    died_calendar: str | None = None
    dates_note: str | None = None  # why a date is not known, or what the sources disagree on
    full_name: str | None = None
    report_form: str | None = None
    identification: str | None = None
    mention: str | None = None  # "implied": not named in the chapter, but meant
    implied_by: str | None = None


@dataclass(frozen=True)
class Wording:
    """A quotation's words as another text gives them, verbatim, with where they were read."""

    text: str
    work: str
    locator: str
    url: Annotated[str | None, Url] = None
    note: str | None = None  # e.g. where the text breaks off


@dataclass(frozen=True)
class Quotation:
    id: str
    text: Annotated[tuple[str, ...], OneOrMany]
    speaker: str
    role: str
    trial: str | None
    occasion: str | None
    date: DateValue
    status: str
    sources: tuple[SourceRef, ...]
    date_inferred: bool = False
    trial_note: str | None = None
    notes: str | None = None
    # The wording chain, after the chapter's own words: Orlov's Russian (None: not seen), the
    # editors' literal translation of it, and the official Report's words (None: not seen).
    russian: Wording | None = None
    literal: str | None = None
    report_wording: Wording | None = None


@dataclass(frozen=True)
class ScareQuote:
    text: str
    page: str
    count: int = 1


@dataclass(frozen=True)
class Note:
    id: str
    paragraph: str
    term: str
    text: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Account:
    """A refutation of, or dissent about, an alleged meeting."""

    text: str
    sources: tuple[SourceRef, ...]
    by: str | None = None


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str
    person: str
    trial: str
    place: str
    claimed_date: DateValue
    testified: dt.date | None
    claim: str
    claim_sources: tuple[SourceRef, ...]
    refutations: tuple[Account, ...]
    dissent: tuple[Account, ...]

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        return self.claim_sources + tuple(r for a in self.refutations + self.dissent for r in a.sources)


@dataclass(frozen=True)
class Status:
    label: str
    meaning: str


@dataclass(frozen=True)
class Edition:
    original: str  # the reference copy of the chapter, relative to the project
    original_sha256: str  # its SHA-256 as received: the text is never edited
    pages: tuple[str, ...]  # the chapter pages in reading order, relative to docs/
    editorial: tuple[str, ...] = ()  # every other Markdown page under docs/: the editors' own pages
    # The work the chapter is (a translation of) part of: its author is the EPUB's and PDF's author,
    # and citations name it.
    work: str | None = None
    relation: str | None = None  # what the text is of that work, as citations say it ("a translation of part of")
    date: dt.date | None = None  # the date of this version of the edition, given in citations


PathKey = tuple[str | int, ...]


@dataclass
class SourceList:
    """Everything the source list says, by section; positions map each value to its YAML line."""

    path: str
    statuses: dict[str, Status] = field(default_factory=dict)
    works: dict[str, Work] = field(default_factory=dict)
    trials: dict[str, Trial] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    quotations: dict[str, Quotation] = field(default_factory=dict)
    scare_quotes: list[ScareQuote] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    policy: Policy | None = None
    original: str = ""
    original_sha256: str = ""
    pages: tuple[str, ...] = ()
    editorial: tuple[str, ...] = ()
    work: str | None = None  # edition.work: the id of the work the chapter comes from
    relation: str | None = None  # edition.relation: what the text is of that work, for citations
    edition_date: dt.date | None = None  # edition.date: the date of this version, for citations
    not_names: tuple[str, ...] = ()  # capitalised words in the chapter that are not people
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    # Every text value of the file, with where it is: what any page or download may show.
    texts: list[tuple[PathKey, str]] = field(default_factory=list)
    indices: dict[tuple[str, str], int] = field(default_factory=dict)  # (section, id) -> list index

    def source_lists(self) -> Iterator[tuple[PathKey, str, tuple[SourceRef, ...]]]:
        """Every list of sources with its YAML key and what it belongs to: each list supports one
        entry (or one account of a meeting), so each must hold a source that is not a mirror."""
        for section, singular in SINGULAR.items():
            if section == "meetings":
                continue
            for entry_id, entry in getattr(self, section).items():
                yield (*self.key_of(section, entry_id), "sources"), f"{singular} '{entry_id}'", entry.sources
        for meeting in self.meetings.values():
            key, what = self.key_of("meetings", meeting.id), f"meeting '{meeting.id}'"
            yield (*key, "claim_sources"), f"{what}, the claim", meeting.claim_sources
            for part, singular in (("refutations", "refutation"), ("dissent", "dissent")):
                for index, account in enumerate(getattr(meeting, part)):
                    yield (*key, part, index, "sources"), f"{what}, {singular} #{index + 1}", account.sources

    def key_of(self, section: str, entry_id: str) -> PathKey:
        return (section, self.indices.get((section, entry_id), 0))

    def where(self, *key: str | int) -> tuple[int, int]:
        """Line and column of a value (or its nearest enclosing value) in the YAML file."""
        while key and key not in self.positions:
            key = key[:-1]
        return self.positions.get(key, (1, 1))

    def position_of(self, section: str, entry_id: str, fieldname: str | None = None) -> tuple[int, int]:
        key = self.key_of(section, entry_id)
        return self.where(*key, fieldname) if fieldname else self.where(*key)


SINGULAR = {
    "works": "work",
    "trials": "trial",
    "people": "person",
    "quotations": "quotation",
    "meetings": "meeting",
    "notes": "note",
}

# The sections that are lists of records with an `id`, in the order they are loaded.
SECTIONS: dict[str, type] = {
    "works": Work,
    "trials": Trial,
    "people": Person,
    "quotations": Quotation,
    "meetings": Meeting,
    "notes": Note,
}
