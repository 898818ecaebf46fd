"""The values of the source list: dates as precise as the sources allow, one-line texts, web
addresses under the URL policy, ids, and the closed vocabularies (statuses, kinds of source, kinds of copy)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import re2
from babel import localedata
from pydantic import AfterValidator, BeforeValidator, Field

from .textfile import FLOATING_MARK, HIDDEN_CHAR
from .urls import named_host_problem, url_problem

YEAR_MONTH = re2.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
MIN_YEAR, MAX_YEAR = 1000, 2100


def date_value(value: Any) -> Any:
    """A date as precise as the sources allow: 1937, "1937-01" or 1937-01-23 (YAML's date)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("a date is a year, YYYY-MM or YYYY-MM-DD, not true or false")
    if isinstance(value, int):
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise ValueError(f"{value} is not a year")
        return value
    if isinstance(value, str):
        if not YEAR_MONTH.match(value):
            raise ValueError(f"'{value}' is not a date: write a year, YYYY-MM or YYYY-MM-DD")
        return within_years(value, int(value[:4]))
    if isinstance(value, dt.datetime):
        raise ValueError("a date has no time of day")
    if isinstance(value, dt.date):
        return within_years(value, value.year)
    raise ValueError("a date is a year, YYYY-MM or YYYY-MM-DD")


def within_years(value: Any, year: int) -> Any:
    """A date of the sources lies within MIN_YEAR and MAX_YEAR, in whatever form it is written (the
    calendars' arithmetic, and every reader, stays in the years of the edition's sources)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{year} is not a year of the edition's sources ({MIN_YEAR}–{MAX_YEAR})")
    return value


DateValue = Annotated[int | str | dt.date | None, BeforeValidator(date_value)]


def _text(value: str) -> str:
    """One line of text: YAML folds `>-` blocks into one line already; a line break left in a
    value (a `|` block) is refused, so that what is shown is what is written. A control, format or
    floating combining character that a YAML escape (`"\\u202e"`) writes is refused as in the file
    itself (tools/model/textfile.py)."""
    if "\n" in value:
        raise ValueError("a text is one line: use `>-` for a long text, not `|`")
    if not value.strip():
        raise ValueError("is empty; leave the key out, or write null where the field allows it")
    hidden = HIDDEN_CHAR.search(value) or FLOATING_MARK.search(value)
    if hidden:
        char = hidden.group()[-1]
        raise ValueError(f"contains U+{ord(char):04X}, which can hide or reorder words; remove it")
    return value


Text = Annotated[str, AfterValidator(_text)]
# A spelling of a person's name: one to four words, each capitalised (a particle such as de or von
# apart), with hyphens, apostrophes and full stops; never a sentence, which would be shown as a name.
SPELLING = re2.compile(
    r"^(?:(?:\p{Lu}\p{L}*(?:[-'’.]\p{L}+)*\.?|de|von|van|der|del|ibn|al) ){0,3}\p{Lu}\p{L}*(?:[-'’.]\p{L}+)*\.?$"
)


def _spelling(value: str) -> str:
    if not SPELLING.match(value):
        raise ValueError(f"'{value}' is not a spelling of a name: one to four capitalised words")
    return value


Spelling = Annotated[str, AfterValidator(_text), AfterValidator(_spelling)]
# Words the chapter puts in quotation marks without quoting anyone ("confessions", "network of
# conspiracy links"): a term of one to five words, never a sentence, which would be a quotation
# declared away from its footnote.
SCARE_TERM = re2.compile(r"^[\p{L}\p{N}'’-]+(?: [\p{L}\p{N}'’-]+){0,4}[,.]?$")


def _scare_term(value: str) -> str:
    if not SCARE_TERM.match(value):
        raise ValueError(
            f"'{value[:60]}' is not a term of one to five words; a sentence in quotation marks is a quotation: mark it"
        )
    return value


ScareTerm = Annotated[str, AfterValidator(_text), AfterValidator(_scare_term)]


def _url(value: str) -> str:
    problem = url_problem(value, relative=False)
    if problem:
        raise ValueError(problem)
    if problem := named_host_problem(value):
        raise ValueError(problem)
    return value


Url = Annotated[str, AfterValidator(_url)]
ORIGINAL_PATH = re2.compile(r"^original/[A-Za-z0-9_.-]+\.txt$")
# The files the edition names are inside it: the original under original/, pages by their name in
# docs/ (never a path that could lead the checker to read, or the build to write, elsewhere).
OriginalPath = Annotated[str, Field(pattern=ORIGINAL_PATH.pattern)]
PageName = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*\.md$")]
HOST = re2.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


def _domain(value: str) -> str:
    """A host name, as the source policy lists it: a domain that matches no host would deny nothing."""
    if not HOST.match(value):
        raise ValueError(f"'{value}' is not a host name such as metapedia.org (lower case, no scheme, no path)")
    return value


Domain = Annotated[str, AfterValidator(_domain)]
EMAIL = re2.compile(r"^mailto:[^\s@?&/:]+@[^\s@?&/:]+\.[^\s@?&/:]+$")


def _contact(value: str) -> str:
    """Where readers report a problem: `mailto:` and an address, or a web address (an issue tracker)."""
    if EMAIL.match(value) or (
        value.startswith("https://")
        and url_problem(value, relative=False) is None
        and named_host_problem(value) is None
    ):
        return value
    raise ValueError("is neither mailto: and an e-mail address nor an https: address")


Contact = Annotated[str, AfterValidator(_contact)]


def _read_at(value: str) -> str:
    """Where a text was read: a web address, or the reference copy of the chapter in original/
    (the chapter itself, as received; the checker holds it to `edition.original`)."""
    return value if ORIGINAL_PATH.match(value) else _url(value)


ReadAt = Annotated[str, AfterValidator(_read_at)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]


def _language(value: str) -> str:
    """A language whose month names Babel (CLDR) holds: "en", "ru", "de", "ro" …"""
    if value not in localedata.locale_identifiers():  # a list of names, never a path
        raise ValueError("is not a language code CLDR knows (en, ru, de …)")
    return value


Language = Annotated[str, Field(max_length=20), AfterValidator(_language)]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Excerpts = Annotated[tuple[Text, ...], BeforeValidator(_one_or_many), Field(min_length=1, strict=False)]
# YAML gives lists; the records keep tuples (they are frozen). Only the container is lax: its items stay strict.
LAX = Field(strict=False)

Status = Literal["verified", "attributed", "unverified", "paraphrase"]
STATUSES: tuple[Status, ...] = ("verified", "attributed", "unverified", "paraphrase")
Kind = Literal["primary", "memoir", "scholarship", "reference", "press", "polemic"]
KINDS: tuple[Kind, ...] = ("primary", "memoir", "scholarship", "reference", "press", "polemic")
Copy = Literal["own", "archive", "scan", "mirror", "unauthorised"]

# Russia changed from the Julian to the Gregorian calendar on 14 February 1918 (New Style).
NEW_STYLE_FROM = dt.date(1918, 2, 14)
