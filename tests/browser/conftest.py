"""Browser-test fixtures: Debian's Chromium driven by Playwright, local HTTP serving,
request logging (to prove pages stay offline) and a JavaScript-disabled page opener.

Playwright's own browser download cannot work on this machine, so we always launch
the system Chromium through ``executable_path``; .ci/install-system-deps installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright
from session import PUBLISHED_URL, Built

from .watch import WATCH, Watched

# Debian's Chromium headless shell: the same Chromium release as Debian's `chromium` (the same Blink
# and V8), built for headless use only, as Playwright's own headless Chromium is. The full browser,
# run headless, spent about 40% more CPU on the same pages (the page-weight walk 5.8 → 3.1 CPU-s).
DEFAULT_CHROMIUM = "/usr/bin/chromium-headless-shell"

# Headless in a container, and no traffic of Chromium's own (updates, sync, QUIC
# probes, field trials) that would pollute request logs or hang without a network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Schemes that never leave the machine, so off_origin() never flags them.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path to a Chromium binary (``$CHROMIUM`` overrides the Debian default)."""
    path = os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    msg = f"Chromium not found at {path!r}; run .ci/install-system-deps or set $CHROMIUM"
    # Locally a missing browser is a skip; in CI it must be an error, or the whole
    # browser suite could go silently green without running.
    if os.environ.get("CI"):
        pytest.fail(msg, pytrace=False)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Chromium for the session; tests isolate via fresh contexts."""
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh context, so cookies, storage and cache never leak between tests."""
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Factory: a fresh context with these options (viewport, touch, permissions …), closed after the test."""
    made: list[BrowserContext] = []

    def make(**kwargs: object) -> BrowserContext:
        made.append(browser.new_context(**kwargs))
        return made[-1]

    yield make
    for c in made:
        c.close()


@pytest.fixture
def cut_off(context: Callable[..., BrowserContext]) -> Callable[..., tuple[BrowserContext, RequestLog]]:
    """Factory: a context with the network cut (file:// is never routed; anything routable would be
    the network, so it is refused), and a log of every request it still makes."""

    def make(**kwargs: object) -> tuple[BrowserContext, RequestLog]:
        made = context(offline=True, **kwargs)
        made.route(re.compile(r"^(?!file:|data:|blob:|about:)"), lambda route: route.abort())
        return made, RequestLog().attach(made)

    return make


@pytest.fixture
def open_page_without_js(browser: Browser) -> Iterator[Callable[[str], Page]]:
    """Factory: open ``url`` in a new context with JavaScript disabled.

    Checks that the site still works without JS (content, navigation) need a context
    of their own, since java_script_enabled is fixed when a context is created.
    """
    contexts: list[BrowserContext] = []

    def open_(url: str) -> Page:
        context = browser.new_context(java_script_enabled=False)
        contexts.append(context)
        p = context.new_page()
        p.goto(url, wait_until="load")
        return p

    yield open_
    for context in contexts:
        context.close()


# ------------------------------------------------------------------------ HTTP server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # one stderr line per request would drown pytest's output


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[str | os.PathLike[str]], str]]:
    """Factory: serve a directory over HTTP on 127.0.0.1 and return its base URL.

    Pages are tested over http:// rather than file:// because that is how a site is
    really served (and file:// changes fetch, worker and origin rules). Port 0 lets
    the OS pick a free port, so parallel runs never collide. The base URL ends in
    "/" so it is safe to use as an off_origin() prefix.
    """
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def serve(directory: str | os.PathLike[str]) -> str:
        root = Path(directory)
        if not root.is_dir():
            raise NotADirectoryError(root)
        handler = functools.partial(_QuietHandler, directory=os.fspath(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, name=f"serve_dir:{root}", daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ----------------------------------------------------------------------- request log


def off_origin(requests: Iterable[str], allowed_prefixes: Iterable[str]) -> list[str]:
    """The URLs in ``requests`` that start with none of ``allowed_prefixes``.

    Pure prefix matching, so end each prefix with "/" ("http://127.0.0.1:8000/"),
    or "http://127.0.0.1:80" would also allow port 8000. data:, blob: and about:
    URLs never leave the machine and are never flagged.
    """
    allowed = tuple(allowed_prefixes) + LOCAL_SCHEMES
    return [url for url in requests if not url.startswith(allowed)]


@dataclass
class RequestLog:
    """Every request URL a page (or a whole context, popups and workers included) makes.

    Chromium's own fetches (e.g. the implicit /favicon.ico) are not reported to
    Playwright, so they never appear here.
    """

    urls: list[str] = field(default_factory=list)

    def attach(self, target: Page | BrowserContext) -> RequestLog:
        # Attach before goto(): requests fired during navigation are not replayed.
        target.on("request", self._record)
        return self

    def _record(self, request: Request) -> None:
        self.urls.append(request.url)

    def off_origin(self, allowed_prefixes: Iterable[str]) -> list[str]:
        return off_origin(self.urls, allowed_prefixes)


@pytest.fixture
def request_log(page: Page) -> RequestLog:
    """A RequestLog attached to the ``page`` fixture's context, so requests from
    workers and popups are caught as well as the page's own."""
    return RequestLog().attach(page.context)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Callable[..., Watched]]:
    """Factory: a watched context (tests/browser/watch.py) with these options, whose requests may
    go only to `local` (by default the machine itself); `cut=True` cuts the network as well (only
    file: is served)."""
    contexts: list[BrowserContext] = []

    def make(local: tuple[str, ...] = ("file:", "http://127.0.0.1:"), cut: bool = False, **options: object) -> Watched:
        context = browser.new_context(offline=cut, **options)
        if cut:
            context.route(re.compile(r"^(?!file:|data:|blob:|about:)"), lambda route: route.abort())
        context.add_init_script(WATCH)
        contexts.append(context)
        return Watched(context, (*local, *LOCAL_SCHEMES))

    yield make
    for made in contexts:
        made.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser drives Chromium: mark it, so `-m "not browser"` leaves it out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# ------------------------------------------------------------------ a published build


