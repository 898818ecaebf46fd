"""Every fact the edition states is covered by a source that records the words it was read as saying.

A fact is a non-null field marked `Fact` in tools/model/sourcelist.py. A citation of the same entry
covers it when its `covers` names the field; a trial's participants are covered one by one
(`participants:<person-id>`). More is held mechanically:
- a day's date is written as one date in the words its covering citations record (`said`): its day
  beside its month (a number, or a name in a language of `policy.languages`) and its year the first
  that follows, so a date cannot be stitched from numbers a source gives for other days;
- every other number written in a fact (a year, an Old Style date, "170 million") appears among the
  numbers of those words, and a month among them or as one of its names;
- a fact that names a person is covered by words that spell that person;
- a reference work (and a mirror of one) covers only the fields `policy.reference_covers` allows;
- a citation covers only fields its entry has.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass

import re2

from ..model.dates import format_date, month_names
from ..model.findings import Example, Finding, Rule
from ..model.readings import cited_by
from ..model.sourcelist import Citation, Loaded, Person, Record, SourceList, Trial
from ..model.values import YEAR_MONTH

FACT_UNCOVERED = Rule(
    "fact-uncovered",
    "every fact (a non-null fact field) is covered by a citation of its entry whose `covers` names it",
    Example(
        "data/sources.yml",
        "        covers: [born, born_old_style, died]\n",
        "        covers: [born, born_old_style]\n",
        at="    died: 1953",
    ),
)
FACT_NUMBERS = Rule(
    "fact-numbers",
    "every number written in a fact that is not a day's date (a year, a month, an Old Style date, a count), "
    "and its month, appears in the words (`said`) of a citation that covers it (a month as a number, or by a "
    "name of it in a language of `policy.languages`)",
    Example(
        "data/sources.yml",
        "    summary: Bolshevik theorist; shot after the 1938 trial.",
        "    summary: Bolshevik theorist; shot after the 1937 trial.",
    ),
)
FACT_SCOPE = Rule(
    "fact-scope",
    "a citation covers only fields of its entry, and a reference work only the fields the policy allows it",
    Example(
        "data/sources.yml",
        "        covers: [born, born_old_style, died]\n",
        "        covers: [born, born_old_style, died, role]\n",
    ),
)
FACT_PERSON = Rule(
    "fact-person",
    "a fact that names a person (a speaker, a prosecutor, a participant, a meeting's person, a person's own "
    "name) is covered by words that spell that person, as the source list spells them (case and accents aside)",
    Example("data/sources.yml", "    speaker: rosengolts", "    speaker: bukharin"),
)
FACT_DATE = Rule(
    "fact-date",
    "a day's date (its Old Style twin aside, which date-calendar ties to it) is written as one date in the "
    "words of a citation that covers it: its day beside its month, and its year the first that follows them "
    "closely (or, when none does, one the words give elsewhere)",
    Example(
        "data/sources.yml", "    died: 1938-03-15\n    role: principal", "    died: 1938-10-09\n    role: principal"
    ),
)
NUMBER = re2.compile(r"[0-9]+")
# A word (letters and their combining marks: "Гео́ргий" is one) or a number.
TOKEN = re2.compile(r"[\pL\pM]+|[0-9]+")
NEAR = 3  # a month's name counts within this many words of the date's year or day
MONTH_NAME_MIN = 3
DAY_NEAR = 2  # a day stands within two words of its month: "15 March", "March 15", "6 (18) августа"
YEAR_NEAR = 6  # and its year within six words after: "Dec. 18 (Dec. 6, Old Style), 1878"
ISO_DATE = re2.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b")
DOTTED_DATE = re2.compile(r"\b([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\b")
# Fields that name another entry by its id ("trial-1938"): their numbers are the id's, not a fact's.
REFERENCES = frozenset({"speaker", "trial", "prosecutor", "person"})


@dataclass(frozen=True)
class Coverage:
    facts: int
    covered: int


def numbers(value: object) -> set[int]:
    """The numbers a reader sees in a value: a date's day and year, the digits of a text."""
    if isinstance(value, dt.date):
        return {value.day, value.year}
    if isinstance(value, int):
        return {value}
    if isinstance(value, str):
        if YEAR_MONTH.match(value):  # "1932-11": a month is written as a word, the year as a number
            return {int(value[:4])}
        return {int(n) for n in NUMBER.findall(value) if len(n) < 7}
    return set()


def month(value: object) -> int | None:
    """The month a date or a year-month ("1932-11") gives, written on the pages as a word."""
    if isinstance(value, dt.date):
        return value.month
    if isinstance(value, str) and YEAR_MONTH.match(value):
        return int(value[5:7])
    return None


