"""tools/model/dates.py and urls.py: dates as the edition shows them, Old Style against New Style; the
one URL policy, read as a browser reads an address."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from pydantic import ValidationError

from tools.model.dates import (
    date_text,
    format_date,
    iso,
    julian_to_gregorian,
    life_dates,
    life_years,
    month_forms,
    needs_calendar,
)
from tools.model.sourcelist import Person, Policy
from tools.model.urls import UNSAFE_CHAR, scheme_of, site_of, site_path, url_problem

ROSENGOLTS = {
    "id": "rosengolts",
    "name": "Arkady Pavlovich Rosengolts",
    "variants": ["Rosenholz"],
    "born": dt.date(1889, 11, 16),
    "born_old_style": dt.date(1889, 11, 4),
    "died": dt.date(1938, 3, 15),
    "role": "defendant",
    "summary": "shot after the 1938 trial",
    "sources": [],
}


def person(**changes: object) -> Person:
    return Person.model_validate({**ROSENGOLTS, **changes})


@pytest.mark.parametrize(
    ("value", "shown"),
    [(dt.date(1937, 1, 29), "29 January 1937"), ("1896-05", "May 1896"), (1882, "1882"), (None, "not known")],
)
def test_a_date_as_a_reader_sees_it(value: object, shown: str) -> None:
    assert format_date(value) == shown  # type: ignore[arg-type]
    assert date_text(value, inferred=True) == (shown if value is None else f"{shown} (inferred)")  # type: ignore[arg-type]


def test_iso_dates_for_data_files() -> None:
    assert [iso(v) for v in (dt.date(1938, 3, 12), "1896-05", 1882, None)] == ["1938-03-12", "1896-05", "1882", ""]


def test_life_dates_show_the_old_style_date_kept() -> None:
    assert life_dates(person()) == "16 November 1889 (4 November Old Style) – 15 March 1938"
    assert life_years(person()) == "1889–1938"
    assert life_years(person(born=None, born_old_style=None)) == "?–1938"
    assert life_years(person(born=None, born_old_style=None, died=None)) == "life dates not known"


def test_an_old_style_date_in_another_year_shows_its_year() -> None:
    turned = person(born=dt.date(1900, 1, 7), born_old_style=dt.date(1899, 12, 26))
    assert life_dates(turned).startswith("7 January 1900 (26 December 1899 Old Style) – ")


def test_a_date_whose_calendar_the_sources_do_not_state() -> None:
    sedov = person(born=dt.date(1906, 2, 24), born_old_style=None, born_calendar="not stated")
    assert life_dates(sedov).startswith("24 February 1906 (the sources do not say in which calendar) – ")


@pytest.mark.parametrize(
    ("julian", "gregorian"),
    [
        ((1889, 11, 4), dt.date(1889, 11, 16)),
        ((1899, 12, 26), dt.date(1900, 1, 7)),
        ((1918, 1, 31), dt.date(1918, 2, 13)),
    ],
)
def test_julian_to_gregorian(julian: tuple[int, int, int], gregorian: dt.date) -> None:
    assert julian_to_gregorian(*julian) == gregorian


def test_which_dates_need_a_calendar() -> None:
    assert needs_calendar(dt.date(1918, 2, 13)) and not needs_calendar(dt.date(1918, 2, 14))
    assert needs_calendar("1906-02") and not needs_calendar("1918-03") and not needs_calendar(1906)


# --- addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("javascript:alert(document.domain)", "the scheme 'javascript:'"),
        ("JavaScript:alert(1)", "the scheme 'javascript:'"),
        ("data:text/html,<script>alert(1)</script>", "white space, a quote"),
        ("data:text/html,x", "the scheme 'data:'"),
        ("vbscript:msgbox", "the scheme 'vbscript:'"),
        ("file:///etc/passwd", "the scheme 'file:'"),
        (" https://example.org/", "white space"),
        ("java\tscript:alert(1)", "white space"),
        ("https://example.org/a b", "white space"),
        ("https://exa\x00mple.org/", "invisible character"),
        ("//evil.example/x", "starts with '/'"),
        ("/etc/passwd", "starts with '/'"),
        ("/\\evil.example", "backslash"),
        ("https:\\\\evil.example", "backslash"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://example.org@evil.example/", "user name or password"),
        ("http://img.example.com./detail.php", "malformed host"),
        ("https:///path", "has no host"),
        ("https://example.org:99999/", "not a valid address"),
        ("https://edition.example.org/history/../../evil/x.html", "'..' segment"),
        ("https://edition.example.org/history/%2e%2E/x.html", "'..' segment"),
        ("https://edition.example.org/history/%252e%252e/x.html", "'..' segment"),
        ("https://edition.example.org/history/./x.html", "'..' segment"),
        ("&#106;avascript:alert(1)", None),  # a relative address to a page named so: leads nowhere (guard-link)
        ("", "is empty"),
    ],
)
def test_an_address_the_edition_refuses(value: str, problem: str | None) -> None:
    found = url_problem(value)
    assert (found is None) if problem is None else (found is not None and problem in found), found


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/a?b=1&c=2#d",
        "http://stalinism.ru/x.html?start=42",
        "https://it.wiki7.org/wiki/Гольцман,_Эдуард",
        "https://example.org/a_(b)",
        "sources.html#orlov-1953",
        "../up.html",
    ],
)
def test_an_address_the_edition_allows(value: str) -> None:
    assert url_problem(value) is None


def test_an_address_is_read_as_a_browser_reads_it() -> None:
    assert scheme_of("  java\tscri\npt:alert(1)") == "javascript"
    assert scheme_of("sources.html#x") is None
    assert site_path("../../etc/passwd", "index.html") is None
    assert site_path("%2e%2e/%2e%2e/etc/passwd", "index.html") is None
    assert site_path("people.html#x", "sub/index.html") == "sub/people.html"


def test_an_address_may_hold_no_space_of_any_kind_and_no_invisible_character() -> None:
    """Every character Python calls white space, and every control, format or separator character."""
    import unicodedata

    odd = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if (chr(c).isspace() or unicodedata.category(chr(c)) in ("Cc", "Cf", "Zs", "Zl", "Zp"))
        and UNSAFE_CHAR.search(chr(c)) is None
    ]
    assert odd == []


def test_a_months_names_in_the_languages_the_sources_are_read_in() -> None:
    """CLDR's names through Babel: in a date and standing alone, full and abbreviated."""
    assert {"августа", "август", "авг.", "Августа", "АВГУСТА"} <= month_forms("ru")[8]
    # an abbreviation keeps the full stop CLDR writes it with: French "sept" is seven, "sept." September
    assert "sept." in month_forms("fr")[9] and "sept" not in month_forms("fr")[9]
    assert {"March", "Mar", "MARCH"} <= month_forms("en")[3] and "martie" in month_forms("ro")[3]
    assert "March" not in month_forms("en")[1]
    # a month's name as a text writes it, never the lower case of a name the language capitalises:
    # "may" is a verb, "march" a walk
    assert "may" not in month_forms("en")[5] and "march" not in month_forms("en")[3]


@pytest.mark.parametrize("language", ["xx", "../../etc/passwd", "en/../ru", "", "EN " * 10])
def test_a_language_cldr_does_not_know_is_refused_as_input(language: str) -> None:
    with pytest.raises(ValidationError):
        Policy.model_validate({"denylist": [], "languages": [language]})


def test_an_address_is_on_its_registrable_domain() -> None:
    """The Public Suffix List decides: a work's own site, seen from any of its hosts."""
    assert site_of("de.m.wikipedia.org") == site_of("en.wikipedia.org") == "wikipedia.org"
    assert site_of("www.universalis.fr") == site_of("universalis.fr")
    assert site_of("en.wikipedia.org.example.com") == "example.com"
    assert site_of("news.bbc.co.uk") == "bbc.co.uk" and site_of("localhost") == "localhost"
