"""tools/model/quotes.py: the quotation-mark class derived from Unicode data, the spans it finds, and
the words a quotation may be."""

from __future__ import annotations

import unicodedata

import pytest
from complexity import cpu, growth
from hypothesis import given
from hypothesis import strategies as st

from tools.model.quotes import (
    PUNCTUATION_PLANES,
    TOKEN,
    Corpus,
    Tokens,
    core,
    has_mark,
    normalise,
    outermost,
    quotation_marks,
    quotations,
    spans,
    tokens_of,
)


def test_every_initial_and_final_quotation_mark_of_unicode_is_in_the_class() -> None:
    double, single = quotation_marks()
    marks = set(double + single)
    # (the invisible TAG QUOTATION MARK is a format character: refused anywhere as hidden text)
    every = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Pi", "Pf")}
    named = {
        chr(c)
        for c in range(0x110000)
        if any(
            k in unicodedata.name(chr(c), "") for k in ("QUOTATION MARK", "CORNER BRACKET", "ANGLE BRACKET", "PRIME")
        )
        and unicodedata.category(chr(c)) != "Cf"
    }
    assert every | named <= marks
    # the derivation scans two planes: no quotation mark lives beyond them
    assert all(ord(c) < PUNCTUATION_PLANES for c in every | named)


@pytest.mark.parametrize(
    "mark",
    ["״", "ˮ", "″", "〃", "＂", "„", "«", "❝", "『", "׳", "ʼ", "´", "`", "′", "＇", "‹", "「"],
)
def test_confusable_and_named_marks_are_in_the_class(mark: str) -> None:
    assert has_mark(f"x {mark}y{mark}")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "such as “great,” “genius,” “wise,” ” Most beloved” and so on",
            ["great,", "genius,", "wise,", " Most beloved"],
        ),
        ("he said ''Stalin is innocent'' and left", ["Stalin is innocent"]),  # two typewriter apostrophes
        ("he said ,,Stalin is innocent'' and left", ["Stalin is innocent"]),  # low-then-high, typed
        ("he said ״Stalin is innocent״ and left", ["Stalin is innocent"]),  # Hebrew gershayim
        ("he said ˮStalin is innocentˮ and left", ["Stalin is innocent"]),  # modifier letter double apostrophe
        ("he said ``Stalin is innocent'' and left", ["Stalin is innocent"]),  # TeX's marks
        ("he said ‘Stalin is innocent’ and 'so was I'.", ["Stalin is innocent", "so was I"]),
        ("he said ‹Stalin is innocent› and «so was I»", ["Stalin is innocent", "so was I"]),
    ],
)
def test_spans_of_every_spelling(text: str, quoted: list[str]) -> None:
    assert [s.text for s in spans(text)] == quoted


def test_apostrophes_open_no_quotation() -> None:
    assert spans("Stalin’s threat and Trotsky’s story, the defendants’ lawyers, don't, the judges’") == []


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("he said ‘…Stalin is innocent.’ and left", "…Stalin is innocent."),
        ("he said ‘— Stalin is innocent’ and left", "— Stalin is innocent"),
        ("he said ‘ Stalin is innocent ’ and left", " Stalin is innocent "),
        ("he said ‘1938 was a farce’ and left", "1938 was a farce"),
        ("he said‘Stalin is innocent’ and left", "Stalin is innocent"),
        ("he said ‛Stalin is innocent’ and left", "Stalin is innocent"),
        ("he said '…Stalin is innocent…' and left", "…Stalin is innocent…"),
        ("he said '—Stalin is innocent' and left", "—Stalin is innocent"),
    ],
    ids=["ellipsis", "dash", "space", "digit", "after a letter", "reversed", "typewriter", "typewriter dash"],
)
def test_an_initial_mark_opens_whatever_follows_it(text: str, quoted: str) -> None:
    """An initial mark (‘ ‛ ‹) is never an apostrophe: it opens a quotation whatever stands around
    it; any other single mark opens one before punctuation too (a fresh attack's spellings: each one
    hid a sentence in single marks)."""
    assert [s.text for s in spans(text)] == [quoted]


@pytest.mark.parametrize(
    "text",
    [
        "Orlov wrote '1937 was the year Stalin saved the country from traitors' in his book.",
        "Orlov wrote ›Stalin was innocent of every crime‹ in his book.",
        "Orlov wrote ' Stalin was innocent of all crimes ' in his book.",
        "Orlov wrote ’Stalin was innocent of any crime‘ in his book.",
        "Orlov wrote ‚Stalin was innocent of each crime‘ in his book.",
        "Orlov wrote 'Stalin never harmed anybody at all'in his book.",
        "in the ’30s the trials were public",
    ],
    ids=[
        "before a digit",
        "reversed guillemets",
        "spaced",
        "reversed",
        "low then high",
        "closed inside a word",
        "a decade",
    ],
)
def test_a_single_mark_no_word_precedes_opens_a_quotation(text: str) -> None:
    """A second attack's spellings: a single mark after a space, a digit after it, guillemets either
    way round, a quotation that never closes. An apostrophe-like mark (' ’ ʼ) is an apostrophe only
    inside a word or after one; any other single mark is always a quotation mark. A reader cannot
    tell the ’30s from a quotation that opens, so the edition writes the 1930s."""
    [span] = spans(text)
    assert "Stalin" in span.text or span.text.startswith("30s")


