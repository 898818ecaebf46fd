"""The toolbar of a permalink, and links to a phrase (issue 20, points 6 and 7; issue 21, point
6), in a real Chromium on a phone (touch) and a desktop (mouse and keyboard): the toolbar opens
on its own line and covers none of its paragraph's words, nor a pop-up; it copies the
published address, and a citation from its <template> as both text/html and text/plain; its
"Report a problem" carries the page, the ¶ number and the address to the edition's contact
(none without one); a selected phrase gets a text-fragment link that lands on it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from session import PUBLISHED_URL

from .reading import CHAPTER, CLIPBOARD, DEVICES, box, clipboard, open_page, overlap, press, scroll_y, text_lines

pytestmark = pytest.mark.browser

PERMALINKS = ["article a.para-number", "article a.quote-link", "article h1 a.headerlink"]
TOOLS = "#edition-tools"


def copied(page: Page, label: str, device: str) -> None:
    """Press a toolbar button and wait for the live region to say it was copied."""
    press(device, page.locator(TOOLS).get_by_role("button", name=re.compile("^" + re.escape(label))))
    expect(page.locator("#edition-live")).to_contain_text(" copied: ")


@pytest.mark.slow
@pytest.mark.parametrize("device", DEVICES)
def test_the_toolbar_covers_no_word_and_no_pop_up(
    device: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = open_page(context, device, reading_url + CHAPTER)
    assert page.locator("article [title]").count() == 0, (
        "no title attribute: no tooltip of the theme's or the browser's"
    )
    width = page.evaluate("document.documentElement.clientWidth")
    for selector in PERMALINKS:
        links = page.locator(selector)
        for index in range(links.count()):
            link = links.nth(index)
            link.scroll_into_view_if_needed()
            press(device, link)
            tools = page.locator(TOOLS)
            expect(tools).to_be_visible()
            expect(link).to_have_attribute("aria-expanded", "true")
            owner = link.locator("xpath=ancestor::*[self::p or self::h1 or self::h2 or self::h3][1]")
            tools_box = box(tools)
            covered = [line for line in text_lines(owner) if overlap(line, tools_box)]
            assert covered == [], (selector, index, tools_box, covered)
            assert tools_box["left"] >= 0 and tools_box["right"] <= width, tools_box
            assert page.evaluate("document.documentElement.scrollWidth") == width
            for button in tools.locator("button, a").all():
                size = box(button)
                assert size["width"] >= 24 and size["height"] >= 24, (selector, size)
            press(device, link)  # the same link closes it
            expect(tools).to_have_count(0)
    # One thing open at a time: a note's pop-up closes the toolbar, and the toolbar a pop-up.
    number = page.locator("article a.para-number").nth(1)
    press(device, number)
    call = page.locator("article a.fn-ref").first
    call.scroll_into_view_if_needed()
    press(device, call)
    expect(page.locator(".ed-pop")).to_be_visible()
    expect(page.locator(TOOLS)).to_have_count(0)
    # A paragraph number activated while the pop-up is open (as a screen reader does, since
    # on a phone the pop-up may cover every number in view): the pop-up closes, the toolbar opens.
    number.evaluate("a => a.click()")
    expect(page.locator(TOOLS)).to_be_visible()
    expect(page.locator(".ed-pop")).to_have_count(0)
    assert page.locator(".md-tooltip2, .md-tooltip").filter(visible=True).count() == 0


def test_the_toolbar_by_keyboard(reading_url: str, context: Callable[..., BrowserContext]) -> None:
    page = open_page(context, "desktop", reading_url + CHAPTER, permissions=CLIPBOARD)
    number = page.locator("article a.para-number").nth(1)
    number.focus()
    expect(page.locator(TOOLS)).to_have_count(0)  # focus alone opens nothing: the text never moves under the reader
    page.keyboard.press("Enter")
    tools = page.locator(TOOLS)
    expect(tools).to_be_visible()
    expect(tools).to_have_attribute("role", "group")
    assert "#" not in page.url, "no jump"
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Copy link")
    page.keyboard.press("Enter")
    pid = (number.get_attribute("href") or "")[1:]
    expect(page.locator("#edition-live")).to_have_text(f"Link copied: {PUBLISHED_URL}{CHAPTER}#{pid}")
    expect(page.locator(":focus")).to_have_text("Copied")
    assert clipboard(page)["text/plain"] == f"{PUBLISHED_URL}{CHAPTER}#{pid}"  # the published address
    page.keyboard.press("Tab")
    name = page.locator(":focus").get_attribute("aria-label") or ""
    assert name.startswith("Cite: ") and "paragraph" in name  # the visible label starts the name (WCAG 2.5.3)
    page.keyboard.press("Escape")
    expect(tools).to_have_count(0)
    expect(number).to_be_focused()
    page.keyboard.press("Tab")  # on into the paragraph: the toolbar stays closed
    expect(tools).to_have_count(0)


def today() -> dt.date:
    return dt.date.today()


@pytest.mark.parametrize("device", DEVICES)
def test_copy_link_and_citations_with_both_types(
    device: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = open_page(context, device, reading_url + CHAPTER, permissions=CLIPBOARD)
    quote = page.locator("article a.quote-link").first
    qid = (quote.get_attribute("href") or "")[1:]
    quote.scroll_into_view_if_needed()
    press(device, quote)
    expect(page.locator(TOOLS)).to_be_visible()  # on first use, once edition-tools.js has loaded
    # One button per style the passage's <template id="cite-…"> holds, in its order.
    styles = page.evaluate(
        "(id) => [...document.getElementById('cite-' + id).content.querySelectorAll('[data-cite-label]')].map(e => e.dataset.citeLabel)",
        qid,
    )
    assert styles, "the passage has citations"
    labels = page.locator(TOOLS).get_by_role("button").all_text_contents()
    assert labels == ["Copy link", *(f"Cite: {s}" for s in styles)]
    copied(page, "Copy link", device)
    assert clipboard(page)["text/plain"] == f"{PUBLISHED_URL}{CHAPTER}#{qid}"
    for index, style in enumerate(styles):
        expect(page.locator("#edition-live")).to_contain_text(" copied: ")
        page.evaluate("document.getElementById('edition-live').textContent = ''")
        copied(page, f"Cite: {style}", device)
        got = clipboard(page)
        assert set(got) >= {"text/plain", "text/html"}, got.keys()
        form = page.evaluate(
            "([id, i]) => { const e = document.getElementById('cite-' + id).content.querySelectorAll('[data-cite-label]')[i]; return [e.textContent, e.innerHTML]; }",
            [qid, index],
        )
        # The plain text is the template's words, with today in its access-date slot if it has one.
        expected = " ".join(form[0].split())
        plain = got["text/plain"]
        assert plain.replace(accessed(plain), "") == expected, (plain, expected)
        # The rich text keeps the template's markup (italic titles).
        for tag in re.findall(r"<(i|em)>", form[1]):
            assert f"<{tag}>" in got["text/html"], got["text/html"]
        assert "{" not in plain


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def accessed(text: str) -> str:
    """Today's date as a citation in `text` writes it (any of the three forms), or ""."""
    d = today()
    month = MONTHS[d.month - 1]
    mla = month if len(month) <= 4 else month[: 4 if month == "September" else 3] + "."
    for form in (f"{month} {d.day}, {d.year}", f"{d.day} {mla} {d.year}", f"{d.day} {month} {d.year}"):
        if form in text:
            return form
    return ""


