"""A chapter page as the reader gets it, rendered at build time from the page and the source list.

The chapter's words come from the page exactly (escaped, never read as markup); everything around
them is made here from the source list: the ¶ numbers and links, the links on names and the cards
they open, the note call after each quotation and the notes themselves (numbered through the whole
chapter), and the editor's notes after the paragraphs they concern. Markup contract: DESIGN notes
in ARCHITECTURE.md ("A chapter page"); edition.js, edition-tools.js and edition.css read it.
"""

from __future__ import annotations

from markupsafe import Markup

from ..model.chapter import ChapterPage, Heading, Paragraph
from ..model.dates import date_text, life_years
from ..model.edition import Checked
from ..model.names import names_in
from ..model.readings import language_read
from ..model.sourcelist import Note, Person, Quotation, Wording
from .cited import cited, cited_list, verbatim
from .markup import element, link, prose, text

NOT_SEEN = "not seen"


def render(page: ChapterPage, checked: Checked) -> str:
    """The page's article body (HTML): headings, paragraphs, editor's notes, the notes, the cards."""
    out: list[Markup] = []
    people: dict[str, str] = {}  # person id -> the first spelling on this page
    calls: list[str] = []  # quotation ids in the order of their calls
    for block in page.blocks:
        if isinstance(block, Heading):
            out.append(heading(block))
            continue
        out.append(paragraph(block, checked, people, calls))
        out += [editors_note(note, checked) for note in checked.notes_after.get(block.id, [])]
    if calls:
        out.append(notes(calls, checked))
    if people:
        here = {n.id for p in page.paragraphs for n in checked.notes_after.get(p.id, [])}
        out.append(cards(people, checked, here))
    return "\n\n".join(out) + "\n"  # blocks apart: Markdown passes each through as raw HTML


def heading(block: Heading) -> Markup:
    anchor = link(f"#{block.id}", "¶", class_="headerlink", aria_label="Link to this section")
    return element(
        f"h{block.level}", text(block.text) + anchor, id=block.id, class_="editor-heading" if block.editors else None
    )


def paragraph(block: Paragraph, checked: Checked, people: dict[str, str], calls: list[str]) -> Markup:
    number = checked.paragraph[block.id].number
    body: list[Markup] = [
        link(
            f"#{block.id}",
            str(number),
            class_="permalink para-number",
            aria_label=f"Paragraph {number}: link to this paragraph",
            data_index_skip="",
        )
    ]
    names = names_in(block.text, checked.sources)
    position = 0
    for mark in block.marks:
        body.append(_named(block.text, position, mark.start, names, checked, people))
        words = _named(block.text, mark.start, mark.end, names, checked, people)
        body.append(element("span", words, class_="quotation", id=mark.id))
        if mark.id not in calls:
            calls.append(mark.id)
        n = checked.note_number[mark.id]
        body.append(
            link(
                f"#fn:{mark.id}",
                str(n),
                class_="fn-ref",
                id=f"fnref:{mark.id}",
                role="doc-noteref",
                aria_label=f"Note {n}",
                data_index_skip="",
            )
        )
        body.append(
            link(
                f"#{mark.id}",
                "¶",
                class_="permalink quote-link",
                aria_label="Link to this quotation",
                data_index_skip="",
            )
        )
        position = mark.end
    body.append(_named(block.text, position, len(block.text), names, checked, people))
    return element("p", Markup("").join(body), id=block.id, class_="chapter-paragraph", data_index_title=f"¶ {number}")


def _named(text_: str, start: int, end: int, names: list, checked: Checked, people: dict[str, str]) -> Markup:  # type: ignore[type-arg]
    """The chapter's words from `start` to `end`, each person's name a link that opens their card."""
    out: list[Markup] = []
    position = start
    for name in names:
        if name.start < start or name.end > end:
            continue
        out.append(text_escape(text_[position : name.start]))
        people.setdefault(name.person, name.spelling)
        out.append(
            link(
                f"people.html#{name.person}",
                text_escape(name.spelling),
                class_="person",
                data_card=f"card-{name.person}",
            )
        )
        position = name.end
    out.append(text_escape(text_[position:end]))
    return Markup("").join(out)


def text_escape(words: str) -> Markup:
    """The chapter's own words: escaped, and otherwise exactly as written (spaces included)."""
    return Markup.escape(words)


def editors_note(note: Note, checked: Checked) -> Markup:
    return Markup(
        '<aside class="admonition editorial" id="{id}" aria-label="Editor’s note on {term}" data-index-title="Editor’s note: {term}">\n'
        '<p class="admonition-title" data-index-skip="">Editor’s note<a class="permalink note-link" href="#{id}" aria-label="Link to this editor’s note">¶</a></p>\n'
        "<p><strong>{term}</strong> — {body}</p>\n"
        '<p class="note-sources" data-index-skip="">Sources: {sources}</p>\n'
        "</aside>"
    ).format(id=note.id, term=note.term, body=prose(note.text), sources=cited_list(note.sources, checked.sources))


