"""Quotations: every quoted span on a chapter page, in a paragraph or a heading, is a marked,
footnoted, known quotation with the source list's words and speaker, or a declared scare quote.
Every bracketed span with an id is a quotation, whatever its id says."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator

from ..model.findings import Finding
from ..model.formats import shorten
from ..model.inline import Marked, QuoteSpan, find_marked, normalise, quote_spans, scare_key
from ..model.names import name_pattern, spellings
from ..model.pages import Block, Page
from ..model.records import SourceList
from .common import at

Mention = tuple[int, str, str]  # (page offset, person id, the word as written)
BETWEEN_PARTS = re.compile(r"[\s,;.]")


def prose_mentions(page: Page, sources: SourceList) -> list[Mention]:
    """Names in the prose of the paragraphs (not inside quotation marks), in page order. One pass
    of the name pattern and one walk along the sorted quoted spans: linear in the page."""
    pattern = name_pattern(sources)
    if pattern is None:
        return []
    forms = spellings(sources)
    mentions: list[Mention] = []
    for block in page.paragraphs:
        quoted = quote_spans(block.text, block.start)
        index = 0
        for match in pattern.finditer(block.text):
            offset = block.start + match.start()
            while index < len(quoted) and quoted[index].end <= offset:
                index += 1
            if not (index < len(quoted) and quoted[index].start <= offset):
                mentions.append((offset, forms[match.group()], match.group()))
    return mentions


def scare_budget(sources: SourceList, page_name: str) -> Counter[str]:
    budget: Counter[str] = Counter()
    for scare in sources.scare_quotes:
        if scare.page == page_name:
            budget[scare_key(scare.text)] += scare.count
    return budget


def check_quotations(page: Page, sources: SourceList, scare_budget: Counter[str]) -> Iterator[Finding]:
    """Every quotation-mark span is a marked, footnoted, known quotation with the right words and
    speaker, or a declared scare quote."""
    mentions = prose_mentions(page, sources)
    mention_offsets = [m[0] for m in mentions]
    for block in page.blocks:
        if block.kind not in ("paragraph", "heading"):
            continue
        marked = find_marked(block.text, block.start) if block.kind == "paragraph" else []
        yield from _unmarked_spans(page, sources, block, marked, scare_budget)
        for mark in marked:
            if mark.id:  # an attribute list that is not `{ #id }` is the grammar's finding (attr-list)
                yield from _check_marked(page, sources, mark, mentions, mention_offsets)


def _unmarked_spans(
    page: Page, sources: SourceList, block: Block, marked: list[Marked], scare_budget: Counter[str]
) -> Iterator[Finding]:
    index = 0
    where = "paragraph" if block.kind == "paragraph" else "heading"
    for span in quote_spans(block.text, block.start):
        if not span.closed:
            yield at(
                page,
                span.start,
                "quote-unclosed",
                f"a quotation mark opens “{shorten(span.text, 40)}” but is never closed in this {where}",
            )
            continue
        while index < len(marked) and marked[index].end <= span.start:
            index += 1
        if index < len(marked) and marked[index].body_start <= span.start:
            continue
        key = scare_key(span.text)
        if scare_budget[key] > 0:
            scare_budget[key] -= 1
            continue
        yield at(
            page,
            span.start,
            "quote-unattributed",
            f"“{shorten(span.text, 60)}” is in quotation marks but has no attribution: mark it "
            f"[“…”]{{ #q-id }}[^q-id] with an entry in {sources.path}, or declare it under scare_quotes",
        )


def _check_marked(
    page: Page, sources: SourceList, mark: Marked, mentions: list[Mention], mention_offsets: list[int]
) -> Iterator[Finding]:
    if mark.label is None:
        yield at(
            page,
            mark.end,
            "quote-unfootnoted",
            f"quotation '{mark.id}' has no footnote: add [^{mark.id}] right after it",
        )
    elif mark.label != mark.id:
        yield at(
            page,
            mark.end,
            "quote-footnote-mismatch",
            f"quotation '{mark.id}' is followed by footnote [^{mark.label}]; they must carry the same id",
        )
    q = sources.quotations.get(mark.id)
    if q is None:
        yield at(
            page,
            mark.start,
            "quote-unknown-id",
            f"no quotation '{mark.id}' in {sources.path}: add an entry for it (speaker, trial, status, sources)",
        )
        return
    spans = quote_spans(mark.body, mark.body_start)
    edges = [mark.body_start, *(x for s in spans for x in (s.start, s.end)), mark.body_start + len(mark.body)]
    outside = "".join(
        mark.body[a - mark.body_start : b - mark.body_start] for a, b in zip(edges[::2], edges[1::2], strict=True)
    )
    if not spans or BETWEEN_PARTS.sub("", outside):
        yield at(
            page,
            mark.body_start,
            "quote-markup",
            f"quotation '{mark.id}' must wrap only the words in quotation marks, e.g. [“…”]{{ #{mark.id} }}",
        )
    on_page = [normalise(s.text) for s in spans]
    expected = [normalise(t) for t in q.text]
    if on_page != expected:
        yield from _wording(page, sources, mark, spans, on_page, expected)
    speaker = sources.people.get(q.speaker)
    if speaker is None:
        return
    before = bisect.bisect_left(mention_offsets, mark.start)
    if before == 0:
        yield at(
            page,
            mark.start,
            "quote-speaker",
            f"quotation '{mark.id}': no person is named before it; the source list gives {speaker.name}",
        )
    elif mentions[before - 1][1] != q.speaker:
        offset, person, written = mentions[before - 1]
        yield at(
            page,
            offset,
            "quote-speaker",
            f"the prose names “{written}” ({sources.people[person].name}) just before quotation '{mark.id}', "
            f"but {sources.path} gives the speaker as {speaker.name}",
        )


def _wording(
    page: Page, sources: SourceList, mark: Marked, spans: tuple[QuoteSpan, ...], on_page: list[str], expected: list[str]
) -> Iterator[Finding]:
    if len(on_page) != len(expected):
        yield at(
            page,
            mark.body_start,
            "quote-wording",
            f"quotation '{mark.id}' has {len(on_page)} quoted part(s) on the page but {len(expected)} in {sources.path}",
        )
        return
    for span, have, want in zip(spans, on_page, expected, strict=True):
        if have == want:
            continue
        have_words, want_words = have.split(" "), want.split(" ")
        index = next(
            (i for i, (a, b) in enumerate(zip(have_words, want_words, strict=False)) if a != b),
            min(len(have_words), len(want_words)),
        )
        offset = span.start + 1 + len(" ".join(have_words[:index])) + (1 if index else 0)
        got = " ".join(have_words[index : index + 3]) or "(end)"
        wanted = " ".join(want_words[index : index + 3]) or "(end)"
        yield at(
            page,
            min(offset, span.end),
            "quote-wording",
            f"quotation '{mark.id}' differs from {sources.path} at word {index + 1}: "
            f"the page has “{got}”, the source list has “{wanted}”",
        )
