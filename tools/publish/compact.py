"""Less for every reader to download: the theme's stylesheets without the rules this site can never
use, and the palette's folded into the main one (one request fewer); the edition's own stylesheets
and scripts without comments and indentation.

Material's main.css styles every feature of the theme (blogs, code annotations, content tabs, tags,
versions, right-to-left scripts …); this edition uses few of them. tools/publish/csstrim.py drops
the rules whose selectors ask for what can never be on the site, and the custom properties nothing
reads; what can be on the site (`Names`) is gathered here: the elements, classes, ids and one-word
attribute values of the built pages (read with the one HTML parser, tools/model/html.py) and every
word of their inline scripts and of the edition's own scripts; and what the theme's scripts can make
at run time (below). The scripts are code, not editorial input; their words are found on RE2 all the
same. tests/browser/test_page_weight.py compares every element's computed style with and without.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

import re2
from markupsafe import escape

from ..model.html import local
from .csstrim import Names, compact_css, one_word, trim_stylesheets
from .paths import inside

WORD = re2.compile(r"[A-Za-z0-9_-]+")
PROPERTY = re2.compile(r"(?:^|[^\w-])(--[A-Za-z0-9_-]+)")  # not the end of a class name (md-tooltip--inline)
# What a theme script can put on an element: its md- names, what it passes to classList and writes
# as a class, the elements it creates (createElement("div"), or a JSX call such as x("div",{…}) or
# x("div",null,…): Material's bundle makes its search results so), and the one-word values it gives
# an attribute or a property (role:"dialog", setAttribute("tabindex","-1"); not a value it only
# compares with, such as getAttribute("dir")==="rtl").
THEME_CLASS = re2.compile(r"\bmd-[a-z0-9_-]+")
CLASS_LIST = re2.compile(r"classList\.(?:add|remove|toggle|contains|replace)\(([^)]*)\)")
CLASS_VALUE = re2.compile(r"\bclass(?:Name)?\s*[:=]\s*(\"[^\"]*\"|'[^']*'|`[^`]*`)")
STRING = re2.compile(r"\"([A-Za-z0-9_-]+)\"|'([A-Za-z0-9_-]+)'")
THEME_VALUE = re2.compile(
    r"""(?:["']?[A-Za-z][\w-]*["']?\s*:|setAttribute\(\s*["'][\w-]+["']\s*,)\s*["']([A-Za-z0-9_-]+)["']"""
)
CREATED = re2.compile(
    r"""createElement\(\s*["']([a-z][a-z0-9]*)["']\s*\)|[\w$]+\(\s*["']([a-z][a-z0-9]*)["']\s*,\s*(?:\{|null\b)"""
)
# Theme features the edition never turns on: the theme's script names their classes, but makes them
# only for settings or content this site does not have (annotated code and the buttons of code
# blocks, a version selector, tags, a repository's facts, content tabs). A page that had one keeps
# its rules.
UNUSED_FEATURES = ("md-annotation", "md-code__", "md-version", "md-tag", "md-source", "tabbed-")
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def add_words(names: Names, text: str) -> None:
    """Every word of a script of the edition's (without its comments), as any of the three."""
    found = set(WORD.findall(text))
    names.elements |= {word.lower() for word in found}
    names.words |= found
    names.values |= found
    names.properties |= set(PROPERTY.findall(text))


def page_names(trees: Iterable[ET.Element], names: Names | None = None) -> Names:
    """What the pages hold: their elements, classes, ids, one-word attribute values, and every word
    of their inline scripts (the theme's, which set attributes). Not the words of their text."""
    names = names or Names()
    for root in trees:
        for element in root.iter():
            tag = local(element.tag)
            if not tag:
                continue  # a comment
            names.elements.add(tag.lower())
            names.words.update(element.get("class", "").split())
            names.words.update(v for k, v in element.attrib.items() if k == "id")
            names.values.update(v for v in element.attrib.values() if one_word(v))
            if tag == "script" and element.get("type", "") in SCRIPT_TYPES and element.get("src") is None:
                add_words(names, element.text or "")
    return names


def theme_names(script: str, names: Names | None = None) -> Names:
    """What a (minified) theme script can make: classes, elements, attribute values, properties."""
    names = names or Names()
    classes = set(THEME_CLASS.findall(script))
    for listed in CLASS_LIST.findall(script):
        classes.update(w for quoted in STRING.findall(listed) for w in quoted if w)
    for value in CLASS_VALUE.findall(script):
        classes.update(WORD.findall(value))
    names.words |= {name for name in classes if not name.startswith(UNUSED_FEATURES)}
    names.elements |= {tag for created in CREATED.findall(script) for tag in created if tag}
    names.values |= set(THEME_VALUE.findall(script))
    names.properties |= set(PROPERTY.findall(script))
    return names


def compact_js(js: str) -> str:
    """The edition's own script without whole-line comments, indentation and blank lines. (It has
    no template literals or strings over several lines, which this would change: the test says so.)"""
    lines = (line.strip() for line in js.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


# --- the built folder -----------------------------------------------------------------------------


def _links(root: ET.Element, stylesheet: str) -> Iterator[str]:
    for element in root.iter():
        if local(element.tag) == "link" and element.get("rel") == "stylesheet":
            href = element.get("href", "")
            if href.rsplit("/", 1)[-1] == stylesheet:
                yield str(escape(href))


def without_link(page: str, root: ET.Element, stylesheet: str) -> str | None:
    """The page without its <link rel="stylesheet"> to `stylesheet` (a file name), as the theme
    writes it; None if the page does not hold it exactly so."""
    hrefs = list(_links(root, stylesheet))
    for href in set(hrefs):
        written = f'<link rel="stylesheet" href="{href}">'
        if page.count(written) != hrefs.count(href):
            return None
        page = page.replace(written + "\n", "").replace(written, "")
    return page


def lighter(
    folder: Path, pages: dict[str, str], trees: dict[str, ET.Element], theme_assets: Path, own_assets: Path
) -> dict[str, str]:
    """Rewrite the built folder's stylesheets and scripts in place: the theme's (those of
    `theme_assets`) trimmed and the palette's folded into the main one, the edition's own (those of
    `own_assets`, overrides/assets, not its vendored subfolders) compacted. `pages` are the built pages'
    text by name, `trees` the same pages parsed; the pages are returned, without their link to the
    palette's stylesheet if it was folded."""
    styles, scripts = folder / "assets" / "stylesheets", folder / "assets" / "javascripts"
    theme_css = sorted(
        inside(folder, p) for p in styles.glob("*.min.css") if (theme_assets / "stylesheets" / p.name).is_file()
    )
    own_css = [inside(folder, styles / p.name) for p in sorted((own_assets / "stylesheets").glob("*.css"))]
    own_js = [inside(folder, scripts / p.name) for p in sorted((own_assets / "javascripts").glob("*.js"))]
    names = page_names(trees.values())
    own_scripts = {path: compact_js(path.read_text(encoding="utf-8")) for path in own_js if path.is_file()}
    for text in own_scripts.values():
        add_words(names, text)
    for path in sorted(scripts.rglob("*.js")):  # the theme's (not lunr's word cutters for other languages)
        if inside(folder, path) not in own_js and "lunr" not in path.relative_to(scripts).parts:
            theme_names(inside(folder, path).read_text(encoding="utf-8"), names)
    own_styles = {path: compact_css(path.read_text(encoding="utf-8")) for path in own_css if path.is_file()}
    sheets = trim_stylesheets({p: p.read_text(encoding="utf-8") for p in theme_css}, own_styles.values(), names)
    for path, text in [*sheets.items(), *own_styles.items(), *own_scripts.items()]:
        path.write_text(text, encoding="utf-8")
    main = [p for p in theme_css if p.name.startswith("main.")]
    palette = [p for p in theme_css if p.name.startswith("palette.")]
    if len(main) == 1 and len(palette) == 1:
        unlinked = {name: without_link(page, trees[name], palette[0].name) for name, page in pages.items()}
        if all(page is not None for page in unlinked.values()):  # every page, or none
            main[0].write_text(sheets[main[0]] + sheets[palette[0]], encoding="utf-8")
            palette[0].unlink()
            return {name: page for name, page in unlinked.items() if page is not None}
    return pages
