"""The chapter as a whole: its text is the original's, its ids are unique, its names are known,
its notes sit on the right paragraphs, and nothing in the source list is left unused."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..model.findings import Finding, Severity
from ..model.formats import shorten
from ..model.ids import ID_PATTERN, PARAGRAPH_PREFIX, QUOTATION_PREFIX
from ..model.inline import plain_text, scare_key
from ..model.names import name_pattern, spellings
from ..model.pages import Block, Page, marked_quotations, paragraph_numbers
from ..model.records import SourceList
from .common import at


def check_original(path: Path, sources: SourceList) -> Iterator[Finding]:
    """The reference copy is the text as received, byte for byte: the chapter is never edited, so
    the pages cannot be made to agree with a changed original."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sources.original_sha256:
        line, col = sources.where("edition", "original_sha256")
        yield Finding(
            sources.path,
            line,
            col,
            "text-original",
            f"{sources.original} is not the text as received: its SHA-256 is {digest}, the source list pins "
            f"{sources.original_sha256}; the chapter's text is never edited (restore it from the text as received)",
        )


def check_fidelity(pages: list[Page], original: str, original_path: str) -> Iterator[Finding]:
    """The chapter pages, stripped of markup, are the original paragraphs, in order, unchanged.

    Findings name a paragraph by the number the reader sees on the site (¶ 8), and give the
    original's own count (which includes the title) after it."""
    want = [p.strip() for p in original.split("\n\n") if p.strip()]
    numbers = paragraph_numbers(pages)
    have: list[tuple[Page, Block, str]] = []
    for page in pages:
        for block in page.blocks:
            if block.kind == "paragraph" or (block.kind == "heading" and "editor-heading" not in block.classes):
                have.append((page, block, plain_text(block.text)))

    def which(index: int) -> str:
        page, block, _ = have[index] if index < len(have) else (None, None, "")
        ours = numbers.get((page.name, block.start)) if page and block else None
        theirs = f"paragraph {index + 1} of {original_path}, counting its title"
        return f"¶ {ours} ({theirs})" if ours else ("the title" if block else theirs)

    for index, expected in enumerate(want):
        if index >= len(have):
            last = pages[-1] if pages else None
            if last is not None:
                yield at(
                    last,
                    len(last.text),
                    "text-fidelity",
                    f"the chapter is missing paragraph {index + 1} of {original_path}, counting its title "
                    f"(“{shorten(expected, 60)}”)",
                )
            return
        page, block, got = have[index]
        if got != expected:
            first = next(
                (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b), min(len(got), len(expected))
            )
            yield at(
                page,
                block.start,
                "text-fidelity",
                f"{which(index)} differs from the original at character {first + 1}: "
                f"the page has “{shorten(got[max(0, first - 15) : first + 30], 60)}”, "
                f"the original has “{shorten(expected[max(0, first - 15) : first + 30], 60)}”",
            )
            return
    for page, block, got in have[len(want) :]:
        yield at(
            page,
            block.start,
            "text-fidelity",
            f"this paragraph (“{shorten(got, 60)}”) is not in {original_path}; editorial text belongs in notes",
        )
        return


def check_grammar(page: Page) -> Iterator[Finding]:
    """Whatever leaves the page's closed grammar (tools/model/pages.py)."""
    for problem in page.problems:
        yield at(page, problem.offset, problem.rule, problem.message)


ID_RULES = {
    "paragraph": (
        PARAGRAPH_PREFIX,
        "a paragraph id is `p-` and lower-case words joined by hyphens, e.g. `{: #p-stalins-goals }`",
    ),
    "quotation": (
        QUOTATION_PREFIX,
        "a quotation id is `q-` and lower-case words joined by hyphens, e.g. `{ #q-bukharin-hope }`",
    ),
    "heading": ("", "a heading id is lower-case words joined by hyphens, e.g. `{ #the-trials-as-a-warning }`"),
}


def check_ids(pages: list[Page]) -> Iterator[Finding]:
    """Every chapter paragraph has an explicit id; every id follows the pattern of its kind, and
    no id is used twice across the chapter."""
    seen: dict[str, str] = {}
    for page in pages:
        for block in page.blocks:
            if block.kind == "paragraph" and block.id is None:
                yield at(
                    page,
                    block.start,
                    "paragraph-id",
                    "this paragraph has no id: add a line `{: #p-some-words }` under it, so links to it never break",
                )
            ids: list[tuple[str, str]] = []
            if block.id:
                ids.append((block.id, block.kind))
            if block.kind == "paragraph":
                ids += [(m.id, "quotation") for m in marked_quotations(block) if m.id]
            for ident, kind in ids:
                prefix, how = ID_RULES[kind]
                if not (ident.startswith(prefix) and ID_PATTERN.match(ident)):
                    yield at(page, block.start, "id-pattern", f"the id '{ident}' breaks the pattern: {how}")
                if ident in seen:
                    yield at(page, block.start, "duplicate-id", f"the id '{ident}' is already used in {seen[ident]}")
                seen[ident] = page.name


