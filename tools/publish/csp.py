"""A strict Content-Security-Policy on every page, online and offline (defence in depth).

The site has no server to send headers, so the policy is a `<meta http-equiv>` at the top of
`<head>`, before the first script (a meta policy governs only what follows it). Scripts may come
from the site itself ('self', which Chromium also matches for file:// pages) and, inline, only
the theme's own. Which scripts those are is pinned here, not read off the page: THEME_SCRIPTS
holds the bodies of the inline scripts Material writes for this edition's settings, as its
templates have them (tests/publish/test_output_safety.py holds them to the installed theme), and
the one value they interpolate, the page's base URL, may only be a relative path. Each inline
script of the finished page must be one of them, and is then allowed by its sha256 hash; any
other (a setting the template prints as script, such as `extra.analytics.property` or a
`<script>` in `extra.consent.description`) stops the build. The checker refuses such settings
first (tools/model/configrules.py), and the page's content has been refused anything live
before the template wraps it (the hook's html-live check). No 'unsafe-inline', no 'unsafe-eval'.

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
import re
from html.parser import HTMLParser

from ..model.formats import shorten
from .paths import OutputError

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
# A script element whose type is one of these (or none) runs; any other type is a data block.
SCRIPT_TYPES = frozenset(
    {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}
)
# The inline scripts of Material 9.8.2 that this edition's settings produce, exactly as in its
# templates: partials/javascripts/base.html, palette.html and the unconditional script of
# content.html. `{{ … }}` is where the template writes the page's base URL. A Material upgrade
# that changes one fails tests/publish/test_output_safety.py: copy the new body here.
THEME_SCRIPTS = {
    "partials/javascripts/base.html": (
        '__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location),'
        "__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),"
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    ),
    "partials/javascripts/palette.html": (
        'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"==='
        'palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector('
        'media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media='
        '\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data-md-color-media"),'
        'palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary='
        'input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}'
        'for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}'
    ),
    "partials/javascripts/content.html": (
        "var target=document.getElementById(location.hash.slice(1));"
        'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
    ),
}
# What a template's `{{ … }}` may be in a pinned script: a relative URL path (`.`, `..`, `/`,
# `/path/`), which can neither end the string it sits in nor the script.
INTERPOLATED = r"[A-Za-z0-9._~/-]{0,200}"
PLACEHOLDER = re.compile(r"\{\{.*?\}\}")


def _pinned(body: str) -> re.Pattern[str]:
    parts = PLACEHOLDER.split(body)
    return re.compile(INTERPOLATED.join(re.escape(part) for part in parts))


PINNED = tuple(_pinned(body) for body in THEME_SCRIPTS.values())
HEAD_START = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
META_NAME = "Content-Security-Policy"


class _InlineScripts(HTMLParser):
    """The text of every inline script that would run, and whether a policy is already set."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.has_policy = False
        self._inline: bool = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "script":
            runs = a.get("type", "").strip().lower() in SCRIPT_TYPES
            self._inline = runs and "src" not in a
            self._text = []
        elif tag == "meta" and a.get("http-equiv", "").lower() == META_NAME.lower():
            self.has_policy = True

    def handle_data(self, data: str) -> None:
        if self._inline:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline:
            self.scripts.append("".join(self._text))
            self._inline = False


def inline_scripts(document: str) -> list[str]:
    """The source text of every inline script in `document` that a browser would run."""
    parser = _InlineScripts()
    parser.feed(document)
    parser.close()
    return parser.scripts


def theme_script(script: str) -> bool:
    """Is `script` one of the theme's own inline scripts (THEME_SCRIPTS)?"""
    return any(pattern.fullmatch(script) for pattern in PINNED)


def content_scripts(content: str) -> int:
    """How many script elements (inline, external or data blocks) a page's content holds."""
    return len(re.findall(r"<script\b", content, re.IGNORECASE))


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


def with_policy(document: str, *, preview: bool = False) -> str:
    """The page with the policy as the first element of <head> after <meta charset>, allowing
    its inline scripts by hash. Raises OutputError if an inline script is not one of the theme's
    own (THEME_SCRIPTS), or if the policy cannot be placed first.

    `preview` is for `serve` only: its server injects a live-reload script, different on every
    request, so the local preview allows inline scripts ('unsafe-inline' is void beside a hash,
    so no hash is listed). Never for a build that is published or exported."""
    parser = _InlineScripts()
    parser.feed(document)
    parser.close()
    if parser.has_policy:
        raise OutputError("the page already carries a Content-Security-Policy")
    if preview:
        tag = meta(policy(script_src="'self' 'unsafe-inline'"))
    else:
        for script in parser.scripts:
            if not theme_script(script):
                raise OutputError(
                    f"an inline script that is not one of the theme's own ({shorten(script, 80)!r}): a setting or a "
                    "template prints it, and only the scripts pinned in tools/publish/csp.py (THEME_SCRIPTS) may run"
                )
        tag = meta(policy([sha256(s) for s in parser.scripts]))
    head = HEAD_START.search(document)
    if head is None:
        raise OutputError("the page has no <head> to put its Content-Security-Policy in")
    start = head.end()
    while start < len(document) and document[start].isspace():
        start += 1
    charset = CHARSET.match(document, start)
    at = charset.end() if charset else head.end()
    if "<script" in document[:at].lower():
        raise OutputError("a script comes before the Content-Security-Policy could be placed")
    return document[:at] + "\n" + tag + document[at:]


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
