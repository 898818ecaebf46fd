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

# What is not a reader's text: a tag with its attributes, a comment, and elements whose content is
# not HTML text (a script, a style, an SVG drawing, the title in <head>).
NOT_TEXT = re2.compile(
    r"(?s)<script\b.*?</script>|<style\b.*?</style>|<svg\b.*?</svg>|<title\b.*?</title>|<!--.*?-->|<[^>]*>"
)
PAGE_LANGUAGE = re2.compile(r'<html\b[^>]*\blang="([^"]+)"')


def with_languages(html: str, declared: Iterable[str]) -> str:
    """The page with each run of words in another declared language's own script in a
    `<span lang="…">`, in the body's text."""
    page = PAGE_LANGUAGE.search(html)
    body = html.find("<body")
    scripts = others(page.group(1), declared) if page is not None else {}
    runs = [(run, language) for script, language in scripts.items() if (run := run_of(script)) is not None]
    if body == -1 or not runs:
        return html
    out, position = [html[:body]], body
    for skipped in NOT_TEXT.finditer(html, body):
        out += [marked(html[position : skipped.start()], runs), skipped.group()]
        position = skipped.end()
    out.append(marked(html[position:], runs))
    return "".join(out)


def marked(text: str, runs: list[tuple[re2._Regexp, str]]) -> str:
    for run, language in runs:
        text = run.sub(lambda words, language=language: f'<span lang="{language}">{words.group()}</span>', text)
    return text
