"""Rules on the chapter pages against the original and the source list: the text is the original's,
every quotation is marked and known, in its words, after its speaker's name; every name is known."""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path

import re2

from ..guard.printed import unprinted
from ..model.chapter import PAGE_MARK, Chapter, ChapterPage, Heading, Mark, Paragraph
from ..model.findings import Example, Finding, Rule
from ..model.loading import Loaded
from ..model.names import names_in
from ..model.quotes import Span, core, outermost, spans
from .prose import TEXT_PRINTED
from .sourcelist import ID_UNIQUE

TEXT_ORIGINAL = Rule(
    "text-original",
    "the reference copy of the chapter is the text as received (its SHA-256 is pinned in original.lock, reviewed as code)",
    # (at the file's start: a hash does not say where the text changed)
    Example("original/chapter.txt", "For this reason", "For that reason", at="The Secret History"),
)
TEXT_FIDELITY = Rule(
    "text-fidelity",
    "the chapter pages hold the original's text, every word and character, in order (editors' headings apart)",
    Example("docs/praise.md", "For this reason", "For that reason"),
)
QUOTE_UNMARKED = Rule(
    "quote-unmarked",
    "every quotation in the chapter is marked `[“…”]{ #q-id }`, or declared a scare quote",
    Example(
        "docs/praise.md",
        "[“great,” “genius,” “wise,” ” Most beloved”]{ #q-vyshinsky-epithets }",
        "“great,” “genius,” “wise,” ” Most beloved”",
    ),
)
QUOTE_UNKNOWN = Rule(
    "quote-unknown",
    "every marked quotation has one entry in the source list, and every entry is marked once in the chapter",
    Example("docs/praise.md", "{ #q-bukharin-hope-of-mankind }", "{ #q-bukharin-hope }"),
)
QUOTE_WORDING = Rule(
    "quote-wording",
    "a marked quotation's words are its entry's `text`, part by part",
    Example("data/sources.yml", "      self-sacrificing courage!", "      self-denying courage!"),
)
QUOTE_SPEAKER = Rule(
    "quote-speaker",
    "the name just before a quotation in the chapter's prose is its entry's `introduced_as`, a spelling of its speaker",
    Example("data/sources.yml", "    introduced_as: Bukharin", "    introduced_as: Rosenholz"),
)
NAME_UNKNOWN = Rule(
    "name-unknown",
    "every capitalised word inside the chapter's sentences is a person's spelling or listed under not_names",
    Example("data/sources.yml", "Denmark, ", ""),
)
SCARE_QUOTE = Rule(
    "scare-quote",
    "a declared scare quote is on its page as often as declared",
    Example("data/sources.yml", "  - text: network of conspiracy links", "  - text: network of conspiracies"),
)
HEADING_QUOTE = Rule(
    "heading-quote",
    "an editors' heading holds no quotation mark of any kind: it would put words in someone's mouth",
    Example("docs/praise.md", "# Praise in the courtroom", "# Praise: ‘a great creator’"),
)
CAPITALISED = re2.compile(r"\p{Lu}[\p{L}'’-]*")
SENTENCE_END = frozenset('.!?…:“”"«»(')


# The texts as received, by SHA-256, in sha256sum's format. A file of the project's code, never
# editorial input: a pin an editor could change with the text and its pages would prove nothing.
ORIGINAL_LOCK = "original.lock"


def pinned(root: Path) -> dict[str, str]:
    """Each reference copy's path -> its SHA-256 as received, from original.lock (none if unreadable)."""
    try:
        text = (root / ORIGINAL_LOCK).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    pins = {}
    for line in text.splitlines():
        digest, _, path = line.partition("  ")
        if path and not line.startswith("#"):
            pins[path.strip()] = digest.strip()
    return pins


def check_original(original: str, path: str, pins: dict[str, str]) -> Iterator[Finding]:
    digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    if digest != pins.get(path):
        pin = f"pins {pins[path]}" if path in pins else "pins no text of that name"
        yield TEXT_ORIGINAL.at(
            path,
            1,
            1,
            f"is not the text as received: its SHA-256 is {digest}, and {ORIGINAL_LOCK} {pin}; the text is never edited",
        )


def original_blocks(original: str) -> list[str]:
    return [
        " ".join(line.strip() for line in block.split("\n") if line.strip())
        for block in original.split("\n\n")
        if block.strip()
    ]


