"""tools/guard/printed.py: the characters a reader's text may hold, a closed set derived from Unicode
data, so that no letter of it can stand in for a quotation mark."""

from __future__ import annotations

import unicodedata

import pytest

from tools.guard.printed import unprinted
from tools.model.quotes import PUNCTUATION_PLANES, quotation_marks


def test_no_printed_character_decomposes_to_a_quotation_mark_unless_it_is_one() -> None:
    """ŉ is ʼn and ẚ is aʾ under NFKD: a letter of the Latin script that a reader sees as a mark and
    the mark class does not. The class, not the character: every printed character whose
    compatibility decomposition holds a quotation mark is itself in the mark class."""
    double, single = quotation_marks()
    marks = set(double + single)
    found = [
        f"U+{code:04X}"
        for code in range(PUNCTUATION_PLANES)
        if (char := chr(code)) not in marks
        and set(unicodedata.normalize("NFKD", char)) & marks
        and unprinted(char) is None
    ]
    assert found == []
    beyond = (chr(c) for c in range(PUNCTUATION_PLANES, 0x110000))  # the derivation scans two planes
    assert all(unprinted(c) is not None for c in beyond if not unicodedata.is_normalized("NFKC", c))


@pytest.mark.parametrize(
    "char",
    ["\u0149", "\u1e9a", "\ufb01", "\uff33", "\u00aa", "\u01c6", "\u2160", "\u212a", "\u017f", "\u1d43"],
    ids=[
        "n after an apostrophe",
        "a with a half ring",
        "fi",
        "fullwidth S",
        "ordinal a",
        "dz",
        "roman one",
        "kelvin",
        "long s",
        "modifier a",
    ],
)
def test_a_compatibility_character_is_not_printed(char: str) -> None:
    """Not only the marks: a compatibility character (one NFKC changes) looks like the characters it
    stands for, so the reader sees words no check read as they are (Ｓtalin is not Stalin)."""
    why = unprinted(f"Orlov wrote {char}")
    assert why is not None and f"U+{ord(char):04X}" in why and "compatibility" in why


def test_the_typographic_characters_the_edition_prints_stay_printed() -> None:
    """… № and the no-break space have compatibility forms too (... No and a space), but none is or
    holds a quotation mark: the chapter (…) and the source list (№) use them."""
    assert unprinted("Orlov: § 3 — Враг народа, № 1,\u00a012–13 March 1938… Го́льцман ё́") is None


@pytest.mark.parametrize(
    "word",
    ["Bᴜᴋʜᴀʀɪɴ", "ᵎᵎStalin was innocentᵎᵎ", "ǀǀStalin was innocentǀǀ", "Yagoda ıs", "ʙukharin", "ԁocument"],
    ids=["small capitals", "turned i", "click letters", "dotless i", "small capital B", "Cyrillic komi de"],
)
def test_a_letter_that_looks_like_another_or_like_a_mark_is_not_printed(word: str) -> None:
    """A closed set of letters: A to Z with the accents the edition prints, the few letters of their
    own some languages write, and the Slavic Cyrillic. Small capitals read as capitals (a second
    NIKOLAI BUKHARIN in the list of people), a turned i as a quotation mark, and no check reads
    either as what it looks like."""
    assert unprinted(word) is not None, word


def test_the_letters_of_the_declared_languages_stay_printed() -> None:
    """English, Russian (with ё and the pre-1918 ѣ), German, Romanian, and names from elsewhere."""
    assert unprinted("Straße, Łukasz, Ørsted, Æsop, œuvre, Ștefan, țară, Göring, Ñ, ő, Врагъ, ѣ, ёж") is None


@pytest.mark.parametrize(
    "words",
    ["Ѕtalin says so", "the dеfеndаnts were innocent", "[Ѕtаrt rеаdіng]", "Bukhаrin", "Вышинскийs speech"],
)
def test_a_word_in_two_alphabets_at_once_is_not_printed(words: str) -> None:
    """Each letter printed, the word not: 'Ѕtalin' with a Cyrillic Ѕ looks like Stalin to a reader,
    and is neither his name to a check nor a word a screen reader can say."""
    why = unprinted(words)
    assert why is not None and "Latin and Cyrillic letters at once" in why


def test_words_in_one_alphabet_each_stay_printed() -> None:
    assert unprinted("Vyshinsky («Вышинский») and Го́льцман, Gol'tsman; Врагъ народа, 1937") is None
