"""anchors.yml: where published pages and anchors went, read strictly and validated.

    redirects:                       # old page -> new page: the build writes a redirect page
      old.html: new.html
    aliases:                         # old anchor -> new anchor: an empty <span id="old"> at the target
      praise.html#q-old: praise.html#q-new

The file goes through the strict YAML reader (positions, no duplicate keys, no aliases or tags),
and every entry is checked before anything is written, with a finding at its line:

- anchors-page: a page is a plain page name, `name.html` or `folder/name.html` (letters, digits,
  `- _ .`), never a scheme (`javascript:`), a leading `/`, a backslash or a `..` that climbs out;
- anchors-redirect: a redirect's old page is no longer a page of the site, and its new page is a
  published page (in anchors.lock or a page in docs/) that is not itself redirected;
- anchors-alias: an alias is `page.html#id` on both sides, its old page is the new page or
  redirects to it, and its new anchor exists (in anchors.lock, or an id written in the page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .findings import Finding, UnusableInput
from .ids import ID
from .records import PathKey
from .textfile import MAX_BYTES
from .yamlread import load_yaml

SECTIONS = ("redirects", "aliases")
PAGE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.html$")
ANCHOR_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.-]*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
MOVES = "anchors.yml"
LOCK = "anchors.lock"
# An id written in a page's Markdown, `{ #q-id }` or `{: #p-id }`: an alias may point at it
# before a build has put it into the lock.
# Bounded, like every pattern of pages.py: a page of 500 kB of `{` is read in linear time.
WRITTEN_ID = re.compile(r"\{:?[^{}\n]{0,200}?#(" + ID + r")")


@dataclass(frozen=True)
class Moves:
    redirects: dict[str, str] = field(default_factory=dict)  # "old.html" -> "new.html"
    aliases: dict[str, str] = field(default_factory=dict)  # "old.html#id" -> "new.html#id"


@dataclass(frozen=True)
class Published:
    """What the site publishes, as far as the checker can know before a build."""

    pages: frozenset[str]  # page names, `praise.html`
    anchors: frozenset[str]  # `praise.html#q-id`
    sources: frozenset[str]  # the pages made from a file in docs/ (a redirect may not replace one)


def page_problem(name: str) -> str | None:
    """Why `name` is not a page name the site could have, or None."""
    if SCHEME.match(name):
        return f"names the scheme '{name.split(':', 1)[0]}:'; a page is a name such as chapter.html"
    if "\\" in name:
        return "contains a backslash; a page is a name such as chapter.html"
    if name.startswith("/"):
        return "starts with '/'; write the page relative to the site, such as chapter.html"
    if ".." in name.split("/"):
        return "climbs out of the site with '..'"
    if not PAGE.match(name):
        return "is not a page name: letters, digits, - _ . and / only, ending in .html"
    return None


def published(lock_lines: set[str], docs_pages: set[str]) -> Published:
    """The site's pages and anchors: the anchors lock, and the pages written in docs/."""
    pages = {line for line in lock_lines if "#" not in line} | docs_pages
    return Published(frozenset(pages), frozenset(a for a in lock_lines if "#" in a), frozenset(docs_pages))


