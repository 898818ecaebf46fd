"""The offline edition in a real browser, from the session's build (tests/session.py), with the
network cut: the downloaded zip, unzipped and opened from file:// (a note opens in place, by mouse
and keyboard; a deep link lands below the sticky header), the single-file HTML without JavaScript
(its notes are popovers), and the EPUB's pages as a reading system built on a browser engine shows
them (no request but the book's own files, no WCAG violation in the book's own documents, notes
linked both ways).

Every page of the unzipped site from file:// and of the online build, with the requests each makes
(none off the machine, nor off the site's path online), search included, and the single file's
one request: test_csp.py, which walks them once for both."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tools.publish.epub import FOLDER

from .axe import format_violations, run_axe
from .conftest import Published, RequestLog

pytestmark = pytest.mark.browser

DEEP_LINK = "praise.html#q-bukharin-hope-of-mankind"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def offline(cut_off: Callable[..., tuple[BrowserContext, RequestLog]]) -> tuple[BrowserContext, RequestLog]:
    return cut_off()


def test_a_note_opens_in_place_by_click_and_keyboard(unzipped: Path, offline) -> None:
    site = unzipped
    page = offline[0].new_page()
    page.goto(site.joinpath("praise.html").as_uri())
    ref = page.locator("a.fn-ref").first
    ref.click()
    note = page.locator(".ed-pop")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Vyshinsky")
    page.keyboard.press("Escape")
    expect(note).to_have_count(0)
    expect(ref).to_be_focused()
    page.keyboard.press("Enter")
    expect(note).to_be_focused()


def test_deep_link_lands_below_the_sticky_header(unzipped: Path, offline) -> None:
    site = unzipped
    page = offline[0].new_page()
    page.goto(site.as_uri() + "/" + DEEP_LINK)
    target = page.locator("#q-bukharin-hope-of-mankind")
    page.wait_for_function("() => window.scrollY > 0")
    header = page.locator("header.md-header").bounding_box()
    box = target.bounding_box()
    viewport = page.viewport_size
    assert header and box and viewport
    assert box["y"] >= header["y"] + header["height"], (box, header)
    assert box["y"] + min(box["height"], 40) <= viewport["height"]


def test_single_file_links_work_without_javascript(
    published: Published, open_page_without_js: Callable[[str], Page]
) -> None:
    html_path = published.single
    page = open_page_without_js(html_path.as_uri())
    # A note call is a button for the note's popover, which opens beside it, with no script.
    ref = page.locator("#page-praise button.fn-ref[popovertarget]").first
    note = page.locator(f"[id='{ref.get_attribute('popovertarget')}']")
    ref.click()
    expect(note).to_be_visible()
    expect(note).to_contain_text("Vyshinsky")
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    # Editorial notes are inline boxes; a link from another page lands on its section.
    expect(page.locator("aside.editorial").first).to_be_attached()
    page.locator(".edition-contents a[href='#page-praise']").click()
    expect(page.locator("#page-praise h1")).to_be_in_viewport()


# --- the EPUB, as a reading system built on a browser engine shows it --------------------------


@pytest.fixture(scope="module")
def unpacked_epub(published: Published, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("epub")
    with zipfile.ZipFile(published.epub) as book:
        book.extractall(root)
    return root / FOLDER


# The book's own documents (its title page, its navigation, a chapter page with its notes as
# EPUB footnotes) are checked by axe; the other pages are the single file's, made by the same code
# (tools/publish/bookpages.py) and checked there (test_accessibility.py).
EPUB_AXE = ("titlepage.xhtml", "nav.xhtml", "praise.xhtml")


def test_every_epub_page_requests_nothing_but_its_stylesheet_and_the_books_own_pass_axe(
    unpacked_epub: Path, cut_off: Callable[..., tuple[BrowserContext, RequestLog]]
) -> None:
    """Unpacked, from file://, the network cut, on a phone's screen. (The book's CSS sets no
    colours, only currentColor, so a reading system's day and night themes both apply as they are.)"""
    context, log = cut_off(viewport=PHONE)
    page = context.new_page()
    files = sorted(unpacked_epub.glob("*.xhtml"))
    assert len(files) >= 10 and {f.name for f in files} >= set(EPUB_AXE)
    css = re.sub(r"/\*.*?\*/", "", (unpacked_epub / "edition.css").read_text(encoding="utf-8"), flags=re.S)
    colours = re.findall(r"(?:color|background[\w-]*)\s*:\s*([^;}]*)", css) + re.findall(
        r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", css
    )
    assert set(colours) <= {"inherit", "currentColor", "transparent"}, colours
    problems = []
    for file in files:
        page.goto(file.as_uri(), wait_until="load")
        assert page.evaluate("document.contentType") == "application/xhtml+xml"
        # No colour to check: the book's stylesheet sets none (the reading system's theme applies).
        if file.name in EPUB_AXE and (violations := run_axe(page, skip=["color-contrast"])):
            problems.append(f"{file.name}:\n{format_violations(violations)}")
    assert problems == [], "\n".join(problems)
    allowed = {f.as_uri() for f in files} | {(unpacked_epub / "edition.css").as_uri()}
    assert set(log.urls) <= allowed, sorted(set(log.urls) - allowed)


def test_an_epub_note_call_leads_to_its_note_and_back(
    unpacked_epub: Path, cut_off: Callable[..., tuple[BrowserContext, RequestLog]]
) -> None:
    context, _ = cut_off(viewport=PHONE)
    page = context.new_page()
    page.goto((unpacked_epub / "praise.xhtml").as_uri(), wait_until="load")
    call = page.locator("a[role=doc-noteref]").first
    target = call.get_attribute("href")
    assert target is not None and target.startswith("#fn:")
    call.click()
    note = page.locator(f"[id='{target[1:]}']")
    expect(note).to_be_in_viewport()
    note.locator("a[role=doc-backlink]").click()
    expect(page.locator(f"[id='{target[1:].replace('fn:', 'fnref:', 1)}']")).to_be_in_viewport()
