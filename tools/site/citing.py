"""The edition's citations for one build: the checked model described once as `CitedEdition`
(tools/site/citation.py), rendered once by the CSL processor (citestyles.py), and what the pages
carry of it: each page's <head> metadata, a chapter page's "Cite this page" box and its copy
toolbar's templates, and the reference-manager downloads."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markupsafe import Markup

from ..model.edition import Checked, Site
from ..model.kindpages import kind_pages
from ..model.quotes import outermost, spans
from .citation import (
    ChapterQuotation,
    ChapterSection,
    CitedEdition,
    DigitalEdition,
    LiteralName,
    MachineTranslation,
    OriginalWork,
    PersonName,
    person_name,
)
from .citefiles import download_files, download_links
from .citemarkup import cite_box, copy_templates
from .citestyles import Citations, render_citations
from .markup import plain
from .metadata import ApparatusPage, apparatus_head, edition_head, section_head
from .sourcespage import kind_title

APPARATUS = {
    "people.html": "People",
    "quotations.html": "Quotations",
    "trials.html": "The trials",
    "sources.html": "Sources",
    "glossary.html": "Glossary",
    "teachers.html": "For teachers",
    "offline.html": "Read offline",
}


def known_name(text: str | None) -> PersonName | None:
    """A name from the source list (None: not known), split by citation.person_name."""
    return person_name(plain(text)) if text else None


def speaker_name(text: str) -> PersonName:
    name = known_name(text)
    if name is None:  # the checker requires every person's name; a quotation is never cited to nobody
        raise ValueError(f"a speaker without a name: {text!r}")
    return name


@dataclass(frozen=True)
class Citing:
    facts: CitedEdition
    citations: Citations


def facts_of(checked: Checked, site: Site) -> CitedEdition:
    sources = checked.sources
    edition = sources.edition
    book = sources.work[edition.work]
    serial = sources.work[edition.translation]
    original = OriginalWork(
        known_name(book.author),
        plain(book.title),
        book.publisher,
        book.place,
        book.year if isinstance(book.year, int) else None,
    )
    # (names as words with single spaces, as every citation format writes them: plain())
    translation = MachineTranslation(plain(serial.title), serial.publisher and plain(serial.publisher), None)
    digital = DigitalEdition(
        title=plain(edition.title),
        genre="documentary edition",
        editors=tuple(LiteralName(plain(name)) for name in edition.editors),
        version=edition.date,
        url=site.url,
        language="en",
        relation=edition.relation,
    )
    sections = []
    for section in checked.sections:
        ids = tuple(p.paragraph.id for p in checked.placed if p.page == section.page)
        sections.append(
            ChapterSection(
                section.page.removesuffix(".md"),
                section.cited_title,
                site.url + section.html,
                section.first,
                section.last,
                ids,
            )
        )
    quotations = []
    keys = {s.key for s in sections}
    for q in sources.quotations:
        place = checked.quotation_place.get(q.id)
        if place is None or place.page.removesuffix(".md") not in keys:
            continue
        parts = outermost(spans(checked.wording(q)))
        words = " ".join((parts[0].text if parts else checked.wording(q)).split()[:6]).strip(" ,.")
        page = place.page.removesuffix(".md")
        quotations.append(
            ChapterQuotation(
                q.id,
                speaker_name(sources.name_of(q.speaker)),
                words,
                page,
                place.number,
                f"{site.url}{page}.html#{q.id}",
                q.status == "paraphrase",
            )
        )
    return CitedEdition(original, translation, digital, tuple(sections), tuple(quotations))


def citing(checked: Checked, site: Site) -> Citing:
    """Rendered once per check and address (the online and the offline build share it: both cite
    the published address), since the processor takes a few tenths of a second for the chapter."""
    return _citing(checked, site.url)


@functools.lru_cache(maxsize=4)
def _citing(checked: Checked, url: str) -> Citing:
    facts = facts_of(checked, Site(url))
    return Citing(facts, _rendered(facts))


@functools.lru_cache(maxsize=4)
def _rendered(facts: CitedEdition) -> Citations:
    """By the facts cited, not by the check: `serve` checks again on every rebuild, and an edit to an
    editors' page changes no citation."""
    return render_citations(facts)


def chapter_citations(checked: Checked, site: Site, page: str) -> Markup:
    """A chapter page's "Cite this page" box and its copy toolbar's templates."""
    c = citing(checked, site)
    key = page.removesuffix(".md")
    if key not in {s.key for s in c.facts.sections}:  # a page without its heading: the checker says so
        return Markup("")
    templates = Markup('<div class="cite-templates medium-screen" hidden>\n{}\n</div>').format(
        copy_templates(c.facts, c.citations, key)
    )
    return (
        Markup("\n")
        + cite_box(c.facts, c.citations, key, download_links(key))
        + Markup("\n\n")
        + templates
        + Markup("\n")
    )


def heads(checked: Checked, site: Site) -> dict[str, str]:
    """Every page's <head> additions, by page name: citation metadata and the edition's contact."""
    c = citing(checked, site)
    contact = (
        Markup('<meta name="edition-contact" content="{}">\n').format(site.contact) if site.contact else Markup("")
    )
    out = {f"{s.key}.html": section_head(c.facts, s.key) for s in c.facts.sections}
    out["index.html"] = edition_head(c.facts)
    kinds = {p.html: kind_title(p.kind, p.part, p.parts) for p in kind_pages(checked.sources)}
    for name, title in {**APPARATUS, **kinds}.items():
        out[name] = apparatus_head(c.facts, ApparatusPage(title, site.url + name))
    return {name: str(contact + head + Markup("\n")) for name, head in out.items()}


def downloads(checked: Checked, site: Site) -> dict[str, str]:
    return download_files(citing(checked, site).facts)
