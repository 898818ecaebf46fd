"""Accessibility of the built site in a real Chromium: axe-core (WCAG 2.0/2.1 A+AA, 2.2 AA)
on every page, in both colour schemes, at desktop and phone widths and in the interactive
states (search open, a note open in place, phone drawer, palette toggled); then the keyboard:
the skip link, a visible focus ring on every Tab stop, the palette toggle, the phone menu
button and the copy-link buttons.

The site is built once per session (tests/conftest.py `built_site`, `mkdocs build --strict -d`)
and served over HTTP; one Chromium serves every test. A violation is fixed in
docs/assets/stylesheets/edition.css or overrides/, never by disabling an axe rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .axe import format_violations, run_axe
from .conftest import Published

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
# Playwright's prefers-color-scheme emulation; Material picks the palette whose `media` matches
# (mkdocs.yml) and writes it to <body data-md-color-scheme>, which every test checks.
SCHEMES = {"light": "default", "dark": "slate"}
FOOTNOTES_PAGE = "praise.html"  # footnotes, paragraph numbers, quotation links, editor's notes


# ----------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def base_url(built_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(built_site)


@pytest.fixture(scope="module")
def page_names(built_site: Path) -> list[str]:
    names = sorted(p.name for p in built_site.glob("*.html"))
    assert {"index.html", "praise.html", "people.html", "404.html"} <= set(names), names
    return names


@pytest.fixture
def open_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Factory: a fresh context (so no palette choice stored in localStorage leaks) per call."""
    contexts: list[BrowserContext] = []

    def open_(scheme: str = "light", viewport: dict[str, int] = DESKTOP, **kwargs: Any) -> BrowserContext:
        context = browser.new_context(color_scheme=scheme, viewport=viewport, **kwargs)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


def settle(page: Page) -> None:
    """Wait until every CSS transition and animation has finished and no new one starts for
    150 ms: axe measuring a tooltip or a skip link half faded in reports blended, meaningless
    contrast ratios (and Material shows a hover tooltip a moment after the pointer arrives)."""
    page.evaluate(
        """async () => {
            for (let round = 0; round < 20; round++) {
                const running = document.getAnimations().filter(a => a.playState === 'running');
                if (round > 0 && running.length === 0) return;
                await Promise.all(running.map(a => a.finished.catch(() => null)));
                await new Promise(resolve => setTimeout(resolve, 150));
            }
        }"""
    )


def goto(page: Page, url: str, scheme: str) -> None:
    page.goto(url, wait_until="load")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    settle(page)


def assert_no_violations(page: Page, label: str) -> None:
    settle(page)
    violations = run_axe(page)
    assert not violations, f"axe, {label}:\n{format_violations(violations)}"


# ---------------------------------------------------------------------------------- axe: pages


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_every_page(scheme: str, width: str, base_url: str, page_names: list[str], open_context) -> None:
    page = open_context(scheme, WIDTHS[width]).new_page()
    failures = []
    for name in page_names:
        goto(page, base_url + name, scheme)
        if violations := run_axe(page):
            failures.append(f"--- {name}\n{format_violations(violations)}")
    assert not failures, f"axe violations ({scheme}, {width}):\n" + "\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_the_single_file(scheme: str, width: str, published: Published, open_context) -> None:
    """The offline single file (its own stylesheet, no script), in both schemes, desktop and phone."""
    page = open_context(scheme, WIDTHS[width]).new_page()
    page.goto(published.single.as_uri(), wait_until="load")
    violations = run_axe(page)
    assert not violations, f"axe, single file ({scheme}, {width}):\n{format_violations(violations)}"


# ------------------------------------------------------------------------- axe: interactive states


