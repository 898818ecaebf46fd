"""What the exports say about themselves, from the checked source list (`edition`) and the site's
config: the title, the original's author and book, the machine translation and its publisher, the
editors, the version date and the published address. Nothing here reads the clock: a version is
dated by `edition.date`, so two exports of one tree are identical."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..guard.configs import read
from ..model.dates import format_date
from ..model.edition import Checked
from ..model.sourcelist import Work
from ..site.markup import plain


@dataclass(frozen=True)
class BookMeta:
    title: str  # edition.title
    description: str  # the site's statement of what the edition is (mkdocs.yml site_description)
    author: str | None  # the original's author (edition.work)
    original: str  # the original, as a line: "Alexander Orlov, The Secret History of Stalin's Crimes (New York: Random House, 1953)"
    original_title: str
    translation: str  # the machine translation reproduced: "The Secret History of Stalin's Purges, todaychina.cc"
    publisher: str | None  # the machine translation's publisher (edition.translation's work)
    editors: tuple[str, ...]
    date: dt.date  # this version (edition.date)
    url: str  # the published address, ending in /
    language: str
    rights: str

    @property
    def identifier(self) -> str:
        """The same on every build and machine (a UUID of the edition's title), so that a reading
        system takes a new version for the same book."""
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'edition:' + self.title)}"

    @property
    def version(self) -> str:
        """'24 November 2026'"""
        return format_date(self.date)

    @property
    def stamp(self) -> str:
        """The version date as the UTC time stamp EPUB's dcterms:modified wants."""
        return f"{self.date.isoformat()}T00:00:00Z"

    @property
    def editors_line(self) -> str:
        names = list(self.editors)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def work_line(work: Work) -> str:
    """'Alexander Orlov, The Secret History of Stalin's Crimes (New York: Random House, 1953)'"""
    imprint = ", ".join(
        x
        for x in (": ".join(y for y in (work.place, work.publisher) if y), str(work.year)[:4] if work.year else "")
        if x
    )
    head = f"{plain(work.author)}, " if work.author else ""
    return f"{head}{plain(work.title)}" + (f" ({imprint})" if imprint else "")


def book_meta(checked: Checked, site_url: str, project: Path) -> BookMeta:
    edition = checked.sources.edition
    work = checked.sources.work[edition.work]
    translation = checked.sources.work[edition.translation]
    config = read(project / "mkdocs.yml")
    theme = config.get("theme") or {}
    return BookMeta(
        title=edition.title,
        description=" ".join(str(config.get("site_description") or "").split()),
        author=plain(work.author) if work.author else None,
        original=work_line(work),
        original_title=plain(work.title),
        translation=plain(translation.title) + (f", {plain(translation.publisher)}" if translation.publisher else ""),
        publisher=plain(translation.publisher) if translation.publisher else None,
        editors=tuple(edition.editors),
        date=edition.date,
        url=site_url if site_url.endswith("/") else site_url + "/",
        language=str(theme.get("language") or "en") if isinstance(theme, dict) else "en",
        rights=" ".join(str(config.get("copyright") or "").split()),
    )
