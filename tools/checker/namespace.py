"""The names a citation gives things (tools/model/namespace.py), which a chapter page's name must not
take: refused here at its line, so that the build never meets two things of one key (the citations
stopped it with a traceback)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.chapter import ChapterPage
from ..model.findings import Example, Finding, Rule
from ..model.namespace import CITATION_IDS, cited_key
from ..model.sourcelist import Loaded

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
