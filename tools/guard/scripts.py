"""The theme's own inline scripts, pinned by their text: the only inline scripts a page may run.

Material writes a few inline scripts for this edition's settings; their bodies are copied here from
its templates (tests/guard/test_scripts.py holds them to the installed theme). Each inline script of
a built page must be one of them, and is then allowed by its sha256 hash in the page's
Content-Security-Policy (tools/publish/csp.py); any other (a setting a template prints as script, a
`<script>` smuggled into the content) is refused by the output guard.
"""

from __future__ import annotations

import re

import re2

# The inline scripts of Material 9.8.2 that this edition's settings produce, exactly as in its
# templates: partials/javascripts/base.html, palette.html and the unconditional script of
# content.html. `{{ … }}` is where the template writes the page's base URL. A Material upgrade
# that changes one fails tests/guard/test_scripts.py: copy the new body here.
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


def _pinned(body: str) -> re2._Regexp[str]:
    parts = PLACEHOLDER.split(body)  # the pinned bodies are code: Python's re reads them
    return re2.compile(INTERPOLATED.join(re2.escape(part) for part in parts))


PINNED = tuple(_pinned(body) for body in THEME_SCRIPTS.values())


def theme_script(script: str) -> bool:
    """Is `script` one of the theme's own inline scripts (THEME_SCRIPTS)?"""
    return any(pattern.fullmatch(script) for pattern in PINNED)
