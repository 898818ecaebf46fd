"""The source list, data/sources.yml, as pydantic models: the schema is these classes.

Every fact the edition states rests on a citation: the work cited (what a reader would look up),
where the editors read it (`read_at`) and what kind of copy that was (`copy`), the words they read
there (`said`, verbatim), and the fields of its entry those words support (`covers`). The fields
that are facts are marked `Fact`; tools/checker/facts.py holds every one to a covering citation.

Values are strict (no silent coercion: `title: 1937` is an error, not "1937"), unknown keys are
refused, and every text is one line of plain text, without control or format characters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .values import (
    LAX,
    Contact,
    Copy,
    DateValue,
    Domain,
    Excerpts,
    Id,
    Kind,
    Language,
    OriginalPath,
    PageName,
    ReadAt,
    ScareTerm,
    Spelling,
    Status,
    Text,
    Url,
    date_value,
    within_years,
)

# --- values: tools/model/values.py ---------------------------------------------------------


class Fact:
    """Marks a field that states a fact: a citation of its entry must cover it (`covers`)."""


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @field_validator("*")
    @classmethod
    def _a_year_of_the_sources(cls, value: Any) -> Any:
        """Every day of the list (a trial's, an Old Style date, a testimony's), not only a DateValue's."""
        return within_years(value, value.year) if isinstance(value, dt.date) else value

    def dates(self) -> Iterator[tuple[str, int | str | dt.date]]:
        """Each field that holds a date, as precise as the sources allow (1937, "1937-01", a day)."""
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if isinstance(value, dt.date) or (
                value is not None and any(getattr(m, "func", None) is date_value for m in info.metadata)
            ):
                yield name, value

    @classmethod
    def fact_fields(cls) -> tuple[str, ...]:
        return tuple(name for name, info in cls.model_fields.items() if Fact in info.metadata)


# --- citations ----------------------------------------------------------------------------------


class Entry(Record):
    """A record of a section of the source list: its id is how pages, links and other entries name it."""

    id: Id


class Citation(Record):
    """A source of facts: the work, where in it, where the editors read it, and what they read."""

    work: Id
    locator: Text | None = None  # "p. 136", "§ 15", "evening session of 24 January 1937"
    read_at: ReadAt | None = None  # None: the work's own `url` was read
    copy_kind: Copy = Field("own", alias="copy")
    canonical: Url | None = None  # with copy: mirror, the page it copies
    said: Excerpts  # the words read there, verbatim
    # The language of the words read, where it is not the work's (an Italian Wikipedia's infobox);
    # None: the work's language. A screen reader reads them in it (WCAG 3.1.2).
    language: Language | None = None
    covers: Annotated[
        tuple[Text, ...], Field(min_length=1, strict=False)
    ]  # the entry's fact fields these words support

    @property
    def words(self) -> tuple[str, ...]:
        return self.said


class Wording(Record):
    """A quotation's words as another text gives them, verbatim, with where they were read."""

    text: Text
    work: Id
    locator: Text
    read_at: Url | None = None
    copy_kind: Copy = Field("own", alias="copy")
    canonical: Url | None = None
    note: Text | None = None  # e.g. where the text breaks off

    @property
    def words(self) -> tuple[str, ...]:
        return (self.text,)


# --- entries ------------------------------------------------------------------------------------


class Work(Entry):
    kind: Kind
    short: Text  # how citations name it: "Conquest, The Great Terror"
    title: Annotated[Text, Fact]
    author: Annotated[Text | None, Fact] = None
    container: Annotated[Text | None, Fact] = None  # the journal, newspaper or site an article is in
    edition: Annotated[Text | None, Fact] = None
    publisher: Annotated[Text | None, Fact] = None
    place: Annotated[Text | None, Fact] = None
    year: Annotated[DateValue, Fact] = None
    url: Url | None = None  # the work's own address, when it is a web publication
    note: Annotated[Text | None, Fact] = None
    remark: Text | None = None  # the editors' remark on their own reading; states no fact
    sources: Annotated[tuple[Citation, ...], LAX] = ()
    # The language of its title and of the words read in it; None: the edition's own (English).
    language: Language | None = None


class Participant(Record):
    person: Id
    capacity: Text = Field(alias="as")


