"""The whole edition as ONE self-contained HTML file (dist/secret-history-19.html): every page of the
site in navigation order, links between pages rewritten to in-file anchors, one inlined stylesheet,
no script and no request (its Content-Security-Policy: `script-src 'none'`, tools/publish/csp.py).

Without a script, a footnote call is what the HTML popover API gives: a
`<button popovertarget="pop-…">` that opens a `<div popover class="fn-pop">`, a copy of the note
placed after its paragraph; the notes list stays at the end of each chapter page. Names link to
their entry under People. The stylesheet is export.css (the page without the theme) and the site's
own edition.css, which styles the popovers; the content has passed the output guard's check.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import Markup

from ..guard.problem import Allowed
from ..model.html import markup
from .bookmeta import BookMeta
from .bookpages import (
    Footnote,
    Page,
    Relinker,
    element,
    for_medium,
    note_content,
    page_anchor,
    replaced,
    take_cards,
    take_notes,
)
from .csp import meta as policy_meta
from .csp import single_file_policy
from .exportcheck import guarded

EXPORT = "the single file"


def popover_id(note: Footnote) -> str:
    return "pop-" + note.ident.replace(":", "-")


def popovers(notes: list[Footnote], page: Page) -> None:
    """Each call a button that opens a copy of its note, the copies after the call's paragraph."""
    standing: dict[int, list[ET.Element]] = {}
    for note in notes:
        target = popover_id(note)
        button = element(
            "button",
            note.number,
            type="button",
            class_="fn-ref",
            popovertarget=target,
            aria_label=f"Note {note.number}",
        )
        if note.call.get("id"):
            button.set("id", note.call.get("id", ""))
        button.tail = note.call.tail
        standing[id(note.call)] = [button]
        copy = element("div", None, popover="", id=target, class_="fn-pop")
        copy.tail = "\n"
        content = note_content(note)
        label = element("strong", f"Note {note.number}.")
        label.tail = " " + (content[0].text or "")
        content[0].text = None
        content[0].insert(0, label)
        copy.extend(content)
        standing.setdefault(id(note.paragraph), [note.paragraph]).append(copy)
    replaced(page.body, standing)


def single_file(pages: list[Page], book: BookMeta, allowed: Allowed, css: str) -> str:
    """The document: `pages` (fresh copies, changed here) and the stylesheet `css`."""
    relinker = Relinker(pages, book.url, one_document=True)
    sections = []
    for page in pages:
        for_medium(page.body, "screen")
        take_cards(page)  # the site's script shows them; here a name links to its entry under People
        relinker.relink(page)
        popovers(take_notes(page, keep_list=True), page)
        guarded(EXPORT, page, allowed, "screen")
        sections.append(markup(page.body))
    contents = Markup("\n").join(
        Markup('<li><a href="#{}">{}</a></li>').format(page_anchor(p.name), p.title) for p in pages
    )
    style = f"\n{css.strip()}\n"
    return str(
        Markup(TEMPLATE).format(
            policy=Markup(policy_meta(single_file_policy(style))),
            language=book.language,
            title=book.title,
            description=book.description,
            version=book.version,
            url=book.url,
            css=Markup(style),
            contents=contents,
            sections=Markup("\n").join(Markup(s) for s in sections),
        )
    )


TEMPLATE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
{policy}
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="description" content="{description}">
<title>{title}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E">
<style>{css}</style>
</head>
<body>
<header class="edition-header">
<p class="edition-name">{title}</p>
<p class="edition-version">Version of {version}. Published at <a href="{url}">{url}</a>. This file works without a network and runs no script.</p>
<nav aria-label="Contents"><ol class="edition-contents">
{contents}
</ol></nav>
</header>
<main class="md-typeset">
{sections}
</main>
</body>
</html>
"""
