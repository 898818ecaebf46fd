"""The pages and downloads generated from the source list, by output name (the hook adds them)."""

from __future__ import annotations

from collections.abc import Callable

from ..model.records import SourceList
from . import bibliography, people, quotations, trials
from .usage import Usage

Generator = Callable[[SourceList, Usage], str]
GENERATORS: dict[str, Generator] = {
    "people.md": people.people_page,
    "sources.md": bibliography.sources_page,
    "quotations.md": quotations.quotations_page,
    "trials.md": trials.trials_page,
    "quotations.csv": quotations.quotations_csv,
    "quotations.json": quotations.quotations_json,
}
