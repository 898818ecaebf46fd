"""The rules of tools/checker/ (quotations.py, footnotes.py, chapter.py, …): each rule on the mini project — clean as written, and one mutation per rule
that must produce exactly that rule at exactly that line:col."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Project

from tools.checker import write
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


BUKHARIN_WIKIPEDIA = """      - work: wikipedia
        url: https://en.wikipedia.org/wiki/Nikolai_Bukharin
        supports: life dates
"""
ROSENGOLTS_SOURCES = """    sources:
      - work: orlov-1991-ru
        locator: online reader page 80 of 453

  - id: vyshinsky"""


def bukharin_source(lines: str) -> Callable[[Project], None]:
    """Bukharin's Wikipedia source replaced by `lines` (a YAML list item at the sources' indent)."""
    return r(YML, BUKHARIN_WIKIPEDIA, lines)


def regenerated(step: Callable[[Project], None]) -> Callable[[Project], None]:
    """`step`, then the footnotes regenerated from the changed source list (as --write would)."""

    def run(project: Project) -> None:
        step(project)
        result = project.check()
        assert result.sources is not None
        for page in result.pages:
            project.write(f"docs/{page.name}", write.generated_page(page, result.sources))

    return run


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
            "\n  - id: dewey-hearings-1937\n    kind: primary\n    short: The Case of Leon Trotsky\n"
            "    title: The Case of Leon Trotsky\n    year: 1937\n\ntrials:",
        ),
        "yaml-unused",
        YML,
        "id: dewey-hearings-1937",
        message="work 'dewey-hearings-1937' is not cited by any entry",
    ),
    # the source policy
    Case(
        "a denied domain",
        bukharin_source(
            BUKHARIN_WIKIPEDIA
            + "      - url: https://de.metapedia.org/wiki/Bucharin,_Nikolai\n        kind: reference\n"
        ),
        "source-denied",
        YML,
        "url: https://de.metapedia.org",
        message="person 'bukharin': de.metapedia.org is on the denylist (metapedia.org: a far-right wiki)",
    ),
    Case(
        "a denied domain as a mirror's canonical page",
        bukharin_source(
            BUKHARIN_WIKIPEDIA + "      - url: https://liquisearch.com/nikolai_bukharin\n        kind: mirror\n"
            "        canonical: https://en.metapedia.org/wiki/Nikolai_Bukharin\n"
        ),
        "source-denied",
        YML,
        "canonical: https://en.metapedia.org",
        message="en.metapedia.org is on the denylist",
    ),
    Case(
        "a label that does not match its domain",
        r(
            YML,
            "url: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
            "url: https://m.allwatchit.com/actor/994271.html",
        ),
        "source-label",
        YML,
        "url: https://m.allwatchit.com",
        message="person 'bukharin': m.allwatchit.com is not Wikipedia (wikipedia.org); label it by what it is",
    ),
    Case(
        "a look-alike host is not the work's site",
        r(
            YML,
            "url: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
            "url: https://en.wikipedia.org.example.com/wiki/B",
        ),
        "source-label",
        YML,
        "url: https://en.wikipedia.org.example.com",
        message="en.wikipedia.org.example.com is not Wikipedia",
    ),
    Case(
        "a copy site cited as if it were the original",
        bukharin_source(
            BUKHARIN_WIKIPEDIA + "      - url: https://liquisearch.com/nikolai_bukharin\n        kind: reference\n"
        ),
        "source-label",
        YML,
        "url: https://liquisearch.com",
        message="liquisearch.com copies Wikipedia articles; cite it as 'kind: mirror'",
    ),
    Case(
        "a mirror that does not name its canonical page",
        bukharin_source(
            BUKHARIN_WIKIPEDIA + "      - url: https://liquisearch.com/nikolai_bukharin\n        kind: mirror\n"
        ),
        "source-mirror",
        YML,
        "kind: mirror",
        message="a mirror must name the page it copies",
    ),
    Case(
        "a canonical page on a source that is not a mirror",
        bukharin_source(
            BUKHARIN_WIKIPEDIA + "      - url: https://example.org/bukharin\n        kind: press\n"
            "        canonical: https://en.wikipedia.org/wiki/Nikolai_Bukharin\n"
        ),
        "source-mirror",
        YML,
        "canonical: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
        message="only a mirror has a canonical page",
    ),
    Case(
        "a fact supported only by a mirror",
        r(
            YML,
            ROSENGOLTS_SOURCES,
            ROSENGOLTS_SOURCES.replace(
                "      - work: orlov-1991-ru\n        locator: online reader page 80 of 453\n",
                "      - url: https://liquisearch.com/arkady_rosengolts\n        kind: mirror\n"
                "        canonical: https://en.wikipedia.org/wiki/Arkady_Rosengolts\n",
            ),
        ),
        "source-mirror-only",
        YML,
        "sources:\n      - url: https://liquisearch.com/arkady_rosengolts",
        message="person 'rosengolts': every source is a mirror; a copy is never the only support for a fact",
    ),
    Case(
        "a home page as a locator",
        bukharin_source(BUKHARIN_WIKIPEDIA + "      - url: https://lapresenzadierato.com\n        kind: polemic\n"),
        "source-home-page",
        YML,
        "url: https://lapresenzadierato.com",
        message="https://lapresenzadierato.com is a site's home page, which locates nothing",
    ),
    Case(
        "an address without a work or a kind",
        bukharin_source(BUKHARIN_WIKIPEDIA + "      - url: https://example.org/bukharin\n        supports: a date\n"),
        "source-kind",
        YML,
        "url: https://example.org/bukharin",
        message="a source without a work needs a 'kind'",
    ),
    Case(
        "an unknown kind",
        bukharin_source(BUKHARIN_WIKIPEDIA + "      - url: https://example.org/bukharin\n        kind: blog\n"),
        "yaml-value",
        YML,
        "kind: blog",
        message="kind 'blog' is not one of primary, memoir, scholarship, reference, press, polemic, mirror",
    ),
    Case(
        "a work that calls itself a mirror",
        r(YML, "  - id: report-1938\n    kind: primary\n", "  - id: report-1938\n    kind: mirror\n"),
        "yaml-value",
        YML,
        "kind: mirror\n    short: Report 1938",
        message="kind 'mirror' is not one of primary, memoir, scholarship, reference, press, polemic",
    ),
    Case(
        "a denied domain written as an address",
        r(YML, "    - domain: metapedia.org\n", "    - domain: https://metapedia.org/\n"),
        "yaml-value",
        YML,
        "domain: https://metapedia.org/",
        message="domain 'https://metapedia.org/' must be a lower-case host name",
    ),
    # calendars
    Case(
        "a Russian date before 1918 without its calendar",
        r(YML, "    born: 1889-11-16\n    born_old_style: 1889-11-04\n", "    born: 1889-11-16\n"),
        "date-calendar",
        YML,
        "born: 1889-11-16",
        message="person 'rosengolts': the birth date 16 November 1889 is before 14 February 1918",
    ),
    Case(
        "a month before 1918 without its calendar",
        r(YML, "    born: 1906-02-24\n    born_calendar: not stated\n", "    born: 1906-02\n"),
        "date-calendar",
        YML,
        "born: 1906-02",
        message="person 'sedov': the birth date February 1906 is before 14 February 1918",
    ),
    Case(
        "an Old Style date stored as the New Style one",
        r(
            YML,
            "    born: 1889-11-16\n    born_old_style: 1889-11-04\n",
            "    born: 1889-11-04\n    born_old_style: 1889-11-04\n",
        ),
        "date-old-style",
        YML,
        "born_old_style: 1889-11-04",
        message="4 November 1889 Old Style is 16 November 1889 New Style",
    ),
    Case(
        "an Old Style date one day off",
        r(YML, "    born_old_style: 1889-11-04\n", "    born_old_style: 1889-11-05\n"),
        "date-old-style",
        YML,
        "born_old_style: 1889-11-05",
        message="are not the same day",
    ),
    Case(
        "an Old Style date after the change of calendar",
        r(
            YML,
            "    died: 1938-03-15\n    role: defendant, 1938 trial",
            "    died: 1938-03-15\n    died_old_style: 1938-03-02\n    role: defendant, 1938 trial",
        ),
        "date-old-style",
        YML,
        "died_old_style: 1938-03-02",
        message="the death date 15 March 1938 is not a day before 14 February 1918, so it has no Old Style twin",
    ),
    Case(
        "an Old Style date and a calendar both",
        r(YML, "    born_old_style: 1889-11-04\n", "    born_old_style: 1889-11-04\n    born_calendar: gregorian\n"),
        "date-old-style",
        YML,
        "born_old_style: 1889-11-04",
        message="has an Old Style date, so 'born_calendar' says nothing more",
    ),
    Case(
        "an unknown calendar",
        r(YML, "    born_calendar: not stated\n", "    born_calendar: julian\n"),
        "yaml-value",
        YML,
        "born_calendar: julian",
        message="calendar 'julian' is not one of gregorian, not stated",
    ),
    # the wording chain
    Case(
        "a literal translation of a Russian wording not given",
        r(
            YML,
            "    status: paraphrase\n",
            "    status: paraphrase\n    literal: to the great, brilliant, wise, beloved and dear Stalin\n",
        ),
        "yaml-missing-field",
        YML,
        "literal: to the great",
        message="gives the editors' literal translation but no 'russian' wording it translates",
    ),
    Case(
        "a Russian wording from a work that does not exist",
        r(
            YML,
            "      work: orlov-1991-ru\n      locator: online reader page 80 of 453\n    literal:",
            "      work: orlov-1990-ru\n      locator: online reader page 80 of 453\n    literal:",
        ),
        "yaml-reference",
        YML,
        "work: orlov-1990-ru",
        message="no work has the id 'orlov-1990-ru'",
    ),
    Case(
        "a verified quotation without the official wording",
        r(YML, "    status: attributed\n", "    status: verified\n"),
        "yaml-verified-needs-locator",
        YML,
        "status: verified",
        message="gives no 'report_wording'",
    ),
    Case(
        "a footnote that rewords the chapter's quotation",
        regenerated(
            r(
                YML,
                "    literal: Pitiful and unhappy",
                "    literal: as the chapter has it, “great,” … “genius,” … “wise,” … “Most beloved”; Pitiful and unhappy",
            )
        ),
        "generated-quote-wording",
        WARNING,
        "“great,” … “genius,”",
        shift=len("“great"),
        message="quotation 'q-vyshinsky-epithets' is shown as “great,” … “genius”, where the chapter has “great,” “genius”",
    ),
    Case(
        "a footnote that shortens a quotation without [...]",
        regenerated(
            r(
                YML,
                "    literal: Pitiful and unhappy",
                "    literal: that is, “Long live the Bolshevik Party and its glorious…”; Pitiful and unhappy",
            )
        ),
        "generated-quote-cut",
        WARNING,
        "glorious…",
        shift=len("glorious"),
        message="quotation 'q-rosengolts-long-live' is shortened with an ellipsis the chapter does not have",
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
        message="¶ 4 (paragraph 5 of original/chapter.txt, counting its title) differs from the original at character 18",
    ),
    Case(
        "dropped sentence",
        r(PRAISE, " On one occasion, he ended his speech like this.", ""),
        "text-fidelity",
        PRAISE,
        "For this reason",
        message="¶ 3 (paragraph 4 of original/chapter.txt, counting its title) differs from the original",
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
        message="the chapter is missing paragraph 6 of original/chapter.txt, counting its title",
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


def test_source_policy_passing_examples(mini_project: Callable[..., Project]) -> None:
    """What the policy allows: a declared mirror of a page of the work it is filed under, beside a
    non-mirror source; a work's page on a subdomain of its site; an address with a path."""
    mirror = (
        "      - work: wikipedia\n        url: https://enacademic.com/dic.nsf/enwiki/13482/Nikolai_Bukharin\n"
        "        kind: mirror\n        canonical: https://en.wikipedia.org/wiki/Nikolai_Bukharin\n"
        "      - work: wikipedia\n        url: https://de.m.wikipedia.org/wiki/Nikolai_Bucharin\n"
        "      - url: https://www.britannica.com/biography/Nikolay-Ivanovich-Bukharin/article-websites\n"
        "        kind: reference\n"
    )
    project = mini_project(bukharin_source(BUKHARIN_WIKIPEDIA + mirror))
    assert project.findings() == []


def test_every_real_source_keeps_the_policy() -> None:
    """The edition's own source list: a policy with its reasons, and no finding of any policy rule."""
    from tools import checker

    result = checker.check()
    assert result.sources is not None and result.sources.policy is not None
    assert len(result.sources.policy.denylist) >= 12
    assert all(entry.reason.strip() for entry in result.sources.policy.denylist)
    assert [str(f) for f in result.findings if f.rule.startswith(("source-", "date-"))] == []
