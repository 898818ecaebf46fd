"""What a reader's text may hold: the characters the edition prints, and nothing hidden.

A closed set, not a list of bad characters (tools/guard/page.py applies it to every text a reader
gets), so that no character nobody thought of can stand in for a quotation mark or a letter.
"""

from __future__ import annotations

import functools
import unicodedata

import re2

from ..model.quotes import PUNCTUATION_PLANES

# Control and format characters, and a combining mark on no letter (tools/model/textfile.py).
HIDDEN = re2.compile(
    r"[\x{0}-\x{8}\x{b}\x{c}\x{e}-\x{1f}\x{7f}-\x{9f}\p{Cf}\x{2028}\x{2029}]|(?:^|[^\p{L}\p{N}\p{M}])\p{M}"
)
# What a reader's text may hold: a closed set, not a list of bad characters, so that no character
# nobody thought of (an invisible letter such as U+3164, a mark-like symbol such as ⪡ ˵ ˂) can stand
# in for a quotation mark, or for a letter of the chapter. Letters of the Latin alphabet (as
# latin_letters() gives them) and the Cyrillic (the Russian wordings), digits, the accents the two use, white space, ASCII
# punctuation, and the typographic punctuation the edition and its theme print. An instalment that
# needs another alphabet adds it here, in review.
ACCENTS = r"\x{300}-\x{308}\x{30a}-\x{30c}\x{326}-\x{328}"  # a comma below (ș), not above or a koronis
# Letters some languages write with no letter of A–Z under them (Dane, Pole, Croat, German, French).
OWN_LETTERS = "æÆœŒøØßẞłŁđĐ"


def latin_letters() -> str:
    """The Latin letters the edition prints: A to Z, each bare or with accents it prints (é, ñ, ş,
    ő: their canonical decomposition), and OWN_LETTERS. Not every letter of the Latin script: small
    capitals, modifier and phonetic letters look like other letters or like marks (ʙᴜᴋʜᴀʀɪɴ reads
    BUKHARIN; ᵎᵎ quotes), and no check reads them as what they look like."""
    accent = re2.compile(f"[{ACCENTS}]")
    letters = [
        chr(code)
        for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))  # Latin-1 to Extended-B, Additional
        if (parts := unicodedata.normalize("NFD", chr(code)))[0].isascii()
        and parts[0].isalpha()
        and len(parts) > 1
        and all(accent.match(mark) for mark in parts[1:])
    ]
    return "A-Za-z" + "".join(f"\\x{{{ord(c):x}}}" for c in [*letters, *OWN_LETTERS])


PRINTED = (
    latin_letters()
    # The Cyrillic of the Slavic alphabets, and ѣ ѳ ѵ of Russian before 1918: not ԁ ԛ ԝ and the other
    # letters of the Cyrillic block that stand for Latin ones, nor ҂, its combining marks or ꙾.
    + r"\x{400}-\x{45f}\x{462}\x{463}\x{472}-\x{475}\x{490}\x{491}"
    "0-9" + ACCENTS + r" \t\n\r\x{a0}\x{21}-\x{2f}\x{3a}-\x{40}\x{5b}-\x{60}\x{7b}-\x{7e}"
    "§©«»¶·–—‘’‚“”„‹›…№°×→↩"
)
# Of those, the compatibility characters (those NFKC changes) are not printed: each looks like what it
# decomposes to, which no check reads as such (ŉ is ʼn, so ŉobody was guilty’ is a quotation the mark
# class never sees; ẚ is aʾ; Ｓtalin, ﬁ, Ⅰ). Derived from Unicode's data, as the marks are, but for
# the typographic ones the edition prints, whose forms (... No, a space) hold no quotation mark.
PRINTED_COMPATIBLE = "\u00a0…№"


@functools.cache
def _unprinted() -> re2._Regexp[str]:
    within = re2.compile(f"[{PRINTED}]")
    compatible = [
        chr(code)
        for code in range(PUNCTUATION_PLANES)  # \p{Latin} and the Cyrillic letters lie in planes 0 and 1
        if not unicodedata.is_normalized("NFKC", chr(code))
        and chr(code) not in PRINTED_COMPATIBLE
        and within.match(chr(code))
    ]
    escaped = "".join(f"\\x{{{ord(c):x}}}" for c in compatible)
    return re2.compile(f"[^{PRINTED}]" + (f"|[{escaped}]" if escaped else ""))


def first_unprinted(words: str) -> str | None:
    """The first character of `words` that a reader may not be shown (a hidden one first)."""
    found = HIDDEN.search(words) or _unprinted().search(words)
    if found is None and (mixed := MIXED.search(words)) is not None:
        return str(mixed.group())  # the word, which its place is found by
    return found.group()[-1] if found is not None else None


# A word in two alphabets at once: 'Ѕtalin' (a Cyrillic Ѕ), which looks like a word of one of them.
MIXED = re2.compile(r"\p{Latin}[\p{L}\p{M}]*\p{Cyrillic}|\p{Cyrillic}[\p{L}\p{M}]*\p{Latin}")


def unprinted(words: str, what: str = "") -> str | None:
    """Why a reader may not be shown `words`: a character hidden, one the edition does not print, or a
    word in Latin and Cyrillic letters at once (the one that looks like the other's)."""
    if HIDDEN.search(words):
        return f"{what or ''}hides or reorders characters (a control or format character)".lstrip()
    if (found := _unprinted().search(words)) is not None:
        char = found.group()
        name = unicodedata.name(char, "an unnamed character")
        if not unicodedata.is_normalized("NFKC", char):
            return (
                f"{what}holds {name} (U+{ord(char):04X}), a compatibility character the edition does not print: "
                f"it stands for “{unicodedata.normalize('NFKC', char)}”; write the plain characters"
            ).lstrip()
        return f"{what}holds {name} (U+{ord(char):04X}), a character the edition does not print".lstrip()
    if (mixed := MIXED.search(words)) is not None:
        return f"{what}holds a word in Latin and Cyrillic letters at once (“{mixed.group()[:40]}”)".lstrip()
    return None
