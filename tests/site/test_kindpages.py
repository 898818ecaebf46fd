"""The apparatus as the site prepares it (tools/site/prepare.py `pages`, in this process): the sources
page is the bibliography, every work under its id; each work's full entry, on the page of its kind
(tools/site/workpages.py, the pages laid out by tools/model/kindpages.py), shows every citation of it
in the whole source list with its locator, where it was read (address and copy) and the words read
there; every other page names the work and the place in it and links to that full entry."""

from __future__ import annotations

import gzip
import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from conftest import PROJECT

from tools.guard.configs import read
from tools.model.edition import Checked
from tools.model.html import classes, local, parse, text_of
from tools.model.kindpages import (
    APPARATUS,
    PART_WEIGHT,
    balanced,
    generated_pages,
    kind_of_page,
    kind_pages,
    weight,
    work_page,
)
from tools.model.readings import readings
from tools.model.sourcelist import Citation, Wording
from tools.model.values import KINDS
from tools.publish.engine import with_kind_pages
from tools.site.cited import COPY_LABELS, host, work_href

# The article of a page of full entries, at gzip -9, as prepared: the theme adds about 5.3 kB, and a
# first view holds 65 kB, 54.5 of them the theme's and the edition's files (tests/browser/test_page_weight.py).
ENTRIES_PAGE_GZIP = 5_000


@pytest.fixture(scope="module")
def trees(prepared: dict[str, str]) -> dict[str, ET.Element]:
    """Each prepared page as a built page names it (`sources.html`), parsed."""
    return {name.removesuffix(".md") + ".html": parse(body.split("\n---\n", 1)[-1]) for name, body in prepared.items()}


def by_id(root: ET.Element, ident: str) -> ET.Element | None:
    return next((e for e in root.iter() if e.get("id") == ident), None)


def links(element: ET.Element) -> list[str]:
    return [a.get("href", "") for a in element.iter() if local(a.tag) == "a"]


def verbatim(element: ET.Element) -> list[str]:
    return [" ".join(text_of(e).split()) for e in element.iter() if "verbatim" in classes(e)]


def target(trees: dict[str, ET.Element], href: str) -> ET.Element | None:
    page, _, fragment = href.partition("#")
    return by_id(trees[page], fragment) if page in trees else None


# --- the layout ---------------------------------------------------------------------------------


def test_a_page_per_kind_cited_each_work_on_exactly_one(checked: Checked, prepared: dict[str, str]) -> None:
    sources = checked.sources
    laid_out = kind_pages(sources)
    assert [p.kind for p in laid_out] == sorted((p.kind for p in laid_out), key=KINDS.index)
    assert {p.kind for p in laid_out} == {w.kind for w in sources.works}
    for kind, group in itertools.groupby(laid_out, key=lambda p: p.kind):
        parts = list(group)
        assert [p.part for p in parts] == list(range(1, len(parts) + 1))
        assert all(p.parts == len(parts) for p in parts)
        # every work of the kind, in the source list's order, cut into runs
        assert [w for p in parts for w in p.works] == [w.id for w in sources.works if w.kind == kind]
    assert generated_pages(sources) == (*APPARATUS, *(p.name for p in laid_out))
    assert set(prepared) == {*sources.edition.pages, *sources.edition.editorial, *generated_pages(sources)}
    for page in laid_out:
        assert kind_of_page(page.name) == kind_of_page(page.html) == (page.kind, page.part)
    assert kind_of_page("sources.html") is None
    assert kind_of_page("sources-primary-1.html") is None
    assert kind_of_page("sources-primary-02.html") is None
    assert kind_of_page("sources-novel.html") is None


