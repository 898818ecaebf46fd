"""What a page tells reference managers, search engines and link previews, as HTML for <head>.

Four vocabularies, all made from the one `CitedEdition` (tools/site/citation.py):
- Highwire Press `citation_*` tags, as Google Scholar's inclusion guidelines define them and as
  Zotero's Embedded Metadata translator reads them: `citation_title` is the page's own title
  alone, `citation_book_title` the edition (Zotero then saves a book section), authors and
  editors one tag each ("Family, Given"), `citation_publication_date` the version date.
- Dublin Core (`DC.*`, `DCTERMS.*`, with their schema links);
- OpenGraph (`og:*`, for link previews in a class's learning platform);
- JSON-LD (schema.org): a chapter page is a `Chapter` with its own name, part of the edition (a
  `Book` with editors, version date and `translationOfWork` the 1953 book, `isBasedOn` the
  machine translation); each quotation is a `Quotation` whose `creator` is its speaker (not
  `spokenByCharacter`, a pending term for fictional characters).

Page kinds: `section_head` (a chapter page), `edition_head` (the landing page: the edition
itself, a book), `apparatus_head` (the editors' pages: people, quotations, trials, sources, the
teachers' page: each a section of the edition by its editors).

Every value is escaped with markupsafe; the JSON-LD is a data block with `<`, `>` and `&` written
as \\u escapes, so no value can end the element. Reference managers do not run it; nor does the
site's JavaScript.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ..model.namespace import CITATION_IDS
from .citation import (
    ChapterSection,
    CitedEdition,
    Name,
    PersonName,
    original_words,
    relation_sentence,
)

DC_SCHEMA = "http://purl.org/dc/elements/1.1/"
DCTERMS_SCHEMA = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class ApparatusPage:
    """One of the editors' pages (people, quotations, trials, sources, the teachers' page)."""

    title: str  # as the page's heading says it
    url: str
    description: str | None = None  # a sentence for link previews; the relation sentence if None


# --- pieces ------------------------------------------------------------------------------------


def _meta(attribute: str, name: str, content: str) -> Markup:
    return Markup('<meta {}="{}" content="{}">').format(attribute, name, content)


def _named(name: Name) -> str:
    """A name as the tags give it: "Orlov, Alexander", or a literal name as it is."""
    return name.inverted if isinstance(name, PersonName) else name.literal


def _highwire(
    facts: CitedEdition, title: str, url: str, authors: Iterable[Name], container: str | None
) -> Iterator[Markup]:
    e = facts.edition
    yield _meta("name", "citation_title", title)
    for author in authors:
        yield _meta("name", "citation_author", _named(author))
    for editor in e.editors:
        yield _meta("name", "citation_editor", _named(editor))  # Zotero reads it; Scholar ignores it
    if container is not None:
        yield _meta("name", "citation_book_title", container)
    yield _meta("name", "citation_publication_date", e.version.strftime("%Y/%m/%d"))
    if e.publisher:
        yield _meta("name", "citation_publisher", e.publisher)
    yield _meta("name", "citation_public_url", url)
    yield _meta("name", "citation_language", e.language)
    yield _meta("name", "citation_abstract", relation_sentence(facts))


def _dublin_core(
    facts: CitedEdition, title: str, url: str, creators: Iterable[Name], part_of: str | None
) -> Iterator[Markup]:
    e = facts.edition
    yield Markup('<link rel="schema.DC" href="{}">').format(DC_SCHEMA)
    yield Markup('<link rel="schema.DCTERMS" href="{}">').format(DCTERMS_SCHEMA)
    yield _meta("name", "DC.title", title)
    for creator in creators:
        yield _meta("name", "DC.creator", _named(creator))
    for editor in e.editors:
        yield _meta("name", "DC.contributor", _named(editor))
    yield _meta("name", "DC.date", e.version.isoformat())
    if e.publisher:
        yield _meta("name", "DC.publisher", e.publisher)
    yield _meta("name", "DC.language", e.language)
    yield _meta("name", "DC.identifier", url)
    yield _meta("name", "DC.type", "Text")  # the DCMI type vocabulary's term
    yield _meta("name", "DC.format", "text/html")
    # The 1953 book as a relation, not a source: Zotero files dc:source as the container's title.
    yield _meta("name", "DC.relation", original_words(facts.original))
    if part_of is not None:
        yield _meta("name", "DCTERMS.isPartOf", part_of)


def _open_graph(facts: CitedEdition, title: str, url: str, kind: str, description: str) -> Iterator[Markup]:
    e = facts.edition
    yield _meta("property", "og:title", title)
    yield _meta("property", "og:type", kind)
    yield _meta("property", "og:url", url)
    yield _meta("property", "og:site_name", e.title)
    yield _meta("property", "og:description", description)
    if kind == "book":
        yield _meta("property", "book:release_date", e.version.isoformat())
    else:
        yield _meta("property", "article:published_time", e.version.isoformat())


def json_ld_block(data: object) -> Markup:
    """A JSON-LD data block that no string in `data` can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup('<script type="application/ld+json">') + Markup(text) + Markup("</script>")