def test_an_unclosed_mark_reads_to_the_end() -> None:
    [span] = spans("Bukharin said: “He is the hope of mankind!")
    assert not span.closed and span.text == "He is the hope of mankind!"


def test_a_quotation_inside_a_quotation_belongs_to_the_outer_one() -> None:
    [span] = outermost(spans("He said “they called it ‘a farce’ at once”."))
    assert span.text == "they called it ‘a farce’ at once"


CHAPTER = [
    "The defendant Boguslavsky said, “I begin with a little thing that at first glance seems innocent …… "
    "as we are doing now.”",
    "Bukharin was overwhelmed with emotion in court: “He (naturally, Stalin – the author) is the hope of mankind!”",
]


@pytest.mark.parametrize(
    ("quoted", "allowed"),
    [
        ("He (naturally, Stalin – the author) is the hope of mankind!", True),
        ("The Hope of Mankind", True),  # a quotation may begin a sentence: case is typography
        ("the hope of man", False),  # whole words only: “man” is not a word of the chapter there
        ("Stalin is innocent", False),
        ("innocent", False),  # a single word of the chapter could be stitched into a claim
        ("Stalin", True),  # a name as spelled
        ("I begin with a little thing […] as we are doing now", True),  # the editors' cut, each part the chapter's
        ("I begin with a little thing […] Stalin is innocent", False),
        ("(19)", True),  # no words at all
        ("I begin with a little thing …", True),  # an elision at the edge
    ],
)
def test_the_words_a_quotation_may_be(quoted: str, allowed: bool) -> None:
    corpus = Corpus(CHAPTER, {"Stalin", "Bukharin"})
    assert corpus.allows(quoted) is allowed


def test_core_is_typography_only() -> None:
    assert core(" “great,” ") == "great"
    assert core("Stalin’s  leadership…") == core("Stalin's leadership...")


# --- the marks a fresh attack spelled, and the old suite's traditions --------------------------


@pytest.mark.parametrize(
    ("mark", "double"),
    [
        ("\u2034", True),  # triple prime: confusable with three apostrophes
        ("\u2057", True),  # quadruple prime
        ("\u226a", True),  # much less-than: confusable with two less-than signs, as « is typed
        ("\u300a", True),  # CJK double angle bracket
        ("\u05f2", True),  # Yiddish double yod: a letter, but it looks like two marks
        ("\ua78c", False),  # Latin small letter saltillo: a letter of the edition's own script
        ("\ua78b", False),  # its capital
        ("\u3008", False),  # CJK angle bracket
    ],
)
def test_the_marks_a_fresh_attack_spelled_are_in_the_class(mark: str, double: bool) -> None:
    doubles, singles = quotation_marks()
    assert mark in (doubles if double else singles)


def test_letters_of_other_alphabets_are_not_marks() -> None:
    """A Hebrew yod, a Cree syllable, a runic letter: letters where they are written, not marks."""
    doubles, singles = quotation_marks()
    assert not {"\u05d9", "\u144a", "\u16cc"} & set(doubles + singles)


@pytest.mark.parametrize(
    "text",
    ["»Stalin«", "«Stalin»", "„Stalin“", "〝Stalin〞", "＂Stalin＂", "‟Stalin”", "‛Stalin’", "「Stalin」", "『Stalin』", "‹Stalin›",
     "❝Stalin❞", "❛Stalin❜", "❮Stalin❯", "｢Stalin｣", "﹁Stalin﹂", "⹂Stalin“", "《Stalin》", "≪Stalin≫", "<<Stalin>>",
     "‴Stalin‴", "ꞌꞌStalinꞌꞌ"],
)  # fmt: skip
def test_marks_of_every_tradition(text: str) -> None:
    [span] = spans(f"He said {text} once.")
    assert span.text == "Stalin"


def test_marks_doubled_where_a_quotation_opens_open_it_together() -> None:
    assert spans("he said ““Stalin is innocent”” and left")[0].text == "Stalin is innocent"


def test_quotations_with_only_spaces_between_are_also_read_as_one() -> None:
    found = quotations("Orlov says “Trotsky” “invented a” “network of conspiracy links”, and “Stalin”, “Velicki”.")
    assert sorted(s.text for s in found) == sorted(
        [
            "Trotsky",
            "invented a",
            "network of conspiracy links",
            "Trotsky” “invented a” “network of conspiracy links",  # the run: a comma ends it
            "Stalin",
            "Velicki",
        ]
    )


def test_a_stitched_quotation_is_refused_and_the_chapters_own_run_is_allowed() -> None:
    corpus = Corpus(["Stalin invented a “network of conspiracy links”", "such as “great,” “genius,” and so on"], set())
    runs = [s.text for s in quotations("“Stalin” “invented a” “network of conspiracy links”") if "”" in s.text]
    assert [corpus.allows(r) for r in runs] == [True]
    assert not corpus.allows(next(s.text for s in quotations("“Trotsky” “invented a”") if "”" in s.text))
    assert corpus.allows(next(s.text for s in quotations("such as “great,”   “genius,”") if "”" in s.text))