def fidelity(chapter: Chapter, original: str) -> Iterator[Finding]:
    """The pages' headings (not the editors') and paragraphs, in order, are the original's blocks."""
    expected = original_blocks(original)
    index = 0
    for page, block in chapter.blocks_in_order():
        if isinstance(block, Heading) and block.editors:
            continue
        words, offset_of = (
            (block.text, (lambda i, b=block: b.offset + i))
            if isinstance(block, Heading)
            else (
                block.text,
                block.page_offset,
            )
        )
        want = expected[index] if index < len(expected) else None
        index += 1
        if want == words:
            continue
        if want is None:
            yield page.at(TEXT_FIDELITY, offset_of(0), "this block is not in the original: the original has ended")
            continue
        at = next((i for i, (a, b) in enumerate(zip(words, want, strict=False)) if a != b), min(len(words), len(want)))
        while at > 0 and not words[at - 1].isspace():  # from the start of the word (the two agree up to `at`)
            at -= 1
        got, wanted = words[at : at + 30] or "(end)", want[at : at + 30] or "(end)"
        yield page.at(
            TEXT_FIDELITY,
            offset_of(at),
            f"differs from the original here: the page has “{got}”, the original “{wanted}”",
        )
    if index < len(expected):
        last = chapter.pages[-1]
        yield last.at(
            TEXT_FIDELITY, len(last.text), f"the original goes on: “{expected[index][:60]}” is on no chapter page"
        )


def ids(chapter: Chapter) -> Iterator[Finding]:
    seen: set[str] = set()
    for page, block in chapter.blocks_in_order():
        found = [(block.id, block.offset)] + [(m.id, m.offset) for m in getattr(block, "marks", ())]
        for ident, offset in found:
            if ident in seen and not ident.startswith("q-"):
                yield page.at(ID_UNIQUE, offset, f"the id '{ident}' is already used in the chapter")
            seen.add(ident)


def quotations(chapter: Chapter, loaded: Loaded) -> Iterator[Finding]:
    sources = loaded.sources
    marked: Counter[str] = Counter()
    budget: Counter[tuple[str, str]] = Counter()
    first_declared: dict[tuple[str, str], int] = {}  # the index of each declaration's first entry
    for index, scare in enumerate(sources.scare_quotes):
        budget[(scare.page, core(scare.text))] += scare.count
        first_declared.setdefault((scare.page, core(scare.text)), index)
    index_of: dict[str, int] = {}
    for index, q in enumerate(sources.quotations):
        index_of.setdefault(q.id, index)
    last_name: tuple[str, str] | None = None  # (person id, spelling) of the last name in the prose
    for page, block in chapter.blocks_in_order():
        if isinstance(block, Heading):
            if block.editors and spans(block.text):
                yield page.at(HEADING_QUOTE, block.offset, "an editors' heading holds no quotation marks")
            if block.editors and (why := unprinted(block.text)) is not None:  # the original's are held to it
                yield page.at(TEXT_PRINTED, block.offset, why)
            if not block.editors and (quote := next(iter(spans(block.text)), None)) is not None:
                # A heading has no marks, notes or speaker: the chapter's quotations stand in its
                # paragraphs (a paragraph of one quotation made a heading showed it with none)
                yield page.at(
                    QUOTE_UNMARKED,
                    block.offset,
                    f"“{quote.text[:60]}” is in quotation marks in a heading: a quotation stands in a paragraph, marked",
                )
            continue
        # Outermost spans are in order and never overlap (each starts at or after the last one's end), and
        # so are a paragraph's marks (tools/model/chapter.py builds them left to right): the one span or
        # mark that can hold an offset is the last to start at or before it, found by bisection.
        quoted = outermost(spans(block.text))
        quoted_starts = [s.start for s in quoted]
        names = [n for n in names_in(block.text, sources) if not _within(quoted, quoted_starts, n.start, n.start + 1)]
        mark_starts = [m.start for m in block.marks]
        events = sorted(
            [(n.start, "name", n) for n in names] + [(m.start, "mark", m) for m in block.marks], key=lambda e: e[0]
        )
        for _, kind, item in events:
            if kind == "name":
                last_name = (item.person, item.spelling)  # type: ignore[union-attr]
                continue
            marked[item.id] += 1  # type: ignore[union-attr]
            yield from _marked(page, block, item, last_name, loaded, index_of)  # type: ignore[arg-type]
        for span in quoted:
            if _within(block.marks, mark_starts, span.start, span.end):
                continue
            key = (page.name, core(span.text))
            if budget[key] > 0:
                budget[key] -= 1
                continue
            yield page.at(
                QUOTE_UNMARKED,
                block.page_offset(span.start),
                f"“{span.text[:60]}” is in quotation marks but not marked: mark it [“…”]{{ #q-id }} with an entry in "
                f"{loaded.path}, or declare it under scare_quotes",
            )
    for (page_name, words), left in budget.items():
        if left > 0:
            yield loaded.at(
                SCARE_QUOTE,
                ("scare_quotes", first_declared[(page_name, words)], "text"),
                f"“{words}” is declared once more than {page_name} has it",
            )
    for index, q in enumerate(sources.quotations):
        if marked[q.id] != 1:
            problem = "is not marked in the chapter" if not marked[q.id] else f"is marked {marked[q.id]} times"
            yield loaded.at(QUOTE_UNKNOWN, ("quotations", index, "id"), f"quotation '{q.id}' {problem}")


