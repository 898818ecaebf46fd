"""Reading the built site: each page's title, its rel=next link and the inner HTML of its article.

The HTML is read with the stdlib html.parser: MkDocs' output is regular, and only the article,
a few attributes and the ids are needed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class ExportError(Exception):
    """The export would be broken (duplicate id, dangling link, external asset): stop."""


@dataclass(frozen=True)
class Page:
    name: str  # "praise.html", relative to the site root
    title: str
    article: str  # the inner HTML of <article class="md-content__inner">, as built
    next: str | None  # href of <link rel="next">, i.e. the next page in nav order


class _PageReader(HTMLParser):
    """Collects the <title>, the rel=next link and the raw inner HTML of the content article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # keep the source text exactly as built
        self.title = ""
        self.next: str | None = None
        self._in_title = False
        self._depth = 0  # >0 while inside the article (counts nested <article>s)
        self._start: tuple[int, int] | None = None
        self.span: tuple[tuple[int, int], tuple[int, int]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "link" and a.get("rel") == "next":
            self.next = a.get("href")
        elif tag == "article":
            if self._depth == 0 and "md-content__inner" in (a.get("class") or "").split():
                self._start = self.getpos_end()
                self._depth = 1
            elif self._depth:
                self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "article" and self._depth:
            self._depth -= 1
            if self._depth == 0 and self._start is not None:
                self.span = (self._start, self.getpos())

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def getpos_end(self) -> tuple[int, int]:
        """Position just after the start tag being handled."""
        line, col = self.getpos()
        text = self.get_starttag_text() or ""
        lines = text.split("\n")
        return (line + len(lines) - 1, (col if len(lines) == 1 else 0) + len(lines[-1]))


def _offset(text: str, pos: tuple[int, int]) -> int:
    line, col = pos
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts[line - 1] + col


def read_page(site: Path, name: str) -> Page:
    text = (site / name).read_text(encoding="utf-8")
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    if reader.span is None:
        raise ExportError(f"{name}: no <article class=md-content__inner> found")
    start, end = (_offset(text, p) for p in reader.span)
    title = html.unescape(reader.title).strip()
    return Page(name, title, text[start:end], reader.next)


def nav_pages(site: Path, first: str = "index.html") -> list[Page]:
    """The pages in nav order, following each page's <link rel="next"> from the landing page."""
    pages: list[Page] = []
    name: str | None = first
    while name is not None:
        if any(p.name == name for p in pages):
            raise ExportError(f"the rel=next chain loops back to {name}")
        page = read_page(site, name)
        pages.append(page)
        name = resolve(page.name, page.next) if page.next else None
    return pages


def resolve(base: str, href: str) -> str:
    """A site-relative path for a relative href on page `base` (all pages sit in one tree)."""
    parts = base.split("/")[:-1]
    for seg in unquote(urlsplit(href).path).split("/"):
        if seg == "..":
            parts = parts[:-1]
        elif seg not in ("", "."):
            parts.append(seg)
    return "/".join(parts)
