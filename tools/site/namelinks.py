"""Name links: every name in the chapter, under any spelling, links to its person entry with a
tooltip — without changing a character of the chapter (the link wraps the word as written).

A Python-Markdown tree processor, so it works on parsed elements and can never break footnote
or attribute syntax. It runs only while `active` is set (the hook sets it for chapter pages).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..model.escape import html_attr, plain
from ..model.formats import life_years
from ..model.names import name_pattern, spellings
from ..model.records import Person, SourceList

SKIP_TAGS = {"a", "code", "pre", "sup", "script", "style"}


def tooltip(person: Person, form: str) -> str:
    """'Velicki = Andrey Yanuaryevich Vyshinsky (1883–1954), Procurator of …' (unknown dates say so)."""
    years = life_years(person)
    spelled = f"{form} = " if form != person.name else ""
    return plain(f"{spelled}{person.name} ({years}), {person.role}")


def title_attribute(text: str) -> str:
    """The `title` of a name link, as ElementTree must be given it.

    Material's content.tooltips puts a title into its tooltip with innerHTML, so the title's
    value is HTML: the text with & < > escaped (quotes need no escaping in HTML text, and left
    alone they read right in the browser's own tooltip when JavaScript is off). And that is
    escaped once more as an attribute before ElementTree gets it, because Python-Markdown's
    serialiser leaves anything that looks like an entity (`&lt;`) as it is. (plain() has already
    replaced any control character, so no Python-Markdown placeholder, STX … ETX, gets through.)"""
    return html_attr(html.escape(text, quote=False))


class NameLinker(Treeprocessor):
    def __init__(self, md: Markdown, extension: NameLinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        sources = self.extension.sources
        if not self.extension.active or sources is None:
            return
        by_form = spellings(sources)
        forms = {form: sources.people[person_id] for form, person_id in by_form.items()}
        pattern = name_pattern(sources)
        if pattern is None:
            return
        # Only the chapter's own paragraphs: not footnotes (a div) nor editorial notes (asides).
        for paragraph in root.findall("p"):
            self._link(paragraph, pattern, forms)

    def _link(self, element: etree.Element, pattern: re.Pattern[str], forms: dict[str, Person]) -> None:
        """Wrap names in element.text and in each child's tail, recursing into inline children."""
        for child in list(element):
            if child.tag not in SKIP_TAGS:
                self._link(child, pattern, forms)
        if element.text:
            new = self._split(element.text, pattern, forms)
            if new:
                element.text = new[0]
                for index, link in enumerate(new[1]):
                    element.insert(index, link)
        for child in list(element):
            if child.tail:
                new = self._split(child.tail, pattern, forms)
                if new:
                    child.tail = new[0]
                    position = list(element).index(child) + 1
                    for offset, link in enumerate(new[1]):
                        element.insert(position + offset, link)

    def _split(
        self, text: str, pattern: re.Pattern[str], forms: dict[str, Person]
    ) -> tuple[str, list[etree.Element]] | None:
        pieces = pattern.split(text)
        if len(pieces) == 1:
            return None
        links: list[etree.Element] = []
        for index in range(1, len(pieces), 2):
            form = pieces[index]
            person = forms[form]
            link = etree.Element(
                "a",
                {
                    "class": "person",
                    "href": f"{self.extension.people_page}#{person.id}",
                    "title": title_attribute(tooltip(person, form)),
                },
            )
            link.text = form
            link.tail = pieces[index + 1]
            links.append(link)
        return pieces[0], links


class NameLinkExtension(Extension):
    def __init__(self, people_page: str = "people.md") -> None:
        super().__init__()
        self.people_page = people_page
        self.sources: SourceList | None = None
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline parsing (20) and attr_list (8); before MkDocs rewrites and checks links (0).
        md.treeprocessors.register(NameLinker(md, self), "edition-names", 1)
