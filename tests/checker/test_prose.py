"""tools/checker/prose.py on the editors' pages: a made-up quotation is refused wherever it hides
(the hostile review's attacks a1–a5), and the chapter's words pass."""

from __future__ import annotations

import pytest
from conftest import Project

from tools.checker.prose import not_the_chapters, readable
from tools.model.inline import normalise

INDEX = "docs/index.md"
CHAPTER = normalise("Velicki loaded his indictment with praise, such as “great,” “genius,” and so on.")
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
    ],
)
def test_a_made_up_quotation_is_found_wherever_it_hides(text: str) -> None:
    found = list(not_the_chapters(text, CHAPTER))
    assert any(MADE_UP.rstrip(".") in quotation.text for quotation in found), found


@pytest.mark.parametrize(
    "text",
    [
        "“Velicki” is Vyshinsky.",
        "> Velicki loaded his indictment with praise\n",
        '<a href="praise.html" class="x">the chapter</a> and <code>index.html</code>',
        "the editors' words, and Orlov’s",
    ],
)
def test_the_chapters_words_and_plain_prose_pass(text: str) -> None:
    assert list(not_the_chapters(text, CHAPTER)) == []


def test_readable_keeps_every_offset() -> None:
    text = 'a &ldquo;b&rdquo; <span title="c">d</span> <!-- e -->'
    assert len(readable(text)) == len(text)
    assert readable(text).index("b") == text.index("b")


def test_a_made_up_quotation_in_a_title_is_refused_by_the_checker(mini: Project) -> None:
    mini.replace(INDEX, "one short text", f'one short <span title="Orlov: “{MADE_UP}”">text</span>')
    assert any(" editorial-quote " in f for f in mini.findings())
