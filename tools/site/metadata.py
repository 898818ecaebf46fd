"""What reference managers, search engines and the copy-citation buttons read from a chapter
page's <head>, and the edition's citation downloads (RIS, BibTeX, CSL-JSON).

- Highwire Press `citation_*` tags (Zotero and Mendeley save the page as a book section in one
  click);
- schema.org JSON-LD: the chapter, the book it is part of, and each quotation with its speaker;
- the page's citation templates for edition.js (a JSON data block: it is never executed).

The text comes from tools.model.cite. Data blocks are JSON with `<`, `>` and `&` escaped, so no
value from the source list can end the <script> element or be read as markup.
"""

from __future__ import annotations

from ..model import cite
from ..model.escape import html_attr, json_document, json_script, plain
from ..model.formats import quotation_text
from ..model.records import SourceList
from .usage import Section, Usage

CITE_DATA_ID = "edition-cite"


def data_block(data: object, kind: str, ident: str | None = None) -> str:
    """A <script> data block (JSON-LD or JSON) that no string in `data` can break out of."""
    ident_attr = f' id="{ident}"' if ident else ""
    return f'<script type="{kind}"{ident_attr}>{json_script(data)}</script>'


def section_of(page: str, used: Usage) -> Section | None:
    return next((s for s in used.sections if s.page == page), None)


def page_url(e: cite.Edition, page: str) -> str:
    return e.url + page.removesuffix(".md") + ".html"


def highwire_tags(section: Section, e: cite.Edition) -> str:
    url = page_url(e, section.page)
    passage = cite.Passage(section.title, section.editors_heading, url, section.first, section.last)
    return "\n".join(f'<meta name="{name}" content="{html_attr(value)}">' for name, value in cite.highwire(passage, e))


def person(name: str, url: str | None = None) -> dict[str, str]:
    return {"@type": "Person", "name": plain(name), **({"url": url} if url else {})}


def json_ld(section: Section, sources: SourceList, used: Usage, e: cite.Edition) -> dict[str, object]:
    """schema.org: this page as a Chapter of the edition, based on the book, with its quotations."""
    url = page_url(e, section.page)
    chapter: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Chapter",
        "@id": url,
        "url": url,
        "name": cite.title_case(e.title),
        "alternativeHeadline": section.title + (" (editors’ heading)" if section.editors_heading else ""),
        "pagination": cite.paragraphs(section.first, section.last),
        "inLanguage": "en",
        "isPartOf": {"@type": "WebSite", "name": e.name, "url": e.url},
    }
    if e.author:
        chapter["author"] = person(e.author)
    if e.date:
        chapter["dateModified"] = e.date.isoformat()
    if e.book is not None:
        book: dict[str, object] = {"@type": "Book", "name": plain(e.book.title)}
        if e.book.author:
            book["author"] = person(e.book.author)
        if e.book.year is not None:
            book["datePublished"] = str(e.book.year)
        if e.book.publisher:
            book["publisher"] = {"@type": "Organization", "name": plain(e.book.publisher)}
        chapter["isBasedOn"] = book
    chapter["hasPart"] = [
        {
            "@type": "Quotation",
            "@id": f"{url}#{q.id}",
            "url": f"{url}#{q.id}",
            "text": quotation_text(q, used.wording.get(q.id)),  # the chapter's own words
            "spokenByCharacter": person(sources.people[q.speaker].name, f"{e.url}people.html#{q.speaker}"),
            # How sure the edition is of the attribution, as the footnote says (a paraphrase is not a quotation).
            "creativeWorkStatus": plain(sources.statuses[q.status].label) if q.status in sources.statuses else q.status,
        }
        for q in sources.quotations.values()
        if used.quotation_page.get(q.id) == section.page
    ]
    return chapter


def cite_data(section: Section, sources: SourceList, used: Usage, e: cite.Edition) -> dict[str, object]:
    """What edition.js needs to copy a citation: the templates, month names and speakers."""
    templates = cite.templates(section.title, section.editors_heading, page_url(e, section.page), e)
    speakers = {
        q.id: plain(sources.people[q.speaker].name)
        for q in sources.quotations.values()
        if used.quotation_page.get(q.id) == section.page
    }
    uses = {
        q.id: cite.use_of(q.status)
        for q in sources.quotations.values()
        if used.quotation_page.get(q.id) == section.page
    }
    return {"templates": templates, "months": cite.month_names(), "speakers": speakers, "uses": uses}


def chapter_head(page: str, sources: SourceList, used: Usage, e: cite.Edition) -> str:
    """Everything a chapter page adds to its <head>; nothing for other pages."""
    section = section_of(page, used)
    if section is None:
        return ""
    return "\n".join(
        [
            highwire_tags(section, e),
            data_block(json_ld(section, sources, used, e), "application/ld+json"),
            data_block(cite_data(section, sources, used, e), "application/json", CITE_DATA_ID),
        ]
    )


def with_head(output: str, extra: str) -> str:
    """`extra` inserted just before </head> of a finished page."""
    if not extra:
        return output
    at = output.find("</head>")
    return output if at == -1 else output[:at] + extra + "\n" + output[at:]


# --- the edition's citation downloads ---------------------------------------------------------


def ris_file(sources: SourceList, used: Usage, e: cite.Edition) -> str:
    return cite.ris(cite.record(e))


def bibtex_file(sources: SourceList, used: Usage, e: cite.Edition) -> str:
    return cite.bibtex(cite.record(e))


def csl_file(sources: SourceList, used: Usage, e: cite.Edition) -> str:
    return json_document(cite.csl(cite.record(e)))
