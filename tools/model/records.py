"""The records of the source list, as typed, frozen dataclasses.

These classes *are* the schema: tools/model/schema.py reads each field's name, type and default
from them, so a field is written once. A field without a default must be present in the YAML
(it may be null where its type allows None); a field with a default may be left out. A field's
YAML key is its name, unless `yaml_key` is given in its metadata (`as` is a Python keyword).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated

DateValue = int | str | dt.date | None  # 1937, "1937-01" or a full date; None when not known
STATUSES = ("verified", "attributed", "unverified", "paraphrase")
WORK_GROUPS = ("official", "book", "investigation", "secondary", "reference")


class OneOrMany:
    """Marks a tuple field that the YAML may also give as a single value (`text: …`)."""


def yaml_key(name: str) -> dict[str, str]:
    return {"yaml_key": name}


@dataclass(frozen=True)
class SourceRef:
    work: str | None = None
    url: str | None = None
    locator: str | None = None
    supports: str | None = None


@dataclass(frozen=True)
class Work:
    id: str
    group: str
    short: str
    title: str
    year: DateValue
    author: str | None = None
    publisher: str | None = None
    place: str | None = None
    note: str | None = None
    sources: tuple[SourceRef, ...] = ()


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
    born: DateValue
    died: DateValue
    role: str
    summary: str
    sources: tuple[SourceRef, ...]
    full_name: str | None = None
    report_form: str | None = None
    identification: str | None = None
    mention: str | None = None  # "implied": not named in the chapter, but meant
    implied_by: str | None = None


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
    pages: tuple[str, ...]  # the chapter pages in reading order, relative to docs/
    editorial: tuple[str, ...] = ()  # every other Markdown page under docs/: the editors' own pages


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
    original: str = ""
    pages: tuple[str, ...] = ()
    editorial: tuple[str, ...] = ()
    not_names: tuple[str, ...] = ()  # capitalised words in the chapter that are not people
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    indices: dict[tuple[str, str], int] = field(default_factory=dict)  # (section, id) -> list index

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


# The sections that are lists of records with an `id`, in the order they are loaded.
SECTIONS: dict[str, type] = {
    "works": Work,
    "trials": Trial,
    "people": Person,
    "quotations": Quotation,
    "meetings": Meeting,
    "notes": Note,
}