def _within(ordered: Sequence[Span] | Sequence[Mark], starts: list[int], start: int, end: int) -> bool:
    """Does one of `ordered` (in order, none overlapping another; `starts` their starts) hold all of
    start…end? Only the last to start at or before `start` can: every one before it ends before it starts."""
    at = bisect.bisect_right(starts, start) - 1
    return at >= 0 and end <= ordered[at].end


def first_difference(here: list[str], there: list[str]) -> str:
    """Where two wordings part: the word's number and a few words of each from there on."""
    cut = "[…]"
    ours, theirs = f" {cut} ".join(here).split(), f" {cut} ".join(there).split()
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), min(len(ours), len(theirs)))

    def shown(words: list[str]) -> str:
        return "“" + " ".join(words[at : at + 3]) + "”" if words[at:] else "nothing more"

    return f"at word {at + 1}: the page has {shown(ours)}, the source list {shown(theirs)}"


def _marked(
    page: ChapterPage,
    block: Paragraph,
    mark: Mark,
    last_name: tuple[str, str] | None,
    loaded: Loaded,
    index_of: dict[str, int],
) -> Iterator[Finding]:
    q = loaded.sources.quotation.get(mark.id)
    if q is None:
        yield page.at(
            QUOTE_UNKNOWN,
            mark.offset,
            f"no quotation '{mark.id}' in {loaded.path}: add an entry (speaker, trial, status, sources)",
        )
        return
    words = block.text[mark.start : mark.end]
    quoted = outermost(spans(words))
    edges = [Span(0, 0, ""), *quoted, Span(len(words), 0, "")]
    outside = "".join(words[a.end : b.start] for a, b in pairwise(edges))
    if outside.strip():
        yield page.at(
            PAGE_MARK,
            mark.offset,
            f"quotation '{mark.id}' is marked with words outside its quotation marks (“{outside.strip()[:40]}”): "
            "the brackets hold only the quoted words, marks and all",
        )
    parts = [core(s.text) for s in quoted]
    listed = [core(t) for t in q.text]
    if parts != listed:
        yield page.at(
            QUOTE_WORDING,
            mark.offset,
            f"quotation '{mark.id}' differs from its entry in {loaded.path} {first_difference(parts, listed)}",
        )
    index = index_of[q.id]
    speaker = loaded.sources.person.get(q.speaker)
    if speaker is not None and q.introduced_as not in (*speaker.variants, speaker.name):
        yield loaded.at(
            QUOTE_SPEAKER,
            ("quotations", index, "introduced_as"),
            f"'{q.introduced_as}' is not a spelling of {speaker.name}",
        )
    elif last_name is None or last_name[1] != q.introduced_as:
        named = f"“{last_name[1]}”" if last_name else "no one"
        yield page.at(
            QUOTE_SPEAKER,
            mark.offset,
            f"quotation '{mark.id}' follows {named} in the chapter's prose, but its entry says it is introduced as “{q.introduced_as}”",
        )


def names(chapter: Chapter, loaded: Loaded) -> Iterator[Finding]:
    known = set(loaded.sources.spellings) | set(loaded.sources.not_names)
    # The first word of a spelling of several words ("Leon" of "Leon Trotsky"): a capitalised word holds
    # no space, so it can only begin one, and the smallest spelling not below it is the one it may begin.
    several = sorted(form for form in known if " " in form)
    for page in chapter.pages:
        for block in page.paragraphs:
            text = block.text
            previous = 0  # the end of the last capitalised word: what lies before this one starts there
            for match in CAPITALISED.finditer(text):
                word = match.group().rstrip("’'-")
                # the character before the word and the white space before it (the white space runs
                # before successive words are apart, so the whole paragraph is read once)
                between = text[previous : match.start()].rstrip()
                before = between[-1] if between else text[previous - 1] if previous else ""
                previous = match.end()
                if not before or before in SENTENCE_END or word in known or word.rstrip("s").rstrip("’'") in known:
                    continue
                at = bisect.bisect_left(several, word)
                if at < len(several) and several[at].startswith(word):
                    continue
                yield page.at(
                    NAME_UNKNOWN,
                    block.page_offset(match.start()),
                    f"“{word}” is neither a person's spelling nor under not_names",
                )


RULES = (
    TEXT_ORIGINAL,
    TEXT_FIDELITY,
    QUOTE_UNMARKED,
    QUOTE_UNKNOWN,
    QUOTE_WORDING,
    QUOTE_SPEAKER,
    NAME_UNKNOWN,
    SCARE_QUOTE,
    HEADING_QUOTE,
)
