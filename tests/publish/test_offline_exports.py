"""The offline exports as a reader gets them (tools/publish/export.py), read back with the tools a
reader's software uses: poppler (pdfinfo, pdftotext) for the PDFs, epubcheck and an XML parser for
the EPUB, the one HTML parser for the single file.

- the handout fits on at most 6 pages of A4 and of US Letter, the worksheet and its key on 2 each;
- every sentence of original/secret-history-part-19.txt is in the handout, the full PDF, the EPUB
  and the single file, verbatim;
- on paper, each ¶ number stands on the line where its paragraph's first words are;
- the handout's footnote numbers are unique (the chapter's 1–7);
- the key's facts are the source list's, quotation by quotation;
- epubcheck finds no error and no warning; the EPUB says who published, edited and dated it;
- the single file has no script, and each note call opens its note;
- no paper or e-reader text asks to hover, tap or click, and no internal file name shows.

The exports are the session's one build's (tests/session.py).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from complexity import cpu, growth
from session import FILES as names
from session import Built

PROJECT = Path(__file__).resolve().parents[2]

from tools.checker import check  # noqa: E402
from tools.model.dates import date_text  # noqa: E402
from tools.model.edition import Checked  # noqa: E402
from tools.model.html import classes, local, parse, parse_fragment, text_of  # noqa: E402
from tools.publish.bookpages import ExportFailed, Page, Relinker, allowed_of, for_medium  # noqa: E402
from tools.publish.exportcheck import guarded  # noqa: E402
from tools.site.markup import plain  # noqa: E402

ORIGINAL = PROJECT / "original" / "secret-history-part-19.txt"
# A sentence ends at . ! ? or …, with or without a closing quotation mark after it.
SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…]”))\s+")
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
# A short run: the JVM's top compiler tier and parallel collector only add CPU time on two cores
# (epubcheck: 7.7 s of CPU without these, 3.3 s with them, the same report).
JAVA_SHORT_RUN = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
INTERACTION = re.compile(r"(?i)\b(hover\w*|tap|taps|tapp\w*|click\w*|tooltips?)\b")
FILE_NAME = re.compile(r"\b[\w-]+\.(md|yml|py)\b")
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
NOT_RUN = {"fn-ref", "para-number"}  # the edition's numbers and calls inside a chapter paragraph


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} not found", pytrace=False)
        pytest.skip(f"{tool} not found")
    return path


@pytest.fixture(scope="module")
def checked() -> Checked:
    result = check(PROJECT)
    assert result.checked is not None, [str(f) for f in result.errors]
    return result.checked


@pytest.fixture(scope="module")
def dist(built: Built) -> Path:
    """Every export, as the session's one build made them (tests/session.py)."""
    return built.dist


# --- reading PDFs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    page: int
    line: tuple[str, str, str]  # block, paragraph, line on the page, as poppler groups them
    left: float
    bottom: float
    height: float
    text: str


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


