"""anchors.yml: where published pages and anchors went, and the phrase links teachers keep.

    redirects:                       # old page -> new page: the build writes a redirect page
      old.html: new.html
    aliases:                         # old anchor -> new anchor: an empty <span id="old"> at the target
      praise.html#q-old: praise.html#q-new
    phrases:                         # a name -> a link to a phrase (a text fragment) on a page
      brass-wall: praise.html#p-defence-attorneys:~:text=brass%20wall

anchors.lock lists every page and anchor ever published; the output guard refuses a build that loses one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import re2

from .findings import Example, Finding, Rule, UnusableInput
from .yamlread import load_yaml, shortened

MOVES = "anchors.yml"
LOCK = "anchors.lock"
PAGE = re2.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.html$")
ANCHOR = re2.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.-]*$")
MAX_ADDRESS = 300  # characters of an address in anchors.yml, a text fragment's words included
PHRASE = re2.compile(r"^([^#]+)#([A-Za-z0-9_:.-]*):~:text=([^&#]+)$")
RANGE_SYNTAX = re2.compile(r"[,-]")  # a text fragment's syntax: its words hold them percent-encoded

ANCHORS = Rule(
    "anchors",
    "a redirect goes from a published page that is gone to a published page; an alias from a published "
    "anchor to an anchor of the same (or redirected) page; a phrase link names a page and a phrase",
    Example("anchors.yml", "redirects: {}", "redirects: {praise.html: javascript:alert(1)}"),
)


@dataclass(frozen=True)
class Moves:
    redirects: dict[str, str] = field(default_factory=dict)  # "old.html" -> "new.html"
    aliases: dict[str, str] = field(default_factory=dict)  # "old.html#id" -> "new.html#id"
    phrases: dict[str, str] = field(default_factory=dict)  # name -> "page.html#p-id:~:text=…"

    def phrase(self, name: str) -> tuple[str, str, str]:
        """(page, paragraph id, phrase) of a phrase link."""
        match = PHRASE.match(self.phrases[name])
        assert match is not None
        return match.group(1), match.group(2), unquote(match.group(3))


def read_lock(path: Path) -> set[str]:
    """The lines of an anchors lock (`page.html` or `page.html#id`), without comments."""
    if not path.is_file():
        return set()
    lines = (line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def read_moves(root: Path, pages: set[str]) -> tuple[Moves, list[Finding]]:
    """anchors.yml, checked against anchors.lock and the site's pages (`praise.html` …).
    UnusableInput if it is not YAML."""
    path = root / MOVES
    if not path.exists():
        return Moves(), []
    document = load_yaml(path, MOVES, may_be_empty=True)  # nothing moved yet
    findings = list(document.findings)
    lock = read_lock(root / LOCK)
    published = {line for line in lock if "#" not in line} | pages
    anchors = {line for line in lock if "#" in line}

    def report(key: tuple[str, ...], message: str) -> None:
        while key and key not in document.positions:
            key = key[:-1]
        findings.append(ANCHORS.at(MOVES, *document.positions.get(key, (1, 1)), message))

    data = document.data if isinstance(document.data, dict) else {}
    if document.data is not None and not isinstance(document.data, dict):
        report((), "must be a mapping with redirects, aliases and phrases")
    sections: dict[str, dict[str, str]] = {}
    for name, value in data.items():
        if name not in ("redirects", "aliases", "phrases"):
            report((name,), f"unknown section '{name}': the sections are redirects, aliases and phrases")
        elif value is not None and not (
            isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        ):
            report((name,), f"'{name}' maps text to text")
        else:  # an address is short: a long one would fill every finding that names it
            sections[name] = {}
            for old, new in (value or {}).items():
                if len(old) <= MAX_ADDRESS >= len(new):
                    sections[name][old] = new
                else:
                    report((name, old), f"{shortened(old)} -> {shortened(new)}: longer than {MAX_ADDRESS} characters")
    moves = Moves(sections.get("redirects", {}), sections.get("aliases", {}), sections.get("phrases", {}))
    for old, new in moves.redirects.items():
        if not PAGE.match(old) or not PAGE.match(new) or ".." in f"{old}/{new}".split("/"):
            report(("redirects", old), f"{old} -> {new}: a page is a name such as chapter.html, inside the site")
        elif old in pages:
            report(("redirects", old), f"{old} -> {new}: {old} is still a page of the site")
        elif old not in lock:  # a redirect keeps a published address working; it makes up none
            report(("redirects", old), f"{old} -> {new}: {old} was never published (it is not in {LOCK})")
        elif new not in published or new in moves.redirects:
            report(("redirects", old), f"{old} -> {new}: {new} is not a published page")
    for old, new in moves.aliases.items():
        (old_page, _, old_id), (new_page, _, new_id) = old.partition("#"), new.partition("#")
        if not all(PAGE.match(p) for p in (old_page, new_page)) or not all(ANCHOR.match(i) for i in (old_id, new_id)):
            report(("aliases", old), f"{old} -> {new}: an anchor is page.html#id")
        elif new in moves.aliases or new_id.startswith("__"):  # its span is made beside a real element
            report(
                ("aliases", old),
                f"{old} -> {new}: an alias leads to an element of the page, not another alias or the theme's own",
            )
        elif old not in anchors:  # an alias keeps a shared link working; a new name could say anything
            report(("aliases", old), f"{old} -> {new}: {old} was never published (it is not in {LOCK})")
        elif old_page != new_page and moves.redirects.get(old_page) != new_page:
            report(("aliases", old), f"{old} -> {new}: moves the page too, so also redirect {old_page} -> {new_page}")
        elif new not in anchors and new_page not in pages:
            report(("aliases", old), f"{old} -> {new}: {new} is not an anchor of the site")
    for name, target in moves.phrases.items():
        match = PHRASE.match(target)
        if match is None or not PAGE.match(match.group(1)) or match.group(1) not in pages:
            report(("phrases", name), f"{target}: a phrase link is page.html#p-id:~:text=words, on a page of the site")
        elif RANGE_SYNTAX.search(match.group(3)):
            # a browser reads `a,b` as a range and a dash by a comma or an end as a prefix or suffix
            report(("phrases", name), f"{target}: write a comma as %2C and a dash as %2D in a phrase's words")
    return moves, findings


def lost(locked: set[str], present: set[str], moves: Moves) -> list[str]:
    """The locked pages and anchors a site no longer has, nor says where they went."""
    gone = []
    for anchor in sorted(locked):
        page = anchor.partition("#")[0]
        if page.startswith("EPUB/"):
            continue  # inside the e-book: not an address anyone can link to
        # (an alias counts only if its <span> was made: the site's ids say so, not anchors.yml)
        if anchor in present or page in moves.redirects:
            continue
        gone.append(anchor)
    return gone


def moves_or_finding(root: Path, pages: set[str]) -> tuple[Moves, list[Finding]]:
    try:
        return read_moves(root, pages)
    except UnusableInput as err:
        return Moves(), [err.finding]
