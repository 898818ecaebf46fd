"""Page weight as the reader's browser gets it, on the session's build: every request Chromium makes
for a page's first view until the network is idle, each body at gzip -9. Every page stays within
65 kB and 7 requests; search (its worker and index) is no part of a first view, it loads when the
reader searches (overrides/assets/javascripts/search.js, tests/browser/test_search.py), nor are the
reading aids, which load on their first use (edition-tools.js, tests/browser/test_lazy_tools.py),
not when the reader scrolls on without using one; yet a first view has what it needs without them:
every link that opens something in place says whether it is open, every QR code has its button.
The budget is fixed: if a page is over, make it lighter, never raise it.

The lighter stylesheets (tools/publish/compact.py drops the theme's rules no page can use and the
custom properties nothing reads, and folds the palette's stylesheet into the main one) must look
exactly like the theme's own: every element's computed style, in the same page and state, side by
side in two windows, one with the trimmed stylesheet and one with Material's own two."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route
from session import PUBLISHED_URL, Built

from tools.publish.engine import THEME_ASSETS

pytestmark = pytest.mark.browser

BUDGET_BYTES = 65_000  # gzip -9, every file of a first view
BUDGET_REQUESTS = 7
# Pages over the budget: none. Every page carries about 50 kB of the theme's and the edition's files
# (Material's bundle alone is 35 kB; the reading aids load on first use) and the theme's header and
# navigation, which leaves about 10 kB for the article: the apparatus shows where each source was read
# and the words read once, in the work's full entry, on pages of its kind (tools/site/workpages.py).
# Not a higher budget: the list may only shrink, and a page that fits fails here until it leaves it.
OVER_TODAY: frozenset[str] = frozenset()
THEME_CSS = THEME_ASSETS / "stylesheets"


@pytest.fixture(scope="module")
def base_url(built: Built, serve_dir: Callable[[str], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The site served at its published path (/history/), where the 404 page finds its files."""
    root = tmp_path_factory.mktemp("served")
    path = urlsplit(PUBLISHED_URL).path.strip("/")
    (root / path).symlink_to(built.site, target_is_directory=True)
    return serve_dir(str(root)) + path + "/"


IDLE_MS = 500  # no request under way, and none new, for this long: the network is idle (Playwright's measure)


# What a first view needs done without the reading aids' file: every link that opens something in
# place says whether it is open, and every QR code has its full-screen button.
UNREADY = """() => [...document.querySelectorAll('a.fn-ref, a.person[data-card]')]
    .filter(a => !a.hasAttribute('aria-expanded')).map(a => a.outerHTML.slice(0, 80))
    .concat(document.querySelectorAll('article svg.qr').length === document.querySelectorAll('article button.qr-full').length
        ? [] : ['a QR code without its full-screen button'])"""


@dataclass
class Views:
    """Each page's first view (its files, by address, with their sizes at gzip -9), what it lacked
    without the reading aids, and what it asked for once the reader read on without using any aid."""

    first: dict[str, dict[str, int]]
    unready: dict[str, list[str]]
    read_on: dict[str, dict[str, int]]


def idle(pages: list[Page], views: dict[str, dict[str, int]], pending: set[Request]) -> None:
    """Until no request is under way, and none new, for IDLE_MS (the events arrive while a page waits)."""
    quiet = 0
    while quiet < IDLE_MS:
        before = sum(len(files) for files in views.values())
        pages[0].wait_for_timeout(100)
        busy = pending or sum(len(files) for files in views.values()) != before
        quiet = 0 if busy else quiet + 100


def first_views(browser: Browser, base_url: str, names: list[str]) -> Views:
    """Every request of each page's first view (a fresh context: nothing cached) until the network is
    idle, with its body's size at gzip -9; then each page scrolled on, as a reader reads without
    using any aid, until the network is idle again. The pages load side by side."""
    views: dict[str, dict[str, int]] = {name: {} for name in names}
    pending: set[Request] = set()
    contexts: list[BrowserContext] = []

    sizes: dict[str, int] = {}  # by address: the pages share their files

    def finished(files: dict[str, int]) -> Callable[[Request], None]:
        def record(request: Request) -> None:
            if request.url not in sizes:
                response = request.response()
                body = response.body() if response is not None else b""
                sizes[request.url] = len(gzip.compress(body, compresslevel=9))
            files[request.url.removeprefix(base_url)] = sizes[request.url]
            pending.discard(request)

        return record

    try:
        pages = []
        for name in names:
            contexts.append(browser.new_context(viewport={"width": 1280, "height": 800}))
            contexts[-1].on("request", lambda request: pending.add(request))
            contexts[-1].on("requestfinished", finished(views[name]))
            contexts[-1].on("requestfailed", lambda request: pending.discard(request))
            pages.append(contexts[-1].new_page())
            pages[-1].goto(base_url + name, wait_until="commit")
        for page in pages:
            page.wait_for_load_state("load")
        idle(pages, views, pending)
        first = {name: dict(files) for name, files in views.items()}
        unready = {name: page.evaluate(UNREADY) for name, page in zip(names, pages, strict=True)}
        for page in pages:
            page.mouse.wheel(0, 600)
        idle(pages, views, pending)
    finally:
        for context in contexts:
            context.close()
    read_on = {name: {p: size for p, size in files.items() if p not in first[name]} for name, files in views.items()}
    return Views(first, unready, read_on)


