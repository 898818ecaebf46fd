"""The reading aids across pages (issue 20, point 9; issue 21, points 5 and 6), in a real
Chromium: a deep link into the apparatus is highlighted like one into the chapter, visibly in
the dark scheme too; a teacher's QR code fills the screen for a projector and reads back as its
address; a page printed from the browser has no id and no UI text in it, keeps its ¶ numbers
and prints its notes at the end; and axe finds nothing with the notes, cards, toolbar, phrase
bar and QR code open, in both schemes, on a phone and a desktop."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect
from session import PUBLISHED_URL

from .axe import format_violations, run_axe
from .reading import (
    CHAPTER,
    DEVICES,
    SCHEMES,
    box,
    contrast,
    header_bottom,
    need,
    numbers_in_flow,
    open_page,
    paragraph_starts,
    press,
    printed,
    rgb,
    scroll_y,
    settle,
)

pytestmark = pytest.mark.browser

# Deep links into the apparatus and the chapter, as the teachers' page and the notes give them.
DEEP_LINKS = {
    "chapter": ["praise.html#q-bukharin-hope-of-mankind", "praise.html#p-nonsense"],
    "apparatus": ["people.html#vyshinsky", "trials.html#m-romm-paris"],
}


def scheme_page(context: Callable[..., BrowserContext], device: str, scheme: str, url: str) -> Page:
    page = open_page(context, device, url, color_scheme=scheme)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    return page


# Each scheme once and each device once: the colours do not depend on the width, nor where the
# target lands on the scheme (as tests/browser/test_every_page.py pairs them).
@pytest.mark.parametrize("where", list(DEEP_LINKS))
@pytest.mark.parametrize(("device", "scheme"), [("phone", "dark"), ("desktop", "light")])
def test_deep_links_are_highlighted_in_both_schemes(
    device: str, scheme: str, where: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = scheme_page(context, device, scheme, reading_url + DEEP_LINKS[where][0])
    for link in DEEP_LINKS[where]:
        page.goto(reading_url + link, wait_until="load")
        settle(page)
        # The entry around a targeted heading (<section class="entry">), else the target itself.
        look = page.evaluate(
            """() => { const t = document.querySelector(':target'); if (!t) return null;
                const e = t.parentElement.matches('.entry') ? t.parentElement : t, s = getComputedStyle(e);
                const r = t.getBoundingClientRect();
                return {tag: e.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), line: s.outlineColor,
                        tint: s.backgroundColor, page: getComputedStyle(document.body).backgroundColor, top: r.top, bottom: r.bottom}; }"""
        )
        assert look, f"{link}: nothing is the target"
        page_colour = rgb(look["page"])
        assert look["outline"] == "solid" and look["width"] >= 2, (link, look)
        assert contrast(rgb(look["line"], page_colour), page_colour) >= 3, (link, scheme, look)
        assert contrast(rgb(look["tint"], page_colour), page_colour) >= 1.15, (link, scheme, look)
        assert header_bottom(page) <= look["top"] < page.viewport_size["height"], (link, look)  # type: ignore[index]


@pytest.mark.parametrize("device", DEVICES)
def test_a_qr_code_fills_the_screen_and_back(
    device: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = open_page(context, device, reading_url + "teachers.html", color_scheme="dark", device_scale_factor=2)
    codes = page.locator("article svg.qr")
    buttons = page.locator("article button.qr-full")
    assert codes.count() > 5
    expect(buttons).to_have_count(codes.count())
    for index in (0, codes.count() - 1):
        button = buttons.nth(index)
        button.scroll_into_view_if_needed()
        size = box(button)
        assert size["width"] >= 24 and size["height"] >= 24, size
        # The entry's "Link: <address>" (the address a teacher reads out, and the code holds).
        address = (
            page.locator("article .teach-entry").nth(index).locator("p:text-matches('^Link:') > a").text_content() or ""
        ).strip()
        assert address.startswith(PUBLISHED_URL), address
        before = scroll_y(page)
        press(device, button)
        dialog = page.locator("dialog.qr-dialog")
        expect(dialog).to_be_visible()
        view = page.viewport_size
        assert view
        code = box(dialog.locator("svg"))
        assert min(code["width"], code["height"]) >= 0.75 * min(view["width"], view["height"]), code
        # Black on white whatever the reader's scheme; a phone's camera reads it off the screen.
        assert dialog.evaluate("d => getComputedStyle(d).backgroundColor") == "rgb(255, 255, 255)"
        image = Image.open(io.BytesIO(dialog.screenshot()))
        read = [c.text for c in zxingcpp.read_barcodes(image) if c.format == zxingcpp.BarcodeFormat.QRCode]
        assert read == [address], (read, address)
        expect(dialog).to_contain_text(address)
        if device == "phone":
            dialog.tap()
        else:
            page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
        expect(button).to_be_focused()
        assert page.evaluate("document.fullscreenElement") is None
        assert abs(scroll_y(page) - before) < 2, "back where the teacher was"


UI_WORDS = [
    "Copy link",
    "Cite:",
    "Report a problem",
    "All notes",
    "Full screen",
    "Link to this",
    "Back to the",
    "Skip to content",
    "Table of contents",
    "Editor’s heading Editor’s heading",
]


PRINTED_ADDRESS = re.compile(r"<\s?h\s?t\s?t\s?p\s?s?\s?:[^>]*>")


def open_everything(page: Page) -> None:
    """A toolbar and a note open, as a reader might leave them before printing."""
    if page.locator("article a.para-number").count():
        page.locator("article a.para-number").first.click()
        expect(page.locator("#edition-tools")).to_be_visible()
    if page.locator("article a.fn-ref").count():
        page.locator("article a.fn-ref").first.click()
        expect(page.locator(".ed-pop")).to_be_visible()


@pytest.mark.slow
@pytest.mark.parametrize("half", [0, 1])  # every other page: two workers print side by side
def test_printing_from_the_browser_is_clean(
    half: int, reading_site: Path, reading_url: str, context: Callable[..., BrowserContext], tmp_path: Path
) -> None:
    page = context(viewport={"width": 1280, "height": 800}).new_page()
    problems = []
    for name in sorted(p.name for p in reading_site.glob("*.html"))[half::2]:
        if name == "404.html":
            continue
        url = reading_url + name
        page.goto(url, wait_until="load")
        if not page.locator('script[src$="edition.js"]').count():
            continue  # not a page of the site (the single file has tests of its own)
        # The page's ids (those that are not also words the page shows, as in an address), and
        # the words the page itself says, before the reading aids add their buttons.
        ids, shown = page.evaluate(
            """() => { const copy = document.querySelector('article').cloneNode(true);
                copy.querySelectorAll('button.qr-full, #edition-tools, .ed-pop, .ed-phrase').forEach(e => e.remove());
                const shown = copy.textContent.replace(/\\s+/g, ' '), all = document.querySelector('article').innerText;
                return [[...document.querySelectorAll('article [id]')].map(e => e.id)
                    .filter(id => /[a-z]-[a-z0-9]/.test(id) && !all.includes(id)), shown]; }"""
        )
        starts = paragraph_starts(page)
        open_everything(page)
        pdf = tmp_path / (name + ".pdf")
        page.pdf(
            path=str(pdf), format="A4", margin={"top": "1.5cm", "bottom": "1.5cm", "left": "1.5cm", "right": "1.5cm"}
        )
        text = subprocess.run([need("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        # Links to other sites print their address, which may hold anything: leave them out (a
        # long one is broken anywhere, "http" too, and pdftotext reads the break as a space).
        flat = PRINTED_ADDRESS.sub("", flat)
        # The title's id is the page's name (sources-primary-2), which its printed address says.
        problems += [f"{name}: id {i!r} printed" for i in ids if i in flat and i != name.removesuffix(".html")]
        # The reading aids' words, more often than the page's own text says them ("use Report a problem").
        problems += [f"{name}: {w!r} printed" for w in UI_WORDS if flat.count(w) > shown.count(w)]
        if starts:
            # ¶ numbers kept, in the text flow (the words' positions from the same PDF).
            words = printed(page, url, tmp_path / (name + ".words.pdf"))
            missing = [pid for pid, ok in numbers_in_flow(words, starts).items() if not ok]
            problems += [f"{name}: ¶ number of {pid} not printed before its words" for pid in missing]
        notes = page.evaluate(
            """() => [...document.querySelectorAll('section.footnotes li')].map(li => {
                const c = li.cloneNode(true); c.querySelectorAll('.fn-back').forEach(e => e.remove());
                return c.textContent.trim().split(/\\s+/).slice(0, 4).join(' '); })"""
        )
        if notes:
            last = page.evaluate(
                "() => { const p = [...document.querySelectorAll('article p.chapter-paragraph')].pop().cloneNode(true);"
                " p.querySelectorAll('a.para-number, a.fn-ref, a.quote-link').forEach(e => e.remove());"
                " return p.textContent.trim().split(/\\s+/).slice(-4).join(' '); }"
            )
            end_of_text = flat.find(last)
            problems += [f"{name}: the last paragraph is not printed" for _ in [0] if end_of_text == -1]
            problems += [
                f"{name}: note {n!r} not printed after the text" for n in notes if flat.find(n, end_of_text) == -1
            ]
    assert not problems, "\n".join(problems)


# Each scheme once and each device once: colours do not depend on the device, nor sizes on the
# scheme (a run takes 10 to 14 s; test_accessibility.py covers a note open in all four).
@pytest.mark.slow
@pytest.mark.parametrize(("device", "scheme"), [("phone", "dark"), ("desktop", "light")])
def test_axe_with_the_reading_aids_open(
    device: str, scheme: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = scheme_page(context, device, scheme, reading_url + CHAPTER)
    failures = []

    def check(label: str) -> None:
        settle(page)
        if violations := run_axe(page):
            failures.append(f"--- {label}\n{format_violations(violations)}")

    call = page.locator("article a.fn-ref").nth(1)
    call.scroll_into_view_if_needed()
    press(device, call)
    expect(page.locator(".ed-pop")).to_be_visible()
    check("a note open")
    page.keyboard.press("Escape")
    name = page.locator("article a.person[data-card]").nth(1)
    name.scroll_into_view_if_needed()
    press(device, name)
    expect(page.locator(".ed-pop")).to_be_visible()
    check("a card open")
    page.keyboard.press("Escape")
    quote = page.locator("article a.quote-link").first
    quote.scroll_into_view_if_needed()
    press(device, quote)
    expect(page.locator("#edition-tools")).to_be_visible()
    check("a toolbar open")
    page.evaluate(
        """() => { const p = document.getElementById('p-nonsense'), r = document.createRange();
            r.selectNodeContents(p.lastChild); getSelection().removeAllRanges(); getSelection().addRange(r); }"""
    )
    expect(page.locator(".ed-phrase")).to_be_visible()
    check("the phrase bar")
    page.goto(reading_url + "people.html#vyshinsky", wait_until="load")
    check("an apparatus entry highlighted")
    page.goto(reading_url + "praise.html#fnref-q-bukharin-hope-of-mankind", wait_until="load")
    check("a quotation highlighted on the way back from its note")
    page.goto(reading_url + "teachers.html", wait_until="load")
    press(device, page.locator("article button.qr-full").first)
    expect(page.locator("dialog.qr-dialog")).to_be_visible()
    check("a QR code full screen")
    assert not failures, f"axe ({scheme}, {device}):\n" + "\n".join(failures)


# What the first two phone screens of the landing page say (issue 20): what this is, whose words are
# whose, what each status means with the counts, how long the chapter takes, and where to start.
FIRST_SCREENS_PX = 1700
LANDING_ORIENTS = {
    "what this is": "#p-what-this-is",
    "how long the chapter takes": "#p-what-this-is",
    "where to start": "article a.md-button--primary",
    "whose words are whose": "#how-to-read + ul",
    "the statuses' counts": "#statuses + p",
    "what each status means": "dl.status-legend",
}


def test_the_landing_page_orients_within_two_phone_screens(
    reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = context(**DEVICES["phone"]).new_page()
    page.goto(reading_url + "index.html", wait_until="load")
    bottoms = {
        what: page.locator(selector).first.evaluate("e => e.getBoundingClientRect().bottom + window.scrollY")
        for what, selector in LANDING_ORIENTS.items()
    }
    assert {what: bottom for what, bottom in bottoms.items() if bottom > FIRST_SCREENS_PX} == {}, bottoms
    said = page.locator("article").inner_text()
    assert reading_time_shown(said) and "Start reading" in said, said[:400]
    assert re.search(r"Of the \d+ quotations", said), said[:800]


def reading_time_shown(text: str) -> bool:
    """The reading time, as the build writes it ("… minutes of reading")."""
    return re.search(r"\b\d+ minutes? of reading\b", text) is not None
