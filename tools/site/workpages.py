"""The pages of full entries, one for each kind of work the source list cites (`sources-primary.html`
…, a heavy kind continuing on numbered parts: tools/model/kindpages.py). A work's full entry gives the
editors' description and remark, then every place the whole source list cites in it: the locator,
where the editors read it (the address, and what kind of copy that was), the words they read there
(`said`, verbatim; words for the screen, as the site shows them) and what relies on them. Every other
page names a work and the place in it, and links here (tools/site/cited.py): the words read are
shown once, where the work is described.

A kind on several pages lists all its works at the top of each, each under its id where its entry is
on another part: a link to `sources-primary.html#x` still arrives when x has moved to part 2."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..model.edition import Checked
from ..model.kindpages import KindPage, kind_pages
from ..model.readings import language_read, reading_key, readings
from ..model.sourcelist import Citation, Meeting, Note, Quotation, Wording
from .apparatus import NOT_SEARCHED, entry, page, shorten_quotation
from .cited import said, short_name, verbatim, where_read, work_href
from .markup import link, prose, text
from .sourcespage import KINDS, bibliography_entry, kind_title

Cited = Citation | Wording


@dataclass
class Reading:
    """One place a work was read (a citation's locator, address, copy and words), and every entry
    that relies on it there: the words are shown once however many entries cite them."""

    citation: Cited | None  # None: the work is cited as a whole (a trial's published report)
    uses: list[Markup] = field(default_factory=list)
    own: bool = False  # for the work's own details (title, author, year …)


def use_of(section: str, entry: object, checked: Checked) -> Markup | None:
    """What relies on a citation, as a reader names it, linked to it (never a file name)."""
    sources = checked.sources
    ident = getattr(entry, "id", "")
    if section == "people":
        return link(f"people.html#{ident}", prose(sources.name_of(ident)))
    if section == "trials":
        trial = sources.trial[ident]
        return Markup("the {}").format(link(f"trials.html#{ident}", text(trial.short)))
    if isinstance(entry, Quotation):
        return Markup("the quotation {} ({})").format(
            link(f"quotations.html#list-{ident}", shorten_quotation(checked.wording(entry), 60)),
            prose(sources.name_of(entry.speaker)),
        )
    if isinstance(entry, Meeting):
        return Markup("the alleged meeting {}").format(link(f"trials.html#{ident}", prose(entry.title)))
    if isinstance(entry, Note):
        place = checked.paragraph.get(entry.paragraph)
        if place is None:
            return None
        where = f"{place.page.removesuffix('.md')}.html#{ident}"
        return Markup("the editor’s note on {}").format(link(where, Markup("<i>{}</i>").format(entry.term)))
    if section == "glossary":
        return Markup("the glossary’s {}").format(link(f"glossary.html#{ident}", prose(getattr(entry, "term", ""))))
    if section == "works":
        return Markup("the work {}").format(link(work_href(ident, sources), short_name(sources.work[ident])))
    return None


def readings_by_work(checked: Checked) -> dict[str, dict[object, Reading]]:
    """Every citation of each work in the whole source list, by work id, then by what was read
    (the same words at the same place are one reading): first those of its own details, then in the
    source list's order; a trial's report, cited as a whole, last."""
    sources = checked.sources
    found: dict[str, dict[object, Reading]] = {}

    def add(work_id: str, key: object, citation: Cited | None, use: Markup, own: bool = False) -> None:
        reading = found.setdefault(work_id, {}).setdefault(key, Reading(citation, own=own))
        if use not in reading.uses:
            reading.uses.append(use)

    for work in sources.works:
        for c in work.sources:
            if c.work == work.id:
                add(c.work, reading_key(c), c, Markup("its own details"), own=True)
    for key, record, cited in readings(sources):
        section = str(key[0])
        if section == "works" and cited.work == getattr(record, "id", None):
            continue
        use = use_of(section, record, checked)
        if use is not None:
            wording = Markup(", its wording") if isinstance(cited, Wording) else ""
            add(cited.work, reading_key(cited), cited, use + wording)
    for trial in sources.trials:
        use = Markup("the {}").format(link(f"trials.html#{trial.id}", text(trial.short)))
        add(trial.report, ("report", trial.id), None, use + Markup(", its published report"))
    return found


def shown(reading: Reading, checked: Checked) -> Markup:
    """'p. 136, read at marxists.org, an archive’s copy: “…” — for …': the place, where it was read,
    the words read there (for the screen: on paper they stay on the site), and what relies on it."""
    uses = Markup(" — for {}").format(Markup("; ").join(reading.uses))
    c = reading.citation
    if c is None:
        return Markup("Cited as a whole") + uses
    parts = [text(c.locator)] if c.locator else []
    parts.append(where_read(c, checked.sources) or Markup("read in print"))
    if isinstance(c, Citation):
        words = said(c, checked.sources)
    else:
        russian = any(q.russian is c for q in checked.sources.quotations)
        words = verbatim(c.text, ("«", "»") if russian else ("“", "”"), language_read(c, checked.sources))
    return Markup('{}<span class="said medium-screen">: {}</span>{}').format(Markup(", ").join(parts), words, uses)


def full_entry(work_id: str, checked: Checked, read: dict[object, Reading]) -> Markup:
    work = checked.sources.work[work_id]
    # On paper the entries follow the bibliography, which holds this line: it is for the screen.
    parts = [Markup('<p class="bibliography medium-screen">{}</p>').format(bibliography_entry(work))]
    if work.note:
        parts.append(Markup("<p>{}</p>").format(prose(work.note)))
    if work.remark:
        parts.append(Markup("<p>Editors’ remark: {}</p>").format(prose(work.remark)))
    # The places read for the work's own details are searched; the rest, like every page's lists of
    # sources, are not (they would make a search list every work).
    items = Markup("").join(
        Markup("<li{}>{}</li>").format("" if r.own else NOT_SEARCHED, shown(r, checked)) for r in read.values()
    )
    parts.append(
        Markup("<p>Where it was read, and what for:</p><ul>{}</ul>").format(items or Markup("<li>not cited yet</li>"))
    )
    return entry(work.id, short_name(work), work.short, 2, parts)


def other_parts(here: KindPage, checked: Checked) -> Markup:
    """On each page of a kind on several pages, the works on the others, each under its id: a link
    to a work on this page still arrives when the work has moved to another part as the list grew."""
    items = Markup("").join(
        Markup('<li id="{}">{} (part {})</li>').format(
            work_id, link(f"{other.html}#{work_id}", short_name(checked.sources.work[work_id])), other.part
        )
        for other in kind_pages(checked.sources)
        if other.kind == here.kind and other is not here
        for work_id in other.works
    )
    # For the screen: on paper and in a book the parts follow each other.
    return Markup('<nav class="page-contents medium-screen" aria-label="On the other pages"><ul>{}</ul></nav>').format(
        items
    )


def entries_page(checked: Checked, here: KindPage) -> str:
    """The full entries of the works on one page of a kind."""
    read = readings_by_work(checked)
    body = [full_entry(work_id, checked, read.get(work_id, {})) for work_id in here.works]
    intro = Markup(
        "<p><em>{}</em></p><p>Each work with every place the edition cites in it: where the editors read it and "
        "what kind of copy that was ({}), the words they read there, and what relies on them. {} lists every work.</p>"
    ).format(
        KINDS[here.kind][1],
        link("sources.html#copies", "the kinds of copy"),
        link(f"sources.html#kind-{here.kind}", "The bibliography"),
    )
    if here.parts > 1:
        intro += other_parts(here, checked)
    return page(kind_title(here.kind, here.part, here.parts), here.name.removesuffix(".md"), intro, [], body)


def kind_pages_of(checked: Checked) -> dict[str, tuple[str, str]]:
    """Each page of full entries: its name under docs/ -> (its title, its Markdown body)."""
    return {
        here.name: (kind_title(here.kind, here.part, here.parts), entries_page(checked, here))
        for here in kind_pages(checked.sources)
    }
