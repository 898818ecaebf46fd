"""The offline edition in a real browser: the unzipped site from file:// with no network,
the single-file HTML, and the online build making no request off its origin."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Exported
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tools.publish.build import build

from .conftest import RequestLog

pytestmark = pytest.mark.browser

DEEP_LINK = "praise.html#q-bukharin-hope-of-mankind"


@pytest.fixture(scope="module")
def unzipped(exported: Exported, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(unzipped offline site, single HTML file), from the session's export."""
    root = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(exported.zip) as zf:
        zf.extractall(root / "unzipped")
    return root / "unzipped" / "secret-history-19-offline", exported.html


@pytest.fixture
def offline(cut_off: Callable[..., tuple[BrowserContext, RequestLog]]) -> tuple[BrowserContext, RequestLog]:
    return cut_off()


def _nav_pages(page: Page) -> list[str]:
    """Hrefs of the primary navigation's page links, in nav order (no duplicates)."""
    hrefs = page.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    return list(dict.fromkeys(h for h in hrefs if h.endswith(".html")))


def _search(page: Page, query: str) -> None:
    """Open Material's search (the header input on wide screens) and wait for a result."""
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)


def test_offline_site_every_page_from_file(unzipped: tuple[Path, Path], offline) -> None:
    site, _ = unzipped
    context, log = offline
    page = context.new_page()
    page.goto(site.joinpath("index.html").as_uri())
    names = _nav_pages(page)
    assert {"index.html", "warning.html", "praise.html", "trotsky.html", "meetings.html"} <= set(names)
    for name in names:
        page.goto(site.joinpath(name).as_uri())
        expect(page.locator("article.md-content__inner h1")).to_be_visible()
    assert [u for u in log.urls if not u.startswith(("file:", "data:", "blob:", "about:"))] == []


def test_first_page_view_requests_stay_local(unzipped: tuple[Path, Path], offline) -> None:
    site, _ = unzipped
    context, log = offline
    context.new_page().goto(site.joinpath("index.html").as_uri(), wait_until="load")
    assert log.urls and all(u.startswith(("file:", "data:", "blob:", "about:")) for u in log.urls), log.urls
    print(f"\nfirst page view from file://: {len(log.urls)} requests")


def test_offline_search_finds_trotsky(unzipped: tuple[Path, Path], offline) -> None:
    site, _ = unzipped
    page = offline[0].new_page()
    page.goto(site.joinpath("index.html").as_uri())
    _search(page, "Trotsky")


def test_a_note_opens_in_place_by_click_and_keyboard(unzipped: tuple[Path, Path], offline) -> None:
    site, _ = unzipped
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


def test_deep_link_lands_below_the_sticky_header(unzipped: tuple[Path, Path], offline) -> None:
    site, _ = unzipped
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


def test_single_file_is_one_request(unzipped: tuple[Path, Path], offline) -> None:
    _, html_path = unzipped
    context, log = offline
    context.new_page().goto(html_path.as_uri(), wait_until="load")
    assert log.urls == [html_path.as_uri()]


def test_single_file_links_work_without_javascript(
    unzipped: tuple[Path, Path], open_page_without_js: Callable[[str], Page]
) -> None:
    _, html_path = unzipped
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


def test_online_build_stays_on_its_origin(tmp_path: Path, serve_dir: Callable[[Path], str], browser: Browser) -> None:
    base = serve_dir(build(tmp_path / "site"))
    context = browser.new_context()
    log = RequestLog().attach(context)
    try:
        page = context.new_page()
        page.goto(base + "index.html", wait_until="load")
        for name in _nav_pages(page):
            page.goto(base + name, wait_until="load")
        # Search loads its worker and index only when opened: include it.
        _search(page, "Trotsky")
    finally:
        context.close()
    assert log.off_origin([base]) == []
