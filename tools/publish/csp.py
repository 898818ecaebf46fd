"""A strict Content-Security-Policy on every page, online and offline (defence in depth).

The site has no server to send headers, so the policy is a `<meta http-equiv>` at the top of
`<head>`, before the first script (a meta policy governs only what follows it). Scripts may come
from the site itself ('self', which Chromium also matches for file:// pages) and, inline, only
the theme's own, by their sha256 hashes: the output guard has already refused any inline script
that is not one of those pinned in tools/guard/scripts.py. No 'unsafe-inline', no 'unsafe-eval'.

- default-src 'self': stylesheets, fonts, the search index (fetched by the search worker) and
  the worker itself come from the site;
- img-src adds data: (Material's icons are data: SVGs in its stylesheet);
- object-src, base-uri and form-action 'none': no plug-ins, no <base> that redirects relative
  links, no form that posts anywhere (the search form is never submitted);
- frame-src 'self': offline, the iframe-worker shim runs the search worker in a hidden iframe;
- style-src 'self': the theme sets styles through the CSSOM only, never a style attribute.

The single-file export runs no script at all: `script-src 'none'`, its one <style> by hash.
"""

from __future__ import annotations

import base64
import hashlib

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
}
META_NAME = "Content-Security-Policy"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(script_hashes: list[str] | None = None, **overrides: str) -> str:
    """The policy as one header value; `overrides` replace directives (underscores for dashes)."""
    directives = dict(POLICY)
    directives.update({name.replace("_", "-"): value for name, value in overrides.items()})
    if script_hashes:
        directives["script-src"] += " " + " ".join(dict.fromkeys(script_hashes))
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def meta(value: str) -> str:
    return f'<meta http-equiv="{META_NAME}" content="{value}">'


def single_file_policy(style: str) -> str:
    """The single file's policy: no script, no request; its one stylesheet by hash."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'none'",
            f"style-src {sha256(style)}",
            "img-src data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-src 'none'",
        ]
    )