@dataclass(frozen=True)
class Published:
    """The session's one build of the real project (tests/session.py), made for its published
    address (session.PUBLISHED_URL, not the local one): the site, and the offline copies."""

    root: Path  # the copy of the project that was built
    site: Path  # the online build
    offline: Path  # the offline build, as `./edition build` left it (dist/.offline-site)
    single: Path  # the single HTML file
    zip: Path  # the offline site, zipped for download
    epub: Path


@pytest.fixture(scope="session")
def published(built: Built) -> Published:
    """The session's one build of the real project (shared by every worker: tests/session.py). The
    exports are named by the edition's slug (data/sources.yml): each is the one file of its kind."""
    dist = built.dist
    [single] = dist.glob("*.html")
    [archive] = dist.glob("*-offline.zip")
    [book] = dist.glob("*.epub")
    return Published(built.root, built.site, built.offline, single, archive, book)


@pytest.fixture(scope="session")
def published_url(
    published: Published, serve_dir: Callable[[str | os.PathLike[str]], str], tmp_path_factory: pytest.TempPathFactory
) -> str:
    """Where the published build is served in the tests (not its published address), at the
    published address's path (/history/): the 404 page, served for any missing address, links
    its assets and pages from that path, as the host will serve them."""
    path = urlsplit(PUBLISHED_URL).path.strip("/")
    if not path:
        return serve_dir(published.site)
    root = tmp_path_factory.mktemp("served")
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).symlink_to(published.site, target_is_directory=True)
    return serve_dir(root) + path + "/"


@pytest.fixture(scope="session")
def unzipped(published: Published, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline site as a reader gets it: the downloaded zip, unzipped (one copy per worker)."""
    root = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(published.zip) as archive:
        archive.extractall(root)
    [top] = root.iterdir()  # <slug>-offline/
    return top


# ------------------------------------------------------------- the reading aids' site

# The reading aids (edition.js, edition.css) read the markup of DESIGN.md's "HTML contract of a
# built chapter page". Their tests open one site folder and one single file, given here:
# $EDITION_READING_SITE and $EDITION_READING_SINGLE point at a static fixture that follows the
# contract (while the renderer is being rewritten); unset, the published build is used.


@pytest.fixture(scope="session")
def reading_site(request: pytest.FixtureRequest) -> Path:
    folder = os.environ.get("EDITION_READING_SITE")
    if folder:
        return Path(folder)
    published: Published = request.getfixturevalue("published")
    return published.site


@pytest.fixture(scope="session")
def reading_single(request: pytest.FixtureRequest) -> Path:
    single = os.environ.get("EDITION_READING_SINGLE")
    if single:
        return Path(single)
    published: Published = request.getfixturevalue("published")
    return published.single


@pytest.fixture(scope="session")
def reading_url(reading_site: Path, serve_dir: Callable[[str | os.PathLike[str]], str]) -> str:
    return serve_dir(reading_site)
