"""The built pages as clean XHTML trees: what the EPUB (epub.py) and the print edition (pdf.py)
are made of.

Each built page's article (builtpages.nav_pages, in nav order) goes through the same allowlist
as the single file (sanitize.Sanitizer) and is parsed into an ElementTree; the site's controls
come out (section permalinks, the quotations' "¶" links, buttons, scripts);
links between pages are rewritten by the caller's rule, and links to anything that is not a page
of the book go to the published address. `markup()` writes a tree back as text that is
well-formed XML (EPUB's XHTML) and that an HTML parser reads the same way (WeasyPrint).

The chapter's words pass through unchanged: the parser decodes each character reference once,
and the writer escapes only &, < and > (and " in attributes). Anything the books cannot carry
faithfully (a request for an image, a tag that does not close, a character XML forbids) stops
the export with an ExportError instead of being dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from ..model.escape import markup_attr, markup_text
from .builtpages import ExportError, nav_pages, resolve
from .sanitize import DROP_WITH_CONTENT, VOID, Sanitizer
from .singlefile import SiteMeta, page_anchor, page_title

# "Read offline" is about the downloads themselves: it has no place inside one.
ONLINE_ONLY = frozenset({"offline.html"})
# Site controls that mean nothing on paper or in a reading system.
CONTROLS = frozenset({"headerlink", "quote-link", "md-button"})
# A link may leave the book for these; javascript:, data:, file: … would run or open something.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
SVG_NS = "http://www.w3.org/2000/svg"
# html.parser lowercases attribute names; these SVG ones are case-sensitive in XML.
SVG_ATTRIBUTES = {
    name.lower(): name
    for name in ("viewBox", "preserveAspectRatio", "gradientTransform", "gradientUnits", "patternUnits", "textLength")
}
# Characters XML 1.0 does not allow (C0 controls other than tab, newline and carriage return).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# How a link to a page of the book is written: (page, fragment or "") -> href.
Linker = Callable[[str, str], str]


@dataclass(frozen=True)
class BookPage:
    name: str  # "praise.html", the built page it comes from
    title: str  # "Praise in the courtroom"
    body: ET.Element  # <section class="page" id="page-praise">: the cleaned article


class _Builder(HTMLParser):
    """MkDocs' article HTML as an ElementTree, refusing markup that does not nest."""

    def __init__(self, here: str) -> None:
        super().__init__(convert_charrefs=True)
        self.here = here
        self.root = ET.Element("section")
        self.stack = [self.root]

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str]:
        in_svg = tag == "svg" or any(e.tag == "svg" for e in self.stack)
        out = {}
        for key, value in attrs:
            if key.startswith("on"):
                continue  # no inline handlers, as in the single file
            out[SVG_ATTRIBUTES.get(key, key) if in_svg else key] = key if value is None else value
        if tag == "svg":
            out["xmlns"] = SVG_NS  # XHTML needs it; HTML accepts it when it is this value
        return out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = ET.SubElement(self.stack[-1], tag, self._attributes(tag, attrs))
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ET.SubElement(self.stack[-1], tag, self._attributes(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if len(self.stack) < 2 or self.stack[-1].tag != tag:
            line, col = self.getpos()
            raise ExportError(f"{self.here}: </{tag}> at {line}:{col} closes <{self.stack[-1].tag}>")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def parse(article: str, here: str) -> ET.Element:
    """An article's inner HTML as a tree under one <section>."""
    builder = _Builder(here)
    builder.feed(article)
    builder.close()
    if len(builder.stack) != 1:
        raise ExportError(f"{here}: <{builder.stack[-1].tag}> is never closed")
    return builder.root


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def remove(element: ET.Element, parent: ET.Element) -> None:
    """Take an element out, keeping the text that follows it."""
    index = list(parent).index(element)
    if element.tail:
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def unwrap(element: ET.Element, parent: ET.Element) -> None:
    """Replace an element by its content (a link to nowhere becomes its text)."""
    index = list(parent).index(element)
    holder = ET.Element("span")
    holder.text = element.text
    holder.extend(list(element))
    if len(holder):
        holder[-1].tail = (holder[-1].tail or "") + (element.tail or "")
    else:
        holder.text = (holder.text or "") + (element.tail or "")
    # Put the content where the element was: the text joins what comes before it.
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + (holder.text or "")
    else:
        parent.text = (parent.text or "") + (holder.text or "")
    parent.remove(element)
    for offset, child in enumerate(list(holder)):
        parent.insert(index + offset, child)


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def fetches(tag: str, key: str, value: str) -> bool:
    """Would a reading system or WeasyPrint load something for this attribute? (An href is a
    link only on <a>; on an SVG <image> or <use>, or as xlink:href, it loads its target.)"""
    if key in ("src", "srcset", "poster", "data", "xlink:href") or (key == "href" and tag != "a"):
        return True
    return key == "style" and bool(re.search(r"url\(|@import|image-set\(", value, re.IGNORECASE))


def clean(root: ET.Element, here: str) -> None:
    """Take out scripts and the site's controls; refuse requests and characters XML forbids."""
    up = parents(root)
    for element in list(root.iter()):
        if element is not root and (element.tag in DROP_WITH_CONTENT or classes(element) & CONTROLS):
            remove(element, up[element])
    for element in list(root.iter("p")):
        if not len(element) and not (element.text or "").strip() and "id" not in element.attrib:
            remove(element, up[element])  # a paragraph that held only buttons
    for heading in [e for e in root.iter() if "editor-heading" in classes(e)]:
        # The site marks the editors' headings with CSS; a reading system may ignore a book's
        # CSS, so in the books the mark is text.
        mark = ET.SubElement(heading, "span", {"class": "editor-mark"})
        mark.text = " (editor’s heading)"
    for element in root.iter():
        for key, value in element.attrib.items():
            if fetches(element.tag, key, value):
                raise ExportError(f"{here}: <{element.tag} {key}={value!r}> would be a request")
        for text in (element.text, element.tail, *element.attrib.values()):
            if text and NOT_XML.search(text):
                raise ExportError(f"{here}: a character XML does not allow, in <{element.tag}>")


def relink(root: ET.Element, here: str, pages: frozenset[str], link: Linker, site_url: str | None) -> None:
    """Links to a page of the book follow `link`; links to other files of the site go to the
    published address (or become plain text when there is none); external links stay."""
    up = parents(root)
    for element in list(root.iter()):
        href = element.get("href")
        if href is None:
            continue
        parts = urlsplit(href)
        if parts.scheme and parts.scheme.lower() not in LINK_SCHEMES:
            raise ExportError(f"{here}: a link to {href!r}: only http, https and mailto links may leave the book")
        if parts.scheme or href.startswith("//") or not parts.path:
            continue  # http(s):, mailto:, or "#id" on the same page
        target = resolve(here, href)
        if target in pages:
            element.set("href", link(target, parts.fragment))
        elif site_url:
            element.set("href", site_url.rstrip("/") + "/" + target + (f"#{parts.fragment}" if parts.fragment else ""))
        else:
            unwrap(element, up[element])


def allowed(article: str) -> str:
    """The article through the single file's allowlist (sanitize.py): only listed elements and
    attributes, only http(s), relative and in-page addresses; the checks here come after it."""
    sanitizer = Sanitizer()
    sanitizer.feed(article)
    sanitizer.close()
    return "".join(sanitizer.out)


def book_pages(site: Path, meta: SiteMeta, link: Linker) -> list[BookPage]:
    """The built site's pages in nav order (less ONLINE_ONLY), cleaned and relinked."""
    pages = [p for p in nav_pages(site) if p.name not in ONLINE_ONLY]
    names = frozenset(p.name for p in pages)
    out = []
    for page in pages:
        root = parse(allowed(page.article), page.name)
        clean(root, page.name)
        relink(root, page.name, names, link, meta.url)
        root.attrib.update({"class": "page", "id": page_anchor(page.name)})
        root.text = "\n"
        out.append(BookPage(page.name, page_title(page.title, meta.name), root))
    return out


# ---------------------------------------------------------------------- the footnotes


@dataclass(frozen=True)
class Note:
    ident: str  # "fn:q-bukharin-hope-of-mankind"
    number: str  # as the site numbers it on the page
    call: ET.Element  # <sup id="fnref:…"><a class="footnote-ref" href="#fn:…">3</a></sup>
    item: ET.Element  # <li id="fn:…"><p>…<a class="footnote-backref">↩</a></p></li>


def take_notes(root: ET.Element, here: str) -> list[Note]:
    """The page's footnotes in reading order; their list (div.footnote) is taken out of the tree."""
    up = parents(root)
    items: dict[str, ET.Element] = {}
    for block in [e for e in root.iter("div") if "footnote" in classes(e)]:
        items.update((li.get("id", ""), li) for li in block.iter("li"))
        remove(block, up[block])
    notes = []
    for sup in root.iter("sup"):
        ref = sup.find("a")
        if ref is None or "footnote-ref" not in classes(ref):
            continue
        ident = ref.get("href", "").removeprefix("#")
        if ident not in items:
            raise ExportError(f"{here}: footnote call {ident!r} has no footnote")
        notes.append(Note(ident, text_of(ref), sup, items.pop(ident)))
    if items:
        raise ExportError(f"{here}: footnotes never called: {', '.join(sorted(items))}")
    return notes


# ------------------------------------------------------------------------- writing


def markup(element: ET.Element) -> str:
    """The tree as text that is both well-formed XML and read identically as HTML."""
    out: list[str] = []
    _write(element, out)
    return "".join(out)


def _write(element: ET.Element, out: list[str]) -> None:
    attrs = "".join(f' {key}="{markup_attr(value)}"' for key, value in element.attrib.items())
    if element.tag in VOID:
        if len(element) or element.text:
            raise ExportError(f"<{element.tag}> cannot have content")
        out.append(f"<{element.tag}{attrs}/>")
    else:
        out.append(f"<{element.tag}{attrs}>")
        if element.text:
            out.append(markup_text(element.text))
        for child in element:
            _write(child, out)
        out.append(f"</{element.tag}>")
    if element.tail:
        out.append(markup_text(element.tail))
