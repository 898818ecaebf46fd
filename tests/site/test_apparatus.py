"""The generated pages (tools/site/apparatus.py, sourcespage.py), made in this process from the real
source list and from the mini fixture, and read back with the one HTML parser:

- people: one entry per person in the source list's order; the spellings the chapter uses (found here
  independently) and the paragraphs that name them; life dates with Old Style twins and unstated
  calendars, unknown dates said to be not known, and why; implied people said to be implied; full and
  report names, role, each speaker's quotations with their status, and the sources, each linked to
  the work's full entry;
- sources: the bibliography, the works grouped by kind, each kind saying what it means, each work
  under its id; the denylist with its reasons; in each work's full entry (on the page of its kind,
  tools/site/workpages.py, tested in test_kindpages.py) a mirror names the page it copies, and every
  work lists everything that cites it, or says nothing does;
- quotations: by speaker and by trial, each with its status, its place in the chapter and every fact,
  "not known" where the list has none;
- trials: a section per trial (prosecutor, report, people) and per alleged meeting, and the timeline in
  order, a trial opening before the testimony of its first day;
- no page says None or null, in the real project nor in one whose optional facts are all unknown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import PROJECT, Project

from tools.checker import check
from tools.model.dates import date_text
from tools.model.edition import Checked, Site
from tools.model.html import classes, local, parse_fragment, text_of
from tools.model.kindpages import generated_pages, work_page
from tools.site.cited import short_name, work_href
from tools.site.markup import plain
from tools.site.prepare import pages
from tools.site.sourcespage import KINDS, bibliography_entry

SITE = Site("https://edition.example.org/history/")
NONE_OR_NULL = re.compile(r"\bNone\b|\bnull\b")


def checked_of(root: object = PROJECT) -> Checked:
    result = check(root)  # type: ignore[arg-type]
    assert result.checked is not None and not result.errors, [str(f) for f in result.errors]
    return result.checked


@pytest.fixture(scope="module")
def made(prepared: dict[str, str], checked: Checked) -> dict[str, ET.Element]:
    """Every generated page's body, parsed."""
    return {
        name: parse_fragment(markdown.split("\n---\n", 1)[1])
        for name, markdown in prepared.items()
        if name in generated_pages(checked.sources)
    }


def entries(root: ET.Element) -> dict[str, ET.Element]:
    return {e.get("id", ""): e for e in root.iter() if local(e.tag) == "section" and "entry" in classes(e)}


def facts(entry: ET.Element) -> dict[str, str]:
    """A fact list (<dl class="facts">) as label -> text."""
    found: dict[str, str] = {}
    for dl in (e for e in entry.iter() if local(e.tag) == "dl" and "facts" in classes(e)):
        label = ""
        for item in dl:
            if local(item.tag) == "dt":
                label = text_of(item)
            else:
                found[label] = text_of(item)
    return found


def hrefs(element: ET.Element) -> list[str]:
    return [a.get("href", "") for a in element.iter() if local(a.tag) == "a" and a.get("href")]


def heading_ids(root: ET.Element, level: str) -> list[str]:
    return [e.get("id", "") for e in root.iter() if local(e.tag) == level and e.get("id")]


# --- the chapter's sections ---------------------------------------------------------------------------


def test_the_chapter_is_numbered_through_its_sections(checked: Checked) -> None:
    numbers = [p.number for p in checked.placed]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [(s.page, s.first, s.last) for s in checked.sections] == [
        ("warning.md", 1, 3),
        ("praise.md", 4, 9),
        ("trotsky.md", 10, 13),
        ("meetings.md", 14, 16),
    ]


# --- people -----------------------------------------------------------------------------------------


def chapter_spellings(checked: Checked) -> dict[str, dict[str, set[int]]]:
    """Computed here, independently: each person's spellings in the chapter's paragraphs, and where;
    the longest spelling over the same words wins (Lev Lvovich Sedov, not Sedov)."""
    found: dict[str, dict[str, set[int]]] = {}
    forms = sorted(checked.sources.spellings, key=len, reverse=True)
    for place in checked.placed:
        taken: list[tuple[int, int]] = []
        for form in forms:
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", place.paragraph.text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append(match.span())
                person = checked.sources.spellings[form]
                found.setdefault(person, {}).setdefault(form, set()).add(place.number)
    return found