def check_usage(pages: list[Page], sources: SourceList, scare_budget: Counter[str]) -> Iterator[Finding]:
    """Nothing in the source list is left unused (a missing quotation is an error, the rest warnings)."""
    used_quotes = {m.id for p in pages for b in p.paragraphs for m in marked_quotations(b)}
    for q in sources.quotations.values():
        if q.id not in used_quotes:
            line, col = sources.position_of("quotations", q.id)
            yield Finding(
                sources.path, line, col, "yaml-unused", f"quotation '{q.id}' does not appear on any chapter page"
            )
    for key, left in scare_budget.items():
        if left > 0:
            index = next(i for i, s in enumerate(sources.scare_quotes) if scare_key(s.text) == key)
            line, col = sources.where("scare_quotes", index)
            yield Finding(
                sources.path,
                line,
                col,
                "yaml-unused",
                f"scare quote “{key}” is declared {left} more time(s) than it appears on its page",
            )
    mentioned = _named_people(pages, sources)
    for person in sources.people.values():
        if person.id not in mentioned and person.mention != "implied":
            line, col = sources.position_of("people", person.id)
            yield Finding(
                sources.path,
                line,
                col,
                "yaml-unused",
                f"person '{person.id}' is never named in the chapter; remove the entry or mark it `mention: implied`",
            )
    cited = {
        r.work
        for group in (sources.quotations, sources.people, sources.notes, sources.trials, sources.meetings)
        for entry in group.values()
        for r in entry.sources
    }
    cited |= {t.report for t in sources.trials.values()}
    cited |= {w.work for q in sources.quotations.values() for w in (q.russian, q.report_wording) if w is not None}
    for work in sources.works.values():
        if work.id not in cited:
            line, col = sources.position_of("works", work.id)
            yield Finding(
                sources.path, line, col, "yaml-unused", f"work '{work.id}' is not cited by any entry", Severity.WARNING
            )


def _named_people(pages: list[Page], sources: SourceList) -> set[str]:
    """Everyone named anywhere in the chapter's paragraphs, prose or quotation."""
    pattern, forms = name_pattern(sources), spellings(sources)
    if pattern is None:
        return set()
    return {forms[m.group()] for p in pages for b in p.paragraphs for m in pattern.finditer(b.text)}


def check_notes(pages: list[Page], sources: SourceList) -> Iterator[Finding]:
    """Each editorial note is attached to a paragraph that really contains the words it explains."""
    paragraphs = {b.id: plain_text(b.text) for p in pages for b in p.paragraphs if b.id}
    for note in sources.notes.values():
        line, col = sources.position_of("notes", note.id, "paragraph")
        if note.paragraph not in paragraphs:
            yield Finding(
                sources.path,
                line,
                col,
                "note-paragraph",
                f"note '{note.id}': no paragraph has the id '{note.paragraph}'",
            )
        elif note.term not in paragraphs[note.paragraph]:
            # Point at the term, the field that is wrong, not at the paragraph id that is right.
            line, col = sources.position_of("notes", note.id, "term")
            yield Finding(
                sources.path,
                line,
                col,
                "note-term",
                f"note '{note.id}': paragraph '{note.paragraph}' does not contain “{note.term}”",
            )


MARKUP = re.compile(r"\[\^[^\]\s]{1,100}\]|\]\{[^}\n]{0,200}\}|\[")


def _blank_markup(text: str) -> str:
    """The paragraph with footnote references and quotation markup blanked out (same length)."""
    return MARKUP.sub(lambda m: " " * len(m.group()), text)


NAME_LIKE = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*")
SENTENCE_END = tuple(".!?:…")
OPENERS = frozenset(' \t\n“”"‘’(')


def check_names(pages: list[Page], sources: SourceList) -> Iterator[Finding]:
    """A capitalised word inside a sentence is a name: it must be a known spelling of a person,
    or be listed under `not_names` (places, institutions, words in titles). Linear: looking back
    from each word passes only the spaces and marks since the previous word."""
    known = {word for p in sources.people.values() for form in (*p.variants, p.name) for word in form.split()}
    known |= set(sources.not_names)
    for page in pages:
        for block in page.paragraphs:
            prose = _blank_markup(block.text)
            for match in NAME_LIKE.finditer(prose):
                word = match.group()
                if word in known:
                    continue
                before = match.start() - 1
                while before >= 0 and prose[before] in OPENERS:
                    before -= 1
                if before < 0 or prose[before] in SENTENCE_END:
                    continue
                yield at(
                    page,
                    block.start + match.start(),
                    "name-unknown",
                    f"“{word}” looks like a name, but no person in {sources.path} is spelled so: add it to "
                    f"that person's variants, or to not_names if it is not a person",
                )
