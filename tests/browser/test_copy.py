"""Copy link, in a real Chromium: the toolbar of every permalink opens at a tap, its targets are
at least 24 × 24 px, it stays inside a 320 px screen, it copies the published address (also from
the offline copy at file://); and selecting a paragraph copies the chapter's words alone. The
page metadata a reference manager reads is checked here too. (The toolbar's other actions, its
placement and the citations: test_reading_tools.py.)"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tools.checker import check
from tools.model.inline import normalise
from tools.publish.build import PROJECT

from .conftest import PUBLISHED_URL, Published

pytestmark = pytest.mark.browser

PAGE = "praise.html"
CLIPBOARD = ["clipboard-read", "clipboard-write"]


def test_targets_are_at_least_24_px_and_inside_a_320_px_screen(
    published_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = context(viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True).new_page()
    page.goto(published_url + PAGE, wait_until="load")
    small = page.evaluate(
        """() => [...document.querySelectorAll('a.para-number, a.quote-link, .md-content a.headerlink')]
            .map(a => [a.className, a.getBoundingClientRect().width, a.getBoundingClientRect().height])
            .filter(([, w, h]) => w < 24 || h < 24)"""
    )
    assert small == []
    count = page.locator("a.quote-link, a.para-number").count()
    for index in range(count):
        link = page.locator("a.quote-link, a.para-number").nth(index)
        link.scroll_into_view_if_needed()
        link.tap()
        tools = link.locator("xpath=following-sibling::span[1]")
        expect(tools).to_be_visible()
        inside = page.evaluate(
            """(i) => { const t = document.querySelectorAll('a.quote-link, a.para-number')[i].nextElementSibling;
                const r = t.getBoundingClientRect();
                return [r.left >= 0 && r.right <= document.documentElement.clientWidth,
                        [...t.querySelectorAll('button')].every(b => b.getBoundingClientRect().height >= 24 && b.getBoundingClientRect().width >= 24),
                        document.documentElement.scrollWidth] }""",
            index,
        )
        assert inside == [True, True, 320], (index, inside)


def test_the_offline_copy_copies_the_published_address(published: Published, browser: Browser) -> None:
    context = browser.new_context()  # file:// is no secure context: the textarea way of copying
    try:
        page = context.new_page()
        page.goto((published.offline / PAGE).as_uri(), wait_until="load")
        quote = page.locator("a.quote-link").first
        qid = (quote.get_attribute("href") or "")[1:]
        quote.focus()
        page.keyboard.press("Enter")  # opens its toolbar, right after it
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator("#edition-live")).to_have_text(f"Link copied: {PUBLISHED_URL}{PAGE}#{qid}")
    finally:
        context.close()


def chapter_paragraphs() -> dict[str, str]:
    """Each chapter paragraph's id and its words as the original has them (whose first
    paragraph is the chapter's title)."""
    result = check(PROJECT)
    assert result.sources is not None
    text = (PROJECT / result.sources.original).read_text(encoding="utf-8")
    original = [p.strip() for p in text.split("\n\n") if p.strip()]
    ids = [block.id for chapter in result.pages for block in chapter.paragraphs]
    return dict(zip(ids, original[1:], strict=True))


def test_copying_a_paragraph_copies_the_chapters_words_alone(
    published_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = context(viewport={"width": 1280, "height": 800}, permissions=CLIPBOARD).new_page()
    page.goto(published_url + PAGE, wait_until="load")
    words = chapter_paragraphs()
    ids = page.evaluate("() => [...document.querySelectorAll('article p[id^=\"p-\"]')].map(p => p.id)")
    assert ids
    for pid in ids:
        page.locator(f"#{pid}").click(click_count=3, position={"x": 200, "y": 5})
        page.keyboard.press("Control+c")
        copied = str(page.evaluate("navigator.clipboard.readText()"))
        assert normalise(copied) == normalise(words[pid]), pid


def test_what_a_reference_manager_reads(published_url: str, context: Callable[..., BrowserContext]) -> None:
    page = context().new_page()
    for name in ("warning.html", PAGE, "trotsky.html", "meetings.html"):
        page.goto(published_url + name, wait_until="load")
        tags = page.evaluate(
            "() => [...document.querySelectorAll('head meta[name^=\"citation_\"]')].map(m => [m.name, m.content])"
        )
        found = dict(tags)
        assert found["citation_author"] == "Orlov, Alexander"
        assert found["citation_public_url"] == PUBLISHED_URL + name
        assert found["citation_book_title"] == "The Secret History of Stalin’s Purges (19)"
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", found["citation_publication_date"])
        assert "(editors’ heading)" in found["citation_title"]
        assert "Random House, 1953" in found["citation_abstract"]
        ld = json.loads(page.locator('script[type="application/ld+json"]').text_content() or "{}")
        assert ld["@type"] == "Chapter" and ld["isBasedOn"]["name"] == "The Secret History of Stalin's Crimes"
        ids = page.evaluate("() => [...document.querySelectorAll('article span[id^=\"q-\"]')].map(s => s.id)")
        assert [part["url"].rsplit("#", 1)[1] for part in ld["hasPart"]] == ids
        assert all(part["spokenByCharacter"]["@type"] == "Person" for part in ld["hasPart"])
