"""The output guard: every built page, read by the one HTML parser, held against what is allowed.

It checks what the reader gets, after every renderer and template has run, so no way of writing the
input can get round it:
- the content holds only allowed elements, attributes, classes and ids (allow.py); no page holds
  anything that embeds, runs or loads from elsewhere, and the only inline scripts are the theme's
  own, pinned by their text (tools/publish/csp.py);
- every address is allowed where it stands (a link may leave the site; a resource may not);
- every `lang` is a language the edition declares, on letters of its script (language.py), and
  every link and button shows something and has a name a screen reader can say (names.py); each
  contents entry says what its heading says; no element takes an id the site's scripts give;
- every text a reader sees or hears (text, titles, labels, metadata, data blocks) holds no hidden
  or reordering character, and every quotation in it is the chapter's words or a source's recorded
  words (tools/model/edition.py, `allowed_quotations`); each chapter paragraph says exactly what the
  chapter says, and editors' headings hold no quotation marks (words.py).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property
from itertools import pairwise

from ..model.findings import Example, Rule
from ..model.html import MAX_DEPTH, classes, depth, local, parents, text_of
from ..model.quotes import Corpus
from ..model.urls import scheme_of, site_path, url_problem, writes_to
from . import allow, language
from .language import GUARD_LANGUAGE
from .names import GUARD_NAME, SAYS, is_control, unnamed
from .printed import unprinted
from .problem import Allowed, Lines, Problem, near
from .scripts import theme_script
from .words import GUARD_QUOTE, GUARD_TEXT, quotations_in, seen_texts

GUARD_MARKUP = Rule(
    "guard-markup",
    "a built page holds only allowed elements, attributes, classes and ids, and runs only the theme's pinned scripts",
    Example(
        "docs/index.md",
        "## What the statuses mean { #statuses }",
        '## What the statuses mean { #statuses }\n\n<img src="x.png">',
    ),
)
GUARD_URL = Rule(
    "guard-url",
    "every address on a built page is allowed where it stands: links inside the site or to https: pages, resources only from the site",
    Example("docs/index.md", "[Start reading](warning.md)", "[Start reading](file:///etc/passwd)"),
)
GUARD_LINK = Rule(
    "guard-link",
    "every link inside the site reaches a page and an id that exist",
    Example("docs/index.md", "[Start reading](warning.md)", "[Start reading](warning.md#nowhere)"),
)


def too_deep(root: ET.Element) -> Problem | None:
    if depth(root) > MAX_DEPTH:
        return Problem(GUARD_MARKUP, f"nests elements more than {MAX_DEPTH} deep", "<div")
    return None


class Tree:
    """What a check may ask of the tree around an element, read once, when first asked."""

    def __init__(self, root: ET.Element) -> None:
        self.root = root

    @cached_property
    def parent(self) -> dict[ET.Element, ET.Element]:
        return parents(self.root)

    @cached_property
    def previous(self) -> dict[ET.Element, ET.Element]:
        """Each element's previous sibling element."""
        return {b: a for node in self.root.iter() for a, b in pairwise(node)}

    @cached_property
    def by_id(self) -> dict[str, ET.Element]:
        found: dict[str, ET.Element] = {}
        for element in self.root.iter():
            found.setdefault(element.get("id", ""), element)
        return found


def check_content(root: ET.Element, kind: str, allowed: Allowed, page: str = "index.html") -> Iterator[Problem]:
    """A page's content (its article, or a fragment): elements, attributes, classes, ids, addresses,
    languages and the names of its controls."""
    if (problem := too_deep(root)) is not None:
        yield problem
        return
    tree = Tree(root)
    read: dict[ET.Element, Lines] = {}
    for element in root.iter():
        found = list(_element(element, tree, kind, allowed, page))
        words = near(element, tree.parent, read) if found else ()
        yield from (replace(problem, near=problem.near + words) for problem in found)


def readers(element: ET.Element, tree: Tree, languages: frozenset[str], page: str | None) -> Iterator[Problem]:
    """What a screen reader makes of an element: the language it reads it in, the name it says."""
    if (wrong := language.wrong(element, languages)) is not None:
        value, why = wrong
        yield Problem(GUARD_LANGUAGE, why, f'lang="{value}"')
    if (spoken := language.unspoken(element, tree.parent, page)) is not None:
        yield Problem(GUARD_LANGUAGE, spoken[2], spoken[1])  # found where the input writes the words
    if is_control(element) and (nameless := unnamed(element, lambda: tree.by_id)) is not None:
        href = element.get("href")  # found in the Markdown as its link, else by the words around it
        link = (f"[{text_of(element)}]({href}", ()) if href else (f"<{local(element.tag)}", ())
        yield Problem(GUARD_NAME, nameless, *link)
    if local(element.tag) in TITLES and SAYS.search(text_of(element, skip=is_headerlink)) is None:
        # a screen reader lists headings and terms: one of blanks (a no-break space) says nothing
        yield Problem(
            GUARD_NAME,
            f"a <{local(element.tag)}> with no words: give it words, or remove it",
            element.get("id") or f"<{local(element.tag)}",
        )


