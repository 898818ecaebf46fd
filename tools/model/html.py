"""The edition's one HTML parser and writer.

Everything in tools/ that reads HTML reads it here, with tinyhtml5: an implementation of the WHATWG
HTML parsing algorithm (what browsers do), and the parser WeasyPrint uses for the print edition. It
decodes every character reference once, as a browser does (`&#0000008220;` is “), and gives an
ElementTree: HTML elements with plain tag names, SVG and MathML elements with their namespace.

`markup()` writes a tree back as text that is well-formed XML (the EPUB's XHTML) and that an HTML
parser reads the same way (the single file, WeasyPrint): & < > escaped in text, & < > " in
attributes, void elements closed, SVG with its namespace.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

import tinyhtml5
from tinyhtml5 import inputstream

SVG = "{http://www.w3.org/2000/svg}"
MATHML = "{http://www.w3.org/1998/Math/MathML}"
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
RAW_TEXT = frozenset({"script", "style"})
# Elements whose text a reader never sees as text.
UNSEEN = frozenset({"script", "style", "noscript"})
BLOCKS = frozenset(
    "html body head title address article aside blockquote dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody thead tfoot "
    "td th tr ul template label button option select textarea".split()
)


class _PatternCache(dict[Any, Any]):
    """tinyhtml5 2.1.0's cache of the patterns `chars_until` looks for never hits: its chained
    assignment (`characters = cache[(characters, opposite)] = regex`) rebinds `characters` first, so
    the pattern is stored under itself, and every call builds and looks up its pattern again (half the
    parse time on the edition's pages). This stores it under the key that missed. The patterns, and
    so the parse, are the library's own."""

    missed: Any = None

    def __missing__(self, key: Any) -> Any:
        self.missed = key
        raise KeyError(key)

    def __setitem__(self, key: Any, value: Any) -> None:
        if isinstance(key, tuple) and key and key[0] is value and self.missed is not None:
            key = self.missed
        super().__setitem__(key, value)


inputstream.characters_until_regex = _PatternCache()


def parse(html: str) -> ET.Element:
    """A whole document: the <html> element."""
    document: ET.Element = tinyhtml5.parse(html, namespace_html_elements=False)
    return document


def parse_fragment(html: str) -> ET.Element:
    """A fragment (an article's inner HTML): the <body> element that holds it."""
    body = parse("<!DOCTYPE html><html><head></head><body>" + html + "</body></html>").find("body")
    assert body is not None
    return body


MAX_DEPTH = 100  # far deeper than any page of the edition; the walkers below recurse that deep at most


def depth(root: ET.Element) -> int:
    """How deep the tree nests, counted without recursion (a hostile page can nest 100,000 deep)."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level <= MAX_DEPTH:
            stack.extend((child, level + 1) for child in node)
    return deepest


def local(tag: object) -> str:
    """The tag name without its namespace ('svg', 'path'); '' for a comment or processing instruction."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def text_of(element: ET.Element, skip: Callable[[ET.Element], bool] | None = None) -> str:
    """All the text inside `element`, in document order, without that of unseen elements (scripts,
    styles) and of those `skip` picks."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if local(node.tag) in UNSEEN or (skip is not None and skip(node)):
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def blocks(
    root: ET.Element, opaque: Callable[[ET.Element], str | None] | None = None
) -> Iterator[tuple[ET.Element, str]]:
    """Each block element with the text that is its own (inline descendants included, nested blocks
    not): the units in which a reader reads quotation marks. An element `opaque` gives a stand-in
    for counts as that stand-in, not as its text."""
    stack: list[tuple[ET.Element, list[str]]] = []

    def walk(node: ET.Element) -> Iterator[tuple[ET.Element, str]]:
        name = local(node.tag)
        if name in UNSEEN:
            return
        stand_in = opaque(node) if opaque is not None and stack else None
        if stand_in is not None:
            stack[-1][1].append(stand_in)
            return
        block = name in BLOCKS or not stack
        if block:
            stack.append((node, []))
        stack[-1][1].append(node.text or "")
        for child in node:
            yield from walk(child)
            stack[-1][1].append(child.tail or "")
        if block:
            element, texts = stack.pop()
            yield element, "".join(texts)

    yield from walk(root)


def escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    return escape_text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def markup(element: ET.Element, *, inner: bool = False) -> str:
    """The element (or, with `inner`, its content) as XHTML-compatible HTML text."""
    out: list[str] = []

    def write(node: ET.Element) -> None:
        name = local(node.tag)
        if not name:
            out.append(escape_text(node.tail or ""))
            return
        attributes = "".join(f' {local(k)}="{escape_attribute(v)}"' for k, v in node.attrib.items())
        if name == "svg" and not any(local(key) == "xmlns" for key in node.attrib):  # once, parsed or not
            attributes = f' xmlns="{SVG[1:-1]}"' + attributes
        if (
            name in VOID
            and isinstance(node.tag, str)
            and not node.tag.startswith("{")
            and not len(node)
            and not node.text
        ):
            out.append(f"<{name}{attributes} />")
        else:
            out.append(f"<{name}{attributes}>")
            content(node)
            out.append(f"</{name}>")
        out.append(escape_text(node.tail or ""))

    def content(node: ET.Element) -> None:
        out.append(escape_text(node.text or "") if local(node.tag) not in RAW_TEXT else (node.text or ""))
        for child in node:
            write(child)

    if inner:
        content(element)
    else:
        tail, element.tail = element.tail, None
        write(element)
        element.tail = tail
    return "".join(out)
