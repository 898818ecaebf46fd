"""The search index, built from the written pages: one entry for each passage a reader may look for,
so that a result opens on the passage itself (issue 20). Any engine's pages will do.

The contract the page generators follow (tools/site), read from the built HTML and nothing else:

- an element with an `id` and a `data-index-title` attribute is one entry: its location is
  `page.html#id`, its title the attribute, its text the element's text (a heading inside it
  included); an entry inside another is an entry of its own;
- the rest of a page is split at its headings with an `id` (h2-h6, outside any entry), as Material's
  search plugin does: each starts an entry titled by the heading, holding the text up to the next;
- every page has a first entry, `page.html`, titled by the page's <title> without the site's name,
  holding the text before its first heading;
- no text comes from an element marked `data-index-skip` (¶ numbers and links, note calls, the
  printed address, lists of sources and cross-references), a hidden one (`hidden`,
  `aria-hidden="true"`), a script, style, template, navigation (a page's own contents), a heading's
  ¶ link (`a.headerlink`) or the h1 (the page's title).

The attributes are for the index, not for readers: once it is made they are taken out of the pages
(`without_search_attributes`), and the output guard, which does not allow them, proves it.

The index is Material's format, `{"config": {...}, "docs": [{"location", "title", "text"}]}`, read
by Material's search worker; titles and texts are HTML (the worker marks the matches in them and the
results show them as HTML), so the pages' text is escaped here, a <p> for each block of the page (a
result shows the blocks that hold the words found). `config` is what Material's search plugin wrote
(lang, separator, pipeline, fields), with `stopwords` added: the words the worker's stop-word filter
leaves out of the index, which overrides/assets/javascripts/search-results.js leaves out of queries too.
The offline copy reads the same index as a script, `search/search_index.js`, as Material's offline
plugin writes it (file:// allows no request, only a <script>).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from ..model.html import classes, escape_text, local
from .paths import inside, output_path

INDEX = Path("search") / "search_index.json"
OFFLINE_INDEX = Path("search") / "search_index.js"  # what file:// can load: a script
OFFLINE_PREFIX = "var __index = "  # as Material's offline plugin writes it (material/plugins/offline/plugin.py)
TITLE = "data-index-title"
EXCLUDE = "data-index-skip"
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
UNSEARCHED = frozenset({"script", "style", "template", "noscript", "svg", "nav", "h1"})
# Text in these runs on with its neighbours; every other element is a break between blocks.
INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var".split()
)
BREAK = "\0"  # between two blocks (the parser has made every NUL of a page U+FFFD: none is left)
# Where Material's search worker holds lunr's stop words: generateStopWordFilter(["a","able",…]).
STOP_WORDS_CALL = "generateStopWordFilter(["


@dataclass
class _Entry:
    location: str
    title: str
    parts: list[str] = field(default_factory=list)

    def doc(self) -> dict[str, str]:
        blocks = (words(block) for block in "".join(self.parts).split(BREAK))
        text = "".join(f"<p>{escape_text(block)}</p>" for block in blocks if block)
        return {"location": self.location, "title": escape_text(words(self.title)), "text": text}


def words(text: str) -> str:
    """The text with its blocks run together and every run of white space one space."""
    return " ".join(text.replace(BREAK, " ").split())


def _skipped(element: ET.Element) -> bool:
    return (
        local(element.tag) in UNSEARCHED
        or not local(element.tag)  # a comment
        or EXCLUDE in element.attrib
        or "hidden" in element.attrib
        or element.get("aria-hidden") == "true"
        or "headerlink" in classes(element)
    )


def _gap(element: ET.Element) -> str:
    return "" if local(element.tag) in INLINE else BREAK


def _plain(element: ET.Element) -> str:
    """The searchable text of an element and everything in it."""
    parts = [_gap(element), element.text or ""]
    for child in element:
        if not _skipped(child):
            parts.append(_plain(child))
        parts.append(child.tail or "")
    parts.append(_gap(element))
    return "".join(parts)


class _Page:
    def __init__(self, address: str, title: str) -> None:
        self.address = address
        self.entries = [_Entry(address, title)]
        self.section = self.entries[0]  # where text outside entries goes: the last heading's entry

    def walk(self, element: ET.Element, entry: _Entry | None) -> None:
        """Give the text of `element` (not skipped) to its entry: its own, `entry` (the innermost
        entry it is in) or the last heading's."""
        ident = element.get("id")
        if ident and TITLE in element.attrib:
            entry = _Entry(f"{self.address}#{ident}", element.get(TITLE, ""))
            self.entries.append(entry)
        elif entry is None and ident and local(element.tag) in HEADINGS:
            self.section = _Entry(f"{self.address}#{ident}", _plain(element))
            self.entries.append(self.section)
            return
        # `self.section` changes at each heading among the children: ask for it each time.
        (entry or self.section).parts += [_gap(element), element.text or ""]
        for child in element:
            if not _skipped(child):
                self.walk(child, entry)
            (entry or self.section).parts.append(child.tail or "")
        (entry or self.section).parts.append(_gap(element))


