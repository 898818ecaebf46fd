"""tools/site/ (people.py, bibliography.py, quotations.py, trials.py): the people, sources, quotations and trials pages, the CSV and JSON
downloads and the timeline, generated from the source list (the real one and the mini fixture)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import replace

import pytest
from conftest import Project

from tools import checker as check
from tools.model.cite import Edition, edition
from tools.model.escape import markdown_link, markdown_text
from tools.model.inline import plain_text
from tools.model.pages import Page
from tools.model.records import SourceList
from tools.site.bibliography import KIND_TITLES, bibliography_entry, cited_by, sources_page
from tools.site.generated import GENERATORS
from tools.site.people import people_page
from tools.site.quotations import quotations_csv, quotations_json, quotations_page
from tools.site.trials import timeline, timeline_events, trials_page
from tools.site.usage import Usage, usage

NONE_OR_NULL = re.compile(r"\bNone\b|\bnull\b")
CSV_HEADER = [
    "id",
    "text",
    "speaker_id",
    "speaker",
    "role",
    "trial_id",
    "trial",
    "occasion",
    "date",
    "date_inferred",
    "status",
    "link",
    "sources",
    "russian",
    "russian_source",
    "editors_literal_translation",
    "report_wording",
    "report_source",
]
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
SITE = "https://example.org/edition/"


@pytest.fixture(scope="module")
def real(real_result: check.Result) -> check.Result:
    return real_result


@pytest.fixture(scope="module")
def sources(real_sources: SourceList) -> SourceList:
    return real_sources


@pytest.fixture(scope="module")
def used(real: check.Result, sources: SourceList) -> Usage:
    return usage(real.pages, sources)


def cited(sources: SourceList, used: Usage) -> Edition:
    return edition(sources, "The Secret History of Stalin’s Purges (19)", SITE, used.title)


def all_generated(sources: SourceList, used: Usage) -> dict[str, str]:
    return {name: make(sources, used, cited(sources, used)) for name, make in GENERATORS.items()}


def sections(markdown: str, level: int) -> dict[str, str]:
    """Heading id -> the Markdown from that heading to the next heading of the same or higher level."""
    marks = "#" * level
    pattern = re.compile(rf"^#{{1,{level}}} .*\{{ #(?P<id>[A-Za-z0-9_-]+) \}}$", re.MULTILINE)
    found: dict[str, str] = {}
    matches = list(pattern.finditer(markdown))
    for index, match in enumerate(matches):
        if not match.group().startswith(marks + " "):
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(markdown)
        found[match.group("id")] = markdown[match.start() : end]
    return found


def heading_ids(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} .* \{{ #([A-Za-z0-9_-]+) \}}$", markdown, re.MULTILINE)


def chapter_spellings(pages: list[Page], sources: SourceList) -> dict[str, list[str]]:
    """Computed here independently: every spelling of each person in any chapter paragraph."""
    forms = {f: p.id for p in sources.people.values() for f in (*p.variants, p.name)}
    found: dict[str, list[str]] = {}
    for page in pages:
        for block in page.paragraphs:
            text = plain_text(block.text)
            for form in sorted(forms, key=len, reverse=True):
                if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                    spellings = found.setdefault(forms[form], [])
                    if form not in spellings:
                        spellings.append(form)
    return found


# --- usage ----------------------------------------------------------------------------------


def test_usage_numbers_paragraphs_and_finds_quotations(real: check.Result, used: Usage) -> None:
    ids = [b.id for page in real.pages for b in page.paragraphs]
    assert used.paragraph_number == {pid: n for n, pid in enumerate(ids, start=1)}
    for page in real.pages:
        for block in page.paragraphs:
            for q in re.findall(r"\{ #(q-[a-z0-9-]+) \}", block.text):
                assert used.quotation_page[q] == page.name
                assert used.quotation_paragraph[q] == used.paragraph_number[block.id]
    assert [(s.page, s.first, s.last) for s in used.sections] == [
        ("warning.md", 1, 3),
        ("praise.md", 4, 9),
        ("trotsky.md", 10, 13),
        ("meetings.md", 14, 16),
    ]


def test_usage_finds_every_spelling_in_every_paragraph(real: check.Result, sources: SourceList, used: Usage) -> None:
    expected = chapter_spellings(real.pages, sources)
    assert expected["vyshinsky"] == ["Velicki"]
    assert {p: sorted(f) for p, f in used.forms.items()} == {p: sorted(f) for p, f in expected.items()}
    assert ("praise.md", "p-praise-in-speeches") in used.named_in["vyshinsky"]


# --- people ---------------------------------------------------------------------------------


def test_people_page_has_one_heading_per_person(sources: SourceList, used: Usage) -> None:
    page = people_page(sources, used)
    assert page.startswith("# People { #people }")
    assert heading_ids(page, 2) == list(sources.people)
    for person in sources.people.values():
        assert page.count(f"## {person.name} {{ #{person.id} }}") == 1


def test_people_page_lists_the_spellings_the_chapter_uses(sources: SourceList, used: Usage) -> None:
    entry = sections(people_page(sources, used), 2)["vyshinsky"]
    assert "Spelled in the chapter\n:   “Velicki”" in entry
    assert "[¶ 5](praise.md#p-praise-in-speeches)" in entry


def test_people_page_renders_the_usage_it_is_given(sources: SourceList) -> None:
    """The rendering alone, on a hand-made Usage."""
    used = Usage(
        forms={"vyshinsky": ["Velicki"], "kommodov": ["Kommudov"]},
        named_in={"vyshinsky": [("praise.md", "p-praise-in-speeches")]},
        paragraph_number={"p-praise-in-speeches": 5},
        quotation_page={"q-vyshinsky-epithets": "praise.md"},
    )
    entries = sections(people_page(sources, used), 2)
    vyshinsky = entries["vyshinsky"]
    assert "Spelled in the chapter\n:   “Velicki”" in vyshinsky
    others = re.search(r"Other spellings\n:   (.*)", vyshinsky)
    assert others is not None and "Velicki" not in others.group(1).split(", ")
    assert "Vyshinsky" in others.group(1).split(", ")
    assert "**Named in the chapter:** [¶ 5](praise.md#p-praise-in-speeches)" in vyshinsky
    assert "](praise.md#q-vyshinsky-epithets) — [Paraphrase](index.md#status-paraphrase)" in vyshinsky
    assert "Spelled in the chapter\n:   “Kommudov”" in entries["kommodov"]


def test_people_page_says_unknown_life_dates_are_not_known(sources: SourceList, used: Usage) -> None:
    kommodov = sources.people["kommodov"]
    assert kommodov.born is None and kommodov.died is None
    entry = sections(people_page(sources, used), 2)["kommodov"]
    dates = re.search(r"Life dates\n:   (.*)", entry)
    assert dates is not None and "not known" in dates.group(1)
    assert not NONE_OR_NULL.search(entry)
    romm = sections(people_page(sources, used), 2)["romm"]  # unknown, and the edition says why
    assert f"Life dates\n:   not known – not known ({sources.people['romm'].dates_note})" in romm


def test_people_page_shows_old_style_dates_and_unstated_calendars(sources: SourceList, used: Usage) -> None:
    entries = sections(people_page(sources, used), 2)
    assert "Life dates\n:   13 May 1886 (1 May O.S.) – 1 February 1937 (" in entries["boguslavsky"]
    assert "Life dates\n:   16 November 1889 (4 November O.S.) – 15 March 1938\n" in entries["rosengolts"]
    assert "Life dates\n:   19 November 1891 (7 November O.S.) – 15 March 1938 (" in entries["yagoda"]
    assert "Life dates\n:   7 November 1879 (26 October O.S.) – 21 August 1940\n" in entries["trotsky"]
    assert "Life dates\n:   21 August 1895 (calendar not stated) – 25 March 1973 (" in entries["orlov"]
    assert "Life dates\n:   24 February 1906 (calendar not stated) – 16 February 1938\n" in entries["sedov"]


def test_people_page_full_and_report_names_and_sources(sources: SourceList, used: Usage) -> None:
    entries = sections(people_page(sources, used), 2)
    assert "Full or birth name\n:   Iosif Vissarionovich Dzhugashvili" in entries["stalin"]
    assert "In the English Reports\n:   A. Y. Vyshinsky" in entries["vyshinsky"]
    for person in sources.people.values():
        entry = entries[person.id]
        assert f"Role\n:   {markdown_text(person.role)}" in entry
        assert "**Sources:**" in entry
        for ref in person.sources:
            if ref.work:
                assert f"](sources.md#{ref.work})" in entry
            # Addresses as links, escaped as everything from the source list (tools/model/escape.py).
            if ref.url and ref.kind == "mirror" and ref.canonical:
                mirror = markdown_link(ref.canonical, ref.canonical)
                assert f"({markdown_link('read here', ref.url)}, a mirror of {mirror})" in entry
            elif ref.url:
                assert f"({markdown_link('read here', ref.url)})" in entry


def test_implied_people_say_implied(sources: SourceList, used: Usage) -> None:
    implied = [p for p in sources.people.values() if p.mention == "implied"]
    assert {p.id for p in implied} >= {"sedov", "yagoda", "yezhov", "orlov"}
    entries = sections(people_page(sources, used), 2)
    for person in implied:
        assert f"Not named in the chapter\n:   Implied: {person.implied_by}" in entries[person.id]
    for person in sources.people.values():
        if person.mention != "implied":
            assert "Implied" not in entries[person.id]


def test_people_page_lists_each_speakers_quotations(sources: SourceList, used: Usage) -> None:
    entries = sections(people_page(sources, used), 2)
    for q in sources.quotations.values():
        entry = entries[q.speaker]
        assert f"]({used.quotation_page[q.id]}#{q.id}) — [" in entry
        assert f"(index.md#status-{q.status}){{ .status .status-{q.status} }}" in entry


# --- sources --------------------------------------------------------------------------------


def test_sources_page_groups_works_by_kind_and_says_what_each_kind_means(sources: SourceList, used: Usage) -> None:
    page = sources_page(sources, used)
    kinds = [k for k in KIND_TITLES if any(w.kind == k for w in sources.works.values())]
    assert heading_ids(page, 2) == ["kinds", *[f"kind-{k}" for k in kinds], "denylist"]
    by_kind = sections(page, 2)
    for title, meaning in KIND_TITLES.values():
        assert f"{title}\n:   {meaning}" in by_kind["kinds"]
    assert "Mirrors\n:   A mirror is a copy of a page published elsewhere" in by_kind["kinds"]
    for kind in kinds:
        title, meaning = KIND_TITLES[kind]
        assert by_kind[f"kind-{kind}"].startswith(f"## {title} {{ #kind-{kind} }}\n\n*{meaning}*")
        assert heading_ids(by_kind[f"kind-{kind}"], 3) == [w.id for w in sources.works.values() if w.kind == kind]
    assert heading_ids(page, 3) == [w.id for k in kinds for w in sources.works.values() if w.kind == k]


def test_sources_page_lists_the_denied_sites_with_their_reasons(sources: SourceList, used: Usage) -> None:
    denied = sections(sources_page(sources, used), 2)["denylist"]
    assert sources.policy is not None
    for entry in sources.policy.denylist:
        assert f"- **{entry.domain}**: {entry.reason}" in denied


def test_a_mirror_names_the_page_it_copies(sources: SourceList, used: Usage) -> None:
    works = sections(sources_page(sources, used), 3)
    assert (
        "- [http://marxists.info/archive/trotsky/1937/dewey/index.htm](http://marxists.info/archive/trotsky/1937/dewey/index.htm)"
        " (a mirror of [https://www.marxists.org/archive/trotsky/1937/dewey/index.htm]"
        "(https://www.marxists.org/archive/trotsky/1937/dewey/index.htm))"
    ) in works["dewey-hearings-1937"]


def test_every_work_lists_what_cites_it(sources: SourceList, used: Usage) -> None:
    works = sections(sources_page(sources, used), 3)
    for work in sources.works.values():
        expected = [
            f"(quotations.md#list-{q.id})"
            for q in sources.quotations.values()
            if any(r.work == work.id for r in q.sources) or (q.russian is not None and q.russian.work == work.id)
        ]
        expected += [
            f"(people.md#{p.id})" for p in sources.people.values() if any(r.work == work.id for r in p.sources)
        ]
        expected += [
            f"(trials.md#{t.id})"
            for t in sources.trials.values()
            if t.report == work.id or any(r.work == work.id for r in t.sources)
        ]
        expected += [
            f"(trials.md#{m.id})" for m in sources.meetings.values() if any(r.work == work.id for r in m.sources)
        ]
        expected += [f"#{n.id}))" for n in sources.notes.values() if any(r.work == work.id for r in n.sources)]
        cited = works[work.id].split("**Cited for:**", 1)[1]
        for link in expected:
            assert link in cited, (work.id, link)
        assert ("- nothing yet" in cited) == (not expected), work.id
        assert works[work.id].count("\n- ") >= len(expected)


def test_cited_by_names_the_quotation_speaker(sources: SourceList, used: Usage) -> None:
    lines = cited_by("orlov-1991-ru", sources, used)
    assert (
        "- Quotation [“Whoever deviates even slightly from the general line of &#91;…&#93;”]"  # […], escaped
        "(quotations.md#list-q-rosengolts-deviation) (Arkady Pavlovich Rosengolts)" in lines
    ), lines
    assert (
        "- Quotation [“great,” “genius,” “wise,” ” Most beloved”](quotations.md#list-q-vyshinsky-epithets) "
        "(Andrey Yanuaryevich Vyshinsky)" in lines
    )
    assert "- Person: [Andrey Yanuaryevich Vyshinsky](people.md#vyshinsky)" in lines
    assert any(line.startswith("- Editor’s note on “Velicki” ([praise.md](praise.md#n-velicki))") for line in lines)


def test_bibliography_entry_known_parts(sources: SourceList) -> None:
    assert (
        bibliography_entry("orlov-1953", sources)
        == "Alexander Orlov. *The Secret History of Stalin's Crimes*. New York: Random House, 1953."
    )


def test_bibliography_entry_never_prints_none(sources: SourceList) -> None:
    for work_id, work in sources.works.items():
        entry = bibliography_entry(work_id, sources)
        assert not NONE_OR_NULL.search(entry), entry
        assert entry.endswith(".")
        assert f"*{work.title}*." in entry
        if work.year is None:
            assert "n.d." in entry
        else:
            assert "n.d." not in entry


def test_bibliography_entry_without_year_ends_with_a_single_period(sources: SourceList) -> None:
    undated = [w for w in sources.works.values() if w.year is None]
    assert undated
    for work in undated:
        assert not bibliography_entry(work.id, sources).endswith("..")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"author": None, "publisher": None, "place": None, "year": None}, "*Title*. n.d."),
        pytest.param(
            {"author": "A. Author", "publisher": None, "place": "Moscow", "year": None},
            "A. Author. *Title*. Moscow, n.d.",
        ),
        ({"author": None, "publisher": "Press", "place": None, "year": 1937}, "*Title*. Press, 1937."),
        ({"author": None, "publisher": None, "place": None, "year": "1938-04"}, "*Title*. April 1938."),
        (
            {"author": None, "publisher": "P", "place": "L", "year": dt.date(1936, 9, 1)},
            "*Title*. L: P, 1 September 1936.",
        ),
    ],
)
def test_bibliography_entry_leaves_out_what_is_not_known(sources: SourceList, changes: dict, expected: str) -> None:
    work = replace(sources.works["orlov-1953"], title="Title", **changes)
    edited = replace(sources, works={**sources.works, work.id: work})
    assert bibliography_entry(work.id, edited) == expected


# --- quotations -----------------------------------------------------------------------------


def test_quotations_page_lists_every_quotation_by_speaker(sources: SourceList, used: Usage) -> None:
    page = quotations_page(sources, used)
    by_speaker = page.split("## By speaker { #by-speaker }", 1)[1].split("## By trial { #by-trial }", 1)[0]
    speakers = sections(by_speaker, 3)
    assert list(speakers) == [
        f"speaker-{p}" for p in sources.people if any(q.speaker == p for q in sources.quotations.values())
    ]
    for q in sources.quotations.values():
        assert page.count(f'id="list-{q.id}"') == 1
        entry = speakers[f"speaker-{q.speaker}"]
        assert f'<div class="quotation-entry" id="list-{q.id}" markdown>' in entry
        block = entry.split(f'id="list-{q.id}"', 1)[1].split("</div>", 1)[0]
        assert (
            f"Status\n:   [{sources.statuses[q.status].label}](index.md#status-{q.status})"
            f"{{ .status .status-{q.status} }}" in block
        )
        page_name = used.quotation_page[q.id]
        title = next(s.title for s in used.sections if s.page == page_name)
        number = used.quotation_paragraph[q.id]
        assert f"In the chapter\n:   [¶ {number} in “{title}”]({page_name}#{q.id})" in block
        assert ".md#" not in block.split("In the chapter", 1)[1].split("](", 1)[0], "a file name as the link text"
        if q.date is None:
            assert "Date\n:   not known" in block
        if q.occasion is None:
            assert "Occasion\n:   not known" in block


def test_quotations_page_lists_every_quotation_by_trial(sources: SourceList, used: Usage) -> None:
    page = quotations_page(sources, used)
    by_trial = sections(page.split("## By trial { #by-trial }", 1)[1], 3)
    expected_trials = sorted(
        {f"trial-{q.trial}" if q.trial else "trial-unknown" for q in sources.quotations.values()},
        key=lambda a: "~" if a == "trial-unknown" else a,
    )
    assert list(by_trial) == expected_trials
    for q in sources.quotations.values():
        anchor = f"trial-{q.trial}" if q.trial else "trial-unknown"
        item = [line for line in by_trial[anchor].splitlines() if f"](#list-{q.id})" in line]
        assert len(item) == 1, q.id
        assert f" — {sources.people[q.speaker].name} — [" in item[0]
        assert item[0].endswith(f"(index.md#status-{q.status}){{ .status .status-{q.status} }}")
        others = [a for a in by_trial if a != anchor]
        assert all(f"](#list-{q.id})" not in by_trial[a] for a in others)
    assert "### Trial not established { #trial-unknown }" in page
    assert "<!-- status-legend -->" in page


def test_quotations_csv(sources: SourceList, used: Usage) -> None:
    text = quotations_csv(sources, used, cited(sources, used))
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames == CSV_HEADER
    assert [r["id"] for r in rows] == list(sources.quotations)
    for row in rows:
        q = sources.quotations[row["id"]]
        assert row["speaker_id"] == q.speaker and row["speaker"] == sources.people[q.speaker].name
        assert row["status"] == q.status
        assert row["text"] == " ".join(used.wording[q.id].split())  # the chapter's words exactly, marks and all
        assert row["russian"] == (q.russian.text if q.russian else "not seen")
        assert row["editors_literal_translation"] == (q.literal or "not made")
        assert row["report_wording"] == (q.report_wording.text if q.report_wording else "not seen")
        assert row["link"] == SITE + used.quotation_page[q.id].replace(".md", ".html") + f"#{q.id}"
        assert row["link"].endswith(f".html#{q.id}")
        assert row["date_inferred"] in ("yes", "no", "not known")
        if q.date is None:
            assert row["date"] == "not known" and row["date_inferred"] == "not known"
        else:
            assert ISO_DATE.match(row["date"]), row["date"]
            if isinstance(q.date, dt.date):
                assert dt.date.fromisoformat(row["date"]) == q.date
        assert row["trial_id"] == (q.trial or "not known")
        assert row["trial"] == (sources.trials[q.trial].title if q.trial else "not known")
        assert row["occasion"] == (q.occasion or "not known")
        assert "" not in row.values(), row  # unknown is said, never left blank


def test_quotations_json_has_the_same_rows_with_null_for_unknown(sources: SourceList, used: Usage) -> None:
    e = cited(sources, used)
    rows = json.loads(quotations_json(sources, used, e))
    said = {"russian": "not seen", "report_wording": "not seen", "editors_literal_translation": "not made"}
    as_csv = [{k: said.get(k, "not known") if v is None else v for k, v in row.items()} for row in rows]
    assert as_csv == list(csv.DictReader(io.StringIO(quotations_csv(sources, used, e))))
    assert all(row["link"].startswith(SITE) for row in rows)
    assert all(list(row) == CSV_HEADER for row in rows)
    assert all(v is None or (isinstance(v, str) and v) for row in rows for v in row.values())
    assert any(row["date"] is None and row["date_inferred"] is None for row in rows)


def test_quotations_csv_of_an_empty_list(sources: SourceList) -> None:
    empty = replace(sources, quotations={})
    e = cited(empty, Usage())
    assert quotations_csv(empty, Usage(), e) == "id\n"
    assert json.loads(quotations_json(empty, Usage(), e)) == []


# --- trials ---------------------------------------------------------------------------------


def test_trials_page_has_a_section_per_trial_and_meeting(sources: SourceList, used: Usage) -> None:
    page = trials_page(sources, used)
    assert heading_ids(page, 2) == ["timeline", *sources.trials, "meetings-abroad"]
    assert heading_ids(page, 3) == list(sources.meetings)
    trials = sections(page, 2)
    for trial in sources.trials.values():
        entry = trials[trial.id]
        prosecutor = sources.people[trial.prosecutor]
        assert f"Prosecutor\n:   [{prosecutor.name}](people.md#{prosecutor.id})" in entry
        assert f"Published report\n:   [{sources.works[trial.report].title}](sources.md#{trial.report})" in entry
        for participant in trial.participants:
            person = participant.person
            assert f"](people.md#{person})" in entry
    meetings = sections(page, 3)
    for meeting in sources.meetings.values():
        entry = meetings[meeting.id]
        assert f"[{sources.people[meeting.person].name}](people.md#{meeting.person})" in entry
        assert "**Evidence and findings against the claim:**" in entry
        assert entry.count("\n- ") >= len(meeting.refutations) + len(meeting.claim_sources)


def test_timeline_is_sorted_and_complete(sources: SourceList) -> None:
    html = timeline(sources)
    assert html.startswith('<ol class="timeline" markdown>') and html.endswith("</ol>")
    items = re.findall(r'<li class="timeline-(\w+)" markdown><time datetime="([^"]+)">', html)
    expected = (
        len(sources.trials) + len(sources.meetings) + sum(m.testified is not None for m in sources.meetings.values())
    )
    assert len(items) == expected
    dates = [when for _, when in items]
    assert dates == sorted(dates)
    assert all(ISO_DATE.match(d) for d in dates)
    for trial in sources.trials.values():
        assert (("trial", trial.start.isoformat())) in items
    # Same day: the trial opens before anyone testifies at it.
    for index, (kind, when) in enumerate(items):
        if kind == "trial":
            assert all(k != "testimony" or w != when for k, w in items[:index])


def test_timeline_events_tie_break(sources: SourceList) -> None:
    meeting = next(iter(sources.meetings.values()))
    trial = sources.trials[meeting.trial]
    early = replace(meeting, testified=trial.start, claimed_date=1930)
    events = timeline_events(replace(sources, meetings={early.id: early}, trials={trial.id: trial}))
    assert [e.kind for e in events] == ["claim", "trial", "testimony"]
    assert [e.when for e in events] == ["1930", trial.start.isoformat(), trial.start.isoformat()]


# --- nothing says None ----------------------------------------------------------------------


def test_no_generated_page_says_none_or_null(sources: SourceList, used: Usage) -> None:
    """Pages say "not known"; only the JSON download writes null, which is how JSON says it."""
    for name, text in all_generated(sources, used).items():
        if name != "quotations.json":
            assert not NONE_OR_NULL.search(text), (name, NONE_OR_NULL.search(text))


def _unknowns(project: Project) -> None:
    """Everything optional set to null in the mini source list."""
    yml = "data/sources.yml"
    project.replace(
        yml,
        "    publisher: Random House\n    place: New York\n    year: 1953\n",
        "    publisher: null\n    year: null\n",
    )
    project.replace(
        yml,
        "    born: 1883-12-10\n    born_old_style: 1883-11-28\n    died: 1954-11-22\n",
        "    born: null\n    died: null\n",
    )
    project.replace(
        yml, "    mention: implied\n", "    mention: implied\n    implied_by: Trotsky's son, named in the testimony.\n"
    )
    project.replace(
        yml,
        "    occasion: probably his last plea (evening session)\n    date: 1938-03-12\n    date_inferred: true\n",
        "    occasion: null\n    date: null\n    date_inferred: true\n",
    )


def test_unknowns_in_the_mini_project_never_print_none(mini_project) -> None:
    project = mini_project(_unknowns)
    result = project.check()
    assert result.sources is not None and not result.unusable
    sources = result.sources
    assert sources.works["orlov-1953"].year is None and sources.people["vyshinsky"].born is None
    used = usage(result.pages, sources)
    generated = all_generated(sources, used)
    for name, text in generated.items():
        if name != "quotations.json":
            assert not NONE_OR_NULL.search(text), (name, NONE_OR_NULL.search(text))
    assert "*The Secret History of Stalin's Crimes*. n.d." in generated["sources.md"]
    rows = list(csv.DictReader(io.StringIO(generated["quotations.csv"])))
    bukharin = next(r for r in rows if r["id"] == "q-bukharin-hope-of-mankind")
    assert (bukharin["date"], bukharin["date_inferred"], bukharin["occasion"]) == ("not known",) * 3
    assert "not known" in sections(generated["people.md"], 2)["vyshinsky"]


def test_implied_without_implied_by_does_not_say_none(mini: Project) -> None:
    result = mini.check()
    assert result.sources is not None and result.findings == []
    assert result.sources.people["sedov"].implied_by is None
    page = people_page(result.sources, usage(result.pages, result.sources))
    assert not NONE_OR_NULL.search(sections(page, 2)["sedov"])


def test_mini_pages(mini: Project) -> None:
    result = mini.check()
    assert result.sources is not None and result.findings == []
    sources = result.sources
    used = usage(result.pages, sources)
    pages = all_generated(sources, used)
    assert heading_ids(pages["people.md"], 2) == ["stalin", "trotsky", "rosengolts", "vyshinsky", "bukharin", "sedov"]
    assert "Implied" in sections(pages["people.md"], 2)["sedov"]
    assert heading_ids(pages["sources.md"], 2) == ["kinds", "kind-primary", "kind-memoir", "kind-reference", "denylist"]
    assert [r["link"] for r in csv.DictReader(io.StringIO(pages["quotations.csv"]))] == [
        SITE + "warning.html#q-rosengolts-deviation",
        SITE + "praise.html#q-vyshinsky-epithets",
        SITE + "praise.html#q-bukharin-hope-of-mankind",
        SITE + "praise.html#q-rosengolts-long-live",
    ]
    assert heading_ids(pages["trials.md"], 2) == ["timeline", "trial-1938", "meetings-abroad"]
