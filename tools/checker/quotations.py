"""Quotations: every quoted span on a chapter page is a marked, footnoted, known quotation with
the source list's words and speaker, or a declared scare quote."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..model.findings import Finding
from ..model.formats import shorten
from ..model.names import name_pattern, spellings
from ..model.pages import Block, Marked, Page, QuoteSpan, marked_quotations, normalise, quote_spans
from ..model.records import SourceList
from .common import at

Mention = tuple[int, str, str]  # (page offset, person id, the word as written)


def prose_mentions(page: Page, sources: SourceList) -> list[Mention]:
    """Names in the prose (not inside quotation marks), in page order."""
    pattern = name_pattern(sources)
    if pattern is None:
        return []
    forms = spellings(sources)
    mentions: list[Mention] = []
    for block in page.paragraphs:
        quoted = [(s.start, s.end) for s in quote_spans(block.text, block.start)]
        for match in pattern.finditer(block.text):
            offset = block.start + match.start()
            if not any(start <= offset < end for start, end in quoted):
                mentions.append((offset, forms[match.group()], match.group()))
    return mentions


def scare_budget(sources: SourceList, page_name: str) -> Counter[str]:
    budget: Counter[str] = Counter()
    for scare in sources.scare_quotes:
        if scare.page == page_name:
            budget[normalise(scare.text)] += scare.count
    return budget


def check_quotations(page: Page, sources: SourceList, scare_budget: Counter[str]) -> Iterator[Finding]:
    """Every quotation-mark span is a marked, footnoted, known quotation with the right words and
    speaker, or a declared scare quote."""
    mentions = prose_mentions(page, sources)
    for block in page.paragraphs:
        marked = marked_quotations(block)
        for span in quote_spans(block.text, block.start):
            if not span.closed:
                yield at(
                    page,
                    span.start,
                    "quote-unclosed",
                    f"a quotation mark opens “{shorten(span.text, 40)}” but is never closed in this paragraph",
                )
                continue
            if any(m.body_start <= span.start < m.end for m in marked):
                continue
            key = normalise(span.text).rstrip(",.")
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
        for mark in marked:
            yield from _check_marked(page, sources, block, mark, mentions)


def _check_marked(
    page: Page, sources: SourceList, block: Block, mark: Marked, mentions: list[Mention]
) -> Iterator[Finding]:
    if not mark.id.startswith("q-"):
        return
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
    outside = re.sub(
        r"[\s,;.]",
        "",
        "".join(
            mark.body[a - mark.body_start : b - mark.body_start]
            for a, b in zip(
                [mark.body_start] + [s.end for s in spans],
                [s.start for s in spans] + [mark.body_start + len(mark.body)],
                strict=False,
            )
        ),
    )
    if not spans or outside:
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
    before = [m for m in mentions if m[0] < mark.start]
    if speaker is None:
        return
    if not before:
        yield at(
            page,
            mark.start,
            "quote-speaker",
            f"quotation '{mark.id}': no person is named before it; the source list gives {speaker.name}",
        )
    elif before[-1][1] != q.speaker:
        named = sources.people[before[-1][1]]
        yield at(
            page,
            before[-1][0],
            "quote-speaker",
            f"the prose names “{before[-1][2]}” ({named.name}) just before quotation '{mark.id}', "
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
    for span, have, want in zip(spans, on_page, expected, strict=False):
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