def toc_entry(element: ET.Element, tree: Tree) -> Iterator[Problem]:
    """A table of contents' entry names its heading as the heading says it: a label of its own
    (attr_list's data-toc-label) would put words in the theme's navigation that the article does not say."""
    href = element.get("href", "")
    if local(element.tag) != "a" or "md-nav__link" not in classes(element) or not href.startswith("#"):
        return
    heading = tree.by_id.get(href[1:])
    said = " ".join(text_of(element).split())
    if heading is not None and said != (heads := " ".join(text_of(heading, skip=is_headerlink).split())):
        yield Problem(GUARD_NAME, f"the contents name “{said[:60]}” the heading that says “{heads[:60]}”", said)


def is_headerlink(element: ET.Element) -> bool:
    return "headerlink" in classes(element)


def made_by_the_build(element: ET.Element, tree: Tree, site_url: str) -> frozenset[str]:
    """The classes and attributes the build itself gives an element of an editors' page, each only in
    the one shape the build makes it (allow.BUILT): a heading's own ¶ link, last in it (the toc
    extension); the page's address, within `site_url`, right under the title (postprocess.py); the
    status legend's badges (tools/site/prepare.py); the downloads list's links (tools/site/downloads.py)."""
    name, up = local(element.tag), tree.parent.get(element)
    above = tree.parent.get(up) if up is not None else None
    if name == "dl":
        return frozenset({"status-legend"})
    if name == "ul":
        return frozenset({"downloads"})
    if up is None:
        return frozenset()
    last = up[-1] is element and not (element.tail or "").strip()
    if name == "a" and local(up.tag) in HEADINGS and last and element.get("href") == f"#{up.get('id')}":
        return frozenset({"headerlink"})
    if name == "p" and (before := tree.previous.get(element)) is not None and local(before.tag) == "h1":
        address = (element.text or "").strip()
        if not len(element) and address.startswith(site_url) and address and len(address.split()) == 1:
            return frozenset({"print-url"})  # (an address, not words: they would show on paper only)
    if above is None:
        return frozenset()
    if name == "span" and local(up.tag) == "dt" and "status-legend" in classes(above):
        return allow.STATUS_BADGE
    if name == "a" and local(up.tag) == "li" and "downloads" in classes(above) and element.get("download") == "":
        return frozenset({"download"})
    return frozenset()


HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
TITLES = HEADINGS | {"dt"}  # what names a part of the page: a heading, a term its definition follows


def _element(element: ET.Element, tree: Tree, kind: str, allowed: Allowed, page: str) -> Iterator[Problem]:
    editorial = kind == "editorial"
    elements = allow.EDITORIAL_ELEMENTS if editorial else allow.GENERATED_ELEMENTS
    attributes = allow.EDITORIAL_ATTRIBUTES if editorial else allow.GENERATED_ATTRIBUTES
    name = local(element.tag)
    if not name:
        return
    root = tree.root
    if element is not root and name not in elements:
        yield Problem(
            GUARD_MARKUP, f"<{name}> is not allowed on {'an editors' if editorial else 'this'} page", f"<{name}"
        )
        return
    built: frozenset[str] | None = None  # what the build gives an element of this shape, when asked
    for attribute in element.attrib:
        attribute = local(attribute)
        if attribute not in attributes:
            if editorial and attribute in allow.BUILT and element is not root:
                built = made_by_the_build(element, tree, allowed.site_url) if built is None else built
                if attribute in built:
                    continue
            yield Problem(GUARD_MARKUP, f"the attribute {attribute}= on <{name}> is not allowed", attribute)
    if editorial and element is not root and (extra := classes(element) - allow.EDITORIAL_CLASSES):
        built = made_by_the_build(element, tree, allowed.site_url) if built is None else built
        for cls in sorted(extra - built):
            yield Problem(GUARD_MARKUP, f"the class '{cls}' is not one an editors' page may give", cls)
    ident = element.get("id")
    if ident is not None and not allow.CONTENT_ID.match(ident):
        yield Problem(GUARD_MARKUP, f"the id '{ident}' is not an id of the edition (lower case, no leading _)", ident)
    elif ident is not None and ident.startswith(allow.SCRIPT_IDS):
        yield Problem(GUARD_MARKUP, f"the id '{ident}' is one the site's scripts give what they make", ident)
    href = element.get("href")
    if href is not None and name == "a":
        wrong = link_problem(href, allowed.contact, page)
        if (
            wrong is None
            and editorial
            and scheme_of(href) in ("https", "http")
            and not (allowed.site_url and href.startswith(allowed.site_url))
        ):
            wrong = (
                "leaves the edition: an editors' page links within it (a source's address belongs in the source list)"
            )
        if wrong:
            yield Problem(GUARD_URL, f"the link {href[:80]!r} {wrong}", href)
    yield from readers(element, tree, allowed.languages, allowed.language)


def link_problem(href: str, contact: str | None, page: str) -> str | None:
    """Why a reader's link may not point there; None if it may."""
    scheme = scheme_of(href)
    if scheme == "mailto":
        return None if writes_to(href, contact) else "writes to an address that is not the edition's contact alone"
    if scheme is None and href.startswith("#"):
        return None
    if scheme is None and site_path(href, page) is None:
        return "climbs out of the site"
    return url_problem(href)


