"""What a reader copies, in a real Chromium, from the session's build (made for its published
address, session.PUBLISHED_URL): a permalink's toolbar of each kind opens at a tap, its targets are
at least 24 × 24 px and it stays inside a 320 px screen; Copy link gives the published address (also
from the offline copy at file://, where the Clipboard API is refused); each Cite button puts on the
clipboard exactly the form the citation processor renders (tools/site/citestyles.py), as plain text
and as rich text with its italics, for a paragraph, a quotation and, on the teachers' page, a
section; selecting a paragraph copies the chapter's words alone; and the page metadata a reference
manager reads. (Every permalink's toolbar, its placement, keyboard and Report a problem:
test_reading_tools.py.)"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from session import PUBLISHED_URL

from tools.checker import check
from tools.model.edition import Checked, Site
from tools.model.html import local, parse_fragment
from tools.model.quotes import normalise
from tools.site.citemarkup import FORMS, form_name
from tools.site.citestyles import STYLES, Forms, RenderedCitation, Style
from tools.site.citing import citing

from .conftest import Published
from .reading import CLIPBOARD, clipboard

pytestmark = pytest.mark.browser

PAGE = "praise.html"
TOOLS = "#edition-tools"


@pytest.fixture(scope="module")
def checked(published: Published) -> Checked:
    """The checker's view of the project copy the session built."""
    result = check(published.root)
    assert result.checked is not None and not result.errors, [str(f) for f in result.findings]
    return result.checked


def test_targets_are_at_least_24_px_and_inside_a_320_px_screen(
    published_url: str, context: Callable[..., BrowserContext]
) -> None:
    page = context(viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True).new_page()
    page.goto(published_url + PAGE, wait_until="load")
    small = page.evaluate(
        """() => [...document.querySelectorAll('a.para-number, a.quote-link, .md-content a.headerlink')]
            .map(a => [a.className, a.getBoundingClientRect().width, a.getBoundingClientRect().height])
            .filter(([, w, h]) => w < 24 || h < 24)"""
    )
    assert small == []
    # A toolbar of each kind (its actions are the same for every link of the kind; each opens at a
    # tap on a phone, every one: test_reading_tools.py), the widest, a quotation's, included.
    for selector in ("article a.para-number", "article a.quote-link", "article h1 a.headerlink"):
        link = page.locator(selector).first
        link.scroll_into_view_if_needed()
        link.tap()
        tools = page.locator(TOOLS)
        expect(tools).to_be_visible()
        inside = tools.evaluate(
            """(t, selector) => { const r = t.getBoundingClientRect(), link = document.querySelector(selector);
                return [t.previousElementSibling === (link.matches('.headerlink') ? link.parentElement : link),
                        r.left >= 0 && r.right <= document.documentElement.clientWidth,
                        [...t.querySelectorAll('button, a')].every(b => b.getBoundingClientRect().height >= 24 && b.getBoundingClientRect().width >= 24),
                        document.documentElement.scrollWidth] }""",
            selector,
        )
        assert inside == [True, True, True, 320], (selector, inside)


def test_the_offline_copy_copies_the_published_address(unzipped: Path, browser: Browser) -> None:
    context = browser.new_context()  # file:// is no secure context: the copy event's way of copying
    try:
        page = context.new_page()
        page.goto((unzipped / PAGE).as_uri(), wait_until="load")
        quote = page.locator("a.quote-link").first
        qid = (quote.get_attribute("href") or "")[1:]
        assert qid.startswith("q-")
        quote.focus()
        page.keyboard.press("Enter")  # opens its toolbar, right after it
        expect(page.locator("a.quote-link + .permalink-tools")).to_be_visible()  # once edition-tools.js has run
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text("Copy link")
        page.keyboard.press("Enter")
        expect(page.locator("#edition-live")).to_have_text(f"Link copied: {PUBLISHED_URL}{PAGE}#{qid}")
    finally:
        context.close()


