"""tools/site/metadata.py: every page's <head> metadata, read back with a real extractor (extruct:
JSON-LD, Dublin Core, OpenGraph; the Highwire meta tags) and mapped as Zotero's Embedded Metadata
translator maps it (tests/site/zotero_embedded.py), so the test finds what a reference manager
saves from each page."""

from __future__ import annotations

import html
import json
from typing import Any

import extruct
import pytest
from edition_facts import SITE, TITLE, edition_facts
from markupsafe import Markup
from zotero_embedded import zotero_item

from tools.site.citation import ChapterSection, CitedEdition, LiteralName, PersonName
from tools.site.metadata import ApparatusPage, apparatus_head, edition_head, section_head

APPARATUS = [
    ApparatusPage("People", SITE + "people.html"),
    ApparatusPage("Quotations", SITE + "quotations.html"),
    ApparatusPage("Trials", SITE + "trials.html"),
    ApparatusPage("Sources", SITE + "sources.html"),
    ApparatusPage("For teachers", SITE + "teachers.html", "How to use the edition in class."),
]
ORLOV = {"firstName": "Alexander", "lastName": "Orlov", "creatorType": "author"}
HOSTILE = '</script><script>alert(1)</script> & <!-- "x"'


@pytest.fixture(scope="module")
def facts() -> CitedEdition:
    return edition_facts()


def page(head: Markup, title: str = "A page") -> str:
    """A built page as the engine makes it: <head> with the theme's own tags, then ours."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n{head}\n</head>\n<body><h1>{html.escape(title)}</h1></body>\n</html>\n"
    )


def extracted(document: str, url: str) -> dict[str, Any]:
    return extruct.extract(document, base_url=url, syntaxes=["json-ld", "opengraph", "dublincore"], uniform=False)


def graph(document: str, url: str) -> dict[str, dict[str, Any]]:
    """The page's one JSON-LD document, by @id."""
    [ld] = extracted(document, url)["json-ld"]
    assert ld["@context"] == "https://schema.org"
    return {node["@id"]: node for node in ld["@graph"]}


def editors_saved(facts: CitedEdition) -> list[dict[str, str]]:
    """What Zotero makes of the editors' names (a literal one is split at its last space)."""
    saved = []
    for name in facts.edition.editors:
        if isinstance(name, PersonName):
            saved.append({"firstName": name.given, "lastName": name.family, "creatorType": "editor"})
        else:
            first, _, last = name.literal.rpartition(" ")
            saved.append({"firstName": first.title(), "lastName": last.title(), "creatorType": "editor"})
    return saved


# --- what Zotero saves -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["warning", "praise", "trotsky", "meetings"])
def test_a_chapter_page_saves_as_a_section_of_the_edition(facts: CitedEdition, key: str) -> None:
    section = facts.section(key)
    item = zotero_item(page(section_head(facts, key), section.title), section.url)
    assert item["itemType"] == "bookSection"
    assert item["title"] == section.title, "the section's own title, alone"
    assert item["bookTitle"] == TITLE
    assert item["creators"] == [ORLOV, *editors_saved(facts)]
    assert item["date"] == "2026-11-24"
    assert item["url"] == section.url
    assert item["language"] == "en"
    assert (
        "Alexander Orlov, The Secret History of Stalin's Crimes (New York: Random House, 1953)" in item["abstractNote"]
    )
    assert "todaychina.cc" in item["abstractNote"]


def test_editors_real_names_reach_zotero() -> None:
    named = edition_facts(editors=(PersonName("Given", "Family"), LiteralName("the editors")))  # placeholders
    item = zotero_item(page(section_head(named, "praise")), SITE + "praise.html")
    assert item["creators"] == [
        ORLOV,
        {"firstName": "Given", "lastName": "Family", "creatorType": "editor"},
        {"firstName": "The", "lastName": "Editors", "creatorType": "editor"},  # why real names are wanted
    ]


def test_the_landing_page_saves_as_the_edition(facts: CitedEdition) -> None:
    item = zotero_item(page(edition_head(facts), TITLE), SITE)
    assert item["itemType"] == "book"
    assert item["title"] == TITLE
    assert item["creators"] == [ORLOV, *editors_saved(facts)]
    assert (item["date"], item["url"]) == ("2026-11-24", SITE)
    assert "Random House, 1953" in item["abstractNote"]


@pytest.mark.parametrize("apparatus", APPARATUS, ids=[p.title for p in APPARATUS])
def test_an_apparatus_page_saves_as_the_editors_section(facts: CitedEdition, apparatus: ApparatusPage) -> None:
    item = zotero_item(page(apparatus_head(facts, apparatus), apparatus.title), apparatus.url)
    assert item["itemType"] == "bookSection"
    assert (item["title"], item["bookTitle"], item["url"]) == (apparatus.title, TITLE, apparatus.url)
    authors = [dict(c, creatorType="author") for c in editors_saved(facts)]
    assert item["creators"] == authors + editors_saved(facts)
    assert item["date"] == "2026-11-24"