def check_document(root: ET.Element, page: str, kind: str, allowed: Allowed, root_path: str = "/") -> Iterator[Problem]:
    """A whole built page: what may run and load, ids, every seen text, and the chapter's words."""
    if (problem := too_deep(root)) is not None:
        yield problem
        return
    own = root.get("lang")
    if own is not None and not language.well_formed(own):
        yield Problem(GUARD_LANGUAGE, f"the page's own language lang={own!r} is not a language tag Babel knows", own)
    elif own is not None:  # the page's own language, which its parts may say again
        allowed = replace(allowed, languages=allowed.languages | {own}, language=own)
        if (unmarked := language.wrong(root, allowed.languages)) is not None:  # words of another language
            yield Problem(GUARD_LANGUAGE, unmarked[1], "")
    article = next((e for e in root.iter() if local(e.tag) == "article"), None)
    if article is not None:
        yield from check_content(article, kind, allowed, page)
    content = {id(e) for e in article.iter()} if article is not None else set()
    tree = Tree(root)
    seen_ids: set[str] = set()
    for element in root.iter():
        name = local(element.tag)
        if id(element) not in content and element is not root:
            yield from readers(element, tree, allowed.languages, allowed.language)
            yield from toc_entry(element, tree)
        if name in allow.NEVER:
            yield Problem(GUARD_MARKUP, f"<{name}> embeds or redirects and is allowed on no page", f"<{name}")
        if name == "meta" and element.get("http-equiv", "").lower() == "refresh":
            yield Problem(GUARD_MARKUP, "a <meta http-equiv=refresh> would send the reader elsewhere", "refresh")
        for attribute in element.attrib:
            if local(attribute).lower().startswith("on") or local(attribute) in (
                "style",
                "formaction",
                "action",
                "srcdoc",
            ):
                yield Problem(
                    GUARD_MARKUP,
                    f"the attribute {local(attribute)}= on <{name}> runs, styles or submits",
                    local(attribute),
                )
        naming = name == "link" and set(element.get("rel", "").lower().split()) <= allow.LINK_NAMING
        for attribute in () if naming else allow.LOADING.get(name, ()):
            value = element.get(attribute)
            if value is not None:
                wrong = resource_problem(value, page, root_path if kind == "theme" else None)
                if wrong:
                    yield Problem(GUARD_URL, f"<{name} {attribute}={value[:80]!r}> {wrong}", value)
        ident = element.get("id")
        if ident is not None:
            if ident in seen_ids:
                yield Problem(GUARD_MARKUP, f"the id '{ident}' is used twice on the page", ident)
            seen_ids.add(ident)
            if id(element) in content and ident.startswith("_"):
                yield Problem(GUARD_MARKUP, f"the id '{ident}' would shadow one of the theme's", ident)
        if name == "script":
            kind_ = element.get("type", "").strip().lower()
            if kind_ in allow.SCRIPT_TYPES and element.get("src") is None and not theme_script(element.text or ""):
                yield Problem(
                    GUARD_MARKUP, "an inline script that is not one of the theme's own", (element.text or "")[:60]
                )
            elif kind_ not in allow.SCRIPT_TYPES and kind_ not in allow.DATA_SCRIPT_TYPES:
                yield Problem(
                    GUARD_MARKUP, f"a <script type={kind_!r}> is neither a script of the site nor JSON-LD", kind_
                )
            elif kind_ in allow.DATA_SCRIPT_TYPES:
                yield from json_texts(element.text or "", allowed.corpus)
    yield from seen_texts(root, kind, allowed)


def resource_problem(value: str, page: str, root_path: str | None = None) -> str | None:
    """Why a resource may not load from there. `root_path`: the theme's 404 page, served at any
    address, loads from the site's root path."""
    if root_path is not None and value.startswith(root_path) and not value.startswith("//"):
        value = value[len(root_path) :]
        page = "404.html"
    scheme = scheme_of(value)
    if scheme == "data":
        return (
            None
            if value.lower().startswith(("data:image/svg+xml", "data:image/png"))
            else "is data of a kind pages do not load"
        )
    if scheme is not None or value.startswith("//"):
        return "would load from another site or scheme; resources come from the site itself"
    for part in value.split(","):
        if site_path(part.strip().split(" ")[0], page) is None:
            return "climbs out of the site"
    return None


def json_texts(data: str, corpus: Corpus) -> Iterator[Problem]:
    try:
        value = json.loads(data)
    except ValueError:
        yield Problem(GUARD_MARKUP, "a JSON-LD block that is not JSON", data[:60])
        return
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += item.values()
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            if (why := unprinted(item, "metadata ")) is not None:
                yield Problem(GUARD_TEXT, why, item[:60])
            yield from quotations_in(item, corpus)


RULES = (GUARD_MARKUP, GUARD_URL, GUARD_QUOTE, GUARD_TEXT, GUARD_LINK, GUARD_LANGUAGE, GUARD_NAME)
