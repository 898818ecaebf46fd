"""The output guard over a whole built folder: every file is one the edition makes, every page passes
tools/guard/page.py, every stylesheet loads only from the site, every link inside the site arrives,
and each finding points at the input it came from (`docs/index.md:12:5: guard-quote site/index.html: …`)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import tinycss2

from ..model.edition import Checked
from ..model.findings import MAX_PER_RULE, Example, Finding, Rule
from ..model.html import local, parse, text_of
from ..model.kindpages import generated_pages
from ..model.moves import LOCK, Moves, lost, read_lock
from ..model.quotes import core
from ..model.textfile import CSV_FORMULA_START, LineIndex
from ..model.urls import scheme_of, site_path
from . import allow
from .language import tags
from .page import GUARD_LINK, GUARD_MARKUP, GUARD_URL, check_document, resource_problem
from .problem import Allowed, Problem
from .words import quotations_in

GUARD_FILE = Rule(
    "guard-file",
    "a built folder holds only the files the edition makes: its pages, the theme's and the edition's assets, "
    "the search index and the downloads",
    Example("docs/evil.html", "", "<p>A page that is not the edition's</p>"),
)
PHRASE_LINK = Rule(
    "phrase-link",
    "a phrase link kept in anchors.yml names words that occur exactly once on its page",
    Example(
        "anchors.yml",
        "redirects: {}",
        "redirects: {}\nphrases: {hope: praise.html#p-bukharin-rosenholz:~:text=hope%20of%20humanity}",
    ),
)
DATA_FILES = (
    "quotations.csv",
    "quotations.json",
    "edition.ris",
    "edition.bib",
    "edition.csl.json",
    "sitemap.xml",
    "sitemap.xml.gz",
)


@dataclass(frozen=True)
class Built:
    """What the guard needs to know about a build."""

    folder: Path  # the built site
    shown: str  # how findings name it ("site", "dist/.offline-site")
    project: Path
    theme_assets: Path  # the theme's own assets folder (Material's templates/assets)
    url: str = "/"  # the published address (the 404 page links from its path)
    redirects: tuple[str, ...] = ()
    extra_files: tuple[str, ...] = ()  # files the build adds on purpose (downloads …)
    published: bool = False  # the site that is published: it keeps every address anchors.lock holds


def page_kind(name: str, checked: Checked) -> str:
    source = name.removesuffix(".html") + ".md"
    if source in checked.sources.edition.pages:
        return "chapter"
    if source in checked.sources.edition.editorial:
        return "editorial"
    return "generated" if source in generated_pages(checked.sources) else "theme"


def source_of(name: str, kind: str, checked: Checked) -> str:
    if kind in ("chapter", "editorial"):
        return "docs/" + name.removesuffix(".html") + ".md"
    return "data/sources.yml" if kind == "generated" else "mkdocs.yml"


def expected(built: Built, name: str, checked: Checked) -> bool:
    """Is `name` a file the edition makes? Its pages, the theme's 404 page, data files, the search
    index, the downloads, redirect pages, and the theme's and the edition's own assets."""
    pages = {
        p.removesuffix(".md") + ".html"
        for p in (*checked.sources.edition.pages, *checked.sources.edition.editorial, *generated_pages(checked.sources))
    }
    if name in pages or name == "404.html" or name in DATA_FILES or name.startswith(("search/", "downloads/", "cite/")):
        return True
    if name in built.redirects or name in built.extra_files:
        return True
    if name.startswith("assets/"):
        return (built.theme_assets / name.removeprefix("assets/")).is_file() or allow.EDITION_ASSET.match(
            name
        ) is not None
    return False


def check_site(
    built: Built,
    checked: Checked,
    moves: Moves,
    contact: str | None = None,
    on_page: Callable[[str, ET.Element], None] | None = None,
) -> list[Finding]:
    """Every file of the folder; `on_page` sees each page's tree (parsed once, for the guard and for it)."""
    titles = frozenset(core(s.cited_title) for s in checked.sections)
    allowed = Allowed(
        checked.corpus,
        {p.paragraph.id: p.paragraph.text for p in checked.placed},
        contact,
        titles,
        built.url,
        tags(checked.sources.policy.languages),
    )
    findings: list[Finding] = []
    files = sorted(
        p.relative_to(built.folder).as_posix() for p in built.folder.rglob("*") if p.is_file() or p.is_symlink()
    )
    ids: dict[str, dict[str, str]] = {}  # each page's ids, with the element each names
    inside: dict[str, dict[str, str]] = {}  # each page's spans by id, with the id of the element they are in
    links: list[tuple[str, str]] = []
    texts: dict[str, str] = {}
    for name in files:
        path = built.folder / name
        if path.is_symlink() or not expected(built, name, checked):
            findings.append(
                GUARD_FILE.at(f"{built.shown}/{name}", 1, 1, "is not a file the edition makes: remove it from docs/")
            )
            continue
        if name in DATA_TEXTS:
            findings += locate(list(data_quotations(path, allowed)), "data/sources.yml", built, name)
        if name.endswith(".css"):  # the theme's or the edition's own (code), held as a page's resources are
            source = f"overrides/{name}" if (built.project / "overrides" / name).is_file() else f"{built.shown}/{name}"
            findings += locate(
                list(stylesheet_problems(path.read_text(encoding="utf-8", errors="replace"), name)), source, built, name
            )
        if not name.endswith(".html") or name in built.redirects:
            continue
        root = parse(path.read_text(encoding="utf-8", errors="replace"))
        kind = page_kind(name, checked)
        source = source_of(name, kind, checked)
        problems = list(check_document(root, name, kind, allowed, urlsplit(built.url).path or "/"))
        if on_page is not None:
            on_page(name, root)
        findings += locate(problems, source, built, name)
        ids[name] = {e.get("id", ""): local(e.tag) for e in root.iter() if e.get("id")}
        inside[name] = {
            c.get("id", ""): e.get("id", "") for e in root.iter() for c in e if local(c.tag) == "span" and c.get("id")
        }
        links += [(name, e.get("href", "")) for e in root.iter() if local(e.tag) == "a" and e.get("href")]
        body = next((e for e in root.iter() if local(e.tag) == "body"), None)
        texts[name] = text_of(body) if body is not None else ""  # what a browser's text fragment searches
    findings += broken_links(links, ids, files, built, checked)
    findings += aliases(moves, ids, built, inside)
    findings += kept(moves, ids, built)
    findings += phrase_links(moves, texts, built, ids)
    return findings


