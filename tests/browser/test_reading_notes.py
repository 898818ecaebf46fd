"""Footnotes and names in place (issue 20, points 1 and 2), in a real Chromium, on a phone held
upright (touch) and a desktop (mouse and keyboard): a note opens beside its call with the page
where it was (the scroll position moves by less than 100 px), as a dialog a screen reader
announces, and closes by Escape, a tap outside or its call; a name opens its card, which links
to the full entry; every target is 24 × 24 px or more; a back-link from the notes shows the
whole quotation below the header. Without JavaScript a name is a link, and the single file's
notes are popovers beside their calls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .reading import CHAPTER, DEVICES, Box, box, header_bottom, open_page, press, scroll_y

pytestmark = pytest.mark.browser

MOVED_AT_MOST = 100  # px of scrolling allowed when a note opens (issue 20)
NEXT_TO = 8  # px at most between a call's line and its pop-up


def beside(call: Box, pop: Box) -> bool:
    """Just below or just above the call's line, and across it (not off to one side)."""
    vertical = 0 <= pop["top"] - call["bottom"] <= NEXT_TO or 0 <= call["top"] - pop["bottom"] <= NEXT_TO
    return vertical and pop["left"] <= call["left"] and pop["right"] >= call["right"]


def inside_screen(page: Page, pop: Box) -> bool:
    width = page.evaluate("document.documentElement.clientWidth")
    height = page.evaluate("window.innerHeight")
    return pop["left"] >= 0 and pop["right"] <= width and pop["top"] >= header_bottom(page) and pop["bottom"] <= height


def note_text(page: Page, call_index: int) -> str:
    """The note's words as the notes list has them, the back-link left out."""
    text: str = page.evaluate(
        """(i) => { const call = document.querySelectorAll('a.fn-ref')[i];
            const li = document.getElementById(decodeURIComponent(call.hash.slice(1))).cloneNode(true);
            li.querySelectorAll('.fn-back').forEach(e => e.remove());
            return li.textContent.replace(/\\s+/g, ' ').trim(); }""",
        call_index,
    )
    return text


def squashed(page: Page, selector: str) -> str:
    return str(page.locator(selector).evaluate("e => e.textContent.replace(/\\s+/g, ' ').trim()"))


def outside(page: Page, pop: Box) -> tuple[float, float]:
    """A point in the page margin, clear of the pop-up and of any link."""
    top = header_bottom(page) + 12
    y = top if pop["top"] > top + 40 else min(pop["bottom"] + 20, page.viewport_size["height"] - 10)  # type: ignore[index]
    return 3.0, y


