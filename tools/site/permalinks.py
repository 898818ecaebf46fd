"""Visible, stable permalinks in the chapter: a paragraph number that links to the paragraph,
and a "¶" after each quotation that links to the quotation. Plain links, so they work with
JavaScript off; edition.js adds copy-link buttons on top.

A Python-Markdown tree processor, active only on chapter pages (the hook sets `numbers`).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .common import SEARCH_EXCLUDE


class PermalinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: PermalinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if not self.extension.active:
            return
        for paragraph in root.findall("p"):
            ident = paragraph.get("id", "")
            number = self.extension.numbers.get(ident)
            if number is not None:
                paragraph.insert(0, paragraph_link(ident, number, paragraph.text))
                paragraph.text = None
            for child in list(paragraph):
                if child.tag == "span" and child.get("id", "").startswith("q-"):
                    add_quotation_link(paragraph, child)
        # Footnote numbers and the notes themselves are not the chapter's words: a search snippet
        # that starts "8The defense…5¶" helps no one, and the notes are on the quotations page.
        for element in root.iter():
            if (element.tag == "sup" and element.get("id", "").startswith("fnref:")) or (
                element.tag == "div" and "footnote" in element.get("class", "").split()
            ):
                element.set(*SEARCH_EXCLUDE)


def paragraph_link(ident: str, number: int, following_text: str | None) -> etree.Element:
    link = etree.Element(
        "a",
        {
            "class": "permalink para-number",
            "href": f"#{ident}",
            "aria-label": f"Paragraph {number}: link to this paragraph",
            SEARCH_EXCLUDE[0]: SEARCH_EXCLUDE[1],
        },
    )
    link.text = str(number)
    link.tail = following_text
    return link


def add_quotation_link(paragraph: etree.Element, quotation: etree.Element) -> None:
    """Put the link after the quotation's footnote number (or after the quotation if none)."""
    children = list(paragraph)
    position = children.index(quotation) + 1
    follower = children[position] if position < len(children) else None
    if follower is not None and follower.tag == "sup" and follower.get("id") == f"fnref:{quotation.get('id')}":
        anchor_after = children[position]
        position += 1
    else:
        anchor_after = quotation
    link = etree.Element(
        "a",
        {
            "class": "permalink quote-link",
            "href": f"#{quotation.get('id')}",
            "aria-label": "Link to this quotation",
            "title": "Link to this quotation",
            SEARCH_EXCLUDE[0]: SEARCH_EXCLUDE[1],
        },
    )
    link.text = "¶"
    link.tail = anchor_after.tail
    anchor_after.tail = None
    paragraph.insert(position, link)


class PermalinkExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.numbers: dict[str, int] = {}  # paragraph id -> number in the chapter
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:
        # After the name links (1); before MkDocs' link rewriting (0) is irrelevant: hrefs are in-page.
        md.treeprocessors.register(PermalinkTreeprocessor(md, self), "edition-permalinks", 0.5)
