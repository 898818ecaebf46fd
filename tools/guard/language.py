"""What a `lang` attribute may say (WCAG 3.1.1 and 3.1.2): a screen reader switches its voice and
pronunciation to it, so a wrong one makes the words unintelligible.

A closed set, not a list of bad tags: a `lang` names a language the edition declares (the source
list's `policy.languages`, or the page's own, its <html lang>), spelled as the edition spells it
(BCP 47: `ru`, `en-GB`), and the letters it covers are in that language's script as CLDR gives it
(Babel's likely subtags: ru is Cyrillic, en Latin). A language of the same script (`de` on English
words) is a matter for review; no rule can hear it.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

import re2
from babel import Locale, UnknownLocaleError
from babel.core import get_global

from ..model.findings import Example, Rule
from ..model.html import UNSEEN, local

GUARD_LANGUAGE = Rule(
    "guard-language",
    "every `lang` on a built page names a language the edition declares (policy.languages, or the page's own), "
    "spelled as the edition spells it, on letters of that language's script",
    Example("docs/index.md", "{: #p-what-this-is }", '{: #p-what-this-is lang="ru" }'),
)
# `lang`, and `xml:lang` (its name on an HTML element; SVG's, in the XML namespace, is `lang` again).
NAMES = frozenset({"lang", "xml:lang"})


def tags(codes: Iterable[str]) -> frozenset[str]:
    """The source list's languages (CLDR identifiers, `en_GB`) as a page writes them (BCP 47, `en-GB`)."""
    return frozenset(code.replace("_", "-") for code in codes)


def language_of(element: ET.Element) -> str | None:
    """The language an element says its words are in, or None if it says none."""
    for attribute, value in element.attrib.items():
        if local(attribute) in NAMES:
            return value
    return None


@functools.cache
def script_of(tag: str) -> str | None:
    """The script the language `tag` is written in, as the regular expression engine names it
    (`Cyrillic`), or None if `tag` is no language Babel knows or the engine has no such script."""
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    likely: Mapping[str, str] = get_global("likely_subtags")
    full = likely.get(str(locale)) or likely.get(locale.language) or ""
    script = locale.script or next((part for part in full.split("_") if len(part) == 4 and part.istitle()), None)
    name = Locale("en").scripts.get(script or "")
    return None if name is None or _pattern(rf"\p{{{name.replace(' ', '_')}}}") is None else name.replace(" ", "_")


def _pattern(pattern: str) -> re2._Regexp | None:
    quiet = re2.Options()
    quiet.log_errors = False  # a script name the engine does not know is an answer here, not an error
    try:
        return re2.compile(pattern, quiet)
    except re2.error:
        return None


@functools.cache
def letter_outside(scripts: frozenset[str]) -> re2._Regexp | None:
    """A letter of none of `scripts`. Common and Inherited letters (a modifier letter) belong to every script."""
    named = "".join(rf"\p{{{script}}}" for script in sorted(scripts))
    return _pattern(rf"[^\P{{L}}{named}\p{{Common}}\p{{Inherited}}]")


def foreign_letter(tag: str) -> re2._Regexp | None:
    """A letter outside the script of the language `tag`, or None if its script cannot be told."""
    script = script_of(tag)
    return None if script is None else letter_outside(frozenset({script}))


def undeclared_letter(declared: frozenset[str]) -> re2._Regexp | None:
    """A letter in a script that none of the declared languages is written in: words no `lang` of
    the edition can mark."""
    return letter_outside(frozenset(script for tag in declared if (script := script_of(tag)) is not None))


@functools.cache
def run_of(script: str) -> re2._Regexp | None:
    """A run of words in `script`: from its first letter to its last, with the spaces, punctuation,
    digits and accents between (`января 1937 года`), and the accents after."""
    letter = rf"\p{{{script}}}"
    return _pattern(rf"{letter}(?:[\p{{Common}}\p{{Inherited}}]*{letter}|\p{{Inherited}})*")


def others(page: str, declared: Iterable[str]) -> dict[str, str]:
    """Each script other than the page language's that exactly one declared language is written in,
    with that language: the words of a run in it can be marked as that language's (`Cyrillic`: `ru`).
    A script two languages share (German and Romanian, in Latin letters) says nothing of the words."""
    languages: dict[str, set[str]] = {}
    for tag in declared:
        if (script := script_of(tag)) is not None:
            languages.setdefault(script, set()).add(tag)
    own = script_of(page)
    return {script: next(iter(tags)) for script, tags in languages.items() if len(tags) == 1 and script != own}


def own_letters(element: ET.Element) -> str:
    """The words an element's language covers: its text, without that of elements inside it that
    say a language of their own (or that no one reads: scripts, styles)."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if local(child.tag) not in UNSEEN and language_of(child) is None:
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def well_formed(tag: str) -> bool:
    """A page's own language (<html lang>): a language Babel knows, as BCP 47 writes it."""
    return tag == tag.strip() and foreign_letter(tag) is not None


def wrong(element: ET.Element, declared: frozenset[str]) -> tuple[str, str] | None:
    """(the value, why) if the element's `lang` is not one it may say; None if it may (or says none)."""
    value = language_of(element)
    if value is None:
        return None
    if value not in declared:
        listed = ", ".join(sorted(declared)) or "none"
        return (
            value,
            f"lang={value!r} on <{local(element.tag)}> is not a language the edition declares ({listed}), as it spells it",
        )
    letters = foreign_letter(value)
    if letters is None:
        return value, f"lang={value!r} on <{local(element.tag)}> is a language whose script the edition cannot tell"
    if (found := letters.search(own_letters(element))) is not None:
        return value, (
            f"lang={value!r} on <{local(element.tag)}> says its words are in that language, but '{found.group()}' "
            "is not a letter of its script: mark the words in another language with their own lang"
        )
    return None


# The attributes a screen reader reads out, in the language of the element they are on: unlike
# words, they cannot be marked as another language's.
SPOKEN = ("title", "alt", "aria-label", "placeholder")


def unspoken(element: ET.Element, up: Mapping[ET.Element, ET.Element], page: str | None) -> tuple[str, str, str] | None:
    """(the attribute, its value, why) if an attribute a screen reader reads holds a letter of
    another script than the element's language: its own lang, its nearest ancestor's, or the page's."""
    said = [(name, value) for name in SPOKEN if (value := element.get(name))]
    node: ET.Element | None = element
    tag = None
    while said and node is not None and (tag := language_of(node)) is None:
        node = up.get(node)
    tag = tag or page
    if not said or tag is None or (letters := foreign_letter(tag)) is None:
        return None
    for name, value in said:
        if (found := letters.search(value)) is not None:
            return (
                name,
                value,
                (
                    f"the {name}= of <{local(element.tag)}> is read out as {tag}, but '{found.group()}' is a letter "
                    f"of another script, and an attribute cannot say its own language: write it in {tag}"
                ),
            )
    return None
