"""What Zotero saves from a page, computed as its Embedded Metadata translator does it.

The logic follows zotero/translators "Embedded Metadata.js" (lastUpdated 2024-06-13) and the part
of "RDF.js" it loads for Dublin Core and OpenGraph (detectType and importItem), for the
vocabularies this site writes. The page is read with extruct (Dublin Core, OpenGraph) and its meta
tags (Highwire), then:

1. Every meta tag whose name has a known prefix (dc, dcterms, og, article, book …) becomes an RDF
   statement; the other `citation_*` tags set the Highwire item type: citation_book_title or
   citation_inbook_title -> bookSection, citation_journal_title -> journalArticle; citation_title
   alone only *guesses* journalArticle.
2. The item type is the Highwire type if there is one; otherwise RDF's detectType (og:type "book"
   -> book, "website" -> webpage, "article" a guess of journalArticle; dc:type a Zotero type or
   eprints/DCMI words), falling back on the Highwire guess, then "webpage".
3. RDF import fills title (dc:title, then og:title), authors (dc:creator, else dc:contributor),
   publicationTitle (dc:source, og:site_name), publisher, date, url (og:url), abstract, language.
4. Highwire then overrides: each citation_* field in HIGHWIRE_MAPPINGS (the first meta whose name
   ends with it), and the creators: citation_author and citation_editor, if any, replace RDF's.
5. Fallbacks: the document's <title>, <link rel="canonical"> or the page's address, <html lang>.

Names go through Zotero.Utilities.cleanAuthor: "Family, Given" splits at the comma, anything
else at the last space; an all-lower-case part is capitalized (fixCase). So a literal name such
as "the editors" is saved as the person "The Editors", which is why the site should give
editors' real names.
"""

from __future__ import annotations

import re
from typing import Any

import extruct  # type: ignore[import-untyped]
from extruct.utils import parse_html  # type: ignore[import-untyped]

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
OG = "http://ogp.me/ns#"

HIGHWIRE_MAPPINGS = {  # in the translator's order; a later key overwrites an earlier one's field
    "citation_title": "title",
    "citation_publication_date": "date",
    "citation_cover_date": "date",
    "citation_date": "date",
    "citation_journal_title": "publicationTitle",
    "citation_journal_abbrev": "journalAbbreviation",
    "citation_inbook_title": "publicationTitle",
    "citation_book_title": "bookTitle",
    "citation_volume": "volume",
    "citation_issue": "issue",
    "citation_series_title": "series",
    "citation_conference_title": "conferenceName",
    "citation_conference": "conferenceName",
    "citation_dissertation_institution": "university",
    "citation_technical_report_institution": "institution",
    "citation_technical_report_number": "number",
    "citation_publisher": "publisher",
    "citation_isbn": "ISBN",
    "citation_abstract": "abstractNote",
    "citation_doi": "DOI",
    "citation_public_url": "url",
    "citation_language": "language",
}
HW_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
ZOTERO_TYPES = {"book", "bookSection", "journalArticle", "webpage", "report", "thesis", "document"}


def _trim(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def fix_case(name: str) -> str:
    if name.upper() == name or name.lower() == name:
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" "))
    return name


def clean_author(name: str, role: str, use_comma: bool) -> dict[str, str]:
    """Zotero.Utilities.cleanAuthor, as far as these names need it."""
    name = _trim(name).strip(",;")
    if use_comma and "," in name:
        last, _, first = name.partition(",")
    else:
        first, _, last = name.rpartition(" ")
    creator = {"firstName": _trim(first), "lastName": _trim(last), "creatorType": role}
    if creator["firstName"]:
        creator["firstName"], creator["lastName"] = fix_case(creator["firstName"]), fix_case(creator["lastName"])
    return creator


def _highwire_creators(values: list[str], role: str, language: str | None) -> list[dict[str, str]]:
    """processHighwireCreators."""
    creators, last = [], None
    for value in values:
        names = re.split(r"\s*;\s*", value)
        if len(names) == 1 and len(values) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            spanish = (
                len(by_comma) == 2
                and language in ("es", "spa", "Spanish", "español")
                and len(by_comma[0].split(" ")) == 2
            )
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1] and not spanish:
                names = by_comma
        for name in names:
            name = name.strip()
            if not name or not re.search(r"[^\s,\-.;]", name) or name == last:
                continue
            last = name
            creators.append(clean_author(name, role, "," in name))
    return creators


def _statements(page: str, url: str) -> list[tuple[str, str]]:
    """The RDF statements the translator makes of Dublin Core and OpenGraph tags, via extruct."""
    data = extruct.extract(page, base_url=url, syntaxes=["dublincore", "opengraph"], uniform=False)
    statements: list[tuple[str, str]] = []
    for block in data["dublincore"]:
        for element in block.get("elements", []) + block.get("terms", []):
            # The translator keeps the property as written after the prefix (DC.date.issued ->
            # dc:date.issued); extruct's URI keeps only the last part, so take it from the name.
            prefix, _, prop = element["name"].partition(".")
            namespace = DCTERMS if prefix.lower() == "dcterms" else DC
            statements.append((namespace + prop[:1].lower() + prop[1:], element["content"]))
    for block in data["opengraph"]:
        for prop, value in block["properties"]:
            prefix, _, name = prop.partition(":")
            namespace = block["namespace"].get(prefix, OG if prefix == "og" else f"urn:{prefix}:")
            statements.append((namespace + name, value))
    return statements


