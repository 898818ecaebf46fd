"""What a reader's text may hold: the characters the edition prints, and nothing hidden.

A closed set, not a list of bad characters (tools/guard/page.py applies it to every text a reader
gets), so that no character nobody thought of can stand in for a quotation mark or a letter.
"""

from __future__ import annotations

import unicodedata

import re2

# Control and format characters, and a combining mark on no letter (tools/model/textfile.py).
HIDDEN = re2.compile(
    r"[\x{0}-\x{8}\x{b}\x{c}\x{e}-\x{1f}\x{7f}-\x{9f}\p{Cf}\x{2028}\x{2029}]|(?:^|[^\p{L}\p{N}\p{M}])\p{M}"
)
# What a reader's text may hold: a closed set, not a list of bad characters, so that no character
# nobody thought of (an invisible letter such as U+3164, a mark-like symbol such as ⪡ ˵ ˂) can stand
# in for a quotation mark, or for a letter of the chapter. Letters of the Latin and Cyrillic
# alphabets (the Russian wordings), digits, the accents the two use, white space, ASCII
# punctuation, and the typographic punctuation the edition and its theme print. An instalment that
# needs another alphabet adds it here, in review.
PRINTED = (
    r"\p{Latin}\x{400}-\x{481}\x{48a}-\x{52f}"  # Latin; Cyrillic letters (not ҂, its combining marks, ꙾)
    r"0-9\x{300}-\x{308}\x{30a}-\x{30c}\x{327}\x{328}"  # the accents, not a comma or koronis above
    r" \t\n\r\x{a0}\x{21}-\x{2f}\x{3a}-\x{40}\x{5b}-\x{60}\x{7b}-\x{7e}"
    "§©«»¶·–—‘’‚“”„‹›…№°×→↩"
)
UNPRINTED = re2.compile(f"[^{PRINTED}]")


def unprinted(words: str, what: str = "") -> str | None:
    """Why a reader may not be shown `words`: a character hidden, or one the edition does not print."""
    if HIDDEN.search(words):
        return f"{what or ''}hides or reorders characters (a control or format character)".lstrip()
    if (found := UNPRINTED.search(words)) is not None:
        char = found.group()
        name = unicodedata.name(char, "an unnamed character")
        return f"{what}holds {name} (U+{ord(char):04X}), a character the edition does not print".lstrip()
    return None
