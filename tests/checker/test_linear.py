"""Linear time by construction: for each kind of editorial input, ten times the input costs at most
fifteen times the CPU of the checker (a quadratic path would cost a hundred times). Every pattern
applied to the input runs on RE2; an editors' page is refused before any renderer sees a shape that
would make one slow (tools/checker/editorial.py, editorial_shape).

CPU time of this process (another process on a loaded machine does not count); the absolute
figures belong in BENCHMARKS.md, never in an assert."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from complexity import cpu, growth
from conftest import Project

from tools.checker import check
from tools.checker.datesread import dates_in, dates_written
from tools.checker.editorial import rendered
from tools.checker.facts import grams_of
from tools.model.quotes import corpus_of, tokens_of
from tools.model.urls import hosts_within
from tools.model.yamlread import _read_yaml

SMALL = 4_000  # characters of hostile input: enough to outweigh the fixed cost (a quadratic path would
# take some fifty times the time for ten times the input, a linear one at most ten)
SUMMARY = "    summary: Bolshevik theorist; shot after the 1938 trial."
SAID = "        said: Bukharin was overwhelmed with emotion in court; a defendant"
PARTICIPANT = "      - {person: vyshinsky, as: prosecutor}\n"
COVERS = '"participants:vyshinsky"]'
PROSECUTOR = "State Prosecutor A. Y. Vyshinsky;"
Edit = Callable[[str, int], str]


def spelling(number: int) -> str:
    """The number-th of 456,976 made-up spellings of a name: Zqaaaa, Zqbaaa …"""
    return "Zq" + "".join(chr(97 + number // 26**place % 26) for place in range(4))


KINDS: dict[str, tuple[str, Edit]] = {
    "chapter page: spaces in a paragraph": (
        "docs/praise.md",
        lambda t, n: t.replace("For this reason", "For " + " " * n + "this reason"),
    ),
    "chapter page: mark-like brackets": (
        "docs/praise.md",
        lambda t, n: t.replace("For this reason", "For " + "[“a”]{ #q-" * (n // 12) + "this"),
    ),
    "chapter page: quotation marks": (
        "docs/praise.md",
        lambda t, n: t.replace("For this reason", "“a ‘b " * (n // 6) + "For this reason"),
    ),
    "chapter page: capitalised words": (
        "docs/praise.md",
        lambda t, n: t.replace("For this reason", "For " + "I " * n + "this reason"),
    ),
    "chapter page: quotations and names alternating": (
        "docs/praise.md",
        lambda t, n: t.replace("For this reason", "For " + "“x” Stalin " * (n // 11) + "this reason"),
    ),
    "heading of spaces": ("docs/praise.md", lambda t, n: t.replace("# Praise in the courtroom", "#" + " " * n + "x")),
    "editorial page: unclosed comment": ("docs/index.md", lambda t, n: t + "\n<!--" + " x" * (n // 2)),
    "editorial page: link brackets": ("docs/index.md", lambda t, n: t + "\n" + "[x](" * (n // 4)),
    "editorial page: many good paragraphs": (
        "docs/index.md",
        lambda t, n: t + ("\n\nSee [the notes](praise.md) on *Velicki*." * (n // 40)),
    ),
    # each problem is found in the page once for all of them, not by reading the page again for each
    "editorial page: a quotation no source holds in each paragraph": (
        "docs/index.md",
        lambda t, n: t + "".join(f"\n\nSaid “*e{i}* f{i}” here.\n" for i in range(n // 24)),
    ),
    # each problem is reported near the words around it, and the page's words are read once for all
    "editorial page: a heading of one letter, repeated": ("docs/index.md", lambda t, n: t + "\n\n# a\n" * (n // 5)),
    "editorial page: short paragraphs with ids of no edition": (
        "docs/index.md",
        lambda t, n: t + "".join(f"\n\nx\n{{: #X{i} }}" for i in range(n // 14)),
    ),
    # each brace that did not render is looked for once: one not found is not searched for again
    "editorial page: an attribute list's braces as entities": (
        "docs/index.md",
        lambda t, n: t + "\n" + "Words {&#32;#x }\n\n" * (n // 18),
    ),
    # a footnote called once (Python-Markdown numbers each further call by counting past the ones before)
    "editorial page: one footnote called again and again": (
        "docs/index.md",
        lambda t, n: t + "\n" + "See the note.[^a]\n\n" * (n // 19) + "[^a]: The editors.\n",
    ),
    "editorial page: many footnotes, each called once": (
        "docs/index.md",
        lambda t, n: (
            t
            + "\n"
            + " ".join(f"[^{i}]" for i in range(n // 12))
            + "\n\n"
            + "".join(f"[^{i}]: N.\n\n" for i in range(n // 12))
        ),
    ),
    "editorial page: a footnote whose label holds a line break": (
        "docs/index.md",
        lambda t, n: t + "\n" + "See [^a\nb] here.\n\n" * (n // 18) + "[^a\nb]: A note.\n",
    ),
    "editorial page: the build's markers": ("docs/index.md", lambda t, n: t + "\n<!-- end -->\n" * (n // 14)),
    # a line of no-break spaces is not blank to Markdown: the paragraph it joins is one, and limited
    "editorial page: paragraphs joined by lines of no-break spaces": (
        "docs/index.md",
        lambda t, n: t + "\n" + ("[x](" * 400 + "\n\u00a0\n") * (n // 1603),
    ),
    "editorial page: nested lists": (
        "docs/index.md",
        lambda t, n: t + "\n" + "".join("  " * (i % 40) + "- x\n" for i in range(n // 40)),
    ),
    "source-list prose: an admonition line": (
        "data/sources.yml",
        lambda t, n: t.replace(SUMMARY, '    summary: "!!! ' + " x" * (n // 2) + '"'),
    ),
    "source-list prose: quotation marks": (
        "data/sources.yml",
        lambda t, n: t.replace(SUMMARY, '    summary: "' + "“a ‘b " * (n // 6) + '"'),
    ),
    # every address an address stands for is found in one pass (tools/model/urls.py, hosts_within)
    "source-list address: addresses and escapes nested in a read_at": (
        "data/sources.yml",
        lambda t, n: t.replace(
            "read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
            "read_at: https://web.archive.org/web/2019/" + "https%253A%252F%252Fa.org/" * (n // 26),
        ),
    ),
    # a trial's participants are facts: each covered by one citation, whose words are read once
    "source-list trial: participants covered by one citation of long words": (
        "data/sources.yml",
        lambda t, n: (
            t.replace(
                PARTICIPANT, PARTICIPANT + "".join(f"      - {{person: p{i}, as: defendant}}\n" for i in range(n // 80))
            )
            .replace(COVERS, COVERS[:-1] + "".join(f', "participants:p{i}"' for i in range(n // 80)) + "]")
            .replace(PROSECUTOR, PROSECUTOR + " 1" * (n // 4))
        ),
    ),
    # each date a text writes is looked up in what its sources' words give, read once, not searched for
    "source-list prose: dates in a text and in its sources' words": (
        "data/sources.yml",
        lambda t, n: t.replace(SAID, SAID + " " + "on 15 March 1938, " * (n // 36)).replace(
            SUMMARY, "    summary: " + "shot on 15 March 1938; " * (n // 24)
        ),
    ),
    # one person listed again and again, and covered each time: each participant's capacities are
    # gathered once a trial, not once per name a citation covers
    "source-list trial: one participant repeated, covered as often": (
        "data/sources.yml",
        lambda t, n: t.replace(PARTICIPANT, PARTICIPANT * (n // 12)).replace(
            COVERS, COVERS[:-1] + ', "participants:vyshinsky"' * (n // 12) + "]"
        ),
    ),
    # a person of many spellings and many readings: what the readings are admitted beside (the
    # spellings) is pinned once for the entry, not hashed again for each reading (tools/checker/review.py)
    "source-list person: many spellings and many readings": (
        "data/sources.yml",
        lambda t, n: t.replace(
            "    variants: [Bukharin]\n",
            "    variants: [Bukharin, " + ", ".join(spelling(i) for i in range(n // 4)) + "]\n",
        ).replace(
            "    summary: Bolshevik theorist; shot after the 1938 trial.\n    sources:\n",
            "    summary: Bolshevik theorist; shot after the 1938 trial.\n    sources:\n"
            + "".join(
                f"      - work: wikipedia\n        said: Bukharin x{i}\n        covers: [name]\n"
                for i in range(n // 30)
            ),
        ),
    ),
    # the words quotations may be grow with the quotations: each is looked up, never searched for
    "source-list prose: quotations and sources' words": (
        "data/sources.yml",
        lambda t, n: t.replace(SAID, SAID + " " + " ".join(f"w{i} x{i}" for i in range(n // 8))).replace(
            SUMMARY, '    summary: "' + "“q z” " * (n // 6) + '"'
        ),
    ),
}


# What a run may keep from the one before: emptied before each run
CACHES = (tokens_of, dates_in, dates_written, hosts_within, rendered, grams_of, corpus_of, _read_yaml)


@pytest.mark.parametrize("kind", list(KINDS))
def test_ten_times_the_input_costs_at_most_fifteen_times_the_time(kind: str, mini: Project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    path, edit = KINDS[kind]
    larger = Project(tmp_path / "larger")
    shutil.copytree(mini.root, larger.root)
    original = mini.read(path)
    mini.write(path, edit(original, SMALL))
    larger.write(path, edit(original, 10 * SMALL))
    ratio = growth(lambda: cpu(lambda: check(mini.root), CACHES), lambda: cpu(lambda: check(larger.root), CACHES), 15)
    assert ratio <= 15, f"{kind}: ten times the input took {ratio:.1f} times the time"


def test_a_quotation_costs_the_same_however_many_words_may_be_quoted() -> None:
    """The old checker once looked for the longest quotation again per text, and a 1,000-page book
    took 1.8 times per page what 10 pages did: looking up 300 quotations in the words of 5,000
    sources costs no more than three times looking them up in 10."""
    from tools.model.quotes import Corpus

    quoted = [f"the editors call it a plain phrase {n} of their own" for n in range(300)]

    def corpus(texts: int) -> Corpus:
        return Corpus([f"word{n} after{n} word{n} in{n} quotation{n} of their own" for n in range(texts)], set())

    few, many = corpus(10), corpus(5_000)
    ratio = growth(
        lambda: cpu(lambda: [few.allows(q) for q in quoted], CACHES),
        lambda: cpu(lambda: [many.allows(q) for q in quoted], CACHES),
        3,
    )
    assert ratio <= 3, f"500 times the words took {ratio:.1f} times the time"


def test_a_citations_dates_are_read_once_however_many_facts_it_covers(mini: Project) -> None:
    """A trial's participants are facts, each with its dates, and one citation may cover them all:
    its excerpts are read once an entry, not once a fact (a round took 351 s on 475 KB, reading
    each excerpt again for each participant). Counted in reads, not timed."""
    people = "".join(f"      - {{person: p{i}, as: defendant from 2 March 1938}}\n" for i in range(40))
    mini.replace("data/sources.yml", PARTICIPANT, PARTICIPANT + people)
    mini.replace("data/sources.yml", COVERS, COVERS[:-1] + "".join(f', "participants:p{i}"' for i in range(40)) + "]")
    excerpts = "".join(f"          - on {i % 28 + 1} March 1938, session {i}\n" for i in range(50))
    mini.replace(
        "data/sources.yml",
        "        said: >-\n          heard before",
        "        said:\n" + excerpts + "          - heard before",
    )
    mini.replace("data/sources.yml", "1938;\n          State Prosecutor", "1938; State Prosecutor")
    dates_in.cache_clear()
    result = check(mini.root)
    assert result.checked is not None, [str(f) for f in result.findings][:3]
    reads = dates_in.cache_info()
    assert reads.hits + reads.misses < 200, reads  # 51 excerpts; once a fact would be 41 times that