def test_each_page_of_entries_is_light_enough_for_a_first_view(checked: Checked, prepared: dict[str, str]) -> None:
    weights = weight(checked.sources)
    for page in kind_pages(checked.sources):
        assert len(page.works) == 1 or sum(weights[w] for w in page.works) <= PART_WEIGHT, page
        article = prepared[page.name].split("\n---\n", 1)[-1]
        size = len(gzip.compress(article.encode(), 9))
        assert size <= ENTRIES_PAGE_GZIP, f"{page.name}: {size} bytes at gzip -9"


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_the_runs_are_the_most_even_the_order_allows(count: int) -> None:
    weights = [5, 1, 9, 2, 2, 7, 3, 8, 1, 4]
    runs = balanced(weights, count)
    assert [i for run in runs for i in run] == list(range(len(weights)))
    assert len(runs) == count and all(runs)
    best = min(
        max(sum(weights[a:b]) for a, b in itertools.pairwise([0, *cuts, len(weights)]))
        for cuts in itertools.combinations(range(1, len(weights)), count - 1)
    )
    assert max(sum(weights[i] for i in run) for run in runs) == best


def test_the_navigation_holds_every_page_of_entries_after_the_sources(checked: Checked) -> None:
    nav = with_kind_pages(read(PROJECT / "mkdocs.yml")["nav"], checked)

    def files(item: object) -> Iterator[str]:
        if isinstance(item, str):
            yield item
        elif isinstance(item, list):
            for child in item:
                yield from files(child)
        elif isinstance(item, dict):
            for child in item.values():
                yield from files(child)

    names = list(files(nav))
    start = names.index("sources.md")
    kinds = [p.name for p in kind_pages(checked.sources)]
    assert names[start : start + 1 + len(kinds)] == ["sources.md", *kinds]
    assert len(names) == len(set(names))


# --- the bibliography -----------------------------------------------------------------------------


def test_every_work_keeps_its_address_on_the_sources_page(checked: Checked, trees: dict[str, ET.Element]) -> None:
    """sources.html#<work> is the address every published link to a work has (anchors.lock): it is
    the work's bibliography line, which links to its full entry."""
    for work in checked.sources.works:
        line = by_id(trees["sources.html"], work.id)
        assert line is not None and local(line.tag) == "p" and "bibliography" in classes(line), work.id
        assert work.title.replace("*", "") in " ".join(text_of(line).split()), work.id
        assert links(line)[-1] == work_href(work.id, checked.sources)
        full = target(trees, work_href(work.id, checked.sources))
        assert full is not None and local(full.tag) == "section" and "entry" in classes(full), work.id


def test_a_link_to_a_works_first_page_still_arrives(checked: Checked, trees: dict[str, ET.Element]) -> None:
    """On a kind of several pages each page lists the others' works under their ids."""
    for page in kind_pages(checked.sources):
        for work in (w for w in checked.sources.works if w.kind == page.kind):
            found = by_id(trees[page.html], work.id)
            assert found is not None, (page.html, work.id)
            assert work.id in page.works or links(found) == [work_href(work.id, checked.sources)]


def test_no_place_read_runs_into_its_locator(prepared: dict[str, str]) -> None:
    """'title page, read at …': a space after the comma."""
    assert not [name for name, body in prepared.items() if ",read at" in body]


# --- the full entries -----------------------------------------------------------------------------


def shows(li: ET.Element, cited: Citation | Wording) -> bool:
    """The reading shows these words read, at this place."""
    words = cited.said if isinstance(cited, Citation) else (cited.text,)
    said = verbatim(li)
    return all(" ".join(w.split()) in said for w in words) and (
        cited.locator is None or " ".join(cited.locator.split()) in text_of(li)
    )


def relies(li: ET.Element, relied: str) -> bool:
    return any(href.endswith(f"#{relied}") or href.endswith(f"#list-{relied}") for href in links(li))


