"""The apparatus pages, generated from the source list: people, quotations, the trials and the
meetings abroad, the glossary. Each entry is a <section id data-index-title>: one search result,
one link target, one place a reader can report a problem about."""

from __future__ import annotations

from markupsafe import Markup

from ..model.dates import date_text, format_date, iso, life_dates
from ..model.edition import Checked
from ..model.sourcelist import Citation, Quotation
from .chapter import status_badge
from .cited import cited, work_href
from .markup import element, in_language, link, prose, text

GENERATED = Markup(
    '<p data-index-skip=""><em>This page is generated from the edition’s source list; every fact on it cites '
    "its source.</em></p>"
)
# The search index leaves out an element marked data-index-skip (tools/publish/searchindex.py):
# lists of sources and cross-references, which would make most searches list every entry.
NOT_SEARCHED = Markup(' data-index-skip=""')


def page(title: str, anchor: str, intro: Markup, contents: list[tuple[str, str]], body: list[Markup]) -> str:
    heading = element(
        "h1", text(title) + link(f"#{anchor}", "¶", class_="headerlink", aria_label="Link to this section"), id=anchor
    )
    toc = ""
    if contents:
        items = Markup("").join(Markup('<li><a href="#{}">{}</a></li>').format(a, prose(t)) for a, t in contents)
        toc = Markup('<nav class="page-contents" aria-label="On this page"><ul>{}</ul></nav>').format(items)
    return "\n\n".join([heading, intro, GENERATED, toc, *body]) + "\n"  # blocks apart: Markdown passes each through


def entry(anchor: str, title: Markup, search_title: str | None, level: int, body: list[Markup]) -> Markup:
    """An entry: one search result titled `search_title`, or none (None: the search leaves it out)."""
    heading = element(
        f"h{level}", title + link(f"#{anchor}", "¶", class_="headerlink", aria_label="Link to this entry")
    )
    return element(
        "section",
        heading + Markup("\n").join(body),
        class_="entry",
        id=anchor,
        data_index_title=search_title,
        data_index_skip="" if search_title is None else None,
    )


def facts(rows: list[tuple[str, Markup | str]]) -> Markup:
    cells = Markup("").join(Markup("<dt>{}</dt><dd>{}</dd>").format(term, value) for term, value in rows if value)
    return Markup('<dl class="facts">{}</dl>').format(cells)


def sources_list(citations: tuple[Citation, ...], checked: Checked) -> Markup:
    """Each citation as the work and the place in it, linked to the work's full entry: where it was
    read and the words read there are shown there, once (tools/site/workpages.py)."""
    items = Markup("").join(Markup("<li>{}</li>").format(cited(c, checked.sources)) for c in citations)
    return Markup('<div class="entry-sources"{}><p>Sources:</p><ul>{}</ul></div>').format(NOT_SEARCHED, items)


def quotation_link(q: Quotation, checked: Checked, limit: int = 80) -> Markup:
    place = checked.quotation_place.get(q.id)
    words = shorten_quotation(checked.wording(q), limit)
    return link(f"{place.page.removesuffix('.md')}.html#{q.id}", words) if place else words


def shorten_quotation(words: str, limit: int) -> Markup:
    """The chapter's words of a quotation, cut at a word to about `limit` characters with the cut
    marked as the editors' […] (outside the quoted words): every word shown stays the chapter's."""
    words = " ".join(words.split())
    if len(words) <= limit:
        return Markup('<span class="verbatim">{}</span>').format(words)
    cut = words[:limit]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut
    return Markup('<span class="verbatim">{}</span> […]').format(cut)


# --- people -------------------------------------------------------------------------------------


