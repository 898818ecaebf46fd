"""The editors' prose (editorial pages, config text the theme prints): what it presents as a
quotation must be the chapter's words.

A quotation hides in more places than a pair of quotation marks in a sentence: in an attribute
value (`title="…"`), behind character references (`&ldquo;…&rdquo;`), in inline code, in a
blockquote without any marks. So the text is first made *readable*, with every offset kept:
comments blanked, character references decoded in place (the decoded character, padded with
spaces to the reference's length), the delimiters of attribute values blanked so that the value
reads as text, and code left as text.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model.findings import Finding
from ..model.formats import shorten
from ..model.inline import DOUBLE_MARKS, QUOTE_MARK, SINGLE_OPEN, QuoteSpan, every_quote_span, normalise, scare_key
from ..model.records import PathKey, SourceList

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
TAG = re.compile(r"<[A-Za-z/!][^<>]{0,2000}>")
ATTRIBUTE_DELIMITER = re.compile(r"""(=\s*)(["'])""")
# A blockquote: `>` at the start of a line, after any indentation and list markers (`- > …`,
# `1. > …`, four spaces in a list item); it runs on, lazily, to the next blank line.
BLOCKQUOTE_START = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*>", re.MULTILINE)
BLOCKQUOTE_MARKERS = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:>[ \t]?)*", re.MULTILINE)
BLANK_LINE = re.compile(r"\n[ \t]*\n")
# An admonition or details block whose classes include a quotation kind (`!!! quote`, `??? Cite`,
# `!!! note quote`; Markdown lower-cases the class), and its body: lines indented by four spaces
# or a tab, and blank lines.
QUOTE_BOX = re.compile(
    r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(?P<classes>[^\n\"]*)[^\n]*\n(?P<body>(?:(?: {4}|[ ]{0,3}\t).*(?:\n|$)|[ \t]*\n)*)",
    re.MULTILINE,
)
QUOTE_CLASS = re.compile(r"(?i)(?<![\w-])(?:quote|cite)(?![\w-])")
# Marks written twice (““…””) read as one, and two apostrophes or backticks as a double mark
# (''…'', ``…``), as a reader takes them; the offsets stay.
DOUBLED_MARK = re.compile("([" + re.escape(DOUBLE_MARKS) + "])\\1+")
TWO_STROKES = re.compile("''|``")
# What every quotation, blockquote and quotation box above starts with, and every character
# reference and tag that `readable` could turn into one: most texts of the source list (a name, a
# date, a title) have none, and are done without being made readable.
MAY_QUOTE = re.compile("|".join((QUOTE_MARK.pattern, SINGLE_OPEN.pattern, TWO_STROKES.pattern, "[&<>]", r"!!!|\?\?\?")))
# The double marks that open a quotation and nothing else: one of them never closed quotes to the end.
TYPOGRAPHIC_OPENERS = frozenset(DOUBLE_MARKS) - frozenset('"＂″‶')


@dataclass(frozen=True)
class Quoted:
    """Words the prose presents as a quotation, at an offset of the original text."""

    offset: int
    text: str


def readable(text: str) -> str:
    """`text` as a reader sees it, character for character at the same offsets (see the module)."""
    text = COMMENT.sub(_blank, text)
    text = TAG.sub(_tag_as_text, text)  # before decoding: a decoded &lt; is text, not a tag
    text = REFERENCE.sub(_decoded, text)
    text = TWO_STROKES.sub('" ', text)
    return DOUBLED_MARK.sub(lambda m: m.group(1).ljust(len(m.group())), text)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _decoded(match: re.Match[str]) -> str:
    char = html.unescape(match.group())
    return char.ljust(len(match.group())) if len(char) == 1 else match.group()


def _tag_as_text(match: re.Match[str]) -> str:
    """A tag's attribute values read as text: the quotes that delimit them are not quotation marks."""
    tag = match.group()
    out, position = [], 0
    for delimiter in ATTRIBUTE_DELIMITER.finditer(tag):
        quote = delimiter.group(2)
        start = delimiter.end()
        end = tag.find(quote, start)
        if end == -1:
            break
        out += [tag[position : delimiter.start(2)], " ", tag[start:end], " "]
        position = end + 1
    return "".join(out) + tag[position:]


def quoted(text: str) -> Iterator[Quoted]:
    """Everything `text` (Markdown or HTML prose) presents as a quotation: the words in every pair
    of quotation marks (nested ones too), everything after a double mark that never closes, and
    the words of every blockquote and quotation box."""
    if MAY_QUOTE.search(text):
        yield from read_quoted(text)


def read_quoted(text: str) -> Iterator[Quoted]:
    """`quoted`, without first looking for a character that could start a quotation."""
    prose = readable(text)
    stretch: list[QuoteSpan] = []  # quotations with nothing but white space between (a list, “a”, “b”, is no sentence)
    for span in [*every_quote_span(prose), None]:
        if span is not None and not (span.closed or prose[span.start] in TYPOGRAPHIC_OPENERS):
            continue  # unclosed, a ' is an apostrophe and a " or ″ may be an inch or a stray mark
        if span is not None and stretch and span.start < stretch[-1].end:
            yield Quoted(span.start, span.text)  # nested: read alone, and within its outer quotation
            continue
        if span is not None and stretch and not prose[stretch[-1].end : span.start].strip():
            stretch.append(span)
            continue
        if len(stretch) > 1:  # read as one: “Stalin” “seems innocent” is no sentence of the chapter
            yield Quoted(stretch[0].start, prose[stretch[0].start : stretch[-1].end])
        elif stretch:
            yield Quoted(stretch[0].start, stretch[0].text)
        stretch = [span] if span is not None else []
    end = 0
    for start in BLOCKQUOTE_START.finditer(prose):
        if start.start() < end:
            continue  # a line of the blockquote before
        blank = BLANK_LINE.search(prose, start.start())
        end = blank.start() if blank else len(prose)
        yield Quoted(start.start(), " ".join(BLOCKQUOTE_MARKERS.sub("", prose[start.start() : end]).split()))
    for box in QUOTE_BOX.finditer(prose):
        if QUOTE_CLASS.search(box.group("classes")):
            yield Quoted(box.start(), " ".join(box.group("body").split()))


@dataclass(frozen=True)
class ChapterWords:
    """What the editors may quote: the chapter's text (through `normalise`), and the words they
    may quote one at a time, casefolded: the people's names and spellings, the declared scare
    quotes, the quotations' own words (the epithets “great,” “genius,”). Any other lone word, though the chapter has it, is refused: quotations of single
    words can be stitched into a sentence nobody wrote (Orlov calls “Stalin” “innocent”)."""

    text: str
    mentions: frozenset[str]

    @classmethod
    def of(cls, original: str, sources: SourceList) -> ChapterWords:
        spellings = [s for person in sources.people.values() for s in (person.name, *person.variants)]
        quoted_words = [part for quotation in sources.quotations.values() for part in quotation.text]
        mentions = [*spellings, *(scare.text for scare in sources.scare_quotes), *quoted_words]
        return cls(normalise(original), frozenset(scare_key(m).casefold() for m in mentions))

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (a few ChapterWords live for one check each)
    def may_quote(self, words: str) -> bool:
        """`words` (normalised) are the chapter's whole words, and more than one word, or a mention."""
        if not contains_words(self.text, words):
            return False
        lettered = [word for word in words.split() if any(c.isalpha() for c in word)]
        return len(lettered) != 1 or scare_key(words).casefold() in self.mentions


def contains_words(text: str, words: str) -> bool:
    """`words` occur in `text` as whole words: not “cent” in “innocent”, nor “Stalin” in “Stalinist”."""
    return words in text and _whole_words(words).search(text) is not None  # `in` first: it is fast


@functools.lru_cache(maxsize=4096)  # a hostile page repeats its quotations
def _whole_words(words: str) -> re.Pattern[str]:
    before = r"(?<!\w)" if re.match(r"\w", words) else ""
    after = r"(?!\w)" if re.search(r"\w$", words) else ""
    return re.compile(before + re.escape(words) + after)


def not_the_chapters(text: str, chapter: ChapterWords) -> Iterator[Quoted]:
    """What `text` presents as a quotation and is not the chapter's words (see ChapterWords); a
    blockquote may keep the chapter's quotation marks."""
    for quotation in quoted(text):
        words = normalise(quotation.text).strip("\"' ")
        if words and not chapter.may_quote(words):
            yield quotation


# --- the source list's prose ------------------------------------------------------------------

SECTIONS_WITH_ENTRIES = frozenset({"works", "trials", "people", "quotations", "notes", "meetings", "scare_quotes"})
# Fields whose text is a source's own words or a name, not the editors' prose: what a source
# supports, the wording chain, titles, addresses, a quotation's own words (quote-wording checks
# those), and the reasons of the denylist, which may quote the denied site they name.
NOT_PROSE = frozenset({"supports", "title", "literal", "url", "canonical", "domains"})
WORDING_FIELDS = frozenset({"russian", "report_wording"})


def _entry(key: PathKey) -> PathKey:
    return key[:2] if key and key[0] in SECTIONS_WITH_ENTRIES else key[:1]


@functools.lru_cache(maxsize=16384)  # asked twice for every text of the source list
def _is_prose(key: PathKey) -> bool:
    if not key or key[0] in ("policy", "not_names", "statuses") or NOT_PROSE & set(map(str, key)):
        return False
    if key[0] == "quotations" and key[2:3] == ("text",):
        return False
    return not (WORDING_FIELDS & set(map(str, key)) and key[-1] == "text")


class Witnesses:
    """For each entry, the words its sources are recorded as supporting (and the cited works' own
    supports, titles and wording chain), normalised and in lower case, to look quoted words up in.
    Made for an entry when it is first asked for: few quotations need a witness."""

    def __init__(self, sources: SourceList) -> None:
        self.own: dict[PathKey, list[str]] = {}
        self.cited: dict[PathKey, set[str]] = {}
        self.indices = sources.indices
        self.folded: dict[PathKey, list[str]] = {}
        for key, value in sources.texts:
            entry = _entry(key)
            if not _is_prose(key) and key[:1] != ("policy",):
                self.own.setdefault(entry, []).append(value)
            if key and key[-1] == "work":
                self.cited.setdefault(entry, set()).add(value)

    def _folded(self, entry: PathKey) -> list[str]:
        if entry not in self.folded:
            self.folded[entry] = [normalise(t).casefold() for t in self.own.get(entry, ())]
        return self.folded[entry]

    def of(self, entry: PathKey) -> str:
        if entry not in self.own:
            return ""
        works = [
            ("works", self.indices[("works", w)]) for w in self.cited.get(entry, ()) if ("works", w) in self.indices
        ]
        return "\n".join((*self._folded(entry), *(t for work in works for t in self._folded(work))))


def source_list_quotes(sources: SourceList, chapter: ChapterWords) -> Iterator[Finding]:
    """Words in quotation marks in the source list's prose (summaries, notes, claims, citations'
    relation …) are the chapter's words, or words a source the entry cites is recorded as
    supporting: nobody's words are made up in the editors' text either."""
    # As on the editorial pages, but with case ignored (a summary may start with a quoted word),
    # and what a cited source supports counts as quotable too: the notes discuss the translation
    # word by word (“mud”), with the Russian in a source's `supports`.
    folded = ChapterWords(chapter.text.casefold(), chapter.mentions)
    witnesses = Witnesses(sources)
    for key, value in sources.texts:
        if not _is_prose(key):
            continue
        for quotation in quoted(value):
            words = normalise(quotation.text).strip("\"' ").casefold()
            if not words or folded.may_quote(words):
                continue
            if not contains_words(witnesses.of(_entry(key)), words):
                line, col = sources.where(*key)
                yield Finding(
                    sources.path,
                    line,
                    col,
                    "yaml-quote",
                    f"“{shorten(quotation.text, 60)}” is in quotation marks, but it is not the chapter's words (a word "
                    "alone: a name's spelling, a declared scare quote or a quotation's word) and no source of this "
                    "entry is recorded as supporting it: quote what a source supports (and say "
                    "so in its `supports`), or say it without quotation marks",
                )
