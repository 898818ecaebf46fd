"""Page weight as the reader's browser gets it: every request Chromium makes for a first view until
the network is idle, each body at gzip -9, as a host that compresses would send it (the budget test,
tests/browser/test_page_weight.py, measures the same way on its own). Needs Playwright
(requirements-test.lock) and a Chromium (.ci/install-system-deps)."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUDGET_BYTES = 65 * 1000  # per page, gzip -9, everything the first view fetches
BUDGET_REQUESTS = 7  # the page itself included
CHROMIUM = "/usr/bin/chromium-headless-shell"  # what the tests run (tests/browser/conftest.py)
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update")


@dataclass(frozen=True)
class PageWeight:
    page: str
    files: tuple[tuple[str, int], ...]  # (path requested, gzip -9 bytes), in the order they arrived

    @property
    def gzipped(self) -> int:
        return sum(size for _, size in self.files)

    @property
    def requests(self) -> int:
        return len(self.files)

    @property
    def within_budget(self) -> bool:
        return self.gzipped <= BUDGET_BYTES and self.requests <= BUDGET_REQUESTS


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, prefix: str = "/", **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        """The site is at `prefix` (its published path: 404.html links its assets from there)."""
        return super().translate_path(
            "/" + path.removeprefix(self.prefix) if path.startswith(self.prefix) else "/.none"
        )

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path, prefix: str = "/") -> Iterator[str]:
    """The folder served over HTTP on 127.0.0.1 (a free port) at `prefix`; its base URL, ending in "/"."""
    handler = functools.partial(_Quiet, directory=str(site), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


QUIET_MS = 1000  # no request in flight and none started for this long: the first view is done
LONGEST_MS = 15_000


def first_view(browser: Any, base: str, page: str) -> PageWeight:
    """One page's first view in a fresh context (empty cache), every response counted until the
    network has been quiet for QUIET_MS (Playwright's own "networkidle" waits only 500 ms, which
    can end before Material's script asks for the search index)."""
    context = browser.new_context()
    files: list[tuple[str, int]] = []
    in_flight: set[Any] = set()
    last = [time.monotonic()]

    def started(request: Any) -> None:
        in_flight.add(request)
        last[0] = time.monotonic()

    def ended(request: Any) -> None:
        in_flight.discard(request)
        last[0] = time.monotonic()

    def counted(response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body: it still cost a request
            body = b""
        files.append((response.url.removeprefix(base), gz(body)))

    context.on("request", started)
    context.on("requestfinished", ended)
    context.on("requestfailed", ended)
    context.on("response", counted)
    try:
        tab = context.new_page()
        tab.goto(base + page, wait_until="load")
        deadline = time.monotonic() + LONGEST_MS / 1000
        while (in_flight or time.monotonic() - last[0] < QUIET_MS / 1000) and time.monotonic() < deadline:
            tab.wait_for_timeout(100)
    finally:
        context.close()
    return PageWeight(page, tuple(files))


def measure(
    site: Path, pages: Sequence[str] | None = None, chromium: str = CHROMIUM, prefix: str = "/"
) -> list[PageWeight]:
    """The first-view weight of each page of a built site (every *.html at its top by default),
    served at `prefix`."""
    from playwright.sync_api import sync_playwright

    names = list(pages) if pages is not None else sorted(p.name for p in site.glob("*.html"))
    with served(site, prefix) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=list(CHROMIUM_ARGS))
        try:
            return [first_view(browser, base, name) for name in names]
        finally:
            browser.close()


def heaviest_files(weights: Sequence[PageWeight]) -> list[tuple[str, str]]:
    """(path, kB) of each file of the heaviest page, heaviest first."""
    heaviest = max(weights, key=lambda w: w.gzipped)
    return [(path, f"{size / 1000:.1f}") for path, size in sorted(heaviest.files, key=lambda f: -f[1])]
