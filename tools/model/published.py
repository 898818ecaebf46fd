"""Only the declared pages and the edition's own assets in the folders MkDocs publishes.

MkDocs copies every file of docs/ that is not Markdown into the site as it is, and every file of
the theme folder (overrides/) that is not a template: an .html page with a script and a request
to another site, an .svg with a script, an .xml feed. None of them passes the checker, and none
gets the Content-Security-Policy the build puts into every rendered page. So a file there must be
one the edition means to publish (`file-published` otherwise):

- docs/: Markdown pages (each a declared page: `page-undeclared` checks those), and the assets
  of ASSETS: the edition's own scripts and stylesheets, and the iframe-worker shim vendored from
  npm with its licence (tools/publish/csp.py, mkdocs.offline.yml). No .html, .svg, .xml or
  other file: an image or a font would be a new pattern here, with the reason it is safe.
- overrides/: templates (.html), which the theme renders and never copies.

Names starting with a dot are skipped, as MkDocs skips them (its default `exclude_docs`, and the
theme's own filter). Symbolic links are left to symlinks.py, which refuses every one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from .findings import Finding

ASSETS = re.compile(
    r"""^(?:assets/javascripts/[a-z0-9-]{1,60}\.js
    |assets/stylesheets/[a-z0-9-]{1,60}\.css
    |assets/javascripts/iframe-worker/(?:shim\.js|bootstrap\.js|LICENSE\.txt))$""",
    re.VERBOSE,
)
TEMPLATES = re.compile(r"^(?:partials/)?[a-z0-9_-]{1,60}\.html$")
PAGE = re.compile(r"\.md$")


def _files(top: Path) -> Iterator[Path]:
    """Every regular file under `top`, without following links or entering dot-folders."""
    for here, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(here) / d).is_symlink())
        for name in sorted(files):
            path = Path(here) / name
            if not name.startswith(".") and not path.is_symlink():
                yield path


def unpublishable(root: Path, docs: str = "docs", overrides: str = "overrides") -> Iterator[Finding]:
    """A finding for every file MkDocs would publish as it is that is not an allowed asset."""
    for path in _files(root / docs):
        name = path.relative_to(root / docs).as_posix()
        if not PAGE.search(name) and not ASSETS.match(name):
            yield Finding(
                f"{docs}/{name}",
                1,
                1,
                "file-published",
                "would be published as it is, unchecked and without the site's Content-Security-Policy (an .html "
                "or .svg file runs its scripts, any page may load from other sites): docs/ holds the declared "
                "pages and the edition's assets only (assets/javascripts/*.js, assets/stylesheets/*.css, the "
                "vendored iframe-worker); move the file out of docs/, or remove it",
            )
    for path in _files(root / overrides):
        name = path.relative_to(root / overrides).as_posix()
        if not TEMPLATES.match(name):
            yield Finding(
                f"{overrides}/{name}",
                1,
                1,
                "file-published",
                "the theme folder holds templates (.html) only: any other file in it is copied into the site as "
                "it is, unchecked and without the site's Content-Security-Policy; remove it",
            )
