"""Accessibility of the session's build (tests/session.py) in a real Chromium: axe-core (WCAG
2.0/2.1 A+AA, 2.2 AA) on the single file, and on the chapter page in the interactive states (search
open with results, the phone's drawer, a note open in place) in both schemes at both widths, the
page itself in the scheme the reader chose against the system's (dark on a light system …); then
the keyboard: the skip link, a visible focus ring on every Tab stop, the palette toggle and the
phone menu button. (axe on every page, light on a desktop online and dark on a phone offline:
test_every_page.py; the reading aids open under axe: test_reading_pages.py; the copy toolbar by
keyboard: test_reading_tools.py.)

Colours do not depend on the width, nor sizes on the scheme: every page is checked once in each
scheme and once at each width, and the chapter page in all four pairings (here, by the palette).
One Chromium serves every test; the build is served over HTTP at its published path. A violation
is fixed in overrides/assets/stylesheets/edition.css or overrides/, never by disabling an axe rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .axe import format_violations, run_axe
from .conftest import Published
from .reading import SCHEMES, finish_animations, open_search

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
FOOTNOTES_PAGE = "praise.html"  # footnotes, paragraph numbers, quotation links, editor's notes
# Each scheme once and each width once; the palette gives each pair the other scheme.
PAIRS = [("light", "desktop"), ("dark", "phone")]


# ----------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def base_url(published_url: str) -> str:
    return published_url


@pytest.fixture(scope="module")
def page_names(published: Published) -> list[str]:
    names = sorted(p.name for p in published.site.glob("*.html"))
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


def goto(page: Page, url: str, scheme: str) -> None:
    page.goto(url, wait_until="load")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    finish_animations(page)


def axe_failures(page: Page, label: str, *include: str) -> list[str]:
    finish_animations(page)
    violations = run_axe(page, include=include)
    return [f"--- {label}\n{format_violations(violations)}"] if violations else []


# ------------------------------------------------------------------------------ axe: single file


# One page of each kind: the landing (the statuses), a chapter page (quotations, notes, editor's
# notes, names), an apparatus page (entries, name cards' words, statuses).
SINGLE_FILE_KINDS = ("#page-index", "#page-praise", "#page-people")


@pytest.mark.parametrize(
    ("scheme", "width"),
    [("light", "desktop"), ("light", "phone"), ("dark", "desktop")],
)
def test_axe_the_single_file(scheme: str, width: str, published: Published, open_context) -> None:
    """The offline single file (its own stylesheet, no script; every page in one): every rule in
    the light scheme on a desktop; on a phone, the size of its targets (what the width changes);
    in the dark scheme, its colours (what the scheme changes), on a page of each kind."""
    page = open_context(scheme, WIDTHS[width]).new_page()
    page.goto(published.single.as_uri(), wait_until="load")
    if width == "phone":
        violations = run_axe(page, only=["target-size"])
    elif scheme == "dark":
        violations = run_axe(page, only=["color-contrast"], include=SINGLE_FILE_KINDS)
    else:
        violations = run_axe(page)
    assert not violations, f"axe, single file ({scheme}, {width}):\n{format_violations(violations)}"


# ------------------------------------------------------------------------- axe: interactive states


def the_states(page: Page, width: str) -> list[str]:
    """Search open with results, the phone's drawer open and a note open in place, each checked
    where it shows (the rest of the page is checked as it is: test_every_page.py, and below)."""
    failures = []
    open_search(page, "Trotsky")
    failures += axe_failures(page, "search open with results", ".md-search")
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    if width == "phone":  # inside a section: the drawer opens on it
        page.locator(".md-header button.edition-menu").click()
        expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
        failures += axe_failures(page, "navigation drawer open", ".md-header", ".md-sidebar--primary")
        page.keyboard.press("Escape")
        expect(page.locator("#__drawer")).not_to_be_checked()
    call = page.locator("article a.fn-ref").first
    call.click()
    expect(page.locator(".ed-pop")).to_be_visible()
    failures += axe_failures(page, "a note open", ".ed-pop", "a.fn-ref[aria-expanded=true]")
    page.keyboard.press("Escape")
    expect(page.locator(".ed-pop")).to_have_count(0)
    return failures


@pytest.mark.slow
@pytest.mark.parametrize(("scheme", "width"), PAIRS)
def test_axe_the_interactive_states_in_both_schemes(scheme: str, width: str, base_url: str, open_context) -> None:
    """On the chapter page: the states in the system's scheme; then the palette toggled, the
    whole page in the scheme the reader chose against the system's (dark on a light system …),
    and the states in it."""
    page = open_context(scheme, WIDTHS[width]).new_page()
    goto(page, base_url + FOOTNOTES_PAGE, scheme)
    failures = [f"{scheme}: {f}" for f in the_states(page, width)]
    page.locator("form[data-md-component='palette'] label:visible").click()
    other = "dark" if scheme == "light" else "light"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[other])
    failures += [f"{other}, chosen: {f}" for f in axe_failures(page, "the page") + the_states(page, width)]
    assert not failures, f"axe ({width}):\n" + "\n".join(failures)


# ------------------------------------------------------------------------------------- keyboard

# One round trip per Tab stop: finish the transitions (a permalink fades in on focus: its end
# state at once, rather than 150 ms a stop waiting for it), then describe the focused element
# and whether its focus ring is visible. The ring is compared with the same element's unfocused
# outline and box-shadow, recorded before the walk (`baseline`).
# A palette radio is invisible by design: its ring is drawn on the label that follows it.
FOCUS_JS = """() => {
  for (const a of document.getAnimations()) { try { a.finish(); } catch (e) {} }
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


def skip_link_pages(published: Published, page_names: list[str]) -> tuple[list[str], list[str]]:
    """The pages that have a skip link, and those that do not. (Material writes it only on a page
    with a table of contents; postprocess adds it to the others, to their title. The 404 page has
    none, and needs none: its link sits outside any template block.)"""
    names = [n for n in page_names if n != "404.html"]
    has = [n for n in names if 'class="md-skip"' in (published.site / n).read_text(encoding="utf-8")]
    return has, [n for n in names if n not in has]


def test_every_page_has_a_skip_link(published: Published, page_names: list[str]) -> None:
    _, without = skip_link_pages(published, page_names)
    assert without == [], f"no skip link on {without}"


def test_skip_link_is_first_tab_stop_and_moves_focus_to_content(
    published: Published, base_url: str, page_names: list[str], open_context
) -> None:
    page = open_context().new_page()
    with_link, _ = skip_link_pages(published, page_names)
    # One page of each making (every page has the link: the test above): Material's own (index), and
    # postprocess's on a chapter page, an apparatus page and a page of one kind of source.
    kinds = ["index.html", "praise.html", "people.html", next(n for n in with_link if n.startswith("sources-"))]
    assert set(kinds) <= set(with_link)
    for name in kinds:
        page.goto(base_url + name, wait_until="load")
        page.keyboard.press("Tab")
        skip = page.locator("a.md-skip")
        expect(skip, f"{name}: the first Tab stop").to_be_focused()
        expect(skip).to_have_text("Skip to content")
        finish_animations(page)
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
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.matches('a.md-skip')"):
        page.keyboard.press("Tab")  # the menu button is the first stop after the skip link
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
