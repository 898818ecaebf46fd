"""Page weight: the first view of every built page fits a budget, measured in deterministic bytes
(no browser, no network timing).

First view = the HTML plus every file it makes the browser fetch before the reader does anything:
<link rel=stylesheet>, <link rel=icon> (and any preload), <script src>, <img src>, and the fonts
and images that those stylesheets load through url() or @import (resolved recursively).

Assumption, stated because it is a choice: Material's search worker and search index are NOT
counted. The HTML never references them; bundle.js starts the worker, which fetches the index
(search/search_index.json, ~18 KB gzipped), after the page has rendered and only for searching.
A reader who never searches needs neither, so they are the cost of opening search, not of
the first view.

Each file is compressed separately with gzip -9 and the compressed sizes are summed (what a
server with gzip sends, one response per file). Budgets are fixed: if a page is over, make it
lighter (drop a feature, trim edition.css), never raise them.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BUDGET_BYTES = 90 * 1000  # 90 kB, gzip -9, HTML and every first-view resource together
BUDGET_REQUESTS = 10  # the HTML itself included

LOADED_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class _Refs(HTMLParser):
    """The URLs an HTML page makes the browser load on first view, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and LOADED_RELS & set((a.get("rel") or "").lower().split()):
            self._add(a.get("href"), a.get("media"))
        elif tag == "script" and a.get("src"):
            self._add(a.get("src"))
        elif tag in {"img", "source", "video", "audio", "iframe", "embed"} and a.get("src"):
            self._add(a.get("src"))

    def _add(self, url: str | None, media: str | None = None) -> None:
        # Even a media="print" stylesheet is downloaded on first view (at low priority).
        if url and not url.startswith(("data:", "#")):
            self.urls.append(url)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def local_file(site: Path, page_url: str, url: str) -> Path:
    """The file in `site` that `url` (relative to `page_url`, a path under the site) names."""
    resolved = urljoin(page_url, url)
    parts = urlsplit(resolved)
    assert not parts.scheme and not parts.netloc, f"{page_url} loads an external resource: {url}"
    path = site / unquote(parts.path).lstrip("/")
    assert path.is_file(), f"{page_url} loads {url}, which is not in the build"
    return path


def css_refs(site: Path, css: Path, seen: set[Path]) -> list[Path]:
    """Files a stylesheet loads through url() and @import (only non-data URLs), recursively."""
    found = []
    here = "/" + css.relative_to(site).as_posix()
    for match in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
        url = (match.group(2) or match.group(4) or "").strip()
        if not url or url.startswith(("data:", "#")):
            continue
        path = local_file(site, here, url)
        if path not in seen:
            seen.add(path)
            found.append(path)
            if path.suffix == ".css":
                found += css_refs(site, path, seen)
    return found


@dataclass(frozen=True)
class Weight:
    page: str
    files: tuple[tuple[str, int], ...]  # (path in the site, gzipped bytes), the HTML first

    @property
    def gzipped(self) -> int:
        return sum(size for _, size in self.files)

    @property
    def requests(self) -> int:
        return len(self.files)


def first_view(site: Path, html: Path) -> Weight:
    page_url = "/" + html.relative_to(site).as_posix()
    parser = _Refs()
    parser.feed(html.read_text(encoding="utf-8"))
    files: list[Path] = []
    seen: set[Path] = {html}
    for url in parser.urls:
        path = local_file(site, page_url, url)
        if path in seen:
            continue
        seen.add(path)
        files.append(path)
        if path.suffix == ".css":
            files += css_refs(site, path, seen)
    rows = [(p.relative_to(site).as_posix(), gz(p.read_bytes())) for p in [html, *files]]
    return Weight(html.name, tuple(rows))


def table(weights: list[Weight]) -> str:
    lines = [f"{'page':<18} {'gzip -9 (kB)':>13} {'requests':>9}"]
    lines += [f"{w.page:<18} {w.gzipped / 1000:>13.1f} {w.requests:>9}" for w in weights]
    heaviest = max(weights, key=lambda w: w.gzipped)
    lines += ["", f"files of the heaviest page, {heaviest.page}:"]
    lines += [f"  {path:<48} {size / 1000:>7.1f} kB" for path, size in heaviest.files]
    return "\n".join(lines)


def test_first_view_of_every_page_fits_the_budget(built_site: Path) -> None:
    pages = sorted(built_site.glob("*.html"))
    assert len(pages) >= 10, [p.name for p in pages]
    weights = [first_view(built_site, page) for page in pages]
    over = [w for w in weights if w.gzipped > BUDGET_BYTES or w.requests > BUDGET_REQUESTS]
    report = table(weights)
    print("\n" + report)
    assert not over, (
        f"over budget ({BUDGET_BYTES / 1000:.0f} kB gzip -9, {BUDGET_REQUESTS} requests): "
        f"{', '.join(w.page for w in over)}\n{report}"
    )


def test_the_measure_follows_stylesheets_and_skips_data_urls(tmp_path: Path) -> None:
    """The parser itself, on a tiny site: CSS url() and @import are followed, data: is not."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "main.css").write_text(
        '@import "more.css"; body { background: url("../img.png"); } i { background: url(data:,x); }', encoding="utf-8"
    )
    (tmp_path / "a" / "more.css").write_text("@font-face { src: url(font.woff2); }", encoding="utf-8")
    (tmp_path / "a" / "font.woff2").write_bytes(b"\0" * 500)
    (tmp_path / "img.png").write_bytes(b"\1" * 300)
    (tmp_path / "app.js").write_text("x()", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<!doctype html><link rel="stylesheet" href="a/main.css"><link rel="canonical" href="x.html">'
        '<link rel="icon" href="data:,"><script src="app.js"></script><script>inline()</script>'
        '<img src="img.png" alt="">',
        encoding="utf-8",
    )
    weight = first_view(tmp_path, tmp_path / "index.html")
    assert [path for path, _ in weight.files] == [
        "index.html",
        "a/main.css",
        "a/more.css",
        "a/font.woff2",
        "img.png",
        "app.js",
    ]
    assert weight.requests == 6
    assert weight.gzipped == sum(
        gz(p.read_bytes())
        for p in [
            tmp_path / "index.html",
            tmp_path / "a" / "main.css",
            tmp_path / "a" / "more.css",
            tmp_path / "a" / "font.woff2",
            tmp_path / "img.png",
            tmp_path / "app.js",
        ]
    )
