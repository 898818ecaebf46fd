"""The offline build's pages as every export reads them, and what the exports do to them alike.

The pages are the offline build's articles, parsed once by the one HTML parser (tools/model/html.py)
when the output guard read them (tools/publish/engine.py keeps those trees), else read from the
folder here. Each export works on its own copy of the trees:

- `read_pages()`: the pages in the order of the site's navigation (each page's `<link rel=next>`),
  with their titles and guard kinds;
- `for_medium()`: the editors' words meant for another medium go (a `medium-screen` or
  `medium-paper` span; docs/index.md), and the site's controls (section ¶ links, quotation ¶
  links, buttons) with them;
- `Relinker`: links between pages become links inside the export (an in-file anchor, another
  XHTML file of the EPUB), ids made unique where pages share one; every other file of the site
  is linked at its published address;
- `take_notes()`, `take_cards()`: the chapter's footnotes and the name cards, taken out for the
  export to place them as its medium allows;
- `in_the_books()`: the pages a book holds (all but "Read offline", known by its role).

What the exports hold is checked in tools/publish/exportcheck.py.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..guard.allow import CONTROLS
from ..guard.language import tags
from ..guard.problem import Allowed
from ..guard.site import page_kind
from ..model.edition import Checked
from ..model.html import classes, local, parents, parse, text_of
from ..model.quotes import core
from ..model.urls import scheme_of, site_path


class ExportFailed(Exception):
    """An export could not be made faithfully: one line saying why, and the finding lines of what it
    refused of the pages, if that is why (tools/publish/exportcheck.py `located`)."""

    def __init__(self, message: str, findings: tuple[str, ...] = ()) -> None:
        super().__init__(message, findings)  # both in args: it is pickled from the exports' process
        self.findings = findings

    def __str__(self) -> str:
        return str(self.args[0])


FIRST_PAGE = "index.html"
# The site's controls, meaningless in a file, a book or on paper.
MEDIA = ("screen", "paper")
# Attributes that name an id on the same page.
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "popovertarget")


@dataclass
class Page:
    name: str  # "praise.html"
    title: str  # as the navigation names it: "Praise in the courtroom"
    kind: str  # the guard's kind: "chapter", "editorial", "generated"
    body: ET.Element  # the article, its element renamed <section class="page" id="page-praise">

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".html")


def page_anchor(name: str) -> str:
    """The id of a page's section in a one-document export: praise.html -> page-praise."""
    return "page-" + name.removesuffix(".html").replace("/", "-")


def article_of(root: ET.Element) -> ET.Element | None:
    return next((e for e in root.iter() if local(e.tag) == "article" and "md-content__inner" in classes(e)), None)


def read_pages(
    site: Path, checked: Checked, trees: Mapping[str, ET.Element] | None = None, site_name: str = ""
) -> list[Page]:
    """The built pages in navigation order, each a fresh copy (exports change their trees)."""
    pages: list[Page] = []
    seen: set[str] = set()
    name: str | None = FIRST_PAGE
    while name is not None:
        if name in seen:
            raise ExportFailed(f"the pages' rel=next links go in a circle at {name}")
        seen.add(name)
        tree = trees.get(name) if trees is not None else None
        if tree is None:
            path = site / name
            if not path.is_file():
                raise ExportFailed(f"{name} is not in the offline build ({site})")
            tree = parse(path.read_text(encoding="utf-8"))
        article = article_of(tree)
        if article is None:
            raise ExportFailed(f"{name}: the offline build's page has no article")
        body = copy.deepcopy(article)
        body.text = "\n"
        body.tag = "section"
        body.attrib.clear()
        body.attrib.update({"class": "page", "id": page_anchor(name)})
        title = page_title(tree, site_name)
        pages.append(Page(name, title if name != FIRST_PAGE else "About this edition", page_kind(name, checked), body))
        following = next(
            (e.get("href") for e in tree.iter() if local(e.tag) == "link" and e.get("rel") == "next"), None
        )
        name = site_path(following, name) if following else None
    return pages


def in_the_books(pages: list[Page], checked: Checked) -> list[Page]:
    """The pages a book (the EPUB, the PDF) holds: all but the editors' page that offers the offline
    files ("Read offline"), which is about the books themselves. It is known by that role, not by its
    name: a chapter page is never left out, whatever it is called."""
    return [p for p in pages if not (p.kind == "editorial" and p.name in checked.offers_downloads)]


