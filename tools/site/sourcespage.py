"""The sources page: every work the edition cites, grouped by kind, with where it was read, what kind
of copy that was, what the editors read there, and what relies on it; and the sites refused."""

from __future__ import annotations

from markupsafe import Markup

from ..model.dates import format_date
from ..model.edition import Checked
from ..model.sourcelist import Work
from .apparatus import NOT_SEARCHED, entry, page, shorten_quotation
from .cited import read_at, said
from .markup import element, link, prose, text

KINDS = {
    "primary": (
        "Primary records",
        "The records of the trials and of the inquiries into them: the published Reports of Court Proceedings, court "
        "and commission documents, archival documents. They show what was said and decided, not whether it was true.",
    ),
    "memoir": (
        "Memoirs and participants’ accounts",
        "Accounts by people who took part or looked on (the book this text is from among them), written for a purpose; read as "
        "testimony, checked against the records.",
    ),
    "scholarship": (
        "Scholarship",
        "Historians’ books and articles, with their own references; used for what they establish, cited by page where one was seen.",
    ),
    "reference": (
        "Reference works",
        "Encyclopedias and biographical dictionaries; used only for what the edition’s policy allows them to support.",
    ),
    "press": (
        "Press",
        "Newspapers, periodicals and reviews, of the time or later; used for what they reported and when.",
    ),
    "polemic": (
        "Polemics",
        "Partisan writing that argues a case; cited only to record that the case is made, never as support for a fact.",
    ),
}
COPIES = (
    "Where a work was read is given with it, and what kind of copy that was: the publisher’s or author’s own page, "
    "an archive’s transcription or page, a scanned copy, a copy of another site’s page, or an unauthorised copy "
    "(an e-book reader or document site). The work cited is always the work itself; an unauthorised copy only says "
    "where its words were read."
)


def closed(part: Markup) -> Markup:
    """A part of an entry with its full stop, unless it ends in one already ("6th ed.", "Jr.", "?")."""
    return part if str(part.striptags()).endswith((".", "?", "!")) else part + Markup(".")


def bibliography_entry(work: Work) -> Markup:
    """Author. *Title*. Edition. Place: Publisher, year. — parts not known are left out, never guessed."""
    parts: list[Markup] = []
    if work.author:
        parts.append(closed(prose(work.author)))
    parts.append(closed(Markup("<cite>{}</cite>").format(prose(work.title))))
    if work.container:
        parts.append(closed(Markup("In <cite>{}</cite>").format(prose(work.container))))
    if work.edition:
        parts.append(closed(prose(work.edition)))
    imprint = Markup(": ").join(prose(p) for p in (work.place, work.publisher) if p)
    year = text(format_date(work.year)) if work.year is not None else Markup("n.d.")
    parts.append(closed(Markup("{}, {}").format(imprint, year) if imprint else year))
    if work.url:
        parts.append(link(work.url, text(work.url)))
    return Markup(" ").join(parts)


