"""How a citation is shown: the work (linked to its entry on the sources page) and the place in it;
with `detail`, also where the editors read it, what kind of copy that was, and the words they read.
The one formatter of citations on every page."""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup

from ..model.sourcelist import Citation, SourceList, Wording
from .markup import join, link, prose, text

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


def work_link(work_id: str, sources: SourceList) -> Markup:
    work = sources.work.get(work_id)
    return link(f"sources.html#{work_id}", prose(work.short)) if work else text(work_id)


def cited(citation: Citation | Wording, sources: SourceList, *, detail: bool = False) -> Markup:
    shown = work_link(citation.work, sources)
    if citation.locator:
        shown += Markup(", ") + text(citation.locator)
    if detail:
        where = read_at(citation)
        if where:
            shown += Markup(" (") + where + Markup(")")
        if isinstance(citation, Citation):
            shown += Markup('<span class="said medium-screen">: {}</span>').format(said(citation))
    return shown


def said(citation: Citation) -> Markup:
    """The words read, each excerpt in quotation marks: they are the source's, not the editors'."""
    return join([verbatim(excerpt) for excerpt in citation.said], " … ")


def verbatim(words: str, marks: tuple[str, str] = ("“", "”")) -> Markup:
    """Words quoted from the chapter or a source, marked `verbatim`: the output guard holds them to
    the words recorded, as a whole, whatever quotation marks they hold inside."""
    return Markup('{}<span class="verbatim">{}</span>{}').format(marks[0], words, marks[1])


def cited_list(citations: tuple[Citation, ...], sources: SourceList) -> Markup:
    """Several citations, each work once, in the order given."""
    seen: dict[tuple[str, str | None], Markup] = {}
    for citation in citations:
        seen.setdefault((citation.work, citation.locator), cited(citation, sources))
    return join(list(seen.values()))
