"""What the reading-aid tests share: the two devices and the two colour schemes, pressing as each
does, waiting for the page to settle, boxes and colours measured in the page, the clipboard read
back with its types, and a page printed by Chromium read back word by word (poppler's pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

# A phone held upright (touch) and a desktop (mouse and keyboard), as issue 20 measures them.
DEVICES: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 360, "height": 800}, "has_touch": True, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
# Playwright's prefers-color-scheme emulation; Material picks the palette whose `media` matches
# (mkdocs.yml) and writes it to <body data-md-color-scheme>.
SCHEMES = {"light": "default", "dark": "slate"}
CLIPBOARD = ["clipboard-read", "clipboard-write"]
CHAPTER = "praise.html"  # notes, names, quotations, editor's notes

Box = dict[str, float]


def open_page(context: Callable[..., BrowserContext], device: str, url: str, **options: Any) -> Page:
    page = context(**DEVICES[device], **options).new_page()
    page.goto(url, wait_until="load")
    return page


def settle(page: Page) -> None:
    """Wait until every CSS transition and animation has finished and no new one starts for
    150 ms: axe measuring a tooltip or a skip link half faded in reports blended, meaningless
    contrast ratios (and Material shows a hover tooltip a moment after the pointer arrives)."""
    page.evaluate(
        """async () => {
            for (let round = 0; round < 20; round++) {
                const running = document.getAnimations().filter(a => a.playState === 'running');
                if (round > 0 && running.length === 0) return;
                await Promise.all(running.map(a => a.finished.catch(() => null)));
                await new Promise(resolve => setTimeout(resolve, 150));
            }
        }"""
    )


def finish_animations(page: Page) -> None:
    """Bring every running transition and animation to its end state, frame after frame until no
    new one starts: axe measuring a link half faded in reports blended, meaningless contrast
    ratios. (settle waits them out, and 150 ms more for a hover's tooltip; where nothing hovers,
    this costs a tenth of the time.)"""
    page.evaluate(
        """async () => {
            for (let round = 0; round < 10; round++) {
                const running = document.getAnimations().filter(a => a.playState === 'running');
                for (const a of running) { try { a.finish(); } catch (e) { await a.finished.catch(() => null); } }
                await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
                if (running.length === 0) return;
            }
        }"""
    )


def open_search(page: Page, query: str) -> None:
    """Open Material's search the way the reader does at this width, type, wait for results."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # phone: the header's magnifier button
        toggle.click()
    else:  # desktop: the search field in the header
        page.locator("input.md-search__input").click()
    field = page.locator("input.md-search__input")
    field.fill("")  # (what a search before left there)
    field.press_sequentially(query)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)


def press(device: str, target: Locator) -> None:
    """A tap on the phone, a click with the mouse on the desktop."""
    if device == "phone":
        target.tap()
    else:
        target.click()


def box(target: Locator) -> Box:
    """The element's border box in the viewport (getBoundingClientRect)."""
    result: Box = target.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; }"
    )
    return result


def overlap(a: Box, b: Box) -> bool:
    """The two boxes share some area (touching edges do not count)."""
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def text_lines(target: Locator) -> list[Box]:
    """The boxes of every line of text in the element, the toolbar and pop-ups left out."""
    lines: list[Box] = target.evaluate(
        """e => {
            const out = [], walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!n.textContent.trim() || n.parentElement.closest('.permalink-tools, .ed-pop')) continue;
                const range = document.createRange();
                range.selectNodeContents(n);
                for (const r of range.getClientRects()) {
                    if (r.width > 0) out.push({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
                }
            }
            return out;
        }"""
    )
    return lines


def scroll_y(page: Page) -> float:
    return float(page.evaluate("window.scrollY"))


def header_bottom(page: Page) -> float:
    """Where the sticky header ends (0 on a page without one)."""
    return float(page.evaluate("document.querySelector('.md-header')?.getBoundingClientRect().bottom ?? 0"))


def clipboard(page: Page) -> dict[str, str]:
    """Every type on the clipboard and its text, as a page reads them back."""
    items: list[list[str]] = page.evaluate(
        """async () => {
            const out = [];
            for (const item of await navigator.clipboard.read())
                for (const type of item.types) out.push([type, await (await item.getType(type)).text()]);
            return out;
        }"""
    )
    return dict((kind, text) for kind, text in items)


RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def rgb(css: str, under: tuple[float, float, float] = (255, 255, 255)) -> tuple[float, float, float]:
    """A computed colour as RGB, blended over `under` when it is translucent."""
    m = RGB.fullmatch(css.strip())
    assert m, css
    r, g, b = (float(x) for x in m.groups()[:3])
    a = float(m.group(4)) if m.group(4) is not None else 1.0
    return (r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a))


def luminance(color: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# ------------------------------------------------------------------------------ printed pages

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
    """The path of a command-line tool the test cannot do without (poppler-utils …)."""
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
