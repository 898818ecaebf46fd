"""tools/model/quotes.py: the quotation-mark class derived from Unicode data, the spans it finds, and
the words a quotation may be."""

from __future__ import annotations

import unicodedata

import pytest

from tools.model.quotes import PUNCTUATION_PLANES, Corpus, core, has_mark, outermost, quotation_marks, spans


def test_every_initial_and_final_quotation_mark_of_unicode_is_in_the_class() -> None:
    double, single = quotation_marks()
    marks = set(double + single)
    # (the invisible TAG QUOTATION MARK is a format character: refused anywhere as hidden text)
    every = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Pi", "Pf")}
    named = {
        chr(c)
        for c in range(0x110000)
        if "QUOTATION MARK" in unicodedata.name(chr(c), "") and unicodedata.category(chr(c)) != "Cf"
    }
    assert every | named <= marks
    # the derivation scans two planes: no quotation mark lives beyond them
    assert all(ord(c) < PUNCTUATION_PLANES for c in every | named)


@pytest.mark.parametrize(
    "mark",
    ["״", "ˮ", "″", "〃", "＂", "„", "«", "❝", "『", "׳", "ʼ", "´", "`", "′", "＇", "‹", "「"],
)
def test_confusable_and_named_marks_are_in_the_class(mark: str) -> None:
    assert has_mark(f"x {mark}y{mark}")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "such as “great,” “genius,” “wise,” ” Most beloved” and so on",
            ["great,", "genius,", "wise,", " Most beloved"],
        ),
        ("he said ''Stalin is innocent'' and left", ["Stalin is innocent"]),  # two typewriter apostrophes
        ("he said ,,Stalin is innocent'' and left", ["Stalin is innocent"]),  # low-then-high, typed
        ("he said ״Stalin is innocent״ and left", ["Stalin is innocent"]),  # Hebrew gershayim
        ("he said ˮStalin is innocentˮ and left", ["Stalin is innocent"]),  # modifier letter double apostrophe
        ("he said ``Stalin is innocent'' and left", ["Stalin is innocent"]),  # TeX's marks
        ("he said ‘Stalin is innocent’ and 'so was I'.", ["Stalin is innocent", "so was I"]),
        ("he said ‹Stalin is innocent› and «so was I»", ["Stalin is innocent", "so was I"]),
    ],
)
def test_spans_of_every_spelling(text: str, quoted: list[str]) -> None:
    assert [s.text for s in spans(text)] == quoted


def test_apostrophes_open_no_quotation() -> None:
    assert spans("Stalin’s threat and Trotsky’s story, the defendants’ lawyers, don't, the ’30s") == []


def test_an_unclosed_mark_reads_to_the_end() -> None:
    [span] = spans("Bukharin said: “He is the hope of mankind!")
    assert not span.closed and span.text == "He is the hope of mankind!"


def test_a_quotation_inside_a_quotation_belongs_to_the_outer_one() -> None:
    [span] = outermost(spans("He said “they called it ‘a farce’ at once”."))
    assert span.text == "they called it ‘a farce’ at once"


CHAPTER = [
    "The defendant Boguslavsky said, “I begin with a little thing that at first glance seems innocent …… "
    "as we are doing now.”",
    "Bukharin was overwhelmed with emotion in court: “He (naturally, Stalin – the author) is the hope of mankind!”",
]


@pytest.mark.parametrize(
    ("quoted", "allowed"),
    [
        ("He (naturally, Stalin – the author) is the hope of mankind!", True),
        ("The Hope of Mankind", True),  # a quotation may begin a sentence: case is typography
        ("the hope of man", False),  # whole words only: “man” is not a word of the chapter there
        ("Stalin is innocent", False),
        ("innocent", False),  # a single word of the chapter could be stitched into a claim
        ("Stalin", True),  # a name as spelled
        ("I begin with a little thing […] as we are doing now", True),  # the editors' cut, each part the chapter's
        ("I begin with a little thing […] Stalin is innocent", False),
        ("(19)", True),  # no words at all
        ("I begin with a little thing …", True),  # an elision at the edge
    ],
)
def test_the_words_a_quotation_may_be(quoted: str, allowed: bool) -> None:
    corpus = Corpus(CHAPTER, {"Stalin", "Bukharin"})
    assert corpus.allows(quoted) is allowed


def test_core_is_typography_only() -> None:
    assert core(" “great,” ") == "great"
    assert core("Stalin’s  leadership…") == core("Stalin's leadership...")
