"""Every page's final source (tools/site/prepare.py), made in this process:

- the status legend lists every status, and only the landing page's copy carries the ids the notes
  link to; the counts are said in words, and what the source list says stays text there too;
- each build keeps its own variant of an editors' page (online or offline), with the site's address;
- a person's name is written once, in data/sources.yml: change it there and every page and download
  says the new name, none the old one, and the chapter's words do not move;
- every page shows a quotation in the chapter's exact wording, with its wording chain (Orlov's Russian,
  the editors' literal translation, the official Report) where the source list has one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import PROJECT, Project, copy_project
from inprocess import render
from properdocs.utils.meta import get_data

from tools.checker import check
from tools.model.edition import Checked, Site
from tools.model.html import classes, local, parse, parse_fragment, text_of
from tools.model.kindpages import work_page
from tools.site.markup import plain
from tools.site.prepare import downloads, pages, status_legend

ONLINE = Site("https://edition.example.org/history/")
OFFLINE = Site("https://edition.example.org/history/", offline=True)
EPITHETS = "“great,” “genius,” “wise,” ” Most beloved”"


def checked_of(root: object = PROJECT) -> Checked:
    result = check(root)  # type: ignore[arg-type]
    assert result.checked is not None and not result.errors, [str(f) for f in result.errors]
    return result.checked


@pytest.fixture(scope="module")
def made(prepared: dict[str, str]) -> dict[str, ET.Element]:
    """Every page, rendered as the engine renders its Markdown."""
    return {name: parse(render(markdown)) for name, markdown in prepared.items()}


# --- the status legend and counts -----------------------------------------------------------------


def test_the_legend_lists_every_status(checked: Checked) -> None:
    legend = parse_fragment(str(status_legend(checked)))
    terms = [e for e in legend.iter() if local(e.tag) == "dt"]
    assert [t.get("id") for t in terms] == [f"status-{s}" for s in checked.sources.statuses]
    meanings = [text_of(e) for e in legend.iter() if local(e.tag) == "dd"]
    assert meanings == [plain(s.meaning) for s in checked.sources.statuses.values()]
    assert "id=" not in str(status_legend(checked, with_ids=False))


def test_only_the_landing_page_carries_the_legends_ids(made: dict[str, ET.Element]) -> None:
    """The notes link to index.html#status-…: one target, and unique ids in the single file."""
    with_ids = [name for name, root in made.items() for e in root.iter() if str(e.get("id", "")).startswith("status-")]
    assert sorted(set(with_ids)) == ["index.md"] and len(with_ids) == 4
    assert any("status-legend" in classes(e) for e in made["quotations.md"].iter())


def test_the_counts_are_said_in_words(made: dict[str, ET.Element], checked: Checked, prepared: dict[str, str]) -> None:
    counted = {s: sum(q.status == s for q in checked.sources.quotations) for s in checked.sources.statuses}
    text = " ".join(text_of(made["index.md"]).split())
    assert f"Of the {len(checked.sources.quotations)} quotations, " in text
    assert f"{counted['unverified']} are unverified" in text or f"{counted['unverified']} is unverified" in text
    left = "".join(prepared.values()).replace("<!-- downloads -->", "").replace("<!-- download:", "")
    assert "<!--" not in left  # only the downloads' markers stay, for the engine's glue to fill


def test_a_status_label_is_text_wherever_it_stands(mini: Project) -> None:
    """The counts sentence stands in a Markdown paragraph of the landing page: a label stays words there."""
    label = "[Unverified](javascript:alert(document.domain)) *really* {: #x }"
    mini.replace("data/sources.yml", "    label: Unverified", f"    label: '{label}'")
    mini.admit()  # a reviewer admits the change
    result = mini.check()
    assert result.checked is not None and not result.errors, [str(f) for f in result.errors]
    index = parse(render(pages(result.checked, ONLINE)["index.md"]))
    assert not [a for a in index.iter() if local(a.tag) == "a" and "javascript" in a.get("href", "")]
    assert not [e for e in index.iter() if local(e.tag) == "em" or e.get("id") == "x"]
    assert f"are {label.lower()} and" in text_of(index)


