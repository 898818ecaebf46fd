"""The checks that prove the chapter pages and the source list agree. Each returns findings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .findings import Finding, Severity
from .footnotes import footnote_text
from .pages import Block, Marked, Page, QuoteSpan, footnote_refs, marked_quotations, normalise, plain_text, quote_spans
from .sourcelist import SourceList

Mention = tuple[int, str, str]  # (page offset, person id, the word as written)


def _at(page: Page, offset: int, rule: str, message: str, severity: Severity = Severity.ERROR) -> Finding:
    line, col = page.line_col(offset)
    return Finding(page.path, line, col, rule, message, severity)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def name_pattern(sources: SourceList) -> re.Pattern[str] | None:
    """Every spelling of every person, longest first, as whole words."""
    forms = sorted({v for p in sources.people.values() for v in (*p.variants, p.name)}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


def person_by_form(sources: SourceList) -> dict[str, str]:
    table: dict[str, str] = {}
    for person in sources.people.values():
        for form in (*person.variants, person.name):
            table.setdefault(form, person.id)
    return table


def prose_mentions(page: Page, sources: SourceList) -> list[Mention]:
    """Names in the prose (not inside quotation marks), in page order."""
    pattern = name_pattern(sources)
    if pattern is None:
        return []
    forms = person_by_form(sources)
    mentions: list[Mention] = []
    for block in page.paragraphs:
        quoted = [(s.start, s.end) for s in quote_spans(block.text, block.start)]
        for match in pattern.finditer(block.text):
            offset = block.start + match.start()
            if not any(start <= offset < end for start, end in quoted):
                mentions.append((offset, forms[match.group()], match.group()))
    return mentions


def check_quotations(page: Page, sources: SourceList, scare_budget: Counter[str]) -> Iterator[Finding]:
    """Every quotation-mark span is a marked, footnoted, known quotation with the right words and
    speaker, or a declared scare quote."""
    mentions = prose_mentions(page, sources)
    for block in page.paragraphs:
        marked = marked_quotations(block)
        for span in quote_spans(block.text, block.start):
            if not span.closed:
                yield _at(page, span.start, "quote-unclosed",
                          f"a quotation mark opens “{_short(span.text, 40)}” but is never closed in this paragraph")
                continue
            if any(m.body_start <= span.start < m.end for m in marked):
                continue
            key = normalise(span.text).rstrip(",.")
            if scare_budget[key] > 0:
                scare_budget[key] -= 1
                continue
            yield _at(page, span.start, "quote-unattributed",
                      f"“{_short(span.text)}” is in quotation marks but has no attribution: mark it "
                      f"[“…”]{{ #q-id }}[^q-id] with an entry in {sources.path}, or declare it under scare_quotes")
        for mark in marked:
            yield from _check_marked(page, sources, block, mark, mentions)


def _check_marked(page: Page, sources: SourceList, block: Block, mark: Marked, mentions: list[Mention]) -> Iterator[Finding]:
    if not mark.id.startswith("q-"):
        return
    if mark.label is None:
        yield _at(page, mark.end, "quote-unfootnoted",
                  f"quotation '{mark.id}' has no footnote: add [^{mark.id}] right after it")
    elif mark.label != mark.id:
        yield _at(page, mark.end, "quote-footnote-mismatch",
                  f"quotation '{mark.id}' is followed by footnote [^{mark.label}]; they must carry the same id")
    q = sources.quotations.get(mark.id)
    if q is None:
        yield _at(page, mark.start, "quote-unknown-id",
                  f"no quotation '{mark.id}' in {sources.path}: add an entry for it (speaker, trial, status, sources)")
        return
    spans = quote_spans(mark.body, mark.body_start)
    outside = re.sub(r"[\s,;.]", "", "".join(
        mark.body[a - mark.body_start:b - mark.body_start]
        for a, b in zip([mark.body_start] + [s.end for s in spans], [s.start for s in spans] + [mark.body_start + len(mark.body)])
    ))
    if not spans or outside:
        yield _at(page, mark.body_start, "quote-markup",
                  f"quotation '{mark.id}' must wrap only the words in quotation marks, e.g. [“…”]{{ #{mark.id} }}")
    on_page = [normalise(s.text) for s in spans]
    expected = [normalise(t) for t in q.text]
    if on_page != expected:
        yield from _wording(page, sources, mark, spans, on_page, expected)
    speaker = sources.people.get(q.speaker)
    before = [m for m in mentions if m[0] < mark.start]
    if speaker is None:
        return
    if not before:
        yield _at(page, mark.start, "quote-speaker",
                  f"quotation '{mark.id}': no person is named before it; the source list gives {speaker.name}")
    elif before[-1][1] != q.speaker:
        named = sources.people[before[-1][1]]
        yield _at(page, before[-1][0], "quote-speaker",
                  f"the prose names “{before[-1][2]}” ({named.name}) just before quotation '{mark.id}', "
                  f"but {sources.path} gives the speaker as {speaker.name}")


def _wording(page: Page, sources: SourceList, mark: Marked, spans: list[QuoteSpan], on_page: list[str],
             expected: list[str]) -> Iterator[Finding]:
    if len(on_page) != len(expected):
        yield _at(page, mark.body_start, "quote-wording",
                  f"quotation '{mark.id}' has {len(on_page)} quoted part(s) on the page but {len(expected)} in {sources.path}")
        return
    for span, have, want in zip(spans, on_page, expected):
        if have == want:
            continue
        have_words, want_words = have.split(" "), want.split(" ")
        index = next((i for i, (a, b) in enumerate(zip(have_words, want_words)) if a != b),
                     min(len(have_words), len(want_words)))
        offset = span.start + 1 + len(" ".join(have_words[:index])) + (1 if index else 0)
        got = " ".join(have_words[index:index + 3]) or "(end)"
        wanted = " ".join(want_words[index:index + 3]) or "(end)"
        yield _at(page, min(offset, span.end), "quote-wording",
                  f"quotation '{mark.id}' differs from {sources.path} at word {index + 1}: "
                  f"the page has “{got}”, the source list has “{wanted}”")


def check_footnotes(page: Page, sources: SourceList) -> Iterator[Finding]:
    """References and definitions pair up, in reading order, and quotation notes match the YAML."""
    refs: list[tuple[str, int]] = [r for b in page.blocks if b.kind in ("paragraph", "heading") for r in footnote_refs(b)]
    first_refs = list(dict.fromkeys(label for label, _ in refs))
    defined = Counter(d.label for d in page.footnote_defs)
    for label, offset in refs:
        if label not in defined:
            yield _at(page, offset, "footnote-missing-definition",
                      f"footnote [^{label}] has no definition" + (
                          "; run `python -m tools.check --write` to generate it" if label in sources.quotations else ""))
    seen: set[str] = set()
    for d in page.footnote_defs:
        if d.label in seen:
            yield _at(page, d.start, "footnote-duplicate", f"footnote [^{d.label}] is defined twice")
        seen.add(d.label)
        if d.label not in first_refs:
            yield _at(page, d.start, "footnote-unreferenced", f"footnote [^{d.label}] is defined but never referenced")
        q = sources.quotations.get(d.label)
        if q is not None and q.speaker in sources.people and d.text != footnote_text(q, sources):
            yield _at(page, d.start, "footnote-text",
                      f"footnote [^{d.label}] does not match {sources.path}; run `python -m tools.check --write` to regenerate it")
    # Each label once (a second definition is footnote-duplicate's), so `order` and `wanted` hold the
    # same labels and differ only in order; unreferenced definitions must not shift the comparison.
    order = list(dict.fromkeys(d.label for d in page.footnote_defs if d.label in first_refs))
    wanted = [label for label in first_refs if label in order]
    if order != wanted:
        first_wrong = next(have for have, want in zip(order, wanted) if have != want)
        d = next(d for d in page.footnote_defs if d.label == first_wrong)
        yield _at(page, d.start, "footnote-order",
                  "footnote definitions are not in reading order, so the numbers would run out of order; "
                  "run `python -m tools.check --write`")


def check_fidelity(pages: list[Page], original: str, original_path: str) -> Iterator[Finding]:
    """The chapter pages, stripped of markup, are the original paragraphs, in order, unchanged."""
    want = [p.strip() for p in original.split("\n\n") if p.strip()]
    have: list[tuple[Page, Block, str]] = []
    for page in pages:
        for block in page.blocks:
            if block.kind == "paragraph" or (block.kind == "heading" and "editor-heading" not in block.classes):
                have.append((page, block, plain_text(block.text)))
    for index, expected in enumerate(want):
        if index >= len(have):
            last = pages[-1] if pages else None
            if last is not None:
                yield _at(last, len(last.text), "text-fidelity",
                          f"the chapter is missing its paragraph {index + 1} (“{_short(expected)}”) from {original_path}")
            return
        page, block, got = have[index]
        if got != expected:
            at = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
            yield _at(page, block.start, "text-fidelity",
                      f"paragraph {index + 1} differs from {original_path} at character {at + 1}: "
                      f"the page has “{_short(got[max(0, at - 15):at + 30])}”, "
                      f"the original has “{_short(expected[max(0, at - 15):at + 30])}”")
            return
    for page, block, got in have[len(want):]:
        yield _at(page, block.start, "text-fidelity",
                  f"this paragraph (“{_short(got)}”) is not in {original_path}; editorial text belongs in notes")
        return


def check_ids(pages: list[Page]) -> Iterator[Finding]:
    """Every chapter paragraph has an explicit id, and no id is used twice across the chapter."""
    seen: dict[str, str] = {}
    for page in pages:
        for block in page.blocks:
            if block.kind == "paragraph" and block.id is None:
                yield _at(page, block.start, "paragraph-id",
                          "this paragraph has no id: add a line `{: #p-some-words }` under it, so links to it never break")
            ids = [block.id] if block.id else []
            ids += [m.id for m in marked_quotations(block)] if block.kind == "paragraph" else []
            for ident in ids:
                if ident in seen:
                    yield _at(page, block.start, "duplicate-id", f"the id '{ident}' is already used in {seen[ident]}")
                seen[ident] = page.name


def check_usage(pages: list[Page], sources: SourceList, scare_budget: Counter[str]) -> Iterator[Finding]:
    """Nothing in the source list is left unused (a missing quotation is an error, the rest warnings)."""
    used_quotes = {m.id for p in pages for b in p.paragraphs for m in marked_quotations(b)}
    for q in sources.quotations.values():
        if q.id not in used_quotes:
            line, col = sources.position_of("quotations", q.id)
            yield Finding(sources.path, line, col, "yaml-unused",
                          f"quotation '{q.id}' does not appear on any chapter page")
    for key, left in scare_budget.items():
        if left > 0:
            index = next(i for i, s in enumerate(sources.scare_quotes) if normalise(s.text) == key)
            line, col = sources.where("scare_quotes", index)
            yield Finding(sources.path, line, col, "yaml-unused",
                          f"scare quote “{key}” is declared {left} more time(s) than it appears on its page")
    mentioned = _named_people(pages, sources)
    for person in sources.people.values():
        if person.id not in mentioned and person.mention != "implied":
            line, col = sources.position_of("people", person.id)
            yield Finding(sources.path, line, col, "yaml-unused",
                          f"person '{person.id}' is never named in the chapter; remove the entry or mark it `mention: implied`")
    cited = {r.work for group in (sources.quotations, sources.people, sources.notes, sources.trials, sources.meetings)
             for entry in group.values() for r in entry.sources}
    cited |= {t.report for t in sources.trials.values()}
    for work in sources.works.values():
        if work.id not in cited:
            line, col = sources.position_of("works", work.id)
            yield Finding(sources.path, line, col, "yaml-unused", f"work '{work.id}' is not cited by any entry",
                          Severity.WARNING)


def _named_people(pages: list[Page], sources: SourceList) -> set[str]:
    """Everyone named anywhere in the chapter's paragraphs, prose or quotation."""
    pattern, forms = name_pattern(sources), person_by_form(sources)
    if pattern is None:
        return set()
    return {forms[m.group()] for p in pages for b in p.paragraphs for m in pattern.finditer(b.text)}


