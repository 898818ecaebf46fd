"""tools/pages.py: a chapter page's Markdown read into blocks, quotations and footnotes."""

from __future__ import annotations

from conftest import MINI

from tools.model.pages import footnote_refs, marked_quotations, normalise, parse, plain_text, quote_spans, split_blocks

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
    continued on an indented line
[^other]: another note
"""


def test_blocks_are_classified_with_ids_and_classes() -> None:
    blocks = split_blocks(PAGE)
    assert [(b.kind, b.id, b.classes) for b in blocks] == [
        ("heading", "title", ()),
        ("heading", "the-trials-as-a-warning", ("editor-heading",)),
        ("paragraph", "p-rosenholz-threat", ()),
        ("footnotes", None, ()),
    ]
    assert blocks[0].text == "The Secret History of Stalin’s Purges (19)"
    assert blocks[2].text == THREAT  # the id line is not part of the paragraph's text
    assert PAGE[blocks[2].start : blocks[2].end].endswith("{: #p-rosenholz-threat }")


def test_paragraph_without_id_has_none() -> None:
    [block] = split_blocks("Sure enough, a campaign to expose the Stalinist rumors was launched in the West.\n")
    assert (block.kind, block.id) == ("paragraph", None)


def test_other_blocks_are_not_paragraphs() -> None:
    text = "<!-- a comment -->\n\n- a list item\n\n!!! note\n    admonition\n\n{: #p-lonely-id }\n"
    assert [b.kind for b in split_blocks(text)] == ["other", "other", "other", "other"]


def test_footnote_definitions_with_continuations() -> None:
    page = parse(PAGE, "docs/warning.md", "warning.md")
    assert [(d.label, d.text) for d in page.footnote_defs] == [
        ("q-rosengolts-deviation", "**Arkady Pavlovich Rosengolts**, defendant.\ncontinued on an indented line"),
        ("other", "another note"),
    ]
    assert PAGE[page.footnote_defs[1].start :].startswith("[^other]:")


def test_marked_quotation_and_footnote_reference() -> None:
    page = parse(PAGE, "docs/warning.md", "warning.md")
    [block] = page.paragraphs
    [mark] = marked_quotations(block)
    assert (mark.id, mark.label) == ("q-rosengolts-deviation", "q-rosengolts-deviation")
    assert PAGE[mark.start :].startswith("[“Whoever")
    assert PAGE[mark.body_start :].startswith("“Whoever")
    assert PAGE[: mark.end].endswith("[^q-rosengolts-deviation]")
    assert [(label, PAGE[offset : offset + 2]) for label, offset in footnote_refs(block)] == [
        ("q-rosengolts-deviation", "[^")
    ]


def test_marked_quotation_without_footnote() -> None:
    [block] = split_blocks("He said [“Long live”]{ #q-x }.\n")
    [mark] = marked_quotations(block)
    assert (mark.id, mark.label, mark.body) == ("q-x", None, "“Long live”")


def test_quote_spans_include_the_chapters_stray_mark() -> None:
    text = "such as “great,” “genius,” “wise,” ” Most beloved” and so on."
    assert [s.text for s in quote_spans(text)] == ["great,", "genius,", "wise,", " Most beloved"]
    assert all(s.closed for s in quote_spans(text))


def test_quote_span_offsets_are_of_the_marks() -> None:
    text = "Rosenholz: “Whoever deviates”"
    [span] = quote_spans(text, base=100)
    assert (span.start, span.end) == (100 + text.index("“"), 100 + len(text))


def test_unclosed_quotation() -> None:
    [span] = quote_spans("Bukharin said: “He is the hope of mankind!")
    assert not span.closed and span.text == "He is the hope of mankind!"


def test_apostrophes_are_not_quotation_marks() -> None:
    assert quote_spans("Stalin’s threat and Trotsky’s story") == ()


def test_plain_text_removes_markup_only() -> None:
    assert plain_text(THREAT) == (
        "Stalin’s threat was mirrored in the words of the defendant Rosenholz: "
        "“Whoever deviates even slightly from the general line of the Party will meet a sad and unfortunate end!”"
    )
    assert plain_text("one\nline [^x] joined") == "one line  joined"


def test_normalise_touches_typography_not_words() -> None:
    assert normalise("“Long  live”\n‘the’ Party…") == "\"Long live\" 'the' Party…"
    assert normalise("innocent ...... If") == normalise("innocent …… If") == "innocent … If"
    assert normalise("Long live") != normalise("Long life")


def test_the_mini_fixture_parses_like_the_chapter() -> None:
    text = (MINI / "docs" / "praise.md").read_text(encoding="utf-8")
    page = parse(text, "docs/praise.md", "praise.md")
    assert [b.id for b in page.paragraphs] == ["p-praise-in-speeches", "p-bukharin-rosenholz", "p-network-of-links"]
    assert [m.id for b in page.paragraphs for m in marked_quotations(b)] == [
        "q-vyshinsky-epithets",
        "q-bukharin-hope-of-mankind",
        "q-rosengolts-long-live",
    ]
    assert [d.label for d in page.footnote_defs] == [
        "q-vyshinsky-epithets",
        "q-bukharin-hope-of-mankind",
        "q-rosengolts-long-live",
    ]
