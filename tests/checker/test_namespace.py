"""The names the build gives things, which a page's name must not take (tools/checker/namespace.py,
tools/model/namespace.py): each collision is refused by the checker at its line, whatever a reviewer
admitted, so the build never meets it (it was a traceback in the citations)."""

from __future__ import annotations

import pytest
from conftest import Project, position
from test_attacks import FINDING, YML, Attack, edit

PAGES = "pages: [warning.md, praise.md]"
EDITORIAL = "editorial: [index.md]"


def chapter_page(name: str, rule: str = "page-undeclared") -> Attack:
    return edit(f"a chapter page named {name}", YML, PAGES, f"pages: [warning.md, praise.md, {name}]", rule, name)


def editors_page(name: str) -> Attack:
    return edit(
        f"an editors' page named {name}", YML, EDITORIAL, f"editorial: [index.md, {name}]", "page-undeclared", name
    )


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
