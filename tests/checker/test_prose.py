"""tools/checker/prose.py on the editors' pages: a made-up quotation is refused wherever it hides
(the hostile review's attacks a1–a5), and the chapter's words pass."""

from __future__ import annotations

import pytest
from conftest import Project
from hypothesis import given
from hypothesis import strategies as st

from tools.checker import prose
from tools.checker.prose import ChapterWords, contains_words, not_the_chapters, quoted, read_quoted, readable
from tools.model.inline import APOSTROPHES, DOUBLE_MARKS, SINGLE_MARKS, normalise

INDEX = "docs/index.md"
# A chapter that has “innocent” and “Stalin”; the name and an epithet may be quoted alone.
CHAPTER = ChapterWords(
    normalise(
        "Velicki loaded his indictment with praise, such as “great,” “genius,” and so on. Stalin was not innocent. (19)"
    ),
    frozenset({"velicki", "stalin", "genius"}),
)
MADE_UP = "Stalin is innocent of every crime."


@pytest.mark.parametrize(
    "text",
    [
        f'<span title="Orlov: “{MADE_UP}”">see</span>',
        f"Orlov wrote `“{MADE_UP}”`.",
        f"Orlov wrote &ldquo;{MADE_UP}&rdquo;.",
        f"Orlov wrote &#8220;{MADE_UP}&#8221;.",
        f"Orlov wrote ❝{MADE_UP}❞.",
        f"> {MADE_UP}\n> — Alexander Orlov\n",
        f'!!! quote "Orlov"\n    {MADE_UP}\n',
        f"Orlov wrote ｢{MADE_UP}｣.",
        # A second hostile review's ways past the first version of this reading:
        f"In the '30s Orlov wrote “{MADE_UP}”",  # a stray ' once hid every quotation after it
        f"Orlov wrote ““{MADE_UP}””",  # doubled marks once made two empty pairs
        f"Orlov wrote ''{MADE_UP}''",
        f"Orlov wrote ″{MADE_UP}″",
        f"Orlov wrote ＇{MADE_UP}＇",
        f"Orlov wrote “{MADE_UP}",  # never closed: everything after the mark
        f"- > {MADE_UP}\n",
        f"1. Orlov:\n\n    > {MADE_UP}\n",
        f"> Velicki loaded his indictment with praise\nand {MADE_UP}\n",  # a lazy continuation line
        f"!!! quote\n\t{MADE_UP}\n",
        f"!!! Quote\n    {MADE_UP}\n",
        f'!!! note quote "Orlov"\n    {MADE_UP}\n',
        f"??? cite\n    {MADE_UP}",
    ],
    ids=[
        "title",
        "code",
        "named-references",
        "numeric-references",
        "ornaments",
        "blockquote",
        "quote-box",
        "halfwidth",
        "after-a-stray-apostrophe",
        "doubled-marks",
        "two-apostrophes",
        "double-prime",
        "fullwidth-apostrophe",
        "unclosed",
        "blockquote-in-a-list",
        "indented-blockquote",
        "lazy-blockquote",
        "tab-indented-box",
        "capitalised-box",
        "second-class-box",
        "details-box-at-the-end",
    ],
)
def test_a_made_up_quotation_is_found_wherever_it_hides(text: str) -> None:
    found = list(not_the_chapters(text, CHAPTER))
    assert any(MADE_UP.rstrip(".") in quotation.text for quotation in found), found


@pytest.mark.parametrize(
    "text",
    [
        "“Velicki” is Vyshinsky.",
        "The praise “genius,” is a quotation's word, which the editors may quote alone.",
        "The chapter's “loaded his indictment” is two words and more.",
        "“(19)” is the number of the instalment.",
        "The epithets “great,” “genius,” stand side by side as in the chapter.",
        "Names in a list, “Stalin”, “Velicki”, are mentions, not a sentence.",
        "In the ’30s the trials were public; the editors’ notes say so.",
        "> Velicki loaded his indictment with praise\n",
        '<a href="praise.html" class="x">the chapter</a> and <code>index.html</code>',
        "the editors' words, and Orlov’s",
    ],
)
def test_the_chapters_words_and_plain_prose_pass(text: str) -> None:
    assert list(not_the_chapters(text, CHAPTER)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Orlov calls “Stalin” “innocent”.",  # each a word of the chapter: stitched, a sentence nobody wrote
        "Orlov calls Stalin “innocent”.",
        "Orlov writes that “Stalin” “not innocent”.",  # two pieces with only a space between: read as one
        "Orlov says “cent”.",  # inside “innocent”: not a word of the chapter
        "Orlov names “Stali”.",
        "Velicki said “not innocen”.",
    ],
)
def test_a_lone_word_or_a_piece_of_a_word_is_refused(text: str) -> None:
    assert list(not_the_chapters(text, CHAPTER)) != []