@pytest.mark.parametrize("device", DEVICES)
def test_every_note_opens_beside_its_call_and_closes(
    device: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = open_page(context, device, reading_url + CHAPTER)
    calls = page.locator("article a.fn-ref")
    assert calls.count() >= 3
    for index in range(calls.count()):
        call = calls.nth(index)
        call.scroll_into_view_if_needed()
        before = scroll_y(page)
        press(device, call)
        pop = page.locator(".ed-pop")
        expect(pop).to_be_visible()
        assert abs(scroll_y(page) - before) < MOVED_AT_MOST, (index, before, scroll_y(page))
        call_box, pop_box = box(call), box(pop)
        assert beside(call_box, pop_box), (index, call_box, pop_box)
        assert inside_screen(page, pop_box), (index, pop_box)
        # The note's own words, and a way to the list for the reader who asks for it.
        body = squashed(page, "#edition-pop-body")
        assert body.startswith(note_text(page, index)), (body, note_text(page, index))
        expect(pop.locator("a", has_text="All notes")).to_have_attribute("href", call.get_attribute("href") or "")
        # A dialog named by its note number, described by the note, with focus in it.
        expect(pop).to_have_attribute("role", "dialog")
        expect(page.locator("#edition-pop-title")).to_have_text(call.get_attribute("aria-label") or "")
        expect(pop).to_have_attribute("aria-describedby", "edition-pop-body")
        expect(pop).to_be_focused()
        expect(call).to_have_attribute("aria-expanded", "true")
        expect(call).to_have_attribute("aria-controls", "edition-pop")
        # Closing: a tap or click outside (phone), Escape (desktop), back on the call.
        if device == "phone":
            x, y = outside(page, pop_box)
            page.touchscreen.tap(x, y)
            expect(pop).to_have_count(0)
        else:
            page.keyboard.press("Escape")
            expect(pop).to_have_count(0)
            expect(call).to_be_focused()
        expect(call).to_have_attribute("aria-expanded", "false")
    # The call itself toggles its note; the address never changed (no jump).
    press(device, calls.first)
    expect(page.locator(".ed-pop")).to_be_visible()
    press(device, calls.first)
    expect(page.locator(".ed-pop")).to_have_count(0)
    assert "#" not in page.url


@pytest.mark.parametrize("device", DEVICES)
def test_targets_are_at_least_24_px(device: str, reading_url: str, context: Callable[..., BrowserContext]) -> None:
    page = open_page(context, device, reading_url + CHAPTER)
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('article a.fn-ref, article a.fn-back, article a.para-number, article a.quote-link')]
            .map(a => [a.className, a.getBoundingClientRect().width, a.getBoundingClientRect().height])"""
    )
    assert sizes, "no calls, back-links or permalinks"
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert small == [], small
    press(device, page.locator("article a.fn-ref").first)
    close = box(page.locator(".ed-pop__close"))
    assert close["width"] >= 24 and close["height"] >= 24, close
    # The call's number sits inside its target: the whole number is pressable.
    number = page.locator("article a.fn-ref").first.evaluate(
        """a => { const r = document.createRange(); r.selectNodeContents(a); const t = r.getBoundingClientRect(), b = a.getBoundingClientRect();
                 return t.left >= b.left && t.right <= b.right && t.top >= b.top && t.bottom <= b.bottom; }"""
    )
    assert number


def test_a_call_keeps_its_lines_height(reading_url: str, context: Callable[..., BrowserContext]) -> None:
    """A 24 px target around a superscript number does not open a gap between two lines."""
    page = open_page(context, "phone", reading_url + CHAPTER)
    heights = page.evaluate(
        """() => [...document.querySelectorAll('article p.chapter-paragraph')].map(p => {
            const s = getComputedStyle(p), lines = Math.round(p.getBoundingClientRect().height / parseFloat(s.lineHeight));
            return [p.id, p.getBoundingClientRect().height, lines * parseFloat(s.lineHeight)]; })"""
    )
    off = [h for h in heights if abs(h[1] - h[2]) > 2]
    assert off == [], off


def test_the_keyboard_opens_notes_and_cards(reading_url: str, context: Callable[..., BrowserContext]) -> None:
    page = open_page(context, "desktop", reading_url + CHAPTER)
    call = page.locator("article a.fn-ref").first
    call.focus()
    page.keyboard.press("Enter")
    pop = page.locator(".ed-pop")
    expect(pop).to_be_focused()
    page.keyboard.press("Tab")  # into the note: its first link
    assert page.evaluate("document.activeElement.closest('.ed-pop') !== null")
    page.keyboard.press("Escape")
    expect(pop).to_have_count(0)
    expect(call).to_be_focused()
    # Tab past the end of a note closes it and goes on through the paragraph.
    page.keyboard.press("Enter")
    links = pop.locator("a, button").count()
    for _ in range(links + 1):
        page.keyboard.press("Tab")
    expect(pop).to_have_count(0)
    # A name: Enter opens its card; its link leads to the entry, highlighted there.
    name = page.locator("article a.person[data-card]").first
    name.focus()
    page.keyboard.press("Enter")
    expect(pop).to_be_focused()
    card_id = name.get_attribute("data-card") or ""
    person = (name.get_attribute("href") or "").split("#", 1)[1]
    expect(page.locator("#edition-pop-title")).to_have_text((name.text_content() or "").strip())
    full = pop.locator(f'a[href$="people.html#{person}"]')
    expect(full).to_have_count(1)
    assert page.locator(f"#{card_id}").is_hidden()
    full.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/people.html#{person}")
    expect(page.locator(f"#{person}")).to_be_in_viewport()


@pytest.mark.parametrize("device", DEVICES)
def test_a_name_shows_its_card_in_place(device: str, reading_url: str, context: Callable[..., BrowserContext]) -> None:
    page = open_page(context, device, reading_url + CHAPTER)
    names = page.locator("article a.person[data-card]")
    assert names.count() >= 3
    seen = set()
    for index in range(names.count()):
        name = names.nth(index)
        card_id = name.get_attribute("data-card")
        if card_id in seen:
            continue
        seen.add(card_id)
        name.scroll_into_view_if_needed()
        before = scroll_y(page)
        press(device, name)
        pop = page.locator(".ed-pop")
        expect(pop).to_be_visible()
        assert abs(scroll_y(page) - before) < MOVED_AT_MOST
        name_box = (
            page.locator("article a.person[data-card]")
            .nth(index)
            .evaluate(
                "a => { const r = a.getClientRects()[0]; return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }"
            )
        )
        pop_box = box(pop)
        assert (
            0 <= pop_box["top"] - name_box["bottom"] <= NEXT_TO or 0 <= name_box["top"] - pop_box["bottom"] <= NEXT_TO
        )
        assert inside_screen(page, pop_box)
        card_text = squashed(page, f"#{card_id}")
        assert squashed(page, "#edition-pop-body") == card_text
        assert page.url.endswith(CHAPTER), "the reader stays in the chapter"
        page.keyboard.press("Escape")
        expect(pop).to_have_count(0)
    # The card's link goes to the full entry.
    press(device, names.first)
    person = (names.first.get_attribute("href") or "").split("#", 1)[1]
    press(device, page.locator(".ed-pop a", has_text="Full entry"))
    page.wait_for_url(f"**/people.html#{person}")


def test_without_javascript_a_name_is_a_link(reading_url: str, open_page_without_js: Callable[[str], Page]) -> None:
    page = open_page_without_js(reading_url + CHAPTER)
    name = page.locator("article a.person[data-card]").first
    person = (name.get_attribute("href") or "").split("#", 1)[1]
    name.click()
    page.wait_for_url(f"**/people.html#{person}")
    assert page.locator("article .person-cards").is_hidden()


@pytest.mark.parametrize("device", DEVICES)
def test_back_links_show_the_whole_quotation_below_the_header(
    device: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = open_page(context, device, reading_url + CHAPTER)
    backs = page.locator("article a.fn-back")
    assert backs.count() >= 3
    for index in range(backs.count()):
        back = backs.nth(index)
        back.scroll_into_view_if_needed()
        target = (back.get_attribute("href") or "")[1:]
        press(device, back)
        page.wait_for_url(f"**#{target}")
        quotation = page.locator(f"[id='{target}']").locator("xpath=preceding-sibling::*[1]")
        assert "quotation" in (quotation.get_attribute("class") or "")
        expect(quotation).to_be_in_viewport()
        q = box(quotation)
        assert q["top"] >= header_bottom(page), (target, q, header_bottom(page))
        assert q["bottom"] <= page.viewport_size["height"], (target, q)  # type: ignore[index]
        # The quotation the reader came from is highlighted (its call is the target).
        assert quotation.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


def test_all_notes_goes_to_the_list(reading_url: str, context: Callable[..., BrowserContext]) -> None:
    page = open_page(context, "phone", reading_url + CHAPTER)
    call = page.locator("article a.fn-ref").nth(1)
    call.tap()
    page.locator(".ed-pop a", has_text="All notes").tap()
    note = (call.get_attribute("href") or "")[1:]
    page.wait_for_url(f"**#{note}")
    expect(page.locator(".ed-pop")).to_have_count(0)
    item = page.locator(f"[id='{note}']")
    expect(item).to_be_in_viewport()
    assert box(item)["top"] >= header_bottom(page)
    assert item.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


@pytest.mark.parametrize("device", DEVICES)
def test_the_single_files_notes_open_beside_their_calls_without_script(
    device: str, reading_single: Path, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False, **DEVICES[device])
    try:
        page = context.new_page()
        page.goto(reading_single.as_uri(), wait_until="load")
        calls = page.locator("button.fn-ref[popovertarget]")
        assert calls.count() >= 3
        for index in (0, calls.count() - 1):
            call = calls.nth(index)
            call.scroll_into_view_if_needed()
            size = box(call)
            assert size["width"] >= 24 and size["height"] >= 24, size
            before = scroll_y(page)
            press(device, call)
            pop = page.locator(f"[id='{call.get_attribute('popovertarget')}']")
            expect(pop).to_be_visible()
            assert abs(scroll_y(page) - before) < MOVED_AT_MOST
            pop_box = box(pop)
            assert beside(box(call), pop_box), (box(call), pop_box)
            assert inside_screen(page, pop_box), pop_box
            page.keyboard.press("Escape")
            expect(pop).to_be_hidden()
    finally:
        context.close()
