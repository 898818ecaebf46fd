"""The EPUB 3 (tools/publish/epub.py), from the session's build, beyond what
tests/publish/test_offline_exports.py reads (epubcheck, the words, who published it, its notes):

- the container as EPUB requires it (mimetype first, stored, no extra field), every entry dated
  1980-01-01 so that two exports are the same bytes, and the whole book small;
- nothing in it is fetched or run: no src, no script, one stylesheet of its own, no url() or @import;
- the chapter's paragraphs, in order, are the original's, each with its id and its visible number;
- each note an EPUB footnote that links back to its call; the editor's notes and headings marked as
  the editors', in words and by a frame;
- the contents list every page, the title page first and no online-only page; links between pages
  stay in the book; the status legend's ids are on the landing page;
- its metadata: a stable identifier, the modification time, the author's role, accessibility.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

import pytest
from session import FILES as names
from session import Built

from tools.model.edition import Checked
from tools.model.kindpages import kind_pages
from tools.publish.epub import FOLDER, NAV, TITLE_PAGE, xhtml_name

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
MAX_BYTES = 150_000  # about 90 kB: a jump means something got embedded


@pytest.fixture(scope="module")
def book(built: Built) -> Iterator[zipfile.ZipFile]:
    with zipfile.ZipFile(built.dist / names.epub) as epub:
        yield epub


def xml(book: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(book.read(f"{FOLDER}/{name}"))


def classes(e: ET.Element) -> set[str]:
    return set(e.get("class", "").split())


def words(e: ET.Element, skip: set[str] = frozenset({"para-number", "fn-ref"})) -> str:  # type: ignore[assignment]
    out = [e.text or ""]
    for child in e:
        if not classes(child) & skip:
            out.append(words(child, skip))
        out.append(child.tail or "")
    return "".join(out)


def test_the_container_is_as_epub_requires_and_the_same_every_time(book: zipfile.ZipFile, built: Built) -> None:
    infos = book.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert book.read("mimetype") == b"application/epub+zip" and infos[0].extra == b""
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert (built.dist / names.epub).stat().st_size < MAX_BYTES


def test_nothing_is_fetched_or_run(book: zipfile.ZipFile) -> None:
    for name in book.namelist():
        if name.endswith((".xhtml", ".css", ".opf")):
            text = book.read(name).decode("utf-8")
            assert not re.search(r"""\s(?:src|srcset|poster|data|xlink:href)\s*=""", text), name
            assert not re.search(r"<script\b", text), name
            assert re.findall(r"<link\b[^>]*>", text) in (
                [],
                ['<link rel="stylesheet" type="text/css" href="edition.css"/>'],
            )
            assert not re.search(r"url\(|@import", text), name


def test_the_chapters_paragraphs_are_the_originals_with_their_ids_and_numbers(
    book: zipfile.ZipFile, checked: Checked
) -> None:
    found = []
    for page in checked.chapter.pages:
        root = xml(book, xhtml_name(page.name.replace(".md", ".html")))
        for p in root.iter(f"{{{NS['x']}}}p"):
            if "chapter-paragraph" in classes(p):
                number = p.find("x:a", NS)
                assert number is not None and "para-number" in classes(number)
                assert number.get("href") == f"#{p.get('id')}"
                found.append((p.get("id"), number.text, " ".join(words(p).split())))
    assert found == [(x.paragraph.id, str(x.number), " ".join(x.paragraph.text.split())) for x in checked.placed]


def test_each_note_is_an_epub_footnote_that_links_back_to_its_call(book: zipfile.ZipFile, checked: Checked) -> None:
    notes = 0
    for page in checked.chapter.pages:
        root = xml(book, xhtml_name(page.name.replace(".md", ".html")))
        for aside in root.iter(f"{{{NS['x']}}}aside"):
            if aside.get(EPUB_TYPE) != "footnote" or "footnote" not in classes(aside):
                continue  # a name's card is an EPUB footnote too
            notes += 1
            ident = aside.get("id", "").removeprefix("fn:")
            assert aside.get("role") == "doc-footnote"
            [back] = [a for a in aside.iter(f"{{{NS['x']}}}a") if a.get("role") == "doc-backlink"]
            assert back.get("href") == f"#fnref:{ident}"
            [call] = [a for a in root.iter(f"{{{NS['x']}}}a") if a.get("id") == f"fnref:{ident}"]
            assert call.get(EPUB_TYPE) == "noteref" and call.text == str(checked.note_number[ident])
    assert notes == len(checked.note_number)


def test_the_editors_notes_and_headings_are_marked(book: zipfile.ZipFile, checked: Checked) -> None:
    root = xml(book, "praise.xhtml")
    asides = [a for a in root.iter(f"{{{NS['x']}}}aside") if "editorial" in classes(a)]
    assert (
        len(asides)
        == len(
            [n for p in checked.placed if p.page == "praise.md" for n in checked.notes_after.get(p.paragraph.id, [])]
        )
        > 0
    )
    assert all(" ".join(words(a).split()).startswith("Editor’s note") for a in asides)
    [h1] = root.iter(f"{{{NS['x']}}}h1")
    assert " ".join(words(h1).split()).endswith("(editor’s heading)")
    css = book.read(f"{FOLDER}/edition.css").decode("utf-8")
    assert re.search(r"aside\.editorial\s*\{[^}]*border:", css)


def test_the_contents_and_the_links_stay_in_the_book(book: zipfile.ZipFile, checked: Checked) -> None:
    nav = xml(book, NAV)
    [toc] = [n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == "toc"]
    targets = [a.get("href") for a in toc.iter(f"{{{NS['x']}}}a")]
    assert targets[0] == TITLE_PAGE and "offline.xhtml" not in targets
    for page in ("index", "warning", "praise", "trotsky", "meetings", "people", "quotations", "trials", "sources"):
        assert f"{page}.xhtml" in targets
    # the works' full entries, on the pages of their kinds, after the bibliography
    for entries in kind_pages(checked.sources):
        assert targets.index(entries.name.removesuffix(".md") + ".xhtml") > targets.index("sources.xhtml")
    praise = book.read(f"{FOLDER}/praise.xhtml").decode("utf-8")
    assert re.search(r'href="sources(-[a-z]+(-\d+)?)?\.xhtml#', praise) and not re.search(r'href="[\w-]+\.html', praise)
    index = ET.tostring(xml(book, "index.xhtml"), encoding="unicode")
    for status in ("verified", "attributed", "unverified", "paraphrase"):
        assert f'id="status-{status}"' in index


def test_the_metadata(book: zipfile.ZipFile, checked: Checked) -> None:
    opf = xml(book, "package.opf")
    meta = opf.find("opf:metadata", NS)
    assert meta is not None

    def prop(name: str) -> list[str]:
        return [e.text or "" for e in meta.findall("opf:meta", NS) if e.get("property") == name]

    title = checked.sources.edition.title
    assert [e.text for e in meta.findall("dc:title", NS)] == [title]
    assert [e.text for e in meta.findall("dc:language", NS)] == ["en"]
    [identifier] = meta.findall("dc:identifier", NS)
    assert identifier.text == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'edition:' + title)}"
    assert opf.get("unique-identifier") == identifier.get("id")
    [author] = meta.findall("dc:creator", NS)
    roles = [e for e in meta.findall("opf:meta", NS) if e.get("refines") == f"#{author.get('id')}"]
    assert [(e.get("property"), e.get("scheme"), e.text) for e in roles] == [("role", "marc:relators", "aut")]
    [modified] = prop("dcterms:modified")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)
    assert set(prop("schema:accessMode")) == {"textual", "visual"} and prop("schema:accessModeSufficient")
    assert {"structuralNavigation", "tableOfContents"} <= set(prop("schema:accessibilityFeature"))
    assert prop("schema:accessibilityHazard") == ["none"] and prop("schema:accessibilitySummary")