# --- the two editions of an editors' page ------------------------------------------------------------


def test_each_build_keeps_its_own_variant_with_the_sites_address(checked: Checked, prepared: dict[str, str]) -> None:
    online, offline = prepared["offline.md"], pages(checked, OFFLINE)["offline.md"]
    for made in (online, offline):
        assert "<!-- online" not in made and "<!-- offline" not in made and "<!-- end -->" not in made
        assert "{site_url}" not in made and made.count("{: #p-offline-intro }") == 1
    assert "Offline copies of the whole edition" in online and "This is the offline copy" not in online
    assert "This is the offline copy" in offline and "Offline copies of the whole edition" not in offline
    assert f"[{ONLINE.url}]({ONLINE.url})" in offline


def test_the_engine_reads_only_the_front_matter_the_site_writes(mini: Project) -> None:
    """An editors' page's own lines never reach the engine as front matter (tools/model/frontmatter.py):
    its title is written again, and a page without one opens with an empty front matter, so that not
    even `key: value` lines the engine would take for meta-data are read as such."""
    index = mini.read("docs/index.md")
    mini.write("docs/index.md", "---\ntitle: 'About: this edition'  # quoted for its colon\n---\n\n" + index)
    mini.admit()
    body, meta = get_data(pages(checked_of(mini.root), ONLINE)["index.md"])
    assert meta == {"title": "About: this edition"} and body.startswith(index.split("\n", 1)[0])
    mini.write("docs/index.md", "template: main.html\n\n" + index)
    mini.admit()
    made = pages(checked_of(mini.root), ONLINE)["index.md"]
    body, meta = get_data(made)
    assert made.startswith("---\n{}\n---\n\n") and meta == {} and body.startswith("template: main.html\n")


# --- a name written once --------------------------------------------------------------------------------


OLD, NEW = "Andrey Yanuaryevich Vyshinsky", "Andrei Vyshinsky"


VERBATIM = re.compile(r'<span class="verbatim">[^<]*</span>')  # a source's own words, escaped text


def test_a_new_name_reaches_every_page_and_download(tmp_path: Path, checked: Checked) -> None:
    project = copy_project(tmp_path / "project")
    project.replace("data/sources.yml", f"    name: {OLD}\n", f"    name: {NEW}\n")
    project.admit()  # a reviewer admits the change
    renamed = checked_of(project.root)
    made = {**pages(renamed, ONLINE), **downloads(renamed, ONLINE)}
    assert [p.paragraph.text for p in renamed.placed] == [p.paragraph.text for p in checked.placed]
    assert [name for name, content in made.items() if OLD in VERBATIM.sub("", content)] == []
    # the full entries of the works cited for him (tools/site/workpages.py), which name what relies on them
    cited = renamed.sources.person["vyshinsky"].sources
    entries = {page.name for c in cited if (page := work_page(c.work, renamed.sources)) is not None}
    assert entries
    for name in ("praise.md", "people.md", "quotations.md", "trials.md", *sorted(entries), "teachers.md"):
        assert NEW in made[name], name
    praise = parse_fragment(made["praise.md"])
    card = next(e for e in praise.iter() if e.get("id") == "card-vyshinsky")
    assert text_of(card).startswith(f"{NEW} (1883–1954)")
    notes = next(e for e in praise.iter() if e.get("id") == "notes")
    assert text_of(notes).count(f"{NEW}, prosecutor.") == 2
    assert made["quotations.csv"].count(f",vyshinsky,{NEW},") == 2
    assert made["quotations.json"].count(f'"speaker": "{NEW}"') == 2


# --- the chapter's wording ----------------------------------------------------------------------------