# --- JSON-LD -----------------------------------------------------------------------------------


def _ids(facts: CitedEdition) -> dict[str, str]:
    site = facts.edition.url
    return {k: f"{site}#{k}" for k in CITATION_IDS}


def _by_author(facts: CitedEdition) -> dict[str, object]:
    """The `author` reference of a node by the original's author; none when the author is not known."""
    return {} if facts.original.author is None else {"author": {"@id": _ids(facts)["author"]}}


def _known(name: Name | None) -> list[Name]:
    return [] if name is None else [name]


def _agent(name: Name) -> dict[str, object]:
    if isinstance(name, PersonName):
        given = {"givenName": name.given} if name.given else {}  # a one-word name is a family name
        return {"@type": "Person", "name": name.full, **given, "familyName": name.family}
    return {"name": name.literal}  # a literal name is not said to be a person or an organisation


def _graph_edition(facts: CitedEdition, parts: Iterable[ChapterSection]) -> list[dict[str, object]]:
    """The edition, the machine translation, the 1953 book and its author (when known), linked by @id."""
    e, o, t = facts.edition, facts.original, facts.translation
    ids = _ids(facts)
    edition: dict[str, object] = {
        "@type": "Book",
        "@id": ids["edition"],
        "name": e.title,
        "url": e.url,
        "genre": e.genre,
        **_by_author(facts),
        "editor": [_agent(n) for n in e.editors],
        "datePublished": e.version.isoformat(),
        "inLanguage": e.language,
        "description": relation_sentence(facts),
        "isBasedOn": {"@id": ids["machine-translation"]},
        "translationOfWork": {"@id": ids["original"]},
        "hasPart": [{"@id": s.url} for s in parts],
    }
    if e.publisher:
        edition["publisher"] = {"name": e.publisher}
    translation: dict[str, object] = {
        "@type": "CreativeWork",
        "@id": ids["machine-translation"],
        "name": t.title,
        **({"publisher": {"@type": "Organization", "name": t.publisher}} if t.publisher else {}),
        "inLanguage": e.language,
        "translationOfWork": {"@id": ids["original"]},
    }
    if t.url:
        translation["url"] = t.url
    original: dict[str, object] = {
        "@type": "Book",
        "@id": ids["original"],
        "name": o.title,
        **_by_author(facts),
    }
    if o.publisher:
        publisher: dict[str, object] = {"@type": "Organization", "name": o.publisher}
        if o.place:
            publisher["location"] = {"@type": "Place", "name": o.place}
        original["publisher"] = publisher
    if o.year is not None:
        original["datePublished"] = str(o.year)
    author = [{**_agent(name), "@id": ids["author"]} for name in _known(o.author)]
    return [edition, translation, original, *author]


