"""Where the chapter uses the source list's entries: which page holds each quotation, how each
person is spelled and where, paragraph numbers, and the sections. Computed once per build from
the parsed pages; the generated pages read it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.inline import plain_text
from ..model.names import name_pattern, spellings
from ..model.pages import Page, chapter_wordings, marked_quotations, paragraph_numbers
from ..model.records import SourceList


@dataclass
class Usage:
    """Where the chapter uses the source list's entries (computed from the parsed pages)."""

    quotation_page: dict[str, str] = field(default_factory=dict)  # quotation id -> page name
    forms: dict[str, list[str]] = field(default_factory=dict)  # person id -> spellings in the chapter
    named_in: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # person -> [(page, paragraph id)]
    note_page: dict[str, str] = field(default_factory=dict)  # note id -> page name
    paragraph_number: dict[str, int] = field(default_factory=dict)  # paragraph id -> 1-based number in chapter
    quotation_paragraph: dict[str, int] = field(default_factory=dict)  # quotation id -> paragraph number
    wording: dict[str, str] = field(default_factory=dict)  # quotation id -> the chapter's exact words
    sections: list[Section] = field(default_factory=list)
    title: str | None = None  # the chapter's own title: its first heading that is not the editors'


@dataclass(frozen=True)
class Section:
    page: str
    anchor: str
    title: str
    first: int  # paragraph numbers
    last: int
    editors_heading: bool = True  # the heading is the editors' words, not the author's


def usage(pages: list[Page], sources: SourceList) -> Usage:
    found = Usage()
    forms, pattern = spellings(sources), name_pattern(sources)
    paragraph_page: dict[str, str] = {}
    numbers = paragraph_numbers(pages)
    number = 0
    for page in pages:
        headings = [b for b in page.blocks if b.kind == "heading"]
        heading = next((h for h in headings if "editor-heading" in h.classes), headings[0] if headings else None)
        if found.title is None:
            found.title = next((h.text for h in headings if "editor-heading" not in h.classes), None)
        first = number + 1
        for block in page.paragraphs:
            number = numbers[(page.name, block.start)]
            if block.id:
                paragraph_page[block.id] = page.name
                found.paragraph_number[block.id] = number
            for mark in marked_quotations(block):
                found.quotation_page.setdefault(mark.id, page.name)
                found.quotation_paragraph.setdefault(mark.id, number)
            for match in pattern.finditer(plain_text(block.text)) if pattern else ():
                person = forms[match.group()]
                written = found.forms.setdefault(person, [])
                if match.group() not in written:
                    written.append(match.group())
                places = found.named_in.setdefault(person, [])
                if block.id and (page.name, block.id) not in places:
                    places.append((page.name, block.id))
        if heading is not None:
            editors = "editor-heading" in heading.classes
            found.sections.append(Section(page.name, heading.id or "", heading.text, first, number, editors))
    found.wording = chapter_wordings(pages)
    for note in sources.notes.values():
        if note.paragraph in paragraph_page:
            found.note_page[note.id] = paragraph_page[note.paragraph]
    return found


def chapter_link(page: str | None, anchor: str) -> str:
    return f"{page}#{anchor}" if page else ""
