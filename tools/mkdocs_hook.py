"""MkDocs hook: thin glue. The checker runs before every build and serve; the source list
feeds the generated parts of pages. All logic lives in the `tools` modules it calls."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

# MkDocs loads this file by path; make the `tools` package importable from the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools import check, render  # noqa: E402
from tools.findings import Severity  # noqa: E402
from tools.sourcelist import SourceList  # noqa: E402

log = get_plugin_logger("edition")
_state: dict[str, SourceList] = {}


def on_pre_build(config: Any, **_: Any) -> None:
    """Refuse to render unless the text and the source list agree."""
    result = check.check(check.PROJECT)
    for finding in result.findings:
        (log.warning if finding.severity is Severity.WARNING else log.error)(str(finding))
    if result.errors or result.sources is None:
        raise PluginError(f"the attribution checker found {len(result.errors)} error(s); the site was not built")
    _state["sources"] = result.sources


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    return render.page_markdown(markdown, page.file.src_uri, _state["sources"])
