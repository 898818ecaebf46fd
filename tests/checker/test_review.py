"""readings.lock and pages.lock: a change to what a source was read as saying, where or in what
copy, to what a reading is admitted to support, or to a listed page, is a finding at its place until
a reviewer admits it."""

from __future__ import annotations

import re

import pytest
from conftest import Project

YML = "data/sources.yml"
STALIN_DATES = (
    "        read_at: https://en.wikipedia.org/wiki/Joseph_Stalin\n"
    "        said: 18 December [O.S. 6 December] 1878 – 5 March 1953\n"
)


def reading_findings(mini: Project, gone: bool = False) -> list[str]:
    """The readings not admitted as they stand (or, with `gone`, those admitted and no longer there:
    a changed reading is both)."""
    return [
        f"{f.line} {f.message}"
        for f in mini.check().findings
        if f.rule == "source-reading" and ("admits a reading that is gone" in f.message) is gone
    ]


@pytest.mark.parametrize(
    "old, new",
    [
        ("5 March 1953", "5 March 1954"),  # the words
        ("wiki/Joseph_Stalin", "wiki/Joseph_Stalin_(invented)"),  # the address
        ("        said: 18 Dec", "        copy: archive\n        said: 18 Dec"),  # the copy
        (
            "        read_at: https://en.wikipedia.org/wiki/Joseph_Stalin\n",
            "        locator: p. 1\n",
        ),  # locator, work url
    ],
    ids=["words", "address", "copy", "locator"],
)
def test_a_changed_reading_is_a_finding_at_its_citation(mini: Project, old: str, new: str) -> None:
    changed = STALIN_DATES.replace(old, new)
    mini.replace(YML, STALIN_DATES, changed)
    text = mini.read(YML)
    line = text.count("\n", 0, text.rindex("- work:", 0, text.index(changed))) + 1  # the citation's first line
    assert [f.split()[0] for f in reading_findings(mini)] == [str(line)]
    mini.admit()
    assert reading_findings(mini) == []


def test_what_a_reading_supports_is_pinned_with_it(mini: Project) -> None:
    """What the words are admitted for: the fields they cover, the values stated, the entry's spellings."""
    mini.replace(YML, "        covers: [born, born_old_style, died]\n", "        covers: [born, born_old_style]\n", 1)
    assert len(reading_findings(mini)) == 1
    mini.admit()
    mini.replace(YML, "    variants: [Rosenholz, Rosengolts]", "    variants: [Rosenholz]")
    assert len(reading_findings(mini)) == 2  # every citation of Rosengolts's entry


def test_the_language_of_a_reading_or_of_a_work_is_admitted_on_review(mini: Project) -> None:
    """The language a screen reader reads the words in is the editors' reading too. (The fixture's lock
    was written before readings had a language: one that states none keeps its digest.)"""
    mini.replace(YML, STALIN_DATES, STALIN_DATES + "        language: en\n")
    assert len(reading_findings(mini)) == 1
    mini.admit()
    title = "    title: Wikipedia, the free encyclopedia\n"
    mini.replace(YML, title, title + "    language: en\n")
    assert len(reading_findings(mini)) == 1  # the work's own reading, admitted beside the work


def test_the_policy_the_statuses_and_what_the_text_is_are_pinned(mini: Project) -> None:
    mini.replace(YML, "    label: Unverified", "    label: Verified")
    mini.replace(YML, "      reason: a far-right wiki\n", "      reason: a wiki\n")
    mini.replace(YML, "  relation: an English machine translation", "  relation: the official English translation")
    assert sorted(f.split(" ", 2)[1] for f in reading_findings(mini)) == ["edition", "policy", "statuses"]


def test_a_work_s_own_address_is_where_a_citation_without_one_was_read(mini: Project) -> None:
    mini.replace(
        YML, "    url: https://en.wikipedia.org/wiki/Main_Page", "    url: https://en.wikipedia.org/wiki/Other_Page"
    )
    assert len(reading_findings(mini)) == 1  # the wikipedia work's own citation, read at its url


