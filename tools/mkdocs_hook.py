"""MkDocs hook: thin glue. The checker runs before every build and serve; the source list
feeds the generated pages and the generated parts of pages. All logic lives in `tools`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

# MkDocs loads this file by path; make the `tools` package importable from the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools import anchors, apparatus, check, export, render, teachers  # noqa: E402
from tools.findings import Severity  # noqa: E402
from tools.names import NameLinkExtension  # noqa: E402
from tools.permalinks import PermalinkExtension  # noqa: E402

log = get_plugin_logger("edition")
names = NameLinkExtension()
permalinks = PermalinkExtension()
_state: dict[str, Any] = {}


def on_config(config: Any, **_: Any) -> Any:
    config.markdown_extensions += [names, permalinks]
    return config


def on_pre_build(config: Any, **_: Any) -> None:
    """Refuse to render unless the text and the source list agree."""
    # EDITION_SKIP_CHECK=1 is for the benchmark only: it measures the build without the rules.
    result = check.check(check.PROJECT, rules=os.environ.get("EDITION_SKIP_CHECK") != "1")
    for finding in result.findings:
        (log.warning if finding.severity is Severity.WARNING else log.error)(str(finding))
    if result.errors or result.sources is None:
        raise PluginError(f"the attribution checker found {len(result.errors)} error(s); the site was not built")
    _state["sources"] = names.sources = result.sources
    _state["usage"] = apparatus.usage(result.pages, result.sources)
    permalinks.numbers = _state["usage"].paragraph_number


def on_files(files: Files, config: Any, **_: Any) -> Files:
    """Add the pages and downloads generated from the source list."""
    for name, make in {**apparatus.PAGES, **apparatus.DOWNLOADS}.items():
        files.append(File.generated(config, name, content=make(_state["sources"], _state["usage"])))
    page = teachers.teachers_page(_state["sources"], _state["usage"], config.site_url or "")
    files.append(File.generated(config, "teachers.md", content=page))
    return files


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    names.active = permalinks.active = page.file.src_uri in _state["sources"].pages
    return render.page_markdown(markdown, page.file.src_uri, _state["sources"])


def on_page_content(content: str, page: Any, config: Any, **_: Any) -> str:
    content = anchors.add_aliases(content, page.file.dest_uri, anchors.load_moves())
    if config.site_url:
        content = render.with_print_url(content, config.site_url.rstrip("/") + "/" + page.url)
    return content


def on_post_build(config: Any, **_: Any) -> None:
    anchors.write_redirects(Path(config.site_dir), anchors.load_moves())
    if not config.extra.get("offline_edition"):  # docs/offline.md links to downloads/…
        export.publish_downloads(Path(config.site_dir))  # copies dist/*.zip and *.html, if exported


def on_post_page(output: str, **_: Any) -> str:
    return render.valid_toggles(output)


def on_post_template(output_content: str, **_: Any) -> str:  # 404.html is a theme template, not a page
    return render.valid_toggles(output_content)
