"""Copy link and copy citation, for mouse, touch and keyboard, in a real Chromium: the toolbar
beside every permalink opens without a gap to cross, its targets are at least 24 × 24 px, it
stays inside a 320 px screen, it copies the published address (also from the offline copy at
file://) and Chicago and MLA citations with today's date; and selecting a paragraph copies the
chapter's words alone. The page metadata a reference manager reads is checked here too."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tools.checker import check
from tools.model.cite import MLA_MONTHS
from tools.model.formats import MONTHS
from tools.model.inline import normalise
from tools.publish.build import PROJECT

from .conftest import PUBLISHED_URL, Published

pytestmark = pytest.mark.browser

PAGE = "praise.html"
CLIPBOARD = ["clipboard-read", "clipboard-write"]


def tools_of(page: Page, link_selector: str, index: int = 0) -> tuple[dict[str, float], dict[str, float], list[str]]:
    """(link box, toolbar box, button labels) of the toolbar beside one permalink."""
    return page.evaluate(
        """([sel, i]) => {
            const link = document.querySelectorAll(sel)[i], tools = link.nextElementSibling;
            const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; };
            return [box(link), tools.hidden ? null : box(tools), [...tools.querySelectorAll('button')].map(b => b.textContent)];
        }""",
        [link_selector, index],
    )


def touching(a: dict[str, float], b: dict[str, float]) -> bool:
    """The two boxes overlap or share an edge: a pointer can go from one to the other."""
    return a["left"] <= b["right"] and b["left"] <= a["right"] and a["top"] <= b["bottom"] and b["top"] <= a["bottom"]


LINKS = ["a.para-number", "a.quote-link", "h1 a.headerlink"]


@pytest.mark.parametrize("selector", LINKS)
def test_the_pointer_reaches_the_toolbar_without_a_gap(
    selector: str, published_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(published_url + PAGE, wait_until="load")
    link = page.locator(selector).first
    link.hover()
    link_box, tools_box, labels = tools_of(page, selector)
    assert tools_box is not None, "hovering the link opens its toolbar"
    assert touching(link_box, tools_box), (link_box, tools_box)
    assert labels == (["Copy link"] if "headerlink" in selector else ["Copy link", "Cite: Chicago", "Cite: MLA"])
    # Walk the pointer from the link's centre to the last button in small steps: it never closes.
    last = link.locator("xpath=following-sibling::span[1]//button").last
    target = last.bounding_box()
    assert target
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2, steps=15)
    page.wait_for_timeout(500)
    expect(last).to_be_visible()
    page.mouse.move(5, 790)
    expect(last).to_be_hidden(timeout=2000)


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


def today(months: tuple[str, ...]) -> str:
    d = dt.date.today()
    return f"{d.day} {months[d.month - 1]} {d.year}"


def test_copy_link_and_citations_by_mouse(published_url: str, context: Callable[..., BrowserContext]) -> None:
    page = context(viewport={"width": 1280, "height": 800}, permissions=CLIPBOARD).new_page()
    page.goto(published_url + PAGE, wait_until="load")
    data = json.loads(page.locator("#edition-cite").text_content() or "{}")
    quote = page.locator("a.quote-link").first
    qid = (quote.get_attribute("href") or "")[1:]
    number = page.evaluate(
        "(id) => document.getElementById(id).closest('p').querySelector('a.para-number').textContent", qid
    )

    def copy(label: str) -> str:
        quote.hover()
        page.locator("a.quote-link + .permalink-tools button", has_text=label).first.click()
        expect(page.locator("#edition-live")).to_contain_text(" copied: ")
        return str(page.evaluate("navigator.clipboard.readText()"))

    assert copy("Copy link") == f"{PUBLISHED_URL}{PAGE}#{qid}"
    chicago = copy("Cite: Chicago")
    speaker, use = data["speakers"][qid], data["uses"][qid]  # "paraphrased" for the epithets, a paraphrase
    assert use == ("paraphrased" if qid == "q-vyshinsky-epithets" else "quoted")
    assert chicago.startswith(f"{speaker}, {use} in Alexander Orlov, “The Secret History of Stalin’s Purges (19),”")
    assert "section “Praise in the Courtroom” (editors’ heading)" in chicago
    assert chicago.endswith(f", para. {number}, accessed {today(MONTHS)}, {PUBLISHED_URL}{PAGE}#{qid}.")
    assert "{" not in chicago and "*" not in chicago
    mla = copy("Cite: MLA")
    assert mla.startswith("Orlov, Alexander. “The Secret History of Stalin’s Purges (19).” Section “Praise in the")
    assert f"par. {number}." in mla and "http" not in mla
    assert mla.endswith(f"example.org/edition/{PAGE}#{qid}. Accessed {today(MLA_MONTHS)}.")


def test_copy_citation_by_keyboard_and_escape(published_url: str, context: Callable[..., BrowserContext]) -> None:
    page = context(viewport={"width": 1280, "height": 800}, permissions=CLIPBOARD).new_page()
    page.goto(published_url + PAGE, wait_until="load")
    number = page.locator("a.para-number").nth(1)
    number.focus()
    tools = page.locator("a.para-number").nth(1).locator("xpath=following-sibling::span[1]")
    expect(tools).to_be_visible()
    expect(tools).to_have_attribute("role", "group")
    for expected in ("Copy link", "Cite: Chicago"):
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text(expected)
    name = page.locator(":focus").get_attribute("aria-label") or ""
    assert name.startswith("Cite: Chicago") and "paragraph" in name  # the visible label starts the name (WCAG 2.5.3)
    page.keyboard.press("Enter")
    pid = (number.get_attribute("href") or "")[1:]
    assert str(page.evaluate("navigator.clipboard.readText()")).endswith(f"{PUBLISHED_URL}{PAGE}#{pid}.")
    page.keyboard.press("Escape")
    expect(tools).to_be_hidden()
    expect(number).to_be_focused()
    page.keyboard.press("Tab")  # on into the paragraph: the toolbar stays closed
    expect(tools).to_be_hidden()
    assert page.evaluate("document.activeElement.closest('.permalink-tools')") is None


def test_the_offline_copy_copies_the_published_address(published: Published, browser: Browser) -> None:
    context = browser.new_context()  # file:// is no secure context: the textarea way of copying
    try:
        page = context.new_page()
        page.goto((published.offline / PAGE).as_uri(), wait_until="load")
        quote = page.locator("a.quote-link").first
        qid = (quote.get_attribute("href") or "")[1:]
        quote.focus()
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