def test_one_entry_per_person_in_the_source_lists_order(made: dict[str, ET.Element], checked: Checked) -> None:
    people = entries(made["people.md"])
    assert list(people) == [p.id for p in checked.sources.people]
    for person in checked.sources.people:
        [heading] = [e for e in people[person.id] if local(e.tag) == "h2"]
        assert text_of(heading).removesuffix("¶") == plain(person.name)
    assert [h.removeprefix("#") for h in hrefs(made["people.md"].find(".//nav") or ET.Element("x"))] == list(people)


def test_each_person_shows_the_spellings_the_chapter_uses_and_where(
    made: dict[str, ET.Element], checked: Checked
) -> None:
    people = entries(made["people.md"])
    found = chapter_spellings(checked)
    assert set(found["vyshinsky"]) == {"Velicki"}
    for person in checked.sources.people:
        entry = people[person.id]
        spelled = facts(entry).get("Spelled in the chapter")
        if person.id not in found:
            assert spelled is None, person.id
            continue
        assert spelled is not None and set(spelled.split(", ")) >= set(found[person.id]), person.id
        others = facts(entry).get("Other spellings", "")
        assert not set(others.split(", ")) & set(found[person.id]), person.id
        named = [h for h in hrefs(entry) if re.fullmatch(r"\w+\.html#p-[\w-]+", h)]
        numbers = sorted({n for ns in found[person.id].values() for n in ns})
        assert sorted(checked.paragraph[h.split("#")[1]].number for h in named) == numbers, person.id


def test_life_dates_with_their_calendars_and_unknowns_said(made: dict[str, ET.Element], checked: Checked) -> None:
    people = entries(made["people.md"])
    dates = {p.id: facts(people[p.id])["Life dates"] for p in checked.sources.people}
    assert dates["vyshinsky"] == "10 December 1883 (28 November Old Style) – 22 November 1954"
    assert dates["rosengolts"].startswith("16 November 1889 (4 November Old Style) – 15 March 1938")
    assert dates["sedov"] == "24 February 1906 (the sources do not say in which calendar) – 16 February 1938"
    assert dates["kommodov"] == "not known – not known"
    assert dates["romm"] == "not known – not known"
    for person in checked.sources.people:  # what the sources disagree on, or why a date is not known
        if person.dates_note:
            assert plain(person.dates_note) in dates[person.id], person.id


def test_names_roles_and_sources_of_each_person(made: dict[str, ET.Element], checked: Checked) -> None:
    people = entries(made["people.md"])
    assert facts(people["trotsky"])["Full or birth name"] == "Lev Davidovich Bronstein"
    assert facts(people["vyshinsky"])["In the English Reports"] == "A. Y. Vyshinsky"
    for person in checked.sources.people:
        entry = people[person.id]
        assert facts(entry)["Role"] == plain(person.role)
        assert plain(person.summary) in text_of(entry)
        links = hrefs(entry)
        for citation in person.sources:  # where it was read: in the work's full entry (test_kindpages.py)
            assert work_href(citation.work, checked.sources) in links, (person.id, citation.work)


def test_implied_people_say_so_in_words_marked_as_the_editors(made: dict[str, ET.Element], checked: Checked) -> None:
    """Why the editors think a person the chapter does not name is meant is their inference, and
    says so (an `implied_by` is the editors' words, as a remark is)."""
    people = entries(made["people.md"])
    implied = {p.id for p in checked.sources.people if p.mention == "implied"}
    assert {"sedov", "yagoda", "yezhov", "orlov"} <= implied
    for person in checked.sources.people:
        said = facts(people[person.id]).get("Not named in the chapter", "")
        assert said.startswith("Editors’ inference: ") == (person.id in implied), person.id


def test_each_speakers_quotations_with_their_status(made: dict[str, ET.Element], checked: Checked) -> None:
    people = entries(made["people.md"])
    for q in checked.sources.quotations:
        place = checked.quotation_place[q.id]
        links = hrefs(people[q.speaker])
        assert f"{place.page.removesuffix('.md')}.html#{q.id}" in links and f"index.html#status-{q.status}" in links