def test_typography_is_not_words() -> None:
    assert normalise("“Long  live”\n‘the’ Party…") == "\"Long live\" 'the' Party…"
    assert normalise("innocent ...... If") == normalise("innocent …… If") == "innocent … If"
    assert core("counter-revolutionary underground organizations,") == core(
        "counter-revolutionary underground organizations"
    )


@given(st.text(alphabet=st.sampled_from(list("ab “”‘’'\"«»,.")), max_size=30))
def test_a_text_without_a_mark_has_no_quotation(text: str) -> None:
    assert has_mark(text) or spans(text) == []


WORDS = st.lists(st.sampled_from(["a", "b", "ab", "c", ",", "(", ")", "’"]), max_size=12).map(" ".join)


@given(st.lists(WORDS, min_size=1, max_size=4), WORDS)
def test_the_automaton_finds_what_a_search_for_whole_words_finds(texts: list[str], words: str) -> None:
    """Tokens (tools/model/quotes.py) against the plain definition: the words occur in a text,
    beginning and ending at no letter or digit of it."""
    automaton = Tokens()
    for text in texts:
        automaton.extend(text)

    def found(text: str, needle: str) -> bool:
        tokens, wanted = TOKEN.findall(text), TOKEN.findall(needle)
        return any(tokens[i : i + len(wanted)] == wanted for i in range(len(tokens) - len(wanted) + 1))

    assert (words in automaton) == any(found(t, words) for t in texts)


# --- the editors' cut: a cut shortens one passage, it never joins two ---------------------------

SOURCES = ["There was a Bristol located where the defendant in question said it was", "Stalin must be removed at once"]


@pytest.mark.parametrize(
    ("quoted", "allowed"),
    [
        ("There was a Bristol located where […] said it was", True),  # one text, in order
        ("There was a Bristol […] in question […] said it was", True),
        ("There was a Bristol located where the defendant in question said it was […] Stalin must be removed", False),
        ("said it was […] There was a Bristol", False),  # one text, out of order
        ("There was a Bristol located […] located where the defendant", False),  # overlapping: “located” twice
        ("There was a Bristol located […] where the defendant", True),  # touching, not overlapping
        ("[…] There was a Bristol […]", True),  # cuts at the edges only
    ],
)
def test_the_parts_of_a_cut_are_words_of_one_text_in_order(quoted: str, allowed: bool) -> None:
    corpus = Corpus(SOURCES, set())
    assert corpus.allows(quoted) is allowed


def test_a_cut_may_not_join_a_corpus_to_one_beside_it() -> None:
    shared = Corpus(["Stalin must be removed at once"], set())
    own = Corpus(["There was a Bristol located where the defendant said it was"], set(), beside=(shared,))
    assert own.allows("There was a Bristol […] said it was")
    assert own.allows("Stalin must […] at once")  # one text of the corpus beside
    assert not own.allows("There was a Bristol […] Stalin must be removed")


def test_a_single_word_part_must_stand_in_the_text_too() -> None:
    corpus = Corpus(["Bukharin said the hope of mankind", "Stalin is the hope of mankind"], {"Stalin"})
    assert corpus.allows("Stalin […] the hope of mankind")
    assert not corpus.allows("Bukharin said […] Stalin")  # a name as spelled, but of another text


def test_the_excerpts_of_one_reading_are_one_passage_in_order() -> None:
    """One citation's `said` of several excerpts (readings.passages_read): a cut may go from one to
    a later one, an uncut quotation stays within one."""
    corpus = Corpus([("the accused Bukharin was heard", "and the court sentenced him to death")], set())
    assert corpus.allows("the accused Bukharin […] sentenced him to death")
    assert not corpus.allows("sentenced him to death […] the accused Bukharin")
    assert not corpus.allows("was heard and the court")  # across two excerpts, uncut: words nobody wrote


def test_ten_times_the_cut_quotations_and_texts_cost_far_less_than_a_hundred_times() -> None:
    """Each cut quotation is looked for in the texts holding its rarest token only, never in all the
    texts: ten times the texts and quotations costs about ten times the CPU, not a hundred (CPU time
    of this process; no absolute figure in the assert)."""

    def run(count: int) -> float:
        texts = [f"the witness w{n} said that the defendant d{n} was heard in court" for n in range(count)]
        quoted = [f"the witness w{n} […] the defendant d{n} was heard" for n in range(count)]
        quoted += [f"the defendant d{n} was heard […] the witness w{n}" for n in range(count)]  # refused
        verdicts: list[bool] = []

        def allowed() -> None:
            corpus = Corpus(texts, set())
            verdicts.extend(corpus.allows(q) for q in quoted)

        spent = cpu(allowed, [tokens_of])
        assert verdicts == [True] * count + [False] * count
        return spent

    ratio = growth(lambda: run(400), lambda: run(4_000), 25)
    assert ratio <= 25, f"ten times the input took {ratio:.1f} times the time"
