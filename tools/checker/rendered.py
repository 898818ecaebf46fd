"""Quotations in generated output: wherever a page, a footnote or a download shows a quotation
of the chapter, it shows the chapter's exact wording; a shortening is marked as the editors'.

The chapter's wording of each quotation is known from its pages (the marked spans). Nothing
else about the chapter is assumed: any text (a built HTML page, a footnote, a CSV cell) is
compared with every quotation's wording, word by word.

- A *run* is a stretch of three or more words the text shares, in order, with a quotation. Within
  a run, what stands between the words (spaces, punctuation, quotation marks) must be the
  chapter's: “great,” … “genius,” for the chapter's “great,” “genius,” is a rewording, and so
  is a quotation mark put right.
- Where a run stops while the quotation goes on, an ellipsis the chapter does not have there is
  an unmarked cut; the editors mark their cuts with […]. Words left out between two runs need
  […]; words added or changed between them are never allowed.
- A quoted string (between quotation marks) that is mostly a quotation of the chapter must be
  the chapter's words throughout, apart from […]: this catches a changed first or last word.

Text that merely shares a phrase with a quotation (the editors' literal translation of Orlov's
Russian, a note quoting four words) passes: it shows those words as the chapter has them.

    generated-quote-wording   the words, or what stands between them, differ from the chapter's
    generated-quote-cut       a cut that is not marked as the editors' […]
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple

from ..model.findings import Finding
from ..model.formats import EDITORS_CUT, shorten
from ..model.inline import plain_text, quote_spans
from ..model.pages import Problem

# A word, with its hyphens and apostrophes: "counter-revolutionary", "Stalin’s" (so an id such as
# q-bukharin-hope-of-mankind is one word, not a quotation's "hope of mankind").
WORD = re.compile(r"\w+(?:[-’']\w+)*")
SPACE = re.compile(r"\s+")
ELLIPSIS = re.compile(r"…|\.\.\.")
MARKS = re.compile('["“”„«»]')
MAX_PER_RULE = 50  # findings of a rule in one text; past that, only counted
MIN_RUN = 3  # shared words that count as quoting (two, such as "of the", are chance)
LOOKAHEAD = 3  # words an edit may span between two runs of one quotation
MOSTLY = 0.5  # share of a quoted string's words that makes it a rendering of a quotation


class Token(NamedTuple):  # a tuple, not a dataclass: one is made for every word of a compared text
    word: str
    start: int
    end: int


@dataclass(frozen=True)
class Run:
    quotation: str
    first: int  # index of the first token in the text
    at: int  # index of the first word in the quotation
    length: int


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def squeeze(text: str) -> str:
    return SPACE.sub(" ", text)


class Checker:
    """Compares texts with the chapter's quotations. Built once; `check` is linear in the text
    for ordinary prose (each word pair is looked up once in an index of the quotations')."""

    def __init__(self, wordings: Mapping[str, str]) -> None:
        """`wordings`: each quotation's Markdown as the chapter page has it (escapes and all)."""
        self.wordings = {qid: plain_text(markdown) for qid, markdown in wordings.items()}
        self.words = {qid: tokens(text) for qid, text in self.wordings.items()}
        self.pairs: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for qid, words in self.words.items():
            for i in range(len(words) - 1):
                self.pairs.setdefault((words[i].word, words[i + 1].word), []).append((qid, i))
        # Once, not per text: per text it made a book's check quadratic (texts × quotations).
        self.longest = max((len(w) for w in self.words.values()), default=0)

    def runs(self, text: str, text_words: list[Token]) -> list[Run]:
        """Maximal runs (left-maximal, so each word pair is extended once), in text order."""
        found: list[Run] = []
        for j in range(len(text_words) - 1):
            for qid, i in self.pairs.get((text_words[j].word, text_words[j + 1].word), ()):
                words = self.words[qid]
                if i > 0 and j > 0 and text_words[j - 1].word == words[i - 1].word:
                    continue  # inside a run that starts earlier
                length = 2
                while (
                    j + length < len(text_words)
                    and i + length < len(words)
                    and text_words[j + length].word == words[i + length].word
                ):
                    length += 1
                # Two words are a run too where quotation marks stand between them both in the
                # chapter and in the text (“great,” “genius,”): quoting, not a chance pair.
                if length >= MIN_RUN or (
                    MARKS.search(self.wordings[qid][words[i].end : words[i + 1].start])
                    and MARKS.search(text[text_words[j].end : text_words[j + 1].start])
                ):
                    found.append(Run(qid, j, i, length))
        return found

    def check(self, text: str) -> Iterator[Problem]:
        """A problem (offset in `text`, rule, message) for every place the text misquotes the chapter:
        at most MAX_PER_RULE of a rule, then one saying how many more (a hostile text stays cheap)."""
        if not self.shares_a_pair(text):
            return
        counts: Counter[str] = Counter()
        for problem in self.problems(text):
            counts[problem.rule] += 1
            if counts[problem.rule] <= MAX_PER_RULE:
                yield problem
        for rule, count in counts.items():
            if count > MAX_PER_RULE:
                yield Problem(len(text), rule, f"… and {count - MAX_PER_RULE} more like this in this text")

    def shares_a_pair(self, text: str) -> bool:
        """Whether two adjacent words of `text` stand together in some quotation. Every problem
        comes from a run, and every run starts with such a pair: most texts (a name, a date, a
        note) share none, and are done here without being tokenised."""
        words = WORD.findall(text)
        pairs = self.pairs
        return any(pair in pairs for pair in itertools.pairwise(words))

    def problems(self, text: str) -> Iterator[Problem]:
        """Every problem, uncapped and without the look for a shared word pair first."""
        text_words = tokens(text)
        runs = self.runs(text, text_words)
        reported: list[int] = []  # offsets, in ascending order (runs come in text order)
        for run in runs:
            for problem in (*self._inside(text, text_words, run), *self._after(text, text_words, run)):
                reported.append(problem.offset)
                yield problem
        reported.sort()
        for problem, end in self._quoted_strings(text, text_words, runs):
            index = _bisect(reported, problem.offset)
            if not (index < len(reported) and reported[index] < end):  # no finding inside this string yet
                yield problem

    # --- within a run and at its end ------------------------------------------------------

    def _inside(self, text: str, tw: list[Token], run: Run) -> Iterator[Problem]:
        wording, words = self.wordings[run.quotation], self.words[run.quotation]
        for k in range(run.length - 1):
            a, b = tw[run.first + k], tw[run.first + k + 1]
            wa, wb = words[run.at + k], words[run.at + k + 1]
            have, want = squeeze(text[a.end : b.start]), squeeze(wording[wa.end : wb.start])
            if MARKS.search(have) and not MARKS.search(want) and squeeze(MARKS.sub("", have)) == want:
                continue  # the text's quotation of a fragment ends (or starts) here, where the chapter runs on
            if EDITORS_CUT in have:
                continue  # the editors mark their own intervention here
            if have != want:
                shown = squeeze(text[a.start : b.end])
                chapter = squeeze(wording[wa.start : wb.end])
                yield Problem(
                    a.end,
                    "generated-quote-wording",
                    f"quotation '{run.quotation}' is shown as “{shorten(shown, 60)}”, where the chapter has "
                    f"“{shorten(chapter, 60)}”: show the chapter's exact wording",
                )
                return

    def _after(self, text: str, tw: list[Token], run: Run) -> Iterator[Problem]:
        wording, words = self.wordings[run.quotation], self.words[run.quotation]
        last_t, last_w = run.first + run.length - 1, run.at + run.length - 1
        if last_w == len(words) - 1:
            return  # the quotation is over
        gap_end = tw[last_t + 1].start if last_t + 1 < len(tw) else len(text)
        gap = text[tw[last_t].end : gap_end]
        chapter_gap = wording[words[last_w].end : words[last_w + 1].start]
        marked = EDITORS_CUT in gap
        if ELLIPSIS.search(gap.replace(EDITORS_CUT, "")) and not ELLIPSIS.search(chapter_gap):
            yield self._cut(tw[last_t].end, run, "an ellipsis")
            return
        nxt = tw[last_t + 1] if last_t + 1 < len(tw) else None
        if nxt is not None and words[last_w + 1].word.startswith(nxt.word) and nxt.word != words[last_w + 1].word:
            tail = text[nxt.end : nxt.end + 4]
            if ELLIPSIS.match(tail) or tail.startswith(("-", "–")):
                yield self._cut(nxt.start, run, "a cut word")
                return
        resume = self._resumption(tw, words, last_t + 1, last_w + 1)
        if resume is None:
            return
        j, i = resume
        if j > last_t + 1:
            added = squeeze(text[tw[last_t + 1].start : tw[j - 1].end])
            yield Problem(
                tw[last_t + 1].start,
                "generated-quote-wording",
                f"quotation '{run.quotation}' is shown with “{shorten(added, 40)}” where the chapter has "
                + (
                    f"“{shorten(chapter, 40)}”"
                    if (chapter := squeeze(wording[words[last_w + 1].start : words[i - 1].end]))
                    else "nothing"
                )
                + ": show the chapter's exact wording",
            )
        elif i > last_w + 1 and not marked:
            yield self._cut(tw[last_t].end, run, "left-out words")

    def _resumption(self, tw: list[Token], words: list[Token], j0: int, i0: int) -> tuple[int, int] | None:
        """Where the text takes up the quotation again within a few words: a word pair, or the
        quotation's last word."""
        for j in range(j0, min(j0 + LOOKAHEAD + 1, len(tw))):
            for i in range(i0, min(i0 + LOOKAHEAD + 1, len(words))):
                if tw[j].word != words[i].word:
                    continue
                if i == len(words) - 1 or (
                    j + 1 < len(tw) and i + 1 < len(words) and tw[j + 1].word == words[i + 1].word
                ):
                    return j, i
        return None

    def _cut(self, offset: int, run: Run, what: str) -> Problem:
        return Problem(
            offset,
            "generated-quote-cut",
            f"quotation '{run.quotation}' is shortened with {what} the chapter does not have; mark the editors' cut "
            f"as {EDITORS_CUT}",
        )

    # --- quoted strings -------------------------------------------------------------------

    def _quoted_strings(self, text: str, tw: list[Token], runs: list[Run]) -> Iterator[tuple[Problem, int]]:
        """Each problem with the end of its quoted string. Only the runs that can overlap a string
        are looked at (runs are sorted by their first word, none longer than the longest quotation)."""
        starts = [t.start for t in tw]
        runs = sorted(runs, key=lambda r: r.first)
        run_starts = [r.first for r in runs]
        longest = self.longest
        for span in quote_spans(text):
            if not span.closed:
                continue
            first = _bisect(starts, span.start)
            last = _bisect(starts, span.end)
            count = last - first
            if count < 2:
                continue
            nearby = runs[_bisect(run_starts, first - longest) : _bisect(run_starts, last)]
            for run in nearby:
                covered = min(run.first + run.length, last) - max(run.first, first)
                if covered >= 2 and covered >= MOSTLY * count:
                    body = span.text
                    wording = self.wordings[run.quotation]
                    if not _pieces_in_order(body, wording):
                        problem = Problem(
                            span.start + 1,
                            "generated-quote-wording",
                            f"“{shorten(squeeze(body), 60)}” is quotation '{run.quotation}' reworded: between its "
                            f"quotation marks every word must be the chapter's ({shorten(wording, 60)}), "
                            f"cuts marked {EDITORS_CUT}",
                        )
                        yield problem, span.end
                    break


def _bisect(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _pieces_in_order(body: str, wording: str) -> bool:
    """`body` is the chapter's wording, or pieces of it in order separated by the editors' […]."""
    position = 0
    for piece in squeeze(body).split(EDITORS_CUT):
        piece = piece.strip()
        if not piece:
            continue
        found = wording.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


# --- HTML -----------------------------------------------------------------------------------

BLOCKS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)


class _Text(HTMLParser):
    """The visible text of an HTML page, with where each piece came from."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.where: list[tuple[int, tuple[int, int]]] = []  # (offset in the text, (line, col))
        self.length = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.skip += 1
        elif tag in BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            line, col = self.getpos()
            self.where.append((self.length, (line, col + 1)))
            self._add(data)

    def _add(self, text: str) -> None:
        self.pieces.append(text)
        self.length += len(text)


def html_text(html: str) -> tuple[str, list[tuple[int, tuple[int, int]]]]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.pieces), parser.where


def _line_col(text: str, where: list[tuple[int, tuple[int, int]]], offset: int) -> tuple[int, int]:
    index = _bisect([w[0] for w in where], offset + 1) - 1
    if index < 0:
        return 1, 1
    base, (line, col) = where[index]
    chunk = text[base:offset]
    newlines = chunk.count("\n")
    if newlines:
        return line + newlines, offset - (base + chunk.rfind("\n"))
    return line, col + offset - base


def check_html(path: str, html: str, checker: Checker) -> list[Finding]:
    text, where = html_text(html)
    return [Finding(path, *_line_col(text, where, p.offset), p.rule, p.message) for p in checker.check(text)]


def check_values(path: str, values: Iterable[tuple[int, int, str]], checker: Checker) -> list[Finding]:
    """Plain values (a CSV cell, a JSON string) at a line and column each."""
    return [Finding(path, line, col, p.rule, p.message) for line, col, value in values for p in checker.check(value)]
