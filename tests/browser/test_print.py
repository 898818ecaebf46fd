"""Print as a teacher needs it, checked on the PDF Chromium prints (read back with poppler's
pdftotext, and the teachers' QR codes with zbarimg): paragraph numbers in the text flow on the
page and in the single file, chapter text no smaller than its notes, and every QR code on the
same page as the address it encodes, on a compact handout."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .conftest import Published

pytestmark = pytest.mark.browser

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
A4_WIDTH_PT = 595.0


@dataclass(frozen=True)
class Word:
    page: int
    x: float
    y: float
    height: float
    text: str


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: run .ci/install-system-deps", pytrace=False)
    return path


def printed(page: Page, url: str, pdf: Path, margin: str = "1.5cm") -> list[Word]:
    """Print `url` to an A4 PDF as a reader's browser would (print media), and read its words."""
    page.goto(url, wait_until="networkidle")
    page.pdf(path=str(pdf), format="A4", margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
    out = subprocess.run([need("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for number, body in enumerate(out.split("<page ")[1:], start=1):
        for m in WORD.finditer(body):
            x0, y0, _, y1 = map(float, m.groups()[:4])
            words.append(Word(number, x0, y0, y1 - y0, m.group(5)))
    return words


def column_left(words: list[Word]) -> float:
    """Where the lines of text start: the commonest left edge of a printed line."""
    starts: dict[tuple[int, int], float] = {}
    for w in words:
        key = (w.page, round(w.y))
        starts[key] = min(starts.get(key, w.x), w.x)
    edges = Counter(round(x) for x in starts.values())
    return float(edges.most_common(1)[0][0])


def numbers_in_flow(words: list[Word], paragraphs: dict[str, tuple[str, str]]) -> dict[str, bool]:
    """For each paragraph id: is its number printed in the text column (not hung in the page
    margin, which the paper may not have), right before its first word, on the same line?"""
    left = column_left(words) - 1
    found = {}
    for pid, (number, first) in paragraphs.items():
        found[pid] = any(
            words[i].text == number
            and words[i + 1].text == first
            and words[i].page == words[i + 1].page
            and abs(words[i].y - words[i + 1].y) < 4
            and left <= words[i].x < words[i + 1].x < A4_WIDTH_PT
            for i in range(len(words) - 1)
        )
    return found


def paragraph_starts(page: Page) -> dict[str, tuple[str, str]]:
    """id -> (its number, the first word of its text) for the chapter paragraphs on the page."""
    return dict(
        page.evaluate(
            """() => [...document.querySelectorAll('p[id^="p-"]')].filter(p => p.querySelector('.para-number'))
                .map(p => { const copy = p.cloneNode(true);
                            copy.querySelectorAll('.para-number, .permalink-tools').forEach(e => e.remove());
                            return [p.id, [p.querySelector('.para-number').textContent.trim(),
                                           copy.textContent.trim().split(/\\s+/)[0]]]; })"""
        )
    )


# The browser's margins, and none (a reader may choose either): numbers hung in a margin are lost.
MARGINS = ["1.5cm", "0"]


@pytest.mark.parametrize("margin", MARGINS)
def test_paragraph_numbers_print_in_the_text_flow(
    margin: str, published_url: str, browser: Browser, tmp_path: Path
) -> None:
    page = browser.new_page()
    page.goto(published_url + "praise.html", wait_until="load")
    starts = paragraph_starts(page)
    assert len(starts) == 6
    words = printed(page, published_url + "praise.html", tmp_path / "praise.pdf", margin)
    assert numbers_in_flow(words, starts) == {pid: True for pid in starts}
    assert all(w.x >= 0 for w in words), "nothing is printed off the page"
    page.close()


@pytest.mark.parametrize("margin", MARGINS)
def test_the_single_file_prints_its_paragraph_numbers(
    margin: str, published: Published, browser: Browser, tmp_path: Path
) -> None:
    page = browser.new_page()
    page.goto(published.single.as_uri(), wait_until="load")
    starts = paragraph_starts(page)
    assert len(starts) == 16
    words = printed(page, published.single.as_uri(), tmp_path / "single.pdf", margin)
    assert numbers_in_flow(words, starts) == {pid: True for pid in starts}
    page.close()


def test_chapter_text_is_not_smaller_than_its_notes(published_url: str, browser: Browser, tmp_path: Path) -> None:
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(published_url + "praise.html", wait_until="load")
    sizes = page.evaluate(
        """() => Object.fromEntries([['text', 'p[id^="p-"]'], ['footnote', '.footnote li p'], ['note', 'aside.editorial p:not(.admonition-title)']]
            .map(([k, sel]) => [k, parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)]))"""
    )
    assert sizes["text"] >= sizes["footnote"] and sizes["text"] >= sizes["note"], sizes
    page.emulate_media(media=None)
    words = printed(page, published_url + "praise.html", tmp_path / "praise.pdf")
    # The same on paper: a word of the text against a word of a footnote and of an editor's note.
    heights = {w.text: w.height for w in words}
    text, footnote, note = heights["frenzied"], heights["Yanuaryevich"], heights["incomplete,"]
    assert text >= footnote and text >= note, (text, footnote, note)
    page.close()


def test_every_qr_code_prints_on_the_page_of_its_address(published_url: str, browser: Browser, tmp_path: Path) -> None:
    page = browser.new_page()
    pdf = tmp_path / "teachers.pdf"
    printed(page, published_url + "teachers.html", pdf)
    qr_count = page.locator("svg.qr").count()
    pages = int(
        re.search(
            r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        ).group(1)
    )
    assert pages <= 5, f"the teachers' handout takes {pages} pages (7 before it was made compact)"
    subprocess.run([need("pdftoppm"), "-r", "200", "-gray", "-png", str(pdf), str(tmp_path / "p")], check=True)
    decoded = 0
    for number in range(1, pages + 1):
        image = next(tmp_path.glob(f"p-{number:0{len(str(pages))}d}.png"))
        found = subprocess.run(
            [need("zbarimg"), "-q", "--raw", str(image)], capture_output=True, text=True
        ).stdout.split()
        text = "".join(
            subprocess.run(
                ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True
            ).stdout.split()
        )
        for url in found:
            assert url in text, f"page {number}: the QR code for {url} is printed apart from its address"
        decoded += len(found)
    assert decoded == qr_count, f"{decoded} of {qr_count} QR codes could be read off the printout"
    page.close()
