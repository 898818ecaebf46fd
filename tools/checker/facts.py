"""Every fact the edition states is covered by a source that records the words it was read as saying.

A fact is a non-null field marked `Fact` in tools/model/sourcelist.py. A citation of the same entry
covers it when its `covers` names the field; a trial's participants are covered one by one
(`participants:<person-id>`). More is held mechanically:
- a day's date is written as one date in the words its covering citations record (`said`): its day
  beside its month (a number, or a name in a language of `policy.languages`) and its year the first
  that follows, so a date cannot be stitched from numbers a source gives for other days; and so is
  every date an editors' text writes by a month's name ("left on 24 November 1932"): what the words
  give is read once per excerpt (tools/checker/datesread.py);
- every other number written in a fact (a year, an Old Style date, "170 million", however long)
  appears among the numbers of those words, and a month in a date of its year or by one of its
  names (as a text writes it: "may" is not May);
- a fact that names a person is covered by words that spell that person;
- a reference work (and a mirror of one) covers only the fields `policy.reference_covers` allows;
- a citation covers only fields its entry has.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass

from ..guard.language import others, tags
from ..model.dates import format_date
from ..model.findings import Example, Finding, Rule
from ..model.loading import Loaded
from ..model.names import as_digits
from ..model.readings import cited_by, language_read, readings
from ..model.sourcelist import Citation, Person, Record, SourceList, Trial, Wording
from ..model.values import YEAR_MONTH
from .datesread import NUMBER, DatesRead, dates_read, dates_written, digits, gives, said_month, writes_date

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
    "and its month, appears in the words (`said`) of a citation that covers it (a month in a date of its year, "
    "1932-11 or 11.1932, or by a name of it in a language of `policy.languages`, next to the fact's year or day)",
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
    "closely (or, when none does, one the words give elsewhere); so is a date an editors' text writes "
    "(24 November 1932, November 1932, 24 November, 1932-11-24), a fact's, or a remark's, an inference's or a wording's note on the words read",
    Example(
        "data/sources.yml", "    died: 1938-03-15\n    role: principal", "    died: 1938-10-09\n    role: principal"
    ),
)
# Fields that name another entry by its id ("trial-1938"): their numbers are the id's, not a fact's.
REFERENCES = frozenset({"speaker", "trial", "prosecutor", "person"})


@dataclass(frozen=True)
class Coverage:
    facts: int
    covered: int


def numbers(value: object) -> set[str]:
    """The numbers a reader sees in a value: a date's day and year, the digits of a text. As digits,
    without leading zeros, however many there are ("2400000" too: no number is too long to check)."""
    if isinstance(value, dt.date):
        return {str(value.day), str(value.year)}
    if isinstance(value, int):
        return {str(value)}
    if isinstance(value, str):
        if YEAR_MONTH.match(value):  # "1932-11": a month is written as a word, the year as a number
            return {value[:4]}
        return {digits(n) for n in NUMBER.findall(as_digits(value))}  # "ЗО" reads as 30
    return set()


def read_in(citation: Citation | Wording, sources: SourceList) -> tuple[str, ...]:
    """The languages whose month names a citation's words are read with: its own (or its work's),
    else the edition's and those of scripts no other declared language shares. So the English "ago"
    is not Italian August, nor "set" Italian September, in words that are not Italian."""
    if (language := language_read(citation, sources)) is not None:
        return (language,)
    return _unshared(sources.policy.languages)


@functools.cache
def _unshared(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The edition's language (the list's first), and each declared language that is the only one of
    its script (tools/guard/language.py `others`: Cyrillic is Russian's)."""
    own = languages[0] if languages else "en"
    marked = others(own.replace("_", "-"), tags(languages))
    return (own, *sorted(tag.replace("-", "_") for tag in marked.values()))


def year_of(value: object) -> int:
    """The year of a date or a year-month ("1932-11")."""
    return value.year if isinstance(value, dt.date) else int(str(value)[:4])


def month(value: object) -> int | None:
    """The month a date or a year-month ("1932-11") gives, written on the pages as a word."""
    if isinstance(value, dt.date):
        return value.month
    if isinstance(value, str) and YEAR_MONTH.match(value):
        return int(value[5:7])
    return None


def said_numbers(citation: Citation) -> set[str]:
    return {digits(n) for excerpt in citation.said for n in NUMBER.findall(as_digits(excerpt))}


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
        said: dict[int, set[str]] = {}
        dates: dict[int, DatesRead] = {}  # each citation's dates, read once an entry, in its language
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
                shown = ", ".join(sorted(missing, key=lambda n: (len(n), n)))
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
            stated_month = None if name in REFERENCES or whole_date else month(value)
            written = dates_written(value) if isinstance(value, str) and name not in REFERENCES else []
            if not (whole_date or stated_month or written):
                continue
            for j in covering_at:
                if j not in dates:
                    dates[j] = dates_read([citations[j]], read_in(citations[j], loaded.sources))
            read = [dates[j] for j in covering_at]
            if isinstance(value, dt.date) and whole_date and not writes_date(read, value):
                findings.append(
                    loaded.at(
                        FACT_DATE,
                        where,
                        f"'{name}' gives {format_date(value)}, which the words of its sources do not write as one date",
                    )
                )
            if stated_month is not None and not said_month(read, year_of(value), stated_month, numbers(value)):
                findings.append(
                    loaded.at(
                        FACT_NUMBERS,
                        where,
                        f"'{name}' gives the month {format_date(value).split()[-2]}, which the words of its sources "
                        "do not (as a date of its year, or by a name in a language of policy.languages)",
                    )
                )
            for said_date, words in written:
                if not gives(read, said_date):
                    findings.append(
                        loaded.at(
                            FACT_DATE,
                            where,
                            f"'{name}' says “{words}”, which the words of its sources do not write as a date",
                        )
                    )
    findings += remarks(loaded)
    return findings, Coverage(facts, covered)


def remarks(loaded: Loaded) -> list[Finding]:
    """The editors' words beside the facts state no fact, but a date they write is one: a work's
    `remark` (on their reading of it) is held to the words read in that work, wherever cited; a
    person's `implied_by` to that person's sources; a wording's `note` to that wording's words and
    its quotation's sources'. (A `locator` names a session by its date, as the page read shows it
    in a heading the words read do not quote: it is not held.)"""
    sources = loaded.sources
    in_work: dict[str, list[Citation | Wording]] = {}
    said: list[tuple[tuple[str | int, ...], str, list[Citation | Wording]]] = []
    for _, _, reading in readings(sources):
        if isinstance(reading, Citation):
            in_work.setdefault(reading.work, []).append(reading)
    said += [
        (("works", i, "remark"), work.remark, in_work.get(work.id, []))
        for i, work in enumerate(sources.works)
        if work.remark
    ]
    said += [
        (("people", i, "implied_by"), person.implied_by, list(person.sources))
        for i, person in enumerate(sources.people)
        if person.implied_by
    ]
    said += [
        (("quotations", i, part, "note"), wording.note, [wording, *quotation.sources])
        for i, quotation in enumerate(sources.quotations)
        for part, wording in (("russian", quotation.russian), ("report_wording", quotation.report_wording))
        if wording is not None and wording.note
    ]
    found = []
    for key, words, citations in said:
        written = dates_written(words)
        reads = [dates_read([c], read_in(c, sources)) for c in citations] if written else []
        for date, shown in written:
            if not gives(reads, date):
                found.append(
                    loaded.at(FACT_DATE, key, f"the editors' words say “{shown}”, which no source's words here give")
                )
    return found


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