def test_every_page_quotes_the_chapters_words_exactly(made: dict[str, ET.Element], checked: Checked) -> None:
    """The chapter's stray mark (” Most beloved”) is kept, and no ellipsis is added between parts."""
    epithets = next(q for q in checked.sources.quotations if q.id == "q-vyshinsky-epithets")
    # the full entries of the works it is cited from (tools/site/workpages.py)
    entries = {page.name for c in epithets.sources if (page := work_page(c.work, checked.sources)) is not None}
    assert entries
    for name in ("quotations.md", "people.md", *sorted(entries), "praise.md", "teachers.md"):
        text = text_of(made[name])
        assert EPITHETS in text, name
        assert "“great,” … “genius,”" not in text and "“Most beloved”" not in text, name


def test_the_wording_chain_is_in_the_notes_and_on_the_quotations_page(
    made: dict[str, ET.Element], checked: Checked
) -> None:
    listing = text_of(made["quotations.md"])
    chapter = " ".join(text_of(made[p.name]) for p in checked.chapter.pages)
    with_russian = [q for q in checked.sources.quotations if q.russian is not None]
    assert len(with_russian) >= 4
    for q in with_russian:
        assert q.russian is not None and q.literal is not None
        for text in (listing, chapter):
            assert f"«{q.russian.text}»" in text and plain(q.literal) in text, q.id
    unseen = sum(q.report_wording is None for q in checked.sources.quotations)
    assert listing.count("the official Report: not seen") == unseen
    assert "the editors’ literal translation of it (theirs, not Orlov’s)" in chapter


def test_no_citation_gives_an_editors_heading_as_the_author_s_title(checked: Checked) -> None:
    """The chapter's sections are cited under the editors' headings, set in square brackets (a title
    someone other than the author supplied), in every style and in the page's metadata."""
    import html

    from tools.site.citing import chapter_citations, heads

    site = Site("https://edition.example.org/history/")
    assert [s.supplied for s in checked.sections] == [True] * 4
    head = heads(checked, site)
    for section in checked.sections:
        box = html.unescape(str(chapter_citations(checked, site, section.page)))
        title = section.title.lower()
        assert box.lower().count(f"[{title}]") >= 4, section.title  # Chicago, MLA, APA, the copy templates
        assert f"“{title}," not in box.lower() and f"“{title}.”" not in box.lower()
        assert f'content="[{section.title}]"' in html.unescape(head[section.html]), section.page


def test_a_title_is_handed_to_the_engine_as_html_text() -> None:
    """The engine's templates print a page's title as they find it, in the header and the navigation:
    an editors' title that writes '</title><a href=…>' (the seventh hostile round) stays characters."""
    from tools.site.prepare import front

    handed = front('Offline </title><a href="https://evil.example/">Report</a> & more', "x")
    assert handed.startswith(
        '---\ntitle: "Offline &lt;/title&gt;&lt;a href=&#34;https://evil.example/&#34;&gt;Report&lt;/a&gt; &amp; more"'
    )


def test_every_id_on_a_page_the_edition_makes_is_kept_from_the_editors(
    prepared: dict[str, str], checked: Checked
) -> None:
    """An editors' page may take no id the build gives an element elsewhere (editorial-id): the one-
    document exports would rename both, and a link to either would lose its target. So every id on
    a page the build makes or fills in is one the checker knows: the input's (a paragraph's, a
    quotation's, an entry's), a made page's title, a section's (GENERATED_IDS), or of a prefix the
    build's own begin with. A new section id in tools/site/ fails here until namespace.py lists it."""
    from tools.checker import SOURCE_LIST
    from tools.checker.namespace import built_ids, built_prefix
    from tools.model.chapter import parse as parse_chapter
    from tools.model.loading import load

    loaded, _ = load(PROJECT / SOURCE_LIST, SOURCE_LIST)
    assert loaded is not None
    chapter = [
        parse_chapter((PROJECT / "docs" / name).read_text(encoding="utf-8"), name, f"docs/{name}")
        for name in checked.sources.edition.pages
    ]
    known = built_ids(loaded, chapter)
    unknown = {
        (name, ident)
        for name, source in prepared.items()
        if name not in checked.sources.edition.editorial
        for ident in re.findall(r'\bid="([^"]+)"', source)
        if ident not in known and built_prefix(ident) is None
    }
    assert unknown == set()
