"""Lighthouse mobile scores of every page, served with gzip on 127.0.0.1."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

from ..publish.build import PROJECT

LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Serves text files gzip-compressed, as any real web host does; Lighthouse's slow-4G
    simulation otherwise measures bytes no reader would ever download."""

    COMPRESSED: ClassVar[frozenset[str]] = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml"})

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in self.COMPRESSED
            or not path.is_file()
        ):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def lighthouse_version() -> str:
    try:
        package = PROJECT / "node_modules" / "lighthouse" / "package.json"
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "not known"


def lighthouse_scores(site: Path) -> tuple[list[tuple[str, ...]], str]:
    """(rows of page and four scores 0-100, a note). Lighthouse's default config is the mobile
    one: a Moto G Power-sized screen, 4x CPU slowdown and simulated slow 4G."""
    chromium = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not LIGHTHOUSE.exists():
        return [], "skipped: node_modules/.bin/lighthouse is missing (run .ci/install-system-deps, which runs npm ci)"
    if not os.access(chromium, os.X_OK):
        return [], f"skipped: no Chromium at {chromium} (run .ci/install-system-deps or set CHROMIUM)"
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows, failed = [], []
    try:
        with tempfile.TemporaryDirectory(prefix="edition-bench-lh-") as scratch:
            for page in sorted(p.name for p in site.glob("*.html")):
                out = Path(scratch) / f"{page}.json"
                command = [
                    str(LIGHTHOUSE),
                    base + page,
                    "--quiet",
                    "--output=json",
                    f"--output-path={out}",
                    f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                    "--chrome-flags=--headless --no-sandbox",
                ]
                done = subprocess.run(
                    command, env=dict(os.environ, CHROME_PATH=chromium), capture_output=True, text=True, timeout=180
                )
                try:
                    categories = json.loads(out.read_text(encoding="utf-8"))["categories"]
                    scores = [categories[c]["score"] for c in LIGHTHOUSE_CATEGORIES]
                except (OSError, ValueError, KeyError):
                    failed.append(f"{page} (exit {done.returncode}: {(done.stderr.strip().splitlines() or ['?'])[-1]})")
                    continue
                rows.append((page, *("n/a" if s is None else f"{round(s * 100)}" for s in scores)))
    finally:
        server.shutdown()
        server.server_close()
    note = (
        f"Lighthouse {lighthouse_version()}, default (mobile) settings, Chromium `{chromium}` headless; "
        "the site served from 127.0.0.1 by Python's http.server with gzip (as a real host would), no cache headers"
    )
    if failed:
        note += "; failed on: " + ", ".join(failed)
    return rows, note
