"""The print edition (tools/publish/pdf.py), from the session's export, read back with poppler's
pdftotext and pdfinfo: every sentence of the original verbatim, the paragraph numbers, each
footnote on the page of its call, a contents page whose numbers are right, running headers,
embedded fonts, a tagged A4 PDF; and WeasyPrint may open nothing but the font files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from booktext import missing_sentences, normalise, original_sentences, read_site_page, site_paragraphs
from conftest import PROJECT, Exported

from tools.model.schema import load
from tools.publish.builtpages import ExportError
from tools.publish.export import book_metadata
from tools.publish.fonts import find_faces
from tools.publish.pdf import print_document, render_pdf

BOOK = "The Secret History of Stalin’s Purges (19)"
# Budget: about 300 kB with subset fonts and vector QR codes; a doubling means full fonts or images.
MAX_PDF_BYTES = 600_000


def poppler(tool: str, *args: str) -> str:
    path = shutil.which(tool)
    if path is None:
        msg = f"{tool} not found; run .ci/install-system-deps (poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    return subprocess.run([path, *args], capture_output=True, text=True, check=True, timeout=120).stdout


@dataclass(frozen=True)
class PdfPage:
    margins: str  # the running header and the folio
    text: str  # everything between them, whitespace normalised


# The page area (pdf.css: 22 mm top and 24 mm bottom margins on A4), in points: what is outside
# it is the running header and the folio.
BODY_TOP, BODY_BOTTOM = 22 * 72 / 25.4 - 6, 841.89 - 24 * 72 / 25.4 + 6


def joined(word: str) -> bool:
    """Does a word that ends a line run on into the next line's first word? Yes after a hyphen
    (counter-|revolutionary) or a dash inside a word (1936–|1938), not after a dash between spaces."""
    return word.endswith("-") or (len(word) > 1 and word.endswith(("–", "—")))


def read_pages(pdf: Path) -> list[PdfPage]:
    """Each page's words as pdftotext -tsv gives them (in reading order, hyphens kept), lines
    joined by a space, except after a line that ends in a hyphen: with hyphenation off
    (hyphens: manual) that hyphen is the text's own, as in "counter-|revolutionary"."""
    rows = [line.split("\t") for line in poppler("pdftotext", "-tsv", "-enc", "UTF-8", str(pdf), "-").splitlines()[1:]]
    pages: dict[int, tuple[list[str], list[str]]] = {}
    last_line: dict[int, tuple[str, ...]] = {}
    for level, page, par, block, line, _, _, top, *_, text in rows:
        if level != "5":
            continue
        margins, body = pages.setdefault(int(page), ([], []))
        into = body if BODY_TOP < float(top) < BODY_BOTTOM else margins
        key = (par, block, line)
        if into and last_line.get(id(into)) != key and joined(into[-1]):
            into[-1] += text  # the line ended in the text's own hyphen or dash
        else:
            into.append(text)
        last_line[id(into)] = key
    return [PdfPage(" ".join(m), " ".join(b)) for _, (m, b) in sorted(pages.items())]


@pytest.fixture(scope="module")
def pdf_pages(exported: Exported) -> list[PdfPage]:
    return read_pages(exported.pdf)


@pytest.fixture(scope="module")
def pages(pdf_pages: list[PdfPage]) -> list[str]:
    return [p.text for p in pdf_pages]


@pytest.fixture(scope="module")
def info(exported: Exported) -> dict[str, str]:
    lines = poppler("pdfinfo", str(exported.pdf)).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


@pytest.fixture(scope="module")
def chapter_pages() -> list[str]:
    sources, _ = load(PROJECT / "data" / "sources.yml", "data/sources.yml")
    return [name.removesuffix(".md") + ".html" for name in sources.pages]


def loose(text: str) -> re.Pattern[str]:
    """`text` with any whitespace, or none, between its characters: text extraction puts a
    space where a box ends (a status badge before its full stop)."""
    return re.compile(r"\s*".join(re.escape(c) for c in text if not c.isspace()))


