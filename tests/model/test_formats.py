"""tools/footnotes.py: a quotation's footnote, generated from the source list."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from conftest import Project

from tools.model.formats import citation, footnote_line, footnote_text, format_date, life_dates
from tools.model.records import SourceList, SourceRef
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
    assert format_date(value) == shown  # type: ignore[arg-type]


def test_life_dates() -> None:
    assert life_dates(dt.date(1889, 11, 4), dt.date(1938, 3, 15)) == "4 November 1889 – 15 March 1938"
    assert life_dates(None, None) == "not known – not known"


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
