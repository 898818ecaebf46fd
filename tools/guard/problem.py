"""What the guard finds, before it is a finding: a problem with the words it is about, and the words
around it by which it is found in the input; and what pages may say, from the checked model."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model.findings import Rule
from ..model.html import text_of
from ..model.quotes import Corpus

Lines = tuple[str, ...]  # the beginnings of a text's first lines, to find it by in the input


@dataclass(frozen=True)
class Problem:
    rule: Rule
    message: str
    text: str  # the words or markup the problem is about: used to find its place in the input
    near: Lines = ()  # words around it, where the input does not spell `text` as it is

    def offset_in(self, source: str, find: Callable[[str], int] | None = None) -> int:
        """Where in its input (a page's Markdown, the source list) the problem stands, or -1: its
        words, else the first words around it that the input spells as they are shown. `find` is
        `source.find`, or one that answers as it does (the checker's, for many problems on a page)."""
        find = source.find if find is None else find
        return next((at for needle in self.needles() if (at := find(needle)) >= 0), -1)

    def needles(self) -> Iterator[str]:
        """Every string `offset_in` looks for, in order."""
        for needle in (self.text[:40], " ".join(self.text.split())[:40], *self.near):
            if needle.strip():
                yield needle
                if ".html" in needle:  # a link as the page's Markdown writes it
                    yield needle.replace(".html", ".md")


def near(element: ET.Element, parent: dict[ET.Element, ET.Element], read: dict[ET.Element, Lines]) -> Lines:
    """The first lines of words in or around an element (itself, else its nearest ancestor with
    words): where a problem with markup that the input does not spell literally is reported. `read`
    keeps each element's: many wordless problems would read the whole page, their ancestor, once each."""
    node: ET.Element | None = element
    while node is not None:
        read[node] = read[node] if node in read else first_lines(text_of(node))
        if read[node]:
            return read[node]
        node = parent.get(node)
    return ()


def first_lines(words: str) -> Lines:
    """The beginnings of the first lines of some words that are long enough to find in the input."""
    lines = [" ".join(line.split()) for line in words.split("\n")]
    return tuple(line[:30] for line in lines if len(line) >= 4)[:3]


@dataclass(frozen=True)
class Allowed:
    """What pages may say, from the checked model."""

    corpus: Corpus
    paragraphs: dict[str, str]  # chapter paragraph id -> its exact text
    contact: str | None = None
    titles: frozenset[str] = frozenset()  # the sections' titles (`core`), which a citation quotes
    site_url: str = ""  # the published address: an editors' page may link to it, and within the site
    languages: frozenset[str] = frozenset()  # what a `lang` may say: the source list's policy.languages
    language: str | None = None  # the page's own (its <html lang>), which its parts are read in unless they say
