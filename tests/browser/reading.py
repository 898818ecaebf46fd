"""What the reading-aid tests share: the two devices, pressing as each does, boxes and colours
measured in the page, and the clipboard read back with its types."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page

# A phone held upright (touch) and a desktop (mouse and keyboard), as issue 20 measures them.
DEVICES: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 360, "height": 800}, "has_touch": True, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
CLIPBOARD = ["clipboard-read", "clipboard-write"]
CHAPTER = "praise.html"  # notes, names, quotations, editor's notes

Box = dict[str, float]


def open_page(context: Callable[..., BrowserContext], device: str, url: str, **options: Any) -> Page:
    page = context(**DEVICES[device], **options).new_page()
    page.goto(url, wait_until="load")
    return page


def press(device: str, target: Locator) -> None:
    """A tap on the phone, a click with the mouse on the desktop."""
    if device == "phone":
        target.tap()
    else:
        target.click()


def box(target: Locator) -> Box:
    """The element's border box in the viewport (getBoundingClientRect)."""
    result: Box = target.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; }"
    )
    return result


def overlap(a: Box, b: Box) -> bool:
    """The two boxes share some area (touching edges do not count)."""
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def text_lines(target: Locator) -> list[Box]:
    """The boxes of every line of text in the element, the toolbar and pop-ups left out."""
    lines: list[Box] = target.evaluate(
        """e => {
            const out = [], walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!n.textContent.trim() || n.parentElement.closest('.permalink-tools, .ed-pop')) continue;
                const range = document.createRange();
                range.selectNodeContents(n);
                for (const r of range.getClientRects()) {
                    if (r.width > 0) out.push({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
                }
            }
            return out;
        }"""
    )
    return lines


def scroll_y(page: Page) -> float:
    return float(page.evaluate("window.scrollY"))


def header_bottom(page: Page) -> float:
    """Where the sticky header ends (0 on a page without one)."""
    return float(page.evaluate("document.querySelector('.md-header')?.getBoundingClientRect().bottom ?? 0"))


def clipboard(page: Page) -> dict[str, str]:
    """Every type on the clipboard and its text, as a page reads them back."""
    items: list[list[str]] = page.evaluate(
        """async () => {
            const out = [];
            for (const item of await navigator.clipboard.read())
                for (const type of item.types) out.push([type, await (await item.getType(type)).text()]);
            return out;
        }"""
    )
    return dict((kind, text) for kind, text in items)


RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def rgb(css: str, under: tuple[float, float, float] = (255, 255, 255)) -> tuple[float, float, float]:
    """A computed colour as RGB, blended over `under` when it is translucent."""
    m = RGB.fullmatch(css.strip())
    assert m, css
    r, g, b = (float(x) for x in m.groups()[:3])
    a = float(m.group(4)) if m.group(4) is not None else 1.0
    return (r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a))


def luminance(color: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
