"""The config's texts, which the theme prints on every page and the books repeat (the title bar,
the navigation, the description, the copyright line; the EPUB's package and contents, the PDF's
title page, contents and running header): they are the editors' prose, so

- config-quote: what they present as a quotation is the chapter's words, by the same reading as
  the editorial pages (tools/checker/prose.py): a nav title `Orlov: “Stalin is innocent of every
  crime.”` would put a made-up quotation on every page and in every book;
- nav-title: a chapter page's nav title is the page's own heading, word for word (its editors'
  heading where it has one, else its first heading), so that the title a reader sees everywhere
  is the one the page marks as the editors' and the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import yaml

from ..model.findings import Finding
from ..model.formats import shorten
from ..model.inline import plain_text
from ..model.pages import Page
from ..model.siteconfig import ConfigFile, nav_entries, printed_texts
from . import prose


def config_quotes(files: Iterable[ConfigFile], chapter: prose.ChapterWords) -> Iterator[Finding]:
    for file in files:
        for text in printed_texts(file):
            for quotation in prose.not_the_chapters(text.value, chapter):
                line, col = text.at(quotation.offset)
                yield Finding(
                    file.shown,
                    line,
                    col,
                    "config-quote",
                    f"{text.what} presents “{shorten(quotation.text, 60)}” as a quotation, but it is not the "
                    "chapter's words; the theme prints it on every page and the books repeat it: quote the chapter "
                    "exactly (a word alone only if it is a name's spelling or a declared scare quote), or say it in "
                    "the editors' own words without quotation marks",
                )


def page_title(page: Page) -> str | None:
    """The heading a chapter page is known by: its first editors' heading, else its first heading."""
    headings = page.headings
    chosen = next((h for h in headings if "editor-heading" in h.classes), headings[0] if headings else None)
    return " ".join(plain_text(chosen.text).split()) if chosen else None


def nav_titles(files: Iterable[ConfigFile], pages: Iterable[Page]) -> Iterator[Finding]:
    titles = {page.name: page_title(page) for page in pages}
    for file in files:
        for title, target in nav_entries(file):
            name = target.value if isinstance(target, yaml.ScalarNode) else None
            heading = titles.get(str(name)) if name is not None else None
            if heading is not None and " ".join(title.value.split()) != heading:
                line, col = title.at(0)
                yield Finding(
                    file.shown,
                    line,
                    col,
                    "nav-title",
                    f"the nav calls {name} “{shorten(title.value, 60)}”, but the page's heading is “{heading}”: "
                    "a chapter page's nav title is its heading, word for word (readers see it in the title bar, "
                    "the navigation and the books' contents)",
                )
