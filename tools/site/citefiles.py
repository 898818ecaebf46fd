"""How the edition is cited, part 4: the files reference managers import, by their libraries.

RIS by rispy, BibTeX by bibtexparser (values LaTeX-encoded by its own middleware), CSL-JSON by
json: for the whole edition (edition.ris, edition.bib, edition.csl.json at the site's root), each
section and each quotation (under cite/). Each file holds one item of citation.csl_items, so what
a reference manager saves is what the page cites.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import rispy  # type: ignore[import-untyped]
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexEncodingMiddleware
from bibtexparser.model import Entry, Field

from .citation import CitedEdition, CslItem, csl_items

RIS_TYPES = {"book": "BOOK", "chapter": "CHAP"}
# rispy's default mapping has no M2 (Zotero reads it as Extra); the rest are rispy's own names.
RIS_MAPPING = {**rispy.TAG_KEY_MAPPING, "M2": "extra"}


def _ris_name(name: Mapping[str, str]) -> str:
    """A CSL name as RIS writes it: "Orlov, Alexander", a family name alone ("Orlov"), a literal."""
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}" if "given" in name else name["family"]


def ris_record(item: CslItem) -> dict[str, object]:
    """A CSL item as rispy's record. Tags as Zotero reads and writes them (RIS.js): a chapter's
    editors in A2, a book's in A3, the translator in A4; the original's date in Extra (M2) as a
    CSL variable, so Zotero's own citations say "(Original work published 1953)"."""
    kind = item["type"]
    year, month, day = item["issued"]["date-parts"][0]
    record: dict[str, object] = {"type_of_reference": RIS_TYPES[kind], "id": item["id"], "title": item["title"]}
    if kind == "chapter":
        record["secondary_title"] = item["container-title"]
    if "author" in item:  # an unknown author is no AU line, never an empty one
        record["authors"] = [_ris_name(n) for n in item["author"]]
    if "editor" in item:
        record["secondary_authors" if kind == "chapter" else "tertiary_authors"] = [
            _ris_name(n) for n in item["editor"]
        ]
    record["subsidiary_authors"] = [_ris_name(n) for n in item["translator"]]
    record["year"] = str(year)
    record["date"] = f"{year:04d}/{month:02d}/{day:02d}"
    if "publisher" in item:
        record["publisher"] = item["publisher"]
    record["urls"] = [item["URL"]]
    record["language"] = item["language"]
    if "original-date" in item:
        record["extra"] = f"original-date: {item['original-date']['date-parts'][0][0]}"
    record["notes"] = item["note"].split("\n")  # what the edition is; then the paragraphs or the quotation
    return record


class RisWriter(rispy.RisWriter):  # type: ignore[misc]
    """rispy's writer without its numbered line ("1.") before each record: not RIS, and other
    readers take it for the end of the previous record's last value."""

    def set_header(self, count: int) -> str:
        return ""


def ris_text(items: Sequence[CslItem]) -> str:
    records = [ris_record(item) for item in items]
    return str(rispy.dumps(records, implementation=RisWriter, mapping=RIS_MAPPING))


BIBTEX_TYPES = {"book": "book", "chapter": "incollection"}
BIBLATEX_LANGUAGES = {"en": "english"}  # langid takes babel's names; the edition is in English


def _latex(values: Mapping[str, str]) -> dict[str, str]:
    """Values as LaTeX (’ as {\\textquoteright}, & as \\&), by bibtexparser's own middleware."""
    library = Library([Entry("misc", "x", [Field(k, v) for k, v in values.items()])])
    encoded = LatexEncodingMiddleware(keep_math=False, enclose_urls=False).transform(library)
    [entry] = encoded.entries
    # BibTeX balances braces whatever stands before them: the middleware's \{ and \} would leave a
    # title of "(19}" open, and every field after it lost. As LaTeX's named braces, each is balanced.
    return {f.key: _named_braces(str(f.value)) for f in entry.fields}


def _named_braces(latex: str) -> str:
    return latex.replace("\\{", "{\\textbraceleft}").replace("\\}", "{\\textbraceright}")


