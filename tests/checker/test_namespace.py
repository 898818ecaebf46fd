"""The names the build gives things, which a page's name or an editors' id must not take
(tools/checker/namespace.py, tools/checker/exported.py, tools/model/namespace.py): each collision is
refused by the checker at its line, whatever a reviewer admitted, so the build never meets it (it was
a traceback in the citations, and a chapter paragraph renamed in the one-document exports)."""

from __future__ import annotations

import pytest
from conftest import Project, position
from test_attacks import FINDING, INDEX, YML, Attack, edit

PAGES = "pages: [warning.md, praise.md]"
EDITORIAL = "editorial: [index.md]"
PARAGRAPH_ID = "{: #p-what-this-is }"


def chapter_page(name: str, rule: str = "page-undeclared") -> Attack:
    return edit(f"a chapter page named {name}", YML, PAGES, f"pages: [warning.md, praise.md, {name}]", rule, name)


def editors_page(name: str) -> Attack:
    return edit(
        f"an editors' page named {name}", YML, EDITORIAL, f"editorial: [index.md, {name}]", "page-undeclared", name
    )


def editors_id(ident: str) -> Attack:
    return edit(f"an editors' id {ident}", INDEX, PARAGRAPH_ID, f"{{: #{ident} }}", "editorial-id", f"#{ident}")


def in_index(name: str, words: str, rule: str, at: str) -> Attack:
    return edit(name, INDEX, "as it was\npublished;", f"as it was\npublished; {words}", rule, at)


ATTACKS = [
    # a page's name is the key a citation gives it: one a paragraph, a quotation or the edition has
    chapter_page("p-praise-in-speeches.md", "id-cited"),
    chapter_page("q-bukharin-hope-of-mankind.md", "id-cited"),
    chapter_page("edition.md", "id-cited"),
    chapter_page("author.md", "id-cited"),
    # pages with a role of their own
    chapter_page("offline.md"),
    chapter_page("index.md"),
    chapter_page("404.md"),
    chapter_page("people.md"),
    chapter_page("sources-primary-2.md"),
    editors_page("404.md"),
    editors_page("teachers.md"),
    # what an export refuses of an editors' page
    in_index("an internal file name", "the list is in sources.yml.", "export-words", "sources.yml"),
    in_index("a pointer", "Click a name to see who is meant.", "export-words", "Click"),
    in_index("a finger", "Touch a name to see who is meant.", "export-words", "Touch"),
    in_index("a gesture", "Swipe to turn the page.", "export-words", "Swipe"),
    in_index("a pinch", "Pinch to zoom in.", "export-words", "Pinch"),
    in_index("a stylesheet's name", "The colours are in extra.css.", "export-words", "extra.css"),
    in_index("a cursor", "Point at a name with the cursor.", "export-words", "cursor"),
    in_index("the original's file", "It is kept in original/chapter-19.txt.", "export-words", "chapter-19.txt"),
    in_index("a lock file", "Its hash is in original.lock.", "export-words", "original.lock"),
    in_index("a file name in capitals", "Every fact is in SOURCES.YML.", "export-words", "SOURCES.YML"),
    edit(
        "a pointer in the screen's words, which the EPUB and the single file keep",
        INDEX,
        "## What the statuses mean",
        "Hover over a note number.\n{: .medium-screen }\n\n## What the statuses mean",
        "export-words",
        "Hover",
    ),
    editors_id("p-praise-in-speeches"),  # a chapter paragraph's: the exports renamed both
    editors_id("the-trials-as-a-warning"),  # a chapter heading's
    editors_id("bukharin"),  # an entry's (people.html#bukharin)
    editors_id("edition"),  # a citation's key
    editors_id("page-praise"),  # the one-document exports' page anchor
    editors_id("card-bukharin"),
]


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_a_name_the_build_gives_is_refused_at_its_place_even_admitted(attack: Attack, mini: Project) -> None:
    attack.apply(mini)
    mini.admit()  # the careless reviewer: the locks pinned as the change left them
    found = mini.check().findings
    where = attack.edits[0][0]
    line, col = position(mini.read(where), attack.at)
    lines = [str(f) for f in found]
    assert any(f.rule == attack.rule and (f.path, f.line, f.col) == (where, line, col) for f in found), (
        f"{attack.name}: no {attack.rule} at {where}:{line}:{col}; got {lines[:6]}"
    )
    assert all(FINDING.match(line) for line in lines), lines


def test_a_chapter_page_named_after_a_paragraph_is_refused_at_the_paragraph_too(mini: Project) -> None:
    """The red team's edit: the last paragraph on a page of its own, named by the paragraph's id."""
    mini.replace(YML, PAGES, "pages: [warning.md, praise.md, p-network-of-links.md]")
    mini.write("docs/p-network-of-links.md", "# Links { #links .editor-heading }\n")
    mini.admit()
    found = [f for f in mini.check().findings if f.rule == "id-cited"]
    line, col = position(mini.read("docs/praise.md"), "#p-network-of-links")
    assert ("docs/praise.md", line, col) in [(f.path, f.line, f.col) for f in found], [str(f) for f in found]
    assert ("data/sources.yml",) in [(f.path,) for f in found]


@pytest.mark.parametrize(
    "words",
    [
        "<!-- online edition -->\nSelect or click a name.\n<!-- end -->\n",  # the online site only
        "Select a note number.\n{: .medium-screen }\n\nSee the foot of the page.\n{: .medium-paper }\n",
        "See [the people](people.md) and the [praise](praise.md#p-praise-in-speeches).\n",  # addresses, not words
    ],
)
def test_words_every_export_can_keep_pass(words: str, mini: Project) -> None:
    mini.replace(INDEX, "## What the statuses mean", f"{words}\n## What the statuses mean")
    mini.admit()
    assert [str(f) for f in mini.check().findings] == []


def test_the_checks_are_linear_on_a_page_of_pointers_and_ids(mini: Project) -> None:
    """Thousands of findings' words, each placed in one pass: capped, one line each."""
    paragraphs = "\n\n".join(f"Click tap{i} hover{i} x{i}.md.\n{{: #p-x{i} }}" for i in range(3000))
    mini.replace(INDEX, "## What the statuses mean", f"{paragraphs}\n\n## What the statuses mean")
    mini.admit()
    found = [f for f in mini.check().findings if f.rule == "export-words"]
    assert 40 <= len(found) <= 51
