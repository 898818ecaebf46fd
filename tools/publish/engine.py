"""Between the edition and the engine (ProperDocs running Material): what the hook asks for, in order.

`./edition build` and `serve` check the input first, in their own process, and hand the result over
(`handover`), so the engine never runs the checker a second time; a plain `properdocs build`
checks here. Then the pages come from tools/site/prepare.py, and the finished folder goes through
tools/publish/postprocess.py, the output guard last.
"""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..checker import PROJECT, Result, check
from ..model.edition import Checked, Site
from ..model.findings import Finding
from ..model.kindpages import kind_pages
from ..site.citing import heads
from ..site.downloads import Files
from ..site.prepare import downloads, pages
from ..site.sourcespage import kind_title
from .downloads import measured, publish_downloads
from .export import Exported
from .postprocess import Output, postprocess

THEME_ASSETS = Path(str(__import__("material").__file__)).parent / "templates" / "assets"


@dataclass
class State:
    checked: Checked
    site: Site
    result: Result


handover: Result | None = None  # set by tools/publish/command.py once it has checked the input
# The offline build's pages as the output guard read them: the exports read them from here.
offline_pages: dict[str, ET.Element] = {}
NOT_FOUND_PAGE = "404.html"
# Exports still being made (PDFs rendering) while the online build runs: its post-build step waits
# for them before it offers the files (set by tools/publish/command.py); what they made, after.
pending_export: Finishing | None = None
exported: list[Exported] = []


class Finishing(Protocol):
    """Exports under way (export.Pending, or command.Alongside making them in another process)."""

    def finish(self) -> list[Exported]: ...

    def abandon(self) -> None: ...


class Refused(Exception):
    """Findings that stop the build; each printed as one line."""

    def __init__(self, findings: list[Finding], what: str) -> None:
        super().__init__(f"{len(findings)} finding(s): {what}")
        self.findings = findings


def site_of(config: Any, checked: Checked, serving: bool) -> Site:
    url = str(config.site_url or "http://127.0.0.1:8000/")
    url = url if url.endswith("/") else url + "/"
    contact = os.environ.get("EDITION_CONTACT") or checked.sources.edition.contact
    offline = bool(config.extra.get("offline_edition"))
    return Site(url, offline, contact, preview=serving)


def begin(config: Any, serving: bool) -> State:
    """The checked input for this build (the handed-over check, or a fresh one); Refused on findings."""
    global handover
    result, handover = (handover, None) if handover is not None and not serving else (check(PROJECT), None)
    if result.errors or result.checked is None:
        raise Refused(result.errors, "the checker refused the input; the site was not built")
    config["nav"] = with_kind_pages(config["nav"], result.checked)
    return State(result.checked, site_of(config, result.checked, serving), result)


def with_kind_pages(nav: Any, checked: Checked) -> Any:
    """The navigation with the pages of the works' full entries (tools/site/workpages.py), which the
    source list decides: the entry for sources.md becomes a section of the same title, holding it
    and them, in order."""
    kinds = [{kind_title(p.kind, p.part, p.parts): p.name} for p in kind_pages(checked.sources)]
    if isinstance(nav, list):
        return [with_kind_pages(item, checked) for item in nav]
    if isinstance(nav, dict) and len(nav) == 1:
        ((title, value),) = nav.items()
        if value == "sources.md":
            return {title: [{title: value}, *kinds]}
        return {title: with_kind_pages(value, checked)}
    return nav


def prepared(state: State) -> dict[str, str]:
    """Every page and data file the engine is given, by name under docs/ (tools/site/prepare.py)."""
    return {**pages(state.checked, state.site), **downloads(state.checked, state.site)}


def finish(config: Any, state: State) -> None:
    finish_folder(Path(config.site_dir), state)


def finish_folder(folder: Path, state: State) -> None:
    """Postprocess and guard a built folder, whatever engine built it from the pages `prepared`
    gave it; Refused if the guard finds anything."""
    shown = os.path.relpath(folder, PROJECT) if folder.is_relative_to(PROJECT) else str(folder)
    files = Files(state.checked.sources.edition.slug)

    def offered() -> dict[str, str]:
        """The exports, once made, into the folder; their figures."""
        global pending_export, exported
        if pending_export is not None:  # (if they fail, the command removes this unfinished folder)
            exported, pending_export = pending_export.finish(), None
        publish_downloads(folder, PROJECT / "dist", files)
        return {name: figures.text() for name, figures in measured(PROJECT / "dist", files).items()}

    output = Output(folder, shown, THEME_ASSETS, tuple(f"downloads/{name}" for name in files.all))
    keep = offline_pages if state.site.offline else None
    if keep is not None:
        keep.clear()
        # No server answers from files: the theme's 404 page, which links from the site's root, would
        # only be a page of dead links in the offline copy.
        (folder / NOT_FOUND_PAGE).unlink(missing_ok=True)
    findings = postprocess(
        output,
        state.checked,
        state.site,
        state.result.moves,
        PROJECT,
        heads(state.checked, state.site),
        keep,
        None if state.site.offline else offered,
    )
    if findings:
        shutil.rmtree(folder, ignore_errors=True)  # nothing the guard refused is left to be copied to a host
        raise Refused(findings, f"the output guard refused the built pages; {shown}/ was removed")