def bibtex_entry(item: CslItem) -> Entry:
    """A CSL item as a biblatex entry that classic BibTeX also reads. No `edition` field: the
    classic styles append " edition" to it ("documentary edition edition"); the genre is in the
    note. Names and titles are braced so no style re-cases or splits them."""
    kind = item["type"]
    # `note` is printed in bibliographies: what the edition is. The item's second line (its
    # paragraphs, or who is quoted) is for the reader of the file: `annotation`.
    note, _, annotation = item["note"].partition("\n")
    plain: dict[str, str] = {"title": item["title"], "note": note}
    if annotation:
        plain["annotation"] = annotation
    if kind == "chapter":
        plain["booktitle"] = item["container-title"]
    for role in ("author", "editor", "translator"):
        for n, name in enumerate(item.get(role, [])):
            for part, value in name.items():
                plain[f"{role}.{n}.{part}"] = value
    for csl, bib in (
        ("publisher", "publisher"),
        ("original-title", "origtitle"),
        ("original-publisher", "origpublisher"),
    ):
        if csl in item:
            plain[bib] = item[csl]
    if "original-publisher-place" in item:
        plain["origlocation"] = item["original-publisher-place"]
    latex = _latex(plain)
    fields = [Field("title", "{" + latex["title"] + "}")]
    if kind == "chapter":
        fields.append(Field("booktitle", "{" + latex["booktitle"] + "}"))
    for role in ("author", "editor", "translator"):
        names = []
        for n, name in enumerate(item.get(role, [])):
            if "literal" in name:
                names.append("{" + latex[f"{role}.{n}.literal"] + "}")
            elif "given" in name:
                names.append(f"{latex[f'{role}.{n}.family']}, {latex[f'{role}.{n}.given']}")
            else:  # a family name alone, braced so that no style takes it for a given name
                names.append("{" + latex[f"{role}.{n}.family"] + "}")
        if names:
            fields.append(Field(role, " and ".join(names)))
    year, month, day = item["issued"]["date-parts"][0]
    fields += [Field("date", f"{year:04d}-{month:02d}-{day:02d}"), Field("year", str(year))]
    for bib in ("publisher", "origtitle", "origpublisher", "origlocation"):
        if bib in latex:
            fields.append(Field(bib, latex[bib]))
    if "original-date" in item:
        fields.append(Field("origdate", str(item["original-date"]["date-parts"][0][0])))
    fields.append(Field("url", item["URL"]))
    if item["language"] in BIBLATEX_LANGUAGES:
        fields.append(Field("langid", BIBLATEX_LANGUAGES[item["language"]]))
    fields.append(Field("note", latex["note"]))
    if "annotation" in latex:
        fields.append(Field("annotation", latex["annotation"]))
    return Entry(BIBTEX_TYPES[kind], item["id"], fields)


def bibtex_text(items: Sequence[CslItem]) -> str:
    library = Library([bibtex_entry(item) for item in items])
    return write_string(library)


def csl_json_text(items: Sequence[CslItem]) -> str:
    return json.dumps(list(items), ensure_ascii=False, indent=2) + "\n"


def download_files(facts: CitedEdition) -> dict[str, str]:
    """Every reference-manager file: the whole edition at the site's root (edition.ris …), each
    section and quotation under cite/ (cite/praise.ris, cite/q-kommodov-brass-wall.bib …)."""
    items = csl_items(facts)
    names = ["edition"] + [s.key for s in facts.sections] + [q.id for q in facts.quotations]
    files: dict[str, str] = {}
    for name, item in zip(names, items, strict=True):
        stem = name if name == "edition" else f"cite/{name}"
        files[f"{stem}.ris"] = ris_text([item])
        files[f"{stem}.bib"] = bibtex_text([item])
        files[f"{stem}.csl.json"] = csl_json_text([item])
    return files


def download_links(key: str, prefix: str = "") -> list[tuple[str, str]]:
    """The (label, href) pairs of one section's files, for `cite_box` (prefix: the way from the
    page to the site's root, "" for the chapter pages at the root)."""
    return [
        (label, f"{prefix}cite/{key}.{ext}")
        for label, ext in (("RIS", "ris"), ("BibTeX", "bib"), ("CSL-JSON", "csl.json"))
    ]
