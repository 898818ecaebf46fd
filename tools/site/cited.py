"""How a citation is shown: the work (linked to its full entry, on the page of its kind of work) and
the place in it; with `detail`, also where the editors read it and what kind of copy that was. The
words read (`said`) are shown once, in the work's full entry (tools/site/workpages.py). The one
formatter of citations on every page."""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup

from ..model.kindpages import work_page
from ..model.readings import language_read
from ..model.sourcelist import Citation, SourceList, Wording, Work
from .markup import in_language, join, lang, link, prose, text

COPY_LABELS = {
    "own": "",
    "archive": "an archive’s copy",
    "scan": "a scanned copy",
    "mirror": "a copy of another site’s page",
    "unauthorised": "an unauthorised copy",
}


def host(url: str) -> str:
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def read_at(citation: Citation | Wording) -> Markup:
    """'read at marxists.org (an archive’s copy)': where the editors read the work."""
    if citation.read_at is None:
        return Markup("")
    if not citation.read_at.startswith(("https:", "http:")):  # the chapter itself, as received
        return Markup("read in the text this edition reproduces")
    label = COPY_LABELS[citation.copy_kind]
    where = link(citation.read_at, text(host(citation.read_at)))
    if citation.copy_kind == "mirror" and citation.canonical:
        label = Markup("a copy of {}").format(link(citation.canonical, text(host(citation.canonical))))
    return Markup("read at {}{}").format(where, Markup(", {}").format(label) if label else "")


def where_read(citation: Citation | Wording, sources: SourceList) -> Markup:
    """Where the editors read it: `read_at`, or else the work's own address (a citation without
    `read_at` read the work's own page, tools/checker/sourcelist.py); empty when not known."""
    if citation.read_at is not None:
        return read_at(citation)
    work = sources.work.get(citation.work)
    if isinstance(citation, Citation) and work is not None and work.url:
        return Markup("read at {}").format(link(work.url, text(host(work.url))))
    return Markup("")


def work_href(work_id: str, sources: SourceList) -> str:
    """The address of a work's full entry: `sources-primary.html#report-1937` (tools/model/kindpages.py;
    sources.html holds every work's bibliography line under the same id)."""
    page = work_page(work_id, sources)
    return f"{page.html if page else 'sources.html'}#{work_id}"


def short_name(work: Work) -> Markup:
    """How citations name a work ("Trotzki, Stalins Verbrechen"), with the part that is its title
    marked in the work's language (WCAG 3.1.2); an author's name and the editors' own words ("German
    report 1937") as they are."""
    head, comma, tail = work.short.rpartition(", ")
    if work.language is None or not tail or not work.title.startswith(tail):
        return prose(work.short)
    return (prose(head) + Markup(comma) if comma else Markup("")) + in_language(prose(tail), work.language)


def work_link(work_id: str, sources: SourceList) -> Markup:
    work = sources.work.get(work_id)
    return link(work_href(work_id, sources), short_name(work)) if work else text(work_id)


def cited(citation: Citation | Wording, sources: SourceList, *, detail: bool = False) -> Markup:
    """'Report 1937, p. 136', the work linked to its full entry (where the words read are); with
    `detail`, where it was read: '(read at marxists.org, an archive’s copy)'."""
    shown = work_link(citation.work, sources)
    if citation.locator:
        shown += Markup(", ") + text(citation.locator)
    if detail:
        where = where_read(citation, sources)
        if where:
            shown += Markup(" (") + where + Markup(")")
    return shown


def said(citation: Citation, sources: SourceList) -> Markup:
    """The words read, each excerpt in quotation marks: they are the source's, not the editors'."""
    language = language_read(citation, sources)
    return join([verbatim(excerpt, language=language) for excerpt in citation.said], " … ")


def verbatim(words: str, marks: tuple[str, str] = ("“", "”"), language: str | None = None) -> Markup:
    """Words quoted from the chapter or a source, marked `verbatim`: the output guard holds them to
    the words recorded, as a whole, whatever quotation marks they hold inside. `language`: theirs,
    if not the page's, for a screen reader to read them in (WCAG 3.1.2)."""
    return Markup('{}<span class="verbatim"{}>{}</span>{}').format(marks[0], lang(language), words, marks[1])


def cited_list(citations: tuple[Citation, ...], sources: SourceList) -> Markup:
    """Several citations, each work once, in the order given."""
    seen: dict[tuple[str, str | None], Markup] = {}
    for citation in citations:
        seen.setdefault((citation.work, citation.locator), cited(citation, sources))
    return join(list(seen.values()))
