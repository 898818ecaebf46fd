"""The dates the words of a source are read as giving, and the dates a fact states.

A source's words give a day when they write it as one date: numerically (1938-03-15, 15.03.1938),
or by its month's name with the day beside it and the year the first that follows closely; a day
and month with no year close after may take a year the words give elsewhere ("August 21 …
August 19-24, 1936"). They give a month of a year by a date of that year (1932-11, 11.1932), or
by its name next to one of the fact's numbers. A month's name is read as a text writes it: as CLDR
gives it, in capitals, or with a capital first letter, never in lower case where the language
capitalises it ("may" is a verb). Each excerpt is read once into an index of what it gives, so
that a fact, and every date an editors' text writes, is looked up, not searched for.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import re2

from ..model.dates import month_forms
from ..model.sourcelist import Citation, Wording

NUMBER = re2.compile(r"[0-9]+")
# A word (letters and their combining marks: "Гео́ргий" is one) or a number.
TOKEN = re2.compile(r"[\pL\pM]+|[0-9]+")
NEAR = 3  # a month's name counts within this many words of the date's year or day
MONTH_NAME_MIN = 3  # a shorter name ("no", Jola-Fonyi's November) is a word of too many languages
DAY_NEAR = 2  # a day stands within two words of its month: "15 March", "March 15", "6 (18) августа"
YEAR_NEAR = 6  # and its year within six words after: "Dec. 18 (Dec. 6, Old Style), 1878"
ISO_DATE = re2.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b")
DOTTED_DATE = re2.compile(r"\b([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\b")
ISO_MONTH = re2.compile(r"\b([0-9]{4})-([0-9]{2})\b")  # 1932-11
MONTH_YEAR = re2.compile(r"\b([0-9]{1,2})[./]([0-9]{4})\b")  # 11.1932, 11/1932


def digits(number: str) -> str:
    """A number as its digits without leading zeros: no number is too long to compare."""
    return number.lstrip("0") or "0"


@functools.cache
def months_called(languages: tuple[str, ...]) -> dict[str, frozenset[int]]:
    """Each form of a month's name in these languages (three letters or more), with its months."""
    called: dict[str, set[int]] = {}
    for language in languages:
        for month, forms in month_forms(language).items():
            for form in forms:
                if len(form.rstrip(".")) >= MONTH_NAME_MIN:
                    called.setdefault(form, set()).add(month)
    return {form: frozenset(months) for form, months in called.items()}


def months_of(
    words: list[str], ends: list[int], text: str, called: dict[str, frozenset[int]]
) -> list[frozenset[int] | None]:
    """The months each word names, if any: a form CLDR writes with a full stop ("sept.") only where
    the text has the full stop after it."""
    return [
        called.get(word) or (called.get(word + ".") if text[end : end + 1] == "." else None)
        for word, end in zip(words, ends, strict=True)
    ]


@dataclass(frozen=True)
class DatesRead:
    """What some words give: every set is looked up, so a fact costs the same whatever the words."""

    years: frozenset[int]  # the four-digit numbers
    days: frozenset[tuple[int, int, int]]  # (year, month, day) written as one date
    day_months: frozenset[tuple[int, int]]  # (month, day) written together, whatever the year
    loose: frozenset[tuple[int, int]]  # (month, day) by name with no year close after
    months: frozenset[tuple[int, int]]  # (year, month) written as a date of that year
    named: frozenset[tuple[str, int]]  # (a number, month): the month's name within NEAR words of it

    @staticmethod
    def merged(parts: Iterable[DatesRead]) -> DatesRead:
        parts = list(parts)
        return DatesRead(*(frozenset().union(*(getattr(p, f) for p in parts)) for f in DatesRead.__dataclass_fields__))