def read_lock(path: Path) -> set[str]:
    """The lines of an anchors lock (`page.html` or `page.html#id`), without comments."""
    if not path.is_file():
        return set()
    lines = (line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def read_moves(root: Path, docs: str = "docs") -> tuple[Moves, list[Finding]]:
    """The project's anchors.yml, checked against its anchors lock and the pages in docs/.

    Raises UnusableInput if anchors.yml is not YAML."""
    if not (root / MOVES).exists():
        return Moves(), []
    page_ids: dict[str, set[str]] = {}
    folder = root / docs
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:  # bounded: a chapter page is read (and refused) by read_text
                text = handle.read(MAX_BYTES).decode("utf-8", errors="replace")
            page_ids[path.relative_to(folder).with_suffix(".html").as_posix()] = set(WRITTEN_ID.findall(text))
    site = published(read_lock(root / LOCK), set(page_ids))
    return load_moves(root / MOVES, MOVES, site, page_ids)


def load_moves(path: Path, shown: str, site: Published, page_ids: dict[str, set[str]]) -> tuple[Moves, list[Finding]]:
    """The moves in `path` (none if the file does not exist) and a finding for each bad entry.

    `page_ids` maps a page made from docs/ to the ids written in its Markdown, so an alias may
    point at an anchor that no build has locked yet. Raises UnusableInput if it is not YAML."""
    if not path.exists():
        return Moves(), []
    try:
        read = load_yaml(path, shown)
        data, positions, findings = read.data, read.positions, read.findings
    except UnusableInput as err:
        if err.finding.rule == "yaml-empty":
            return Moves(), []
        raise

    def report(key: PathKey, rule: str, message: str) -> None:
        while key and key not in positions:
            key = key[:-1]
        line, col = positions.get(key, (1, 1))
        findings.append(Finding(shown, line, col, rule, message))

    if data is None:
        return Moves(), findings
    if not isinstance(data, dict):
        report((), "yaml-type", "must be a mapping with 'redirects' and 'aliases'")
        return Moves(), findings
    for name in data:
        if name not in SECTIONS:
            report((name,), "yaml-unknown-key", f"unknown section '{name}'; the sections are redirects and aliases")
    redirects = _pairs(data, "redirects", report)
    aliases = _pairs(data, "aliases", report)
    good_redirects = {old: new for old, new in redirects.items() if _redirect_ok(old, new, redirects, site, report)}
    good_aliases = {
        old: new for old, new in aliases.items() if _alias_ok(old, new, good_redirects, site, page_ids, report)
    }
    return Moves(good_redirects, good_aliases), findings


def _pairs(data: dict[str, Any], section: str, report: Any) -> dict[str, str]:
    raw = data.get(section)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        report((section,), "yaml-type", f"'{section}' must be a mapping of old -> new")
        return {}
    pairs = {}
    for old, new in raw.items():
        if isinstance(old, str) and isinstance(new, str):
            pairs[old] = new
        else:
            report((section, old), "yaml-type", f"{section}: '{old}' -> '{new}' must map text to text")
    return pairs


def _redirect_ok(old: str, new: str, redirects: dict[str, str], site: Published, report: Any) -> bool:
    key = ("redirects", old)
    for side, name in (("old page", old), ("new page", new)):
        problem = page_problem(name)
        if problem:
            report(key, "anchors-page", f"redirect {old!r} -> {new!r}: the {side} {problem}")
            return False
    if old in site.sources:
        report(key, "anchors-redirect", f"redirect {old} -> {new}: {old} is still a page of the site")
        return False
    if new in redirects:
        report(key, "anchors-redirect", f"redirect {old} -> {new}: {new} is itself redirected; point at the final page")
        return False
    if new not in site.pages:
        report(
            key,
            "anchors-redirect",
            f"redirect {old} -> {new}: {new} is not a published page (neither in anchors.lock nor in docs/)",
        )
        return False
    return True


def _alias_ok(
    old: str, new: str, redirects: dict[str, str], site: Published, page_ids: dict[str, set[str]], report: Any
) -> bool:
    key = ("aliases", old)
    for side, anchor in (("old anchor", old), ("new anchor", new)):
        page, hash_, ident = anchor.partition("#")
        problem = page_problem(page) or (None if hash_ and ANCHOR_ID.match(ident) else "needs '#id' after the page")
        if problem:
            report(key, "anchors-alias", f"alias {old!r} -> {new!r}: the {side} {problem}")
            return False
    old_page, new_page = old.partition("#")[0], new.partition("#")[0]
    if old_page != new_page and redirects.get(old_page) != new_page:
        report(key, "anchors-alias", f"alias {old} -> {new}: moves page too, so also redirect {old_page} -> {new_page}")
        return False
    new_id = new.partition("#")[2]
    if new not in site.anchors and new_id not in page_ids.get(new_page, set()):
        report(key, "anchors-alias", f"alias {old} -> {new}: {new} is not an anchor of the site")
        return False
    return True