def test_every_citation_is_shown_in_full_at_its_work(checked: Checked, trees: dict[str, ET.Element]) -> None:
    """Each citation anywhere in the source list: in its work's full entry, a reading with its
    locator, the address it was read at and the kind of copy, the words read, and a link to what
    relies on it."""
    sources = checked.sources
    for (section, *_), record, cited in readings(sources):
        page = work_page(cited.work, sources)
        assert page is not None, cited.work
        entry = by_id(trees[page.html], cited.work)
        assert entry is not None
        items = [li for li in entry.iter() if local(li.tag) == "li" and not any(local(c.tag) == "ul" for c in li)]
        relied = getattr(record, "id", "")
        own = section == "works" and relied == cited.work
        # The same words may be read at two places of the work's entry (its own details, and for
        # another work): the reading is the one that names what relies on it.
        matching = [li for li in items if shows(li, cited) and (own or relies(li, relied))]
        assert matching, (section, relied, cited.work, cited.locator)
        li = matching[0]
        address = cited.read_at or sources.work[cited.work].url
        if address and address.startswith(("https:", "http:")):
            assert address in links(li), (cited.work, address)
            assert host(address) in text_of(li)
        label = COPY_LABELS[cited.copy_kind]
        if cited.copy_kind == "mirror" and cited.canonical:
            assert cited.canonical in links(li)
        elif label:
            assert label in text_of(li), (cited.work, label)
        for said in (e for e in li.iter() if "said" in classes(e)):
            assert "medium-screen" in classes(said)  # words for the screen: on paper they stay on the site


def test_a_trials_report_is_cited_as_a_whole(checked: Checked, trees: dict[str, ET.Element]) -> None:
    for trial in checked.sources.trials:
        entry = target(trees, work_href(trial.report, checked.sources))
        assert entry is not None
        assert f"trials.html#{trial.id}" in links(entry)


# --- every other page ----------------------------------------------------------------------------


def apparatus_citations(checked: Checked) -> Iterator[tuple[str, str, tuple[Citation, ...]]]:
    """(page, entry id, its citations) for the lists of sources of the apparatus pages."""
    sources = checked.sources
    for person in sources.people:
        yield "people.html", person.id, person.sources
    for trial in sources.trials:
        yield "trials.html", trial.id, trial.sources
    for q in sources.quotations:
        yield "quotations.html", f"list-{q.id}", q.sources
    for term in sources.glossary:
        if not term.editorial:
            yield "glossary.html", term.id, term.sources
    for meeting in sources.meetings:
        yield "trials.html", meeting.id, meeting.claim_sources


def test_the_apparatus_names_the_work_and_the_place_and_links_to_the_full_entry(
    checked: Checked, trees: dict[str, ET.Element]
) -> None:
    sources = checked.sources
    for page, ident, cited in apparatus_citations(checked):
        entry = by_id(trees[page], ident)
        assert entry is not None, (page, ident)
        lists = [d for d in entry.iter() if "entry-sources" in classes(d)]
        items = [li for li in lists[0].iter() if local(li.tag) == "li"]
        assert len(items) == len(cited), (page, ident)
        for li, citation in zip(items, cited, strict=True):
            assert links(li) == [work_href(citation.work, sources)], (page, ident)
            expected = sources.work[citation.work].short.replace("*", "")
            if citation.locator:
                expected += ", " + citation.locator
            assert " ".join(text_of(li).split()) == " ".join(expected.split()), (page, ident)


def test_the_words_read_are_shown_only_in_the_full_entries(checked: Checked, trees: dict[str, ET.Element]) -> None:
    entries = {p.html for p in kind_pages(checked.sources)}
    for name, root in trees.items():
        said = [e for e in root.iter() if "said" in classes(e)]
        if name in entries:
            assert said, name
        else:
            assert not said, name
        for listed in (e for e in root.iter() if classes(e) & {"entry-sources", "note-sources"}):
            assert "read at" not in text_of(listed), name


def test_the_notes_link_each_work_to_its_full_entry(checked: Checked, trees: dict[str, ET.Element]) -> None:
    works = {work_href(w.id, checked.sources) for w in checked.sources.works}
    for section in checked.sections:
        root = trees[section.html]
        cited = [h for h in links(root) if h.startswith("sources")]
        assert cited and set(cited) <= works, section.html