def test_whole_words_only() -> None:
    assert contains_words("Stalin was not innocent.", "not innocent")
    assert not contains_words("Stalinist rule", "Stalin")
    assert not contains_words("innocent", "nocent")
    assert contains_words("“(19)”", "(19)")


def test_readable_keeps_every_offset() -> None:
    text = 'a &ldquo;b&rdquo; <span title="c">d</span> <!-- e -->'
    assert len(readable(text)) == len(text)
    assert readable(text).index("b") == text.index("b")


def test_a_made_up_quotation_in_a_title_is_refused_by_the_checker(mini: Project) -> None:
    mini.replace(INDEX, "one short text", f'one short <span title="Orlov: “{MADE_UP}”">text</span>')
    assert any(" editorial-quote " in f for f in mini.findings())


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "    summary: Soviet leader under whom the Moscow Trials were staged.\n",
            f"    summary: Orlov wrote of his trial, “{MADE_UP}”\n",
        ),
        (
            "    text: '\"Velicki\" is the translation''s garbling of A. Y. Vyshinsky.'\n",
            f"    text: 'Orlov adds: “{MADE_UP}”'\n",
        ),
        ("    role: defendant, 1938 trial\n", f"    role: defendant, who said “{MADE_UP}”\n"),
    ],
    ids=["summary", "note", "role"],
)
def test_a_made_up_quotation_in_the_source_lists_prose_is_refused(mini: Project, before: str, after: str) -> None:
    mini.replace("data/sources.yml", before, after)
    assert any(" yaml-quote " in f and MADE_UP[:20] in f for f in mini.findings()), mini.findings()


def test_a_quotation_its_source_supports_passes(mini: Project) -> None:
    mini.replace(
        "data/sources.yml",
        "    summary: Soviet leader under whom the Moscow Trials were staged.\n    sources:\n      - work: orlov-1953\n",
        "    summary: Soviet leader, called “the father of peoples” by his court.\n    sources:\n"
        "      - work: orlov-1953\n        supports: he was called “the father of peoples”\n",
    )
    assert [f for f in mini.findings() if " yaml-quote " in f] == []


def test_a_variant_must_be_a_name(mini: Project) -> None:
    mini.replace("data/sources.yml", "    variants: [Stalin]\n", f"    variants: [Stalin, {MADE_UP}]\n")
    assert any(" yaml-value " in f and "not a spelling of a name" in f for f in mini.findings())


def test_verified_needs_the_report_of_its_own_trial_at_a_printed_page(mini: Project) -> None:
    """The review's y4: any work and any locator made a quotation 'verified' with invented words."""
    mini.replace(
        "data/sources.yml",
        '    text: ["great,", "genius,", "wise,", "Most beloved"]\n    speaker: vyshinsky\n    role: prosecutor\n'
        "    trial: null\n",
        '    text: ["great,", "genius,", "wise,", "Most beloved"]\n    speaker: vyshinsky\n    role: prosecutor\n'
        "    trial: null\n    report_wording: {text: Stalin is innocent of every crime., work: orlov-1953, locator: online}\n",
    )
    mini.replace("data/sources.yml", "    status: paraphrase\n", "    status: verified\n")
    messages = [f for f in mini.findings() if " yaml-verified-needs-locator " in f]
    assert any("names no trial" in m for m in messages)
    assert any("not a primary record" in m for m in messages)
    assert any("names no printed page" in m for m in messages)


# `quoted` first looks for a character that could start a quotation, and skips a text without
# one: on text made of every mark, reference, tag, blockquote and box the reading knows, it finds
# exactly what the whole reading finds.
PIECES = [
    *DOUBLE_MARKS,
    *SINGLE_MARKS,
    *APOSTROPHES,
    "''",
    "``",
    "`",
    "&ldquo;",
    "&#8221;",
    "&quot;",
    "&amp;",
    "<!-- x -->",
    '<span title="',
    "<b>",
    ">",
    "> ",
    "- > ",
    "1. > ",
    "!!! quote\n    ",
    "??? cite\n\t",
    "!",
    "?",
    "\n",
    "\n\n",
    " ",
    "Stalin",
    "innocent",
    "’30s",
]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_quick_look_for_a_mark_misses_no_quotation(text: str) -> None:
    assert list(quoted(text)) == list(read_quoted(text))


def test_a_text_without_a_mark_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def unread(text: str) -> str:
        raise AssertionError(f"read: {text!r}")

    monkeypatch.setattr(prose, "readable", unread)
    assert list(quoted("Velicki loaded his indictment with praise (19)")) == []
    with pytest.raises(AssertionError):
        list(quoted("Velicki loaded his indictment with “praise”"))