@dataclass(frozen=True)
class Called:
    """A footnote as the PDF must show it: its call after the quotation's last words, its body."""

    call: str  # "unfortunate end!” 2": pdftotext sets the raised number apart by a space
    body: str  # "2. Arkady Pavlovich Rosengolts, defendant. …"

    @property
    def pattern(self) -> re.Pattern[str]:
        """The call, and not the start of a numbered line that quotes the same words ("end!” 2. …")."""
        return re.compile(re.escape(self.call) + r"(?![\d.])")


def called_notes(site: Path, pages: list[str]) -> list[Called]:
    out = []
    for page in pages:
        for note in read_site_page(site, page).notes:
            quotation = normalise(quotation_text(site, page, note.ident.removeprefix("fn:")))
            out.append(Called(f"{' '.join(quotation.split()[-3:])} {note.number}", f"{note.number}. {note.printed}"))
    return out


def quotation_text(site: Path, page: str, ident: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    match = re.search(rf'<span id="{re.escape(ident)}">(.*?)</span><sup', html, re.DOTALL)
    assert match, ident
    return re.sub(r"<[^>]+>", "", match.group(1))


def running_text(pages: list[str], notes: list[Called]) -> str:
    """The pages' text in order, without the footnote bodies and the footnote calls."""
    text = " ".join(pages)
    for note in notes:
        text, bodies = loose(note.body).subn(" ", text)
        text, calls = note.pattern.subn(note.call.rsplit(" ", 1)[0], text)
        assert (bodies, calls) == (1, 1), note
    return normalise(text)


# ---------------------------------------------------------------------------- the file


def test_a_tagged_a4_pdf_with_metadata(info: dict[str, str], exported: Exported) -> None:
    assert info["Page size"].startswith("595.276 x 841.89 pts (A4)")
    assert info["Tagged"] == "yes"
    assert info["Title"] == BOOK and info["Author"] == "Alexander Orlov"
    assert int(info["Pages"]) > 10
    assert exported.pdf.stat().st_size < MAX_PDF_BYTES


def test_every_font_is_embedded_from_the_local_files(exported: Exported) -> None:
    rows = poppler("pdffonts", str(exported.pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert "Edition-" in name and emb == "yes", row


# ----------------------------------------------------------------------------- the text


def test_every_sentence_of_the_original_verbatim(pages: list[str], built_site: Path, chapter_pages: list[str]) -> None:
    notes = called_notes(built_site, chapter_pages)
    text = running_text(pages, notes)
    assert len(original_sentences()) > 17
    assert missing_sentences(text) == []


def test_text_check_can_fail(pages: list[str], built_site: Path, chapter_pages: list[str]) -> None:
    notes = called_notes(built_site, chapter_pages)
    changed = [p.replace("overwhelmed with emotion", "overcome with emotion") for p in pages]
    assert changed != pages
    assert missing_sentences(running_text(changed, notes)) == [
        s for s in original_sentences() if "overwhelmed with emotion" in s
    ]


def test_paragraph_numbers_stand_before_their_paragraphs(
    pages: list[str], built_site: Path, chapter_pages: list[str]
) -> None:
    notes = called_notes(built_site, chapter_pages)
    text = running_text(pages, notes)
    paragraphs = site_paragraphs(built_site, chapter_pages)
    assert len(paragraphs) == 16
    for para in paragraphs:
        assert f" {para.number} {para.first_words}" in text, para


def test_each_footnote_is_at_the_foot_of_the_page_of_its_call(
    pages: list[str], built_site: Path, chapter_pages: list[str]
) -> None:
    notes = called_notes(built_site, chapter_pages)
    assert len(notes) == len(load(PROJECT / "data" / "sources.yml", "data/sources.yml")[0].quotations)
    for note in notes:
        [calling] = [i for i, p in enumerate(pages) if note.pattern.search(p)]
        holding = [i for i, p in enumerate(pages) if loose(note.body).search(p)]
        assert holding == [calling], (note, calling, holding)
        # At the foot: after all of the page's own text.
        match = loose(note.body).search(pages[calling])
        assert match is not None and not note.pattern.search(pages[calling][match.end() :])


def test_contents_give_the_right_page_numbers(pdf_pages: list[PdfPage]) -> None:
    contents = pdf_pages[1].text
    assert contents.startswith("Contents ")
    entries = re.findall(r"([A-Z][^.]*?) [. ]*(\d+)(?= |$)", contents.removeprefix("Contents "))
    titles = [t for t, _ in entries]
    assert titles[:3] == ["About this edition", "The trials as a warning", "Praise in the courtroom"], entries
    assert {"People", "Quotations", "The trials", "Sources"} <= set(titles), entries
    for title, number in entries:
        header = pdf_pages[int(number) - 1].margins
        assert header.startswith(f"{BOOK} {title} {number} / "), (title, number, header)
        before = pdf_pages[int(number) - 2].margins
        assert not before.startswith(f"{BOOK} {title} "), (title, "starts earlier")


def test_running_headers_and_folios(pdf_pages: list[PdfPage]) -> None:
    total = len(pdf_pages)
    assert pdf_pages[0].margins == ""  # the title page
    for number, page in enumerate(pdf_pages[1:], start=2):
        assert re.fullmatch(rf"{re.escape(BOOK)} .+ {number} / {total}", page.margins), page.margins


def test_title_page_says_what_the_text_is(pages: list[str]) -> None:
    meta = book_metadata()
    title = pages[0]
    assert title.startswith(BOOK)
    for part in (meta.site.description, meta.rights, "Alexander Orlov", f"{meta.site.url}"):
        assert normalise(part) in title, part


def test_qr_codes_for_the_published_address(exported: Exported, pdf_pages: list[PdfPage]) -> None:
    """The teachers' page carries a QR code for each section and quotation (vector paths in the
    PDF); the title page gives the address and the page they are on."""
    document = print_document(exported.site, book_metadata())
    teachers = document.split('id="page-teachers"', 1)[1].split('id="page-people"', 1)[0]
    assert teachers.count('class="qr"') >= 4 and teachers.count('role="img"') == teachers.count("<svg")
    [number] = re.findall(r"QR codes for every section and quotation: For teachers, page (\d+)", pdf_pages[0].text)
    assert pdf_pages[int(number) - 1].margins.startswith(f"{BOOK} For teachers {number} / ")


# ------------------------------------------------------------------------ no requests


def test_rendering_the_book_opens_only_the_font_files(exported: Exported) -> None:
    """What WeasyPrint requested while the session's export made the PDF, with every network
    connection refused meanwhile (tests/conftest.py `exported`)."""
    requested = exported.pdf_requests
    assert requested and set(requested) <= {face.file.as_uri() for face in find_faces()}, requested


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src="https://example.org/tracker.png" alt="">',
        '<link rel="stylesheet" href="http://example.org/print.css">',
        "<style>@import url(https://example.org/x.css);</style>",
        '<style>@font-face { font-family: X; src: url("https://example.org/x.woff2"); } p { font-family: X; }</style>',
        '<img src="file:///etc/passwd" alt="">',
        '<img src="FONTS/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="">',
        # Another file beside the fonts: only the font files themselves may be opened.
        '<img src="FONTS/another.ttf" alt="">',
        '<img src="data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22/%3E" alt="">',
    ],
)
def test_any_other_request_stops_the_export(hostile: str, tmp_path: Path) -> None:
    hostile = hostile.replace("FONTS", find_faces()[0].file.parent.as_uri())  # the folder of a font file
    document = f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body><p>text</p>{hostile}</body></html>"
    with pytest.raises(ExportError, match="may not request"):
        render_pdf(document, tmp_path / "book.pdf", "urn:uuid:0")
    assert not (tmp_path / "book.pdf").exists()


def test_external_addresses_are_printed_once(pages: list[str]) -> None:
    """A link's address follows its words on paper, unless the words are the address."""
    text = " ".join(pages)
    assert re.search(r"read here <https?://", text)  # "read here" links show where they lead
    assert not re.search(r"(https?://\S+) <\1>", text)


def test_a_duplicate_id_across_pages_stops_the_print_edition(exported: Exported, tmp_path: Path) -> None:
    """The PDF is one document: the print edition refuses what the single file refuses."""
    site = tmp_path / "site"
    shutil.copytree(exported.site, site)
    people = site / "people.html"
    people.write_text(people.read_text(encoding="utf-8").replace('id="stalin"', 'id="p-nonsense"', 1), encoding="utf-8")
    with pytest.raises(ExportError, match="p-nonsense"):
        print_document(site, book_metadata())