# --- the vocabularies as an extractor reads them ------------------------------------------------


def test_highwire_dublin_core_and_open_graph_of_a_chapter_page(facts: CitedEdition) -> None:
    section = facts.section("praise")
    document = page(section_head(facts, "praise"))
    data = extracted(document, section.url)
    [og] = data["opengraph"]
    properties = dict(og["properties"])
    assert (properties["og:title"], properties["og:type"], properties["og:url"]) == (
        section.title,
        "article",
        section.url,
    )
    assert (properties["og:site_name"], properties["article:published_time"]) == (TITLE, "2026-11-24")
    [dc] = data["dublincore"]
    elements = {e["name"]: e["content"] for e in dc["elements"]}
    assert elements["DC.title"] == section.title and elements["DC.creator"] == "Orlov, Alexander"
    assert (elements["DC.date"], elements["DC.identifier"], elements["DC.language"]) == (
        "2026-11-24",
        section.url,
        "en",
    )
    assert "1953" in elements["DC.relation"]
    assert {t["name"]: t["content"] for t in dc["terms"]} == {"DCTERMS.isPartOf": TITLE}
    assert set(dc["namespaces"]) == {"DC", "DCTERMS"}


def test_json_ld_of_the_chapter_pages(facts: CitedEdition) -> None:
    names = []
    for section in facts.sections:
        nodes = graph(page(section_head(facts, section.key)), section.url)
        chapter = nodes[section.url]
        assert chapter["@type"] == "Chapter" and chapter["name"] == section.title
        names.append(chapter["name"])
        edition = nodes[chapter["isPartOf"]["@id"]]
        assert edition["@type"] == "Book" and edition["name"] == TITLE and edition["datePublished"] == "2026-11-24"
        assert edition["editor"] == [{"name": "the editors"}]
        assert nodes[edition["author"]["@id"]]["name"] == "Alexander Orlov"
        original = nodes[edition["translationOfWork"]["@id"]]
        assert (original["@type"], original["name"], original["datePublished"]) == (
            "Book",
            "The Secret History of Stalin's Crimes",
            "1953",
        )
        assert original["publisher"] == {
            "@type": "Organization",
            "name": "Random House",
            "location": {"@type": "Place", "name": "New York"},
        }
        translation = nodes[edition["isBasedOn"]["@id"]]
        assert translation["publisher"]["name"] == "todaychina.cc" and "url" not in translation
        assert translation["translationOfWork"] == edition["translationOfWork"]
        quotations = [q for q in facts.quotations if q.section == section.key]
        assert [part["@id"] for part in chapter["hasPart"]] == [q.url for q in quotations]
        for q in quotations:
            node = nodes[q.url]
            assert node["@type"] == "Quotation" and node["isPartOf"] == {"@id": section.url}
            assert node["creator"]["@type"] == "Person" and node["creator"]["name"] == q.speaker.full
            assert "spokenByCharacter" not in node
    assert len(set(names)) == len(facts.sections), "each chapter page has its own name"


def test_json_ld_of_the_landing_and_apparatus_pages(facts: CitedEdition) -> None:
    nodes = graph(page(edition_head(facts)), SITE)
    edition = nodes[SITE + "#edition"]
    assert [p["@id"] for p in edition["hasPart"]] == [s.url for s in facts.sections]
    assert all(nodes[s.url]["name"] == s.title for s in facts.sections)
    for apparatus in APPARATUS:
        nodes = graph(page(apparatus_head(facts, apparatus)), apparatus.url)
        webpage = nodes[apparatus.url]
        assert (webpage["@type"], webpage["name"], webpage["isPartOf"]) == (
            "WebPage",
            apparatus.title,
            {"@id": SITE + "#edition"},
        )


def test_every_page_kind_carries_all_four_vocabularies(facts: CitedEdition) -> None:
    heads = [section_head(facts, s.key) for s in facts.sections] + [edition_head(facts)]
    heads += [apparatus_head(facts, a) for a in APPARATUS]
    for head in heads:
        for marker in ('name="citation_title"', 'name="DC.title"', 'property="og:title"', 'type="application/ld+json"'):
            assert head.count(marker) == 1, marker


def test_no_value_breaks_out_of_the_head() -> None:
    facts = edition_facts()
    s = facts.section("praise")
    hostile = edition_facts(
        editors=(LiteralName(HOSTILE),),
        sections=tuple(
            ChapterSection(x.key, HOSTILE, x.url, x.first, x.last, x.paragraph_ids) if x is s else x
            for x in facts.sections
        ),
    )
    head = section_head(hostile, "praise")
    assert "</script><script>" not in head and "<!--" not in head
    assert head.count("<script") == 1 and head.count("</script>") == 1
    document = page(head)
    nodes = graph(document, s.url)
    assert nodes[s.url]["name"] == HOSTILE
    item = zotero_item(document, s.url)
    assert item["title"] == HOSTILE
    ld_text = head.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(ld_text)["@graph"][0]["name"] == HOSTILE