# --- sources ----------------------------------------------------------------------------------------


def test_the_works_are_grouped_by_kind_and_each_kind_says_what_it_means(
    made: dict[str, ET.Element], checked: Checked
) -> None:
    page = made["sources.md"]
    kinds = list(dict.fromkeys(w.kind for w in checked.sources.works))
    assert sorted(heading_ids(page, "h2")) == sorted(["kinds", *[f"kind-{k}" for k in kinds], "denylist"])
    works = {e.get("id", ""): e for e in page.iter() if local(e.tag) == "p" and "bibliography" in classes(e)}
    assert sorted(works) == sorted(w.id for w in checked.sources.works)
    order = [e.get("id") for e in page.iter() if local(e.tag) in ("h2", "p") and e.get("id")]
    for work in checked.sources.works:  # under its kind's heading
        kind_at = order.index(f"kind-{work.kind}")
        nexts = [i for i, ident in enumerate(order) if ident.startswith("kind-") or ident == "denylist"]
        assert kind_at < order.index(work.id) < min(i for i in nexts if i > kind_at), work.id
    text = " ".join(text_of(page).split())
    for kind in kinds:
        title, meaning = KINDS[kind]
        assert title in text and " ".join(meaning.split()) in text, kind


def test_the_denylist_gives_its_reasons(made: dict[str, ET.Element], checked: Checked) -> None:
    """Each reason once, after the sites refused for it: the link shorteners share one line."""
    items = [" ".join(text_of(li).split()) for li in made["sources.md"].iter() if local(li.tag) == "li"]
    for denied in checked.sources.policy.denylist:
        reason = f": {plain(denied.reason)}"
        [item] = [i for i in items if i.endswith(reason)]
        assert denied.domain in item.removesuffix(reason).split(", ")
    shorteners = [i for i in items if i.startswith("bit.ly, ")]
    assert len(shorteners) == 1 and "tinyurl.com" in shorteners[0], shorteners


def full_entry(made: dict[str, ET.Element], work: str, checked: Checked) -> ET.Element:
    """A work's full entry, on the page of its kind (tools/site/workpages.py)."""
    page = work_page(work, checked.sources)
    assert page is not None, work
    return entries(made[page.name])[work]


def test_where_a_work_was_read_and_a_mirror_names_what_it_copies(made: dict[str, ET.Element], checked: Checked) -> None:
    dewey = full_entry(made, "dewey-hearings-1937", checked)
    assert "http://marxists.info/archive/trotsky/1937/dewey/index.htm" in hrefs(dewey)
    assert "https://www.marxists.org/archive/trotsky/1937/dewey/index.htm" in hrefs(dewey)
    assert "read at marxists.info, a copy of marxists.org" in text_of(dewey)
    items = [text_of(li) for li in dewey.iter() if local(li.tag) == "li"]
    assert "title page and contents, read at marxists.info, a copy of marxists.org" in " ".join(items)


def test_every_work_lists_what_cites_it(made: dict[str, ET.Element], checked: Checked) -> None:
    sources = checked.sources
    for work in sources.works:
        expected = {
            f"quotations.html#list-{q.id}"
            for q in sources.quotations
            if any(w.work == work.id for w in (*q.sources, *(x for x in (q.russian, q.report_wording) if x)))
        }
        expected |= {f"people.html#{p.id}" for p in sources.people if any(c.work == work.id for c in p.sources)}
        expected |= {
            f"trials.html#{t.id}"
            for t in sources.trials
            if t.report == work.id or any(c.work == work.id for c in t.sources)
        }
        expected |= {f"glossary.html#{g.id}" for g in sources.glossary if any(c.work == work.id for c in g.sources)}
        entry = full_entry(made, work.id, checked)
        cited = ET.Element("x")
        cited.extend(list(entry)[[text_of(e) for e in entry].index("Where it was read, and what for:") + 1 :])
        assert expected <= set(hrefs(cited)), (work.id, expected - set(hrefs(cited)))
        assert ("not cited yet" in text_of(cited)) == (not hrefs(cited)), work.id