@pytest.mark.slow
def test_every_page_fits_the_budget(built: Built, base_url: str, browser: Browser) -> None:
    names = sorted(p.name for p in built.site.glob("*.html"))
    assert len(names) >= 12, names
    seen = first_views(browser, base_url, names)
    views = seen.first
    weights = {name: sum(files.values()) for name, files in views.items()}
    report = "\n".join(f"{name:<18} {weights[name] / 1000:6.1f} kB {len(views[name]):3} requests" for name in names)
    heaviest = max(names, key=lambda name: weights[name])
    report += "\nheaviest page's files:\n" + "\n".join(
        f"  {path:<52} {size / 1000:6.1f} kB" for path, size in sorted(views[heaviest].items(), key=lambda f: -f[1])
    )
    print("\n" + report)
    # The measure sees the theme's script; nothing of search before searching, nor of the reading aids before use.
    later = ("search/", "assets/javascripts/workers/", "assets/javascripts/edition-tools.js")
    for name, files in views.items():
        assert name in files and any(p.startswith("assets/javascripts/bundle.") for p in files), (name, files)
        assert not [p for p in files if p.startswith(later)], (name, files)
    # Nor does reading on without using an aid ask for them; what a first view needs is done.
    assert not [(name, files) for name, files in seen.read_on.items() if any(p.startswith(later) for p in files)]
    assert not {name: lacks for name, lacks in seen.unready.items() if lacks}
    many = [name for name in names if len(views[name]) > BUDGET_REQUESTS]
    assert not many, f"over {BUDGET_REQUESTS} requests: {many}\n{report}"
    heavy = {name for name in names if weights[name] > BUDGET_BYTES}
    assert heavy <= OVER_TODAY, f"over {BUDGET_BYTES / 1000:.0f} kB: {sorted(heavy - OVER_TODAY)}\n{report}"
    assert heavy == OVER_TODAY, (
        f"within {BUDGET_BYTES / 1000:.0f} kB now: {sorted(OVER_TODAY - heavy)}: take them off OVER_TODAY"
    )


# Every element's every property but the custom ones (--md-…): a custom property no rule reads shows
# nothing, and compact.py drops those (and keeps any that a page or script names). The page gives a
# hash of each element's values; then, for the elements whose hashes differ, their values.
STYLES = """(only) => {
    const names = [...getComputedStyle(document.body)].filter(n => !n.startsWith('--'));
    const elements = [...document.querySelectorAll('body *')];
    const values = e => { const s = getComputedStyle(e); return names.map(n => n + ': ' + s.getPropertyValue(n)); };
    if (only) return only.map(i => [elements[i].id || elements[i].className.toString() || elements[i].tagName, values(elements[i])]);
    return elements.map(e => { let h = 0; for (const c of values(e).join(';')) h = (h * 31 + c.charCodeAt(0)) | 0; return h; });
}"""
SETTLED = "() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))"


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
    """A note open in place (edition-tools.js), inside the theme's typeset styles."""
    page.locator("a.fn-ref").first.click()
    page.locator(".ed-pop").wait_for()


def drawer_open(page: Page) -> None:
    """The navigation drawer of a narrow screen."""
    page.locator(".edition-menu").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


def hashes(page: Page) -> list[int]:
    """The styles' hashes once every transition has ended (Material's header and sidebars settle on
    the first frames)."""
    page.evaluate(SETTLED)
    page.wait_for_timeout(150)
    return list(page.evaluate(STYLES, None))


def original_css(route: Route) -> None:
    """Material's own two stylesheets in place of the trimmed one (which holds both)."""
    name = route.request.url.rsplit("/", 1)[1]
    palette = "".join(p.read_text(encoding="utf-8") for p in THEME_CSS.glob("palette.*.min.css"))
    route.fulfill(body=(THEME_CSS / name).read_text(encoding="utf-8") + palette, content_type="text/css")


STATES: dict[str, list[tuple[str, Callable[[Page], None] | None]]] = {
    "light": [("index.html", search_open), ("praise.html", note_open)],
    "dark": [("people.html", drawer_open), ("sources.html", None)],
}


@pytest.mark.slow
@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 375)])
def test_the_trimmed_stylesheet_looks_the_same(
    scheme: str, width: int, base_url: str, built: Built, context: Callable[..., BrowserContext]
) -> None:
    """The same page in the same state, side by side: one with the trimmed stylesheet, one (another
    window) with the theme's own two."""
    options = {"color_scheme": scheme, "viewport": {"width": width, "height": 800}}
    trimmed, original = context(**options).new_page(), context(**options).new_page()
    original.route("**/assets/stylesheets/main.*.min.css", original_css)
    for name, state in STATES[scheme]:
        for page in (trimmed, original):
            page.goto(base_url + name, wait_until="load")
            if state is not None:
                state(page)
        a, b = hashes(trimmed), hashes(original)
        for _ in range(3):  # Chromium may give an auto margin as 0px on a first read after a change: read again
            if a == b:
                break
            a, b = hashes(trimmed), hashes(original)
        assert len(a) == len(b) > 100, (name, len(a), len(b))
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        changed = [
            f"{element}: {' | '.join(sorted(set(mine) ^ set(theirs))[:6])}"
            for (element, mine), (_, theirs) in zip(
                trimmed.evaluate(STYLES, differ[:3]), original.evaluate(STYLES, differ[:3]), strict=True
            )
        ]
        assert not differ, f"{name}: {len(differ)} element(s) styled differently:\n" + "\n".join(changed)
    sheets = built.site / "assets" / "stylesheets"
    assert not list(sheets.glob("palette.*.min.css")), "the palette's stylesheet was not folded into the main one"
    for path in sheets.glob("main.*.min.css"):
        assert path.stat().st_size < (THEME_CSS / path.name).stat().st_size / 2, f"{path.name} was not trimmed"
