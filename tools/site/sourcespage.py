"""The sources page, the edition's bibliography: every work it cites as one bibliography line, grouped
by kind, each under its own id (`sources.html#report-1937`, the address every published link to a work
has) and linked to its full entry on the page of its kind (tools/site/workpages.py); what the kinds
of source and of copy are; and the sites refused."""

from __future__ import annotations

from markupsafe import Markup

from ..model.dates import format_date
from ..model.edition import Checked
from ..model.kindpages import kind_pages
from ..model.sourcelist import Work
from .apparatus import NOT_SEARCHED, page
from .cited import short_name, work_href
from .markup import element, lang, link, prose, text

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


def kind_title(kind: str, part: int = 1, parts: int = 1) -> str:
    """'Primary records', or 'Primary records (2 of 3)' for a kind on several pages."""
    return KINDS[kind][0] + (f" ({part} of {parts})" if parts > 1 else "")


def closed(part: Markup) -> Markup:
    """A part of an entry with its full stop, unless it ends in one already ("6th ed.", "Jr.", "?")."""
    return part if str(part.striptags()).endswith((".", "?", "!")) else part + Markup(".")


def bibliography_entry(work: Work) -> Markup:
    """Author. *Title*. Edition. Place: Publisher, year. — parts not known are left out, never guessed."""
    parts: list[Markup] = []
    if work.author:
        parts.append(closed(prose(work.author)))
    parts.append(closed(Markup("<cite{}>{}</cite>").format(lang(work.language), prose(work.title))))
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


def full_entries(kind: str, checked: Checked) -> Markup:
    """'The full entries: Primary records.', or on several pages, a link to each."""
    parts = [p for p in kind_pages(checked.sources) if p.kind == kind]
    if len(parts) == 1:
        return Markup("The full entries: {}.").format(link(parts[0].html, KINDS[kind][0]))
    links = Markup(", ").join(link(p.html, f"part {p.part}") for p in parts)
    return Markup("The full entries, {} on {} pages: {}.").format(KINDS[kind][0].lower(), len(parts), links)


def sources_page(checked: Checked) -> str:
    """Every work's bibliography line under its id, with how citations name it, linked to its full
    entry. The lines are left out of the search, which finds each work at its full entry."""
    sources = checked.sources
    kinds = list(dict.fromkeys(page.kind for page in kind_pages(sources)))
    body: list[Markup] = [
        Markup('<h2 id="kinds">The kinds of source</h2>'),
        Markup("<p>The works are of {} kinds, each explained below with its works.</p>").format(len(kinds)),
        Markup('<p id="copies">{}</p>').format(COPIES),
    ]
    for kind in kinds:
        title, meaning = KINDS[kind]
        body.append(element("h2", text(title), id=f"kind-{kind}"))
        body.append(Markup("<p><em>{}</em> {}</p>").format(meaning, full_entries(kind, checked)))
        for work in (w for w in sources.works if w.kind == kind):
            cited_as = link(work_href(work.id, sources), short_name(work))
            stop = "" if work.short.endswith((".", "?", "!")) else "."
            body.append(
                Markup('<p class="bibliography" id="{}"{}>{} Cited as {}{}</p>').format(
                    work.id, NOT_SEARCHED, bibliography_entry(work), cited_as, stop
                )
            )
    body += denylist(checked)
    intro = Markup(
        "<p>Every work the edition cites, grouped by kind, as a bibliography. Each work’s full entry, on the page "
        "of its kind, says where the editors read it, the words they read there, and what relies on it.</p>"
    )
    contents = [(f"kind-{kind}", KINDS[kind][0]) for kind in kinds]
    return page(
        "Sources",
        "sources",
        intro,
        [("kinds", "The kinds of source"), *contents, ("denylist", "Sources not used")],
        body,
    )


def denylist(checked: Checked) -> list[Markup]:
    """Each reason once, with the sites refused for it (the link shorteners share one)."""
    by_reason: dict[str, list[str]] = {}
    for d in checked.sources.policy.denylist:
        by_reason.setdefault(d.reason, []).append(d.domain)
    items = Markup("").join(
        Markup("<li>{}: {}</li>").format(
            Markup(", ").join(Markup("<strong>{}</strong>").format(domain) for domain in domains), prose(reason)
        )
        for reason, domains in by_reason.items()
    )
    return [
        Markup('<h2 id="denylist">Sources the edition does not use</h2>'),
        Markup("<p>The checker refuses any address on these sites, for the reason given.</p><ul>{}</ul>").format(items),
    ]
