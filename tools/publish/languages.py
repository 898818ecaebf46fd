"""The language of parts (WCAG 3.1.2): on a page in English, each run of words in a script that just
one declared language is written in is marked with that language, so that a screen reader reads
«Вышинский» in Russian, not letter by letter. The source list's words in other languages come from
many renderers (the apparatus, the citation styles, the editors' Markdown); they are marked once,
on the page as built. A script two declared languages share (German and Romanian, in Latin
letters) cannot say which language its words are in, and is left unmarked; so is an attribute's
text, which HTML cannot mark. The output guard then holds every page's own letters to its
language (tools/guard/language.py)."""

from __future__ import annotations

from collections.abc import Iterable

import re2

from ..guard.language import others, run_of

# The elements whose content is not HTML text: a script, a style, an SVG drawing, the title in <head>.
NOT_TEXT = ("script", "style", "svg", "title")
PAGE_LANGUAGE = re2.compile(r'<html\b[^>]*\blang="([^"]+)"')


def with_languages(html: str, declared: Iterable[str]) -> str:
    """The page with each run of words in another declared language's own script in a
    `<span lang="…">`, in the body's text. The runs are found in one pass over the page (a tag's name
    is a Latin word, so a run never spans one), and each is kept only where it stands in text."""
    page = PAGE_LANGUAGE.search(html)
    body = html.find("<body")
    scripts = others(page.group(1), declared) if page is not None else {}
    for script, language in scripts.items():
        run = run_of(script)
        if body == -1 or run is None:
            continue
        out, position = [html[:body]], body
        for words in run.finditer(html, body):
            if in_text(html, words.start()):
                out += [html[position : words.start()], f'<span lang="{language}">', words.group(), "</span>"]
                position = words.end()
        html = "".join([*out, html[position:]])
    return html


def in_text(html: str, at: int) -> bool:
    """Does the place `at` stand in the page's text: not inside a tag (its attributes), a comment, or
    an element whose content is not text?"""
    if html.rfind("<", 0, at) > html.rfind(">", 0, at) or html.rfind("<!--", 0, at) > html.rfind("-->", 0, at):
        return False
    return all(html.rfind(f"<{name}", 0, at) <= html.rfind(f"</{name}>", 0, at) for name in NOT_TEXT)
