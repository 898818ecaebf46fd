"""The EPUB 3 (tools/publish/epub.py), from the session's export: epubcheck finds nothing, every
sentence of the original is in it verbatim, the paragraphs carry their ids and numbers, the
quotations' footnotes are EPUB 3 footnotes with back-links, the metadata says what the book is."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from booktext import missing_sentences, normalise, original_sentences, site_notes, site_paragraphs
from conftest import PROJECT, Exported, HostileBuild, java_jar

from tools.model.schema import load
from tools.publish.epub import FOLDER, NAV, TITLE_PAGE, xhtml_name

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck (.ci/install-system-deps)
NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
# Budget: the whole book is about 40 kB; a tenfold jump means something got embedded.
MAX_EPUB_BYTES = 150_000


def _need(tool: str, found: bool) -> None:
    if not found:
        msg = f"{tool} not found; run .ci/install-system-deps"
        if os.environ.get("CI"):  # in CI a missing tool must fail, not skip the check
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)


@pytest.fixture(scope="module")
def epub(exported: Exported) -> zipfile.ZipFile:
    return zipfile.ZipFile(exported.epub)


@pytest.fixture(scope="module")
def chapter_pages() -> list[str]:
    sources, _ = load(PROJECT / "data" / "sources.yml", "data/sources.yml")
    return [name.removesuffix(".md") + ".html" for name in sources.pages]


def xml(epub: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(epub.read(f"{FOLDER}/{name}"))


def text_without(element: ET.Element, apparatus: bool = False) -> str:
    """The element's text; with `apparatus`, without the notes, numbers and calls inside it."""
    out: list[str] = []

    def walk(e: ET.Element) -> None:
        if apparatus and e is not element and _skipped(e):
            return
        out.append(e.text or "")
        for child in e:
            walk(child)
            out.append(child.tail or "")

    walk(element)
    return "".join(out)


def _skipped(e: ET.Element) -> bool:
    """The apparatus around the chapter's words: notes, numbers, calls, editors' marks."""
    cls = set(e.get("class", "").split())
    tag = e.tag.rsplit("}", 1)[-1]
    return tag in ("aside", "sup") or bool(cls & {"para-number", "print-url", "editor-mark"})


def chapter_blocks(root: ET.Element) -> list[str]:
    """The chapter's words in a page: its numbered paragraphs and the h1 that is Orlov's."""
    blocks = []
    for e in root.iter():
        tag, cls = e.tag.rsplit("}", 1)[-1], e.get("class", "").split()
        if (tag == "p" and e.get("id", "").startswith("p-")) or (tag == "h1" and "editor-heading" not in cls):
            blocks.append(normalise(text_without(e, apparatus=True)))
    return blocks


# ------------------------------------------------------------------------------ validity


def test_epubcheck_finds_no_error_and_no_warning(exported: Exported) -> None:
    java = shutil.which("java")
    _need("java", java is not None)
    _need("epubcheck", EPUBCHECK_JAR.is_file())
    assert java is not None
    done = subprocess.run(
        java_jar(java, EPUBCHECK_JAR, str(exported.epub)), capture_output=True, text=True, timeout=180
    )
    report = done.stdout + done.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert done.returncode == 0, report


def test_layout_and_reproducible_entries(epub: zipfile.ZipFile, exported: Exported) -> None:
    infos = epub.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert epub.read("mimetype") == b"application/epub+zip" and infos[0].extra == b""
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert exported.epub.stat().st_size < MAX_EPUB_BYTES


def test_nothing_is_fetched(epub: zipfile.ZipFile) -> None:
    for name in epub.namelist():
        if name.endswith((".xhtml", ".css", ".opf")):
            text = epub.read(name).decode("utf-8")
            assert not re.search(r"""\b(?:src|srcset|poster|data)\s*=""", text), name
            assert not re.search(r"<(?:script|link(?![^>]*stylesheet[^>]*edition\.css))\b", text), name
            assert not re.search(r"url\(|@import", text), name


