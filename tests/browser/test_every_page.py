"""Every page of the session's build (tests/session.py), walked once online and once offline, in a
real Chromium. On each page: it shows its heading, axe-core finds no WCAG 2.0/2.1 A+AA or 2.2 AA
violation, nothing violates the Content-Security-Policy (`securitypolicyviolation` events in every
frame, and Chromium's console), no dialog opens, and nothing is requested from anywhere else; on
the chapter page, every feature is used under the policy as well: a note and a name's card in
place, the copy toolbar, the palette toggle, search (its worker and index).

- Online, served at the published address's path (/history/), in the light scheme on a desktop:
  nothing is requested from outside that path.
- Offline, the downloaded zip unzipped and opened from file:// with the network cut, in the dark
  scheme on a phone: nothing but file: is asked for; every page the navigation names is there.

So every page is checked by axe once in each scheme and once at each width (colours do not depend
on the width, nor sizes on the scheme; test_accessibility.py checks the chapter page in the other
two pairings, and the pages' interactive states). A violation is fixed in
overrides/assets/stylesheets/edition.css or overrides/, never by disabling an axe rule.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .axe import format_violations, preload_axe, run_axe
from .conftest import Published
from .reading import SCHEMES, finish_animations, open_search
from .watch import Watched, page_names, violations

pytestmark = pytest.mark.browser

CHAPTER = "praise.html"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def use_every_feature(page: Page) -> None:
    """On a chapter page: a note and a name's card in place, the copy toolbar, palette, search."""
    page.locator("article a.fn-ref").first.click()
    expect(page.locator(".ed-pop")).to_be_visible()
    page.keyboard.press("Escape")  # (on a phone the note may cover the name)
    page.locator("article a.person[data-card]").first.click()
    expect(page.locator(".ed-pop")).to_be_visible()
    page.keyboard.press("Escape")
    page.locator(".md-content a.permalink").first.click()  # opens its copy toolbar (edition-tools.js)
    button = page.locator("#edition-tools button").first
    button.click()
    expect(button).to_have_text("Copied")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")
    open_search(page, "brass wall")


# Each walk in two halves, every other page, so that two workers walk side by side; the chapter
# page's features are used once, at the end of the second half.
HALVES = (0, 1)


def walk(watched: Watched, base: str, names: list[str], scheme: str, *, features_last: bool) -> list[str]:
    """Every page in turn, then, if asked, every feature on the chapter page: what went wrong, by page."""
    problems = []
    page = watched.page()
    for index, name in enumerate([*names, CHAPTER] if features_last else names):
        features = index == len(names)  # the chapter page again, last
        page.goto(base + name, wait_until="load")
        if features:
            use_every_feature(page)
            page.wait_for_timeout(50)  # a violation event is dispatched asynchronously
        else:
            expect(page.locator("article.md-content__inner h1")).to_be_visible()
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
            finish_animations(page)
            if axe := run_axe(page):  # (which takes longer than any violation event to arrive)
                problems.append(f"--- {name}: axe\n{format_violations(axe)}")
        if policy := violations(page):
            problems.append(f"--- {name}: the policy\n" + "\n".join(policy))
    return problems


def nav_pages(page: Page) -> list[str]:
    """Hrefs of the primary navigation's page links, in nav order (no duplicates)."""
    hrefs = page.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    return list(dict.fromkeys(h for h in hrefs if h.endswith(".html")))


@pytest.mark.slow
@pytest.mark.parametrize("half", HALVES)
def test_every_page_online(
    half: int, published: Published, published_url: str, watched: Callable[..., Watched]
) -> None:
    every = page_names(published.site)
    assert CHAPTER in every and "404.html" in every and len(every) >= 12
    names = every[half::2]
    w = watched(
        local=(published_url,),
        color_scheme="light",
        viewport=DESKTOP,
        permissions=["clipboard-read", "clipboard-write"],
    )
    preload_axe(w.context)
    assert walk(w, published_url, names, "light", features_last=half == HALVES[-1]) == []
    assert w.console == [] and w.dialogs == [] and w.requests == []


@pytest.mark.slow
@pytest.mark.parametrize("half", HALVES)
def test_every_page_offline_from_file_with_the_network_cut(
    half: int, unzipped: Path, watched: Callable[..., Watched]
) -> None:
    # The 404 page is a host's answer to an address it does not have: from file:// nothing serves
    # it, and it links from the published path, so the offline copy has none.
    every = page_names(unzipped)
    assert "404.html" not in every
    assert CHAPTER in every and len(every) >= 12
    names = every[half::2]
    w = watched(local=("file:",), cut=True, color_scheme="dark", viewport=PHONE)
    preload_axe(w.context)
    assert walk(w, unzipped.as_uri() + "/", names, "dark", features_last=half == HALVES[-1]) == []
    assert w.console == [] and w.dialogs == [] and w.requests == []
    if half != HALVES[0]:
        return
    # The navigation names only pages that are there; the search worker runs in the shim's
    # iframe, from file://, under the inherited policy.
    page = w.page()
    page.goto(unzipped.joinpath("index.html").as_uri())
    assert {"index.html", "warning.html", "praise.html", "trotsky.html", "meetings.html"} <= set(nav_pages(page))
    assert set(nav_pages(page)) <= set(every)
    open_search(page, "Trotsky")
    assert violations(page) == [] and w.console == [] and w.requests == []