# --- quotations -------------------------------------------------------------------------------------


def test_every_quotation_by_speaker_with_every_fact(made: dict[str, ET.Element], checked: Checked) -> None:
    page = made["quotations.md"]
    listed = entries(page)
    sources = checked.sources
    assert heading_ids(page, "h3")[: len({q.speaker for q in sources.quotations})] == list(
        dict.fromkeys(f"speaker-{q.speaker}" for q in sources.quotations)
    )
    for q in sources.quotations:
        entry = listed[f"list-{q.id}"]
        shown = facts(entry)
        place = checked.quotation_place[q.id]
        assert shown["Status"] == sources.statuses[q.status].label
        assert f"index.html#status-{q.status}" in hrefs(entry)
        assert shown["In the chapter"] == f"¶ {place.number}"
        assert f"{place.page.removesuffix('.md')}.html#{q.id}" in hrefs(entry)
        assert shown["Role"] == plain(q.role)
        assert shown["Date"] == (date_text(q.date, q.date_inferred) if q.date else "not known")
        assert shown["Occasion"] == (plain(q.occasion) if q.occasion else "not known")
        assert shown["Trial"].startswith(plain(sources.trial[q.trial].short) if q.trial else "not established")
        if q.trial_note:
            assert plain(q.trial_note) in shown["Trial"]


def test_every_quotation_by_trial(made: dict[str, ET.Element], checked: Checked) -> None:
    page = made["quotations.md"]
    by_trial = [e.get("id", "") for e in page.iter() if local(e.tag) == "h3" and e.get("id", "").startswith("trial-")]
    expected = {f"trial-{q.trial}" if q.trial else "trial-unknown" for q in checked.sources.quotations}
    assert set(by_trial) == expected and by_trial[-1] == "trial-unknown"
    text = ET.tostring(page, encoding="unicode")
    for q in checked.sources.quotations:
        assert text.count(f'href="#list-{q.id}"') >= 1, q.id


# --- trials -----------------------------------------------------------------------------------------


def test_a_section_per_trial_and_per_meeting(made: dict[str, ET.Element], checked: Checked) -> None:
    page = made["trials.md"]
    listed = entries(page)
    sources = checked.sources
    assert list(listed) == [t.id for t in sources.trials] + [m.id for m in sources.meetings]
    for trial in sources.trials:
        entry = listed[trial.id]
        links = hrefs(entry)
        assert facts(entry)["Prosecutor"] == plain(sources.name_of(trial.prosecutor))
        assert f"people.html#{trial.prosecutor}" in links and work_href(trial.report, sources) in links
        assert {f"people.html#{p.person}" for p in trial.participants} <= set(links)
    for meeting in sources.meetings:
        assert f"people.html#{meeting.person}" in hrefs(listed[meeting.id])


def test_the_timeline_is_complete_and_in_order(made: dict[str, ET.Element], checked: Checked) -> None:
    timeline = next(e for e in made["trials.md"].iter() if "timeline" in classes(e) and local(e.tag) == "ol")
    items = [(li.find("time").get("datetime", ""), text_of(li)) for li in timeline]  # type: ignore[union-attr]
    sources = checked.sources
    assert len(items) == len(sources.trials) + len(sources.meetings) + sum(
        m.testified is not None for m in sources.meetings
    )
    assert [when for when, _ in items] == sorted(when for when, _ in items)
    for index, (when, words) in enumerate(items):
        if "trial" in words and "Testimony" not in words and "meeting" not in words:  # a trial opens first
            assert not [w for w, t in items[:index] if w == when and "Testimony" in t], words


# --- nothing says None --------------------------------------------------------------------------------


def test_no_generated_page_says_none_or_null(made: dict[str, ET.Element]) -> None:
    for name, root in made.items():
        assert not NONE_OR_NULL.search(text_of(root)), name