def sources_page(checked: Checked) -> str:
    sources = checked.sources
    body: list[Markup] = [Markup('<h2 id="kinds">The kinds of source</h2>')]
    kinds = Markup("").join(
        Markup("<dt>{}</dt><dd>{}</dd>").format(title, meaning) for title, meaning in KINDS.values()
    )
    body.append(Markup('<dl class="facts">{}</dl><p>{}</p>').format(kinds, COPIES))
    uses = cited_by(checked)
    for kind, (title, meaning) in KINDS.items():
        works = [w for w in sources.works if w.kind == kind]
        if not works:
            continue
        body.append(element("h2", text(title), id=f"kind-{kind}"))
        body.append(Markup("<p><em>{}</em></p>").format(meaning))
        for work in works:
            parts = [Markup('<p class="bibliography">{}</p>').format(bibliography_entry(work))]
            if work.note:
                parts.append(Markup("<p>{}</p>").format(prose(work.note)))
            if work.remark:
                parts.append(Markup("<p>Editors’ remark: {}</p>").format(prose(work.remark)))
            if work.sources:
                items = Markup("").join(
                    Markup('<li>{}{}<span class="said medium-screen">: {}</span></li>').format(
                        text(c.locator) + Markup(", ") if c.locator else "",
                        read_at(c) or Markup("read in print"),
                        said(c),
                    )
                    for c in work.sources
                )
                parts.append(Markup("<p>Where this record was read:</p><ul>{}</ul>").format(items))
            used = uses.get(work.id, [])
            items = Markup("").join(Markup("<li>{}</li>").format(u) for u in used) or Markup("<li>nothing yet</li>")
            parts.append(Markup("<p{0}>Cited for:</p><ul{0}>{1}</ul>").format(NOT_SEARCHED, items))
            body.append(entry(work.id, prose(work.short), work.short, 3, parts))
    body += denylist(checked)
    intro = Markup(
        "<p>Every work the edition cites, grouped by kind, with where it was read and what relies on it.</p>"
    )
    contents = [(f"kind-{k}", t) for k, (t, _) in KINDS.items() if any(w.kind == k for w in sources.works)]
    return page(
        "Sources",
        "sources",
        intro,
        [("kinds", "The kinds of source"), *contents, ("denylist", "Sources not used")],
        body,
    )


def denylist(checked: Checked) -> list[Markup]:
    items = Markup("").join(
        Markup("<li><strong>{}</strong>: {}</li>").format(d.domain, prose(d.reason))
        for d in checked.sources.policy.denylist
    )
    return [
        Markup('<h2 id="denylist">Sources the edition does not use</h2>'),
        Markup("<p>The checker refuses any address on these sites, for the reason given.</p><ul>{}</ul>").format(items),
    ]


def cited_by(checked: Checked) -> dict[str, list[Markup]]:
    """What relies on each work, by the pages a reader sees (never a file name)."""
    sources = checked.sources
    found: dict[str, list[Markup]] = {}

    def add(work_id: str, what: Markup) -> None:
        found.setdefault(work_id, [])
        if what not in found[work_id]:
            found[work_id].append(what)

    for q in sources.quotations:
        what = Markup("Quotation {} ({})").format(
            link(f"quotations.html#list-{q.id}", shorten_quotation(checked.wording(q), 60)),
            prose(sources.name_of(q.speaker)),
        )
        for work_id in (*(c.work for c in q.sources), *(w.work for w in (q.russian, q.report_wording) if w)):
            add(work_id, what)
    for person in sources.people:
        for c in person.sources:
            add(c.work, Markup("Person: {}").format(link(f"people.html#{person.id}", prose(person.name))))
    for trial in sources.trials:
        for work_id in (trial.report, *(c.work for c in trial.sources)):
            add(work_id, Markup("Trial: {}").format(link(f"trials.html#{trial.id}", text(trial.short))))
    for meeting in sources.meetings:
        citations = (*meeting.claim_sources, *(c for a in (*meeting.refutations, *meeting.dissent) for c in a.sources))
        for c in citations:
            add(c.work, Markup("Alleged meeting: {}").format(link(f"trials.html#{meeting.id}", prose(meeting.title))))
    for note in sources.notes:
        place = checked.paragraph.get(note.paragraph)
        if place is None:
            continue
        section = next((s for s in checked.sections if s.page == place.page), None)
        where = Markup("Editor’s note on <i>{}</i> ({})").format(
            note.term,
            link(
                f"{place.page.removesuffix('.md')}.html#{note.id}",
                text(section.title if section else f"¶ {place.number}"),
            ),
        )
        for c in note.sources:
            add(c.work, where)
    for term in sources.glossary:
        for c in term.sources:
            add(c.work, Markup("Glossary: {}").format(link(f"glossary.html#{term.id}", prose(term.term))))
    for work in sources.works:
        for c in work.sources:
            if c.work != work.id:
                add(c.work, Markup("Work: {}").format(link(f"sources.html#{work.id}", prose(work.short))))
    return found