def said_month(citations: list[Citation], value: dt.date | str, number: int, languages: tuple[str, ...]) -> bool:
    """Do the words read give the date's month: as a number, or by one of its names (three letters
    or more) next to the date's year or day? (Next to: a short word such as "no" or "was" is a month's
    name in some language, and must not pass for one anywhere in the text.)"""
    if any(number in said_numbers(c) for c in citations):
        return True
    names = frozenset().union(*(month_names(language)[number] for language in languages))
    near = {str(n) for n in numbers(value)}
    for excerpt in (excerpt for c in citations for excerpt in c.said):
        words = [w.lower() for w in TOKEN.findall(excerpt)]
        for at, word in enumerate(words):
            if len(word) >= MONTH_NAME_MIN and word in names and near & set(words[max(0, at - NEAR) : at + NEAR + 1]):
                return True
    return False


@functools.lru_cache(maxsize=1 << 12)
def dated(excerpt: str) -> tuple[frozenset[int], frozenset[tuple[int, int, int]], tuple[str, ...]]:
    """An excerpt's four-digit numbers, its numeric dates and its words, lower case. Kept, as
    tokens_of keeps a text's tokens: a check reads the same words as the last one did."""
    years = frozenset(int(n) for n in NUMBER.findall(excerpt) if len(n) == 4)
    numeric = {(int(y), int(m), int(d)) for y, m, d in ISO_DATE.findall(excerpt)}
    numeric |= {(int(y), int(m), int(d)) for d, m, y in DOTTED_DATE.findall(excerpt)}
    return years, frozenset(numeric), tuple(w.lower() for w in TOKEN.findall(excerpt))


@functools.cache
def _month_called(month_number: int, languages: tuple[str, ...]) -> frozenset[str]:
    names = frozenset().union(*(month_names(language)[month_number] for language in languages))
    return frozenset(name for name in names if len(name) >= MONTH_NAME_MIN)


def writes_date(citations: list[Citation], date: dt.date, languages: tuple[str, ...]) -> bool:
    """Do the words give this day as a date: numerically (1938-03-15, 15.03.1938), or by its month's
    name with the day beside it and the year the first that follows closely? A day and month with no
    year close after may take a year the words give elsewhere (“August 21 … August 19-24, 1936”)."""
    names = _month_called(date.month, languages)
    days = {str(date.day), f"{date.day:02d}"}
    years: set[int] = set()
    loose = False  # the day and month, written with no year close after
    for excerpt in (excerpt for c in citations for excerpt in c.said):
        written, numeric, words = dated(excerpt)
        years |= written
        if (date.year, date.month, date.day) in numeric:
            return True
        for at, word in enumerate(words):
            if word not in names:
                continue
            if days.isdisjoint(words[max(0, at - DAY_NEAR) : at] + words[at + 1 : at + 1 + DAY_NEAR]):
                continue
            after = [int(w) for w in words[at + 1 : at + 1 + DAY_NEAR + YEAR_NEAR] if w.isdigit() and len(w) == 4]
            if after[:1] == [date.year]:
                return True
            loose = loose or not after
    return loose and date.year in years


def said_numbers(citation: Citation) -> set[int]:
    return {int(n) for excerpt in citation.said for n in NUMBER.findall(excerpt) if len(n) < 7}