def people_page(checked: Checked) -> str:
    sources = checked.sources
    named: dict[str, list[tuple[str, int, str]]] = {}  # person -> [(page, ¶, spelling)]
    from ..model.names import names_in

    for place in checked.placed:
        for name in names_in(place.paragraph.text, sources):
            spots = named.setdefault(name.person, [])
            if not any(s[1] == place.number and s[2] == name.spelling for s in spots):
                spots.append((place.page, place.number, name.spelling))
    body = []
    for person in sources.people:
        spots = named.get(person.id, [])
        in_chapter = list(dict.fromkeys(s[2] for s in spots))
        others = [v for v in person.variants if v not in in_chapter]
        rows: list[tuple[str, Markup | str]] = [
            ("Full or birth name", prose(person.full_name or "")),
            ("Spelled in the chapter", Markup(", ").join(Markup("<i>{}</i>").format(v) for v in in_chapter)),
            (
                "Not named in the chapter",
                prose(f"Editors’ inference: {person.implied_by}") if not spots and person.implied_by else "",
            ),
            ("Other spellings", text(", ".join(others))),
            ("In the English Reports", prose(person.report_form or "")),
            (
                "Life dates",
                text(life_dates(person))
                + (Markup(" ({})").format(prose(person.dates_note)) if person.dates_note else ""),
            ),
            ("Role", prose(person.role)),
            ("Identification", text(person.identification or "")),
        ]
        parts = [facts(rows), Markup("<p>{}</p>").format(prose(person.summary))]
        quotes = [q for q in sources.quotations if q.speaker == person.id]
        if quotes:
            items = Markup("").join(
                Markup("<li>{} — {}</li>").format(quotation_link(q, checked), status_badge(q.status, checked))
                for q in quotes
            )
            parts.append(
                Markup("<p{0}>Quotations attributed in the chapter:</p><ul{0}>{1}</ul>").format(NOT_SEARCHED, items)
            )
        if spots:
            links = Markup(", ").join(
                link(f"{page.removesuffix('.md')}.html#{checked.placed[number - 1].paragraph.id}", f"¶ {number}")
                for page, number, _ in spots
            )
            parts.append(Markup("<p{}>Named in the chapter: {}</p>").format(NOT_SEARCHED, links))
        parts.append(sources_list(person.sources, checked))
        body.append(entry(person.id, prose(person.name), person.name, 2, parts))
    intro = Markup(
        "<p>Everyone the chapter names or implies. The chapter’s own spellings are kept in the text; each links here.</p>"
    )
    return page("People", "people", intro, [(p.id, p.name) for p in sources.people], body)


# --- quotations ---------------------------------------------------------------------------------


def quotations_page(checked: Checked, legend: Markup) -> str:
    from .chapter import wording_chain

    sources = checked.sources
    body: list[Markup] = [legend, Markup('<h2 id="by-speaker">By speaker</h2>')]
    for person in sources.people:
        quotes = [q for q in sources.quotations if q.speaker == person.id]
        if not quotes:
            continue
        body.append(element("h3", prose(person.name), id=f"speaker-{person.id}"))
        for q in quotes:
            trial = sources.trial.get(q.trial or "")
            where = (
                link(f"trials.html#{trial.id}", text(trial.short))
                if trial
                else Markup("not established") + (Markup(" ({})").format(prose(q.trial_note)) if q.trial_note else "")
            )
            place = checked.quotation_place.get(q.id)
            in_chapter = (
                link(f"{place.page.removesuffix('.md')}.html#{q.id}", f"¶ {place.number}")
                if place
                else text("not in the chapter’s text")
            )
            rows: list[tuple[str, Markup | str]] = [
                ("Status", status_badge(q.status, checked)),
                ("Role", prose(q.role)),
                ("Trial", where),
                ("Occasion", prose(q.occasion or "not known")),
                ("Date", text(date_text(q.date, q.date_inferred))),
                ("In the chapter", in_chapter),
                ("The wording, link by link", wording_chain(q, checked)),
                ("Editors’ remark", prose(q.notes or "")),
            ]
            words = Markup('<p class="quoted"><span class="verbatim">{}</span></p>').format(checked.wording(q))
            title = Markup("{}: {}").format(prose(person.name), shorten_quotation(checked.wording(q), 60))
            body.append(
                entry(
                    f"list-{q.id}",
                    title,
                    f"Quotation: {person.name}",
                    4,
                    [words, facts(rows), sources_list(q.sources, checked)],
                )
            )
    body.append(Markup('<h2 id="by-trial">By trial</h2>'))
    groups: dict[str | None, list[Quotation]] = {}
    for q in sources.quotations:
        groups.setdefault(q.trial, []).append(q)
    for trial_id, quotes in sorted(groups.items(), key=lambda item: item[0] or "~"):
        trial = sources.trial.get(trial_id or "")
        body.append(
            element("h3", text(trial.short if trial else "Trial not established"), id=f"trial-{trial_id or 'unknown'}")
        )
        items = Markup("").join(
            Markup('<li><a href="#list-{}">{}</a> — {} — {}</li>').format(
                q.id,
                shorten_quotation(checked.wording(q), 80),
                prose(sources.name_of(q.speaker)),
                status_badge(q.status, checked),
            )
            for q in quotes
        )
        body.append(Markup("<ul{}>{}</ul>").format(NOT_SEARCHED, items))
    intro = Markup(
        "<p>Every quotation in the chapter with its attribution and how sure it is, in the chapter’s exact words "
        "(quotation marks included, its slips kept); where the editors shorten one, the cut is marked […]. Each entry "
        'follows the wording back, link by link. Download them as <a href="quotations.csv">CSV</a> or '
        '<a href="quotations.json">JSON</a>.</p>'
    )
    return page("Quotations", "quotations", intro, [("by-speaker", "By speaker"), ("by-trial", "By trial")], body)


# --- trials and meetings ------------------------------------------------------------------------


