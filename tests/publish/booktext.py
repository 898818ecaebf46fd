"""What the EPUB and the PDF must carry, read from sources other than the exports themselves:
the original's sentences (original/secret-history-part-19.txt), the built site's paragraph
numbers and its footnotes (text as the site shows it). And the normalising both sides share:
whitespace runs become one space (PDF text extraction breaks lines where the page does)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from conftest import PROJECT

ORIGINAL = PROJECT / "original" / "secret-history-part-19.txt"
# A sentence ends at . ! ? or …, with or without a closing quotation mark after it.
SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…]”))\s+")


def normalise(text: str) -> str:
    return " ".join(text.split())


def original_sentences() -> list[str]:
    paragraphs = [p for p in ORIGINAL.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return [normalise(s) for p in paragraphs for s in SENTENCE_END.split(p.strip()) if s.strip()]


def missing_sentences(text: str) -> list[str]:
    flat = normalise(text)
    return [s for s in original_sentences() if s not in flat]


@dataclass(frozen=True)
class SiteParagraph:
    page: str  # "praise.html"
    ident: str  # "p-bukharin-rosenholz"
    number: str  # "7"
    first_words: str  # the paragraph's first words after its number


@dataclass(frozen=True)
class SiteNote:
    page: str
    ident: str  # "fn:q-…"
    number: str  # as the site numbers it on its page
    text: str  # the note's text, without the back-link
    printed: str  # as paper shows it: each external link's address after its words (pdf.css)


class _SiteReader(HTMLParser):
    """Numbered paragraphs (p[id] > a.para-number) and footnotes (li[id^=fn:]) of a built page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.paragraphs: list[SiteParagraph] = []
        self.notes: list[SiteNote] = []
        self._p: tuple[str, list[str], list[str]] | None = None  # id, number parts, text parts
        self._in_number = self._in_back = False
        self._note: tuple[str, list[str]] | None = None
        self._printed: list[str] = []  # the note's text with the external links' addresses
        self._link: tuple[str, list[str]] | None = None  # an external link being read: href, words
        self._calls: list[str] = []  # footnote numbers in the order they are called
        self._in_call = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "p" and (a.get("id") or "").startswith("p-") and self._note is None:
            self._p = (a["id"] or "", [], [])
        elif tag == "a" and "para-number" in cls:
            self._in_number = True
        elif tag == "a" and "footnote-backref" in cls:
            self._in_back = True
        elif tag == "a" and self._note is not None and (a.get("href") or "").startswith("http"):
            self._link = (a.get("href") or "", [])
        elif tag == "a" and "footnote-ref" in cls:
            self._in_call = True
            self._calls.append("")
        elif tag == "li" and (a.get("id") or "").startswith("fn:"):
            self._note = (a["id"] or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            if self._link is not None:
                href, words = self._link
                if "".join(words).strip() != href:
                    self._printed.append(f" <{href}>")
                self._link = None
            self._in_number = self._in_back = self._in_call = False
        elif tag == "p" and self._p is not None and self._note is None:
            ident, number, text = self._p
            if number:
                words = " ".join(normalise("".join(text)).split()[:4])
                self.paragraphs.append(SiteParagraph(self.page, ident, "".join(number), words))
            self._p = None
        elif tag == "li" and self._note is not None:
            ident, text = self._note
            number = self._calls[len(self.notes)]
            printed = normalise("".join(self._printed))
            self.notes.append(SiteNote(self.page, ident, number, normalise("".join(text)), printed))
            self._note, self._printed = None, []

    def handle_data(self, data: str) -> None:
        if self._in_call:
            self._calls[-1] += data
        elif self._note is not None:
            if not self._in_back:
                self._note[1].append(data)
                self._printed.append(data)
            if self._link is not None:
                self._link[1].append(data)
        elif self._p is not None:
            (self._p[1] if self._in_number else self._p[2]).append(data)


def read_site_page(site: Path, page: str) -> _SiteReader:
    reader = _SiteReader(page)
    reader.feed((site / page).read_text(encoding="utf-8"))
    reader.close()
    return reader


def site_paragraphs(site: Path, pages: list[str]) -> list[SiteParagraph]:
    return [p for page in pages for p in read_site_page(site, page).paragraphs]


def site_notes(site: Path, pages: list[str]) -> list[SiteNote]:
    return [n for page in pages for n in read_site_page(site, page).notes]
