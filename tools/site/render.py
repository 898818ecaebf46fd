"""Markdown generated from the source list: the status legend and the editorial notes.

Pure functions from the source list (and page Markdown) to Markdown; the MkDocs hook only
calls them. Nothing here changes a word of the chapter: notes are inserted *between* paragraphs.
Every string from the source list passes the helper of its context (tools/model/escape.py).
"""

from __future__ import annotations

import re

from ..model.escape import html_attr, html_text, plain
from ..model.escape import markdown_text as md
from ..model.formats import citations, life_dates
from ..model.ids import PARAGRAPH_ID_LINES
from ..model.records import Note, SourceList
from .bibliography import bibliography_entry
from .common import NOT_SEARCHED

LEGEND_MARKER = "<!-- status-legend -->"
COUNTS_MARKER = "<!-- status-counts -->"  # how many quotations have each status, said from the data
# <!-- person: orlov --> and <!-- work: orlov-1953 --> insert an entry from the source list.
ENTRY_MARKER = re.compile(r"<!-- (?P<kind>person|work): (?P<id>[a-z0-9-]+) -->")


def status_legend(sources: SourceList, with_ids: bool = True) -> str:
    """A definition list, one entry per status. The landing page's copy carries the ids the
    footnotes link to; other copies have none, so ids stay unique in the single-file export."""
    items = []
    for name, status in sources.statuses.items():
        ident = f' id="status-{name}"' if with_ids else ""
        items.append(
            f'<dt{ident}><span class="status status-{name}">{html_text(plain(status.label))}</span></dt>\n'
            f"<dd>{html_text(plain(status.meaning))}</dd>"
        )
    return '<dl class="status-legend">\n' + "\n".join(items) + "\n</dl>"


def status_counts(sources: SourceList) -> str:
    """'Of the 7 quotations, none is verified, 1 is attributed, 5 are unverified and 1 is a paraphrase.'"""
    counts = [sum(1 for q in sources.quotations.values() if q.status == name) for name in sources.statuses]
    parts = []
    for (name, status), count in zip(sources.statuses.items(), counts, strict=True):
        label = md(status.label.lower(), emphasis=False)
        if name == "paraphrase":
            said = (
                "none is a paraphrase"
                if not count
                else f"{count} {'is a paraphrase' if count == 1 else 'are paraphrases'}"
            )
        else:
            said = f"none is {label}" if not count else f"{count} {'is' if count == 1 else 'are'} {label}"
        parts.append(said)
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    return f"Of the {len(sources.quotations)} quotations, {listed}."


def editorial_note(note: Note, sources: SourceList) -> str:
    cited = citations(note.sources, sources, detail=True)
    return (
        f'<aside class="admonition editorial" id="{note.id}" aria-label="Editor’s note on {html_attr(plain(note.term))}" markdown>\n'
        f'<p class="admonition-title">Editor’s note</p>\n\n'
        f"**{md(note.term, emphasis=False)}** — {md(note.text)}\n\n"
        f'<span class="note-sources" {NOT_SEARCHED}>Source: {cited}</span>\n\n'
        f"</aside>"
    )


def insert_notes(markdown: str, sources: SourceList) -> str:
    """Place each editorial note right after the paragraph it concerns (found by paragraph id)."""
    by_paragraph: dict[str, list[Note]] = {}
    for note in sources.notes.values():
        by_paragraph.setdefault(note.paragraph, []).append(note)

    def add_notes(match: re.Match[str]) -> str:
        notes = by_paragraph.get(match.group("id"), [])
        return match.group() + "".join("\n\n" + editorial_note(n, sources) for n in notes)

    return PARAGRAPH_ID_LINES.sub(add_notes, markdown)


def person_card(person_id: str, sources: SourceList) -> str:
    person = sources.people[person_id]
    cited = citations(person.sources, sources, detail=True)
    born_as = f" (born {md(person.full_name)})" if person.full_name else ""
    return (
        f"**[{md(person.name, emphasis=False)}](people.md#{person.id})**{born_as}, {md(life_dates(person))}: "
        f"{md(person.role)}. {md(person.summary)} *Sources: {cited}.*"
    )


def work_card(work_id: str, sources: SourceList) -> str:
    return f"{bibliography_entry(work_id, sources)} [Source entry](sources.md#{work_id})."


def expand_entry(match: re.Match[str], sources: SourceList) -> str:
    kind, ident = match.group("kind"), match.group("id")
    table = sources.people if kind == "person" else sources.works
    if ident not in table:
        raise KeyError(f"the page asks for {kind} '{ident}', which is not in {sources.path}")
    return person_card(ident, sources) if kind == "person" else work_card(ident, sources)


def page_markdown(markdown: str, page_name: str, sources: SourceList) -> str:
    if page_name in sources.pages:
        markdown = insert_notes(markdown, sources)
    markdown = ENTRY_MARKER.sub(lambda m: expand_entry(m, sources), markdown)
    markdown = markdown.replace(COUNTS_MARKER, status_counts(sources))
    return markdown.replace(LEGEND_MARKER, status_legend(sources, with_ids=page_name == "index.md"))


# docs/offline.md is built twice: for the site, and for the offline copies (the zip and the single
# file), where "download the zip" must point to the published site, since the zip cannot hold itself.
VARIANT = re.compile(r"<!-- (?P<edition>online|offline) edition -->\n(?P<text>.*?)<!-- end -->\n", re.DOTALL)
SITE_URL_MARK = "{site_url}"


def edition_variant(markdown: str, offline: bool, site_url: str) -> str:
    """Keep the text meant for this build (online or offline) and fill in the site's address."""
    wanted = "offline" if offline else "online"

    def pick(match: re.Match[str]) -> str:
        if match.group("edition") != wanted:
            return ""
        return match.group("text").replace(SITE_URL_MARK, html_attr(site_url))

    return VARIANT.sub(pick, markdown)


def with_print_url(content: str, url: str) -> str:
    """The page's own address after its title, shown only on printouts (edition.css, @media print)."""
    return content.replace("</h1>", f'</h1>\n<p class="print-url" {NOT_SEARCHED}>{html_text(url)}</p>', 1)


# Material's base.html gives its two hidden checkbox toggles (drawer, search) autocomplete="off",
# which HTML allows only on text-like inputs: the Nu HTML Checker rejects every page. The inputs
# are outside any template block, so the attribute is removed from the output; edition.js
# resets the toggles on load instead (what the attribute did in Firefox). tests/publish/test_html_valid.py.
TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def valid_toggles(output: str) -> str:
    return TOGGLE_AUTOCOMPLETE.sub(r"\1", output)
