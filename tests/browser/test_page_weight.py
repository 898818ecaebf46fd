"""Page weight as the reader's browser gets it (tools/bench/weight.py): every request Chromium
makes for a page's first view until the network is idle, the search worker and index included,
each body at gzip -9. Every page stays within 90 kB and 10 requests. The budget is fixed: if a
page is over, make it lighter, never raise it.

The lighter stylesheets (tools/publish/compact.py drops the theme's rules no page can use) must
look exactly like the theme's own: every element's computed style is compared with both."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import material
import pytest
from playwright.sync_api import Browser, Page, Route

from tools.bench.weight import BUDGET_BYTES, BUDGET_REQUESTS, first_view, heaviest_files, table
from tools.publish.compact import compact_css

pytestmark = pytest.mark.browser

THEME_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


@pytest.fixture(scope="module")
def base_url(built_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(built_site)


def test_every_page_fits_the_budget_search_included(built_site: Path, base_url: str, browser: Browser) -> None:
    pages = sorted(p.name for p in built_site.glob("*.html"))
    assert len(pages) >= 10, pages
    weights = [first_view(browser, base_url, name) for name in pages]
    report = "\n".join(f"{page:<18} {kb:>6} kB {n:>3} requests" for page, kb, n in table(weights))
    report += "\nheaviest page's files:\n" + "\n".join(
        f"  {path:<52} {kb:>6} kB" for path, kb in heaviest_files(weights)
    )
    print("\n" + report)
    for weight in weights:  # the measure sees what a reader's browser fetches, search included
        fetched = {path.split("/")[0] if "/" in path else path for path, _ in weight.files}
        paths = [path for path, _ in weight.files]
        assert weight.page in paths and "search/search_index.json" in paths, paths
        assert any(p.startswith("assets/javascripts/workers/search.") for p in paths), paths
        assert fetched
    over = [w.page for w in weights if not w.within_budget]
    assert not over, f"over {BUDGET_BYTES / 1000:.0f} kB or {BUDGET_REQUESTS} requests: {over}\n{report}"


STYLES = """() => [...document.querySelectorAll('body *')].map(e => {
    const s = getComputedStyle(e); const out = [];
    for (let i = 0; i < s.length; i++) out.push(s[i] + ':' + s.getPropertyValue(s[i]));
    return (e.id || e.className.toString() || e.tagName) + ' ' + out.join(';');
})"""


def difference(trimmed: str, original: str) -> str:
    """One element's properties that differ, trimmed -> original."""
    name, _, rest = trimmed.partition(" ")
    left = dict(p.split(":", 1) for p in rest.split(";") if ":" in p)
    right = dict(p.split(":", 1) for p in original.partition(" ")[2].split(";") if ":" in p)
    changed = {k: (left.get(k), right.get(k)) for k in left.keys() | right.keys() if left.get(k) != right.get(k)}
    return f"{name}: " + "; ".join(f"{k}: {a} -> {b}" for k, (a, b) in sorted(changed.items()))


def search_open(page: Page) -> None:
    """The states the theme's script makes: search results, a focus ring."""
    field = page.locator("input.md-search__input")
    if not field.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    field.fill("Trotsky")
    field.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")


def note_open(page: Page) -> None:
    """A note open in place (edition.js), inside the theme's typeset styles."""
    page.locator("a.fn-ref").first.click()
    page.locator(".ed-pop").wait_for()


STATES: dict[str, Callable[[Page], None] | None] = {
    "index.html": search_open,
    "praise.html": note_open,
    "people.html": None,
    "teachers.html": None,
    "trials.html": None,
    "sources.html": None,
}


def styles(page: Page, url: str, state: Callable[[Page], None] | None = None) -> list[str]:
    page.goto(url, wait_until="load")
    if state is not None:
        state(page)
    # Material's header and sidebars settle, then every transition ends; on a loaded machine
    # that can take longer, so the styles are read until two reads agree.
    seen: list[str] = []
    for _ in range(10):
        page.wait_for_timeout(300)
        page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
        now = list(page.evaluate(STYLES))
        if now == seen:
            break
        seen = now
    return seen


def theme_css(route: Route) -> None:
    """Serve the theme's own stylesheet instead of the trimmed one."""
    name = route.request.url.rsplit("/", 1)[1]
    route.fulfill(path=str(THEME_CSS / name), content_type="text/css")


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 375)])
def test_the_trimmed_stylesheets_look_the_same(
    scheme: str, width: int, base_url: str, browser: Browser, built_site: Path
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        for name, state in STATES.items():
            trimmed = styles(page, base_url + name, state)
            page.route("**/assets/stylesheets/*.min.css", theme_css)
            original = styles(page, base_url + name, state)
            page.unroute("**/assets/stylesheets/*.min.css")
            changed = [difference(a, b) for a, b in zip(trimmed, original, strict=True) if a != b]
            assert not changed, f"{name}: {len(changed)} element(s) styled differently:\n" + "\n".join(changed[:3])
    finally:
        context.close()
    for path in (built_site / "assets" / "stylesheets").glob("*.min.css"):
        assert path.stat().st_size < (THEME_CSS / path.name).stat().st_size, f"{path.name} was not trimmed"
    assert compact_css("a  { color : red } /* x */") == "a{color : red}"