# --- citations --------------------------------------------------------------------------------


def italics(html: str) -> str:
    """`html`'s words and italics, as the edition's HTML parser reads them: "<i>Title</i>, 1953",
    white space squashed, any other markup (a clipboard's wrapper) gone."""

    def walk(element: ET.Element) -> str:
        inner = (element.text or "") + "".join(walk(child) + (child.tail or "") for child in element)
        return f"<i>{inner}</i>" if local(element.tag) in ("i", "em") else inner

    return " ".join(walk(parse_fragment(html)).split())


def expected_forms(forms: Mapping[Style, Forms]) -> list[tuple[str, RenderedCitation]]:
    """The toolbar's Cite buttons (their labels, in order) and the form each should copy."""
    return [
        (
            f"Cite: {STYLES[style].name.split(' (')[0]} {form_name(style, form)}",
            forms[style].citation if form == "citation" else forms[style].entry,
        )
        for style in Style
        for form in FORMS
    ]


def copy_each_citation(page: Page, link_selector: str, forms: list[tuple[str, RenderedCitation]]) -> list[str]:
    """Open the toolbar of the link, press every Cite button; what differs from `forms`."""
    link = page.locator(link_selector)
    link.scroll_into_view_if_needed()
    link.click()
    tools = page.locator(TOOLS)
    expect(tools).to_be_visible()
    buttons = tools.locator("button")
    labels = buttons.all_text_contents()
    assert labels[1:] == [label for label, _ in forms], labels  # after Copy link
    problems = []
    for index, (label, rendered) in enumerate(forms, start=1):
        button = buttons.nth(index).element_handle()
        button.click()
        # It says "Copied" once the clipboard has it (polled every frame: expect() would wait
        # 100 ms and more between its looks).
        page.wait_for_function("b => b.textContent === 'Copied'", arg=button)
        got = clipboard(page)
        if got.get("text/plain") != rendered.text:
            problems.append(f"{link_selector} {label} text/plain:\n  {got.get('text/plain')!r}\n  {rendered.text!r}")
        if italics(got.get("text/html", "")) != italics(str(rendered.html)):
            problems.append(f"{link_selector} {label} text/html:\n  {got.get('text/html')!r}\n  {rendered.html!r}")
    return problems


def test_a_copied_citation_is_what_the_processor_rendered(
    checked: Checked, published_url: str, context: Callable[..., BrowserContext]
) -> None:
    """The forms rendered again from the checked source list, here, by the same processor: the
    clipboard holds each exactly, as plain text and as rich text (italic titles), and no date of
    access is added (the citations carry the version's date: tools/site/citestyles.py). A
    paragraph's, a quotation's ("quoted in") and, on the teachers' page, a section's."""
    cited = citing(checked, Site(PUBLISHED_URL)).citations
    paraphrases = {q.id for q in checked.sources.quotations if q.status == "paraphrase"}
    quoted = next(q for q in checked.quotation_place if q not in paraphrases)
    where = checked.quotation_place[quoted].page
    assert ", quoted in " in cited.anchors[quoted][Style.CHICAGO].citation.text
    paragraph = next(p.paragraph.id for p in checked.placed if p.page == where and not p.paragraph.marks)
    chapter_page = where.removesuffix(".md") + ".html"
    key = where.removesuffix(".md")
    cases = [
        (chapter_page, f"a.para-number[href='#{paragraph}']", cited.anchors[paragraph]),
        (chapter_page, f"a.quote-link[href='#{quoted}']", cited.anchors[quoted]),
        # The teachers' page: a section's entry cites the section (its paragraph range).
        ("teachers.html", f"[id='teach-{key}'] a.headerlink", cited.sections[key]),
    ]
    page = context(viewport={"width": 1280, "height": 800}, permissions=CLIPBOARD).new_page()
    problems = []
    for name, selector, forms in cases:
        if page.url != published_url + name:
            page.goto(published_url + name, wait_until="load")
        problems += copy_each_citation(page, selector, expected_forms(forms))
    assert not problems, "\n".join(problems)


