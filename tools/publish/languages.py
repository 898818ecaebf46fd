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

# What is not a reader's text: a tag with its attributes, a comment, and the elements whose content
# is not HTML text (a script, a style, an SVG drawing, the title in <head>).
NOT_TEXT = re2.compile(
    r"(?s)<script\b.*?</script>|<style\b.*?</style>|<svg\b.*?</svg>|<title\b.*?</title>|<!--.*?-->|<[^>]*>"
)
PAGE_LANGUAGE = re2.compile(r'<html\b[^>]*\blang="([^"]+)"')


def with_languages(html: str, declared: Iterable[str]) -> str:
    """The page with each run of words in another declared language's own script in a
    `<span lang="…">`, in the body's text. The runs and the places that are not text are each found
    in one pass over the page, and walked together: a run inside a tag, a comment or a script is
    left as it is (a tag's name is a Latin word, so no run spans one)."""
    page = PAGE_LANGUAGE.search(html)
    body = html.find("<body")
    scripts = others(page.group(1), declared) if page is not None else {}
    for script, language in scripts.items():
        run = run_of(script)
        if body == -1 or run is None or run.search(html, body) is None:
            continue
        skipped = NOT_TEXT.finditer(html, body)
        around = next(skipped, None)
        out, position = [html[:body]], body
        for words in run.finditer(html, body):
            while around is not None and around.end() <= words.start():
                around = next(skipped, None)
            if around is not None and around.start() <= words.start():
                continue  # inside a tag, a comment or a script
            out += [html[position : words.start()], f'<span lang="{language}">', words.group(), "</span>"]
            position = words.end()
        html = "".join([*out, html[position:]])
    return html