def _document(graph: list[dict[str, object]]) -> dict[str, object]:
    return {"@context": "https://schema.org", "@graph": graph}


def section_json_ld(facts: CitedEdition, key: str) -> dict[str, object]:
    """A chapter page: its Chapter (its own name), its quotations, and the edition graph."""
    s, e = facts.section(key), facts.edition
    ids = _ids(facts)
    quotations = [q for q in facts.quotations if q.section == key]
    chapter: dict[str, object] = {
        "@type": "Chapter",
        "@id": s.url,
        "url": s.url,
        "name": s.title,
        **_by_author(facts),
        "editor": [_agent(n) for n in e.editors],
        "datePublished": e.version.isoformat(),
        "inLanguage": e.language,
        "isPartOf": {"@id": ids["edition"]},
        "hasPart": [{"@id": q.url} for q in quotations],
    }
    parts: list[dict[str, object]] = [
        {
            "@type": "Quotation",
            "@id": q.url,
            "url": q.url,
            "name": f"“{q.first_words} …”",  # the chapter's first words; the text is on the page
            "creator": _agent(q.speaker),
            "isPartOf": {"@id": s.url},
        }
        for q in quotations
    ]
    return _document([chapter, *parts, *_graph_edition(facts, facts.sections)])


def edition_json_ld(facts: CitedEdition) -> dict[str, object]:
    chapters: list[dict[str, object]] = [
        {"@type": "Chapter", "@id": s.url, "url": s.url, "name": s.title, "isPartOf": {"@id": _ids(facts)["edition"]}}
        for s in facts.sections
    ]
    return _document([*_graph_edition(facts, facts.sections), *chapters])


def apparatus_json_ld(facts: CitedEdition, page: ApparatusPage) -> dict[str, object]:
    e = facts.edition
    webpage: dict[str, object] = {
        "@type": "WebPage",
        "@id": page.url,
        "url": page.url,
        "name": page.title,
        "author": [_agent(n) for n in e.editors],
        "datePublished": e.version.isoformat(),
        "inLanguage": e.language,
        "isPartOf": {"@id": _ids(facts)["edition"]},
    }
    return _document([webpage, *_graph_edition(facts, facts.sections)])


# --- the three page kinds ----------------------------------------------------------------------


def section_head(facts: CitedEdition, key: str) -> Markup:
    """A chapter page: a section of the edition, by Orlov, edited by the editors."""
    s, e = facts.section(key), facts.edition
    authors = _known(facts.original.author)
    tags = [
        *_highwire(facts, s.title, s.url, authors, e.title),
        *_dublin_core(facts, s.title, s.url, authors, e.title),
        *_open_graph(facts, s.title, s.url, "article", relation_sentence(facts)),
        json_ld_block(section_json_ld(facts, key)),
    ]
    return Markup("\n").join(tags)


def edition_head(facts: CitedEdition) -> Markup:
    """The landing page: the edition itself, a book by Orlov edited by the editors."""
    e = facts.edition
    authors = _known(facts.original.author)
    tags = [
        *_highwire(facts, e.title, e.url, authors, None),
        *_dublin_core(facts, e.title, e.url, authors, None),
        *_open_graph(facts, e.title, e.url, "book", relation_sentence(facts)),
        json_ld_block(edition_json_ld(facts)),
    ]
    return Markup("\n").join(tags)


def apparatus_head(facts: CitedEdition, page: ApparatusPage) -> Markup:
    """An editors' page: a section of the edition whose authors are its editors."""
    e = facts.edition
    description = page.description or relation_sentence(facts)
    tags = [
        *_highwire(facts, page.title, page.url, e.editors, e.title),
        *_dublin_core(facts, page.title, page.url, e.editors, e.title),
        *_open_graph(facts, page.title, page.url, "article", description),
        json_ld_block(apparatus_json_ld(facts, page)),
    ]
    return Markup("\n").join(tags)
