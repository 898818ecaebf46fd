"""The checker: the editorial input, read before anything is rendered, with a finding for each problem
at its place (`path:line:col: rule message`).

    python -m tools.checker        # exit 0 clean, 1 findings, 2 unusable input

It reads data/sources.yml (tools/model/sourcelist.py), the chapter pages (tools/model/chapter.py), the
original, the editors' pages with their front matter (tools/model/frontmatter.py) and anchors.yml, and
hands on what it established (`Checked`) to the site. The output guard (tools/guard) checks the built
pages again, as the reader gets them; the editors' pages are already rendered here and put through its
content check, so that a page that would be refused says so while it is being written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import re2

from ..guard import language
from ..guard.configs import page_language
from ..guard.problem import Allowed
from ..model.chapter import Chapter, ChapterPage, parse
from ..model.edition import Checked, allowed_quotations
from ..model.findings import Example, Finding, Rule, Severity, UnusableInput, capped
from ..model.frontmatter import front_matter
from ..model.kindpages import APPARATUS, generated_pages
from ..model.loading import Loaded, load
from ..model.moves import Moves, moves_or_finding
from ..model.namespace import EDITORS_ROLE_PAGES, THEME_PAGES
from ..model.quotes import corpus_of
from ..model.readings import passages_read
from ..model.textfile import FILE_MISSING, read_text
from ..model.values import KINDS
from . import chapter, facts, prose, review, sourcelist
from .editorial import EDITORIAL_MARKUP, editorial_page
from .exported import EDITORIAL_ID, for_exports
from .namespace import ID_CITED, built_ids, cited_keys

PROJECT = Path(__file__).resolve().parent.parent.parent
SOURCE_LIST = "data/sources.yml"

PAGE_UNDECLARED = Rule(
    "page-undeclared",
    "every file under docs/ is a chapter page or a declared editors' page: the edition's scripts and stylesheet "
    "are code, in overrides/assets/",
    Example("docs/extra.md", "", "# An extra page { #extra }\n"),
)


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    checked: Checked | None = None
    moves: Moves = field(default_factory=Moves)
    coverage: facts.Coverage | None = None
    unusable: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def exit_code(self) -> int:
        return 2 if self.unusable else (1 if self.errors else 0)


def check(root: Path = PROJECT) -> Result:
    """Every rule. Pure apart from reading files; the findings come sorted, at most fifty a rule and file."""
    result = Result()
    try:
        _run(result, root)
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
    result.findings = capped(sorted(set(result.findings), key=lambda f: (f.path, f.line, f.col, f.rule, f.message)))
    return result


def _run(result: Result, root: Path) -> None:
    found, in_docs = links(root)
    result.findings += found
    if result.findings:  # nothing is read through a link: it could lead anywhere (.git, /proc/self/environ)
        result.unusable = True
        return
    loaded, found = load(root / SOURCE_LIST, SOURCE_LIST)
    result.findings += found
    if loaded is None:
        result.unusable = True
        return
    edition = loaded.sources.edition
    result.findings += sourcelist.check(loaded)
    result.findings += review.check(loaded, root)
    result.findings += review.check_pages(root, loaded.sources)
    coverage_findings, result.coverage = facts.check(loaded)
    result.findings += coverage_findings
    pages: list[ChapterPage] = []
    for name in edition.pages:
        text = _read(result, root / "docs" / name, f"docs/{name}")
        if text is not None:
            page = parse(text, name, f"docs/{name}")
            result.findings += page.findings
            pages.append(page)
    original = _read(result, root / edition.original, edition.original)
    editorial = {
        name: text
        for name in edition.editorial
        if (text := _read(result, root / "docs" / name, f"docs/{name}")) is not None
    }
    bodies = {}  # each editors' page as the engine renders it: without its front matter, on its own lines
    for name, text in editorial.items():
        matter = front_matter(f"docs/{name}", text)
        result.findings += matter.findings
        bodies[name] = "\n" * text.count("\n", 0, len(text) - len(matter.body)) + matter.body
    result.findings += undeclared(root, loaded, in_docs)
    result.findings += reserved(loaded)
    result.findings += prose.editors(loaded)
    result.findings += prose.author(loaded)
    result.findings += prose.printed(loaded)
    result.findings += prose.file_names(loaded)
    result.findings += prose.languages(loaded)
    made = (*edition.pages, *edition.editorial, *generated_pages(loaded.sources))
    result.moves, found = moves_or_finding(root, {n.removesuffix(".md") + ".html" for n in made})
    result.findings += found
    result.findings += cited_keys(loaded, pages)
    if original is None or len(pages) != len(edition.pages):
        return
    the_chapter = Chapter(pages)
    result.findings += chapter.check_original(original, edition.original, chapter.pinned(root))
    result.findings += chapter.fidelity(the_chapter, original)
    result.findings += chapter.ids(the_chapter)
    result.findings += chapter.quotations(the_chapter, loaded)
    result.findings += chapter.names(the_chapter, loaded)
    paragraphs = {p.id: p.text for page in pages for p in page.paragraphs}
    for index, note in enumerate(loaded.sources.notes):
        if note.paragraph not in paragraphs:
            result.findings.append(
                loaded.at(
                    sourcelist.REFERENCE,
                    ("notes", index, "paragraph"),
                    f"no paragraph '{note.paragraph}' in the chapter",
                )
            )
        elif note.term not in paragraphs[note.paragraph]:
            result.findings.append(
                loaded.at(
                    sourcelist.REFERENCE,
                    ("notes", index, "term"),
                    f"paragraph '{note.paragraph}' does not have the words “{note.term}” the note is on",
                )
            )
    shared = allowed_quotations(loaded.sources, the_chapter, titles_as_read=True, sources_words=False)
    result.findings += prose.check(loaded, loaded.texts, shared)
    read = [passage for _, _, entry in loaded.sources.entries() for passage in passages_read(entry)]
    corpus = corpus_of(tuple(read), beside=(shared,))  # an editors' page may quote any source's words
    languages = language.tags(loaded.sources.policy.languages)
    own = page_language(root)  # what the theme reads an editors' page in: a title= must be in it too
    result.findings += prose.stated_languages(loaded, own)
    allowed = Allowed(
        corpus,
        {},
        edition.contact,
        site_url="{site_url}",
        languages=languages | ({own} if own else set()),
        language=own,
    )  # {site_url}: the placeholder editors write
    taken = built_ids(loaded, pages)
    for name, body in bodies.items():
        result.findings += editorial_page(f"docs/{name}", body, allowed)
        result.findings += for_exports(f"docs/{name}", body, taken)
    result.checked = Checked(loaded.sources, the_chapter, editorial)


def _read(result: Result, path: Path, shown: str) -> str | None:
    try:
        text, found = read_text(path, shown)
    except UnusableInput as err:
        result.findings.append(err.finding)
        return None
    result.findings += found
    return text


EDITORIAL = ("docs", "data", "original", "anchors.yml")  # the editorial input: ARCHITECTURE.md


MAX_DEPTH = 8  # folders within a folder of the editorial input (the edition has none): deeper is refused


def walked(root: Path, top: Path) -> tuple[list[Path], list[Finding]]:
    """Everything under `top`, sorted, links not followed; and what could not be walked. A stack, not
    recursion (Path.rglob and os.walk recurse, and a thousand nested folders exhausted Python's stack),
    a depth limit (so that no path grows too long to open), and an unreadable folder is a finding."""
    paths: list[Path] = []
    found: list[Finding] = []
    stack = [(top, 0)] if top.is_dir() and not top.is_symlink() else []
    while stack:
        folder, depth = stack.pop()
        shown = folder.relative_to(root).as_posix()
        if depth > MAX_DEPTH:
            found.append(FILE_MISSING.at(shown, 1, 1, f"is a folder nested more than {MAX_DEPTH} deep: not read"))
            continue
        try:
            with os.scandir(folder) as entries:
                children = [(Path(e.path), e.is_dir(follow_symlinks=False)) for e in entries]
        except OSError as err:
            found.append(FILE_MISSING.at(shown, 1, 1, f"is a folder that cannot be read ({err.strerror})"))
            continue
        paths += (path for path, _ in children)
        stack += ((path, depth + 1) for path, folder_within in children if folder_within)
    return sorted(paths), found


def links(root: Path) -> tuple[list[Finding], list[Path]]:
    """No symbolic link stands in the editorial input, nor is one of its folders: a link could lead the
    checker to read, or the build to publish, anything (.git, an untracked .env, /proc/self/environ).
    Also what docs/ holds, walked once here (undeclared() reads it)."""
    found = []
    in_docs: list[Path] = []
    for name in EDITORIAL:
        top = root / name
        within, unwalked = walked(root, top)
        found += unwalked
        in_docs = within if name == "docs" else in_docs
        for path in [top, *within]:
            if path.is_symlink():
                shown = path.relative_to(root).as_posix()
                found.append(FILE_MISSING.at(shown, 1, 1, "is a symbolic link: an editorial file is a file of its own"))
    return found, in_docs


# The names of the pages the edition makes, whatever the source list holds today: the apparatus, and
# each kind's pages of full entries (sources-primary.md, sources-primary-2.md …).
RESERVED_KIND_PAGE = re2.compile(r"^sources-(" + "|".join(KINDS) + r")(-[0-9]+)?\.md$")


def reserved(loaded: Loaded) -> list[Finding]:
    """No page of the editors or of the chapter takes the name of a page the edition makes, nor a
    chapter page the name of one the site gives an editors' role (the landing page, "Read offline")."""
    edition = loaded.sources.edition
    found = []
    for listed, names in (("pages", edition.pages), ("editorial", edition.editorial)):
        for index, name in enumerate(names):
            if name in APPARATUS or name in THEME_PAGES or RESERVED_KIND_PAGE.match(name):
                why = "a page the edition makes"
            elif listed == "pages" and name in EDITORS_ROLE_PAGES:
                why = "an editors' page of the site (its navigation, mkdocs.yml, gives it that role)"
            else:
                continue
            found.append(
                loaded.at(PAGE_UNDECLARED, ("edition", listed, index), f"'{name}' is the name of {why}: choose another")
            )
    return found


def undeclared(root: Path, loaded: Loaded, in_docs: list[Path]) -> list[Finding]:
    """Every file under docs/ is a declared page. Any other file would be published as it is, and
    nothing of the editorial input may run in or style a page: a script could rewrite the chapter's
    words after the guard has read them, a stylesheet's `content:` add words of its own."""
    edition = loaded.sources.edition
    declared = {*edition.pages, *edition.editorial}
    found = []
    for path in in_docs:  # (walked by links(), which has said what cannot be walked)
        name = path.relative_to(root / "docs").as_posix()
        if not path.is_dir() and not path.is_symlink() and name not in declared:  # a pipe or a device too
            found.append(PAGE_UNDECLARED.at(f"docs/{name}", 1, 1, f"is not a page declared in {SOURCE_LIST}"))
    return found


RULES: tuple[Rule, ...] = (PAGE_UNDECLARED, EDITORIAL_MARKUP, EDITORIAL_ID, ID_CITED)
