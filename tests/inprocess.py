"""The output guard in this process, without the engine: each prepared page rendered by
Python-Markdown with mkdocs.yml's extensions (what the engine does with a page's Markdown), put in a
bare document without the search attributes with their words in other languages marked and their aliases'
spans in place (as tools/publish/postprocess.py leaves the pages once the search index is made), and the folder checked by the guard's own check_site. It shows what the
guard does with a page's content; the session build (conftest.built) shows it inside the theme."""

from __future__ import annotations

import functools
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import markdown

from tools.checker import Result, check
from tools.guard.configs import read
from tools.guard.language import tags
from tools.guard.site import Built, check_site
from tools.model.edition import Site
from tools.model.findings import Finding
from tools.model.html import parse
from tools.publish.engine import THEME_ASSETS
from tools.publish.languages import with_languages
from tools.publish.postprocess import with_aliases
from tools.publish.searchindex import without_search_attributes
from tools.site.downloads import DOWNLOADS, Files
from tools.site.prepare import downloads, pages

PROJECT = Path(__file__).resolve().parent.parent
SITE_URL = "https://edition.example.org/history/"
DOCUMENT = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
    '<body><article class="md-content__inner md-typeset">{content}</article></body></html>'
)


@functools.cache  # mkdocs.yml is code: read once a run
def extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    config = read(PROJECT / "mkdocs.yml")
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for item in config["markdown_extensions"]:
        name = next(iter(item)) if isinstance(item, dict) else item
        names.append(name)
        if isinstance(item, dict):
            configs[name] = item[name] or {}
    return names, configs


MD_LINK = re.compile(r'href="([^":#]+)\.md(#[^"]*)?"')


def render(source: str) -> str:
    """A page's Markdown as the engine renders it, its links to pages (`x.md`) made `x.html` as the
    engine makes them."""
    names, configs = extensions()
    if source.startswith("---\n"):
        source = source.split("\n---\n", 1)[1]
    html = markdown.markdown(source, extensions=names, extension_configs=configs)
    return MD_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', html)


def guarded(
    root: Path, site_url: str = SITE_URL, on_page: Callable[[str, ET.Element], None] | None = None
) -> tuple[Result, list[Finding]]:
    """The checker's result, and the guard's findings on the pages the site would render; `on_page`
    sees each page's tree as the guard read it."""
    result = check(root)
    if result.checked is None:
        return result, []
    with tempfile.TemporaryDirectory() as folder:
        return result, guard(write_site(result, root, Path(folder), site_url), result, on_page)


def write_site(result: Result, root: Path, out: Path, site_url: str = SITE_URL) -> Built:
    """Every page the site would render, each in a bare document without the search attributes, the
    downloads and the files of docs/ the engine publishes as they are, written into `out`."""
    assert result.checked is not None
    site = Site(site_url, contact=result.checked.sources.edition.contact)
    languages = tags(result.checked.sources.policy.languages)
    for name, source in pages(result.checked, site).items():
        title = name.removesuffix(".md")
        page = with_languages(DOCUMENT.format(title=title, content=render(source)), languages)
        page = with_aliases(page, f"{title}.html", result.moves)
        (out / f"{title}.html").write_text(without_search_attributes(page, parse(page)), encoding="utf-8")
    for name, content in downloads(result.checked, site).items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(content, encoding="utf-8")
    for path in (root / "docs").rglob("*"):  # what the engine publishes as it is
        if path.is_file() and path.suffix != ".md":
            target = out / path.relative_to(root / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    # The exported files the pages list are made by the exports, which this does not run.
    offered = tuple(f"{DOWNLOADS}/{name}" for name in Files(result.checked.sources.edition.slug).all)
    return Built(out, "site", root, THEME_ASSETS, site_url, extra_files=offered)


def guard(built: Built, result: Result, on_page: Callable[[str, ET.Element], None] | None = None) -> list[Finding]:
    assert result.checked is not None
    return check_site(built, result.checked, result.moves, result.checked.sources.edition.contact, on_page=on_page)