def _first(statements: list[tuple[str, str]], properties: list[str]) -> list[str]:
    """getFirstResults: all values of the first of `properties` that has any."""
    for prop in properties:
        values = [v for p, v in statements if p == prop]
        if values:
            return values
    return []


def _detect_type(statements: list[tuple[str, str]], default: str | None) -> str | None:
    t: dict[str, str] = {}
    for value in _first(statements, [DC + "type", DCTERMS + "type"])[:1]:
        if value in ZOTERO_TYPES:
            t["dc"] = value
        else:
            word = re.sub(r"\s", "", value.lower())
            dc = {"book": "book", "bookitem": "bookSection", "bookchapter": "bookSection", "webpage": "webpage"}
            guess = {"text": "journalArticle", "article": "journalArticle", "event": "presentation"}
            if word in dc:
                t["dc"] = dc[word]
            elif word in guess:
                t["dcGuess"] = guess[word]
    for value in _first(statements, [OG + "type"])[:1]:
        og = {"book": "book", "website": "webpage", "video.movie": "videoRecording"}
        if value in og:
            t["og"] = og[value]
        elif value == "article":
            t["ogGuess"] = "journalArticle"
    return t.get("og") or t.get("dc") or default or t.get("ogGuess") or t.get("dcGuess")


def _meta_tags(page: str) -> tuple[list[tuple[str, str]], Any]:
    tree = parse_html(page.encode("utf-8"), encoding="UTF-8")
    tags = []
    for meta in tree.xpath("//meta"):
        name, content = meta.get("name") or meta.get("property"), meta.get("content")
        if name and content:
            tags.append((name, content))
    return tags, tree


def zotero_item(page: str, url: str) -> dict[str, Any]:
    """The item Zotero's Embedded Metadata translator saves from `page` (fields as Zotero names them)."""
    tags, tree = _meta_tags(page)
    statements = _statements(page, url)
    hw_type = hw_guess = None
    for name, _ in tags:
        for tag in name.split():
            short = tag[tag.rfind("citation_") :] if "citation_" in tag else ""
            if short in HW_TYPES:
                hw_type = HW_TYPES[short]
            elif short in ("citation_title", "citation_series_title"):
                hw_guess = hw_guess or "journalArticle"
            elif short == "citation_isbn":
                hw_guess = "book"

    def ending(key: str) -> list[str]:  # getContent: meta tags whose name ends with key
        return [content for name, content in tags if name.endswith(key)]

    # RDF import (RDF.js importItem), then Highwire over it (addHighwireMetadata).
    item: dict[str, Any] = {"creators": []}
    if statements:
        item["itemType"] = hw_type or _detect_type(statements, hw_guess or "webpage")
        fields = {
            "title": [DC + "title", DCTERMS + "title", OG + "title"],
            "publicationTitle": [DC + "source", DCTERMS + "source", OG + "site_name"],
            "rights": [DC + "rights", DCTERMS + "rights"],
            "publisher": [DC + "publisher", DCTERMS + "publisher"],
            "date": [OG + "published_time", DC + "date.issued", DCTERMS + "issued", DC + "date", DCTERMS + "date"],
            "url": [OG + "url"],
            "abstractNote": [OG + "description", DCTERMS + "abstract", DC + "description.abstract"],
            "language": [DC + "language", DCTERMS + "language"],
        }
        for zfield, properties in fields.items():
            found = _first(statements, properties)
            if found:
                item[zfield] = found[0]
        authors = _first(statements, [DC + "creator", DCTERMS + "creator", DC + "contributor", DCTERMS + "contributor"])
        item["creators"] = [clean_author(a, "author", "," in a) for a in authors]
    else:
        item["itemType"] = hw_type or hw_guess
    for key, zfield in HIGHWIRE_MAPPINGS.items():
        values = ending(key)
        if values and values[0].strip():
            item[zfield] = _trim(values[0])
    language = (ending("citation_language") or [None])[0]
    highwire = _highwire_creators(ending("citation_author") or ending("citation_authors"), "author", language)
    highwire += _highwire_creators(ending("citation_editor") or ending("citation_editors"), "editor", language)
    if highwire:
        item["creators"] = highwire
    if hw_type:
        item["itemType"] = hw_type
    # addLowQualityMetadata
    if not item.get("title"):
        item["title"] = _trim("".join(tree.xpath("//title/text()")))
    if not item.get("url"):
        item["url"] = ("".join(tree.xpath("//head/link[@rel='canonical']/@href")) or url).strip()
    if not item.get("language"):
        item["language"] = "".join(tree.xpath("/html/@lang")) or None
    # Zotero's base fields: on a book section, publicationTitle is the bookTitle field.
    if item["itemType"] == "bookSection" and "publicationTitle" in item:
        item.setdefault("bookTitle", item["publicationTitle"])
        assert item.pop("publicationTitle") == item["bookTitle"], "two different book titles"
    if item["itemType"] == "book":
        item.pop("publicationTitle", None)  # not a field of a book: Zotero drops it
    item["date"] = iso_date(item.get("date"))
    return item


def iso_date(value: str | None) -> str | None:
    """Zotero.Utilities.strToDate, for the forms the site writes: 2026/11/24, 2026-11-24, 2026."""
    if value is None:
        return None
    found = re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", value.strip())
    if not found:
        return value
    year, month, day = found.groups()
    return "-".join([year] + [f"{int(x):02d}" for x in (month, day) if x])
