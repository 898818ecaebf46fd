"""The files the edition offers for download, as the pages name them: their names (from the
edition's `slug`, so the next instalment is data, not code), the list on the teachers' and Read
offline pages, and the marker each file's figures (pages, size) take once it is made.

The figures are measured on the files by tools/publish/downloads.py; until then (and always in the
offline build, made before the files) a marker is left empty.
"""

from __future__ import annotations

from dataclasses import dataclass

import re2
from markupsafe import Markup

from ..model.edition import DOWNLOADS_MARKER

DOWNLOADS = "downloads"  # the folder of the site that holds them
DOWNLOADS_LIST = DOWNLOADS_MARKER  # where an editors' page (docs/offline.md) wants the list
# On a page: <!-- download: secret-history-19.pdf --> becomes " (47 pages, 318 KiB)" once the file is made.
MARKER = re2.compile(r"<!-- download: ([a-z0-9.-]+) -->")


@dataclass(frozen=True)
class Files:
    """The exported files' names, from the edition's slug."""

    slug: str

    @property
    def zip(self) -> str:
        return f"{self.slug}-offline.zip"

    @property
    def html(self) -> str:
        return f"{self.slug}.html"

    @property
    def epub(self) -> str:
        return f"{self.slug}.epub"

    @property
    def pdf(self) -> str:
        return f"{self.slug}.pdf"

    @property
    def handout_a4(self) -> str:
        return f"{self.slug}-handout-a4.pdf"

    @property
    def handout_letter(self) -> str:
        return f"{self.slug}-handout-letter.pdf"

    @property
    def worksheet(self) -> str:
        return f"{self.slug}-worksheet.pdf"

    @property
    def worksheet_key(self) -> str:
        return f"{self.slug}-worksheet-key.pdf"

    @property
    def all(self) -> tuple[str, ...]:
        """Every export, in the order the pages list them (the zip, which holds the rest, last)."""
        return tuple(name for name, _, _ in self.listed())

    @property
    def in_zip(self) -> tuple[str, ...]:
        """What a reader can download from the offline copy itself (the zip cannot hold itself)."""
        return tuple(name for name in self.all if name != self.zip)

    def listed(self) -> tuple[tuple[str, str, str], ...]:
        """(file, label, what it is): the editors' words about each file."""
        return (
            (
                self.handout_a4,
                "The chapter as a handout, A4",
                "the text with its footnotes, editor’s notes, paragraph numbers and a QR code",
            ),
            (self.handout_letter, "The chapter as a handout, US Letter", "the same handout on Letter paper"),
            (
                self.worksheet,
                "A worksheet",
                "questions on each quotation that send students to the footnotes and the apparatus",
            ),
            (
                self.worksheet_key,
                "The worksheet’s key, for the teacher",
                "the source list’s answers, with what is not known",
            ),
            (self.pdf, "The whole edition as a PDF, A4", "the chapter and the whole apparatus"),
            (self.epub, "An EPUB e-book", "for phones, tablets and e-readers"),
            (self.html, "One HTML file", "the whole edition in one page that runs no script"),
            (self.zip, "The whole site as a zip", "to use without a network"),
        )


def download_list(files: Files, offline: bool, site_url: str) -> Markup:
    """Every handout and download, each with its marker for the figures (filled once it is made).
    The offline copies link to the zip where it is published: it cannot hold itself."""
    items = []
    for name, label, about in files.listed():
        href = f"{site_url}{DOWNLOADS}/{name}" if offline and name == files.zip else f"{DOWNLOADS}/{name}"
        shown = Markup("<!-- download: {} -->").format(name)
        items.append(
            Markup('<li><a href="{}" download><strong>{}</strong></a>{}: {}.</li>').format(href, label, shown, about)
        )
    return Markup('<ul class="downloads">{}</ul>').format(Markup("").join(items))


def teaching_section(files: Files, offline: bool, site_url: str) -> Markup:
    """The teachers' page's list of handouts and downloads."""
    return Markup(
        '\n<h2 id="handouts">Handouts and downloads</h2>\n'
        "<p>Made from this version of the edition, for printing or for a class without a network.</p>\n{}\n"
    ).format(download_list(files, offline, site_url))


def with_figures(text: str, figures: dict[str, str]) -> str:
    """A page (Markdown or built HTML) with each download marker replaced by its file's figures
    ("6 pages, 118 KiB"), or by nothing. The figures are digits and units: nothing to escape."""
    return str(MARKER.sub(lambda m: f" ({figures[m.group(1)]})" if m.group(1) in figures else "", text))