def page_title(tree: ET.Element, site_name: str) -> str:
    title = next((text_of(e) for e in tree.iter() if local(e.tag) == "title"), "")
    title = " ".join(title.split())
    return title.removesuffix(f" - {site_name}") if site_name else title


# --- changing trees ---------------------------------------------------------------------------


# What becomes of a child in `splice`: None keeps it, "drop" takes it out (the text after it stays),
# "unwrap" puts its content in its place, a list of elements stands in its place (tails as set).
Change = Callable[[ET.Element], "str | list[ET.Element] | None"]


def splice(root: ET.Element, change: Change) -> None:
    """Every element's children rebuilt in one pass, as `change` says: linear in the tree's size,
    however many children change (no list.index or remove per child)."""
    for parent in list(root.iter()):
        if len(parent):
            _splice_children(parent, change)


def _splice_children(parent: ET.Element, change: Change) -> None:
    kept: list[ET.Element] = []

    def text(words: str | None) -> None:
        if not words:
            return
        if kept:
            kept[-1].tail = (kept[-1].tail or "") + words
        else:
            parent.text = (parent.text or "") + words

    changed = False
    for child in list(parent):
        what = change(child)
        if what is None:
            kept.append(child)
            continue
        changed = True
        if what == "drop":
            text(child.tail)
        elif what == "unwrap":
            text(child.text)
            kept.extend(child)
            text(child.tail)
        elif isinstance(what, list):
            kept.extend(what)
    if changed:
        parent[:] = kept


def remove(element: ET.Element, parent: ET.Element) -> None:
    """Take one element out, keeping the text that follows it."""
    _splice_children(parent, lambda child: "drop" if child is element else None)


