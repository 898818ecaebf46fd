"""What the source list has read: each entry's citations and wordings, walked in one place for the
checker, readings.lock, the words an entry may quote and the work pages."""

from __future__ import annotations

from collections.abc import Iterator

from .sourcelist import Citation, Entry, Meeting, Quotation, Record, SourceList, Wording
from .yamlread import PathKey


def cited_by(entry: Entry) -> Iterator[tuple[PathKey, Record, tuple[Citation, ...]]]:
    """The parts of an entry that cite, each with its citations' field as a key within the entry:
    the entry's `sources`, or a meeting's `claim_sources` and each of its accounts' `sources`."""
    if isinstance(entry, Meeting):
        yield ("claim_sources",), entry, entry.claim_sources
        for part in ("refutations", "dissent"):
            for k, account in enumerate(getattr(entry, part)):
                yield (part, k, "sources"), account, account.sources
    else:
        yield ("sources",), entry, getattr(entry, "sources", ()) or ()


def read_for(entry: Entry) -> Iterator[tuple[PathKey, Citation | Wording]]:
    """Every reading of an entry, with its key within the entry: its citations, then a quotation's
    wordings (in Russian, as the trial's report gives it)."""
    for field, _, citations in cited_by(entry):
        for j, citation in enumerate(citations):
            yield (*field, j), citation
    if isinstance(entry, Quotation):
        for part in ("russian", "report_wording"):
            if (wording := getattr(entry, part)) is not None:
                yield (part,), wording


def readings(sources: SourceList) -> Iterator[tuple[PathKey, Entry, Citation | Wording]]:
    """Every citation and wording of the source list, with its key and entry, in the list's order."""
    for section, index, entry in sources.entries():
        for key, reading in read_for(entry):
            yield (section, index, *key), entry, reading


def passages_read(entry: Entry) -> list[tuple[str, ...]]:
    """What an entry's sources were read as saying: its citations' words, a quotation's wordings;
    each reading one passage, its excerpts in order. A `said` of several excerpts is what the editors
    read on one page, in that order (its pages join them with " … "): a cut quotation may go from one
    excerpt to a later one of the same reading, as it may within one, but never into another reading."""
    return [reading.words for _, reading in read_for(entry)]


def language_read(reading: Citation | Wording, sources: SourceList) -> str | None:
    """The language a reading's words are in, if not the edition's: the citation's own, else its
    work's (None for both: English, or a script only one declared language is written in, which the
    build marks by itself: Orlov's Russian)."""
    if isinstance(reading, Citation) and reading.language is not None:
        return reading.language
    work = sources.work.get(reading.work)
    return work.language if work is not None else None


def reading_key(citation: Citation | Wording) -> tuple[object, ...]:
    """What was read: the same words at the same place of the same copy are one reading, whatever
    fields of whichever entries they cover."""
    return (citation.work, citation.locator, citation.read_at, citation.copy_kind, citation.canonical, citation.words)
