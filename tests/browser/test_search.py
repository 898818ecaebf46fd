"""Search in a real Chromium (issue 20), on the session's build: the whole edition is searchable
passage by passage (tools/publish/searchindex.py), and search loads when the reader searches
(overrides/assets/javascripts/search.js).

- each term finds its passage, and the result the reader opens (Enter: the best one) lands on it,
  the term marked and in view below the sticky header, on a desktop and on a phone (a tap);
- no result is a page listed with "Missing: …" (every word of a query is required);
- a first view asks for neither the search worker nor the index; searching asks for each once; a
  page opened from a result asks for the index only (to mark the words), not the worker;
- the offline copy searches the same way from file://, with no request off the machine.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from session import Built

from tools.model.edition import Checked
from tools.site.cited import work_href

from .conftest import RequestLog

pytestmark = pytest.mark.browser

# term -> where the best result opens, on today's source list. ("Hotel Bristol" finds the meeting
# at the Hotel Bristol first, then the Holmström essay on the "Hotel Bristol" question; "verified"
# the glossary's entry for the status, then the statuses' legend.)
TERMS = {
    "Bristol": "trials.html#m-holtzman-copenhagen",
    "Hotel Bristol": "trials.html#m-holtzman-copenhagen",
    "Kjeller": "trials.html#m-pyatakov-oslo",
    "verified": "glossary.html#g-verified",
    "hope of mankind": "quotations.html#list-q-bukharin-hope-of-mankind",
}


# term -> a passage among its results (not the first): a work is found at its full entry, on the
# page of its kind (tools/site/workpages.py; the bibliography's lines are not searched, so that a
# work is one result), its address as the source list lays the pages out.
@pytest.fixture(scope="module")
def also_found(checked: Checked) -> dict[str, str]:
    return {
        "Hotel Bristol": work_href("holmstrom-2008", checked.sources),
        "Dewey": work_href("dewey-hearings-1937", checked.sources),
        "verified": "index.html#statuses",
    }


PHONE = {"viewport": {"width": 360, "height": 800}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SEARCH_FILES = ("search/search_index", "assets/javascripts/workers/search.")


@pytest.fixture(scope="module")
def base_url(built: Built, serve_dir: Callable[[str], str]) -> str:
    return serve_dir(str(built.site))


def search(page: Page, query: str, tap: bool = False) -> list[str]:
    """Open the search box as a reader would (on a phone, a tap on the header's search button), type
    `query`, wait for its results and give their addresses (without ?h=…), best first."""
    field = page.locator("input.md-search__input")
    if tap:
        page.locator("label.md-header__button[for='__search']").tap()
    else:
        field.click()
    field.fill(query)
    field.press("End")  # Material searches on key events, which fill() does not send
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    found = page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.pathname.split('/').pop() + a.hash)"
    )
    return [str(address) for address in found]


# The first mark at or after the passage the page opened on, its box, and the header's bottom.
LANDED = """() => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const after = Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY;
    const mark = [...document.querySelectorAll('article mark[data-md-highlight]')].find(
        m => !target || target.compareDocumentPosition(m) & after);
    if (!mark || document.readyState !== 'complete') return null;
    const box = mark.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, header: document.querySelector('header.md-header').getBoundingClientRect().bottom,
            height: innerHeight, mark: mark.textContent.toLowerCase(), inside: Boolean(target && target.contains(mark))};
}"""
IN_VIEW = f"() => {{ const l = ({LANDED})(); return l && l.top >= l.header && l.bottom <= l.height; }}"


def lands(page: Page, term: str, expected: str) -> list[str]:
    """Open the best result of `term` (Enter); what is wrong with where it landed."""
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url("**/*.html?h=*#*")
    opened = str(page.evaluate("() => location.pathname.split('/').pop() + location.hash"))
    if opened != expected:
        return [f"{term!r} opened {page.url}, not {expected}"]
    try:
        page.wait_for_function(IN_VIEW, timeout=5_000)
    except Exception:  # reported below, with where it landed
        pass
    landed = page.evaluate(LANDED)
    if not landed or not (landed["top"] >= landed["header"] and landed["bottom"] <= landed["height"]):
        return [f"{term!r}: the first mark is not in view below the header on {opened}: {landed}"]
    if not landed["inside"] or not set(landed["mark"].split()) <= set(term.lower().split()):
        return [f"{term!r}: the first mark is not the term in the passage: {landed}"]
    return []


@pytest.mark.slow
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_each_term_lands_on_its_passage_marked_and_in_view(
    device: str, base_url: str, context: Callable[..., BrowserContext], also_found: dict[str, str]
) -> None:
    page = context(**(PHONE if device == "phone" else DESKTOP)).new_page()
    terms = TERMS if device == "desktop" else {t: TERMS[t] for t in ("Hotel Bristol", "Kjeller")}
    failures = []
    for term, expected in terms.items():
        page.goto(base_url + "index.html", wait_until="load")
        found = search(page, term, tap=device == "phone")
        if page.locator(".md-search-result__terms").count():  # Material's "Missing: …" line
            failures.append(
                f"{term!r}: a result says {page.locator('.md-search-result__terms').first.text_content()!r}"
            )
        if term in also_found and also_found[term] not in found:
            failures.append(f"{term!r}: {also_found[term]} is not among the results {found}")
        failures += lands(page, term, expected)
    assert failures == []


def test_search_loads_when_the_reader_searches(
    base_url: str, context: Callable[..., BrowserContext], also_found: dict[str, str]
) -> None:
    """Nothing of search is fetched on a first view; searching fetches the worker and the index once
    each; a page opened from a result fetches the index (to mark the words), not the worker."""
    browser_context = context(**DESKTOP)
    requested: list[str] = []
    browser_context.on("request", lambda request: requested.append(request.url.removeprefix(base_url)))
    page = browser_context.new_page()
    page.goto(base_url + "praise.html", wait_until="networkidle")
    assert not [url for url in requested if url.startswith(SEARCH_FILES)], requested
    found = search(page, "Dewey")
    assert also_found["Dewey"] in found, found
    for name in SEARCH_FILES:
        assert len([url for url in requested if url.startswith(name)]) == 1, (name, requested)

    requested.clear()
    opened = browser_context.new_page()
    opened.goto(base_url + "trials.html?h=kjeller#m-pyatakov-oslo", wait_until="networkidle")
    opened.wait_for_function(IN_VIEW, timeout=10_000)
    assert [url for url in requested if url.startswith(SEARCH_FILES)] == ["search/search_index.json"], requested


def test_the_offline_copy_searches_from_file(
    built: Built, cut_off: Callable[..., tuple[BrowserContext, RequestLog]]
) -> None:
    """From file:// (the offline site, network cut): nothing of search before searching; then a word of
    the apparatus is found, without "Missing: …", and its result opens on the passage, marked in view."""
    context, log = cut_off(**DESKTOP)
    page = context.new_page()
    page.goto(built.offline.joinpath("praise.html").as_uri(), wait_until="load")
    assert not [url for url in log.urls if "/search/" in url or "/workers/" in url], log.urls
    search(page, "Kjeller")
    expect(page.locator(".md-search-result__terms")).to_have_count(0)
    assert lands(page, "Kjeller", TERMS["Kjeller"]) == []
    assert [url for url in log.urls if not url.startswith(("file:", "data:", "blob:", "about:"))] == []
