"""Quotation marks, found by what Unicode says they are, and the spans they enclose.

The class of quotation-like characters is derived from Unicode data, never kept by hand:
- every initial and final quotation mark (general categories Pi and Pf);
- every character whose name says it is a quotation mark ("DOUBLE LOW-9 QUOTATION MARK" is Ps,
  the ornaments are So) or a corner bracket (the quotation marks of Chinese and Japanese);
- the angle brackets (`《…》`, `〈…〉`: the title and quotation marks of East Asian typography,
  and the look-alikes of guillemets);
- every character that Unicode's confusables data (confusables.txt, as the package
  confusable-homoglyphs ships it) maps to the apostrophe, the grave accent, to two or more
  apostrophes, or to two less-than or greater-than signs: primes (″ ‴ ⁗), the Hebrew geresh and
  gershayim, modifier-letter apostrophes, accents, fullwidth forms, ≪ ≫ …
  (letters of an alphabet are left out, a Hebrew yod is a letter, not a mark; except the Latin
  ones, in the edition's own script, where a reader cannot tell the saltillo ꞌ Ꞌ from an apostrophe,
  and those that look like two marks at once, such as the Yiddish double yod ײ).
A mark is double if its name says so or it is confusable with two marks; two single marks in a
row (`''`, ``` `` ```, `‘‘`), two commas (`,,`) and the typewriter's guillemets (`<<`, `>>`) are a
double mark too.

Double marks toggle: outside a quotation any double mark opens one, inside any closes it (so
German „…“, French «…» and the chapter's stray `” Most beloved”` are all read), and one that never
closes quotes to the end of its text; marks doubled where a quotation opens (`““…`) open it
together. A single mark that is typed as an apostrophe too (' ’ ʼ) is one inside a word (Stalin’s,
don't), and after a word when no quotation is open (the defendants’ lawyers); anywhere else it
opens a quotation, or closes the open one where no letter or digit follows. Every other single
mark (‘ ‚ ‛ ‹ › …) is never an apostrophe: each one opens a quotation or closes the open one. A
single mark that never closes quotes to the end of its text, as a double one does, so the ’30s
reads as a quotation: a reader cannot tell it from one, and the edition writes the 1930s.
Quotations with nothing but white space between them are read as one (`“Trotsky” “invented”` is
one claim, not two quoted words): `quotations()`.
Every scan is one pass of an RE2 expression: linear in the text.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import re2

from .cuts import Passages

PROTOTYPES_SINGLE = frozenset({"'", "`"})
# The single marks typed as apostrophes too (' ’ ʼ): inside a word, or after one with no quotation
# open, each is an apostrophe. Every other single mark (‘ ‚ ‛ ‹ › ꞌ …) is a quotation mark, always.
APOSTROPHES = frozenset("'\u2019\u02bc")
PROTOTYPES_DOUBLE = frozenset({"<<", ">>"})  # and any run of two or more apostrophes or graves
LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})  # letters of alphabets; modifier letters (Lm) stay
TYPED_DOUBLE = ",,|<<|>>"  # double marks typed on a typewriter, besides two single marks in a row
# Punctuation lives in planes 0 and 1; planes 2 to 16 hold ideographs, tags, variation selectors and
# private use (tests/model/test_quotes.py scans them all to hold this). Scanning two planes, not 17,
# keeps the derivation to a few milliseconds.
PUNCTUATION_PLANES = 0x20000


@functools.cache
def quotation_marks() -> tuple[str, str]:
    """(double marks, single marks), derived from the Unicode database and confusables data."""
    double: set[str] = {'"'}
    single: set[str] = {"'", "`"}
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    for key, glyphs in data.items():
        char = _bare(key)
        if len(char) != 1:
            continue
        prototypes = {_bare(glyph["c"]) for glyph in glyphs}
        is_double = any(_is_double(p) for p in prototypes)
        if unicodedata.category(char) in LETTERS and not (is_double or unicodedata.name(char, "").startswith("LATIN ")):
            continue
        if is_double:
            double.add(char)
        elif prototypes & PROTOTYPES_SINGLE:
            single.add(char)
    for code in range(PUNCTUATION_PLANES):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cn", "Co", "Cs") or char in double or char in single:
            continue
        if category == "Lu" and char.lower() in single:  # the capital of a mark-like letter (Ꞌ)
            single.add(char)
            continue
        name = unicodedata.name(char, "")
        if category in ("Pi", "Pf") or any(
            kind in name for kind in ("QUOTATION MARK", "CORNER BRACKET", "ANGLE BRACKET")
        ):
            (double if "DOUBLE" in name or "WHITE CORNER" in name else single).add(char)
    return "".join(sorted(double)), "".join(sorted(single))


def _bare(text: str) -> str:
    return text.replace("\u200e", "").replace("\u200f", "")


def _is_double(prototype: str) -> bool:
    """Two or more apostrophes or graves (″ ‴ ⁗ …), or two less-than or greater-than signs (≪ ≫)."""
    return prototype in PROTOTYPES_DOUBLE or (len(prototype) >= 2 and set(prototype) <= PROTOTYPES_SINGLE)


def _class(chars: str) -> str:
    return "".join(f"\\x{{{ord(c):x}}}" for c in chars)


@functools.cache
def _marks() -> re2._Regexp[str]:
    double, single = quotation_marks()
    return re2.compile(
        f"(?P<double>[{_class(double)}]|[{_class(single)}]{{2}}|{TYPED_DOUBLE})|(?P<single>[{_class(single)}])"
    )


@functools.cache
def mark_class() -> re2._Regexp[str]:
    """Any quotation-like character (or doubled comma): for texts that may hold none at all."""
    double, single = quotation_marks()
    return re2.compile(f"[{_class(double + single)}]|{TYPED_DOUBLE}")


def _is_word(char: str) -> bool:
    """A letter or a digit (Unicode's L and N: str.isalnum, one call in C)."""
    return char.isalnum()


@dataclass(frozen=True)
class Span:
    """Words between quotation marks; `start` and `end` are the offsets of the marks."""

    start: int
    end: int
    text: str
    closed: bool = True


def spans(text: str) -> list[Span]:
    """Every quoted span, double and single, nested or not, in the order they open."""
    found: list[Span] = []
    double_at: tuple[int, int] | None = None  # (offset of the mark, its length)
    single_at: tuple[int, int] | None = None
    for mark in _marks().finditer(text):
        start, end = mark.span()
        if mark.group(1) is not None:  # the double mark (by index: the wrapper's names cost a lookup each)
            if double_at is None:
                double_at = (start, end - start)
            elif start == sum(double_at):  # doubled where it opens (`““…”`): one opening mark
                double_at = (double_at[0], end - double_at[0])
            else:
                found.append(Span(double_at[0], end, text[double_at[0] + double_at[1] : start]))
                double_at = None
            continue
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if text[start] not in APOSTROPHES:  # ‘ ‚ ‛ ‹ › …: never an apostrophe, each opens or closes
            if single_at is None:
                single_at = (start, 1)
            else:
                found.append(Span(single_at[0], end, text[single_at[0] + 1 : start]))
                single_at = None
        elif _is_word(before) and _is_word(after):
            continue  # inside a word: Stalin’s, don't
        elif single_at is not None and not _is_word(after):
            found.append(Span(single_at[0], end, text[single_at[0] + 1 : start]))
            single_at = None
        elif single_at is None and not _is_word(before):  # before a letter, a digit, a space: '1937 …'
            single_at = (start, 1)
        # else after a word with none open: a plural's apostrophe (the defendants’ lawyers)
    if double_at is not None:  # a double mark that never closes quotes to the end, as a reader reads it
        found.append(Span(double_at[0], len(text), text[double_at[0] + double_at[1] :], closed=False))
    if single_at is not None:  # and so does a single one ('…at all'in, ’tis): refused unless allowed
        found.append(Span(single_at[0], len(text), text[single_at[0] + 1 :], closed=False))
    return sorted(found, key=lambda s: (s.start, -s.end))


def outermost(all_spans: list[Span]) -> list[Span]:
    """The spans not inside another: a quotation within a quotation belongs to the outer one."""
    outer: list[Span] = []
    for span in all_spans:
        if not outer or span.start >= outer[-1].end:
            outer.append(span)
    return outer


BETWEEN_QUOTATIONS = re2.compile(r"^[\s\p{Z}]*$")


def quotations(text: str) -> list[Span]:
    """Every quoted span (`spans`), and each run of outermost quotations with nothing but white
    space between them, read as one quotation: stitched together, words that are each the chapter's
    can make a sentence nobody wrote (Orlov says “Trotsky” “invented a” “network of conspiracy links”)."""
    found = spans(text)
    run: list[Span] = []
    for span in [*outermost(found), None]:
        if span is not None and run and run[-1].closed and BETWEEN_QUOTATIONS.match(text[run[-1].end : span.start]):
            run.append(span)
            continue
        if len(run) > 1:
            words = text[run[0].start : run[-1].end].strip("".join(quotation_marks()))
            found.append(Span(run[0].start, run[-1].end, words, run[-1].closed))
        run = [span] if span is not None else []
    return found


def has_mark(text: str) -> bool:
    return mark_class().search(text) is not None


# --- comparing quoted words ---------------------------------------------------------------------

ELLIPSES = re2.compile(r"(?:…|\.\.\.)+")
EDGE = " ,.;:…"  # what a quoted span's edges may hold besides its words: an elision (…) where it is cut


@functools.cache
def _typography() -> dict[int, str]:
    double, single = quotation_marks()
    return {ord(c): '"' for c in double} | {ord(c): "'" for c in single}


def normalise(text: str) -> str:
    """Typography only: every quotation mark one straight mark, ellipses one character, white space
    one space. The words are never touched."""
    text = text.translate(_typography())
    if "…" in text or "..." in text:  # a function: re2 misreads a non-ASCII replacement string
        text = str(ELLIPSES.sub(lambda _: "…", text))
    return " ".join(text.split())  # str.split: linear, and far cheaper per text than a pattern


def core(text: str) -> str:
    """A quoted span's words for comparison: normalised, without its own marks and the punctuation
    at its edges (English puts a comma or full stop inside the closing mark), in any case (a quoted
    word may begin a sentence)."""
    words = " ".join(normalise(text).replace('"', " ").replace("'", "’").split())
    return words.strip(EDGE).casefold()


EDITORS_CUT = "[…]"


TOKEN = re2.compile(r"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")  # a word, or one sign; white space is no token


@functools.lru_cache(maxsize=1 << 14)
def tokens_of(text: str) -> tuple[str, ...]:
    """A text's tokens. Kept: a check reads the same texts as the last one did (`serve` checks on
    every rebuild, and most of a list is unchanged), and RE2's findall costs microseconds a token."""
    return tuple(TOKEN.findall(text))


class Tokens:
    """Text as a sequence of tokens (words and signs, by id), and whether a sequence of tokens
    occurs in it: a suffix automaton (Blumer et al., 1985), built in time linear in the text, which
    answers in time linear in the sequence, however large the text (a search of the joined texts
    for each quotation made the cost grow with the texts times the quotations)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.next: list[dict[int, int]] = [{}]
        self.link = [-1]
        self.length = [0]
        self.last = 0

    def tokens(self, text: str, add: bool = False) -> list[int] | None:
        found = []
        for token in tokens_of(text):
            if token not in self.ids:
                if not add:
                    return None  # a token no text has: no text has these words
                self.ids[token] = len(self.ids)
            found.append(self.ids[token])
        return found

    def extend(self, text: str) -> list[int]:
        """Add a text, apart from those before it (a token of its own between them): its token ids."""
        ids = self.tokens(text, add=True) or []
        for token in [*ids, -len(self.next) - 1]:  # ids are >= 0
            self._add(token)
        return ids

    def _add(self, token: int) -> None:
        nxt, link, length = self.next, self.link, self.length
        current = len(nxt)
        nxt.append({})
        length.append(length[self.last] + 1)
        link.append(0)
        state = self.last
        while state != -1 and token not in nxt[state]:
            nxt[state][token] = current
            state = link[state]
        if state != -1:
            other = nxt[state][token]
            if length[state] + 1 == length[other]:
                link[current] = other
            else:
                clone = len(nxt)
                nxt.append(dict(nxt[other]))
                length.append(length[state] + 1)
                link.append(link[other])
                while state != -1 and nxt[state].get(token) == other:
                    nxt[state][token] = clone
                    state = link[state]
                link[other] = link[current] = clone
        self.last = current

    def __contains__(self, text: str) -> bool:
        tokens = self.tokens(text)
        state = 0
        for token in tokens or ():
            following = self.next[state].get(token)
            if following is None:
                return False
            state = following
        return tokens is not None


class Corpus:
    """The words a quotation may be: the chapter's, and what sources are recorded as saying.

    A quoted span is allowed when its words (`core`) occur in one of the texts as whole words.
    A span of a single word must be one of `single_words` (a name as spelled, a declared scare
    quote, an annotated term) or a whole text: single words of the chapter could otherwise be
    stitched into a sentence nobody wrote (Orlov calls “Stalin” “innocent”).

    A text is a string, or a passage of excerpts in order (one citation's `said`): a quoted span
    stands within one excerpt, and only an editors' cut may go on from one excerpt to a later one."""

    def __init__(
        self, texts: Sequence[str | tuple[str, ...]], single_words: set[str], beside: tuple[Corpus, ...] = ()
    ) -> None:
        self.texts = Tokens()
        self.passages = Passages()
        self.single = {core(w) for w in single_words}
        for text in texts:
            excerpts = [core(excerpt) for excerpt in ((text,) if isinstance(text, str) else text)]
            self.passages.add([self.texts.extend(excerpt) for excerpt in excerpts])
            self.single.update(excerpts)
        # Corpora whose words are allowed too: the same as one corpus of all their texts (a span
        # must stand within one text), without building the shared part again for each use.
        self.beside = beside
        self.cuts: dict[str, bool] = {}  # each cut quotation's answer: a page and its media ask again

    def allows(self, span_text: str) -> bool:
        """Are these quoted words allowed? An editors' cut, […], splits them into parts: each must be
        allowed, and all of them words of one text, in order (a cut shortens a passage, never joins two)."""
        if EDITORS_CUT not in span_text:
            return self._allows(span_text)
        if (known := self.cuts.get(span_text)) is None:
            if len(self.cuts) >= KEPT_CUTS:  # a corpus outlives a check (corpus_of): keep the memo bounded
                self.cuts.clear()
            parts = [p for p in span_text.split(EDITORS_CUT) if core(p)]
            known = all(self._allows(p) for p in parts) and self._in_one_passage([core(p) for p in parts])
            self.cuts[span_text] = known
        return known

    def _allows(self, span_text: str) -> bool:
        words = core(span_text)
        if not words:
            return True  # a mark with nothing between: no words are attributed
        if " " not in words:
            found = words in self.single or not any(c.isalpha() for c in words)
        else:
            found = words in self.texts
        return found or any(other._allows(span_text) for other in self.beside)

    def _in_one_passage(self, parts: list[str]) -> bool:
        ids = [self.texts.tokens(part) for part in parts]
        found = all(i is not None for i in ids) and self.passages.hold_in_order([i or [] for i in ids])
        return found or any(other._in_one_passage(parts) for other in self.beside)


KEPT_CUTS = 1 << 16  # the cut quotations' answers a corpus keeps


@functools.lru_cache(maxsize=64)
def corpus_of(
    texts: tuple[str | tuple[str, ...], ...],
    single_words: frozenset[str] = frozenset(),
    beside: tuple[Corpus, ...] = (),
) -> Corpus:
    """A Corpus, made once for the same words: `serve` and the tests check the same source list again
    and again, and its words are a fifth of a check. A corpus is never changed once made."""
    return Corpus(texts, set(single_words), beside)
