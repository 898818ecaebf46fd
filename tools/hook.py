"""The MkDocs hook (ProperDocs runs it; so does MkDocs 1.x): thin glue between the engine and the
edition's packages, and the only module that uses the checker, the site and publishing together.

- on_config: forget every `tools` module, so that `serve` runs edited code on its next rebuild
  (MkDocs loads a hook file once per process; the modules it imports would otherwise stay);
- on_pre_build: the checker (source list, pages, anchors.yml, symlinks, the config text the
  theme prints); any error stops the build before a page is rendered;
- on_files: the pages and downloads generated from the source list;
- on_page_markdown / on_page_content: editor's notes, legend and cards; aliases; print URLs;
  a page whose content would carry anything live (a script, a frame, an event handler, a
  javascript: address) is an `html-live` finding at its place in the source, and on_env stops
  the build before any page is written;
- on_post_page / on_post_template: a chapter page's citation metadata; pages without indentation
  between tags; the Content-Security-Policy, with the theme's inline scripts by hash (`serve`'s
  preview also allows its live-reload script);
- on_post_build: redirect pages, search titles, slimmer stylesheets and scripts, and the offline
  downloads, written only inside site_dir.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# `mkdocs.*` on purpose, although ProperDocs runs this hook: inside a properdocs process these
# names are aliases of `properdocs.*` (properdocs/replacement.py), so they are the very classes
# ProperDocs uses; under plain MkDocs (the two-engine test, tests/publish/test_engines.py) they are
# MkDocs' own. `from properdocs…` would hand MkDocs foreign classes: its PluginError would no
# longer stop a build cleanly. mypy reads the types from mkdocs, installed as Material's dependency.
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from tools.checker.rendered import Checker
    from tools.model.cite import Edition
    from tools.model.moves import Moves
    from tools.model.records import SourceList
    from tools.site.namelinks import NameLinkExtension
    from tools.site.permalinks import PermalinkExtension
    from tools.site.usage import Usage

PROJECT = Path(__file__).resolve().parent.parent
log = get_plugin_logger("edition")


@dataclass(frozen=True)
class Checked:
    """What the checker established, for the events after on_pre_build."""

    sources: SourceList
    usage: Usage
    moves: Moves
    quotes: Checker  # every generated page and download quotes the chapter in its exact words
    edition: Edition  # how the edition is cited, at the address it is published at


@dataclass
class BuildState:
    """One build's state: the Markdown extensions (from on_config), then what was checked."""

    names: NameLinkExtension
    permalinks: PermalinkExtension
    checked: Checked | None = None
    titles: dict[str, str] = field(default_factory=dict)  # page address -> its navigation title
    live: int = 0  # html-live findings so far (on_page_content); on_env stops the build if any


_state: BuildState | None = None
# `serve` injects MkDocs' live-reload script inline into every page it serves, with a fresh
# timestamp each time: no hash can name it, so the local preview (never published) allows inline
# scripts. Builds (the site, the offline edition) are always strict.
_serving = False


def on_startup(command: str, **_: Any) -> None:
    global _serving
    _serving = command == "serve"


def checked() -> Checked:
    if _state is None or _state.checked is None:
        raise PluginError("the edition hook ran out of order: on_pre_build has not checked the source list")
    return _state.checked


def _forget_tools() -> None:
    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    for name in [n for n in sys.modules if n == "tools" or n.startswith("tools.")]:
        del sys.modules[name]


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    global _state
    _forget_tools()
    from tools.site.namelinks import NameLinkExtension
    from tools.site.permalinks import PermalinkExtension

    _state = BuildState(NameLinkExtension(), PermalinkExtension())
    # MkDocs types this option list[str], but Markdown() takes Extension instances too: an
    # instance is how the hook keeps hold of the extensions' state between pages.
    config.markdown_extensions += [_state.names, _state.permalinks]  # type: ignore[list-item]
    return config