def test_unknowns_are_said_to_be_not_known(mini: Project) -> None:
    """The mini project with every optional fact unknown."""
    mini.replace("data/sources.yml", "    publisher: Random House\n    place: New York\n    year: 1953\n", "\n")
    mini.replace("data/sources.yml", "covers: [author, title, publisher, place, year]", "covers: [author, title]")
    mini.replace(
        "data/sources.yml",
        "    born: 1883-12-10\n    born_old_style: 1883-11-28\n    died: 1954-11-22\n",
        "    born: null\n    died: null\n",
    )
    mini.admit()  # a reviewer admits the change
    checked = checked_of(mini.root)
    assert checked.sources.work["orlov-1953"].year is None and checked.sources.person["vyshinsky"].born is None
    made = {n: m for n, m in pages(checked, SITE).items() if not n.endswith(".csv")}
    for name, markdown in made.items():
        assert not NONE_OR_NULL.search(text_of(parse_fragment(markdown))), name
    bibliography = parse_fragment(made["sources.md"].split("\n---\n", 1)[1])
    [orlov] = [e for e in bibliography.iter() if e.get("id") == "orlov-1953"]
    assert re.search(r"The Secret History of Stalin's Crimes\. n\.d\.(?!\.)", text_of(orlov))
    people = entries(parse_fragment(made["people.md"].split("\n---\n", 1)[1]))
    assert facts(people["vyshinsky"])["Life dates"] == "not known – not known"


def test_a_bibliography_entry_says_what_is_known_and_leaves_out_the_rest(checked: Checked) -> None:
    orlov = checked.sources.work["orlov-1953"]
    entry = lambda **change: text_of(parse_fragment(str(bibliography_entry(orlov.model_copy(update=change)))))  # noqa: E731
    assert entry() == "Alexander Orlov. The Secret History of Stalin's Crimes. New York: Random House, 1953."
    unknown = {"author": None, "publisher": None, "place": None, "year": None}
    assert entry(**unknown, title="Title") == "Title. n.d."
    assert entry(**{**unknown, "author": "A. Author", "place": "Moscow"}, title="T") == "A. Author. T. Moscow, n.d."
    assert entry(**{**unknown, "publisher": "Press", "year": 1937}, title="T") == "T. Press, 1937."
    assert entry(**{**unknown, "year": "1938-04"}, title="T") == "T. April 1938."
    for work in checked.sources.works:
        text = text_of(parse_fragment(str(bibliography_entry(work))))
        assert (text.endswith(".") or text.endswith(str(work.url))) and ".." not in text, work.id
        assert not NONE_OR_NULL.search(text), work.id


def test_a_title_and_the_words_read_in_another_language_are_marked_as_its(
    made: dict[str, ET.Element], checked: Checked
) -> None:
    """WCAG 3.1.2: a German report's title, and the words read in it, are read out in German."""
    report = checked.sources.work["report-1937-de"]
    assert [c.get("lang") for c in parse_fragment(str(bibliography_entry(report))).iter("cite")] == ["de"]

    def words_read(work: str) -> set[str | None]:
        read = [e for e in full_entry(made, work, checked).iter() if "said" in (e.get("class") or "").split()]
        return {v.get("lang") for e in read for v in e.iter() if v.get("class") == "verbatim"}

    assert words_read("report-1937-de") == {"de"}
    # how citations name a work: the part that is its title, in its language; the rest as it is
    trotzki = parse_fragment(str(short_name(checked.sources.work["trotsky-stalins-verbrechen"])))
    assert [(e.get("lang"), text_of(e)) for e in trotzki.iter("span")] == [("de", "Stalins Verbrechen")]
    assert str(short_name(checked.sources.work["report-1937-de"])) == "German report 1937"
    assert words_read("report-1938") == {None}  # English, as the page is


def test_what_cites_a_work_names_the_quotations_speaker(made: dict[str, ET.Element], checked: Checked) -> None:
    cited = [
        " ".join(text_of(li).split())
        for li in full_entry(made, "orlov-1991-ru", checked).iter()
        if local(li.tag) == "li"
    ]
    assert any(
        "— for the quotation “Whoever deviates even slightly from the general line of" in line
        and "(Arkady Pavlovich Rosengolts)" in line
        for line in cited
    ), cited
    assert any(line.endswith("— for Andrey Yanuaryevich Vyshinsky") for line in cited), cited