@functools.lru_cache(maxsize=1 << 12)
def dates_in(excerpt: str, languages: tuple[str, ...]) -> DatesRead:
    """One excerpt read once (kept across checks, as tokens_of keeps a text's tokens)."""
    called = months_called(languages)
    matches = list(TOKEN.finditer(excerpt))
    words = [m.group() for m in matches]
    named_months = months_of(words, [m.end() for m in matches], excerpt, called)
    numeric = {(int(y), int(m), int(d)) for y, m, d in ISO_DATE.findall(excerpt)}
    numeric |= {(int(y), int(m), int(d)) for d, m, y in DOTTED_DATE.findall(excerpt)}
    months = {(y, m) for y, m, _ in numeric}
    months |= {(int(y), int(m)) for y, m in ISO_MONTH.findall(excerpt)}
    months |= {(int(y), int(m)) for m, y in MONTH_YEAR.findall(excerpt)}
    days, loose, named = set(numeric), set(), set()
    for at, month_numbers in enumerate(named_months):
        if month_numbers is None:
            continue
        near = [digits(w) for w in words[max(0, at - NEAR) : at + NEAR + 1] if w.isdigit()]
        beside = [int(w) for w in words[max(0, at - DAY_NEAR) : at] + words[at + 1 : at + 1 + DAY_NEAR] if _day(w)]
        after = [int(w) for w in words[at + 1 : at + 1 + DAY_NEAR + YEAR_NEAR] if w.isdigit() and len(w) == 4]
        for month in month_numbers:
            named |= {(n, month) for n in near}
            if after:
                days |= {(after[0], month, day) for day in beside}
            else:
                loose |= {(month, day) for day in beside}
    years = frozenset(int(n) for n in NUMBER.findall(excerpt) if len(n) == 4)
    day_months = {(m, d) for _, m, d in days} | loose
    return DatesRead(
        years, frozenset(days), frozenset(day_months), frozenset(loose), frozenset(months), frozenset(named)
    )


def _year(word: str) -> bool:
    return word.isdigit() and len(word) == 4


def _day(word: str) -> bool:
    return word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31


def read_texts(citations: Iterable[Citation | Wording]) -> Iterator[str]:
    """The words of each reading, excerpt by excerpt, and each word a scan's line break split between
    two excerpts rejoined ("… trials of Au" + "gust, 1936 …"): one page, read as its reader reads it."""
    for c in citations:
        yield from c.words
        for before, after in zip(c.words, c.words[1:], strict=False):
            if before[-1:].isalpha() and after[:1].islower():
                yield before.rsplit(None, 1)[-1] + after


def dates_read(citations: Iterable[Citation | Wording], languages: tuple[str, ...]) -> DatesRead:
    return DatesRead.merged(dates_in(text, languages) for text in read_texts(citations))


def writes_date(reads: Sequence[DatesRead], date: dt.date) -> bool:
    """Do the words (one read per citation) give this day as one date, or its day and month by
    name and its year elsewhere in them?"""
    if any((date.year, date.month, date.day) in r.days for r in reads):
        return True
    return any((date.month, date.day) in r.loose for r in reads) and any(date.year in r.years for r in reads)


def said_month(reads: Sequence[DatesRead], year: int, month: int, near: Iterable[str]) -> bool:
    """Do the words give this month of `year`: by a date of that year, or by its name next to one
    of the fact's numbers (`near`: its year, or its day)?"""
    near = tuple(near)
    return any((year, month) in r.months or any((n, month) in r.named for n in near) for r in reads)


# --- the dates an editors' text writes ------------------------------------------------------------

# The days beside a month's name, the month, the year after it, and whether one of the days will do
# ("10 (22) April": Old and New Style) or each must ("2–23 November": a range).
WrittenDate = tuple[tuple[int, ...], int, int | None, bool]
# English abbreviations CLDR does not give ("Sept." for its "Sep").
ENGLISH_EXTRA = {"Sept": frozenset({9}), "SEPT": frozenset({9})}
# What stands between a day and its month without changing the date: "the 2nd of July", "2 to 23 July".
BETWEEN = frozenset({"st", "nd", "rd", "th", "of", "the", "to", "and"})


@functools.lru_cache(maxsize=1 << 12)  # the same texts on every check
def dates_written(text: str) -> tuple[tuple[WrittenDate, str], ...]:
    """The dates a text in the edition's language (English) writes: by a month's name, with a day
    beside it or a year after it, or both; or in numbers (1933-02-24, 24.02.1933). Each with the
    words that write it."""
    if NUMBER.search(text) is None:  # a date written has a day or a year
        return ()
    called = {**months_called(("en",)), **ENGLISH_EXTRA}
    tokens = [m for m in TOKEN.finditer(text) if m.group() not in BETWEEN]
    words = [m.group() for m in tokens]
    found: list[tuple[WrittenDate, str]] = []
    for at, word in enumerate(words):
        if (month_numbers := called.get(word)) is None:
            continue
        # the days before it, or the one right after ("November 23"): in "23 November to 2 December"
        # the 2 is December's
        beside = [i for i in range(max(0, at - DAY_NEAR), at) if _day(words[i])]
        after_month = at + 1  # the days right after it ("July 24 and 25"), unless a month follows them
        while after_month < len(words) and _day(words[after_month]):
            after_month += 1
        if after_month >= len(words) or words[after_month] not in called:
            beside += range(at + 1, after_month)
        days = tuple(int(words[i]) for i in beside)
        year = next(
            (int(w) for w in words[at + 1 : at + 1 + DAY_NEAR + YEAR_NEAR] if w.isdigit() and len(w) == 4), None
        )
        start = min([*beside, at])
        if year is None and start > 0 and (before := words[max(0, start - 2) : start]) and _year(before[-1]):
            year = int(before[-1])  # "1933, November 14"
        if days or year is not None:
            first = tokens[min([*beside, at])].start()
            last = tokens[max([*beside, at])].end()
            either = "(" in text[first:last]
            shown = " ".join(part for part in (text[first:last], str(year or "")) if part)
            found.extend(((days, month, year, either), shown) for month in sorted(month_numbers))
    found += numeric_dates(text)
    return tuple(found)


