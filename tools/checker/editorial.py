"""The editors' own pages (docs/index.md, docs/offline.md, …): their words are theirs, but what they
put in quotation marks must be the chapter's words, and nothing on them may run or load anything.
Every Markdown page under docs/ is a chapter page or a declared editorial page."""

from __future__ import annotations

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
MARKDOWN_LINK = re.compile(r"(?P<image>!?)\[[^\[\]\n]{0,500}\]\((?P<url>[^()\s]{0,2000})")
CODE = re.compile(r"`[^`\n]{0,2000}`")
ATTR_LIST = re.compile(r"\{:?(?P<body>[^{}\n]{0,500})\}")
# Elements and attributes an editorial page may use: text structure and links, nothing that runs,
# loads, embeds, styles or submits anything.
TAGS = frozenset("a abbr b br code dd div dl dt em i kbd li ol p small span strong sub sup ul".split())
ATTRIBUTES = frozenset("href id class title lang download markdown aria-label aria-hidden".split())
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


def check_editorial(page: Page, sources: SourceList, chapter_words: str) -> Iterator[Finding]:
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
    for quotation in prose.not_the_chapters(page.text, chapter_words):
        yield at(
            page,
            quotation.offset,
            "editorial-quote",
            f"“{shorten(quotation.text, 60)}” is presented as a quotation but is not the chapter's words: quote "
            "the chapter exactly, or say it in the editors' own words without quotation marks or a blockquote",
        )
    yield from _html(page, COMMENT.sub(_blank, page.text))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _html(page: Page, text: str) -> Iterator[Finding]:
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
            problem = _attribute_problem(attribute.group("name").lower(), (attribute.group("value") or "").strip("\"'"))
            if problem:
                yield at(page, tag.start(), "editorial-html", f"<{name} {attribute.group('name')}…>: {problem}")
    for link in MARKDOWN_LINK.finditer(text):
        url = link.group("url")
        if link.group("image") and _scheme(url):
            yield at(page, link.start(), "editorial-html", f"the image {url!r} would be fetched from another site")
        elif not _url_ok(url):
            yield at(
                page,
                link.start(),
                "editorial-html",
                f"the link {url!r} is not an https:, http: or site-relative address",
            )
    for attrs in ATTR_LIST.finditer(text):
        if "=" in attrs.group("body"):
            yield at(
                page,
                attrs.start(),
                "editorial-html",
                "an attribute list may give ids and classes only, not attributes with values",
            )


def _attribute_problem(name: str, value: str) -> str:
    if name not in ATTRIBUTES:
        return f"the attribute {name!r} is not allowed (allowed: {', '.join(sorted(ATTRIBUTES))})"
    if name == "href" and not _url_ok(value):
        return f"the link {value!r} is not an https:, http: or site-relative address"
    return ""


def _scheme(url: str) -> str:
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url.strip())
    return match.group(1).lower() + ":" if match else ""


def _url_ok(url: str) -> bool:
    scheme = _scheme(url)
    return (scheme in SCHEMES or not scheme) and not url.strip().startswith("//") and not re.search(r"[\x00-\x20]", url)
