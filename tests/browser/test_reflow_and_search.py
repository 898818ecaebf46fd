"""Reflow (WCAG 1.4.10) and search, in a real Chromium.

Reflow: no page, the single file included, is wider than a phone's screen at 320 to 414 px,
with every copy toolbar closed and with each one open.

Search: a result opens with the match in view; snippets show the chapter's words, not
paragraph or footnote numbers; a page is titled by its title, not the site's name; every
spelling of a name on the people page finds the person; the quotations page names places in
the chapter, not files."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tools.checker import check
from tools.publish.build import PROJECT

from .conftest import Published

pytestmark = pytest.mark.browser

WIDTHS = [320, 360, 375, 390, 414]


def overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(
    width: int, published: Published, published_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = context(viewport={"width": width, "height": 700}, has_touch=True, is_mobile=True).new_page()
    wide = {}
    names = sorted(p.name for p in published.site.glob("*.html"))
    for name in names:
        page.goto(published_url + name, wait_until="load")
        if extra := overflow(page):
            wide[name] = extra
        # Each toolbar, opened as its link gets focus (as by a tap or Tab), stays on the screen too.
        for href, extra in page.evaluate(
            """() => [...document.querySelectorAll('.md-content a.permalink, .md-content a.headerlink')]
                .filter(a => a.checkVisibility()).map(a => {
                    a.focus();
                    const extra = document.documentElement.scrollWidth - document.documentElement.clientWidth;
                    a.blur();
                    return [a.getAttribute('href'), extra];
                }).filter(([, extra]) => extra > 0)"""
        ):
            wide[f"{name} with the toolbar of {href}"] = extra
    page.goto(published.single.as_uri(), wait_until="load")
    if extra := overflow(page):
        wide["the single file"] = extra
    assert wide == {}, f"wider than {width} px by: {wide}"


# --- search -----------------------------------------------------------------------------------


def search(page: Page, query: str) -> list[dict[str, str]]:
    """Type `query` in Material's search; each result's link, title and snippet."""
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("")
    field.press("End")  # Material searches on key events, which fill() does not send
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    field.fill(query)
    field.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.wait_for_timeout(300)  # results are rendered in batches
    return page.evaluate(
        """() => [...document.querySelectorAll('a.md-search-result__link')].map(a => ({
            href: a.getAttribute('href'), title: (a.querySelector('h1, h2') || {}).textContent || '',
            text: [...a.querySelectorAll('article > p, article > ul')].map(p => p.textContent).join(' ')}))"""
    )


@pytest.fixture
def desktop(published_url: str, context: Callable[..., BrowserContext]) -> Page:
    page = context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(published_url + "index.html", wait_until="load")
    return page


def test_a_result_opens_with_the_match_in_view(desktop: Page) -> None:
    search(desktop, "brass wall")
    desktop.locator("input.md-search__input").press("Enter")
    desktop.wait_for_url("**/praise.html?h=brass+wall*")
    mark = desktop.locator("mark[data-md-highlight]").first
    expect(mark).to_be_in_viewport(timeout=10_000)
    box = mark.bounding_box()
    header = desktop.locator("header.md-header").bounding_box()
    assert box and header and box["y"] >= header["y"] + header["height"], "the match is hidden under the header"


def test_snippets_show_the_chapters_words(desktop: Page) -> None:
    for query in ("defense attorneys", "Velicki loaded", "Rosenholz shouted"):
        results = [r for r in search(desktop, query) if "praise.html" in r["href"]]
        assert results, query
        text = results[0]["text"].strip()
        assert text[:1].isalpha(), f"{query!r}: the snippet starts {text[:20]!r}"
        assert "¶" not in text and "Copy link" not in text


def test_a_page_is_titled_by_its_title(desktop: Page) -> None:
    results = search(desktop, "discontented workers")
    warning = [r for r in results if r["href"].split("?")[0].endswith("warning.html")]
    assert warning and warning[0]["title"] == "The trials as a warning", results


def spellings() -> list[tuple[str, str]]:
    """(person id, spelling) for every spelling the source list records."""
    result = check(PROJECT)
    assert result.sources is not None
    return [(p.id, v) for p in result.sources.people.values() for v in dict.fromkeys((p.name.split()[-1], *p.variants))]


def test_every_spelling_finds_the_person(desktop: Page) -> None:
    missed = []
    for person, spelling in spellings():
        hrefs = [r["href"] for r in search(desktop, spelling)]
        if not any("people.html" in h and h.endswith(f"#{person}") for h in hrefs):
            missed.append(f"{spelling} -> {person}")
    assert missed == []


def test_the_quotations_page_names_places_not_files(published_url: str, context: Callable[..., BrowserContext]) -> None:
    page = context().new_page()
    page.goto(published_url + "quotations.html", wait_until="load")
    places = page.locator("dt:text-is('In the chapter') + dd a")
    assert places.count() > 0
    for text in places.all_text_contents():
        assert ".md" not in text and ".html" not in text and text.startswith("¶ "), text
