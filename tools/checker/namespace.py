"""The names a citation, the site and the exports give things (tools/model/namespace.py), which a
page's name or an editors' id must not take: refused here at its line, so that the build never meets
two things of one name (the citations would stop it with a traceback, an export would rename a
chapter paragraph's id)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.chapter import ChapterPage
from ..model.findings import Example, Finding, Rule
from ..model.kindpages import generated_pages
from ..model.loading import Loaded
from ..model.namespace import BUILT_ID_PREFIXES, CITATION_IDS, GENERATED_IDS, cited_key

ID_CITED = Rule(
    "id-cited",
    "a citation names each thing by one key, which no two things share: the edition (`edition`, and `original`, "
    "`machine-translation`, `author` in its metadata), each chapter page by its name, each paragraph and "
    "quotation by its id",
    Example("data/sources.yml", "pages: [warning.md, praise.md]", "pages: [warning.md, praise.md, edition.md]"),
)


def cited_keys(loaded: Loaded, pages: list[ChapterPage]) -> Iterator[Finding]:
    """A chapter page whose name is a key a citation gives something else: at the page's name in the
    source list, and at the paragraph whose id it is."""
    taken = {key: f"the key a citation gives the edition's {key}" for key in CITATION_IDS}
    where: dict[str, tuple[ChapterPage, int]] = {}
    for page in pages:
        for paragraph in page.paragraphs:
            taken.setdefault(paragraph.id, f"the id of a paragraph on docs/{page.name}")
            where.setdefault(paragraph.id, (page, paragraph.offset))
    for quotation in loaded.sources.quotations:
        taken.setdefault(quotation.id, "the id of a quotation")
    for index, name in enumerate(loaded.sources.edition.pages):
        key = cited_key(name)
        if key not in taken:
            continue
        yield loaded.at(
            ID_CITED,
            ("edition", "pages", index),
            f"a citation names the chapter page '{name}' by its name, '{key}', which is already {taken[key]}: "
            "choose another name",
        )
        if key in where:
            page, offset = where[key]
            at = page.text.find(f"#{key}", offset)
            yield page.at(
                ID_CITED, at if at >= 0 else offset, f"a citation names the chapter page '{name}' by this id too"
            )


def built_ids(loaded: Loaded, pages: list[ChapterPage]) -> dict[str, str]:
    """Every id the build gives an element of some page, from the input: what has it. An editors'
    id must be none of these (tools/checker/exported.py), nor begin as the build's own do."""
    found = {key: "a key of the edition's citations" for key in CITATION_IDS}
    found.update((ident, "the id of a section of a page the edition makes") for ident in GENERATED_IDS)
    found.update(
        (cited_key(name), "the title's id on a page the edition makes") for name in generated_pages(loaded.sources)
    )
    for page in pages:
        for block in page.blocks:
            found.setdefault(block.id, f"an id on the chapter page docs/{page.name}")
            for mark in getattr(block, "marks", ()):
                found.setdefault(mark.id, f"a quotation's id on docs/{page.name}")
    for section, _, entry in loaded.sources.entries():
        found.setdefault(entry.id, f"the id of an entry of the source list ({section})")
    return found


def built_prefix(ident: str) -> str | None:
    return next((prefix for prefix in BUILT_ID_PREFIXES if ident.startswith(prefix)), None)
