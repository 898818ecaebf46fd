"""tools/checker/rendered.py: the comparison of any text with the chapter's quotations, on small
texts that read like the chapter's; positions in HTML; a hostile text stays linear and capped."""

from __future__ import annotations

import pytest
from conftest import best_cpu_times
from hypothesis import given
from hypothesis import strategies as st

from tools.checker.rendered import MAX_PER_RULE, Checker, check_html, check_values

WORDINGS = {
    "q-epithets": "“great,” “genius,” “wise,” ” Most beloved”",
    "q-deviation": "“Whoever deviates even slightly from the general line of the Party will meet a sad and unfortunate end!”",
    "q-escaped": "“A \\*starred\\* word”",
}


@pytest.fixture(scope="module")
def quotes() -> Checker:
    return Checker(WORDINGS)


def rules(quotes: Checker, text: str) -> list[str]:
    return [p.rule for p in quotes.check(text)]


@pytest.mark.parametrize(
    "text",
    [
        "such as “great,” “genius,” “wise,” ” Most beloved” and so on",
        "“Whoever deviates even slightly from the general line of the […]”",
        "“Whoever deviates […] from the general line of the Party will meet a sad and unfortunate end!”",
        'the phrase "the general line of the Party" recurs',
        "“Pitiful and unhappy will be the fate of anyone who permits even the slightest deviation from the general line of the Party!”",
        "“A *starred* word”",  # the chapter's escaped characters, as printed
        "",
    ],
)
def test_what_passes(quotes: Checker, text: str) -> None:
    assert rules(quotes, text) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("“great,” … “genius,” … “wise,” … “Most beloved”", "generated-quote-wording"),
        ("“great,” “genius,” “wise,” “Most beloved”", "generated-quote-wording"),
        ("“Whoever deviates even slightly from the general line of the…”", "generated-quote-cut"),
        ("“Whoever deviates even slightly from the general line of th…”", "generated-quote-cut"),
        (
            "“Whoever deviates even slightly from the general line of the Party will meet a sad end!”",
            "generated-quote-cut",
        ),
        (
            "“Whoever deviates even slightly from the general line of the Party will meet a sad and unhappy end!”",
            "generated-quote-wording",
        ),
        ("“great,” … “genius,”", "generated-quote-wording"),
        (
            "“Anyone deviates even slightly from the general line of the Party will meet a sad and unfortunate end!”",
            "generated-quote-wording",
        ),
    ],
)
def test_what_fails(quotes: Checker, text: str, rule: str) -> None:
    assert rule in rules(quotes, text)


def test_a_position_in_html_is_its_line_and_column() -> None:
    html = '<html>\n<body>\n<p id="x">Such as <span>“great,” … “genius,”</span></p>\n</body></html>\n'
    found = check_html("page.html", html, Checker(WORDINGS))
    assert [str(f).split(" ", 2)[:2] for f in found] == [["page.html:3:31:", "generated-quote-wording"]]
    # Scripts and styles are not text a reader sees.
    assert check_html("page.html", "<script>“great,” … “genius,”</script>", Checker(WORDINGS)) == []


def test_a_download_is_checked_line_by_line() -> None:
    found = check_values("quotations.csv", [(1, 1, "id,text"), (2, 1, "q,“great,” … “genius,”")], Checker(WORDINGS))
    assert [f.line for f in found] == [2]


def test_findings_are_capped_per_text(quotes: Checker) -> None:
    problems = list(quotes.check("“great,” … “genius,” … “wise,”\n" * (MAX_PER_RULE + 30)))
    assert len(problems) == MAX_PER_RULE + 1
    assert problems[-1].message == "… and 30 more like this in this text"


def test_ten_times_the_text_costs_at_most_fifteen_times_the_time(quotes: Checker) -> None:
    """Exact quotations, misquotations, quoted strings and repeated words, mixed: the worst the
    comparison meets (every word pair is in the index, every string needs checking)."""
    unit = (
        "“Whoever deviates even slightly from the general line of the Party will meet a sad and unfortunate end!” "
        "“great,” … “genius,” “the the the the” “Whoever deviates even slightly from the line of the Party” "
        "of the of the of the “wise,” ” Most beloved” “” ” “\n"
    )
    small, large = unit * 200, unit * 2000
    small_cpu, large_cpu = best_cpu_times(lambda: list(quotes.check(small)), lambda: list(quotes.check(large)))
    assert large_cpu <= 15 * small_cpu, f"ten times the text took {large_cpu / small_cpu:.1f}× the time"


def test_a_text_costs_the_same_however_many_quotations_the_book_has() -> None:
    """A book's check looks at every text of its source list and footnotes, so the cost of one
    text must not grow with the number of quotations: it did once (the longest quotation was
    looked for again per text), and a 1,000-page book took 1.8× per page what 10 pages did."""
    texts = [f"Note {n}: the editors call it “a plain phrase of their own” here." for n in range(300)]

    def book(quotations: int) -> Checker:
        return Checker({f"q-{n}": f"“word{n} after{n} word{n} in{n} quotation{n}”" for n in range(quotations)})

    few, many = book(10), book(20000)
    few_cpu, many_cpu = best_cpu_times(
        lambda: [list(few.check(t)) for t in texts], lambda: [list(many.check(t)) for t in texts]
    )
    assert many_cpu <= 3 * few_cpu, f"2,000 times the quotations took {many_cpu / few_cpu:.1f}× the time"


# `check` first looks for a word pair that some quotation has, and skips a text without one: on
# text made of the quotations' words, marks, cuts and ellipses, it finds exactly what the whole
# comparison finds (every problem starts from a run, and every run from such a pair).
WORDS = sorted({w for wording in WORDINGS.values() for w in wording.replace("“", " ").replace("”", " ").split()})


@given(st.lists(st.sampled_from([*WORDS, "“", "”", "…", "[…]", "and", "the"]), max_size=30).map(" ".join))
def test_the_quick_look_for_a_shared_pair_misses_no_problem(quotes: Checker, text: str) -> None:
    assert list(quotes.check(text)) == list(quotes.problems(text))
