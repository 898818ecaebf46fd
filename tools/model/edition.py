"""What the checker hands on: the source list and the chapter, checked against each other, and where
the site is published. Everything the site and the exports make is a function of these."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import re2

from .chapter import Chapter, Heading, Placed
from .quotes import Corpus, corpus_of
from .readings import passages_read
from .sourcelist import Citation, Note, Quotation, SourceList


@dataclass(frozen=True)
class Site:
    url: str  # the published address, ending in "/"
    offline: bool = False  # the build for the offline copies (zip, single file, books)
    contact: str | None = None  # where readers report a problem: mailto: or an issue tracker
    preview: bool = False  # `serve`'s local preview, never published: its server injects a script


# What an editors' page may write for the build to fill in (tools/site/prepare.py), and nothing else
# of HTML: the text for one edition only (online or offline), and the generated parts.
SURNAME = re2.compile(r"\p{L}+(?:-\p{L}+)*")
DOWNLOADS_MARKER = "<!-- downloads -->"  # where the list of the offline files goes ("Read offline")
MARKERS = ("<!-- status-legend -->", "<!-- status-counts -->", "<!-- reading-time -->", DOWNLOADS_MARKER)
VARIANTS = ("<!-- online edition -->", "<!-- offline edition -->", "<!-- end -->")


@dataclass(frozen=True, eq=False)  # compared (and cached) by identity: one per check
class Checked:
    sources: SourceList
    chapter: Chapter
    editorial: dict[str, str]  # the editors' own pages (docs/index.md …) by name, as written

    @cached_property
    def corpus(self) -> Corpus:
        return allowed_quotations(self.sources, self.chapter)

    @cached_property
    def offers_downloads(self) -> frozenset[str]:
        """The editors' pages that offer the offline files ("Read offline": those with the downloads
        marker), by their built names. The books leave them out, being about the books themselves:
        a page is known by this role, never by its name, so no chapter page is ever left out."""
        return frozenset(
            n.removesuffix(".md") + ".html" for n, text in self.editorial.items() if DOWNLOADS_MARKER in text
        )

    @cached_property
    def placed(self) -> list[Placed]:
        return self.chapter.placed()

    @cached_property
    def paragraph(self) -> dict[str, Placed]:
        return {p.paragraph.id: p for p in self.placed}

    @cached_property
    def note_number(self) -> dict[str, int]:
        """Each marked quotation's note number: counted from 1 through the whole chapter, so that
        "note 5" means one note in the site, the books and on paper alike."""
        numbers: dict[str, int] = {}
        for place in self.placed:
            for mark in place.paragraph.marks:
                numbers.setdefault(mark.id, len(numbers) + 1)
        return numbers

    @cached_property
    def author(self) -> str:
        """How the pages name the author of the book the text is from: the surname ("Orlov")."""
        work = self.sources.work.get(self.sources.edition.work)
        surname = work.author.split()[-1] if work is not None and work.author else ""
        # Only a word of letters is put into the editors' sentences ("Orlov’s Russian"): any other
        # character could pair with their punctuation into something that reads as a quotation.
        return surname if SURNAME.fullmatch(surname) else "the author"

    @cached_property
    def quotation_place(self) -> dict[str, Placed]:
        return {mark.id: place for place in self.placed for mark in place.paragraph.marks}

    def wording(self, quotation: Quotation) -> str:
        """The quotation exactly as the chapter prints it, quotation marks and all."""
        place = self.quotation_place.get(quotation.id)
        if place is None:
            return " […] ".join(f"“{part}”" for part in quotation.text)
        mark = next(m for m in place.paragraph.marks if m.id == quotation.id)
        return place.paragraph.text[mark.start : mark.end]

    @cached_property
    def notes_after(self) -> dict[str, list[Note]]:
        found: dict[str, list[Note]] = {}
        for note in self.sources.notes:
            found.setdefault(note.paragraph, []).append(note)
        return found

    @cached_property
    def sections(self) -> list[Section]:
        """Each chapter page as a section: its editors' heading (or first heading) and ¶ range."""
        found = []
        for page in self.chapter.pages:
            numbers = [p.number for p in self.placed if p.page == page.name]
            headings = [b for b in page.blocks if isinstance(b, Heading)]
            heading = next((h for h in headings if h.editors), headings[0] if headings else None)
            if heading is not None and numbers:
                found.append(Section(page.name, heading.id, heading.text, min(numbers), max(numbers), heading.editors))
        return found


@dataclass(frozen=True)
class Section:
    page: str  # "praise.md"
    anchor: str
    title: str
    first: int
    last: int
    supplied: bool = False  # its title is the editors' heading, not the author's

    @property
    def cited_title(self) -> str:
        """The title a citation gives: one the editors supplied in square brackets, as catalogues set
        a devised title, so that no citation gives the editors' words as the author's."""
        return f"[{self.title}]" if self.supplied else self.title

    @property
    def html(self) -> str:
        return self.page.removesuffix(".md") + ".html"


def _letters(text: str) -> str:
    """Only the letters and digits, lower case, one space between words: how a title is compared."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.replace("*", "").casefold()).split())


def _read_as(title: str, citations: tuple[Citation, ...], field: str) -> bool:
    """Do the words read for the title (of citations covering `field`) give it: its letters and
    digits, in order, whatever the punctuation and case?"""
    wanted = _letters(title)
    return any(wanted in _letters(excerpt) for c in citations if field in c.covers for excerpt in c.said)


def allowed_quotations(
    sources: SourceList, chapter: Chapter, *, titles_as_read: bool = False, sources_words: bool = True
) -> Corpus:
    """What any quotation in the editors' texts may be: the chapter's words, the words sources are
    recorded as saying (`said`, and the wordings of the quotations), and the titles of works and
    trials. With `titles_as_read` (the editors' own prose), only a title the words read for it give:
    a title made up in the source list cannot then be quoted in a summary or on a page. The built
    pages' citations quote titles as recorded (the styles set an article's title in quotation marks),
    so the output guard allows every title. A single quoted word must be a name as spelled, a scare quote or an annotated term.
    Without `sources_words`, what sources said is left out: the checker allows an entry only its own."""
    texts: list[str | tuple[str, ...]] = [
        b.text for _, b in chapter.blocks_in_order() if not (isinstance(b, Heading) and b.editors)
    ]
    for _, _, entry in sources.entries() if sources_words else ():
        texts += passages_read(entry)
    # A title may be quoted only as the words read give it: a made-up title could otherwise be quoted anywhere.
    titles = (
        [w.title for w in sources.works if not titles_as_read or _read_as(w.title, w.sources, "title")]
        + [
            w.container
            for w in sources.works
            if w.container and (not titles_as_read or _read_as(w.container, w.sources, "container"))
        ]
        + [t.title for t in sources.trials if not titles_as_read or _read_as(t.title, t.sources, "title")]
    )
    # A title may set words in *emphasis*: pages show them in italics, without the asterisks.
    texts += titles + [t.replace("*", "") for t in titles if "*" in t]
    single = set(sources.spellings) | {s.text for s in sources.scare_quotes} | {n.term for n in sources.notes}
    single |= {part for q in sources.quotations for part in q.text}  # a quotation's own words, part by part
    single |= {g.term for g in sources.glossary} | set(sources.not_names)
    return corpus_of(tuple(texts), frozenset(single))
