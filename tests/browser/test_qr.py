"""QR codes, read back as a phone would: Chromium draws each code, zxing-cpp decodes the
screenshot, and the address must be the one printed beside it."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import BrowserContext, Locator, Page

from tools.site import teachers

BASE = "https://example.org/orlov/"


@pytest.fixture
def sharp_page(context: Callable[..., BrowserContext]) -> Page:
    """A page drawn at twice the pixel density, as on a phone, so every module is two pixels or more."""
    return context(device_scale_factor=2).new_page()


def decoded(element: Locator) -> list[str]:
    image = Image.open(io.BytesIO(element.screenshot()))
    return [code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize(
    "url",
    [BASE + "praise.html", BASE + "praise.html#q-vyshinsky-forward-to-communism", "http://127.0.0.1:8000/warning.html"],
)
def test_a_qr_code_decodes_to_its_address(url: str, sharp_page: Page) -> None:
    sharp_page.set_content(f"<!doctype html><body style='margin:20px'>{teachers.qr_svg(url, 'x')}</body>")
    assert decoded(sharp_page.locator("svg.qr")) == [url]


def test_every_code_on_the_teachers_page_reads_as_the_address_beside_it(
    built_site: Path, serve_dir: Callable[[Path], str], sharp_page: Page
) -> None:
    sharp_page.goto(serve_dir(built_site) + "teachers.html")
    entries = sharp_page.locator(".teach-entry")
    assert entries.count() > 5
    for index in range(entries.count()):
        entry = entries.nth(index)
        printed = entry.locator("dt:text-is('Link') + dd a").inner_text().strip()
        assert decoded(entry.locator("svg.qr")) == [printed], printed