def open_search(page: Page, query: str) -> None:
    """Open Material's search the way the reader does at this width, type, wait for results."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # phone: the header's magnifier button
        toggle.click()
    else:  # desktop: the search field in the header
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_search_open_with_results(scheme: str, width: str, base_url: str, open_context) -> None:
    page = open_context(scheme, WIDTHS[width]).new_page()
    goto(page, base_url + "index.html", scheme)
    open_search(page, "Trotsky")
    assert_no_violations(page, f"search open, {scheme}, {width}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_note_open(scheme: str, width: str, base_url: str, open_context) -> None:
    page = open_context(scheme, WIDTHS[width]).new_page()
    goto(page, base_url + FOOTNOTES_PAGE, scheme)
    page.locator("a.fn-ref").first.click()
    expect(page.locator(".ed-pop")).to_be_visible()
    assert_no_violations(page, f"a note open, {scheme}, {width}")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_phone_nav_drawer_open(scheme: str, base_url: str, open_context) -> None:
    page = open_context(scheme, PHONE).new_page()
    goto(page, base_url + FOOTNOTES_PAGE, scheme)  # inside a section: the drawer opens on it
    page.locator(".md-header button.edition-menu").click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    assert_no_violations(page, f"nav drawer open, {scheme}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_palette_toggled(scheme: str, width: str, base_url: str, open_context) -> None:
    """The scheme the reader chose against the system preference (dark on a light system…)."""
    page = open_context(scheme, WIDTHS[width]).new_page()
    goto(page, base_url + FOOTNOTES_PAGE, scheme)
    page.locator("form[data-md-component='palette'] label:visible").click()
    other = SCHEMES["dark" if scheme == "light" else "light"]
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", other)
    assert_no_violations(page, f"palette toggled from {scheme}, {width}")


# ------------------------------------------------------------------------------------- keyboard

# One round trip per Tab stop: wait for transitions (a permalink fades in on focus), then
# describe the focused element and whether its focus ring is visible. The ring is compared with
# the same element's unfocused outline and box-shadow, recorded before the walk (`baseline`).
# A palette radio is invisible by design: its ring is drawn on the label that follows it.
FOCUS_JS = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const seen = window.__edSeen || (window.__edSeen = new Set());
  const again = seen.has(el);
  seen.add(el);
  const ring = el.matches('.md-option') ? el.nextElementSibling : el;
  const s = getComputedStyle(ring);
  const r = ring.getBoundingClientRect();
  const before = ring.__edBaseline || {outline: 'none', shadow: 'none'};
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
    && !/rgba\\([^)]*,\\s*0\\)$/.test(s.outlineColor) ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none';
  const shadow = s.boxShadow;
  return {
    again,
    what: `${el.tagName.toLowerCase()}.${[...el.classList].filter(c => c !== 'focus-visible').join('.')}`
      + ` ${el.getAttribute('href') || el.getAttribute('for') || el.id || (el.textContent || '').trim().slice(0, 30)}`,
    ring: outline !== 'none' && outline !== before.outline ? outline
      : shadow !== 'none' && shadow !== before.shadow ? shadow : null,
    opacity: parseFloat(s.opacity),
    onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight,
  };
}"""

BASELINE_JS = """() => {
  for (const el of document.querySelectorAll('a, button, input, label, [tabindex]')) {
    const s = getComputedStyle(el);
    el.__edBaseline = {
      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
        ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none',
      shadow: s.boxShadow,
    };
  }
}"""

# The controls that must all be reachable by Tab, when rendered (a closed drawer's links are not).
REQUIRED = {
    "nav links": ".md-nav--primary a.md-nav__link",
    "search field": "input.md-search__input",
    "palette toggle": "form[data-md-component='palette'] input.md-option",
    "phone menu button": ".md-header button.edition-menu",
    "footnote refs": "a.fn-ref",
    "footnote back-links": "a.fn-back",
    "paragraph and quotation permalinks": "a.permalink",
    "heading permalinks": "a.headerlink",
}


