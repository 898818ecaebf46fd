"""The Content-Security-Policy in real Chromium, on the session's build (tests/session.py): an
inline script planted into a built page is blocked, online (http://) and offline (the downloaded
zip, unzipped, from file://), while the theme's own scripts, allowed by their hashes, still run;
the single file runs nothing, violates nothing and asks for nothing but itself; and markup hidden
as text in what the reading aids copy (a note, a card, a citation) stays text when they show or
copy it, with the policy taken out, so escaping holds on its own and the policy is the second line.
(Every page, online and offline, with every feature used, under the policy and with no request
off the machine: test_every_page.py.)

Hostile editorial input never gets this far: the checker and the output guard refuse it before
anything is published (tests/checker/test_attacks.py, tests/guard/), in this process. What only a
browser can show is what the site's own script does with the page it is given, which the planted
copies below test without another build.

Violations are collected as tests/browser/watch.py says.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import Published
from .reading import clipboard
from .watch import violations

pytestmark = pytest.mark.browser

CHAPTER = "praise.html"


def with_page_copied(site: Path, copy: Path, name: str) -> Path:
    """`copy`: the built site, every file of it linked but the page `name`, copied to be changed."""
    copy.mkdir()
    for entry in site.iterdir():
        if entry.name != name:
            (copy / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    shutil.copyfile(site / name, copy / name)
    return copy


def plant(site: Path, tmp_path: Path) -> Path:
    copy = with_page_copied(site, tmp_path / "planted", CHAPTER)
    page = copy / CHAPTER
    text = page.read_text(encoding="utf-8")
    planted = (
        '<script>window.__planted = true; alert("inline")</script>'
        '<img src="x.png" onerror="window.__handler = true; alert(\'handler\')">'
        '<a id="planted-link" href="javascript:window.__link = true">x</a>'
    )
    page.write_text(text.replace("</article>", planted + "</article>", 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize("where", ["online", "offline"])
def test_a_script_planted_in_a_built_page_is_blocked(
    where: str, published: Published, unzipped: Path, serve_dir, watched, tmp_path: Path
) -> None:
    copy = plant(published.site if where == "online" else unzipped, tmp_path)
    w = watched()
    page = w.page()
    page.goto((serve_dir(copy) if where == "online" else copy.as_uri() + "/") + CHAPTER, wait_until="load")
    page.locator("#planted-link").click()
    page.wait_for_timeout(100)
    assert page.evaluate("[window.__planted, window.__handler, window.__link]") == [None, None, None]
    assert w.dialogs == []
    blocked = violations(page)
    assert any(v.startswith("script-src-elem inline") for v in blocked), blocked
    assert any(v.startswith("script-src-attr inline") for v in blocked), blocked
    # The theme's own inline scripts, allowed by hash, still ran: the palette script read its setting.
    assert page.evaluate("typeof __md_get") == "function"


def test_single_file_runs_nothing_violates_nothing_and_asks_for_nothing(
    published: Published, unzipped: Path, watched
) -> None:
    single = unzipped / "downloads" / published.single.name  # as the offline copy offers it
    w = watched(local=(single.as_uri(),), cut=True)  # one request: itself
    page = w.page()
    page.goto(single.as_uri(), wait_until="load")
    page.wait_for_timeout(50)
    assert violations(page) == [] and w.console == [] and w.requests == []
    # No script of its own: a note is a popover, opened without one.
    assert page.locator("script").count() == 0
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""  # its stylesheet applied


# --- markup hidden as text, where the reading aids copy from -------------------------------------

# Text that is markup once anything reads it as HTML: an image whose error runs script, and a tag.
HIDDEN = '<img src="x" onerror="window.__ran = true; alert(1)"><i>'
ESCAPED = HIDDEN.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def hide_markup(site: Path, tmp_path: Path) -> Path:
    """A copy of the built site whose chapter page has no policy, and `HIDDEN` as text (escaped,
    as the build escapes everything) in a note, a name's card and every citation form of a
    quotation, and as the call's accessible name and the edition's contact."""
    copy = with_page_copied(site, tmp_path / "hidden", CHAPTER)
    page = copy / CHAPTER
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    changes = [
        # the first note, its first words; its call's name (the pop-up's title)
        (r'(<li id="fn:[^"]+"[^>]*><p>)', r"\1" + ESCAPED),
        (r'(class="fn-ref" id="fnref:[^"]+" role="doc-noteref" aria-label=")', r"\1" + ESCAPED),
        # the first name's card
        (r'(<div class="person-card" id="card-[^"]+"><p>)', r"\1" + ESCAPED),
        # the forms of the first quotation's citations
        (r'(<template class="cite-template" id="cite-q-[^"]+"[^>]*>)', r"\1" + ESCAPED),
        (r'(<p class="cite-form"[^>]*>)', r"\1" + ESCAPED),
        # a contact that is neither an address nor a tracker
        (r'(<meta name="edition-contact" content=")[^"]*', r"\1javascript:alert(1)//@example.org"),
    ]
    for pattern, replacement in changes:
        text, n = re.subn(pattern, replacement, text, count=0 if "cite-form" in pattern else 1)
        assert n, pattern
    page.write_text(text, encoding="utf-8")
    return copy


def test_markup_hidden_as_text_stays_text_in_the_reading_aids(
    published: Published, serve_dir, watched, tmp_path: Path
) -> None:
    """edition.js shows notes and cards by copying the page's nodes, and copies citations from
    their <template>: nothing it reads becomes markup, even with no policy to stop a script."""
    w = watched(permissions=["clipboard-read", "clipboard-write"])
    page = w.page()
    page.goto(serve_dir(hide_markup(published.site, tmp_path)) + CHAPTER, wait_until="load")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 0
    pop = page.locator(".ed-pop")
    page.locator("article a.fn-ref").first.click()
    expect(pop).to_contain_text(HIDDEN)  # in the title and in the note, as text
    assert pop.locator("img").count() == 0 and pop.locator("p.ed-pop__title i").count() == 0
    page.keyboard.press("Escape")
    card = page.locator("article a.person[data-card]").first
    card.click()
    expect(pop).to_contain_text(HIDDEN)
    assert pop.locator("img").count() == 0
    page.keyboard.press("Escape")
    quote = page.locator("article a.quote-link").first
    qid = (quote.get_attribute("href") or "")[1:]
    assert page.locator(f"template#cite-{qid}").count() == 1
    quote.click()
    tools = page.locator("#edition-tools")
    expect(tools).to_be_visible()
    assert tools.locator("a[href^='javascript:' i]").count() == 0  # Report a problem goes nowhere it should not
    tools.locator("button", has_text="Cite: ").first.click()
    expect(page.locator("#edition-live")).to_contain_text(" copied: ")
    copied = clipboard(page)
    assert HIDDEN in copied["text/plain"], copied
    assert "<img" not in copied["text/html"] and "&lt;img" in copied["text/html"], copied
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert page.locator("img[src='x']").count() == 0
    assert w.dialogs == [] and w.requests == []