# ----------------------------------------------------------------------------- the text


def test_every_sentence_of_the_original_verbatim(epub: zipfile.ZipFile, chapter_pages: list[str]) -> None:
    # The whole text of the chapter's files, less the notes, numbers and calls between the words.
    text = " ".join(text_without(xml(epub, xhtml_name(p)), apparatus=True) for p in chapter_pages)
    assert len(original_sentences()) > 17  # more sentences than paragraphs: the splitter splits
    assert missing_sentences(text) == []


def test_chapter_blocks_are_the_original_paragraphs(epub: zipfile.ZipFile, chapter_pages: list[str]) -> None:
    blocks = [b for p in chapter_pages for b in chapter_blocks(xml(epub, xhtml_name(p)))]
    original = [normalise(p) for p in (PROJECT / "original" / "secret-history-part-19.txt").read_text().split("\n\n")]
    assert blocks == [p for p in original if p]


def test_text_check_can_fail(epub: zipfile.ZipFile, chapter_pages: list[str]) -> None:
    words = " ".join(" ".join(chapter_blocks(xml(epub, xhtml_name(p)))) for p in chapter_pages)
    changed = words.replace("overwhelmed with emotion", "overcome with emotion", 1)
    assert changed != words
    assert missing_sentences(changed) == [s for s in original_sentences() if "overwhelmed with emotion" in s]


def test_paragraphs_keep_ids_and_visible_numbers(
    epub: zipfile.ZipFile, built_site: Path, chapter_pages: list[str]
) -> None:
    expected = site_paragraphs(built_site, chapter_pages)
    assert [p.number for p in expected] == [str(n) for n in range(1, len(expected) + 1)]
    for para in expected:
        root = xml(epub, xhtml_name(para.page))
        [p] = root.findall(f".//x:p[@id='{para.ident}']", NS)
        number = p.find("x:a", NS)
        assert number is not None and "para-number" in number.get("class", "").split(), para.ident
        assert number.text == para.number and number.get("href") == f"#{para.ident}"


def test_footnotes_are_epub3_footnotes_with_back_links(
    epub: zipfile.ZipFile, built_site: Path, chapter_pages: list[str]
) -> None:
    notes = site_notes(built_site, chapter_pages)
    sources, _ = load(PROJECT / "data" / "sources.yml", "data/sources.yml")
    assert sorted(n.ident for n in notes) == sorted(f"fn:{q}" for q in sources.quotations)
    for note in notes:
        root = xml(epub, xhtml_name(note.page))
        [aside] = [a for a in root.iter(f"{{{NS['x']}}}aside") if a.get("id") == note.ident]
        assert aside.get(EPUB_TYPE) == "footnote" and aside.get("role") == "doc-footnote"
        assert normalise(text_without(aside)).removesuffix(" ↩") == f"{note.number}. {note.text}"
        [back] = [a for a in aside.iter(f"{{{NS['x']}}}a") if a.get("role") == "doc-backlink"]
        ref = note.ident.replace("fn:", "fnref:", 1)
        assert back.get("href") == f"#{ref}"
        [call] = [a for a in root.iter(f"{{{NS['x']}}}a") if a.get("href") == f"#{note.ident}"]
        assert call.get(EPUB_TYPE) == "noteref" and call.text == note.number
        assert any(s.get("id") == ref and call in list(s) for s in root.iter(f"{{{NS['x']}}}sup"))


def test_editors_notes_and_headings_are_marked(epub: zipfile.ZipFile, built_site: Path) -> None:
    site_count = (built_site / "praise.html").read_text(encoding="utf-8").count('class="admonition editorial"')
    root = xml(epub, "praise.xhtml")
    asides = [a for a in root.iter(f"{{{NS['x']}}}aside") if "editorial" in a.get("class", "").split()]
    assert len(asides) == site_count > 0
    for aside in asides:
        assert normalise(text_without(aside)).startswith("Editor’s note ")
    [h1] = root.iter(f"{{{NS['x']}}}h1")
    assert normalise(text_without(h1)).endswith("(editor’s heading)")
    css = epub.read(f"{FOLDER}/edition.css").decode("utf-8")
    assert re.search(r"aside\.editorial\s*\{[^}]*border:", css)


