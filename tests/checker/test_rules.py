"""tools/rules.py: each rule on the mini project — clean as written, and one mutation per rule
that must produce exactly that rule at exactly that line:col."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Project

from tools.model.findings import Severity

YML = "data/sources.yml"
WARNING = "docs/warning.md"
PRAISE = "docs/praise.md"
TOOLS = Path(__file__).resolve().parents[2] / "tools"


def definition(text: str, label: str) -> str:
    """The footnote definition line of `label` in a page, with its newline."""
    return next(line + "\n" for line in text.splitlines() if line.startswith(f"[^{label}]:"))


def drop_definition(path: str, label: str) -> Callable[[Project], None]:
    return lambda p: p.replace(path, definition(p.read(path), label), "")


def double_definition(path: str, label: str) -> Callable[[Project], None]:
    return lambda p: p.replace(path, definition(p.read(path), label), definition(p.read(path), label) * 2)


NEW_QUOTATION = """
  - id: q-kommodov-brass-wall
    text: It will never, ever be broken!
    speaker: vyshinsky
    role: defence counsel
    trial: null
    occasion: a speech for the defence
    date: null
    status: unverified
    sources:
      - work: orlov-1953
"""


def delete_entry(text: str, entry_id: str) -> str:
    """The YAML list item `- id: entry_id` with all its lines, removed."""
    pattern = re.compile(rf"^  - id: {re.escape(entry_id)}\n(?:    .*\n|\n(?=    ))*\n?", re.MULTILINE)
    assert len(pattern.findall(text)) == 1
    return pattern.sub("", text)


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Project], None]
    rule: str
    path: str
    needle: str  # the finding is at this text (after the mutation) ...
    shift: int = 0  # ... plus this many columns
    occurrence: int = 1
    message: str = ""


def r(path: str, old: str, new: str, count: int = 1) -> Callable[[Project], None]:
    return lambda p: p.replace(path, old, new, count)


def both(*steps: Callable[[Project], None]) -> Callable[[Project], None]:
    def run(project: Project) -> None:
        for step in steps:
            step(project)

    return run


CASES = [
    # quotations
    Case(
        "swapped speaker",
        r(PRAISE, "Another defendant, Rosenholz, shouted", "Another defendant, Bukharin, shouted"),
        "quote-speaker",
        PRAISE,
        "Bukharin, shouted",
        message="names “Bukharin” (Nikolai Ivanovich Bukharin) just before quotation 'q-rosengolts-long-live', "
        "but data/sources.yml gives the speaker as Arkady Pavlovich Rosengolts",
    ),
    Case(
        "changed word in a quotation",
        r(WARNING, "a sad and unfortunate end", "a bad and unfortunate end"),
        "quote-wording",
        WARNING,
        "bad and unfortunate",
        message="differs from data/sources.yml at word 15: the page has “bad and unfortunate”, the source list has “sad and unfortunate”",
    ),
    Case(
        "changed word in a multi-part quotation",
        r(PRAISE, "“wise,”", "“wide,”"),
        "quote-wording",
        PRAISE,
        "wide,",
        message="at word 1: the page has “wide,”",
    ),
    Case(
        "quoted part dropped",
        r(PRAISE, " “wise,”", ""),
        "quote-wording",
        PRAISE,
        "“great,”",
        message="has 3 quoted part(s) on the page but 4 in",
    ),
    Case(
        "quotation entry deleted",
        lambda p: p.write(YML, delete_entry(p.read(YML), "q-rosengolts-deviation")),
        "quote-unknown-id",
        WARNING,
        "[“Whoever",
        message="no quotation 'q-rosengolts-deviation' in data/sources.yml",
    ),
    Case(
        "quotation entry and its footnote deleted",
        both(
            lambda p: p.write(YML, delete_entry(p.read(YML), "q-rosengolts-deviation")),
            drop_definition(WARNING, "q-rosengolts-deviation"),
        ),
        "footnote-missing-definition",
        WARNING,
        "[^q-rosengolts-deviation]",
        message="footnote [^q-rosengolts-deviation] has no definition",
    ),
    Case(
        "unfootnoted quotation added",
        r(PRAISE, "that he said extended", "that he said “extended”"),
        "quote-unattributed",
        PRAISE,
        "“extended”",
        message="“extended” is in quotation marks but has no attribution",
    ),
    Case(
        "unclosed quotation mark",
        r(WARNING, "unfortunate end!”]", "unfortunate end!]"),
        "quote-unclosed",
        WARNING,
        "“Whoever",
        message="a quotation mark opens “Whoever deviates",
    ),
    Case(
        "marked quotation without footnote",
        r(WARNING, "{ #q-rosengolts-deviation }[^q-rosengolts-deviation]", "{ #q-rosengolts-deviation }"),
        "quote-unfootnoted",
        WARNING,
        "{ #q-rosengolts-deviation }",
        shift=len("{ #q-rosengolts-deviation }"),
        message="quotation 'q-rosengolts-deviation' has no footnote",
    ),
    Case(
        "footnote label differs from quotation id",
        both(
            r(WARNING, "}[^q-rosengolts-deviation]", "}[^q-deviation]"),
            r(WARNING, "[^q-rosengolts-deviation]:", "[^q-deviation]:"),
        ),
        "quote-footnote-mismatch",
        WARNING,
        "[^q-deviation]",
        shift=len("[^q-deviation]"),
        message="is followed by footnote [^q-deviation]",
    ),
    Case(
        "markup wraps more than the quotation",
        r(
            PRAISE,
            "” Most beloved”]{ #q-vyshinsky-epithets }[^q-vyshinsky-epithets] and so on.",
            "” Most beloved” and so on]{ #q-vyshinsky-epithets }[^q-vyshinsky-epithets].",
        ),
        "quote-markup",
        PRAISE,
        "“great,”",
        message="must wrap only the words in quotation marks",
    ),
    # footnotes
    Case(
        "footnote definition missing",
        drop_definition(PRAISE, "q-bukharin-hope-of-mankind"),
        "footnote-missing-definition",
        PRAISE,
        "[^q-bukharin-hope-of-mankind]",
        message="footnote [^q-bukharin-hope-of-mankind] has no definition; run `./edition check --write` to generate it",
    ),
    Case(
        "footnote unreferenced",
        lambda p: p.write(PRAISE, p.read(PRAISE) + "[^stray]: a note nobody points at\n"),
        "footnote-unreferenced",
        PRAISE,
        "[^stray]:",
        message="footnote [^stray] is defined but never referenced",
    ),
    Case(
        "footnote defined twice",
        double_definition(PRAISE, "q-bukharin-hope-of-mankind"),
        "footnote-duplicate",
        PRAISE,
        "[^q-bukharin-hope-of-mankind]:",
        occurrence=2,
        message="footnote [^q-bukharin-hope-of-mankind] is defined twice",
    ),
    Case(
        "footnotes out of order",
        lambda p: p.write(PRAISE, swap_definitions(p.read(PRAISE))),
        "footnote-order",
        PRAISE,
        "[^q-bukharin-hope-of-mankind]:",
        message="not in reading order",
    ),
    Case(
        "footnote text differs from the YAML",
        r(WARNING, "**Arkady Pavlovich Rosengolts**, defendant.", "**Arkady Pavlovich Rosengolts**, witness."),
        "footnote-text",
        WARNING,
        "[^q-rosengolts-deviation]:",
        message="footnote [^q-rosengolts-deviation] does not match data/sources.yml",
    ),
    Case(
        "footnote text stale after a YAML edit",
        r(YML, "    status: attributed\n", "    status: unverified\n"),
        "footnote-text",
        PRAISE,
        "[^q-rosengolts-long-live]:",
        message="does not match",
    ),
    # ids
    Case(
        "paragraph without id",
        r(WARNING, "{: #p-stalins-goals }\n", ""),
        "paragraph-id",
        WARNING,
        "One of Stalin’s goals",
        message="this paragraph has no id",
    ),
    Case(
        "duplicate paragraph id",
        r(PRAISE, "{: #p-network-of-links }", "{: #p-stalins-goals }"),
        "duplicate-id",
        PRAISE,
        "In order to portray",
        message="the id 'p-stalins-goals' is already used in warning.md",
    ),
    Case(
        "duplicate quotation id",
        r(PRAISE, "{ #q-bukharin-hope-of-mankind }", "{ #q-rosengolts-deviation }"),
        "duplicate-id",
        PRAISE,
        "Bukharin was overwhelmed",
        message="the id 'q-rosengolts-deviation' is already used in warning.md",
    ),
    # unused entries
    Case(
        "unused quotation",
        r(YML, "\nscare_quotes:", NEW_QUOTATION + "\nscare_quotes:"),
        "yaml-unused",
        YML,
        "id: q-kommodov-brass-wall",
        message="quotation 'q-kommodov-brass-wall' does not appear on any chapter page",
    ),
    Case(
        "unused person",
        r(
            YML,
            "\nquotations:",
            "\n  - id: lenin\n    name: Vladimir Lenin\n    variants: [Lenin]\n    born: 1870-04-22\n"
            "    died: 1924-01-21\n    role: founder of the Soviet state\n    summary: Bolshevik leader.\n"
            "    sources:\n      - work: orlov-1953\n\nquotations:",
        ),
        "yaml-unused",
        YML,
        "id: lenin",
        message="person 'lenin' is never named in the chapter",
    ),
    Case(
        "unused scare quote",
        r(
            YML,
            "  - text: network of conspiracy links\n    page: praise.md\n",
            "  - text: network of conspiracy links\n    page: praise.md\n  - text: secret letter\n    page: praise.md\n",
        ),
        "yaml-unused",
        YML,
        "- text: secret letter",
        shift=2,
        message="scare quote “secret letter” is declared 1 more time(s)",
    ),
    Case(
        "unused work (a warning)",
        r(
            YML,
            "\ntrials:",
            "\n  - id: dewey-hearings-1937\n    group: investigation\n    short: The Case of Leon Trotsky\n"
            "    title: The Case of Leon Trotsky\n    year: 1937\n\ntrials:",
        ),
        "yaml-unused",
        YML,
        "id: dewey-hearings-1937",
        message="work 'dewey-hearings-1937' is not cited by any entry",
    ),
    # editorial notes
    Case(
        "note on a missing paragraph",
        r(YML, "    paragraph: p-praise-in-speeches\n", "    paragraph: p-praise-in-speech\n"),
        "note-paragraph",
        YML,
        "paragraph: p-praise-in-speech",
        message="note 'n-velicki': no paragraph has the id 'p-praise-in-speech'",
    ),
    Case(
        "note on a term not in the paragraph",
        r(YML, "    term: Velicki\n", "    term: Vyshinsky\n"),
        "note-term",
        YML,
        "term: Vyshinsky",
        message="paragraph 'p-praise-in-speeches' does not contain “Vyshinsky”",
    ),
    # names
    Case(
        "a name with no person entry",
        r(
            YML,
            "not_names: [Communist, Party, Most, Bolshevik, Denmark,",
            "not_names: [Communist, Party, Most, Bolshevik,",
        ),
        "name-unknown",
        PRAISE,
        "Denmark",
        message="“Denmark” looks like a name, but no person in data/sources.yml is spelled so",
    ),
    Case(
        "a misspelt name in the chapter",
        r(PRAISE, "Another defendant, Rosenholz,", "Another defendant, Rozenholz,"),
        "name-unknown",
        PRAISE,
        "Rozenholz",
        message="“Rozenholz” looks like a name",
    ),
    # fidelity
    Case(
        "changed word outside a quotation",
        r(PRAISE, "was overwhelmed with emotion", "was overcome with emotion"),
        "text-fidelity",
        PRAISE,
        "Bukharin was",
        message="paragraph 5 differs from original/chapter.txt at character 18",
    ),
    Case(
        "dropped sentence",
        r(PRAISE, " On one occasion, he ended his speech like this.", ""),
        "text-fidelity",
        PRAISE,
        "For this reason",
        message="paragraph 4 differs from original/chapter.txt",
    ),
    Case(
        "added paragraph",
        lambda p: p.write(
            PRAISE,
            p.read(PRAISE).replace(
                "\n\n[^q-vyshinsky-epithets]:",
                "\n\nThis has always been so.\n{: #p-added }\n\n[^q-vyshinsky-epithets]:",
            ),
        ),
        "text-fidelity",
        PRAISE,
        "This has always been so.",
        message="this paragraph (“This has always been so.”) is not in original/chapter.txt",
    ),
    Case(
        "missing last paragraph",
        lambda p: p.write(PRAISE, re.sub(r"In order to portray.*\n\{: #p-network-of-links \}\n\n", "", p.read(PRAISE))),
        "text-fidelity",
        PRAISE,
        "",
        message="the chapter is missing its paragraph 6",
    ),
]


def swap_definitions(text: str) -> str:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("[^q-vyshinsky-epithets]:"))
    lines[first], lines[first + 1] = lines[first + 1], lines[first]
    return "\n".join(lines)


def expected_prefix(project: Project, case: Case) -> str:
    if case.needle == "":  # the very end of the file
        text = project.read(case.path)
        line = text.count("\n") + 1
        col = len(text) - (text.rfind("\n") + 1) + 1
    else:
        line, col = project.where(case.path, case.needle, case.occurrence)
    return f"{case.path}:{line}:{col + case.shift}: {case.rule} "


def test_the_mini_project_is_clean(mini: Project) -> None:
    result = mini.check()
    assert [str(f) for f in result.findings] == []
    assert result.exit_code == 0


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_fires_at_the_right_place(mini_project: Callable[..., Project], case: Case) -> None:
    project = mini_project(case.mutate)
    findings = project.findings()
    prefix = expected_prefix(project, case)
    hits = [f for f in findings if f.startswith(prefix)]
    assert hits, f"expected {prefix!r}; got:\n" + "\n".join(findings)
    assert case.message in hits[0]


def test_unused_work_is_only_a_warning(mini_project: Callable[..., Project]) -> None:
    case = next(c for c in CASES if c.name == "unused work (a warning)")
    result = mini_project(case.mutate).check()
    assert [f.severity for f in result.findings] == [Severity.WARNING]
    assert result.errors == [] and result.exit_code == 1


def test_swapped_speaker_also_breaks_fidelity(mini_project: Callable[..., Project]) -> None:
    project = mini_project(CASES[0].mutate)
    assert {f.rule for f in project.check().findings} == {"quote-speaker", "text-fidelity"}


def test_scare_quote_counts_are_per_page(mini_project: Callable[..., Project]) -> None:
    """A scare quote declared for praise.md does not excuse the same words on warning.md."""
    project = mini_project(r(WARNING, "the entire party.", "the entire “network of conspiracy links”."))
    assert project.at(WARNING, "“network", "quote-unattributed") in "\n".join(project.findings())


def test_a_quotation_with_no_name_before_it(mini_project: Callable[..., Project]) -> None:
    def unnamed(project: Project) -> None:
        project.write(
            WARNING, re.sub(r"One of Stalin’s goals.*\n\{: #p-stalins-goals \}\n\n", "", project.read(WARNING))
        )
        project.replace(WARNING, "Stalin’s threat was mirrored in the words of the defendant Rosenholz: ", "")

    project = mini_project(unnamed)
    assert (
        project.at(WARNING, "[“Whoever", "quote-speaker") + " quotation 'q-rosengolts-deviation': no person is named "
        "before it; the source list gives Arkady Pavlovich Rosengolts"
    ) in project.findings()


def test_sentence_initial_words_are_not_names(mini: Project) -> None:
    """“Another defendant” after a footnote, “If” after “……”: a sentence start is not a name."""
    assert not [f for f in mini.findings() if " name-unknown " in f]
