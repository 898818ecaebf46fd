"""The editors' own pages (docs/index.md, docs/offline.md, …): their words are theirs, but what they
put in quotation marks must be the chapter's words, and nothing on them may run or load anything.
Every Markdown page under docs/ is a chapter page or a declared editorial page."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from ..model.findings import Finding
from ..model.formats import shorten
from ..model.pages import Page
from ..model.records import SourceList
from . import prose
from .common import at

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
ENTRY_MARKER = re.compile(r"<!-- (?P<kind>person|work): (?P<id>[^\s>]{1,100}) -->")
TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]{0,30})(?P<attrs>[^<>]{0,2000})>")
AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]{1,2000}>")
ATTRIBUTE = re.compile(r"""(?P<name>[^\s=/>"']+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'>]+))?""")
# The end of an inline link or image, `](url "title")`, whatever its text holds (nested brackets too).
LINK_TAIL = re.compile(
    r"\]\([ \t]*\n?[ \t]*(?P<url><[^<>\n]{0,2000}>|[^()\s]{0,2000})"
    r"(?P<title>[ \t]*\n?[ \t]*(?:\"[^\"]{0,2000}\"|'[^']{0,2000}'|\([^()]{0,2000}\)))?"
)
# An image, inline or by reference; its text may hold one level of brackets.
IMAGE = re.compile(
    r"!\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]{0,500}\]){0,500})\](?:\((?P<url>[^()\s]{0,2000})|\[(?P<label>[^\[\]\n]{0,500})\])?"
)
# A link reference definition, `[label]: url "title"` (Python-Markdown's shape; not a footnote's `[^x]:`).
REFERENCE = re.compile(
    r"^[ ]{0,3}\[(?P<label>[^\^\[\]\n][^\[\]\n]{0,500})\]:[ \t]*\n?[ \t]*(?P<url><[^<>\n]{0,2000}>|\S{1,2000})"
    r"(?P<title>[ \t]*\n?[ \t]*(?:\"[^\"\n]{0,2000}\"|'[^'\n]{0,2000}'|\([^()\n]{0,2000}\)))?",
    re.MULTILINE,
)
ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[(?P<abbr>[^\]\n]{1,500})\]:", re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
FRONT_KEY = re.compile(r"^(?P<key>[^\s:#][^:\n]*):[ \t]*(?P<value>.*)$", re.MULTILINE)
# What a browser ignores in an address before reading its scheme: tabs and line breaks anywhere,
# control characters and spaces at the start (so `java&#9;script:` is `javascript:`).
URL_NOISE = re.compile(r"[\t\n\r]|^[\x00-\x20]+")
CODE = re.compile(r"`[^`\n]{0,2000}`")
ATTR_LIST = re.compile(r"\{:?(?P<body>[^{}\n]{0,500})\}")
# Elements and attributes an editorial page may use: text structure and links, nothing that runs,
# loads, embeds, styles or submits anything.
TAGS = frozenset("a abbr b br code dd div dl dt em i kbd li ol p small span strong sub sup ul".split())
ATTRIBUTES = frozenset("href id class lang download markdown aria-label aria-hidden".split())
# The classes an editorial page may give (in `class="…"` or `{ .… }`): a theme class such as
# `admonition quote` would frame the editors' words as a quotation box. A new one is added here.
CLASSES = frozenset("md-button md-button--primary downloads".split())
SCHEMES = ("https:", "http:", "mailto:")


def undeclared_pages(docs: Path, sources: SourceList, shown: str) -> Iterator[Finding]:
    """Every Markdown file under docs/ is a chapter page or a declared editorial page."""
    declared = set(sources.pages) | set(sources.editorial)
    if not docs.is_dir():
        return
    for path in sorted(docs.rglob("*.md")):
        name = path.relative_to(docs).as_posix()
        if name not in declared:
            yield Finding(
                f"{shown}/{name}",
                1,
                1,
                "page-undeclared",
                f"a Markdown page that is neither a chapter page nor declared editorial: list it under "
                f"edition: editorial in {sources.path}, or remove it",
            )