class Trial(Entry):
    title: Annotated[Text, Fact]
    short: Text
    start: Annotated[dt.date, Fact]
    end: Annotated[dt.date, Fact]
    place: Annotated[Text, Fact]
    court: Annotated[Text, Fact]
    prosecutor: Annotated[Id, Fact]
    report: Id  # the work that is its official report
    participants: Annotated[tuple[Participant, ...], LAX]
    note: Annotated[Text | None, Fact] = None
    sources: Annotated[tuple[Citation, ...], LAX]

    @field_validator("end")
    @classmethod
    def _after_start(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if isinstance(start, dt.date) and end < start:
            raise ValueError(f"the trial ends ({end}) before it starts ({start})")
        return end


class Person(Entry):
    name: Annotated[Text, Fact]
    variants: Annotated[tuple[Spelling, ...], Field(min_length=1, strict=False)]  # spellings: the chapter's first
    born: Annotated[DateValue, Fact]  # New Style (Gregorian) always
    died: Annotated[DateValue, Fact]
    role: Annotated[Text, Fact]
    summary: Annotated[Text, Fact]
    sources: Annotated[tuple[Citation, ...], LAX]
    # Before 14 February 1918 a Russian date has an Old Style (Julian) twin, kept as the sources
    # give it; a date without one names its calendar ("not stated" when the sources do not say).
    born_old_style: Annotated[dt.date | None, Fact] = None
    died_old_style: Annotated[dt.date | None, Fact] = None
    born_calendar: Literal["gregorian", "not stated"] | None = None
    died_calendar: Literal["gregorian", "not stated"] | None = None
    dates_note: Annotated[Text | None, Fact] = None  # what the sources disagree on, or why a date is unknown
    full_name: Annotated[Text | None, Fact] = None
    report_form: Annotated[Text | None, Fact] = None  # the name as the English Report prints it
    identification: Annotated[Literal["certain", "strongly indicated", "indicated"] | None, Fact] = None
    mention: Literal["implied"] | None = None  # not named in the chapter, but meant
    implied_by: Text | None = None  # the editors' words: why they take the chapter to mean this person


class Quotation(Entry):
    text: Excerpts  # the chapter's words, part by part
    speaker: Annotated[Id, Fact]
    introduced_as: Text  # the spelling in the chapter's prose that introduces the speaker
    role: Annotated[Text, Fact]
    trial: Annotated[Id | None, Fact]
    occasion: Annotated[Text | None, Fact]
    date: Annotated[DateValue, Fact]
    status: Status
    sources: Annotated[tuple[Citation, ...], LAX]
    date_inferred: bool = False
    trial_note: Annotated[Text | None, Fact] = None
    notes: Annotated[Text | None, Fact] = None  # on the wording and the attribution: facts, so covered
    russian: Wording | None = None  # Orlov's Russian (None: not seen)
    literal: Text | None = None  # the editors' literal translation of the Russian: theirs, not Orlov's
    report_wording: Wording | None = None  # the official Report's words (None: not seen)


class ScareQuote(Record):
    text: ScareTerm
    page: Text
    count: Annotated[int, Field(ge=1)] = 1


class Note(Entry):
    paragraph: Id
    term: Text
    text: Annotated[Text, Fact]
    sources: Annotated[tuple[Citation, ...], LAX]


class Account(Record):
    """A refutation of, or dissent about, an alleged meeting."""

    text: Annotated[Text, Fact]
    sources: Annotated[tuple[Citation, ...], LAX]
    by: Text | None = None


class Meeting(Entry):
    title: Text
    person: Annotated[Id, Fact]
    trial: Id
    place: Annotated[Text, Fact]
    claimed_date: Annotated[DateValue, Fact]
    testified: Annotated[dt.date | None, Fact]
    claim: Annotated[Text, Fact]
    claim_sources: Annotated[tuple[Citation, ...], LAX]  # for the claim and the fields above
    refutations: Annotated[tuple[Account, ...], LAX]
    dissent: Annotated[tuple[Account, ...], LAX]


class GlossaryEntry(Entry):
    term: Text
    definition: Annotated[Text, Fact]
    sources: Annotated[tuple[Citation, ...], LAX] = ()
    editorial: bool = False  # the edition's own vocabulary: the editors' definition, not a fact


class StatusText(Record):
    label: Text
    meaning: Text


class DeniedDomain(Record):
    domain: Domain
    reason: Text


class MirrorSite(Record):
    domain: Domain  # a site that copies other sites' pages (and all its subdomains)
    copies: Text


class UnauthorisedSite(Record):
    domain: Domain  # an e-book reader, a pirated-PDF host or a document dump (and its subdomains)
    what: Text


class Policy(Record):
    denylist: Annotated[tuple[DeniedDomain, ...], LAX]
    mirrors: Annotated[tuple[MirrorSite, ...], LAX] = ()
    unauthorised: Annotated[tuple[UnauthorisedSite, ...], LAX] = ()  # cited only as `copy: unauthorised`
    # The fields a reference work may support, by kind of entry (person, work, glossary …).
    reference_covers: dict[Text, Annotated[tuple[Text, ...], LAX]] = Field(default_factory=dict)
    # The languages of the words read (`said`): a date's month is looked for under its names in these.
    languages: Annotated[tuple[Language, ...], LAX] = ("en",)


class EditionFacts(Record):
    """The `edition` block: what this edition is, which files hold its text, and its version."""

    title: Text
    slug: Id  # the downloads' file names: <slug>.pdf, <slug>.epub …
    original: OriginalPath  # the reference copy of the chapter, relative to the project (pinned in original.lock)
    pages: Annotated[tuple[PageName, ...], Field(min_length=1, strict=False)]  # the chapter pages in reading order
    editorial: Annotated[tuple[PageName, ...], LAX] = ()  # every other Markdown page under docs/
    work: Id  # the book the text is (a translation of) part of
    translation: Id  # the publication of the machine translation reproduced here
    relation: Text
    date: dt.date  # the date of this version
    editors: Annotated[tuple[Text, ...], Field(min_length=1, strict=False)]
    contact: Contact | None = None  # mailto: and an e-mail address, or an issue tracker's https: address


class SourceList(Record):
    edition: EditionFacts
    statuses: dict[Status, StatusText]
    policy: Policy
    works: Annotated[tuple[Work, ...], LAX]
    trials: Annotated[tuple[Trial, ...], LAX]
    people: Annotated[tuple[Person, ...], LAX]
    quotations: Annotated[tuple[Quotation, ...], LAX]
    meetings: Annotated[tuple[Meeting, ...], LAX] = ()
    notes: Annotated[tuple[Note, ...], LAX] = ()
    glossary: Annotated[tuple[GlossaryEntry, ...], LAX] = ()
    scare_quotes: Annotated[tuple[ScareQuote, ...], LAX] = ()
    not_names: Annotated[tuple[Text, ...], LAX] = ()

    @cached_property
    def work(self) -> dict[str, Work]:
        return {w.id: w for w in self.works}

    @cached_property
    def person(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def trial(self) -> dict[str, Trial]:
        return {t.id: t for t in self.trials}

    @cached_property
    def quotation(self) -> dict[str, Quotation]:
        return {q.id: q for q in self.quotations}

    def name_of(self, person_id: str) -> str:
        """A person's name, or the id itself where the list has no such person (the checker says so)."""
        person = self.person.get(person_id)
        return person.name if person is not None else person_id

    @cached_property
    def spellings(self) -> dict[str, str]:
        """Every spelling of every person -> the person's id (the checker holds each to one person)."""
        table: dict[str, str] = {}
        for person in self.people:
            for form in (*person.variants, person.name):
                table.setdefault(form, person.id)
        return table

    @cached_property
    def spellings_longest_first(self) -> tuple[str, ...]:
        """The spellings, longest first (then in order): sorted once a check, not once a paragraph."""
        return tuple(sorted(self.spellings, key=lambda f: (-len(f), f)))

    def entries(self) -> Iterator[tuple[str, int, Entry]]:
        """Every record with an id, with its section and index (its place in the YAML)."""
        for section in SECTIONS:
            for index, entry in enumerate(getattr(self, section)):
                yield section, index, entry


SECTIONS = ("works", "trials", "people", "quotations", "meetings", "notes", "glossary")
