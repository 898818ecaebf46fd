"""tools/model/pages.py: a chapter page read against its closed grammar: headings, paragraphs with
their id lines, generated footnotes, and a problem for anything else."""

from __future__ import annotations

import pytest
from conftest import MINI

from tools.model.pages import Page, block_footnote_refs, marked_quotations, parse

THREAT = (
    "Stalin’s threat was mirrored in the words of the defendant Rosenholz: "
    "[“Whoever deviates even slightly from the general line of the Party will meet a sad and unfortunate end!”]"
    "{ #q-rosengolts-deviation }[^q-rosengolts-deviation]"
)
PAGE = f"""# The Secret History of Stalin’s Purges (19) {{ #title }}

## The trials as a warning {{ #the-trials-as-a-warning .editor-heading }}

{THREAT}
{{: #p-rosenholz-threat }}

[^q-rosengolts-deviation]: **Arkady Pavlovich Rosengolts**, defendant.
"""


def page(text: str) -> Page:
    return parse(text, "docs/warning.md", "warning.md")


def problems(text: str) -> list[tuple[str, str]]:
    """(rule, the text at the problem's offset) for each problem of a page."""
    parsed = page(text)
    return [(p.rule, text[p.offset : p.offset + 12]) for p in parsed.problems]


def test_blocks_are_classified_with_ids_and_classes() -> None:
    parsed = page(PAGE)
    assert [(b.kind, b.id, b.classes) for b in parsed.blocks] == [
        ("heading", "title", ()),
        ("heading", "the-trials-as-a-warning", ("editor-heading",)),
        ("paragraph", "p-rosenholz-threat", ()),
        ("footnotes", None, ()),
    ]
    assert parsed.blocks[0].text == "The Secret History of Stalin’s Purges (19)"
    assert parsed.blocks[2].text == THREAT  # the id line is not part of the paragraph's text
    assert PAGE[parsed.blocks[2].start : parsed.blocks[2].end].endswith("{: #p-rosenholz-threat }")
    assert parsed.problems == []


def test_paragraph_without_id_has_none() -> None:
    [block] = page("Sure enough, a campaign to expose the Stalinist rumors was launched in the West.\n").blocks
    assert (block.kind, block.id) == ("paragraph", None)


@pytest.mark.parametrize(
    ("block", "what"),
    [
        ("> “Stalin is innocent of every crime.”", "a blockquote"),
        ("- “Stalin is innocent of every crime.”", "a list item"),
        ("1. “Stalin is innocent of every crime.”", "a numbered list item"),
        ("!!! quote\n    “Stalin is innocent of every crime.”", "an admonition"),
        ("<p>“Stalin is innocent of every crime.”</p>", "raw HTML"),
        ("    “Stalin is innocent of every crime.”", "an indented line"),
        ("```\n“Stalin is innocent of every crime.”\n```", "a code block"),
        ("| “Stalin is innocent” |\n| --- |", "a table"),
        ("*[Stalin]: “innocent of every crime”", "an abbreviation"),
        ("[link]: https://example.org “Stalin is innocent”", "a link or footnote definition"),
        ("Text\n: “Stalin is innocent of every crime.”", "a definition"),
        ("Text\n---", "a rule or a heading underline"),
    ],
)
def test_blocks_outside_the_grammar_are_problems(block: str, what: str) -> None:
    parsed = page(f"{block}\n{{: #p-x }}\n")
    assert any(p.rule == "page-block" and what in p.message for p in parsed.problems), parsed.problems


def test_a_heading_must_carry_an_id_and_only_the_editor_class() -> None:
    assert [r for r, _ in problems("## A heading\n")] == ["page-block"]
    assert [r for r, _ in problems("## A heading { #a-heading .lead }\n")] == ["attr-list"]
    assert problems("## A heading { #a-heading .editor-heading }\n") == []