def notes(calls: list[str], checked: Checked) -> Markup:
    items = []
    for quotation_id in calls:
        q = checked.sources.quotation.get(quotation_id)
        n = checked.note_number[quotation_id]
        back = link(
            f"#fnref:{quotation_id}",
            "↩",
            class_="fn-back",
            role="doc-backlink",
            aria_label=f"Back to the quotation (note {n})",
        )
        body = footnote(q, checked) if q is not None else text("No entry in the source list.")
        items.append(element("li", Markup("<p>{} {}</p>").format(body, back), id=f"fn:{quotation_id}", value=str(n)))
    return Markup(
        '<section class="footnotes" id="notes" role="doc-endnotes" aria-labelledby="notes-title" data-index-skip="">\n'
        '<h2 id="notes-title">Notes</h2>\n<ol>\n{}\n</ol>\n</section>'
    ).format(Markup("\n").join(items))


def status_badge(status: str, checked: Checked) -> Markup:
    label = checked.sources.statuses[status].label if status in checked.sources.statuses else status
    return link(f"index.html#status-{status}", text(label), class_=f"status status-{status}")


def footnote(q: Quotation, checked: Checked) -> Markup:
    """Speaker, role, trial, occasion, date, status, the wording link by link, sources: one paragraph."""
    sources = checked.sources
    person = sources.person.get(q.speaker)
    who = link(f"people.html#{q.speaker}", prose(person.name)) if person else text(q.speaker)
    trial = sources.trial.get(q.trial or "")
    if trial:
        where = Markup("{}: <cite>{}</cite>").format(
            link(f"trials.html#{trial.id}", text(trial.short)), prose(trial.title)
        )
    else:
        where = Markup("Trial not established") + (Markup(" ({})").format(prose(q.trial_note)) if q.trial_note else "")
    occasion = q.occasion or "occasion not known"
    date = "date not known" if q.date is None else date_text(q.date, q.date_inferred)
    return Markup("<strong>{}</strong>, {}. {}. {}; {}. Status: {}. Wording: {}. Sources: {}.").format(
        who,
        prose(q.role),
        where,
        prose(occasion[0].upper() + occasion[1:]),
        text(date),
        status_badge(q.status, checked),
        wording_chain(q, checked),
        cited_list(q.sources, sources),
    )


def wording_chain(q: Quotation, checked: Checked) -> Markup:
    """The quotation's wording, link by link from the chapter's machine-translated words: Orlov's
    Russian, the editors' literal translation of it (theirs: in italics, never in quotation
    marks), and the official Report's words."""
    russian = Markup("{}’s Russian").format(checked.author)
    links = [Markup("the chapter’s, above"), wording(russian, q.russian, checked, ("«", "»"))]
    if q.russian is not None:
        literal = Markup("<i>{}</i>").format(q.literal) if q.literal else Markup("not made")
        links.append(
            Markup("the editors’ literal translation of it (theirs, not {}’s): {}").format(checked.author, literal)
        )
    links.append(wording(Markup("the official Report"), q.report_wording, checked, ("“", "”")))
    return Markup(" → ").join(links)


def wording(label: Markup, words: Wording | None, checked: Checked, marks: tuple[str, str]) -> Markup:
    if words is None:
        return label + Markup(": ") + NOT_SEEN
    note = Markup(" ({})").format(prose(words.note)) if words.note else ""
    return Markup("{}, {}: {}{}").format(
        label,
        cited(words, checked.sources, detail=True),
        verbatim(words.text, marks, language_read(words, checked.sources)),
        note,
    )


def cards(people: dict[str, str], checked: Checked, notes_here: set[str]) -> Markup:
    """One card per person named on the page: who, the role, how the chapter spells the name."""
    notes = {note.term: note.id for note in checked.sources.notes if note.id in notes_here}
    out = []
    for person_id, spelling in people.items():
        person = checked.sources.person.get(person_id)
        if person is not None:
            out.append(card(person, spelling, notes.get(spelling)))
    return Markup('<div class="person-cards" hidden>\n{}\n</div>').format(Markup("\n").join(out))


def card(person: Person, spelling: str, note: str | None) -> Markup:
    """Who the person is; where the chapter's spelling is not the person's name, that it is the
    machine translation's, with the editor's note on it where there is one."""
    spelled = Markup("")
    if spelling not in person.name:
        see = Markup(' See the <a href="#{}">editor’s note</a>.').format(note) if note else ""
        spelled = Markup("<p>The chapter spells the name <i>{}</i>, as the machine translation has it.{}</p>").format(
            spelling, see
        )
    return Markup(
        '<div class="person-card" id="card-{id}">'
        "<p><strong>{name}</strong> ({years}): {role}.</p>{spelled}"
        '<p><a href="people.html#{id}">Full entry</a></p></div>'
    ).format(id=person.id, name=prose(person.name), years=life_years(person), role=prose(person.role), spelled=spelled)
