"""tools/model/inline.py: quoted spans, marked quotations, plain text and typography."""

from __future__ import annotations

from tools.model.inline import find_marked, normalise, plain_text, quote_spans, scare_key

THREAT = (
    "Stalin’s threat was mirrored in the words of the defendant Rosenholz: "
    "[“Whoever deviates even slightly from the general line of the Party will meet a sad and unfortunate end!”]"
    "{ #q-rosengolts-deviation }[^q-rosengolts-deviation]"
)


def test_marked_quotation_without_footnote() -> None:
    [mark] = find_marked("He said [“Long live”]{ #q-x }.")
    assert (mark.id, mark.label, mark.body) == ("q-x", None, "“Long live”")


def test_any_bracketed_span_with_an_attribute_list_is_a_marked_quotation() -> None:
    [mark] = find_marked("He said [“Long live”]{ #x-long-live }[^x-long-live].")
    assert (mark.id, mark.label) == ("x-long-live", "x-long-live")
    [mark] = find_marked('He said [“Long live”]{ #q-x onmouseover="alert(1)" }.')
    assert mark.id == "" and "onmouseover" in mark.attrs  # the grammar reports it: attr-list


def test_quote_spans_include_the_chapters_stray_mark() -> None:
    text = "such as “great,” “genius,” “wise,” ” Most beloved” and so on."
    assert [s.text for s in quote_spans(text)] == ["great,", "genius,", "wise,", " Most beloved"]
    assert all(s.closed for s in quote_spans(text))


def test_quote_span_offsets_are_of_the_marks() -> None:
    text = "Rosenholz: “Whoever deviates”"
    [span] = quote_spans(text, base=100)
    assert (span.start, span.end) == (100 + text.index("“"), 100 + len(text))


def test_unclosed_quotation() -> None:
    [span] = quote_spans("Bukharin said: “He is the hope of mankind!")
    assert not span.closed and span.text == "He is the hope of mankind!"


def test_apostrophes_are_not_quotation_marks() -> None:
    assert quote_spans("Stalin’s threat and Trotsky’s story, the defendants’ lawyers, don't") == ()


def test_single_quotation_marks_are_quotations() -> None:
    assert [s.text for s in quote_spans("He said ‘Stalin is innocent’ and 'so was I'.")] == [
        "Stalin is innocent",
        "so was I",
    ]


def test_a_quotation_inside_a_quotation_belongs_to_the_outer_one() -> None:
    [span] = quote_spans("He said “they called it ‘a farce’ at once”.")
    assert span.text == "they called it ‘a farce’ at once"


def test_plain_text_removes_markup_only() -> None:
    assert plain_text(THREAT) == (
        "Stalin’s threat was mirrored in the words of the defendant Rosenholz: "
        "“Whoever deviates even slightly from the general line of the Party will meet a sad and unfortunate end!”"
    )
    assert plain_text("one\nline [^x] joined") == "one line  joined"
    assert plain_text("an escaped \\* star") == "an escaped * star"


def test_normalise_touches_typography_not_words() -> None:
    assert normalise("“Long  live”\n‘the’ Party…") == "\"Long live\" 'the' Party…"
    assert normalise("innocent ...... If") == normalise("innocent …… If") == "innocent … If"
    assert normalise("Long live") != normalise("Long life")


def test_scare_quotes_match_with_or_without_the_comma_inside_the_mark() -> None:
    assert scare_key("counter-revolutionary underground organizations,") == scare_key(
        "counter-revolutionary underground organizations"
    )


def test_quotation_marks_of_every_tradition_are_quotations() -> None:
    for text in (
        "»Stalin ist unschuldig«",
        "«Staline est innocent»",
        "„Stalin ist unschuldig“",
        "〝Stalin〞",
        "＂Stalin＂",
        "‟Stalin”",
        "‛Stalin’",
        "「Stalin」",
        "『Stalin』",
        "‹Stalin›",
    ):
        [span] = quote_spans(f"He said {text} once.")
        assert span.text.strip("' ") in ("Stalin ist unschuldig", "Staline est innocent", "Stalin"), text


def test_every_quotation_mark_unicode_knows_is_a_quotation_mark() -> None:
    import sys
    import unicodedata

    from tools.model.inline import APOSTROPHES, DOUBLE_MARKS, SINGLE_MARKS

    known = set(DOUBLE_MARKS + SINGLE_MARKS + APOSTROPHES)
    missing = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        name = unicodedata.name(char, "")
        if name.startswith("TAG "):
            continue  # invisible tag characters: page-markup refuses them
        looks_like_one = name in (
            "PRIME",
            "DOUBLE PRIME",
            "REVERSED PRIME",
            "REVERSED DOUBLE PRIME",
            "FULLWIDTH APOSTROPHE",
        )
        if (
            unicodedata.category(char) in ("Pi", "Pf")
            or "QUOTATION MARK" in name
            or "CORNER BRACKET" in name
            or looks_like_one
        ):
            if char not in known:
                missing.append(f"U+{code:04X} {name}")
    assert missing == []


def test_ornament_and_corner_bracket_quotations() -> None:
    for text in ("❝Stalin❞", "❛Stalin❜", "❮Stalin❯", "｢Stalin｣", "﹁Stalin﹂", "⹂Stalin“"):
        [span] = quote_spans(f"He said {text} once.")
        assert span.text == "Stalin", text