@pytest.mark.parametrize(
    ("text", "rule", "at"),
    [
        ("He said *this* once.", "page-markup", "*this* once"),
        ("He said [this](https://example.org) once.", "page-markup", "[this](https"),
        ("He said <b>this</b> once.", "page-html", "<b>this</b> "),
        ("He said &copy; once.", "page-markup", "&copy; once."),
        ("He said `this` once.", "page-markup", "`this` once."),
        ("He said _this_ once.", "page-markup", "_this_ once."),
        ("He said this[^q-x] once.", "page-markup", "[^q-x] once."),
        ("He said this once.  ", "page-markup", "  "),
    ],
)
def test_inline_markup_is_a_problem(text: str, rule: str, at: str) -> None:
    found = problems(f"{text}\n{{: #p-x }}\n")
    assert (rule, f"{text}\n{{: #p-x }}\n"[f"{text}\n".index(at) :][:12]) in found, found


def test_escaped_markup_and_inner_underscores_are_text() -> None:
    assert problems("He said \\*this\\* in snake_case once.\n{: #p-x }\n") == []


def test_a_quotation_attribute_list_holds_only_its_id() -> None:
    text = 'He said [“x”]{ #q-x onmouseover="alert(1)" }[^q-x] once.\n{: #p-x }\n'
    assert [r for r, _ in problems(text)] == ["attr-list"]
    text = "He said [“x”]{ #q-a #q-zz }[^q-a] once.\n{: #p-x }\n"
    assert [r for r, _ in problems(text)] == ["attr-list"]


def test_an_id_line_in_the_middle_of_a_paragraph_is_a_problem() -> None:
    assert ("page-block", "{: #p-a }\nAn") in problems("One line.\n{: #p-a }\nAnother line.\n{: #p-b }\n")


def test_footnotes_are_single_lines() -> None:
    parsed = page(PAGE + "    continued on an indented line\n")
    assert [p.rule for p in parsed.problems] == ["footnote-markup"]
    assert [(d.label, d.text) for d in parsed.footnote_defs] == [
        ("q-rosengolts-deviation", "**Arkady Pavlovich Rosengolts**, defendant.")
    ]


def test_marked_quotation_and_footnote_reference() -> None:
    [block] = page(PAGE).paragraphs
    [mark] = marked_quotations(block)
    assert (mark.id, mark.label) == ("q-rosengolts-deviation", "q-rosengolts-deviation")
    assert PAGE[mark.start :].startswith("[“Whoever")
    assert PAGE[mark.body_start :].startswith("“Whoever")
    assert PAGE[: mark.end].endswith("[^q-rosengolts-deviation]")
    assert [(label, PAGE[offset : offset + 2]) for label, offset in block_footnote_refs(block)] == [
        ("q-rosengolts-deviation", "[^")
    ]


def test_the_mini_fixture_parses_like_the_chapter() -> None:
    text = (MINI / "docs" / "praise.md").read_text(encoding="utf-8")
    parsed = parse(text, "docs/praise.md", "praise.md")
    assert [b.id for b in parsed.paragraphs] == ["p-praise-in-speeches", "p-bukharin-rosenholz", "p-network-of-links"]
    assert [m.id for b in parsed.paragraphs for m in marked_quotations(b)] == [
        "q-vyshinsky-epithets",
        "q-bukharin-hope-of-mankind",
        "q-rosengolts-long-live",
    ]
    assert [d.label for d in parsed.footnote_defs] == [
        "q-vyshinsky-epithets",
        "q-bukharin-hope-of-mankind",
        "q-rosengolts-long-live",
    ]
    assert parsed.problems == []


def test_invisible_and_reordering_characters_are_problems() -> None:
    """A right-to-left override in an editor's heading would show “Stalin is innocent” reversed in."""
    found = problems("## \u202etneconni si nilatS { #x .editor-heading }\n")
    assert [rule for rule, _ in found] == ["page-markup"]