# What loads an address in a stylesheet: url(), and the functions and rules that take one as a string.
CSS_LOADING = frozenset({"url", "src", "image-set", "-webkit-image-set", "import"})


def stylesheet_problems(css: str, name: str) -> Iterator[Problem]:
    """Every address a stylesheet loads, as the browser reads it (escapes decoded: `htt\\70s:`), comes
    from the site itself, as a page's resources do: not left to the privacy plugin and the policy."""
    stack = list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    while stack:
        node = stack.pop()
        inner = [c for part in ("prelude", "content", "arguments") for c in getattr(node, part, None) or ()]
        stack += inner
        addresses = [node.value] if node.type == "url" else []
        if getattr(node, "lower_name", getattr(node, "lower_at_keyword", None)) in CSS_LOADING:
            addresses += [c.value for c in inner if c.type == "string"]
        for address in addresses:
            if (problem := resource_problem(address, name)) is not None:
                yield Problem(GUARD_URL, f"{address[:80]!r} in a stylesheet {problem}", address)


DATA_TEXTS = ("quotations.csv", "quotations.json")
# The elements an alias may land on: those that hold words, where its empty <span> may stand first.
ALIAS_TARGETS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd blockquote div section aside span a td th".split()
)  # the downloads whose texts a reader reads as such