def check(loaded: Loaded) -> tuple[list[Finding], Coverage]:
    findings: list[Finding] = []
    facts = covered = 0
    records = (  # every record that states facts, with its key, its citations' field and its citations
        ((section, index, *within[:-1]), within[-1], record, citations)
        for section, index, entry in loaded.sources.entries()
        if not getattr(entry, "editorial", False)  # the editors' own term states no source's fact
        for within, record, citations in cited_by(entry)
    )
    for key, field, entry, citations in records:
        names = [*type(entry).fact_fields()]
        values = {name: getattr(entry, name) for name in names}
        if isinstance(entry, Trial):
            for p in entry.participants:
                values[f"participants:{p.person}"] = p.capacity
        allowed = set(values)
        for j, citation in enumerate(citations):
            for name in citation.covers:
                if name not in allowed:
                    findings.append(
                        loaded.at(
                            FACT_SCOPE,
                            (*key, field, j, "covers"),
                            f"covers '{name}', which is not a fact field of this entry",
                        )
                    )
                elif not _may_cover(citation, name, loaded.sources, entry):
                    findings.append(
                        loaded.at(
                            FACT_SCOPE,
                            (*key, field, j, "covers"),
                            f"a reference work may not support '{name}' here (policy.reference_covers)",
                        )
                    )
        # Each citation's covers and numbers are read once an entry, not once a field: a trial's
        # participants are fields, and one citation may cover them all.
        covers: dict[str, list[int]] = {}
        for j, citation in enumerate(citations):
            for name in dict.fromkeys(citation.covers):
                covers.setdefault(name, []).append(j)
        said: dict[int, set[int]] = {}
        for name, value in values.items():
            if value is None or value == ():
                continue
            facts += 1
            covering_at = [j for j in covers.get(name, ()) if _may_cover(citations[j], name, loaded.sources, entry)]
            covering = [citations[j] for j in covering_at]
            where = (*key, name.split(":")[0])
            if not covering:
                findings.append(
                    loaded.at(FACT_UNCOVERED, where, f"'{name}' states a fact that no citation of this entry covers")
                )
                continue
            covered += 1
            # A day's date is held whole (fact-date), its Old Style twin and every other fact by its numbers.
            whole_date = isinstance(value, dt.date) and not name.endswith("_old_style")
            stated = set() if name in REFERENCES or whole_date else numbers(value)
            for j in covering_at if stated else ():
                if j not in said:
                    said[j] = said_numbers(citations[j])
            missing = {n for n in stated if not any(n in said[j] for j in covering_at)}
            if missing:
                shown = ", ".join(str(n) for n in sorted(missing))
                findings.append(
                    loaded.at(FACT_NUMBERS, where, f"'{name}' gives {shown}, which the words of its sources do not")
                )
            person = _person_named(name, value, entry)
            if person is not None and not _spelled(person, covering, loaded.sources):
                findings.append(
                    loaded.at(
                        FACT_PERSON,
                        where,
                        f"'{name}' names {loaded.sources.name_of(person)}, whom the words of its sources do not "
                        "name (by a spelling of theirs in the source list)",
                    )
                )
            if whole_date and not writes_date(covering, value, loaded.sources.policy.languages):
                findings.append(
                    loaded.at(
                        FACT_DATE,
                        where,
                        f"'{name}' gives {format_date(value)}, which the words of its sources do not write as one date",
                    )
                )
            stated_month = None if name in REFERENCES or whole_date else month(value)
            if stated_month is not None and not said_month(
                covering, value, stated_month, loaded.sources.policy.languages
            ):
                findings.append(
                    loaded.at(
                        FACT_NUMBERS,
                        where,
                        f"'{name}' gives the month {format_date(value).split()[-2]}, which the words of its sources "
                        "do not (as a number, or by a name in a language of policy.languages)",
                    )
                )
    return findings, Coverage(facts, covered)


GRAMS = 4  # a spelling of up to four words ("Eduard Solomonovich Holtzman") is matched whole


def folded_words(text: str) -> list[str]:
    """A text's words as spellings are matched: without accents (Го́льцман), in one case (РОММ)."""
    letters = unicodedata.normalize("NFD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in letters if unicodedata.category(c) != "Mn")
    return kept.split()


@functools.lru_cache(maxsize=1 << 12)
def grams_of(said: tuple[str, ...]) -> frozenset[str]:
    """Every run of up to GRAMS words of the words read, folded (kept across checks, as `dated` is)."""
    words = [w for excerpt in said for w in [*folded_words(excerpt), ""]]
    return frozenset(" ".join(words[i : i + n]) for n in range(1, GRAMS + 1) for i in range(len(words) - n + 1))


def _person_named(field: str, value: object, entry: Record) -> str | None:
    """The id of the person a fact names: a reference to one, a participant, or a person's own name."""
    if field.startswith("participants:"):
        return field.split(":", 1)[1]
    if field in REFERENCES and field != "trial" and isinstance(value, str):
        return value
    if field == "name" and isinstance(entry, Person):
        return entry.id
    return None


def _spelled(person_id: str, covering: list[Citation], sources: SourceList) -> bool:
    person = sources.person.get(person_id)
    if person is None:
        return True  # the reference rule says so
    forms = {" ".join(folded_words(form)) for form in (*person.variants, person.name)}
    for citation in covering:
        if not forms.isdisjoint(grams_of(citation.said)):
            return True
    return False


SELF_DESCRIBED = frozenset({"title", "author", "publisher", "place", "year", "container", "edition"})


def _may_cover(citation: Citation, name: str, sources: SourceList, entry: Record) -> bool:
    """A reference work supports only what the policy allows it for that kind of entry; its own
    entry's bibliographic facts it may always give (its own title page)."""
    work = sources.work.get(citation.work)
    if work is None or work.kind != "reference":
        return True
    if work is entry and name in SELF_DESCRIBED:
        return True
    return name in sources.policy.reference_covers.get(KIND_OF.get(type(entry).__name__, ""), ())


Key = tuple[str | int, ...]
KIND_OF = {
    "Work": "work",
    "Trial": "trial",
    "Person": "person",
    "Quotation": "quotation",
    "Note": "note",
    "Meeting": "meeting",
    "Account": "meeting",
    "GlossaryEntry": "glossary",
}


RULES = (FACT_UNCOVERED, FACT_NUMBERS, FACT_DATE, FACT_SCOPE, FACT_PERSON)
