"""Self-tests of the browser-test fixtures, on tiny pages written to a temp dir."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from .axe import format_violations, run_axe
from .conftest import RequestLog, off_origin

# rel="icon" data: keeps Chromium from fetching /favicon.ico (Playwright would not
# report that browser-level request anyway, but the server would see it).
HEAD = '<meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">'


def _site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_off_origin_flags_only_external_urls() -> None:
    base = "http://127.0.0.1:8000/"
    urls = [
        base,
        base + "assets/style.css",
        "https://fonts.googleapis.com/css?family=Roboto",
        "http://127.0.0.1:8001/x.js",  # another local port is still another origin
        "data:image/png;base64,AAAA",
        "blob:http://127.0.0.1:8000/0b1c",
    ]
    assert off_origin(urls, [base]) == [urls[2], urls[3]]
    assert off_origin(urls, [base, "http://127.0.0.1:8001/"]) == [urls[2]]
    assert off_origin([], [base]) == []


def test_request_log_has_exactly_page_and_css(
    tmp_path: Path, serve_dir: Callable[[Path], str], page: Page, request_log: RequestLog
) -> None:
    base = serve_dir(
        _site(
            tmp_path,
            {
                "index.html": f'<!doctype html><html lang="en"><head>{HEAD}'
                '<link rel="stylesheet" href="style.css"></head><body><p>hi</p></body></html>',
                "style.css": "p { color: rgb(1, 2, 3); }",
            },
        )
    )
    page.goto(base + "index.html", wait_until="load")

    assert request_log.urls == [base + "index.html", base + "style.css"]
    assert request_log.off_origin([base]) == []
    # The CSS was not just requested but applied.
    assert page.eval_on_selector("p", "p => getComputedStyle(p).color") == "rgb(1, 2, 3)"


def test_page_without_js_does_not_run_scripts(
    tmp_path: Path, serve_dir: Callable[[Path], str], open_page_without_js: Callable[[str], Page]
) -> None:
    base = serve_dir(
        _site(
            tmp_path,
            {
                "index.html": f'<!doctype html><html lang="en"><head>{HEAD}</head><body>'
                '<p id="p">static</p><script>document.getElementById("p").textContent = "js"'
                "</script></body></html>"
            },
        )
    )
    nojs = open_page_without_js(base + "index.html")
    assert nojs.text_content("#p") == "static"


def test_axe_reports_missing_alt_and_passes_clean_page(
    tmp_path: Path, serve_dir: Callable[[Path], str], page: Page
) -> None:
    # A 1x1 PNG as a data: URL, so the pages need no image file.
    png = (
        "data:image/png;base64,"
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )
    page_html = (
        '<!doctype html><html lang="en"><head>{head}</head><body><main>'
        '<h1>Title</h1><img src="{png}"{alt}></main></body></html>'
    )
    base = serve_dir(
        _site(
            tmp_path,
            {
                "bad.html": page_html.format(head=HEAD, png=png, alt=""),
                "good.html": page_html.format(head=HEAD, png=png, alt=' alt="A dot"'),
            },
        )
    )

    page.goto(base + "bad.html")
    bad = run_axe(page)
    assert "image-alt" in {v["id"] for v in bad}, format_violations(bad)
    assert "image-alt [critical] img" in format_violations(bad)

    page.goto(base + "good.html")
    good = run_axe(page)
    assert good == [], format_violations(good)
