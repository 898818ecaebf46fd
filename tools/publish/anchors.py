"""Stable classroom links: every published page and anchor stays reachable.

`anchors.lock` (committed) lists every published page and every element id on it, one
`page.html` or `page.html#id` per line, sorted; and every file and id of the EPUB, by its path
inside the .epub (`EPUB/praise.xhtml#q-…`), since a reading list may link into the e-book too.
A fresh build must still have each of them:

    python -m tools.publish.anchors            check a fresh build against the lock (exit 1 if one is gone)
    python -m tools.publish.anchors --write    add new anchors to the lock (refuses while one is gone)

Material's own widget ids (`__drawer`, `__search`, `__nav_2`, …) start with "__" and are left
out: they belong to the theme, not to the edition. The lock only grows. When something must
move, say where it went in `anchors.yml` rather than deleting it from the lock:

    redirects:                       # old page -> new page: the build writes a redirect page
      old.html: new.html
    aliases:                         # old anchor -> new anchor: an empty <span id="old"> is put
      praise.html#q-old: praise.html#q-new     # at the start of the new target

A locked `old.html#x` is then satisfied by following the redirect (and any alias) to an element
with id `x` on the destination page. Applying both in the build takes two hook calls
(`add_aliases` in on_page_content, `write_redirects` in on_post_build). anchors.yml is read and
checked by the model (tools/model/moves.py: page names only, no `..`, no scheme, targets that
exist); the checker reports what it refuses, and every redirect page is written through
`output_path`, so none can land outside the site. A redirect page runs no inline script: it
carries the site's Content-Security-Policy and forwards with assets/javascripts/redirect.js.

While the edition is still being written and ids change on purpose, start the lock afresh:
`rm anchors.lock && python -m tools.publish.anchors --write`. Once links are handed out, never again.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..model.escape import html_attr
from ..model.findings import Finding, UnusableInput
from ..model.moves import Moves, read_moves
from ..model.moves import read_lock as _read_lock
from .build import PROJECT, BuildFailed, build
from .csp import meta, policy
from .paths import output_path

__all__ = ["Moves"]  # re-exported: the build's and the tests' name for the checked moves

LOCK = PROJECT / "anchors.lock"
REDIRECT_MARK = "edition-redirect"
REDIRECT_SCRIPT = "assets/javascripts/redirect.js"


class MovesRefused(Exception):
    """anchors.yml has entries the checker refuses (each a finding)."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def load_moves(root: Path = PROJECT) -> Moves:
    """The project's checked moves; MovesRefused if any entry of anchors.yml is refused."""
    try:
        moves, findings = read_moves(root)
    except UnusableInput as err:
        raise MovesRefused([err.finding]) from None
    if findings:
        raise MovesRefused(findings)
    return moves


# ----------------------------------------------------------------- reading a build


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.redirect: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if (i := a.get("id")) and not i.startswith("__"):
            self.ids.add(i)
        if tag == "meta" and a.get("name") == REDIRECT_MARK:
            self.redirect = a.get("content")


@dataclass(frozen=True)
class Site:
    ids: dict[str, set[str]]  # page -> its ids
    redirects: dict[str, str]  # redirect page -> its target page


def read_site(site: Path) -> Site:
    ids: dict[str, set[str]] = {}
    redirects: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        if name.startswith("downloads/"):
            continue  # the exported single file (tools/publish/singlefile.py), not a page of the site
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.redirect:
            redirects[name] = parser.redirect
        else:
            ids[name] = parser.ids
    return Site(ids, redirects)


def read_edition(site: Path) -> Site:
    """The built site's pages and the EPUB's files (as `./edition export` makes them from it)."""
    from .epub import FOLDER, epub_files
    from .export import book_metadata

    found = read_site(site)
    for name, text in epub_files(site, book_metadata()).items():
        parser = _Ids()
        parser.feed(text)
        found.ids[f"{FOLDER}/{name}"] = parser.ids
    return found


def anchors_of(site: Site) -> set[str]:
    """The lock lines a build publishes: every page, and page#id for every id on it."""
    out = set(site.ids) | set(site.redirects)
    for page, ids in site.ids.items():
        out |= {f"{page}#{i}" for i in ids}
    return out


def resolves(anchor: str, site: Site) -> bool:
    """Does the anchor still lead somewhere, following redirect pages (at most a few hops)?"""
    page, _, fragment = anchor.partition("#")
    for _ in range(5):
        if page in site.redirects:
            page = site.redirects[page]
            continue
        return page in site.ids and (not fragment or fragment in site.ids[page])
    return False


def missing(locked: Iterable[str], site: Site) -> list[str]:
    return sorted(a for a in locked if not resolves(a, site))


