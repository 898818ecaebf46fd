"""tools/model/chapter.py: a chapter page read against its closed grammar."""

from __future__ import annotations

from tools.model.chapter import Chapter, Heading, Paragraph, parse

PAGE = """# Praise in the courtroom { #praise .editor-heading }

Bukharin was overwhelmed with emotion in court: [“He is the hope of mankind!”]{ #q-hope } Another defendant,
Rosenholz, shouted.
{: #p-bukharin }
"""


def test_a_page_of_a_heading_and_a_paragraph() -> None:
    page = parse(PAGE, "praise.md", "docs/praise.md")
    assert page.findings == []
    heading, paragraph = page.blocks
    assert isinstance(heading, Heading) and (heading.id, heading.text, heading.level, heading.editors) == (
        "praise",
        "Praise in the courtroom",
        1,
        True,
    )
    assert isinstance(paragraph, Paragraph) and paragraph.id == "p-bukharin"
    # the words exactly: the mark's brackets gone, the lines joined by one space
    assert paragraph.text == (
        "Bukharin was overwhelmed with emotion in court: “He is the hope of mankind!” Another defendant, "
        "Rosenholz, shouted."
    )
    [mark] = paragraph.marks
    assert paragraph.text[mark.start : mark.end] == "“He is the hope of mankind!”"


def test_offsets_in_the_text_point_into_the_page() -> None:
    page = parse(PAGE, "praise.md", "docs/praise.md")
    paragraph = page.paragraphs[0]
    for word in ("Bukharin", "“He", "Another", "Rosenholz"):
        at = paragraph.text.index(word)
        assert PAGE[paragraph.page_offset(at) :].startswith(word)


def test_the_text_is_literal() -> None:
    """Nothing of the chapter is markup: what is written is what the page shows."""
    page = parse("Stalin’s *so-called* <b>trial</b> &amp; \\[sic].\n{: #p-x }\n", "x.md", "x.md")
    assert page.paragraphs[0].text == "Stalin’s *so-called* <b>trial</b> &amp; \\[sic]."


def test_anything_but_headings_and_paragraphs_is_refused() -> None:
    for block in (
        "> a quotation box",
        "- a list",
        "1. a numbered list",
        "!!! quote\n    an admonition",
        "<p>raw HTML</p>",
        "    an indented line",
        "```\na code block\n```",
        "| a table |\n| --- |",
        "*[Stalin]: an abbreviation",
        "[link]: https://example.org a link definition",
        "[^q-x]: a footnote",
        "Text\n: a definition",
        "a paragraph without its id",
        "## a heading { #h }\nwith a second line",
        "## a heading without an id",
        "## a heading { #h .lead }",
        "## a heading { #h .editor-heading onclick=alert(1) }",
        "## a <b>heading</b> { #h .editor-heading }",
        "## a heading &ldquo;x&rdquo; { #h .editor-heading }",
    ):
        page = parse(f"# T {{ #t }}\n\n{block}\n", "x.md", "x.md")
        assert [f.rule for f in page.findings] == ["page-block"], block


def test_a_mark_with_more_than_an_id_is_refused() -> None:
    for mark in ('{ #q-x onclick="alert(1)" }', "{ #q-x .big }", "{ #Q-X }", "{: #q-x }"):
        page = parse(f"He said [“hope”]{mark} there.\n{{: #p-x }}\n", "x.md", "x.md")
        assert "page-mark" in [f.rule for f in page.findings], mark


def test_paragraphs_are_numbered_through_the_chapter() -> None:
    first = parse("# T { #t }\n\nOne.\n{: #p-one }\n\nTwo.\n{: #p-two }\n", "a.md", "a.md")
    second = parse("Three.\n{: #p-three }\n", "b.md", "b.md")
    placed = Chapter([first, second]).placed()
    assert [(p.page, p.number, p.paragraph.id) for p in placed] == [
        ("a.md", 1, "p-one"),
        ("a.md", 2, "p-two"),
        ("b.md", 3, "p-three"),
    ]


def test_an_id_line_inside_a_paragraph_is_refused() -> None:
    page = parse("# T { #t }\n\nOne line.\n{: #p-a }\nAnother line.\n{: #p-b }\n", "x.md", "x.md")
    assert [(f.rule, f.line) for f in page.findings] == [("page-mark", 4)]


def test_the_mini_fixture_reads_as_the_chapter() -> None:
    from conftest import MINI

    page = parse((MINI / "docs" / "praise.md").read_text(encoding="utf-8"), "praise.md", "docs/praise.md")
    assert page.findings == []
    assert [p.id for p in page.paragraphs] == ["p-praise-in-speeches", "p-bukharin-rosenholz", "p-network-of-links"]
    assert [m.id for p in page.paragraphs for m in p.marks] == [
        "q-vyshinsky-epithets",
        "q-bukharin-hope-of-mankind",
        "q-rosengolts-long-live",
    ]
