"""tools/model/formats.py: a quotation's footnote, generated from the source list."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from conftest import Project

from tools.model.formats import (
    EDITORS_CUT,
    citation,
    footnote_line,
    footnote_text,
    format_date,
    life_dates,
    life_years,
    quotation_text,
    shorten_quotation,
    wording_chain,
)
from tools.model.records import SourceList, SourceRef, Wording
from tools.model.schema import load


@pytest.fixture
def sources(mini: Project) -> SourceList:
    loaded, findings = load(mini.path("data/sources.yml"), "data/sources.yml")
    assert findings == []
    return loaded


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.date(1937, 1, 29), "29 January 1937"),
        (dt.date(1938, 3, 12), "12 March 1938"),
        ("1896-05", "May 1896"),
        (1882, "1882"),
        (None, "not known"),
    ],
)
def test_format_date(value: object, shown: str) -> None:
    assert format_date(value) == shown


def test_life_dates_show_the_old_style_date_kept(sources: SourceList) -> None:
    rosengolts = sources.people["rosengolts"]
    assert life_dates(rosengolts) == "16 November 1889 (4 November O.S.) – 15 March 1938"
    assert life_dates(replace(rosengolts, born=None, born_old_style=None, died=None)) == "not known – not known"


def test_an_old_style_date_in_another_year_shows_its_year(sources: SourceList) -> None:
    person = replace(sources.people["rosengolts"], born=dt.date(1900, 1, 7), born_old_style=dt.date(1899, 12, 26))
    assert life_dates(person).startswith("7 January 1900 (26 December 1899 O.S.) – ")
    assert life_years(person) == "1900 (1899 O.S.)–1938"


def test_a_date_whose_calendar_the_sources_do_not_state(sources: SourceList) -> None:
    assert life_dates(sources.people["sedov"]) == "24 February 1906 (calendar not stated) – 16 February 1938"
    assert life_years(sources.people["sedov"]) == "1906–1938"


def test_life_years_for_tooltips(sources: SourceList) -> None:
    assert life_years(sources.people["vyshinsky"]) == "1883–1954"
    assert life_years(replace(sources.people["vyshinsky"], born=None, born_old_style=None)) == "?–1954"
    assert life_years(replace(sources.people["vyshinsky"], born=None, born_old_style=None, died=None)) == (
        "life dates not known"
    )


def test_a_quotation_is_shown_in_the_chapter_s_exact_words(sources: SourceList) -> None:
    q = sources.quotations["q-vyshinsky-epithets"]
    chapter = "“great,” “genius,” “wise,”   ” Most beloved”"
    assert quotation_text(q, chapter) == "“great,” “genius,” “wise,” ” Most beloved”"
    # Not printed by the chapter: its parts, the gaps marked as the editors', never a bare ellipsis.
    assert (
        quotation_text(q, None)
        == f"“great,” {EDITORS_CUT} “genius,” {EDITORS_CUT} “wise,” {EDITORS_CUT} “Most beloved”"
    )


@pytest.mark.parametrize("limit", [20, 40, 60, 80, 200])
def test_a_shortened_quotation_marks_the_cut_as_the_editors(limit: int) -> None:
    text = "“Whoever deviates even slightly from the general line of the Party will meet a sad and unfortunate end!”"
    short = shorten_quotation(text, limit)
    if len(text) <= limit:
        assert short == text
        return
    kept, _, after = short.partition(f" {EDITORS_CUT}")
    assert text.startswith(kept) and text[len(kept)] == " "  # cut at a word, every word the chapter's
    assert after == "”" and "…" not in kept


def test_the_wording_chain(sources: SourceList) -> None:
    q = sources.quotations["q-rosengolts-deviation"]
    chain = wording_chain(q, sources)
    links = chain.split(" → ")
    assert links[0] == "the chapter’s, above"
    assert links[1] == (
        "Orlov’s Russian, [Orlov 1991 (Russian)](sources.md#orlov-1991-ru), online reader page 80 of 453: "
        "«Жалкой и несчастной будет судьба того, кто допустит хоть малейшее отклонение от генеральной линии партии!»"
    )
    assert links[2].startswith("the editors’ literal translation of it (theirs, not Orlov’s): “Pitiful and unhappy")
    assert links[3] == "the official Report: not seen"
    seen = replace(q, report_wording=Wording("Those who deviate …", "report-1938", "p. 123", None, "abridged"))
    assert wording_chain(seen, sources).endswith(
        "the official Report, [Report 1938](sources.md#report-1938), p. 123: “Those who deviate …” (abridged)"
    )
    none_seen = wording_chain(sources.quotations["q-bukharin-hope-of-mankind"], sources)
    assert none_seen == "the chapter’s, above → Orlov’s Russian: not seen → the official Report: not seen"


def test_source_label(sources: SourceList) -> None:
    assert (
        citation(SourceRef("orlov-1991-ru", None, "online reader page 80 of 453", None), sources, linked=False)
        == "Orlov 1991 (Russian), online reader page 80 of 453"
    )
    assert citation(SourceRef("orlov-1953", None, None, None), sources, linked=False) == "Orlov 1953"
    assert (
        citation(SourceRef(None, "https://example.org/x", None, None), sources, linked=False) == "https://example.org/x"
    )


def test_footnote_of_a_dated_quotation_at_a_trial(sources: SourceList) -> None:
    text = footnote_text(sources.quotations["q-rosengolts-long-live"], sources)
    assert text.startswith(
        "**Arkady Pavlovich Rosengolts**, defendant. Third Moscow trial (1938): "
        '*The Case of the Anti-Soviet "Bloc of Rights and Trotskyites"*. Probably his last plea; '
        "12 March 1938 (inferred). Status: [Attributed](index.md#status-attributed){ .status .status-attributed }. "
        "Wording: the chapter’s, above → Orlov’s Russian: not seen → the official Report: not seen. "
        "Sources: "
    )
    assert "Orlov 1953" in text and text.endswith(".") and "\n" not in text


def test_unknowns_are_shown_as_unknown(sources: SourceList) -> None:
    text = footnote_text(sources.quotations["q-vyshinsky-epithets"], sources)
    assert text.startswith(
        "**Andrey Yanuaryevich Vyshinsky**, prosecutor. Trial not established. "
        "His speeches for the prosecution (Orlov's characterisation); date not known. "
        "Status: [Paraphrase](index.md#status-paraphrase)"
    )
    assert "Orlov 1991 (Russian)" in text and "online reader page 80 of 453" in text
    no_occasion = footnote_text(sources.quotations["q-rosengolts-deviation"], sources)
    assert ". Occasion not known; date not known. Status: [Unverified]" in no_occasion


def test_trial_note_and_a_date_that_is_not_inferred(sources: SourceList) -> None:
    q = replace(
        sources.quotations["q-bukharin-hope-of-mankind"],
        trial=None,
        trial_note="either 1937 or 1938",
        date_inferred=False,
    )
    text = footnote_text(q, sources)
    assert (
        "Trial not established (either 1937 or 1938). Probably his last plea (evening session); 12 March 1938. " in text
    )


def test_each_source_is_named_once(sources: SourceList) -> None:
    q = sources.quotations["q-rosengolts-long-live"]
    doubled = replace(q, sources=q.sources + q.sources)
    assert footnote_text(doubled, sources) == footnote_text(q, sources)


def test_footnote_line_is_a_markdown_definition(sources: SourceList) -> None:
    q = sources.quotations["q-rosengolts-deviation"]
    assert footnote_line(q, sources) == f"[^q-rosengolts-deviation]: {footnote_text(q, sources)}"


def test_status_label_comes_from_the_legend(mini: Project) -> None:
    mini.replace("data/sources.yml", "    label: Unverified\n", "    label: Not yet verified\n")
    loaded, _ = load(mini.path("data/sources.yml"), "data/sources.yml")
    assert "Status: [Not yet verified](index.md#status-unverified)" in footnote_text(
        loaded.quotations["q-rosengolts-deviation"], loaded
    )
