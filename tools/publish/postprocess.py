"""What every built folder gets after the engine has run, whatever the engine: redirect pages and
anchor aliases from anchors.yml, each page's metadata and Content-Security-Policy, the search
index, trimmed stylesheets, the downloads; then the output guard over the whole folder. A finding
of the guard stops the build: nothing is published that it has not passed.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..guard.language import tags
from ..guard.page import GUARD_LINK
from ..guard.problem import Problem
from ..guard.site import Built, check_site, locate
from ..model.edition import Checked, Site
from ..model.findings import Finding
from ..model.html import local, parse
from ..model.kindpages import generated_pages
from ..model.moves import Moves
from ..site.downloads import with_figures
from .compact import lighter
from .csp import meta, policy, sha256
from .languages import with_languages
from .paths import output_path
from .searchindex import without_search_attributes, write_index

# Material's base.html gives its two hidden checkbox toggles (drawer, search) autocomplete="off",
# which HTML allows only on text-like inputs: the Nu HTML Checker rejects every page. The inputs are
# outside any template block, so the attribute is taken out here; edition.js resets the toggles on
# load instead (what the attribute did in Firefox). tests/publish/test_html_valid.py.
TOGGLES = tuple(f'type="checkbox" id="__{name}" autocomplete="off">' for name in ("drawer", "search"))
# The exports a build offers (the single file is a page of its own, with its own policy): as made.
EXPORTED = "downloads/"
REDIRECT_MARK = "edition-redirect"
REDIRECT_SCRIPT = "assets/javascripts/redirect.js"
HEAD_END = "</head>"
# Material writes its skip link only on a page with a table of contents, which the pages rendered by
# tools/site/ (the chapter's, the generated ones) reach it without: they get one to their title.
SKIP_SLOT = '<div data-md-component="skip">'
TITLE_WITH_ID = '<h1 id="'
SKIP_TEXT = "Skip to content"  # Material's own words for it (lang.t("action.skip"), English)


@dataclass(frozen=True)
class Output:
    folder: Path
    shown: str  # "site", "dist/.offline-site"
    theme_assets: Path
    extra_files: tuple[str, ...] = ()


def postprocess(
    output: Output,
    checked: Checked,
    site: Site,
    moves: Moves,
    project: Path,
    heads: dict[str, str],
    keep: dict[str, ET.Element] | None = None,
    downloads: Callable[[], dict[str, str]] | None = None,
) -> list[Finding]:
    """Finish a built folder in place; the guard's findings, if any (then nothing should be published).
    `heads` gives each page's metadata for its <head>, by page name; `keep`, if given, receives each
    page's tree as the guard read it (the exports read the offline build's pages from there);
    `downloads`, if given, is called once the pages are indexed and lighter, and before the guard: it
    puts the downloads into the folder (waiting for them if they are still being made) and gives their
    figures by file name, for the pages' download markers."""
    redirects, refused = write_redirects(output.folder, moves)
    readers = {name.removesuffix(".md") + ".html" for name in reading_order(checked)}
    pages: dict[str, str] = {}
    languages = tags(checked.sources.policy.languages)
    for page in sorted(output.folder.rglob("*.html")):
        name = page.relative_to(output.folder).as_posix()
        if name in redirects or name.startswith(EXPORTED):
            continue
        html = page.read_text(encoding="utf-8")
        html = with_skip_link(valid_toggles(with_aliases(html, name, moves)))
        html = with_languages(html, languages)
        if name in readers:
            html = with_print_address(html, site.url + name)
        pages[name] = html.replace(HEAD_END, heads.get(name, "") + HEAD_END, 1)
    pages = searched_and_lighter(output, checked, site, project, pages)
    figures = downloads() if downloads is not None else {}
    for name, html in pages.items():
        output_path(output.folder, name).write_text(with_figures(html, figures), encoding="utf-8")
    built = Built(
        output.folder,
        output.shown,
        project,
        output.theme_assets,
        site.url,
        redirects,
        output.extra_files,
        published=not site.offline and not site.preview,
    )
    policies: dict[str, str] = {}

    def remember_scripts(name: str, root: ET.Element) -> None:
        scripts = [
            e.text or "" for e in root.iter() if local(e.tag) == "script" and e.get("src") is None and not e.get("type")
        ]
        if keep is not None:
            keep[name] = root
        policies[name] = meta(
            policy([sha256(s) for s in scripts]) if not site.preview else policy(script_src="'self' 'unsafe-inline'")
        )

    findings = []
    for old in refused:  # the guard would skip the page as a redirect: say so, at the redirect
        problem = Problem(GUARD_LINK, f"a redirect from {old}, a page the site still has", f"{old}:")
        findings += locate([problem], "anchors.yml", built, old)
    findings += check_site(built, checked, moves, site.contact, on_page=remember_scripts)
    for name, tag in policies.items():
        if name.startswith(EXPORTED):
            continue
        page = output.folder / name
        html = page.read_text(encoding="utf-8")
        page.write_text(with_policy(html, tag), encoding="utf-8")
    return findings