def check_notes(pages: list[Page], sources: SourceList) -> Iterator[Finding]:
    """Each editorial note is attached to a paragraph that really contains the words it explains."""
    paragraphs = {b.id: plain_text(b.text) for p in pages for b in p.paragraphs if b.id}
    for note in sources.notes.values():
        line, col = sources.position_of("notes", note.id, "paragraph")
        if note.paragraph not in paragraphs:
            yield Finding(sources.path, line, col, "note-paragraph", f"note '{note.id}': no paragraph has the id '{note.paragraph}'")
        elif note.term not in paragraphs[note.paragraph]:
            # Point at the term, the field that is wrong, not at the paragraph id that is right.
            line, col = sources.position_of("notes", note.id, "term")
            yield Finding(sources.path, line, col, "note-term",
                          f"note '{note.id}': paragraph '{note.paragraph}' does not contain “{note.term}”")


def scare_budget(sources: SourceList, page_name: str) -> Counter[str]:
    budget: Counter[str] = Counter()
    for scare in sources.scare_quotes:
        if scare.page == page_name:
            budget[normalise(scare.text)] += scare.count
    return budget


MARKUP = re.compile(r"\[\^[^\]\s]{1,100}\]|\]\{[^}\n]{0,200}\}|\[")


def _blank_markup(text: str) -> str:
    """The paragraph with footnote references and quotation markup blanked out (same length)."""
    return MARKUP.sub(lambda m: " " * len(m.group()), text)


NAME_LIKE = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*")
SENTENCE_END = tuple(".!?:…")


def check_names(pages: list[Page], sources: SourceList) -> Iterator[Finding]:
    """A capitalised word inside a sentence is a name: it must be a known spelling of a person,
    or be listed under `not_names` (places, institutions, words in titles)."""
    known = {word for p in sources.people.values() for form in (*p.variants, p.name) for word in form.split()}
    known |= set(sources.not_names)
    for page in pages:
        for block in page.paragraphs:
            prose = _blank_markup(block.text)
            for match in NAME_LIKE.finditer(prose):
                word = match.group()
                before = prose[:match.start()].rstrip(" \t\n“”\"‘’(")
                if not before or before.endswith(SENTENCE_END) or word in known:
                    continue
                yield _at(page, block.start + match.start(), "name-unknown",
                          f"“{word}” looks like a name, but no person in {sources.path} is spelled so: add it to "
                          f"that person's variants, or to not_names if it is not a person")
