"""The print edition (tools/publish/pdf.py), from the session's build, read back with poppler
(pdfinfo, pdffonts, pdftotext, pdftoppm) and zbar (zbarimg), as a reader's software reads it:

- a tagged A4 PDF with its title and author, at most 80 pages, every font embedded from the local files;
- a title page that says what the text is, a contents page whose page numbers are right, and on every
  other page the running head (the book and the section) and the folio (n / total); the works' full
  entries one chapter for each kind, its parts (the site's pages) running on;
- each of the chapter's notes at the foot of the page that calls it;
- a link that leaves the edition prints its address after its words, once;
- every QR code of the teachers' pages reads back, with a phone's decoder, as the published address
  of a section or a quotation, and there is one for each;
- WeasyPrint may open the font files and nothing else: any other request stops the export.

(Every sentence verbatim, the ¶ numbers and the handouts: tests/publish/test_offline_exports.py.)
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from session import FILES as names
from session import PUBLISHED_URL, Built
from test_offline_exports import ORIGINAL, Word, body_height, missing, need, original_sentences, pdf_words

from tools.model.edition import Checked
from tools.model.kindpages import kind_pages
from tools.publish.bookpages import ExportFailed
from tools.publish.fonts import find_faces
from tools.publish.pdf import Renderer, render, rendered
from tools.site.sourcespage import kind_title

HEADER_BELOW, FOLIO_ABOVE = 45.0, 790.0  # points from the top of an A4 page: the margins' bands
MAX_PAGES, MAX_BYTES = 80, 600_000  # a doubling of the bytes means full fonts or images


@pytest.fixture(scope="module")
def pdf(built: Built) -> Path:
    return built.dist / names.pdf


@pytest.fixture(scope="module")
def words(pdf: Path) -> list[Word]:
    return pdf_words(pdf)


def top(word: Word) -> float:
    return word.bottom - word.height


def band(words: list[Word], page: int, where: str) -> str:
    """The running head ("head"), the folio ("foot") or the body ("body") of a page, as text."""
    chosen = [
        w
        for w in words
        if w.page == page
        and {"head": top(w) < HEADER_BELOW, "foot": top(w) > FOLIO_ABOVE}.get(
            where, HEADER_BELOW <= top(w) <= FOLIO_ABOVE
        )
    ]
    return " ".join(w.text for w in chosen)


def test_a_tagged_a4_pdf_with_its_title_and_author(pdf: Path, checked: Checked) -> None:
    lines = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    info = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines.splitlines())}
    assert info["Page size"].startswith("595.276 x 841.89 pts (A4)")
    assert info["Tagged"] == "yes"
    assert info["Title"] == checked.sources.edition.title
    assert info["Author"] == checked.sources.work[checked.sources.edition.work].author
    assert 10 < int(info["Pages"]) <= MAX_PAGES
    assert pdf.stat().st_size < MAX_BYTES


def test_every_font_is_embedded_from_the_local_files(pdf: Path) -> None:
    rows = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = [row.split() for row in rows.splitlines()[2:]]
    assert fonts
    assert [row[0] for row in fonts if "Edition-" not in row[0] or row[-5] != "yes"] == []


def test_the_title_page_says_what_the_text_is(words: list[Word], checked: Checked) -> None:
    title = " ".join(w.text for w in words if w.page == 1)
    edition = checked.sources.edition
    assert title.startswith(edition.title)
    author = checked.sources.work[edition.work].author
    assert author is not None
    for part in (author, "author of the original", PUBLISHED_URL, "Version of 24 November 2026", "Edited by"):
        assert part in title, part
    assert re.search(r"A link and a QR code for every section and quotation: For teachers, page \d+", title)


def contents(words: list[Word]) -> list[tuple[str, int]]:
    text = band(words, 2, "body")
    assert text.startswith("Contents ")
    return [(t, int(n)) for t, n in re.findall(r"([A-Z][^.]*?) [. ]*(\d+)(?= |$)", text.removeprefix("Contents "))]


def test_the_contents_give_the_right_page_numbers(words: list[Word], checked: Checked) -> None:
    entries = contents(words)
    titles = [t for t, _ in entries]
    assert titles[:2] == ["About this edition", checked.sections[0].title]
    assert {"For teachers", "People", "Quotations", "The trials", "Sources"} <= set(titles)
    book = checked.sources.edition.title
    for title, number in entries:
        assert band(words, number, "head") == f"{book} {title}", (title, number)
        assert band(words, number - 1, "head") != f"{book} {title}", f"{title} starts before page {number}"


def test_a_kinds_full_entries_are_one_chapter(words: list[Word], checked: Checked) -> None:
    """The site pages a heavy kind's full entries (sources-primary-2.html …) for a first view's
    weight; on paper each kind is one chapter, listed once, its parts running on (pdf.runs_on)."""
    titles = [t for t, _ in contents(words)]
    kinds = [kind_title(k) for k in dict.fromkeys(p.kind for p in kind_pages(checked.sources))]
    assert [t for t in titles if t in kinds] == kinds
    assert not [t for t in titles if re.search(r"\(\d+ of \d+\)", t)]


def test_every_page_has_its_running_head_and_folio(words: list[Word], checked: Checked) -> None:
    total = max(w.page for w in words)
    assert band(words, 1, "head") == band(words, 1, "foot") == ""  # the title page
    book = checked.sources.edition.title
    for page in range(2, total + 1):
        assert band(words, page, "head").startswith(book), page
        assert band(words, page, "foot") == f"{page} / {total}", page


def test_each_note_is_at_the_foot_of_the_page_that_calls_it(words: list[Word], checked: Checked) -> None:
    """A call is the note's number set small in the running text; the note begins with its number
    and a full stop, set small, at the start of a line, below the text of that page."""
    body = body_height(words)
    small = [w for w in words if w.height < body * 0.9 and HEADER_BELOW <= top(w) <= FOLIO_ABOVE]
    chapter_pages = {
        number for title, number in contents(words) for s in checked.sections if s.title == title
    }  # each chapter section's first page; its notes may be on the next pages of the section
    for note in sorted(checked.note_number.values()):
        calls = [w for w in small if w.text == str(note)]
        bodies = [w for i, w in enumerate(small) if w.text == f"{note}." and (i == 0 or small[i - 1].line != w.line)]
        called_on = {w.page for w in calls if min(chapter_pages) <= w.page}
        assert len(bodies) == 1, (note, bodies)
        assert bodies[0].page in called_on, f"note {note} is on page {bodies[0].page}, called on {called_on}"
        on_page = [w for w in words if w.page == bodies[0].page and w.height >= body * 0.97]
        assert all(top(w) < top(bodies[0]) for w in on_page if HEADER_BELOW <= top(w) <= FOLIO_ABOVE), note


def test_an_address_is_printed_after_the_words_of_its_link_once(words: list[Word]) -> None:
    text = " ".join(w.text for w in words)
    assert re.search(r"\(read at [\w.-]+ https?://", text)  # "read at factmonster.com https://…"
    assert not re.search(r"(https?://\S+) \1(?!\S)", text)


def test_the_text_check_can_fail() -> None:
    """What test_offline_exports.py compares would see one changed word."""
    text = ORIGINAL.read_text(encoding="utf-8")
    assert len(original_sentences()) > 17 and missing(text) == []
    changed = text.replace("overwhelmed with emotion", "overcome with emotion", 1)
    assert changed != text
    assert missing(changed) == [s for s in original_sentences() if "overwhelmed with emotion" in s]


# --- QR codes --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_qr_code_reads_back_as_a_published_address(
    pdf: Path, words: list[Word], checked: Checked, tmp_path: Path
) -> None:
    """The teachers' pages drawn at 150 dpi, as a phone's camera would see them, and decoded by zbar:
    one code for each section and each quotation of the chapter, each the published address."""
    zbarimg = need("zbarimg")
    teachers = dict(contents(words))["For teachers"]
    last = min(n for _, n in contents(words) if n > teachers) - 1
    subprocess.run(
        [
            need("pdftoppm"),
            "-f",
            str(teachers),
            "-l",
            str(last),
            "-r",
            "150",
            "-gray",
            "-png",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=120,
    )
    images = sorted(map(str, tmp_path.glob("p-*.png")))
    decoded = subprocess.run([zbarimg, "-q", "--raw", *images], capture_output=True, text=True, timeout=120).stdout
    found = set(decoded.split())
    sections = {PUBLISHED_URL + s.html for s in checked.sections}
    quotations = {
        f"{PUBLISHED_URL}{place.page.removesuffix('.md')}.html#{q}" for q, place in checked.quotation_place.items()
    }
    assert sections | quotations <= found
    assert {url for url in found if not url.startswith(PUBLISHED_URL)} == set()


# --- no request --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_weasyprint_may_open_the_font_files_and_nothing_else(tmp_path: Path) -> None:
    faces = find_faces()
    fonts = faces[0].file.parent.as_uri()
    face = (
        f'<style>@font-face {{ font-family: E; src: url("{faces[0].file.as_uri()}"); }} p {{ font-family: E; }}</style>'
    )
    page = "<!DOCTYPE html><html lang=en><head><title>t</title>{}</head><body><p>text</p>{}</body></html>"
    done = render(page.format(face, ""), tmp_path / "ok.pdf", "urn:uuid:0", faces)
    assert done.requested == (faces[0].file.as_uri(),) and done.pages == 1
    hostile = [
        '<img src="https://example.org/tracker.png" alt="">',
        '<link rel="stylesheet" href="http://example.org/print.css">',
        "<style>@import url(https://example.org/x.css);</style>",
        '<style>@font-face { font-family: X; src: url("https://example.org/x.woff2"); } p { font-family: X; }</style>',
        '<img src="file:///etc/passwd" alt="">',
        f'<img src="{fonts}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="">',
        f'<img src="{fonts}/another.ttf" alt="">',  # another file beside the fonts
        '<img src="data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22/%3E" alt="">',
    ]
    for element in hostile:
        with pytest.raises(ExportFailed, match="the printed exports may not request"):
            render(page.format(face, element), tmp_path / "book.pdf", "urn:uuid:0", faces)
        assert not (tmp_path / "book.pdf").exists(), element


# --- the workers ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_worker_that_dies_is_one_line_not_a_hang(tmp_path: Path) -> None:
    """A worker killed while it renders (as the kernel kills one out of memory): the build gets
    ExportFailed, where multiprocessing.Pool would have waited for it for ever."""
    renderer = Renderer(workers=1)
    try:
        page = "<!DOCTYPE html><html lang=en><head><title>t</title></head><body>{}</body></html>"
        long = page.format("<p>A paragraph to lay out.</p>" * 20_000)  # some seconds of layout
        result = renderer.render(long, tmp_path / "book.pdf", "urn:uuid:0")
        assert renderer.pool is not None
        [worker] = renderer.pool._processes.values()
        worker.kill()
        with pytest.raises(ExportFailed, match="a PDF worker stopped before its PDF was made"):
            rendered(result)
    finally:
        renderer.stop()
    assert not (tmp_path / "book.pdf").exists()
