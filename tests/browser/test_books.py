"""The EPUB's pages in a real Chromium, as a reading system built on a browser engine shows
them: the unpacked XHTML from file:// with the network cut makes no request, axe finds no WCAG
violation on any page, and a footnote call leads to its note and back. (The book's CSS sets no
colours, only currentColor, so a reading system's day and night themes both apply as they are.)"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Exported
from playwright.sync_api import BrowserContext, expect

from tools.publish.epub import FOLDER

from .axe import format_violations, run_axe
from .conftest import RequestLog

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="module")
def unpacked(exported: Exported, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("epub")
    with zipfile.ZipFile(exported.epub) as zf:
        zf.extractall(root)
    return root / FOLDER


@pytest.fixture
def reader(cut_off: Callable[..., tuple[BrowserContext, RequestLog]]) -> tuple[BrowserContext, RequestLog]:
    return cut_off(viewport=PHONE)


def test_every_epub_page_passes_axe_and_requests_nothing_but_its_stylesheet(
    unpacked: Path, reader: tuple[BrowserContext, RequestLog]
) -> None:
    context, log = reader
    page = context.new_page()
    files = sorted(unpacked.glob("*.xhtml"))
    assert len(files) >= 10
    problems = []
    for file in files:
        page.goto(file.as_uri(), wait_until="load")
        assert page.evaluate("document.contentType") == "application/xhtml+xml"
        if violations := run_axe(page):
            problems.append(f"{file.name}:\n{format_violations(violations)}")
    assert problems == [], "\n".join(problems)
    allowed = {f.as_uri() for f in files} | {(unpacked / "edition.css").as_uri()}
    assert set(log.urls) <= allowed, sorted(set(log.urls) - allowed)


def test_a_footnote_call_leads_to_its_note_and_back(unpacked: Path, reader: tuple[BrowserContext, RequestLog]) -> None:
    context, _ = reader
    page = context.new_page()
    page.goto((unpacked / "praise.xhtml").as_uri(), wait_until="load")
    call = page.locator("a[role=doc-noteref]").first
    target = call.get_attribute("href")
    assert target is not None and target.startswith("#fn:")
    call.click()
    note = page.locator(f"aside[id='{target[1:]}']")
    expect(note).to_be_in_viewport()
    note.locator("a[role=doc-backlink]").click()
    expect(page.locator(f"sup[id='{target[1:].replace('fn:', 'fnref:', 1)}']")).to_be_in_viewport()