# Numbers a reader may take as a date: three joined by any one to three characters that are neither
# letters, digits nor a line's end (1.5.1937, 1 / 5 / 1937, 1–5–1937, 1·5·1937), the middle one
# perhaps a Roman month (1.V.1937); or two joined by / . or - (a month of a year: 1937-05, 5/1937).
_JOIN = r"[^\pL\pN\n]{1,3}"
NUMBERS_JOINED = re2.compile(
    rf"\b[0-9]{{1,4}}{_JOIN}(?:[0-9]{{1,2}}|[IVX]{{1,4}}){_JOIN}[0-9]{{1,4}}\b|\b[0-9]{{1,4}}[./-][0-9]{{1,4}}\b"
)
NUMBER_OR_ROMAN = re2.compile(r"[0-9]+|[IVX]+")
ROMAN_MONTHS = {numeral: month for month, numeral in enumerate("I II III IV V VI VII VIII IX X XI XII".split(), 1)}


def numeric_dates(text: str) -> list[tuple[WrittenDate, str]]:
    """Every date a reader may take joined numbers to write (NUMBERS_JOINED), in any order that makes
    one: 1937-05-01, 1937/5/1, 1937.5.1 (the year first); 1.5.1937, 1 – 5 – 1937, 1.V.1937 (the day
    first, as the edition writes); 5/1/1937 (the month first, as an American reader takes it);
    1937-05, 5/1937 (a month).
    Each reading is a date the words must give, so a date that reads two ways must be given both ways
    (write the month's name). Not a range of years (1936-38: no month 38)."""
    found: list[tuple[WrittenDate, str]] = []
    for joined in NUMBERS_JOINED.finditer(text):
        shown = joined.group()
        numbers = NUMBER_OR_ROMAN.findall(shown)
        widths = [len(n) for n in numbers]
        parts = [int(n) if n.isdigit() else ROMAN_MONTHS.get(n, 0) for n in numbers]
        readings: set[tuple[int | None, int, int]] = set()  # (day, month, year)
        if len(parts) == 3 and widths[0] == 4 and max(widths[1:]) <= 2:
            readings.add((parts[2], parts[1], parts[0]))
        elif len(parts) == 3 and widths[2] == 4 and not numbers[1].isdigit():  # a Roman month is the month
            readings.add((parts[0], parts[1], parts[2]))
        elif len(parts) == 3 and widths[2] == 4 and max(widths[:2]) <= 2:
            readings |= {(parts[0], parts[1], parts[2]), (parts[1], parts[0], parts[2])}
        elif len(parts) == 2 and sorted(widths) in ([1, 4], [2, 4]):
            year, month = (parts[0], parts[1]) if widths[0] == 4 else (parts[1], parts[0])
            readings.add((None, month, year))
        for day, month, year in sorted(readings, key=str):
            if 1 <= month <= 12 and (day is None or 1 <= day <= 31):
                found.append((((day,) if day is not None else (), month, year, False), shown))
    return found


def gives(reads: Sequence[DatesRead], written: WrittenDate) -> bool:
    """Do the words give what a text writes: each of its days (a range, "2–23 November") or one of
    them (Old and New Style, "10 (22) April"), of that month and year, or in any year; or that
    month of that year?"""
    days, month, year, either = written
    if not days:
        return year is not None and said_month(reads, year, month, {str(year)})
    if either or len(days) == 1:
        return any(_gives_day(reads, day, month, year) for day in days)
    # A range: each of its days next to the month's name ("vom 23. bis 30. Januar 1937": the words
    # of each language join a range their own way), and the month in that year.
    near = all(any((str(day), month) in r.named for r in reads) for day in days)
    return near and (year is None or said_month(reads, year, month, {str(year)}))


def _gives_day(reads: Sequence[DatesRead], day: int, month: int, year: int | None) -> bool:
    if year is None:
        return any((month, day) in r.day_months for r in reads)
    try:
        return writes_date(reads, dt.date(year, month, day))
    except ValueError:  # "31 February 1937": no such day, so no source writes it
        return False