def element(tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A new element; attribute names with `_` for `-` (class_ -> class, aria_label -> aria-label)."""
    made = ET.Element(tag, {name.rstrip("_").replace("_", "-"): value for name, value in attributes.items()})
    made.text = text
    return made


def for_medium(root: ET.Element, medium: str) -> None:
    """Keep the words meant for `medium` ("screen" or "paper"), drop those for the other, and the
    site's controls; a paragraph left empty goes too."""
    gone = CONTROLS | {f"medium-{m}" for m in MEDIA if m != medium}
    splice(root, lambda node: "drop" if classes(node) & gone else None)
    splice(root, lambda node: "drop" if empty_paragraph(node) else None)


def empty_paragraph(node: ET.Element) -> bool:
    return local(node.tag) == "p" and not len(node) and not (node.text or "").strip() and "id" not in node.attrib


def mark_editor_headings(root: ET.Element) -> None:
    """The site marks the editors' headings with CSS; a reading system or a printer may not show
    CSS, so in the exports the mark is words."""
    for heading in [e for e in root.iter() if "editor-heading" in classes(e)]:
        mark = ET.SubElement(heading, "span", {"class": "editor-mark"})
        mark.text = " (editor’s heading)"


# --- links and ids -------------------------------------------------------------------------------

# How a link to a page of the export is written: (page, fragment or "") -> href.
Linker = Callable[[str, str], str]


class Relinker:
    """Links between the pages of an export, with ids made unique across pages for the exports that
    are one document (an id two pages share becomes `page-id` on both, links with it)."""

    def __init__(self, pages: list[Page], site_url: str, one_document: bool, link: Linker | None = None) -> None:
        self.names = frozenset(p.name for p in pages)
        self.site_url = site_url
        self.renamed: dict[tuple[str, str], str] = {}
        if one_document:
            counts = Counter(i for p in pages for i in {e.get("id") for e in p.body.iter()} if i)
            # A chapter paragraph keeps its id (the first that has one): it is known by it, by the
            # guard and by every link to it; another page's element of that id gives way.
            keeps: dict[str, str] = {}
            for page in pages:
                for node in page.body.iter() if page.kind == "chapter" else ():
                    if (ident := node.get("id")) and counts[ident] > 1 and "chapter-paragraph" in classes(node):
                        keeps.setdefault(ident, page.name)
            for page in pages:
                for node in page.body.iter():
                    ident = node.get("id")
                    if ident and counts[ident] > 1 and node is not page.body and keeps.get(ident) != page.name:
                        self.renamed[(page.name, ident)] = f"{page.stem}-{ident}"
        self.link = link or self.in_document

    def in_document(self, page: str, fragment: str) -> str:
        return "#" + (self.renamed.get((page, fragment), fragment) if fragment else page_anchor(page))

    def published(self, target: str, fragment: str) -> str:
        return self.site_url + target + (f"#{fragment}" if fragment else "")

    def relink(self, page: Page) -> None:
        for node in page.body.iter():
            ident = node.get("id")
            if ident and (page.name, ident) in self.renamed:
                node.set("id", self.renamed[(page.name, ident)])
            for attribute in ID_REFERENCES:
                value = node.get(attribute)
                if value:
                    node.set(attribute, " ".join(self.renamed.get((page.name, v), v) for v in value.split()))
            href = node.get("href")
            if href is None or local(node.tag) != "a":
                continue
            if scheme_of(href) is not None or href.startswith("//"):
                continue  # https:, mailto: … a link out, never a request
            fragment = unquote(urlsplit(href).fragment)
            target = site_path(href, page.name)
            if target is None:
                raise ExportFailed(f"{page.name}: the link {href[:80]!r} leaves the site")
            if target == page.name and fragment:
                node.set("href", "#" + self.renamed.get((page.name, fragment), fragment))
            elif target in self.names:
                node.set("href", self.link(target, fragment))
            else:
                node.set("href", self.published(target, fragment))


# --- notes and cards ----------------------------------------------------------------------------


@dataclass
class Footnote:
    ident: str  # "fn:q-vyshinsky-epithets": the id of its item in the notes list
    number: str  # the chapter's continuous number: "3"
    call: ET.Element  # <a class="fn-ref" id="fnref:…" href="#fn:…">3</a>
    paragraph: ET.Element  # the chapter paragraph the call stands in
    item: ET.Element  # <li id="fn:…"><p>… <a class="fn-back">↩</a></p></li>


def take_notes(page: Page, keep_list: bool = False) -> list[Footnote]:
    """The page's footnotes in the order of their calls; their list goes, unless `keep_list`.
    Every call has its note and every note its call, or the export stops."""
    up = parents(page.body)
    items: dict[str, ET.Element] = {}
    for block in [e for e in page.body.iter() if "footnotes" in classes(e) and local(e.tag) == "section"]:
        items.update((li.get("id", ""), li) for li in block.iter() if local(li.tag) == "li")
        if not keep_list:
            remove(block, up[block])
    notes = []
    for call in [e for e in page.body.iter() if "fn-ref" in classes(e)]:
        ident = unquote(urlsplit(call.get("href", "")).fragment)
        item = items.pop(ident, None)
        if item is None:
            raise ExportFailed(f"{page.name}: the note call {ident!r} has no note")
        paragraph = call
        while paragraph in up and local(paragraph.tag) != "p":
            paragraph = up[paragraph]
        notes.append(Footnote(ident, text_of(call).strip(), call, paragraph, item))
    if items:
        raise ExportFailed(f"{page.name}: notes never called: {', '.join(sorted(items))}")
    return notes


def note_content(note: Footnote) -> list[ET.Element]:
    """A copy of the note's paragraphs without the back-link and without ids (a copy must not
    take its original's ids)."""
    paragraphs = [copy.deepcopy(p) for p in note.item if local(p.tag) == "p"] or [copy.deepcopy(note.item)]
    for paragraph in paragraphs:
        up = parents(paragraph)
        for back in [a for a in paragraph.iter() if "fn-back" in classes(a)]:
            remove(back, up[back])
        for node in paragraph.iter():
            node.attrib.pop("id", None)
        last = paragraph[-1] if len(paragraph) else None
        if last is not None:
            last.tail = (last.tail or "").rstrip() or None
        else:
            paragraph.text = (paragraph.text or "").rstrip()
    return paragraphs


def take_cards(page: Page) -> list[ET.Element]:
    """The hidden name cards the site's script shows (div.person-card), taken out."""
    up = parents(page.body)
    cards: list[ET.Element] = []
    for block in [e for e in page.body.iter() if "person-cards" in classes(e)]:
        cards += [c for c in block if "person-card" in classes(c)]
        remove(block, up[block])
    return cards


def replaced(root: ET.Element, standing: dict[int, list[ET.Element]]) -> None:
    """Each element whose id() is a key of `standing` replaced by that list (itself in it: kept, with
    others around it), in one pass."""
    splice(root, lambda node: standing.get(id(node)))


# --- the guard ------------------------------------------------------------------------------------


def allowed_of(checked: Checked, contact: str | None, site_url: str) -> Allowed:
    titles = frozenset(core(s.cited_title) for s in checked.sections)
    return Allowed(
        checked.corpus,
        {p.paragraph.id: p.paragraph.text for p in checked.placed},
        contact,
        titles,
        site_url,
        tags(checked.sources.policy.languages),
    )