def trials_page(checked: Checked) -> str:
    sources = checked.sources
    body = [Markup('<h2 id="timeline">Timeline</h2>'), timeline(checked)]
    for trial in sources.trials:
        prosecutor = sources.person.get(trial.prosecutor)
        report = sources.work.get(trial.report)
        participants = Markup(", ").join(
            Markup("{} ({})").format(
                link(f"people.html#{p.person}", prose(sources.name_of(p.person))), prose(p.capacity)
            )
            for p in trial.participants
        )
        rows: list[tuple[str, Markup | str]] = [
            ("Official title", Markup("<cite>{}</cite>").format(prose(trial.title))),
            ("Dates", text(f"{format_date(trial.start)} – {format_date(trial.end)}, {trial.place}")),
            ("Court", prose(trial.court)),
            ("Prosecutor", link(f"people.html#{trial.prosecutor}", prose(prosecutor.name)) if prosecutor else ""),
            (
                "Published report",
                link(work_href(trial.report, sources), in_language(prose(report.title), report.language))
                if report
                else "",
            ),
            ("People of the chapter at this trial", participants),
        ]
        parts = [facts(rows)]
        if trial.note:
            parts.append(Markup("<p>{}</p>").format(prose(trial.note)))
        parts.append(sources_list(trial.sources, checked))
        body.append(entry(trial.id, text(trial.short), trial.short, 2, parts))
    body.append(Markup('<h2 id="meetings-abroad">The meetings abroad</h2>'))
    for meeting in sources.meetings:
        person = sources.person.get(meeting.person)
        held_at = sources.trial.get(meeting.trial)
        rows = [
            (
                "Who",
                Markup("{}, {}").format(
                    link(f"people.html#{meeting.person}", prose(person.name) if person else meeting.person),
                    text(held_at.short if held_at else ""),
                ),
            ),
            ("Where", prose(meeting.place)),
            ("Claimed date", text(format_date(meeting.claimed_date))),
            ("Testimony given", text(date_text(meeting.testified))),
        ]
        parts = [
            facts(rows),
            Markup("<p><strong>The claim.</strong> {}</p>").format(prose(meeting.claim)),
            sources_list(meeting.claim_sources, checked),
        ]
        for label, accounts in (
            ("Evidence and findings against the claim", meeting.refutations),
            ("Arguments for the claim", meeting.dissent),
        ):
            if not accounts:
                continue
            items = Markup("").join(
                Markup("<li><p>{}{}</p>{}</li>").format(
                    prose(a.text),
                    Markup(" — <em>{}</em>").format(a.by) if a.by else "",
                    sources_list(a.sources, checked),
                )
                for a in accounts
            )
            parts.append(Markup("<p><strong>{}:</strong></p><ul>{}</ul>").format(label, items))
        body.append(entry(meeting.id, prose(meeting.title), meeting.title, 3, parts))
    intro = Markup(
        "<p>The three Moscow trials the chapter draws on, and the three meetings with Trotsky abroad that it discusses.</p>"
    )
    contents = [
        ("timeline", "Timeline"),
        *[(t.id, t.short) for t in sources.trials],
        ("meetings-abroad", "The meetings abroad"),
    ]
    return page("The trials", "trials", intro, contents, body)


def timeline(checked: Checked) -> Markup:
    events: list[tuple[str, int, Markup, Markup]] = []
    for trial in checked.sources.trials:
        label = text(f"{format_date(trial.start)} – {format_date(trial.end)}")
        events.append((trial.start.isoformat(), 0, label, link(f"#{trial.id}", text(trial.short))))
    for meeting in checked.sources.meetings:
        title = link(f"#{meeting.id}", prose(meeting.title))
        events.append(
            (
                iso(meeting.claimed_date),
                1,
                text(format_date(meeting.claimed_date)),
                Markup("Alleged meeting: {} (claimed)").format(title),
            )
        )
        if meeting.testified is not None:
            events.append(
                (
                    meeting.testified.isoformat(),
                    2,
                    text(format_date(meeting.testified)),
                    Markup("Testimony in court: {}").format(title),
                )
            )
    items = Markup("").join(
        Markup('<li><time datetime="{}">{}</time> {}</li>').format(when, label, what)
        for when, _, label, what in sorted(events, key=lambda e: (e[0], e[1]))
    )
    return Markup('<ol class="timeline">{}</ol>').format(items)


# --- glossary -----------------------------------------------------------------------------------


def glossary_page(checked: Checked) -> str:
    body = []
    for term in checked.sources.glossary:
        parts = [Markup("<p>{}</p>").format(prose(term.definition))]
        if term.editorial:
            parts.append(Markup('<p class="entry-sources">The edition’s own term: the editors’ definition.</p>'))
        else:
            parts.append(sources_list(term.sources, checked))
        body.append(entry(term.id, prose(term.term), term.term, 2, parts))
    intro = Markup("<p>The words of the chapter and of this edition that a reader may not know.</p>")
    return page("Glossary", "glossary", intro, [(t.id, t.term) for t in checked.sources.glossary], body)