def report_of(page: Page, where: str = TOOLS) -> tuple[str, dict[str, str]]:
    href = page.locator(where).get_by_role("link", name=re.compile("^Report a problem")).get_attribute("href") or ""
    parts = urlsplit(href)
    fields = {k: v[0] for k, v in parse_qs(parts.query).items()}
    return href, fields


@pytest.mark.parametrize("device", DEVICES)
def test_report_a_problem_carries_page_paragraph_and_address(
    device: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = open_page(context, device, reading_url + CHAPTER)
    contact = page.locator('meta[name="edition-contact"]').get_attribute("content") or ""
    assert contact, "the build names a contact"
    title = page.title().split(" - ")[0]
    # A paragraph: its number.
    number = page.locator("article a.para-number").nth(1)
    pid = (number.get_attribute("href") or "")[1:]
    n = (number.text_content() or "").strip()
    number.scroll_into_view_if_needed()
    press(device, number)
    href, fields = report_of(page)
    assert href.startswith(contact if contact.startswith(("mailto:", "http")) else "mailto:" + contact)
    assert title in fields["subject"] and f"¶ {n}" in fields["subject"], fields
    assert f"{PUBLISHED_URL}{CHAPTER}#{pid}" in fields["body"] and f"¶ {n}" in fields["body"], fields
    # A quotation: its id and its paragraph's number.
    quote = page.locator("article a.quote-link").first
    qid = (quote.get_attribute("href") or "")[1:]
    qn = quote.evaluate("a => a.closest('p').querySelector('a.para-number').textContent.trim()")
    quote.scroll_into_view_if_needed()
    press(device, quote)
    _, fields = report_of(page)
    assert qid in fields["subject"] and f"¶ {qn}" in fields["subject"], fields
    assert f"{PUBLISHED_URL}{CHAPTER}#{qid}" in fields["body"]
    # A note, from its pop-up: the note's id and the paragraph of its call.
    call = page.locator("article a.fn-ref").first
    note = (call.get_attribute("href") or "")[1:]
    press(device, call)
    _, fields = report_of(page, ".ed-pop")
    assert note in fields["subject"] and f"¶ {qn}" in fields["subject"], fields
    assert f"{PUBLISHED_URL}{CHAPTER}#{note}" in fields["body"]
    page.keyboard.press("Escape")
    # An issue tracker instead of an address: its new-issue form, pre-filled.
    page.evaluate(
        "document.querySelector('meta[name=\"edition-contact\"]').content = 'https://github.com/example/edition/issues'"
    )
    press(device, quote)  # the note's pop-up closed the toolbar: this opens it again
    href, fields = report_of(page)
    assert href.startswith("https://github.com/example/edition/issues/new?"), href
    assert qid in fields["title"] and f"{PUBLISHED_URL}{CHAPTER}#{qid}" in fields["body"]
    # No contact, no action.
    page.evaluate("document.querySelector('meta[name=\"edition-contact\"]').remove()")
    press(device, quote)
    press(device, quote)
    expect(page.locator(TOOLS)).to_be_visible()
    expect(page.locator(TOOLS).get_by_text("Report a problem")).to_have_count(0)


@pytest.mark.parametrize(("page_name", "entry"), [("people.html", "vyshinsky"), ("trials.html", "m-romm-paris")])
def test_report_a_problem_with_an_apparatus_entry(
    page_name: str, entry: str, reading_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = open_page(context, "phone", reading_url + page_name)
    link = page.locator(f"[id='{entry}'] a.headerlink")
    link.scroll_into_view_if_needed()
    link.tap()
    _, fields = report_of(page)
    assert entry in fields["subject"] and f"{PUBLISHED_URL}{page_name}#{entry}" in fields["body"], fields


def select(page: Page, paragraph: str, phrase: str, occurrence: int = 0) -> None:
    """Select the words `phrase` (the nth time they occur) inside one paragraph, as a reader's drag would."""
    page.evaluate(
        """([pid, phrase, nth]) => {
            const p = document.getElementById(pid), walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            let seen = 0;
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                let at = n.textContent.indexOf(phrase);
                while (at !== -1) {
                    if (seen++ === nth) {
                        const r = document.createRange();
                        r.setStart(n, at); r.setEnd(n, at + phrase.length);
                        getSelection().removeAllRanges(); getSelection().addRange(r);
                        return;
                    }
                    at = n.textContent.indexOf(phrase, at + 1);
                }
            }
            throw new Error('phrase not found: ' + phrase);
        }""",
        [paragraph, phrase, occurrence],
    )


def phrase_link(page: Page, device: str) -> str:
    bar = page.locator(".ed-phrase")
    expect(bar).to_be_visible()
    selection = page.evaluate(
        "() => { const r = getSelection().getRangeAt(0).getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }"
    )
    assert not overlap(box(bar), selection), "the bar never hides the phrase"
    button = bar.get_by_role("button", name="Copy link to this phrase")
    size = box(button)
    assert size["width"] >= 24 and size["height"] >= 24
    press(device, button)
    expect(page.locator("#edition-live")).to_contain_text("Link to the phrase copied: ")
    return clipboard(page)["text/plain"]


def lands_on(page: Page, phrase: str, paragraph: str, occurrence: int) -> bool:
    """The phrase's nth occurrence in the paragraph is in view, near the middle of the screen
    (where Chromium puts a text fragment), below the header."""
    result: bool = page.evaluate(
        """([pid, phrase, nth]) => {
            const p = document.getElementById(pid), walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            let seen = 0;
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                for (let at = n.textContent.indexOf(phrase); at !== -1; at = n.textContent.indexOf(phrase, at + 1)) {
                    if (seen++ !== nth) continue;
                    const r = document.createRange(); r.setStart(n, at); r.setEnd(n, at + phrase.length);
                    const b = r.getBoundingClientRect(), middle = (b.top + b.bottom) / 2;
                    return b.top >= 48 && b.bottom <= innerHeight && Math.abs(middle - innerHeight / 2) < innerHeight / 4;
                }
            }
            return false;
        }""",
        [paragraph, phrase, occurrence],
    )
    return result


PHRASES = [
    # A phrase found once on the page: the directive is the phrase alone.
    ("p-nonsense", "objective and impartial", 0, False),
    # "Stalin" is on the page many times: the words around it make the link find this one.
    ("p-nonsense", "Stalin", 0, True),
]


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize(("paragraph", "phrase", "occurrence", "context_needed"), PHRASES)
def test_a_link_to_a_phrase_lands_on_it(
    device: str,
    paragraph: str,
    phrase: str,
    occurrence: int,
    context_needed: bool,
    reading_url: str,
    context: Callable[..., BrowserContext],
) -> None:
    page = open_page(context, device, reading_url + CHAPTER, permissions=CLIPBOARD)
    page.locator(f"#{paragraph}").scroll_into_view_if_needed()
    select(page, paragraph, phrase, occurrence)
    link = phrase_link(page, device)
    assert link.startswith(f"{PUBLISHED_URL}{CHAPTER}#{paragraph}:~:text="), link
    directive = link.split(":~:text=", 1)[1]
    assert ("-," in directive or ",-" in directive) == context_needed, directive
    assert " " not in directive and re.fullmatch(r"[A-Za-z0-9%!'()*._~,-]+", directive), directive
    words = [unquote(part.removesuffix("-").removeprefix("-")) for part in directive.split(",")]
    assert phrase in words, words
    # The selection is still there, and the bar goes with it.
    page.evaluate("getSelection().removeAllRanges()")
    expect(page.locator(".ed-phrase")).to_have_count(0)
    # Opened afresh, the text fragment alone (no paragraph to fall back on) lands on the phrase.
    reader = open_page(context, device, reading_url + CHAPTER + "#:~:text=" + directive)
    assert scroll_y(reader) > 0
    assert lands_on(reader, phrase, paragraph, occurrence)
    # And the whole link, paragraph and all.
    reader = open_page(context, device, link.replace(PUBLISHED_URL, reading_url))
    assert lands_on(reader, phrase, paragraph, occurrence)


def test_a_word_chosen_by_double_click_gets_a_link(reading_url: str, context: Callable[..., BrowserContext]) -> None:
    page = open_page(context, "desktop", reading_url + CHAPTER, permissions=CLIPBOARD)
    word = page.locator("#p-defence-attorneys")
    word.scroll_into_view_if_needed()
    word.dblclick(position={"x": 40, "y": 10})
    link = phrase_link(page, "desktop")
    assert link.startswith(f"{PUBLISHED_URL}{CHAPTER}#p-defence-attorneys:~:text=")
    # Outside the article (the navigation), no offer.
    page.locator(".md-nav__link").first.dblclick()
    expect(page.locator(".ed-phrase")).to_have_count(0)