def moves_problems(moves: Moves, site: Site) -> list[str]:
    """Declared moves that the build does not carry out (the hook calls are missing or wrong)."""
    problems = []
    for old, new in sorted(moves.redirects.items()):
        if site.redirects.get(old) != new:
            problems.append(f"redirect {old} -> {new}: no redirect page {old} in the build")
    for old, new in sorted(moves.aliases.items()):
        page, _, old_id = old.partition("#")
        new_page = new.partition("#")[0]
        if page != new_page and moves.redirects.get(page) != new_page:
            problems.append(f"alias {old} -> {new}: moves page too, so also redirect {page} -> {new_page}")
        elif not resolves(new, site) or old_id not in site.ids.get(new_page, set()):
            problems.append(f"alias {old} -> {new}: no id {old_id!r} at the target in the build")
    return problems


# ------------------------------------------------------------------ build-time parts


def _after(extra: str, match: re.Match[str]) -> str:
    return match.group() + extra


def add_aliases(content: str, page: str, moves: Moves) -> str:
    """For each alias whose target is on `page`, put an empty <span id=old> inside the target.

    For on_page_content: `page` is the page's output path (page.file.dest_uri)."""
    for old, new in sorted(moves.aliases.items()):
        new_page, _, new_id = new.partition("#")
        if new_page != page:
            continue
        old_id = old.partition("#")[2]
        start_tag = re.compile(r"<[a-zA-Z][^>]*\sid=\"" + re.escape(new_id) + r"\"[^>]*>")
        span = f'<span id="{html_attr(old_id)}"></span>'
        content, count = start_tag.subn(functools.partial(_after, span), content, 1)
        if not count:
            raise ValueError(f"alias {old} -> {new}: no element with id {new_id!r} on {page}")
    return content


def redirect_page(target: str, script: str = REDIRECT_SCRIPT) -> str:
    """A page that forwards to `target`, keeping the #fragment (a meta refresh would drop it):
    redirect.js (at `script`, relative to the page) reads the target from the page's own meta.
    No inline script, so the page carries the site's policy unchanged."""
    t = html_attr(target)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"{meta(policy())}\n"
        f'<meta name="{REDIRECT_MARK}" content="{t}">\n'
        f'<link rel="canonical" href="{t}">\n'
        f'<meta http-equiv="refresh" content="0; url={t}">\n'
        f'<script src="{html_attr(script)}"></script>\n'
        f'<title>Moved</title></head><body><p>This page has moved: <a href="{t}">{t}</a>.</p></body></html>\n'
    )


def write_redirects(site_dir: Path, moves: Moves) -> None:
    """For on_post_build: one redirect page per `redirects` entry (never over a real page, never
    outside `site_dir`: OutputError)."""
    for old, new in moves.redirects.items():
        path = output_path(site_dir, old)
        if path.exists():
            raise ValueError(f"redirect {old} -> {new}: {old} is still a page of the site")
        here = Path(old).parent.as_posix() or "."
        path.parent.mkdir(parents=True, exist_ok=True)
        page = redirect_page(os.path.relpath(new, here), os.path.relpath(REDIRECT_SCRIPT, here))
        path.write_text(page, encoding="utf-8")


# ----------------------------------------------------------------------- lock file


def read_lock(path: Path = LOCK) -> set[str]:
    return _read_lock(path)


def format_lock(anchors: Iterable[str]) -> str:
    header = "# Published pages and anchors: a fresh build must keep every one. See tools/publish/anchors.py.\n"
    return header + "".join(f"{a}\n" for a in sorted(set(anchors)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.anchors", description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="add the build's new anchors to anchors.lock")
    parser.add_argument("--site", type=Path, help="check this built site instead of building one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        try:
            site = read_edition(args.site or build(Path(tmp) / "site"))
        except BuildFailed as error:
            print(error, file=sys.stderr)
            return 1
    locked = read_lock()
    gone = missing(locked, site)
    try:
        problems = moves_problems(load_moves(), site)
    except MovesRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    for anchor in gone:
        print(f"gone: {anchor}  (add a redirect or alias in anchors.yml)", file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    new = sorted(anchors_of(site) - locked)
    if gone or problems:
        return 1
    if args.write:
        LOCK.write_text(format_lock(locked | set(new)), encoding="utf-8")
        print(f"anchors.lock: {len(new)} anchor(s) added, {len(locked) + len(new)} in all")
    elif new:
        print(f"{len(new)} new anchor(s) not yet locked; run python -m tools.publish.anchors --write")
    return 0


if __name__ == "__main__":
    sys.exit(main())