def tab_walk(page: Page, limit: int = 800) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus comes round again; every stop described."""
    page.evaluate(BASELINE_JS)
    page.evaluate("() => { window.__edSeen = new Set(); }")
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_JS)
        if stop is None:  # focus left the document (after the last stop)
            if stops:
                break
            continue
        if stop["again"]:
            break
        stops.append(stop)
    else:
        pytest.fail(f"Tab did not come round within {limit} stops")
    return stops


def test_skip_link_is_first_tab_stop_and_moves_focus_to_content(
    base_url: str, page_names: list[str], open_context
) -> None:
    page = open_context().new_page()
    # Material writes the skip link only on pages with a table of contents (it targets the first
    # heading); its 404 page has none, and the link sits outside any template block.
    for name in [n for n in page_names if n != "404.html"]:
        page.goto(base_url + name, wait_until="load")
        page.keyboard.press("Tab")
        skip = page.locator("a.md-skip")
        expect(skip, f"{name}: the first Tab stop").to_be_focused()
        expect(skip).to_have_text("Skip to content")
        settle(page)
        assert page.evaluate("getComputedStyle(document.querySelector('a.md-skip')).opacity") == "1", name
        target = skip.get_attribute("href")
        assert target and target.startswith("#"), name
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == target, name
        # The sequential focus starting point is now the target: the next Tab lands in the content.
        page.keyboard.press("Tab")
        inside = page.evaluate("document.activeElement.closest('article.md-content__inner') !== null")
        assert inside, (
            f"{name}: after the skip link, Tab went to {page.evaluate('document.activeElement.outerHTML')[:120]}"
        )


@pytest.mark.parametrize("width", WIDTHS)
def test_every_control_reachable_by_tab_with_visible_focus(width: str, base_url: str, open_context) -> None:
    page = open_context("light", WIDTHS[width]).new_page()
    page.goto(base_url + FOOTNOTES_PAGE, wait_until="load")
    stops = tab_walk(page)
    # Material dims a focused footer link to opacity .7 (as on hover); fully faded is invisible.
    invisible = [s["what"] for s in stops if not s["ring"] or s["opacity"] < 0.5]
    assert not invisible, f"focused without a visible focus ring ({width}):\n" + "\n".join(invisible)
    off_screen = [s["what"] for s in stops if not s["onScreen"]]
    assert not off_screen, f"focus went off the screen ({width}):\n" + "\n".join(off_screen)
    reached = page.evaluate(
        """(required) => Object.fromEntries(Object.entries(required).map(([what, sel]) => {
            const shown = [...document.querySelectorAll(sel)].filter(e => e.matches('.md-option')
              ? e.nextElementSibling.checkVisibility() : e.checkVisibility({visibilityProperty: true}));
            return [what, [shown.length, shown.filter(e => window.__edSeen.has(e)).length]];
        }))""",
        REQUIRED,
    )
    missed = {what: counts for what, counts in reached.items() if counts[0] != counts[1]}
    assert not missed, f"controls Tab never reached ({width}), [shown, reached]: {missed}"
    expected_kinds = {
        "search field",
        "palette toggle",
        "footnote refs",
        "paragraph and quotation permalinks",
        "heading permalinks",
    }
    expected_kinds |= {"nav links"} if width == "desktop" else {"phone menu button"}
    assert all(reached[kind][0] > 0 for kind in expected_kinds), reached
    # Focus alone opens no toolbar (it opens in the text flow, on Enter): Tab walks the text.
    toolbars = [s["what"] for s in stops if s["what"].startswith("button.copy-link")]
    assert toolbars == [], toolbars


@pytest.mark.parametrize("width", WIDTHS)
def test_palette_toggle_works_from_the_keyboard(width: str, base_url: str, open_context) -> None:
    page = open_context("light", WIDTHS[width]).new_page()
    page.goto(base_url + FOOTNOTES_PAGE, wait_until="load")
    body = page.locator("body")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-option')"):
            break
    else:
        pytest.fail("Tab never reached the palette toggle")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate("document.activeElement.matches('.md-option')"), "focus left the toggle"
    page.keyboard.press(" ")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.keyboard.press(" ")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_phone_menu_button_works_from_the_keyboard(base_url: str, open_context) -> None:
    page = open_context("light", PHONE).new_page()
    page.goto(base_url + FOOTNOTES_PAGE, wait_until="load")
    menu = page.locator(".md-header button.edition-menu")
    drawer = page.locator("#__drawer")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(drawer).to_be_checked()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".md-sidebar--primary a.md-nav__link[href='index.html']")).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(drawer).not_to_be_checked()
    expect(menu).to_be_focused()
    page.keyboard.press(" ")
    expect(drawer).to_be_checked()


def test_copy_link_button_copies_from_the_keyboard(base_url: str, open_context) -> None:
    context = open_context("light", DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + FOOTNOTES_PAGE, wait_until="load")
    link = page.locator("a.quote-link").first
    href = link.get_attribute("href")
    assert href and href.startswith("#q-")
    link.focus()
    page.keyboard.press("Enter")  # opens the toolbar, right after the link
    expect(page.locator("a.quote-link + .permalink-tools")).to_be_visible()  # (on first use, once loaded)
    page.keyboard.press("Tab")
    button = page.locator("a.quote-link + .permalink-tools button.copy-link").first
    expect(button).to_be_focused()
    expect(button).to_be_visible()
    page.keyboard.press("Enter")
    # The published address (the page's canonical link, written from site_url), not where it is served.
    expected = page.evaluate("document.querySelector('link[rel=canonical]').href") + href
    expect(page.locator("#edition-live")).to_have_text(f"Link copied: {expected}")
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == expected
