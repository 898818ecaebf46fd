"""tools/model/cite.py: the edition's one citation formatter (Chicago, MLA, Highwire tags and the
RIS, BibTeX and CSL-JSON record)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

import pytest
from conftest import Project

from tools.model import cite
from tools.model.records import SourceList
from tools.model.schema import load

SITE = "https://example.org/edition/"
NAME = "The Secret History of Stalin’s Purges (19)"


@pytest.fixture
def sources(mini: Project) -> SourceList:
    loaded, findings = load(mini.path("data/sources.yml"), "data/sources.yml")
    assert findings == []
    return loaded


@pytest.fixture
def e(sources: SourceList) -> cite.Edition:
    return cite.edition(sources, NAME, SITE.rstrip("/"), "The Secret History of Stalin’s Purges (19)")


def passage(**changes: object) -> cite.Passage:
    p = cite.Passage("Praise in the courtroom", True, SITE + "praise.html#p-defence-attorneys", 8, 8)
    return replace(p, **changes)


@pytest.mark.parametrize(
    ("heading", "cased"),
    [
        ("Praise in the courtroom", "Praise in the Courtroom"),
        ("The trials as a warning", "The Trials as a Warning"),
        ("Trotsky as the real target", "Trotsky as the Real Target"),
        ("The meetings abroad that never happened", "The Meetings Abroad That Never Happened"),
        ("a history of the NKVD: in the end", "A History of the NKVD: In the End"),
        ("self-aggrandizement in court", "Self-Aggrandizement in Court"),
        ("The Secret History of Stalin’s Purges (19)", "The Secret History of Stalin’s Purges (19)"),
        ("what it was for", "What It Was For"),
        ("Тайная история сталинских преступлений", "Тайная история сталинских преступлений"),
    ],
)
def test_title_case(heading: str, cased: str) -> None:
    assert cite.title_case(heading) == cased
    assert cite.title_case(cased) == cased


def test_the_edition_is_read_from_the_source_list(e: cite.Edition) -> None:
    assert e.url == SITE and e.date == dt.date(2026, 11, 24)
    assert e.author == "Alexander Orlov" and e.book is not None and e.book.year == 1953
    assert e.relation is None  # the mini source list does not say how the text relates to the book


def test_chicago_names_orlovs_chapter_and_the_editors_heading(e: cite.Edition) -> None:
    assert cite.chicago(passage(), e) == (
        "Alexander Orlov, “The Secret History of Stalin’s Purges (19),” section “Praise in the Courtroom” "
        "(editors’ heading), in *The Secret History of Stalin’s Purges (19)*, documentary edition, from "
        "*The Secret History of Stalin's Crimes* (New York: Random House, 1953), 24 November 2026, para. 8, "
        "https://example.org/edition/praise.html#p-defence-attorneys."
    )
    quoted = cite.chicago(passage(speaker="N. V. Kommodov", first=4, last=9), e, "25 November 2026")
    assert quoted.startswith("N. V. Kommodov, quoted in Alexander Orlov, “")
    assert quoted.endswith(
        ", paras. 4–9, accessed 25 November 2026, https://example.org/edition/praise.html#p-defence-attorneys."
    )


def test_a_heading_that_is_the_authors_is_not_called_the_editors(e: cite.Edition) -> None:
    assert "editors’" not in cite.chicago(passage(editors_heading=False), e)
    assert "editors’" not in cite.mla(passage(editors_heading=False), e)


def test_mla_has_no_scheme_and_no_placeholder(e: cite.Edition) -> None:
    static = cite.mla(passage(), e)
    assert static == (
        "Orlov, Alexander. “The Secret History of Stalin’s Purges (19).” Section “Praise in the Courtroom” "
        "(editors’ heading), par. 8. *The Secret History of Stalin’s Purges (19)*, documentary edition, from "
        "*The Secret History of Stalin's Crimes*, Random House, 1953, 24 Nov. 2026, "
        "example.org/edition/praise.html#p-defence-attorneys."
    )
    assert "http" not in static and "[" not in static and "Accessed" not in static
    assert cite.mla(passage(), e, cite.mla_date(dt.date(2027, 3, 5))).endswith(" Accessed 5 Mar. 2027.")


def test_the_relation_is_said_before_the_book(e: cite.Edition) -> None:
    told = replace(e, relation="an English machine translation of part of")
    assert "documentary edition of an English machine translation of part of *The Secret History" in cite.chicago(
        passage(), told
    )
    assert "documentary edition of an English machine translation of part of *The Secret History" in cite.mla(
        passage(), told
    )


def test_unknown_parts_are_left_out_never_guessed(e: cite.Edition) -> None:
    bare = replace(e, date=None, author=None, book=None)
    chicago, mla = cite.chicago(passage(), bare), cite.mla(passage(), bare)
    assert chicago.startswith("“The Secret History") and ", n.d., para. 8," in chicago
    assert mla.startswith("“The Secret History") and "None" not in chicago + mla
    assert "Random House" not in chicago + mla
    unknown_year = replace(e, book=replace(e.book, year=None, place=None, publisher=None))
    assert "*The Secret History of Stalin's Crimes*, 24 November 2026" in cite.chicago(passage(), unknown_year)


def test_templates_leave_only_the_tokens(e: cite.Edition) -> None:
    made = cite.templates("Praise in the courtroom", True, SITE + "praise.html", e)
    assert set(made) == {"chicago", "chicagoQuotation", "mla"}
    for name, text in made.items():
        tokens = set(re.findall(r"\{[a-z]+\}", text))
        assert tokens <= set(cite.TOKENS), (name, tokens)
        assert {"{n}", "{id}", "{accessed}"} <= tokens
    assert made["chicagoQuotation"].startswith("{speaker}, {use} in ")
    filled = made["mla"].replace("{n}", "8").replace("{id}", "p-defence-attorneys").replace("{accessed}", "5 Mar. 2027")
    assert filled == cite.mla(passage(), e, "5 Mar. 2027", markdown=False)
    assert "*" not in filled, "the templates are plain text"


def test_highwire_tags(e: cite.Edition) -> None:
    tags = dict(cite.highwire(passage(url=SITE + "praise.html"), e))
    assert tags["citation_author"] == "Orlov, Alexander"
    assert tags["citation_title"].startswith("The Secret History of Stalin’s Purges (19), section “Praise in the")
    assert tags["citation_book_title"] == NAME
    assert tags["citation_publication_date"] == "2026/11/24"
    assert tags["citation_public_url"] == SITE + "praise.html"
    assert "The Secret History of Stalin's Crimes (New York: Random House, 1953)" in tags["citation_abstract"]


def test_ris(e: cite.Edition) -> None:
    text = cite.ris(cite.record(e))
    lines = text.splitlines()
    assert lines[0] == "TY  - EBOOK" and lines[-1] == "ER  - "
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)
    assert "AU  - Orlov, Alexander" in lines and "UR  - https://example.org/edition/" in lines
    assert "DA  - 2026/11/24" in lines and "PY  - 2026" in lines


def test_bibtex_escapes_and_keeps_capitals(e: cite.Edition) -> None:
    text = cite.bibtex(cite.record(replace(e, title="Profits & Losses: 100% of {it}_x")))
    assert text.startswith("@book{orlov-profits-losses-100-of-it-x,\n")
    assert "  title = {{Profits \\& Losses: 100\\% of \\{It\\}\\_x}}," in text
    assert text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}")
    assert "  date = {2026-11-24}," in text and "  author = {Orlov, Alexander}," in text


def test_csl_json(e: cite.Edition) -> None:
    [item] = json.loads(json.dumps(cite.csl(cite.record(e))))
    assert item["type"] == "book" and item["author"] == [{"family": "Orlov", "given": "Alexander"}]
    assert item["issued"] == {"date-parts": [[2026, 11, 24]]} and item["URL"] == SITE
    assert item["original-title"] == "The Secret History of Stalin's Crimes"
    assert item["original-date"] == {"date-parts": [[1953]]}
    assert (item["original-publisher"], item["original-publisher-place"]) == ("Random House", "New York")


def test_values_are_text_not_markup(e: cite.Edition) -> None:
    """A title, a name or an address full of Markdown and HTML is shown as typed on the
    teachers' page (escaped) and left as it is in plain text."""
    hostile = "[x](javascript:alert(1)) <b>*y*</b> {: .z }"
    book = replace(e.book, title=hostile, publisher=hostile)
    bad = replace(e, name=hostile, author=hostile, relation=hostile, book=book)
    for text in (cite.chicago(passage(speaker=hostile), bad), cite.mla(passage(heading=hostile), bad)):
        assert "[x](" not in text and "<b>" not in text and "{:" not in text
        assert "&#91;x&#93;" in text and "&lt;b&gt;" in text
    plain = cite.chicago(passage(speaker=hostile), bad, markdown=False)
    assert plain.startswith(hostile + ", quoted in ") and "&#" not in plain
