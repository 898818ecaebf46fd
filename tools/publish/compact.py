"""Less for every reader to download: the theme's stylesheets without the rules this site can
never use, the edition's own stylesheet and script without comments and indentation, and the
pages without the indentation between their tags.

Material's main.css styles every feature of the theme (blogs, code annotations, content tabs,
tags, social cards, versions …); this edition uses few of them. A rule is dropped only when one
of the classes its selector requires can never be on the site: it appears in no built page, in
no word of the edition's own scripts, and among no class the theme's script can set at run time
(every `md-…` name in it, and every class it passes to classList or writes as an element's
class: the search results, tooltips, dialogs, the focus-visible marker), the way PurgeCSS works. Selectors this cannot judge (:is, :where, :has) are kept, and classes inside
:not(…) are ignored, since :not(.unused) matches everything. An attribute selector that asks for
an exact value ([data-md-color-primary=pink]) needs that value somewhere too.
tests/browser/test_page_weight.py compares every element's computed style with and without.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .paths import inside

NAME = re.compile(r"[A-Za-z0-9_-]+")
CLASS = re.compile(r"\.(-?[_A-Za-z][_A-Za-z0-9-]*)")
ATTRIBUTE = re.compile(r"\[[^\]]*\]")
EXACT_VALUE = re.compile(r"\[[-\w]+=\"?([-\w]+)\"?\]")
# Indentation after a tag, when a tag follows; <pre> and <textarea> blocks are matched whole, so
# that nothing inside them changes.
BETWEEN_TAGS = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>)|(?<=>)[ \t]*\n\s*(?=<)", re.DOTALL)
UNJUDGED = (":is(", ":where(", ":has(", ":host", "::slotted", ":matches(", ":-webkit-any(", ":-moz-any(")
GROUPING = ("@media", "@supports", "@container", "@layer", "@document")


def used_names(texts: Iterable[str]) -> set[str]:
    """Every word-like token of the pages and scripts: a superset of the classes they use."""
    names: set[str] = set()
    for text in texts:
        names.update(NAME.findall(text))
    return names


THEME_CLASS = re.compile(r"\bmd-[a-z0-9_-]+")
CLASS_LIST = re.compile(r"classList\.(?:add|remove|toggle|contains|replace)\(([^)]*)\)")
CLASS_VALUE = re.compile(r"\bclass(?:Name)?\s*[:=]\s*(\"[^\"]*\"|'[^']*'|`[^`]*`)")


def script_classes(script: str) -> set[str]:
    """The classes a (minified) theme script can put on an element."""
    names = set(THEME_CLASS.findall(script))
    for match in CLASS_LIST.finditer(script):
        names.update(NAME.findall(" ".join(re.findall(r"[\"'`]([^\"'`]*)[\"'`]", match.group(1)))))
    for match in CLASS_VALUE.finditer(script):
        names.update(NAME.findall(match.group(1)))
    return names


def blocks(css: str) -> Iterator[tuple[str, str]]:
    """(prelude, whole block) for each top-level rule or at-rule, quotes and comments respected."""
    depth, start, i, quote = 0, 0, 0, ""
    prelude = ""
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end == -1 else end + 1
        elif c == "{":
            if depth == 0:
                prelude = css[start:i]
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                yield prelude.strip(), css[start : i + 1].strip()
                start = i + 1
        elif c == ";" and depth == 0:  # @import, @charset …
            yield css[start:i].strip(), css[start : i + 1].strip()
            start = i + 1
        i += 1


def without_not(selector: str) -> str:
    """The selector with every :not(…) argument removed (balanced parentheses)."""
    out, i = [], 0
    while i < len(selector):
        if selector.startswith(":not(", i):
            depth, i = 1, i + 5
            while i < len(selector) and depth:
                depth += {"(": 1, ")": -1}.get(selector[i], 0)
                i += 1
            continue
        out.append(selector[i])
        i += 1
    return "".join(out)


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return [*parts, prelude[start:]]


def may_match(selector: str, used: set[str]) -> bool:
    if any(marker in selector for marker in UNJUDGED):
        return True
    judged = without_not(selector)
    if not all(value in used for value in EXACT_VALUE.findall(judged)):
        return False
    bare = ATTRIBUTE.sub("", judged)  # [href$=".pdf"] names no class
    return all(name in used for name in CLASS.findall(bare))


def trim(css: str, used: set[str]) -> str:
    kept = []
    for prelude, block in blocks(css):
        if prelude.startswith(GROUPING):
            inner = trim(block[block.index("{") + 1 : -1], used)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@") or any(may_match(s, used) for s in split_selectors(prelude)):
            kept.append(block)
    return "".join(kept)


def compact_css(css: str) -> str:
    """The edition's own stylesheet without comments and runs of white space (strings kept)."""
    out: list[str] = []
    i, quote, space = 0, "", False
    while i < len(css):
        c = css[i]
        if quote:
            out.append(c)
            if c == "\\" and i + 1 < len(css):
                out.append(css[i + 1])
                i += 1
            elif c == quote:
                quote = ""
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end == -1 else end + 1
        elif c.isspace():
            space = True
        else:
            if space and out and out[-1] not in "{};" and c not in "{};":
                out.append(" ")
            space = False
            out.append(c)
            if c in "\"'":
                quote = c
        i += 1
    return "".join(out)


def compact_js(js: str) -> str:
    """The edition's own script without whole-line comments, indentation and blank lines. (It
    has no template literals or multi-line strings, which this would change; the test says so.)"""
    lines = (line.strip() for line in js.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def compact_html(page: str) -> str:
    """A page without the indentation between its tags (never inside <pre> or <textarea>):
    white space between tags is one space to a browser however long it is."""
    return BETWEEN_TAGS.sub(lambda m: m.group(1) or "\n", page)


def trim_site(site: Path, theme_css: Iterable[Path], own_css: Iterable[Path], own_js: Iterable[Path]) -> None:
    """Rewrite the built stylesheets and scripts in place (for the hook's on_post_build)."""
    own_js = [inside(site, path) for path in own_js]
    pages = [p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))]
    used = used_names([*pages, *(p.read_text(encoding="utf-8") for p in own_js)])
    for script in sorted((site / "assets" / "javascripts").rglob("*.js")):
        if inside(site, script) not in own_js:
            used |= script_classes(script.read_text(encoding="utf-8"))
    for files, change in ((theme_css, lambda css: trim(css, used)), (own_css, compact_css), (own_js, compact_js)):
        for path in files:
            target = inside(site, path)  # a link planted in the output folder is refused
            target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")
