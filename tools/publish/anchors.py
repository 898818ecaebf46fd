"""Stable classroom links: every published page and anchor stays reachable.

`anchors.lock` (committed) lists every published page and every element id on it, one
`page.html` or `page.html#id` per line, sorted. A fresh build must still have each of them:

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
(`add_aliases` in on_page_content, `write_redirects` in on_post_build).

While the edition is still being written and ids change on purpose, start the lock afresh:
`rm anchors.lock && python -m tools.publish.anchors --write`. Once links are handed out, never again.
"""

from __future__ import annotations

import argparse
import functools
import html
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .build import PROJECT, BuildFailed, build

LOCK = PROJECT / "anchors.lock"
MOVES = PROJECT / "anchors.yml"
REDIRECT_MARK = "edition-redirect"


@dataclass(frozen=True)
class Moves:
    redirects: dict[str, str] = field(default_factory=dict)  # "old.html" -> "new.html"
    aliases: dict[str, str] = field(default_factory=dict)  # "old.html#id" -> "new.html#id"


def load_moves(path: Path = MOVES) -> Moves:
    if not path.is_file():
        return Moves()
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Moves(dict(data.get("redirects") or {}), dict(data.get("aliases") or {}))


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
            continue  # the exported single file (tools/export.py), not a page of the site
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.redirect:
            redirects[name] = parser.redirect
        else:
            ids[name] = parser.ids
    return Site(ids, redirects)


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
        span = f'<span id="{html.escape(old_id)}"></span>'
        content, count = start_tag.subn(functools.partial(_after, span), content, 1)
        if not count:
            raise ValueError(f"alias {old} -> {new}: no element with id {new_id!r} on {page}")
    return content


def redirect_page(target: str) -> str:
    """A page that forwards to `target`, keeping the #fragment (a meta refresh would drop it)."""
    t = html.escape(target)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta name="{REDIRECT_MARK}" content="{t}">\n'
        f'<link rel="canonical" href="{t}">\n'
        f'<meta http-equiv="refresh" content="0; url={t}">\n'
        f"<script>location.replace({target!r} + location.hash)</script>\n"
        f'<title>Moved</title></head><body><p>This page has moved: <a href="{t}">{t}</a>.</p></body></html>\n'
    )


def write_redirects(site_dir: Path, moves: Moves) -> None:
    """For on_post_build: one redirect page per `redirects` entry (never over a real page)."""
    for old, new in moves.redirects.items():
        path = site_dir / old
        if path.exists():
            raise ValueError(f"redirect {old} -> {new}: {old} is still a page of the site")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect_page(os.path.relpath(new, Path(old).parent.as_posix() or ".")), encoding="utf-8")


# ----------------------------------------------------------------------- lock file


def read_lock(path: Path = LOCK) -> set[str]:
    if not path.is_file():
        return set()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def format_lock(anchors: Iterable[str]) -> str:
    header = "# Published pages and anchors: a fresh build must keep every one. See tools/anchors.py.\n"
    return header + "".join(f"{a}\n" for a in sorted(set(anchors)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.anchors", description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="add the build's new anchors to anchors.lock")
    parser.add_argument("--site", type=Path, help="check this built site instead of building one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        try:
            site = read_site(args.site or build(Path(tmp) / "site"))
        except BuildFailed as error:
            print(error, file=sys.stderr)
            return 1
    locked = read_lock()
    gone = missing(locked, site)
    problems = moves_problems(load_moves(), site)
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