def data_quotations(path: Path, allowed: Allowed) -> Iterator[Problem]:
    """Every quotation in a data download, cell by cell or string by string, as on a page."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".csv":
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        # (the apostrophe before a formula is the CSV's own, which a spreadsheet shows as nothing)
        values: list[object] = [c[1:] if c[:1] == "'" and c[1:].startswith(CSV_FORMULA_START) else c for c in cells]
    else:
        try:
            values = [json.loads(text)]
        except ValueError:
            yield Problem(GUARD_MARKUP, "is not JSON", "")
            return
    while values:
        value = values.pop()
        if isinstance(value, dict):
            values += value.values()
        elif isinstance(value, list):
            values += value
        elif isinstance(value, str):
            yield from quotations_in(value, allowed.corpus)


def aliases(
    moves: Moves, ids: dict[str, dict[str, str]], built: Built, inside: dict[str, dict[str, str]] | None = None
) -> list[Finding]:
    """Every alias of anchors.yml lands on an element that the page it names has, its span inside it."""
    found = []
    for old, new in moves.aliases.items():
        page, _, ident = new.partition("#")
        if page in ids and ident not in ids[page]:
            problem = Problem(GUARD_LINK, f"the alias {old} -> {new} leads to no element with the id '{ident}'", old)
            found.append((page, problem))
        elif page in ids and ids[page][ident] not in ALIAS_TARGETS:
            where = f"<{ids[page][ident]}>, which may not hold the alias's <span>"
            found.append((page, Problem(GUARD_LINK, f"the alias {old} -> {new} leads to a {where}", old)))
        elif inside is not None and page in inside and inside[page].get(old.partition("#")[2]) != ident:
            message = f"the alias {old} -> {new} stands outside the element it names (words that spell its id?)"
            found.append((page, Problem(GUARD_LINK, message, old)))
    return located(found, "anchors.yml", built)


def kept(moves: Moves, ids: dict[str, dict[str, str]], built: Built) -> list[Finding]:
    """The published site keeps every page and anchor ever published, or anchors.yml says where it
    went: a link a teacher shared never breaks (tools/publish/anchors.py adds the new ones)."""
    if not built.published:
        return []
    present = set(ids) | {f"{page}#{i}" for page, found in ids.items() for i in found if not i.startswith("__")}
    gone = lost(read_lock(built.project / LOCK), present, moves)
    found = []
    for anchor in gone:
        problem = Problem(GUARD_LINK, f"{anchor} was published and is gone: say where it went in anchors.yml", "")
        found.append((anchor.partition("#")[0], problem))
    return located(found, "anchors.yml", built)


def broken_links(
    links: Iterable[tuple[str, str]], ids: dict[str, dict[str, str]], files: list[str], built: Built, checked: Checked
) -> list[Finding]:
    found: dict[str, list[tuple[str, Problem]]] = {}  # by the input each page is made from
    present = set(files) | set(built.extra_files)
    # An address within the published site ({site_url}praise.html#p-x, as editors may write it) is a
    # link of the site, held as a relative one: there, the published site is the folder checked.
    own = built.url if built.published and scheme_of(built.url) is not None else None
    for page, href in links:
        within = own is not None and href.startswith(own)
        if (scheme_of(href) is not None or href.startswith("//")) and not within:
            continue
        parts = urlsplit(href)
        if within:
            target: str | None = unquote(urlsplit(href[len(built.url) :]).path)
        elif href.startswith("/"):  # the theme's 404 page links from the site's root, wherever it is served
            root = urlsplit(built.url).path if built.url else "/"
            target = href[len(root) :] if href.startswith(root) else None
            target = unquote(urlsplit(target).path) if target is not None else None
        else:
            target = site_path(href, page) if parts.path else page
        if target is not None and (target == "" or target.endswith("/")):
            target += "index.html"  # the file a folder's address serves, whose ids the fragment names
        fragment = unquote(parts.fragment).split(":~:", 1)[0]
        problem = None
        if target is None or target not in present:
            problem = f"{href} leads to no file of the site"
        elif fragment and target in ids and fragment not in ids[target]:
            problem = f"{href} leads to no element with the id '{fragment}'"
        if problem:
            source = source_of(page, page_kind(page, checked), checked)
            found.setdefault(source, []).append((page, Problem(GUARD_LINK, problem, href)))
    return [finding for source, problems in found.items() for finding in located(problems, source, built)]


def phrase_links(
    moves: Moves, texts: dict[str, str], built: Built, ids: dict[str, dict[str, str]] | None = None
) -> list[Finding]:
    """Each phrase link's words occur once on its page, as a browser finds a text fragment (in the
    whole page, whatever the case), and its paragraph, where a browser without fragments lands, exists."""
    found = []
    words = {page: " ".join(text.split()).casefold() for page, text in texts.items()}  # each page's, once
    for name in moves.phrases:
        page, ident, phrase = moves.phrase(name)
        count = words.get(page, "").count(" ".join(phrase.split()).casefold())
        if count != 1:
            message = f"phrase link '{name}': “{phrase}” occurs {count} times on {page}, not once"
            found.append((page, Problem(PHRASE_LINK, message, f"{name}:")))
        elif ids is not None and page in ids and ident not in ids[page]:
            message = f"phrase link '{name}': {page} has no paragraph '{ident}' to land on"
            found.append((page, Problem(PHRASE_LINK, message, f"{name}:")))
    return located(found, "anchors.yml", built)


def located(problems: list[tuple[str, Problem]], source: str, built: Built) -> list[Finding]:
    """Problems of one input, each with the page it is on, as findings: the first MAX_PER_RULE of a
    rule at their places, the rest counted in one line. Twenty thousand broken links or phrase links
    are not each looked for in the input, which would take time in proportion to the square of it."""
    by_rule: dict[str, list[tuple[str, Problem]]] = {}
    for page, problem in problems:
        by_rule.setdefault(problem.rule.id, []).append((page, problem))
    found = []
    for listed in by_rule.values():
        found += [f for page, problem in listed[:MAX_PER_RULE] for f in locate([problem], source, built, page)]
        if len(listed) > MAX_PER_RULE:
            more = f"… and {len(listed) - MAX_PER_RULE} more like this in this file"
            found.append(listed[0][1].rule.at(source, 1, 1, f"{built.shown}: {more}"))
    return found


def locate(problems: list[Problem], source: str, built: Built, page: str) -> list[Finding]:
    """Each problem as a finding at the first place its words stand in the input (else line 1)."""
    if not problems:
        return []
    path = built.project / source
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    lines = LineIndex(text)
    found = []
    for problem in problems:
        offset = problem.offset_in(text)
        line, col = lines.line_col(offset) if offset >= 0 else (1, 1)
        found.append(problem.rule.at(source, line, col, f"{built.shown}/{page}: {problem.message}"))
    return found
