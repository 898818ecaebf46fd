"""How the edition is cited, part 1: the one description of the edition and its CSL-JSON items.

The citation layer replaces the hand-written formatter of tools/model/cite.py. A citation style is
thousands of lines of rules (Chicago's note alone has a branch per item type, contributor and
date) that the CSL styles repository maintains and a CSL processor executes; a hand-written
imitation gets them wrong in ways nobody notices (issue 21: a duplicated title, no editors, MLA's
location before the container, no bibliography form). So the edition describes itself once, as
CSL-JSON items, and libraries do the rest:

    citation.py   (this module) CitedEdition -> csl_items(): the edition, each section, each quotation
    citestyles.py citeproc-py with the official Chicago 17, MLA 9 and APA 7 styles -> Citations
    citemarkup.py the "Cite this page" box and the copy toolbar's <template>s (the JS contract)
    citefiles.py  RIS (rispy), BibTeX (bibtexparser) and CSL-JSON files
    metadata.py   Highwire, Dublin Core, OpenGraph and JSON-LD for every page's <head>

Input: an `CitedEdition`, filled by the caller from the source list:
    OriginalWork        the 1953 book (author, title, publisher, place, year)
    MachineTranslation  the web serial whose English text the edition reproduces
    DigitalEdition      this edition (title, genre, editors, version date, address, language)
    ChapterSection      each chapter page (its heading, address, paragraph numbers and ids)
    ChapterQuotation    each marked quotation (speaker, first words, section, paragraph, address)
Names are `PersonName` (given and family names; a one-word name is a family name alone) or
`LiteralName` (a name as written, such as "the editors", or an organisation); nothing here makes a
name up, and real editors' names can be set at any time. `person_name` is the one place words are
split into a name. An unknown fact is None, and every formatter leaves it out (no author, no
publisher) or, where a sentence needs it, says it is not known: never an empty name or a dangling
comma (tests/site/test_citation_unknowns.py).

Each item names Orlov as author, the editors as editors, the machine translation as translator
(CSL has no other place for "the text reproduced is a machine translation published by X":
"trans. todaychina.cc (machine translation)"), the version date (`issued`), the
original's 1953 facts (`original-*`) and, in its note, what the edition is of what. A quotation
is its section at the quotation's address; "quoted in" and the paragraph belong to the citation
(CSL's prefix and locator, citestyles.quotation_cite) and are also said in the item's note.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import re2

from ..model.namespace import CITATION_IDS

CslItem = dict[str, Any]  # one CSL-JSON item, as json.loads gives it back

# --- the description ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonName:
    """A person's name, split as CSL and reference managers want it. `given` is "" when the name is
    one word: that word is the family name ("Orlov"), and no formatter writes an empty given name."""

    given: str
    family: str

    def __post_init__(self) -> None:
        for part in (self.given, self.family):
            if part != " ".join(part.split()):  # a stray space would print as "Orlov, " or a double space
                raise ValueError(f"name part {part!r} is not single-spaced words")
        if not self.family:
            raise ValueError(f"a person's name without a family name (given {self.given!r})")

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}" if self.given else self.family

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True)
class LiteralName:
    """A name used as written, never split: a group such as "the editors", an organisation (the
    machine translation's publisher), or a name whose given and family parts are not known."""

    literal: str

    def __post_init__(self) -> None:
        if not self.literal or self.literal != " ".join(self.literal.split()):
            raise ValueError(f"literal name {self.literal!r} is empty or not single-spaced words")


def person_name(words: str) -> PersonName | None:
    """The one place a name written as words is split: the last word is the family name, the words
    before it the given names ("Andrey Yanuaryevich" Vyshinsky); one word is a family name alone;
    no words is an unknown name (None), which every formatter leaves out."""
    *given, family = words.split() or [""]
    return PersonName(" ".join(given), family) if family else None


Name = PersonName | LiteralName


@dataclass(frozen=True)
class OriginalWork:
    """The printed book the text is (a translation of) part of. None where not known."""

    author: PersonName | None
    title: str
    publisher: str | None
    place: str | None
    year: int | None
    # The title in sentence case ("The secret history of Stalin's crimes"), if the caller has it:
    # CSL stores titles so (APA prints them so; Chicago and MLA title-case them).
    sentence_case_title: str | None = None


@dataclass(frozen=True)
class MachineTranslation:
    """The publication of the machine translation whose text the edition reproduces."""

    title: str  # the serial's title
    publisher: str | None  # who published it (todaychina.cc); None when not known
    url: str | None  # its address; None when not known (part 19's is not)

    @property
    def credit(self) -> LiteralName:
        """How a citation names it as the translator, an organisation's name as written (CSL has
        no other place for it); without a known publisher, only what it is."""
        return LiteralName(f"{self.publisher} (machine translation)" if self.publisher else "machine translation")


@dataclass(frozen=True)
class DigitalEdition:
    """This edition: what a citation gives as the container and its contributors."""

    title: str
    genre: str  # what kind of edition it is, in lower case: "documentary edition"
    editors: tuple[Name, ...]  # empty when no editor is named
    version: dt.date  # the date of this version
    url: str  # the site's address, ending in "/"
    language: str  # BCP 47 ("en")
    relation: str  # what the text is of the original: "an English machine translation … of part of"
    publisher: str | None = None  # the site's publisher, when one is named
    sentence_case_title: str | None = None


@dataclass(frozen=True)
class ChapterSection:
    """A chapter page: one section of the chapter, under its own (editors') heading."""

    key: str  # names its CSL item and its download files ("praise")
    title: str  # its heading, as printed
    url: str  # the page's address
    first: int  # its first and last paragraph numbers in the chapter
    last: int
    paragraph_ids: tuple[str, ...] = ()  # its paragraphs' element ids in order, numbered from `first`


@dataclass(frozen=True)
class ChapterQuotation:
    """A marked quotation, cited as "quoted in" its section at its paragraph."""

    id: str  # its element id ("q-kommodov-brass-wall")
    speaker: PersonName
    first_words: str  # the chapter's first words of it, without quotation marks
    section: str  # the key of its section
    paragraph: int
    url: str  # the page's address with "#" and the id
    paraphrase: bool = False  # Orlov paraphrases: the words are his, so no "quoted in"


@dataclass(frozen=True)
class CitedEdition:
    """Everything a citation of the edition says, checked for consistency when made."""

    original: OriginalWork
    translation: MachineTranslation
    edition: DigitalEdition
    sections: tuple[ChapterSection, ...]
    quotations: tuple[ChapterQuotation, ...] = ()

    def __post_init__(self) -> None:
        problems = list(_problems(self))
        if problems:
            raise ValueError("CitedEdition: " + "; ".join(problems))

    def section(self, key: str) -> ChapterSection:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


MARKS = "".join(chr(c) for c in range(0xE000, 0xE00E))  # the private-use marks of MarkingFormatter


def _texts(facts: CitedEdition) -> Iterator[str]:
    names = (facts.original.author, *facts.edition.editors, *(q.speaker for q in facts.quotations))
    for name in (n for n in names if n is not None):
        yield from (name.given, name.family) if isinstance(name, PersonName) else (name.literal,)
    o, t, e = facts.original, facts.translation, facts.edition
    yield from (o.title, o.publisher or "", o.place or "", o.sentence_case_title or "", t.title, t.publisher or "")
    yield from (e.title, e.genre, e.relation, e.publisher or "", e.sentence_case_title or "", e.language)
    for s in facts.sections:
        yield from (s.key, s.title, s.url, *s.paragraph_ids)
    for q in facts.quotations:
        yield from (q.id, q.first_words, q.url)


def _problems(facts: CitedEdition) -> Iterator[str]:
    e = facts.edition
    for text in _texts(facts):
        if any(mark in text for mark in MARKS):
            yield f"{text!r} holds a private-use character the renderer uses as a mark"
    if not re2.fullmatch(r"https?://\S+/", e.url):
        yield f"the edition's address {e.url!r} is not an absolute http(s) address ending in /"
    ids: set[str] = set(CITATION_IDS)  # the checker refuses a page or id that takes one (id-cited)
    for s in facts.sections:
        if not s.url.startswith(e.url) or "#" in s.url:
            yield f"section {s.key!r}: its address {s.url!r} is not a page of {e.url!r}"
        if not 1 <= s.first <= s.last:
            yield f"section {s.key!r}: paragraphs {s.first}–{s.last}"
        if s.paragraph_ids and len(s.paragraph_ids) != s.last - s.first + 1:
            yield f"section {s.key!r}: {len(s.paragraph_ids)} paragraph ids for paragraphs {s.first}–{s.last}"
        for ident in (s.key, *s.paragraph_ids):
            if not re2.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
                yield f"{ident!r} is not a lower-case id"
            if ident in ids:
                yield f"{ident!r} is used twice"
            ids.add(ident)
    keys = {s.key: s for s in facts.sections}
    for q in facts.quotations:
        if not re2.fullmatch(r"[a-z0-9][a-z0-9-]*", q.id) or q.id in ids:
            yield f"quotation {q.id!r}: not a lower-case id, or used twice"
        ids.add(q.id)
        section = keys.get(q.section)
        if section is None:
            yield f"quotation {q.id!r}: no section {q.section!r}"
        elif not section.first <= q.paragraph <= section.last or q.url != f"{section.url}#{q.id}":
            yield f"quotation {q.id!r}: paragraph {q.paragraph} or address {q.url!r} is not in {section.key!r}"


# --- CSL-JSON ----------------------------------------------------------------------------------


def citation_key(facts: CitedEdition, local: str) -> str:
    """The one key of an item everywhere: CSL id, BibTeX key, RIS ID ("orlov2026-praise"); without
    a known author's family name, the year alone ("2026-praise")."""
    author = facts.original.author
    family = author.family if isinstance(author, PersonName) else ""
    family = re2.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", family).lower())
    return f"{family}{facts.edition.version.year}-{local}"


def csl_name(name: Name) -> dict[str, str]:
    """A name as CSL-JSON: family and given names, the family name alone, or a literal. RIS and
    BibTeX write names from these dicts, so no name part is empty anywhere."""
    if isinstance(name, LiteralName):
        return {"literal": name.literal}
    return {"family": name.family, "given": name.given} if name.given else {"family": name.family}


def _csl_names(names: Sequence[Name]) -> list[dict[str, str]]:
    return [csl_name(n) for n in names]


def _csl_date(*parts: int) -> dict[str, list[list[int]]]:
    return {"date-parts": [list(parts)]}


def original_words(o: OriginalWork) -> str:
    """The original as words: Alexander Orlov, The Secret History … (New York: Random House, 1953).
    An unknown part is left out: the title alone, "(New York, 1953)", no parentheses at all."""
    place = ": ".join(x for x in (o.place, o.publisher) if x)
    imprint = ", ".join(x for x in (place, str(o.year) if o.year is not None else "") if x)
    by = f"{o.author.full}, " if o.author is not None else ""
    return f"{by}{o.title}" + (f" ({imprint})" if imprint else "")


def relation_sentence(facts: CitedEdition) -> str:
    """What the edition is of what, in words made only of the facts (CSL `note`, RIS N1, BibTeX
    note, the Highwire abstract, OpenGraph's description)."""
    e, t = facts.edition, facts.translation
    where = f" ({t.url})" if t.url else ""
    published = (
        f"published by {t.publisher} in the web serial {t.title}{where}"
        if t.publisher
        else f"published in the web serial {t.title}{where}; its publisher is not known"
    )
    what = f"{e.genre[:1].upper()}{e.genre[1:]} of {e.relation} {original_words(facts.original)}."
    return f"{what} The translation was {published}."


def _common(facts: CitedEdition) -> CslItem:
    """What every item says: contributors, version date, language and the original's facts."""
    o, e = facts.original, facts.edition
    item: CslItem = {}
    if o.author is not None:  # unknown: no author, and each style says what it says without one
        item["author"] = _csl_names([o.author])
    if e.editors:
        item["editor"] = _csl_names(e.editors)
    item["translator"] = _csl_names([facts.translation.credit])
    if e.publisher:
        item["publisher"] = e.publisher
    item["issued"] = _csl_date(e.version.year, e.version.month, e.version.day)
    item["language"] = e.language
    item["original-title"] = o.sentence_case_title or o.title
    if o.publisher:
        item["original-publisher"] = o.publisher
    if o.place:
        item["original-publisher-place"] = o.place
    if o.year is not None:
        item["original-date"] = _csl_date(o.year)
    return item


def paragraph_range(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _edition_item(facts: CitedEdition) -> CslItem:
    e = facts.edition
    return {
        "id": citation_key(facts, "edition"),
        "type": "book",
        "title": e.sentence_case_title or e.title,
        "genre": e.genre,
        "URL": e.url,
        **_common(facts),
        "note": relation_sentence(facts),
    }


def _section_item(facts: CitedEdition, s: ChapterSection, ident: str, url: str, note: str) -> CslItem:
    e = facts.edition
    return {
        "id": citation_key(facts, ident),
        "type": "chapter",
        "title": s.title,
        "container-title": e.sentence_case_title or e.title,
        "URL": url,
        **_common(facts),
        "note": f"{relation_sentence(facts)}\n{note}",  # a line of its own: RIS and BibTeX split it off
    }


def _quotation_note(q: ChapterQuotation) -> str:
    how = "paraphrased" if q.paraphrase else "quoted"
    return f"{q.speaker.full}, {how} in paragraph {q.paragraph}: “{q.first_words} …”"


def csl_items(facts: CitedEdition) -> list[CslItem]:
    """The edition described once: the edition, each section, each quotation (as its section at
    the quotation's address; "quoted in" and the paragraph are the citation's prefix and locator,
    see `quotation_cite`, and are also said in the item's note)."""
    items = [_edition_item(facts)]
    for s in facts.sections:
        which = "Paragraph" if s.first == s.last else "Paragraphs"
        items.append(_section_item(facts, s, s.key, s.url, f"{which} {paragraph_range(s.first, s.last)}."))
    for q in facts.quotations:
        items.append(_section_item(facts, facts.section(q.section), q.id, q.url, _quotation_note(q)))
    return items


def paragraph_items(facts: CitedEdition) -> list[CslItem]:
    """Not exported: a paragraph is its section at the paragraph's address (the copy toolbar)."""
    return [
        _section_item(facts, s, pid, f"{s.url}#{pid}", f"Paragraph {s.first + n}.")
        for s in facts.sections
        for n, pid in enumerate(s.paragraph_ids)
    ]