def on_pre_build(config: MkDocsConfig, **_: Any) -> None:
    """Refuse to render unless the text and the source list agree."""
    from tools.checker import check
    from tools.checker.rendered import Checker
    from tools.model.cite import edition
    from tools.model.findings import Severity
    from tools.site.usage import usage

    assert _state is not None
    result = check(PROJECT)
    for finding in result.findings:
        (log.warning if finding.severity is Severity.WARNING else log.error)(str(finding))
    if result.errors or result.sources is None:
        raise PluginError(f"the attribution checker found {len(result.errors)} error(s); the site was not built")
    used = usage(result.pages, result.sources)
    cited = edition(result.sources, config.site_name, config.site_url or "", used.title)
    _state.checked = Checked(result.sources, used, result.moves, Checker(used.wording), cited)
    _state.names.sources = result.sources
    _state.permalinks.numbers = _state.checked.usage.paragraph_number


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    """Add the pages and downloads generated from the source list."""
    from tools.checker.rendered import check_values
    from tools.site.generated import GENERATORS
    from tools.site.teachers import teachers_page

    s = checked()
    for name, make in GENERATORS.items():
        content = make(s.sources, s.usage, s.edition)
        if not name.endswith(".md"):  # a download: the pages are checked as HTML in on_post_page
            lines = [(number, 1, line) for number, line in enumerate(content.splitlines(), 1)]
            _refuse(check_values(name, lines, s.quotes))
        files.append(File.generated(config, name, content=content))
    page = teachers_page(s.sources, s.usage, s.edition)
    files.append(File.generated(config, "teachers.md", content=page))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    from tools.site.render import edition_variant, page_markdown

    s = checked()
    assert _state is not None
    _state.names.active = _state.permalinks.active = page.file.src_uri in s.sources.pages
    markdown = edition_variant(markdown, bool(config.extra.get("offline_edition")), s.edition.url)
    return page_markdown(markdown, page.file.src_uri, s.sources)


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    from tools.publish.anchors import add_aliases
    from tools.publish.sanitize import live_findings
    from tools.site.render import with_print_url

    s = checked()
    assert _state is not None
    # Before the theme wraps it: the content's own scripts are never the theme's. Every page is
    # looked at first (each finding one line, at the place in its source); on_env then stops the
    # build before any page is written.
    shown = f"docs/{page.file.src_uri}" if page.file.abs_src_path else page.file.src_uri
    for finding in live_findings(html, shown, page.file.content_string):
        log.error(str(finding))
        _state.live += 1
    try:
        html = add_aliases(html, page.file.dest_uri, s.moves)
    except ValueError as err:
        raise PluginError(f"anchors.yml: {err}") from None
    if config.site_url:
        html = with_print_url(html, config.site_url.rstrip("/") + "/" + page.url)
    return html


def on_env(env: Any, **_: Any) -> Any:
    """After every page's content is made, before any is written."""
    if _state is not None and _state.live:
        raise PluginError(f"{_state.live} html-live finding(s): a page would carry live markup; the site was not built")
    return env


def on_post_page(output: str, page: Page, **_: Any) -> str:
    """Every page, generated or not, shows the chapter's quotations in its exact words; a chapter
    page gets its citation metadata; indentation between tags goes; then the page gets its
    Content-Security-Policy (computed on the finished page)."""
    from tools.checker.rendered import check_html
    from tools.publish.compact import compact_html
    from tools.site.metadata import chapter_head, with_head

    s = checked()
    assert _state is not None
    _state.titles[page.url] = page.title or ""
    chapter = page.file.src_uri in s.sources.pages
    head = chapter_head(page.file.src_uri, s.sources, s.usage, s.edition) if chapter else ""
    output = with_head(output, head)
    _refuse(check_html(page.file.dest_uri, output, s.quotes))
    return _finished(compact_html(output), page.file.dest_uri)


def _refuse(findings: list[Any]) -> None:
    for finding in findings:
        log.error(str(finding))
    if findings:
        raise PluginError(f"{len(findings)} quotation(s) in the output differ from the chapter's wording")


def _finished(output: str, name: str) -> str:
    from tools.publish.csp import with_policy
    from tools.publish.paths import OutputError
    from tools.site.render import valid_toggles

    try:
        return with_policy(valid_toggles(output), preview=_serving)
    except OutputError as err:
        raise PluginError(f"{name}: {err}") from None


def on_post_template(output_content: str, template_name: str, **_: Any) -> str:  # 404.html: a template
    return _finished(output_content, template_name) if template_name.endswith(".html") else output_content


@event_priority(-50)  # after the search plugin writes its index (0), before offline copies it (-100)
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    from tools.publish.anchors import write_redirects
    from tools.publish.compact import trim_site
    from tools.publish.downloads import publish_downloads
    from tools.publish.paths import OutputError
    from tools.publish.searchindex import shape_index
    from tools.site.generated import SEARCHED_BY_HEADINGS

    s = checked()
    assert _state is not None
    site = Path(config.site_dir)
    try:
        write_redirects(site, s.moves)
        if not config.extra.get("offline_edition"):  # docs/offline.md links to downloads/…
            publish_downloads(site, PROJECT / "dist")  # the exported files, if exported
    except (OutputError, ValueError) as err:
        raise PluginError(f"anchors.yml: {err}; the build stopped") from None
    by_headings = {name.removesuffix(".md") + ".html" for name in SEARCHED_BY_HEADINGS}
    try:
        shape_index(site, _state.titles, config.site_name, by_headings)
        trim_site(
            site,
            theme_css=sorted((site / "assets" / "stylesheets").glob("*.min.css")),
            own_css=[site / path for path in config.extra_css],
            own_js=[site / str(path) for path in config.extra_javascript],
        )
    except OutputError as err:
        raise PluginError(f"{err}; the build stopped") from None