# --- the chapter's words ----------------------------------------------------------------------


def chapter_paragraphs(checked: Checked, published: Published) -> dict[str, str]:
    """Each chapter paragraph's id and its words as the received copy of the text has them (whose
    first paragraph is the chapter's title): read from the file, not from the site's model."""
    text = (published.root / checked.sources.edition.original).read_text(encoding="utf-8")
    original = [p.strip() for p in text.split("\n\n") if p.strip()]
    ids = [place.paragraph.id for place in checked.placed]
    return dict(zip(ids, original[1:], strict=True))


def reference_metadata(page: Page, name: str, title: str) -> None:
    """The Highwire tags and the JSON-LD of a chapter page, as the browser has them."""
    tags = page.evaluate(
        "() => [...document.querySelectorAll('head meta[name^=\"citation_\"]')].map(m => [m.name, m.content])"
    )
    found = dict(tags)
    assert found["citation_title"] == title
    assert found["citation_author"] == "Orlov, Alexander"
    assert found["citation_public_url"] == PUBLISHED_URL + name
    assert found["citation_book_title"] == "The Secret History of Stalin’s Purges (19)"
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", found["citation_publication_date"])
    assert "Random House, 1953" in found["citation_abstract"]
    assert page.evaluate("document.querySelector('link[rel=canonical]').href") == PUBLISHED_URL + name
    ld = json.loads(page.locator('script[type="application/ld+json"]').text_content() or "{}")
    nodes = {node["@id"]: node for node in ld["@graph"]}
    chapter = nodes[PUBLISHED_URL + name]
    assert chapter["@type"] == "Chapter" and chapter["name"] == title
    assert nodes[chapter["isPartOf"]["@id"]]["@type"] == "Book"
    ids = page.evaluate("() => [...document.querySelectorAll('article span[id^=\"q-\"]')].map(s => s.id)")
    assert [part["@id"] for part in chapter.get("hasPart", [])] == [f"{PUBLISHED_URL}{name}#{i}" for i in ids]
    for i in ids:
        quotation = nodes[f"{PUBLISHED_URL}{name}#{i}"]
        assert quotation["@type"] == "Quotation" and quotation["creator"]["@type"] == "Person", quotation


def test_each_chapter_page_copies_the_chapters_words_alone_and_says_what_it_is(
    checked: Checked, published: Published, published_url: str, context: Callable[..., BrowserContext]
) -> None:
    """On every chapter page: each paragraph, selected whole and copied, gives the chapter's words
    alone, as the received text has them; and the page's metadata is what a reference manager
    should save (tests/site/test_metadata.py maps it as Zotero does)."""
    page = context(viewport={"width": 1280, "height": 800}, permissions=CLIPBOARD).new_page()
    words = chapter_paragraphs(checked, published)
    done = []
    for section in checked.sections:
        page.goto(published_url + section.html, wait_until="load")
        reference_metadata(page, section.html, section.cited_title)  # the editors' heading, bracketed
        ids = page.evaluate("() => [...document.querySelectorAll('article p[id^=\"p-\"]')].map(p => p.id)")
        assert ids, section.html
        for pid in ids:
            # The whole paragraph selected (as a triple click does, where it lands on no link, which
            # would open a card), its number, note calls and quotation links included.
            page.locator(f"#{pid}").evaluate(
                "p => { const r = document.createRange(); r.selectNodeContents(p);"
                " getSelection().removeAllRanges(); getSelection().addRange(r); }"
            )
            assert page.evaluate("getSelection().toString()").strip()
            page.keyboard.press("Control+c")
            copied = clipboard(page)
            assert normalise(copied["text/plain"]) == normalise(words[pid]), pid
            done.append(pid)
    assert sorted(done) == sorted(words), "every paragraph of the chapter was copied"