def check_editorial(page: Page, sources: SourceList, chapter: prose.ChapterWords) -> Iterator[Finding]:
    """One editorial page: its entry markers, its quotation marks and its HTML."""
    for marker in ENTRY_MARKER.finditer(page.text):
        table = sources.people if marker.group("kind") == "person" else sources.works
        if marker.group("id") not in table:
            yield at(
                page,
                marker.start(),
                "entry-unknown",
                f"the page asks for {marker.group('kind')} '{marker.group('id')}', which is not in {sources.path}",
            )
    for quotation in prose.not_the_chapters(page.text, chapter):
        yield at(
            page,
            quotation.offset,
            "editorial-quote",
            f"“{shorten(quotation.text, 60)}” is presented as a quotation but is not the chapter's words: quote "
            "the chapter exactly (a word alone only if it is a name's spelling or a declared scare quote), or say "
            "it in the editors' own words without quotation marks or a blockquote",
        )
    yield from _html(page, COMMENT.sub(_blank, page.text))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _html(page: Page, text: str) -> Iterator[Finding]:
    """Raw HTML, links, images, titles and front matter (what Python-Markdown turns into
    attributes): nothing that runs, loads, or comes back as HTML in a tooltip. Addresses are read
    as a browser reads them, after decoding character references (`&#106;avascript:`)."""
    autolinks = {m.start() for m in AUTOLINK.finditer(text)}
    for tag in TAG.finditer(text):
        if tag.start() in autolinks:
            continue
        name = tag.group("name").lower()
        if name not in TAGS:
            yield at(
                page,
                tag.start(),
                "editorial-html",
                f"<{name}> is not allowed on an editorial page (allowed: {', '.join(sorted(TAGS))})",
            )
            continue
        for attribute in ATTRIBUTE.finditer(tag.group("attrs")):
            attr = attribute.group("name").lower()
            if attr == "title":
                yield at(page, tag.start(), "editorial-title", f"<{name} title=…>: {TITLE_PROBLEM}")
                continue
            value = attribute.group("value") or ""
            value = value[1:-1] if value[:1] in "\"'" and value[:1] == value[-1:] and len(value) > 1 else value
            problem = _attribute_problem(attr, value)
            if problem:
                yield at(page, tag.start(), "editorial-html", f"<{name} {attribute.group('name')}…>: {problem}")
    yield from _links(page, text)
    for attrs in ATTR_LIST.finditer(text):
        if "=" in attrs.group("body"):
            yield at(
                page,
                attrs.start(),
                "editorial-html",
                "an attribute list may give ids and classes only, not attributes with values",
            )
        classes = " ".join(word[1:] for word in attrs.group("body").split() if word.startswith("."))
        if problem := _attribute_problem("class", classes):
            yield at(page, attrs.start(), "editorial-html", f"an attribute list: {problem}")
    yield from _front_matter(page, text)


TITLE_PROBLEM = (
    "the theme shows a title as a tooltip, and reads it back as HTML (`&lt;img onerror=…&gt;` becomes a live "
    "element); say it in the text instead"
)


def _links(page: Page, text: str) -> Iterator[Finding]:
    """Inline links and images, link reference definitions and abbreviations."""
    for link in LINK_TAIL.finditer(text):
        url = link.group("url").strip("<>")
        if not _url_ok(url):
            yield at(page, link.start(), "editorial-html", f"the link {url!r} {URL_PROBLEM}")
        if link.group("title"):
            yield at(page, link.start("title"), "editorial-title", f"a link title: {TITLE_PROBLEM}")
    definitions: dict[str, str] = {}
    for definition in REFERENCE.finditer(text):
        url = definition.group("url").strip("<>")
        definitions[" ".join(definition.group("label").lower().split())] = url
        if not _url_ok(url):
            yield at(page, definition.start("url"), "editorial-html", f"the link {url!r} {URL_PROBLEM}")
        if definition.group("title"):
            yield at(page, definition.start("title"), "editorial-title", f"a link title: {TITLE_PROBLEM}")
    for image in IMAGE.finditer(text):
        label = " ".join((image.group("label") or image.group("text")).lower().split())
        url = image.group("url") if image.group("url") is not None else definitions.get(label, "")
        if _scheme(url) or _decoded(url).startswith("//"):
            yield at(page, image.start(), "editorial-html", f"the image {url!r} would be fetched from another site")
    for abbreviation in ABBREVIATION.finditer(text):
        yield at(
            page,
            abbreviation.start(),
            "editorial-title",
            f"an abbreviation's definition becomes a title: {TITLE_PROBLEM}",
        )


def _front_matter(page: Page, text: str) -> Iterator[Finding]:
    """Front matter: the theme prints `title`, `description` and `author` into the page's head as
    they are, and other keys change how it renders the page; only a plain `title` is allowed."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return
    for entry in FRONT_KEY.finditer(match.group("body")):
        offset = match.start("body") + entry.start()
        if entry.group("key").strip() != "title":
            yield at(page, offset, "editorial-html", f"front matter may give only a title, not {entry.group('key')!r}")
        elif re.search(r"[<>\"&\x00-\x1f]", entry.group("value")):
            yield at(
                page, offset, "editorial-html", 'the front matter title may not hold < > " or &: it is printed as HTML'
            )


URL_PROBLEM = "is not an https:, http:, mailto: or site-relative address (read as a browser reads it)"


def _attribute_problem(name: str, value: str) -> str:
    if name not in ATTRIBUTES:
        return f"the attribute {name!r} is not allowed (allowed: {', '.join(sorted(ATTRIBUTES))})"
    if name == "href" and not _url_ok(value):
        return f"the link {value!r} {URL_PROBLEM}"
    if name == "class" and (unknown := sorted(set(value.split()) - CLASSES)):
        return f"the class {unknown[0]!r} is not one an editorial page may give (allowed: {', '.join(sorted(CLASSES))})"
    return ""


def _decoded(url: str) -> str:
    """The address as a browser reads it: character references decoded, ignored characters dropped."""
    return URL_NOISE.sub("", html.unescape(url))


def _scheme(url: str) -> str:
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", _decoded(url))
    return match.group(1).lower() + ":" if match else ""


def _url_ok(url: str) -> bool:
    decoded = _decoded(url)
    scheme = _scheme(url)
    return (scheme in SCHEMES or not scheme) and not decoded.startswith("//") and not re.search(r"[\x00-\x20]", url)