def page_title(root: ET.Element, site_name: str) -> str:
    """The page's own title: its <title> without " - site name"."""
    found = next((e for e in root.iter() if local(e.tag) == "title"), None)
    title = words(found.text or "") if found is not None else ""
    return title.removesuffix(f" - {site_name}") or title


def page_docs(address: str, root: ET.Element, site_name: str) -> list[dict[str, str]]:
    """The index entries of one built page (`address` such as "praise.html", `root` its <html>), in
    page order; none if it has no <article> (a redirect)."""
    article = next((e for e in root.iter() if local(e.tag) == "article"), None)
    if article is None:
        return []
    page = _Page(address, page_title(root, site_name))
    page.walk(article, None)
    return [entry.doc() for entry in page.entries]


def search_index(
    pages: Iterable[tuple[str, ET.Element]], site_name: str, config: Mapping[str, Any], stop_words: list[str]
) -> dict[str, Any]:
    """The whole index: `pages` are (address, parsed page), in the order their entries are to have;
    `config` is Material's (lang, separator, pipeline, fields), as its search plugin wrote it."""
    docs = [doc for address, root in pages for doc in page_docs(address, root, site_name)]
    return {"config": {**config, "stopwords": stop_words}, "docs": docs}


def worker_stop_words(worker: str) -> list[str]:
    """The stop words of Material's search worker (the script's text)."""
    start = worker.find(STOP_WORDS_CALL)
    end = worker.find("])", start)
    if start == -1 or end == -1:
        raise ValueError("the search worker's stop words were not found (has Material's worker changed?)")
    found = json.loads(worker[start + len(STOP_WORDS_CALL) - 1 : end + 1])
    if not isinstance(found, list) or not all(isinstance(word, str) for word in found):
        raise ValueError("the search worker's stop words are not a list of words")
    return found


def without_search_attributes(page: str, root: ET.Element) -> str:
    """The page without its data-index-* attributes, as the edition writes them (` name="value"`,
    the value escaped by markupsafe). The tree says which there are; each must occur in the text
    exactly as often as the tree holds it, or the page is left as it is (then the output guard,
    which allows none of them, refuses it: nothing is taken out of a page's words)."""
    wanted: Counter[str] = Counter()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.startswith("data-index-"):
                wanted[f' {name}="{escape(value)}"'] += 1
    if any(page.count(written) != count for written, count in wanted.items()):
        return page
    for written in wanted:
        page = page.replace(written, "")
    return page


def write_index(folder: Path, pages: list[tuple[str, ET.Element]], site_name: str, offline: bool) -> bool:
    """Replace the index Material's search plugin wrote (keeping its config) by one built from
    `pages`; offline, also as the script file:// reads. False if there is none (search is off)."""
    if not (folder / INDEX).is_file():
        return False
    path = output_path(folder, INDEX)
    config = json.loads(path.read_text(encoding="utf-8"))["config"]
    workers = sorted((folder / "assets" / "javascripts" / "workers").glob("search.*.js"))
    stop = worker_stop_words(inside(folder, workers[0]).read_text(encoding="utf-8")) if workers else []
    data = search_index(pages, site_name, config, stop if "stopWordFilter" in config.get("pipeline", []) else [])
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    if offline:
        output_path(folder, OFFLINE_INDEX).write_text(OFFLINE_PREFIX + text, encoding="utf-8")
    return True