def searched_and_lighter(
    output: Output, checked: Checked, site: Site, project: Path, pages: dict[str, str]
) -> dict[str, str]:
    """The search index, made from the site's pages (each parsed once, for it and for the stylesheets'
    trimming; not the downloads); the pages without their search attributes, and lighter stylesheets
    and scripts."""
    trees = {name: parse(html) for name, html in pages.items() if name not in output.extra_files}
    searched = [
        (n, trees[n]) for n in (name.removesuffix(".md") + ".html" for name in reading_order(checked)) if n in trees
    ]
    write_index(output.folder, searched, checked.sources.edition.title, site.offline)
    own = {name: without_search_attributes(pages[name], tree) for name, tree in trees.items()}
    return {**pages, **lighter(output.folder, own, trees, output.theme_assets, project / "overrides" / "assets")}


def reading_order(checked: Checked) -> list[str]:
    """The readers' pages, as docs/ names: the chapter, the editors' pages, the generated ones."""
    return [*checked.sources.edition.pages, *checked.sources.edition.editorial, *generated_pages(checked.sources)]


def with_print_address(html: str, url: str) -> str:
    """The page's address under its title, for paper (browser printing and the printed exports
    show it; the screen does not): after the first </h1>, the article's."""
    printed = Markup('</h1>\n<p class="print-url" data-index-skip="1">{}</p>').format(url)
    return html.replace("</h1>", printed, 1)


def with_skip_link(html: str) -> str:
    """Material's skip link, to the page's title, where Material wrote none (WCAG 2.4.1)."""
    slot, title = html.find(SKIP_SLOT), html.find(TITLE_WITH_ID)
    if slot == -1 or title == -1 or 'class="md-skip"' in html:
        return html
    start = title + len(TITLE_WITH_ID)  # the id as written, already an attribute's text: not escaped again
    link = Markup('\n<a href="#{}" class="md-skip">{}</a>').format(
        Markup(html[start : html.find('"', start)]), SKIP_TEXT
    )
    at = slot + len(SKIP_SLOT)
    return html[:at] + str(link) + html[at:]  # str: Markup would escape the page around it


def with_policy(html: str, tag: str) -> str:
    """The policy first in <head> (after <meta charset>): a <meta> policy governs only what follows it."""
    charset = html.find("<meta charset")
    at = html.find(">", charset) + 1 if charset != -1 else html.find("<head>") + len("<head>")
    return html[:at] + "\n" + tag + html[at:]


def valid_toggles(html: str) -> str:
    for toggle in TOGGLES:
        html = html.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    return html


def with_aliases(html: str, page: str, moves: Moves) -> str:
    """An empty <span id="old"> first inside each element an alias on this page points at: inside, not
    before it, where a span may stand between a list's items or a definition list's terms. The guard
    holds the element to one that may hold it (tools/guard/site.py, aliases)."""
    for old, new in moves.aliases.items():
        _, _, old_id = old.partition("#")
        new_page, _, new_id = new.partition("#")
        if new_page != page:
            continue
        at = html.find(f' id="{new_id}"')
        while at != -1 and html.rfind("<", 0, at) < html.rfind(">", 0, at):  # words that spell it, not a tag
            at = html.find(f' id="{new_id}"', at + 1)
        end = html.find(">", at) + 1 if at != -1 else 0
        if end:
            html = html[:end] + f'<span id="{old_id}"></span>' + html[end:]
    return html


def redirect_page(target: str, script: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"{meta(policy())}\n"
        f'<meta name="{REDIRECT_MARK}" content="{target}">\n'
        f'<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<script src="{script}"></script>\n'
        f'<title>Moved</title></head><body><p>This page has moved: <a href="{target}">{target}</a>.</p></body></html>\n'
    )


def write_redirects(folder: Path, moves: Moves) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One redirect page per `redirects` entry, never over a page and never outside the folder: the
    pages written, and those not written because the build made the page (the checker knows the
    edition's pages, not the theme's: 404.html)."""
    written, refused = [], []
    for old, new in moves.redirects.items():
        path = output_path(folder, old)
        if path.exists():
            refused.append(old)
            continue
        written.append(old)
        here = Path(old).parent.as_posix() or "."
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            redirect_page(os.path.relpath(new, here), os.path.relpath(REDIRECT_SCRIPT, here)), encoding="utf-8"
        )
    return tuple(written), tuple(refused)
