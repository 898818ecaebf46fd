"""The pages and downloads generated from the source list, by output name (the hook adds them)."""

from __future__ import annotations

from collections.abc import Callable

from ..model.cite import Edition
from ..model.records import SourceList
from . import bibliography, metadata, people, quotations, trials
from .usage import Usage

Generator = Callable[[SourceList, Usage, Edition], str]


def _page(make: Callable[[SourceList, Usage], str]) -> Generator:
    """A generated page that does not depend on where the site is published."""
    return lambda sources, used, _edition: make(sources, used)


# Pages the search index knows by their headings only (a trial, a meeting, a work, a speaker, a
# section of the landing page): their text repeats the chapter's footnotes, lists sources and
# addresses, or explains the edition, and indexing it all would double what every reader
# downloads with every page. The chapter, the editors' notes and the people (every spelling,
# role and identification) are indexed in full; the teachers' page not at all.
SEARCHED_BY_HEADINGS = frozenset({"sources.md", "quotations.md", "trials.md", "index.md", "offline.md"})

GENERATORS: dict[str, Generator] = {
    "people.md": _page(people.people_page),
    "sources.md": _page(bibliography.sources_page),
    "quotations.md": _page(quotations.quotations_page),
    "trials.md": _page(trials.trials_page),
    "quotations.csv": quotations.quotations_csv,
    "quotations.json": quotations.quotations_json,
    "edition.ris": metadata.ris_file,
    "edition.bib": metadata.bibtex_file,
    "edition.csl.json": metadata.csl_file,
}
