"""What the EPUB and the print edition say about themselves: the title and statement from
mkdocs.yml, the original's author from the source list (edition.work), a stable identifier and
a reproducible date. Read after the build has passed the checker, so the source list is sound."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.schema import load
from .build import PROJECT, REPRODUCIBLE_EPOCH
from .singlefile import SiteMeta

SOURCE_LIST = "data/sources.yml"  # as tools.checker reads it


@dataclass(frozen=True)
class BookMeta:
    site: SiteMeta  # site_name, site_description (the edition's statement of what the text is), site_url
    rights: str  # mkdocs.yml `copyright`
    editors: str  # mkdocs.yml `site_author`
    language: str  # the theme's language
    author: str | None  # the original's author (the work edition.work names), if known
    original: str | None  # that work as "Author, Title (year)", for dc:source
    modified: dt.datetime  # UTC, whole seconds

    @property
    def title(self) -> str:
        return self.site.name

    @property
    def identifier(self) -> str:
        """The same on every build and machine (a UUID of the edition's name), so a reading
        system knows a new copy as a new version of the same book, not as another book."""
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'edition:' + self.site.name)}"

    @property
    def publisher(self) -> str:
        return f"{self.site.name}, documentary edition"

    @property
    def stamp(self) -> str:
        return self.modified.strftime("%Y-%m-%dT%H:%M:%SZ")


def source_date(project: Path = PROJECT) -> dt.datetime:
    """SOURCE_DATE_EPOCH if set (reproducible-builds.org), else the last commit's time, else
    1980-01-01: never the clock, so two exports of one tree are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None and (project / ".git").exists():
        try:
            done = subprocess.run(
                ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, timeout=30
            )
            epoch = done.stdout.strip() if done.returncode == 0 else None
        except OSError:
            epoch = None
    try:
        seconds = int(epoch or REPRODUCIBLE_EPOCH)
    except ValueError:
        seconds = int(REPRODUCIBLE_EPOCH)
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def book_meta(site: SiteMeta, config: Mapping[str, Any], project: Path = PROJECT) -> BookMeta:
    """From mkdocs.yml as the engine reads it (export.read_config) and the source list."""
    sources, _ = load(project / SOURCE_LIST, SOURCE_LIST)
    work = sources.works.get(sources.work or "")
    original = None
    if work is not None:
        year = str(work.year)[:4] if work.year is not None else "n.d."
        original = f"{work.author + ', ' if work.author else ''}{work.title} ({year})"
    theme = config.get("theme") or {}
    return BookMeta(
        site=site,
        rights=" ".join(str(config.get("copyright") or "").split()),
        editors=str(config.get("site_author") or ""),
        language=str(theme.get("language") or "en"),
        author=work.author if work is not None else None,
        original=original,
        modified=source_date(project),
    )
