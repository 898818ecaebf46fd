"""Every link and button has a name (WCAG 2.4.4, 4.1.2) and shows something (2.4.7): a screen
reader says a control by its name, and a reader who tabs to it must see where the focus is.

The name is what a browser computes (the Accessible Name computation, in the steps a page of the
edition can take): the words of the elements `aria-labelledby` names, else `aria-label`, else the
control's own words, its images' `alt` and its pictures' labels, without what is hidden from
screen readers. A `title` is no name here: it shows nothing; but a name that is only a mark (¶, ·)
must have one that says where the control leads. A name or a text is blank when it holds
no letter, digit, punctuation or symbol that is drawn: white space, no-break spaces, format
characters (a zero-width space), combining marks on nothing, and the few letters and symbols that
Unicode draws as nothing are blank.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Callable

import re2

from ..model.findings import Example, Rule
from ..model.html import UNSEEN, local

GUARD_NAME = Rule(
    "guard-name",
    "every link and button on a built page shows something and has a name a screen reader can say: its words, "
    "or a picture with its label",
    Example("docs/index.md", "[Start reading](warning.md)", "[](warning.md)"),
)
# The roles a script or the page makes a control of (WAI-ARIA's widget roles an element may take).
CONTROL_ROLES = frozenset(
    "button link checkbox radio switch tab menuitem menuitemcheckbox menuitemradio option combobox textbox "
    "searchbox slider spinbutton treeitem".split()
)
DRAWN = re2.compile(r"[\p{L}\p{N}\p{P}\p{S}]")
# What says where a control leads: a letter or a digit, in its name or, beside a mark such as the
# theme's ¶, in its title (a description a screen reader reads after the name).
SAYS = re2.compile(r"[\p{L}\p{N}]")
# Letters and a symbol that Unicode draws as nothing: the Hangul fillers (default ignorable) and
# the blank Braille pattern.
UNDRAWN = re2.compile(r"[\x{115f}\x{1160}\x{3164}\x{ffa0}\x{2800}]")
PICTURES = frozenset({"img", "svg", "image"})


@functools.lru_cache(maxsize=4096)  # the same names on every page: "Link to this section", "¶"
def drawn(words: str) -> bool:
    return DRAWN.search(UNDRAWN.sub("", words)) is not None


def is_control(element: ET.Element) -> bool:
    name = local(element.tag)
    return (
        (name == "a" and element.get("href") is not None)
        or name == "button"
        or bool(set(element.get("role", "").split()) & CONTROL_ROLES)
    )


def unnamed(element: ET.Element, by_id: Callable[[], dict[str, ET.Element]]) -> str | None:
    """Why a control a reader cannot use this way, or None: it shows nothing, or has no name."""
    what = "link" if local(element.tag) == "a" else "button"
    if not _shows(element):
        return f"a {what} that shows nothing a reader can see or focus on: give it words"
    name = name_of(element, by_id)
    if not drawn(name):
        return f"a {what} with no name a screen reader can say (its words are blank or hidden from it): give it words"
    if SAYS.search(name) is None and SAYS.search(element.get("title", "")) is None:
        return (
            f"a {what} named only by a mark or a symbol ('{' '.join(name.split())[:10]}'): a screen reader says "
            "the mark, not where it leads; give it words"
        )
    return None


def name_of(element: ET.Element, by_id: Callable[[], dict[str, ET.Element]]) -> str:
    """The control's accessible name, as the steps a page of the edition can take compute it."""
    if labelled := element.get("aria-labelledby", "").split():
        ids = by_id()
        named = " ".join(_said(ids[i], top=True) for i in labelled if i in ids)
        if drawn(named):
            return named
    if drawn(label := element.get("aria-label", "")):
        return label
    return _said(element, top=True)


def _said(node: ET.Element, top: bool = False) -> str:
    """What a screen reader says of an element's content: its text, an image's alt, a picture's label,
    a labelled element's label instead of its words; nothing that is hidden from it."""
    if local(node.tag) in UNSEEN or node.get("hidden") is not None:
        return ""
    if node.get("aria-hidden", "").strip().lower() == "true":
        return ""
    if not top and drawn(label := node.get("aria-label", "")):
        return label
    if local(node.tag) == "img":
        return node.get("alt", "")
    parts = [node.text or "" if local(node.tag) not in PICTURES else ""]
    for child in node:
        if local(node.tag) == "svg" and local(child.tag) != "title":
            continue  # an SVG says its <title>, not the text it draws
        parts += [_said(child), child.tail or ""]
    return " ".join(parts)


def _shows(node: ET.Element) -> bool:
    """Does the element draw something: a drawn character, or a picture (not hidden from sight)."""
    if local(node.tag) in UNSEEN or node.get("hidden") is not None:
        return False
    if local(node.tag) in PICTURES or drawn(node.text or ""):
        return True
    return any(_shows(child) or drawn(child.tail or "") for child in node)
