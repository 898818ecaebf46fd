"""The reading aids load on first use (issue 20, the page-weight budget): a first view loads
edition.js only, on every page, nor does reading on without using an aid load more (both measured
in the page-weight walk, tests/browser/test_page_weight.py), and edition-tools.js (notes and cards in place, a permalink's toolbar, phrase links,
QR codes full screen) is asked for once, by the reader's first press, key, focus or selection on
what it acts on. The use that asked for it is not lost: held back until the file arrives (a route
that answers only when the test says so), the first tap or click on a ¶, the first Enter on a
focused one, the first tap on a note call still open what they open, without a jump; one the reader
took back meanwhile (Escape, a click elsewhere) does not; without the file (a network gone) the link
is followed as without JavaScript; from file:// (the offline edition) it loads as online."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Request, Route, expect

from .conftest import RequestLog
from .reading import CHAPTER, CLIPBOARD, DEVICES, press

pytestmark = pytest.mark.browser

MODULE = "edition-tools.js"
TOOLS = "#edition-tools"
NUMBER = "article a.para-number"
LOADED = "() => typeof (window.editionReading || {}).invoke === 'function'"


@dataclass
class Held:
    """Requests for edition-tools.js, each answered only when release() is called."""

    requests: list[str] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    released: bool = False

    def hold(self, route: Route) -> None:
        self.requests.append(route.request.url)
        if self.released:  # a request that arrives after release() (a slow machine) is not held forever
            route.continue_()
        else:
            self.routes.append(route)

    def asked(self, page: Page) -> bool:
        """Has the page asked for the file? Waiting up to 10 s for it (a loaded machine is slow)."""
        for _ in range(200):
            if self.requests:
                return True
            page.wait_for_timeout(50)
        return False

    def release(self) -> None:
        self.released = True
        while self.routes:
            self.routes.pop(0).continue_()


# How long a released file may take to load and run before what it shows appears: a loaded machine,
# three test workers beside Chromium, took more than expect's 5 s once.
SHOWN_WITHIN = 10_000  # ms


def asked(page: Page) -> list[str]:
    """A live list of every request the page makes for edition-tools.js."""
    urls: list[str] = []

    def record(request: Request) -> None:
        if request.url.endswith("/" + MODULE):
            urls.append(request.url)

    page.on("request", record)
    return urls


@pytest.fixture
def held_page(context: Callable[..., BrowserContext], reading_url: str) -> Iterator[Callable[..., tuple[Page, Held]]]:
    """Factory: the chapter on a device, with edition-tools.js held back until released."""

    def make(device: str, name: str = CHAPTER, **options: object) -> tuple[Page, Held]:
        held = Held()
        page = context(**DEVICES[device], **options).new_page()
        page.route("**/" + MODULE, held.hold)
        page.goto(reading_url + name, wait_until="load")
        return page, held

    yield make


@pytest.mark.parametrize("device", DEVICES)
def test_the_first_press_on_a_permalink_opens_its_toolbar(
    device: str, held_page: Callable[..., tuple[Page, Held]]
) -> None:
    """360 × 800 touch and 1280 × 800 mouse: the tap or click that loads the file opens the toolbar."""
    page, held = held_page(device, permissions=CLIPBOARD)
    urls = asked(page)
    number = page.locator(NUMBER).nth(1)
    number.scroll_into_view_if_needed()
    press(device, number)
    assert held.asked(page), "the press asked for edition-tools.js"
    expect(page.locator(TOOLS)).to_have_count(0)  # held back: what opens it next is the press, kept
    assert "#" not in page.url, "no jump while it loads"
    held.release()
    tools = page.locator(TOOLS)
    expect(tools).to_be_visible(timeout=SHOWN_WITHIN)
    expect(number).to_have_attribute("aria-expanded", "true")
    assert "#" not in page.url
    # From now on it answers at once, and is never asked for again: the same link closes it, a
    # note, a name's card and a phrase open.
    press(device, number)
    expect(tools).to_have_count(0)
    call = page.locator("article a.fn-ref").first
    call.scroll_into_view_if_needed()
    press(device, call)
    expect(page.locator(".ed-pop")).to_be_visible()
    page.keyboard.press("Escape")
    name = page.locator("article a.person[data-card]").first
    name.scroll_into_view_if_needed()
    press(device, name)
    expect(page.locator(".ed-pop")).to_be_visible()
    page.keyboard.press("Escape")
    page.evaluate(
        """() => { const p = document.querySelector('article p.chapter-paragraph'), r = document.createRange();
            r.selectNodeContents(p.lastChild); getSelection().removeAllRanges(); getSelection().addRange(r); }"""
    )
    expect(page.locator(".ed-phrase")).to_be_visible()
    assert len(urls) == 1, urls


def test_enter_on_a_focused_permalink_opens_its_toolbar(held_page: Callable[..., tuple[Page, Held]]) -> None:
    page, held = held_page("desktop", permissions=CLIPBOARD)
    number = page.locator(NUMBER).nth(1)
    number.focus()
    assert held.asked(page), "focus on a permalink asks for edition-tools.js"
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    expect(page.locator(TOOLS)).to_have_count(0)
    held.release()
    tools = page.locator(TOOLS)
    expect(tools).to_be_visible(timeout=SHOWN_WITHIN)
    expect(number).to_be_focused()
    assert "#" not in page.url
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Copy link")
    page.keyboard.press("Escape")
    expect(tools).to_have_count(0)
    expect(number).to_be_focused()
    assert len(held.requests) == 1


def nothing_opens_once_loaded(page: Page, held: Held) -> None:
    """The held file arrives; the use taken back meanwhile opens nothing."""
    held.release()
    page.wait_for_function(LOADED)
    page.wait_for_timeout(100)
    expect(page.locator(TOOLS)).to_have_count(0)


def test_a_use_taken_back_while_it_loads_is_not_done(held_page: Callable[..., tuple[Page, Held]]) -> None:
    """Enter, then Escape before the file came: loaded, nothing opens (it would have opened and
    closed). A click elsewhere, or Tab on past the link, the same."""
    page, held = held_page("desktop")
    number = page.locator(NUMBER).nth(1)
    number.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    nothing_opens_once_loaded(page, held)
    page, held = held_page("desktop")
    number = page.locator(NUMBER).nth(2)
    number.scroll_into_view_if_needed()
    number.click()
    page.locator("article h1").first.click(position={"x": 5, "y": 5})  # a click elsewhere
    nothing_opens_once_loaded(page, held)
    page, held = held_page("desktop")
    number = page.locator(NUMBER).nth(1)
    number.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # on past it
    nothing_opens_once_loaded(page, held)


def test_the_first_tap_on_a_note_opens_it(held_page: Callable[..., tuple[Page, Held]]) -> None:
    page, held = held_page("phone")
    call = page.locator("article a.fn-ref").first
    call.scroll_into_view_if_needed()
    call.tap()
    assert held.asked(page)
    expect(page.locator(".ed-pop")).to_have_count(0)
    assert "#" not in page.url, "the call did not jump to the notes"
    held.release()
    pop = page.locator(".ed-pop")
    expect(pop).to_be_visible(timeout=SHOWN_WITHIN)
    expect(pop).to_be_focused()
    expect(call).to_have_attribute("aria-expanded", "true")
    assert "#" not in page.url


def test_a_first_selection_is_offered_its_link(held_page: Callable[..., tuple[Page, Held]]) -> None:
    page, held = held_page("desktop")
    page.evaluate(  # outside the article: nothing asked
        """() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('.md-header__topic'));
            getSelection().removeAllRanges(); getSelection().addRange(r); }"""
    )
    page.wait_for_timeout(200)
    assert held.requests == []
    paragraph = page.locator("article p.chapter-paragraph").nth(1)
    paragraph.scroll_into_view_if_needed()
    paragraph.dblclick(position={"x": 60, "y": 10})
    assert held.asked(page)
    held.release()
    expect(page.locator(".ed-phrase")).to_be_visible(timeout=SHOWN_WITHIN)


def test_a_qr_code_fills_the_screen_on_its_first_press(held_page: Callable[..., tuple[Page, Held]]) -> None:
    page, held = held_page("desktop", "teachers.html")
    button = page.locator("article button.qr-full").first
    button.scroll_into_view_if_needed()
    button.click()
    assert held.asked(page)
    held.release()
    dialog = page.locator("dialog.qr-dialog")
    expect(dialog).to_be_visible(timeout=SHOWN_WITHIN)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(button).to_be_focused()


def test_without_the_file_a_permalink_is_a_link(reading_url: str, context: Callable[..., BrowserContext]) -> None:
    page = context(**DEVICES["desktop"]).new_page()
    urls = asked(page)
    page.route("**/" + MODULE, lambda route: route.abort())
    page.goto(reading_url + CHAPTER, wait_until="load")
    number = page.locator(NUMBER).nth(1)
    number.click()
    page.wait_for_function("(id) => location.hash === id", arg=number.get_attribute("href"))
    expect(page.locator(TOOLS)).to_have_count(0)
    page.locator(NUMBER).nth(2).click()  # the next use asks again
    page.wait_for_function("(id) => location.hash === id", arg=page.locator(NUMBER).nth(2).get_attribute("href"))
    assert len(urls) == 2, urls


def test_from_file_it_loads_as_online(
    unzipped: Path, cut_off: Callable[..., tuple[BrowserContext, RequestLog]]
) -> None:
    """The offline edition as downloaded (the zip, unzipped; file://, no network): the first click
    on a ¶ and on a note work."""
    assert (unzipped / "assets" / "javascripts" / MODULE).is_file()
    context, _ = cut_off(**DEVICES["desktop"])
    page = context.new_page()
    page.goto((unzipped / CHAPTER).as_uri(), wait_until="load")
    assert not page.evaluate(LOADED)
    number = page.locator(NUMBER).nth(1)
    number.click()
    expect(page.locator(TOOLS)).to_be_visible()
    page.locator("article a.fn-ref").first.click()
    expect(page.locator(".ed-pop")).to_be_visible()
    expect(page.locator(TOOLS)).to_have_count(0)