def test_without_the_lock_nothing_is_admitted(mini: Project) -> None:
    locked = [line for line in mini.read("readings.lock").splitlines() if not line.startswith("#")]
    mini.path("readings.lock").unlink()
    assert len(reading_findings(mini)) >= len(locked) > 20


def test_a_work_shown_under_another_name_or_a_reading_moved_to_another_entry_is_a_finding(mini: Project) -> None:
    mini.replace(YML, "    short: Orlov 1953", "    short: Conquest 1968")  # every citation of it would say so
    assert [f.split(" ", 2)[1] for f in reading_findings(mini)] == ["works/orlov-1953"]
    mini.admit()
    # Rosengolts's dates, pinned, copied into Bukharin's entry to give him Rosengolts's birth
    rosengolts = "        said: 16 November [O.S. 4 November] 1889 – 15 March 1938\n"
    text = mini.read(YML)
    mini.write(YML, text.replace("        said: 9 October [O.S. 27 September] 1888 – 15 March 1938\n", rosengolts, 1))
    assert [f.split(" ", 2)[1] for f in reading_findings(mini)] == ["people/bukharin"]


def page_findings(mini: Project) -> list[str]:
    return [f"{f.path}:{f.line}" for f in mini.check().findings if f.rule == "page-reviewed"]


def test_a_chapter_page_s_markup_and_an_editors_page_are_admitted_on_review(mini: Project) -> None:
    praise = mini.read("docs/praise.md")
    first, second = re.findall(r"\{: #(p-[a-z-]+) \}", praise)[:2]
    swapped = praise.replace(first, "SWAP").replace(second, first).replace("SWAP", second)
    mini.write("docs/praise.md", swapped)  # a shared link to one passage now lands on another
    mini.replace("docs/index.md", "as it was\npublished;", "as it was\nfirst published;")
    assert page_findings(mini) == ["docs/index.md:1", "docs/praise.md:1"]
    mini.admit()
    assert page_findings(mini) == []


def test_a_page_is_admitted_as_itself_not_as_another(mini: Project) -> None:
    warning, praise = mini.read("docs/warning.md"), mini.read("docs/praise.md")
    mini.write("docs/warning.md", praise)
    mini.write("docs/praise.md", warning)
    assert page_findings(mini) == ["docs/praise.md:1", "docs/warning.md:1"]


def test_a_script_or_stylesheet_under_docs_is_refused_even_when_admitted(mini: Project) -> None:
    """docs/ is editorial input: a script there could rewrite the chapter after the guard has read it,
    a stylesheet add words with `content:`. The edition's own are code, in overrides/assets/; a
    reviewer admitting the locks does not make a file of docs/ one of them."""
    for name in ("docs/assets/javascripts/edition.js", "docs/assets/stylesheets/edition.css", "docs/reader.js"):
        mini.write(name, '.chapter-paragraph::after { content: "\\201CI confess\\201D" }\n')
    mini.admit()
    assert [f"{f.path}: {f.rule}" for f in mini.check().findings] == [
        "docs/assets/javascripts/edition.js: page-undeclared",
        "docs/assets/stylesheets/edition.css: page-undeclared",
        "docs/reader.js: page-undeclared",
    ]


def test_a_reading_removed_or_moved_and_a_page_removed_are_findings(mini: Project) -> None:
    """A lock is an inventory: what it admits must still be there, in its place."""
    text = mini.read(YML)
    start = text.index(
        "      - work: orlov-1953\n        read_at: https://www.kirkusreviews.com", text.index("  - id: stalin")
    )
    end = text.index("\n\n", start)
    mini.write(YML, text[:start] + text[end + 1 :])  # Stalin's second citation, gone
    assert [f.split(" (", 1)[1].split(" ", 1)[0] for f in reading_findings(mini, gone=True)] == ["people/stalin"]
    swapped = text.replace("  - id: stalin\n", "  - id: TMP\n").replace("  - id: bukharin\n", "  - id: stalin\n")
    mini.write(YML, swapped.replace("  - id: TMP\n", "  - id: bukharin\n"))  # two entries' places swapped
    assert reading_findings(mini, gone=True)
    mini.write(YML, text)
    mini.path("docs/warning.md").unlink()
    assert "docs/warning.md:1" in page_findings(mini)
