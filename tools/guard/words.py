"""The guard on what a reader reads: every text a reader sees or hears holds only printed characters,
every quotation in it is the chapter's words or a source's recorded words, and each chapter
paragraph says exactly what the chapter says."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator

from ..model.findings import Example, Rule
from ..model.html import blocks, classes, local, text_of
from ..model.quotes import Corpus, core, has_mark, quotations
from . import allow
from .printed import unprinted
from .problem import Allowed, Problem

GUARD_QUOTE = Rule(
    "guard-quote",
    "every quotation a built page shows is the chapter's words or a source's recorded words; editors' headings quote nothing",
    Example("docs/index.md", "## What the statuses mean", "## What ''it is all lies''"),
)
GUARD_TEXT = Rule(
    "guard-text",
    "each chapter paragraph on a built page says exactly what the chapter says, and no text hides or reorders characters or holds one the edition does not print",
    None,  # no edit of the input reaches it without an input finding first; tests/guard builds the page by hand
)
APPARATUS_IN_PARAGRAPH = frozenset({"para-number", "fn-ref", "quote-link"})


VERBATIM = "verbatim"  # the class the edition's renderers give words they quote from the chapter or a source
STAND_IN = "…"  # what a verbatim quotation counts as in the text around it: no words, no marks


def as_each_medium_reads(root: ET.Element, marked: Collection[int] = frozenset()) -> Iterator[tuple[ET.Element, str]]:
    """Every block as each medium reads it (allow.MEDIUM_VIEWS), where a page has words for one: a
    quotation is allowed in each reading or not at all. `marked` (ids) stand in as quoted things."""
    for dropped in allow.MEDIUM_VIEWS:

        def as_read(e: ET.Element, dropped: frozenset[str] = dropped) -> str | None:
            return STAND_IN if id(e) in marked else "" if classes(e) & dropped else None

        if any(classes(e) & dropped for e in root.iter()):
            yield from blocks(root, opaque=as_read)


def seen_texts(root: ET.Element, kind: str, allowed: Allowed) -> Iterator[Problem]:
    """Every text a reader sees or hears: block by block, and the words of attributes and metadata.
    Words the renderers mark `verbatim` (a source's recorded words, the chapter's quotation) must be
    allowed as a whole; inside the block they stand for one quoted thing, whatever marks they hold."""
    verbatim = [e for e in root.iter() if VERBATIM in classes(e) or local(e.tag) == "cite"]  # a title is a whole
    for element in verbatim:
        words = text_of(element)
        if (why := unprinted(words)) is not None:
            yield Problem(GUARD_TEXT, why, words[:60])
        if not allowed.corpus.allows(words):
            yield Problem(
                GUARD_QUOTE,
                f"“{words[:60]}” is given as quoted words, but is neither the chapter's nor a source's",
                words,
            )
    marked = {id(e) for e in verbatim}
    told: set[str] = set()  # the quotation problems said, once each whatever the medium
    for element, words in blocks(root, opaque=lambda e: STAND_IN if id(e) in marked else None):
        if (why := unprinted(words)) is not None:
            yield Problem(GUARD_TEXT, why, words[:60])
        if kind == "chapter" and "chapter-paragraph" in classes(element):
            yield from chapter_paragraph(element, allowed)
            continue
        if "editor-heading" in classes(element) and has_mark(words):
            yield Problem(GUARD_QUOTE, "an editors' heading holds a quotation mark", words[:60])
            continue
        titles = allowed.titles if CITATION in classes(element) else frozenset()
        for problem in quotations_in(words, allowed.corpus, titles):
            told.add(problem.message)
            yield problem
    for element, words in as_each_medium_reads(root, marked):
        if kind == "chapter" and "chapter-paragraph" in classes(element):
            continue  # held word for word to the chapter above
        titles = allowed.titles if CITATION in classes(element) else frozenset()
        for problem in quotations_in(words, allowed.corpus, titles):
            if problem.message not in told:
                told.add(problem.message)
                yield problem
    yield from seen_attributes(root, allowed.corpus)


def seen_attributes(root: ET.Element, corpus: Corpus) -> Iterator[Problem]:
    """The words of the attributes a reader sees or hears (a link's title, an image's alt, a label) and
    of the metadata shown for a page, each held as a block's words are: by the guard on a built page
    and by the checker on an editors' page as written (tools/checker/editorial.py), one reading."""
    for element in root.iter():
        seen = [element.get(a) for a in allow.SEEN_ATTRIBUTES]
        if local(element.tag) == "meta" and allow.SEEN_META.match(
            element.get("name", element.get("property", "")) or ""
        ):
            seen.append(element.get("content"))
        for words in filter(None, seen):
            if (why := unprinted(words, "an attribute ")) is not None:
                yield Problem(GUARD_TEXT, why, words[:60])
            yield from quotations_in(words, corpus)


CITATION = "cite-form"  # a citation the CSL processor rendered: it quotes the cited section's title


def quotations_in(words: str, corpus: Corpus, titles: frozenset[str] = frozenset()) -> Iterator[Problem]:
    for span in quotations(words):
        if not span.closed:  # a quotation may not run on past its block, where no check would follow it
            yield Problem(
                GUARD_QUOTE,
                f"“{span.text[:60]}” opens a quotation that its paragraph does not close",
                words[span.start : span.end],
                (span.text[:30],),
            )
            continue
        if core(span.text) in titles:
            continue
        if not corpus.allows(span.text):  # an unclosed mark is read to the end of its block, as a reader would
            yield Problem(
                GUARD_QUOTE,
                f"“{span.text[:60]}” is quoted, but is neither the chapter's words nor a source's recorded words",
                words[span.start : span.end],  # found in the input with its opening mark, else by its words
                (span.text[:30],),
            )


def chapter_paragraph(element: ET.Element, allowed: Allowed) -> Iterator[Problem]:
    """The paragraph's words, without the edition's ¶ number, note call and ¶ link, are the chapter's."""
    ident = element.get("id", "")
    expected = allowed.paragraphs.get(ident)
    words = text_of(element, skip=lambda child: bool(classes(child) & APPARATUS_IN_PARAGRAPH))
    if expected is None:
        yield Problem(GUARD_TEXT, f"a chapter paragraph '{ident}' that the chapter does not have", words[:60])
    elif words != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(words, expected, strict=False)) if a != b), min(len(words), len(expected))
        )
        yield Problem(
            GUARD_TEXT,
            f"paragraph '{ident}' differs from the chapter at “{words[at : at + 40]}” (the chapter: “{expected[at : at + 40]}”)",
            words[at : at + 40],
        )