def test_apparatus_and_legend_are_in_the_book(epub: zipfile.ZipFile) -> None:
    index = ET.tostring(xml(epub, "index.xhtml"), encoding="unicode")
    for status in ("verified", "attributed", "unverified", "paraphrase"):
        assert f'id="status-{status}"' in index
    nav = xml(epub, NAV)
    [toc] = [n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == "toc"]
    targets = [a.get("href") for a in toc.iter(f"{{{NS['x']}}}a")]
    for page in ("people", "quotations", "trials", "sources", "warning", "praise", "trotsky", "meetings"):
        assert f"{page}.xhtml" in targets
    assert targets[0] == TITLE_PAGE and "offline.xhtml" not in targets
    # Links between pages point into the book; a person link lands on the people page's entry.
    praise = ET.tostring(xml(epub, "praise.xhtml"), encoding="unicode")
    assert 'href="people.xhtml#vyshinsky"' in praise and 'href="people.html' not in praise


# ----------------------------------------------------------------------------- metadata


def test_metadata(epub: zipfile.ZipFile) -> None:
    opf = xml(epub, "package.opf")
    meta = opf.find("opf:metadata", NS)
    assert meta is not None

    def dc(name: str) -> list[str]:
        return [e.text or "" for e in meta.findall(f"dc:{name}", NS)]

    def prop(name: str) -> list[str]:
        return [e.text or "" for e in meta.findall("opf:meta", NS) if e.get("property") == name]

    assert dc("title") == ["The Secret History of Stalin’s Purges (19)"]
    assert dc("creator") == ["Alexander Orlov"]
    author = meta.find("dc:creator", NS)
    assert author is not None
    role = [e for e in meta.findall("opf:meta", NS) if e.get("refines") == f"#{author.get('id')}"]
    assert [(e.get("property"), e.get("scheme"), e.text) for e in role] == [("role", "marc:relators", "aut")]
    assert dc("language") == ["en"] and dc("publisher") and dc("publisher")[0].startswith(dc("title")[0])
    stable = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'edition:' + dc('title')[0])}"
    assert dc("identifier") == [stable] and opf.get("unique-identifier") == meta.find("dc:identifier", NS).get("id")
    [modified] = prop("dcterms:modified")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)
    assert set(prop("schema:accessMode")) == {"textual", "visual"} and prop("schema:accessModeSufficient")
    assert {"structuralNavigation", "tableOfContents"} <= set(prop("schema:accessibilityFeature"))
    assert prop("schema:accessibilityHazard") == ["none"] and prop("schema:accessibilitySummary")


def test_hostile_data_stays_text_in_the_books(hostile_build: HostileBuild) -> None:
    """tests/hostile.py plants a script, an image with an error handler, an iframe, an attribute
    breakout and javascript: links in every rendered field of a copy; its export made an EPUB and
    a PDF (so WeasyPrint requested nothing it may not) in which all of it is text, not markup."""
    assert hostile_build.pdf.stat().st_size > 0
    with zipfile.ZipFile(hostile_build.epub) as book:
        pages = [n for n in book.namelist() if n.endswith(".xhtml")]
        planted = 0
        for name in pages:
            text = book.read(name).decode("utf-8")
            for element in ET.fromstring(text).iter():  # still well-formed XML
                tag = element.tag.rsplit("}", 1)[-1]
                assert tag not in {"script", "iframe", "img", "object", "embed", "style", "form"}, (name, tag)
                assert not [a for a in element.attrib if a.rsplit("}", 1)[-1].startswith("on")], (name, tag)
                address = element.get("href", "") + element.get("src", "")
                assert not address.strip().lower().startswith("javascript:"), (name, address)
            planted += text.count("&lt;script&gt;alert(")
        assert planted > 10  # the attacks did reach the book, as words