@functools.cache  # a PDF of the session's build is read once per worker, by every test that reads it
def pdf_words(pdf: Path) -> list[Word]:
    tsv = subprocess.run(
        [need("pdftotext"), "-tsv", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = []
    for row in tsv.splitlines()[1:]:
        level, page, par, block, line, _, left, top, _, height, _, text = row.split("\t")
        if level == "5" and text.strip():
            words.append(
                Word(int(page), (block, par, line), float(left), float(top) + float(height), float(height), text)
            )
    return words


def body_height(words: list[Word]) -> float:
    """The height poppler gives the body text's words: the most common height."""
    counts: dict[float, int] = {}
    for word in words:
        counts[round(word.height, 1)] = counts.get(round(word.height, 1), 0) + 1
    return max(counts, key=lambda h: counts[h])


def joined(words: list[Word]) -> str:
    """The words as running text: a line that ends in a hyphen runs on into the next (the PDFs
    never hyphenate, so that hyphen is the text's own: counter-|revolutionary)."""
    out: list[str] = []
    last: Word | None = None
    for word in words:
        if (
            out
            and last is not None
            and (last.page, last.line) != (word.page, word.line)
            and len(last.text) > 1
            and last.text.endswith(("-", "–"))
        ):
            out[-1] += word.text
        else:
            out.append(word.text)
        last = word
    return " ".join(out)


def chapter_text(pdf: Path) -> str:
    """The text set at the body's size or larger (the chapter, its headings and the editors' pages),
    without what is set smaller: footnotes, note calls, ¶ numbers, editor's notes, running heads."""
    words = pdf_words(pdf)
    body = body_height(words)
    return joined([w for w in words if w.height >= body * 0.97])


def original_sentences() -> list[str]:
    paragraphs = [p for p in ORIGINAL.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return [" ".join(s.split()) for p in paragraphs for s in SENTENCE_END.split(p.strip()) if s.strip()]


def missing(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in original_sentences() if s not in flat]


@functools.cache
def epub_text(epub: Path) -> str:
    with zipfile.ZipFile(epub) as book:
        return " ".join(
            text_of(parse(book.read(n).decode("utf-8")), skip=lambda e: bool(classes(e) & NOT_RUN))
            for n in book.namelist()
            if n.endswith(".xhtml")
        )


# --- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [names.handout_a4, names.handout_letter])
def test_the_handout_fits_on_six_pages(dist: Path, name: str) -> None:
    assert pdf_pages(dist / name) <= 6


@pytest.mark.parametrize("name", [names.worksheet, names.worksheet_key])
def test_the_worksheet_and_its_key_fit_on_two_pages(dist: Path, name: str) -> None:
    assert pdf_pages(dist / name) <= 2


@pytest.mark.parametrize("name", [names.handout_a4, names.handout_letter, names.pdf])
def test_every_sentence_is_printed_verbatim(dist: Path, name: str) -> None:
    assert missing(chapter_text(dist / name)) == []


def test_every_sentence_is_in_the_epub_and_the_single_file(dist: Path) -> None:
    single = text_of(parse((dist / names.html).read_text(encoding="utf-8")), skip=lambda e: bool(classes(e) & NOT_RUN))
    assert missing(epub_text(dist / names.epub)) == []
    assert missing(single) == []


@pytest.mark.parametrize("name", [names.handout_a4, names.handout_letter, names.pdf])
def test_no_paragraph_number_is_stranded(dist: Path, name: str, checked: Checked) -> None:
    """Each ¶ number is on the page, and at the height, of its paragraph's first words."""
    words = pdf_words(dist / name)
    texts = [w.text for w in words]
    for place in checked.placed:
        first = place.paragraph.text.split()[:3]
        starts = [i for i in range(1, len(words) - 2) if texts[i : i + 3] == first]
        beside = [
            i
            for i in starts
            for number in words
            if number.text == str(place.number)
            and number.page == words[i].page
            and number.left < words[i].left
            and abs(number.bottom - words[i].bottom) < 3
        ]
        assert beside, f"¶ {place.number} ({' '.join(first)} …) does not stand beside its paragraph's first words"


def test_the_handouts_note_numbers_are_unique(dist: Path, checked: Checked) -> None:
    """The notes at the foot of the pages are the chapter's, each once, in order: 1, 2 … 7."""
    for name in (names.handout_a4, names.handout_letter):
        words = pdf_words(dist / name)
        body = body_height(words)
        markers = [
            int(w.text[:-1])
            for i, w in enumerate(words)
            if re.fullmatch(r"\d{1,2}\.", w.text)
            and w.height < body * 0.9
            and (i == 0 or words[i - 1].line != w.line or words[i - 1].page != w.page)
        ]
        assert markers == sorted(checked.note_number.values()), name


def test_the_keys_facts_are_the_source_lists(dist: Path, checked: Checked) -> None:
    text = joined(pdf_words(dist / names.worksheet_key))
    blocks = re.split(r"\bNote (\d+) · para\. \d+", text)
    found = {int(blocks[i]): blocks[i + 1] for i in range(1, len(blocks) - 1, 2)}
    sources = checked.sources
    assert set(found) == set(checked.note_number.values())
    for q in sources.quotations:
        block = " ".join(found[checked.note_number[q.id]].split())
        trial = sources.trial.get(q.trial or "")
        status = sources.statuses[q.status]
        facts = [
            plain(sources.person[q.speaker].name),
            plain(q.role),
            plain(trial.short) if trial else "Trial not established",
            f"Occasion: {plain(q.occasion)}" if q.occasion else "Occasion: not known",
            f"Date: {date_text(q.date, q.date_inferred)}",
            status.label,
            plain(status.meaning),
            "Orlov’s Russian: not seen" if q.russian is None else "Orlov’s Russian: seen",
            "official Report’s words: not seen" if q.report_wording is None else "official Report’s words: seen",
        ]
        absent = [fact for fact in facts if fact not in block]
        assert absent == [], f"note {checked.note_number[q.id]} ({q.id}): the key does not say {absent}"


@pytest.mark.slow
def test_epubcheck_finds_nothing(dist: Path) -> None:
    java = need("java")
    if not EPUBCHECK.is_file():
        pytest.skip("epubcheck not installed")
    done = subprocess.run(
        [java, *JAVA_SHORT_RUN, "-jar", str(EPUBCHECK), str(dist / names.epub)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "0 fatals / 0 errors / 0 warnings" in done.stdout + done.stderr, done.stdout[-3000:]


def test_the_epub_says_who_published_edited_and_dated_it(dist: Path, checked: Checked) -> None:
    edition = checked.sources.edition
    with zipfile.ZipFile(dist / names.epub) as book:
        opf = ET.fromstring(book.read("EPUB/package.opf"))
        title_page = text_of(parse(book.read("EPUB/titlepage.xhtml").decode("utf-8")))
        nav = parse(book.read("EPUB/nav.xhtml").decode("utf-8"))
    metadata = opf.find("opf:metadata", OPF)
    assert metadata is not None
    publisher = checked.sources.work[edition.translation].publisher
    assert [e.text for e in metadata.findall("dc:publisher", OPF)] == [publisher]
    assert [e.text for e in metadata.findall("dc:date", OPF)] == [edition.date.isoformat()]
    contributors = {e.get("id"): e.text for e in metadata.findall("dc:contributor", OPF)}
    roles = {m.get("refines", "")[1:]: m.text for m in metadata.findall("opf:meta", OPF) if m.get("property") == "role"}
    assert sorted(name for ident, name in contributors.items() if roles.get(ident or "") == "edt") == sorted(
        edition.editors
    )
    author = checked.sources.work[edition.work].author
    assert [e.text for e in metadata.findall("dc:creator", OPF)] == [author]
    assert f"Version of {date_text(edition.date)}" in title_page
    bodymatter = [a.get("href") for a in nav.iter() if local(a.tag) == "a" and a.get("epub:type") == "bodymatter"]
    assert bodymatter == [checked.sections[0].html.replace(".html", ".xhtml")]


def test_the_epubs_notes_are_epub_footnotes(dist: Path, checked: Checked) -> None:
    with zipfile.ZipFile(dist / names.epub) as book:
        pages = {n: parse(book.read(n).decode("utf-8")) for n in book.namelist() if n.endswith(".xhtml")}
    calls = {
        a.get("href", "").split("#")[-1]: a.text
        for root in pages.values()
        for a in root.iter()
        if "fn-ref" in classes(a) and a.get("epub:type") == "noteref"
    }
    notes = {
        e.get("id"): e
        for root in pages.values()
        for e in root.iter()
        if local(e.tag) == "aside" and e.get("epub:type") == "footnote"
    }
    assert sorted(int(n) for n in calls.values()) == sorted(checked.note_number.values())
    assert set(calls) <= set(notes)


def test_the_single_file_runs_nothing_and_opens_every_note(dist: Path, checked: Checked) -> None:
    root = parse((dist / names.html).read_text(encoding="utf-8"))
    assert not [e for e in root.iter() if local(e.tag) == "script"]
    policy = next(
        e.get("content", "")
        for e in root.iter()
        if local(e.tag) == "meta" and e.get("http-equiv") == "Content-Security-Policy"
    )
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "an id is used twice"
    popovers = {e.get("id") for e in root.iter() if e.get("popover") is not None}
    calls = [e for e in root.iter() if local(e.tag) == "button" and "fn-ref" in classes(e)]
    assert sorted(int(text_of(c)) for c in calls) == sorted(checked.note_number.values())
    assert all(c.get("popovertarget") in popovers for c in calls)
    dangling = [
        a.get("href")
        for a in root.iter()
        if local(a.tag) == "a" and a.get("href", "").startswith("#") and a.get("href", "")[1:] not in set(ids)
    ]
    assert dangling == []


@pytest.mark.parametrize("name", [names.handout_a4, names.pdf, names.worksheet, names.worksheet_key, names.epub])
def test_paper_and_e_readers_are_not_asked_to_hover(dist: Path, name: str) -> None:
    text = epub_text(dist / name) if name.endswith(".epub") else joined(pdf_words(dist / name))
    assert INTERACTION.findall(text) == []
    assert FILE_NAME.findall(text) == []


# --- the parts, without an export ------------------------------------------------------------------


def page_of(html: str, kind: str = "editorial", name: str = "index.html") -> Page:
    body = parse_fragment(html)
    body.tag = "section"
    return Page(name, "About", kind, body)


def test_each_medium_keeps_its_own_words() -> None:
    html = '<p id="p-x">Notes: <span class="medium-screen">select a number.</span><span class="medium-paper">see the foot of the page.</span></p>'
    screen, paper = page_of(html), page_of(html)
    for_medium(screen.body, "screen")
    for_medium(paper.body, "paper")
    assert text_of(screen.body) == "Notes: select a number."
    assert text_of(paper.body) == "Notes: see the foot of the page."


def test_an_instruction_paper_cannot_follow_stops_the_export_in_one_line(checked: Checked) -> None:
    page = page_of('<p id="p-x">Hover over a footnote number to read it.</p>')
    with pytest.raises(ExportFailed) as error:
        guarded("the PDF", page, allowed_of(checked, None, "https://edition.example.org/"), "paper")
    assert "\n" not in str(error.value) and "'Hover'" in str(error.value)


def test_content_the_guard_refuses_stops_the_export(checked: Checked) -> None:
    page = page_of('<p id="p-x">A picture <img src="https://example.org/x.png"></p>', kind="generated")
    with pytest.raises(ExportFailed, match=r"^the single file: index.html: <img> is not allowed"):
        guarded("the single file", page, allowed_of(checked, None, "https://edition.example.org/"), "screen")


def test_ids_two_pages_share_are_made_unique_with_their_links() -> None:
    first = page_of('<h2 id="notes">Notes</h2><a href="#notes">n</a><a href="b.html#notes">b</a>', name="a.html")
    second = page_of('<h2 id="notes">Notes</h2><section aria-labelledby="notes"></section>', name="b.html")
    relinker = Relinker([first, second], "https://example.org/", one_document=True)
    relinker.relink(first)
    relinker.relink(second)
    assert [e.get("id") for e in (first.body[0], second.body[0])] == ["a-notes", "b-notes"]
    assert [a.get("href") for a in first.body.iter("a")] == ["#a-notes", "#b-notes"]
    assert second.body[1].get("aria-labelledby") == "b-notes"


def test_splice_is_linear() -> None:
    """Taking out every other child of a wide element costs about twice as much for twice as many."""

    def seconds(count: int) -> float:
        root = ET.Element("section")
        for i in range(count):
            ET.SubElement(root, "span", {"class": "quote-link" if i % 2 else "x"}).tail = f" {i} "
        spent = cpu(lambda: for_medium(root, "paper"))
        assert len(root) == count // 2
        return spent

    ratio = growth(lambda: seconds(10_000), lambda: seconds(100_000), 15)
    assert ratio <= 15, f"ten times the children took {ratio:.1f} times the time"
