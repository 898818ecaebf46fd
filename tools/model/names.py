"""People's names as the chapter spells them, found as whole words in one RE2 pass; and what a
spelling looks like to a reader (`looks`, `scripts_mixed`), which the spelling rule holds to one person."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import re2
from confusable_homoglyphs import categories, confusables

from .sourcelist import SourceList


@dataclass(frozen=True)
class Named:
    start: int
    end: int
    person: str  # the person's id
    spelling: str


# Thousands of spellings outgrow RE2's DFA, which then says so on stderr and matches by its NFA: still
# linear in the text, with the number of spellings as its factor. A finding is the only output.
_QUIET = re2.Options()
_QUIET.log_errors = False


@functools.cache
def _pattern(forms: tuple[str, ...]) -> re2._Regexp[str] | None:
    # Longest first, so that "Leon Trotsky" wins over "Trotsky" where both match.
    return re2.compile("|".join(re2.escape(form) for form in forms), _QUIET) if forms else None


def _word(char: str) -> bool:
    return char.isalnum() or char in "-_"


def names_in(text: str, sources: SourceList) -> list[Named]:
    """Every spelling of a person in `text`, as whole words, in order."""
    forms = sources.spellings
    pattern = _pattern(sources.spellings_longest_first)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not (before and _word(before)) and not (after and _word(after)):
            found.append(Named(start, end, forms[match.group()], match.group()))
    return found


# --- what a spelling looks like ------------------------------------------------------------------

NO_SCRIPT = frozenset({"COMMON", "INHERITED"})  # punctuation, and the accents on a letter of any script


def scripts_mixed(word: str) -> frozenset[str]:
    """The scripts a word mixes (Bukhаrin: Latin and Cyrillic), or none: every letter of a name's word
    is of one script, whatever accents or apostrophes it has (Го́льцман, Gol'tsman)."""
    if not confusables.is_mixed_script(word, allowed_aliases=list(NO_SCRIPT)):
        return frozenset()
    return frozenset(categories.unique_aliases(word) - NO_SCRIPT)


def _bare(text: str) -> str:
    return text.replace("\u200e", "").replace("\u200f", "")


@functools.cache
def _prototype(char: str) -> str:
    """The character (or characters) Unicode's confusables data (TR39) says `char` looks like. The data
    (as confusable-homoglyphs ships it) lists, for a character that looks like another, that one only,
    and for the other, every character that looks like it; a lone pair is told apart by order."""
    found = confusables.is_confusable(char, greedy=True)
    glyphs = [_bare(g["c"]) for g in found[0]["homoglyphs"]] if found else []
    if len(glyphs) != 1:
        return char  # none, or it is what several look like
    other = glyphs[0]
    if len(other) > 1:
        return other  # m looks like rn
    beside = confusables.is_confusable(other, greedy=True)
    return other if beside and len(beside[0]["homoglyphs"]) > 1 else min(char, other)


def skeleton(text: str) -> str:
    """Unicode's skeleton (TR39, section 4): texts that look alike have the same one."""
    mapped = "".join(_prototype(c) for c in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def _folded(text: str) -> str:
    """In one case and without accents, as spellings are matched (tools/checker/facts.py)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if unicodedata.category(c) != "Mn")


def looks(text: str) -> frozenset[str]:
    """What a spelling looks like, in any case and with any accents: its skeleton folded, and the
    skeleton of it folded (a capital I looks like an l, a small i does not)."""
    return frozenset({_folded(skeleton(text)), skeleton(_folded(text))})


# Russian letters as Latin ones, by the plain scheme English texts use for names (Орлов is Orlov,
# Вышинский Vyshinskii): enough to tell one family name written in both scripts.
_RUSSIAN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)


def family_name(author: str) -> str:
    """An author's family name (the last word) in Latin letters, folded, without accents: the
    same for "Alexander Orlov" and "Александр Орлов"."""
    words = author.split()
    return "".join(_RUSSIAN.get(c, c) for c in _folded(words[-1] if words else "")).replace("_", "")


# A word of letters and digits ("1938", "1З", "ЗО"), as numbers are read from it.
ALPHANUMERIC = re2.compile(r"[\pL\pM\pN]+")


@functools.cache
def digit_looks() -> dict[str, str]:
    """The Latin and Cyrillic letters (the scripts the edition prints, guard/printed.py) that look like a
    digit, Unicode's skeleton of each a digit's (O, I, l; О, І, З, б), each with that digit."""
    shapes = {skeleton(d): d for d in "0123456789"}
    letters = (chr(code) for code in (*range(0x41, 0x250), *range(0x400, 0x530)) if chr(code).isalpha())
    return {c: shapes[skeleton(c)] for c in letters if skeleton(c) in shapes}


def as_digits(text: str) -> str:
    """The text as a reader may read its numbers: in a word that holds a digit ("1З" is 13), or one of
    letters that all look like digits, some not Latin ("ЗО" is 30, "З" 3), each such letter is the digit
    it looks like. Words and the words read are read alike (tools/checker/facts.py), so a Russian "Об"
    in both is the same either way. A Latin word of them ("OI") is a word."""
    looks_like = digit_looks()
    if _lookalike_numbers().search(text) is None:  # the common case: nothing to read as digits
        return text

    def read(word: str) -> str:
        numeric = any(c.isascii() and c.isdigit() for c in word) or (
            all(c in looks_like for c in word) and not all(c.isascii() for c in word)
        )
        return "".join(looks_like.get(c, c) for c in word) if numeric else word

    read_as: str = ALPHANUMERIC.sub(lambda m: read(m.group()), text)
    return read_as


@functools.cache
def _lookalike_numbers() -> re2._Regexp[str]:
    """Where as_digits may have something to read: a letter that looks like a digit and is not Latin,
    or a Latin one in the same word as a digit."""
    looks_like = digit_looks()
    other = "".join(f"\\x{{{ord(c):x}}}" for c in looks_like if not c.isascii())
    latin = "".join(c for c in looks_like if c.isascii())
    return re2.compile(rf"[{other}]|[0-9][\pL\pM\pN]*[{latin}]|[{latin}][\pL\pM\pN]*[0-9]")
