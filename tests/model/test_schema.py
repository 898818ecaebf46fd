"""tools/model/schema.py (and yamlread.py): the YAML source list is read strictly and validated, with line:col."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import Project

from tools.model.findings import UnusableInput
from tools.model.schema import load

YML = "data/sources.yml"
DEVIATION = "    speaker: rosengolts\n    role: defendant\n    trial: trial-1938\n    occasion: null\n"
BUKHARIN_DATE = "    date: 1938-03-12\n    date_inferred: true\n    status: unverified\n"


def load_findings(project: Project) -> list[str]:
    return [str(f) for f in load(project.path(YML), YML)[1]]


def unusable(project: Project) -> str:
    with pytest.raises(UnusableInput) as caught:
        load(project.path(YML), YML)
    return str(caught.value.finding)


def test_good_source_list_loads_typed_records(mini: Project) -> None:
    sources, findings = load(mini.path(YML), YML)
    assert findings == []
    assert sources.pages == ("warning.md", "praise.md")
    assert sources.original == "original/chapter.txt"
    q = sources.quotations["q-vyshinsky-epithets"]
    assert q.text == ("great,", "genius,", "wise,", "Most beloved") and q.speaker == "vyshinsky"
    assert sources.quotations["q-rosengolts-long-live"].text[0].startswith("Long live the Bolshevik Party")
    assert sources.people["rosengolts"].variants == ("Rosenholz", "Rosengolts")
    assert sources.trials["trial-1938"].prosecutor == "vyshinsky"
    assert [s.text for s in sources.scare_quotes] == [
        "counter-revolutionary underground organizations",
        "network of conspiracy links",
    ]
    assert sources.position_of("quotations", "q-rosengolts-long-live") == mini.where(YML, "id: q-rosengolts-long-live")


# (name, mutation of the mini project, needle whose position the finding must have, rule, message part)
Case = tuple[str, Callable[[Project], None], str, str, str]
CASES: list[Case] = [
    (
        "duplicate key",
        lambda p: p.replace(YML, DEVIATION, DEVIATION + "    speaker: bukharin\n"),
        "speaker: bukharin",
        "yaml-duplicate-key",
        "repeats the key 'speaker' (first on line",
    ),
    (
        "unknown key typo",
        lambda p: p.replace(YML, "    speaker: bukharin\n", "    speker: bukharin\n"),
        "speker: bukharin",
        "yaml-unknown-key",
        "unknown field 'speker' (did you mean 'speaker'?)",
    ),
    (
        "unknown section",
        lambda p: p.replace(YML, "meetings: []\n", "meetings: []\nmeeting: []\n"),
        "meeting: []",
        "yaml-unknown-key",
        "unknown section 'meeting'",
    ),
    (
        "duplicate id",
        lambda p: p.replace(YML, "  - id: sedov\n", "  - id: trotsky\n"),
        "id: trotsky#2",
        "yaml-duplicate-id",
        "id 'trotsky' is used twice (first on line",
    ),
    (
        "bad speaker reference",
        lambda p: p.replace(YML, "    speaker: bukharin\n", "    speaker: bukarin\n"),
        "speaker: bukarin",
        "yaml-reference",
        "no person has the id 'bukarin'",
    ),
    (
        "bad work reference",
        lambda p: p.replace(YML, "      - work: report-1938\n\npeople:", "      - work: report-1939\n\npeople:"),
        "work: report-1939",
        "yaml-reference",
        "no work has the id 'report-1939'",
    ),
    (
        "bad participant",
        lambda p: p.replace(YML, "{person: bukharin, as: defendant}", "{person: bucharin, as: defendant}"),
        "{person: bucharin",
        "yaml-reference",
        "no person has the id 'bucharin'",
    ),
    (
        "impossible date",
        lambda p: p.replace(YML, BUKHARIN_DATE, BUKHARIN_DATE.replace("1938-03-12", "1937-02-30")),
        "1937-02-30",
        "yaml-date",
        "'1937-02-30' is not a real date",
    ),
    (
        "impossible month",
        lambda p: p.replace(YML, "    born: 1879\n", "    born: 1879-13\n"),
        "born: 1879-13",
        "yaml-date",
        "'1879-13' is not a real date",
    ),
    (
        "trial ends before it starts",
        lambda p: p.replace(YML, "end: 1938-03-13", "end: 1938-03-01"),
        "end: 1938-03-01",
        "yaml-date",
        "ends before it starts",
    ),
    (
        "verified without locator",
        lambda p: p.replace(YML, BUKHARIN_DATE, BUKHARIN_DATE.replace("unverified", "verified")),
        "status: verified",
        "yaml-verified-needs-locator",
        "'q-bukharin-hope-of-mankind' is 'verified' but gives no 'report_wording'",
    ),
    (
        "missing field",
        lambda p: p.replace(YML, "    role: principal defendant, 1938 trial\n", ""),
        "id: bukharin",
        "yaml-missing-field",
        "'bukharin' has no 'role' field",
    ),
    (
        "unknown edition work",
        lambda p: p.replace(
            YML, "  pages: [warning.md, praise.md]\n", "  pages: [warning.md, praise.md]\n  work: orlov-1935\n"
        ),
        "work: orlov-1935",
        "yaml-reference",
        "edition: no work has the id 'orlov-1935'",
    ),
    (
        "missing section",
        lambda p: p.replace(YML, "meetings: []\n", ""),
        "edition:",
        "yaml-missing-field",
        "has no 'meetings' section",
    ),
    (
        "wrong type",
        lambda p: p.replace(YML, "    text: Whoever deviates", "    text: 5\n    notes: Whoever deviates"),
        "text: 5",
        "yaml-type",
        "'text' must be text or a list",
    ),
    (
        "bad id",
        lambda p: p.replace(YML, "  - id: sedov\n", "  - id: Sedov_Lev\n"),
        "id: Sedov_Lev",
        "yaml-id",
        "id 'Sedov_Lev' must be lower-case ASCII words joined by hyphens",
    ),
    (
        "unknown status",
        lambda p: p.replace(YML, "    status: attributed\n", "    status: confirmed\n"),
        "status: confirmed",
        "yaml-value",
        "status 'confirmed' is not one of verified, attributed, unverified, paraphrase",
    ),
    (
        "javascript: address",
        lambda p: p.replace(
            YML, "      - work: report-1938\n\npeople:", "      - url: javascript:alert(document.domain)\n\npeople:"
        ),
        "url: javascript:",
        "yaml-url",
        "the address 'javascript:alert(document.domain)' uses the scheme 'javascript:'; only https:, http:",
    ),
    (
        "data: address",
        lambda p: p.replace(
            YML,
            "      - work: report-1938\n\npeople:",
            "      - url: 'data:text/html,<script>alert(1)</script>'\n\npeople:",
        ),
        "url: 'data:",
        "yaml-url",
        "uses the scheme 'data:'",
    ),
    (
        "address with a trailing dot after the host",
        lambda p: p.replace(
            YML, "      - work: report-1938\n\npeople:", "      - url: http://img.example.com./x\n\npeople:"
        ),
        "url: http://img",
        "yaml-url",
        "has a trailing dot after the host 'img.example.com.'",
    ),
    (
        "address with credentials",
        lambda p: p.replace(
            YML, "      - work: report-1938\n\npeople:", "      - url: https://user:pw@example.org/\n\npeople:"
        ),
        "url: https://user",
        "yaml-url",
        "carries a user name or password",
    ),
    (
        "address with white space",
        lambda p: p.replace(
            YML, "      - work: report-1938\n\npeople:", '      - url: "https://example.org/a b"\n\npeople:'
        ),
        'url: "https://example.org/a b',
        "yaml-url",
        "contains white space or a control character",
    ),
    (
        "control character written as a YAML escape",
        lambda p: p.replace(YML, "    short: Orlov 1953\n", '    short: "Orlov\\x02 1953"\n'),
        "short: ",
        "yaml-control-char",
        "'orlov-1953': 'short' contains the control character U+0002",
    ),
    (
        "tab inside a value",
        lambda p: p.replace(YML, "    short: Orlov 1953\n", '    short: "Orlov\\t1953"\n'),
        "short: ",
        "yaml-control-char",
        "contains the control character U+0009",
    ),
    (
        "control character in a list of text",
        lambda p: p.replace(YML, "    variants: [Stalin]\n", '    variants: ["Stal\\x1bin"]\n'),
        '"Stal',
        "yaml-control-char",
        "'variants' contains the control character U+001B",
    ),
    (
        "key that is not a word",
        lambda p: p.replace(YML, "meetings: []\n", "meetings: []\n1.5: odd\n"),
        "1.5: odd",
        "yaml-key",
        "keys must be plain words",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_yaml_rule_points_at_the_offending_line(mini_project: Callable[..., Project], case: Case) -> None:
    _, mutate, needle, rule, message = case
    project = mini_project(mutate)
    text, _, occurrence = needle.partition("#")
    line, col = project.where(YML, text, int(occurrence or 1))
    matches = [f for f in load_findings(project) if f.startswith(f"{YML}:{line}:{col}: {rule} ")]
    assert matches, f"no {rule} at {line}:{col}; got {load_findings(project)}"
    assert message in matches[0]


def test_duplicate_key_names_the_first_line(mini_project: Callable[..., Project]) -> None:
    project = mini_project(lambda p: p.replace(YML, DEVIATION, DEVIATION + "    speaker: bukharin\n"))
    first = project.where(YML, "speaker: rosengolts")[0]
    assert any(f"(first on line {first})" in f for f in load_findings(project))


def test_duplicate_key_is_not_silently_resolved(mini_project: Callable[..., Project]) -> None:
    """PyYAML would keep the last value; the checker keeps the first and reports the second."""
    project = mini_project(lambda p: p.replace(YML, DEVIATION, DEVIATION + "    speaker: bukharin\n"))
    sources, _ = load(project.path(YML), YML)
    assert sources.quotations["q-rosengolts-deviation"].speaker == "rosengolts"


# Input that cannot be checked at all: one finding, raised as UnusableInput.
FATAL: list[Case] = [
    (
        "syntax error",
        lambda p: p.replace(YML, "    role: defendant, 1938 trial\n", "    role: defendant: 1938 trial\n"),
        "defendant: 1938 trial",
        "yaml-syntax",
        "is not valid YAML: mapping values are not allowed",
    ),
    (
        "anchor",
        lambda p: p.replace(YML, "    prosecutor: vyshinsky\n", "    prosecutor: &p vyshinsky\n"),
        "&p vyshinsky",
        "yaml-alias",
        "uses a YAML anchor or alias",
    ),
    (
        "alias",
        lambda p: p.replace(YML, "    role: defendant, 1938 trial\n", "    role: *r\n"),
        "*r",
        "yaml-alias",
        "uses a YAML anchor or alias",
    ),
    (
        "python tag",
        lambda p: p.replace(YML, "    occasion: null\n", "    occasion: !!python/object:os.system null\n"),
        "!!python",
        "yaml-tag",
        "uses the tag !!python/object:os.system",
    ),
    (
        "python tag on a mapping",
        lambda p: p.replace(YML, "meetings: []\n", "meetings: !!python/object/apply:os.system {}\n"),
        "!!python",
        "yaml-tag",
        "uses the tag !!python/object/apply:os.system",
    ),
    (
        "local tag",
        lambda p: p.replace(YML, "    occasion: null\n", "    occasion: !custom null\n"),
        "!custom",
        "yaml-tag",
        "uses the tag !custom",
    ),
    (
        "too deep",
        lambda p: p.replace(YML, "meetings: []\n", "meetings: " + "[" * 13 + "]" * 13 + "\n"),
        "[[[[[[[[[[[[[#12",
        "yaml-depth",
        "nests more than 12 levels deep",
    ),
]


@pytest.mark.parametrize("case", FATAL, ids=[c[0] for c in FATAL])
def test_unusable_yaml_is_one_finding(mini_project: Callable[..., Project], case: Case) -> None:
    _, mutate, needle, rule, message = case
    project = mini_project(mutate)
    text, _, nth = needle.partition("#")
    if nth:  # the nth character of the needle
        line, col = project.where(YML, text)
        col += int(nth) - 1
    else:
        line, col = project.where(YML, text)
        col += len("defendant") if rule == "yaml-syntax" else 0
    finding = unusable(project)
    assert finding.startswith(f"{YML}:{line}:{col}: {rule} "), finding
    assert message in finding


def test_empty_file(mini: Project) -> None:
    mini.write(YML, "# nothing yet\n")
    assert unusable(mini) == f"{YML}:1:1: yaml-empty is empty; it must hold works, people, trials and quotations"


def test_not_a_mapping(mini: Project) -> None:
    mini.write(YML, "- works\n- people\n")
    assert unusable(mini).startswith(f"{YML}:1:1: yaml-type ")


def test_missing_source_list(mini: Project) -> None:
    mini.path(YML).unlink()
    assert unusable(mini) == f"{YML}:1:1: file-missing file not found"


def test_tagged_value_is_never_constructed(mini: Project, tmp_path) -> None:
    """The guard runs before construction, so a hostile tag cannot run code."""
    marker = tmp_path / "ran"
    mini.replace(YML, "meetings: []\n", f"meetings: !!python/object/apply:os.system ['touch {marker}']\n")
    unusable(mini)
    assert not marker.exists()


def test_unused_alias_anchor_in_comment_is_fine(mini: Project) -> None:
    mini.replace(YML, "meetings: []\n", "meetings: []  # not an &anchor nor an *alias\n")
    assert load_findings(mini) == []


def test_every_address_field_is_checked_as_an_address() -> None:
    """A field that holds a web address is marked records.Url, so the schema checks its scheme."""
    import dataclasses

    from tools.model import records
    from tools.model.schema import field_specs

    classes = [c for c in vars(records).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    addresses = {
        (c.__name__, s.name): s.url
        for c in classes
        if c is not records.SourceList
        for s in field_specs(c)
        if s.name in ("url", "canonical", "href", "link", "address") or s.name.endswith("_url")
    }
    assert addresses and all(addresses.values()), addresses
    assert ("SourceRef", "canonical") in addresses and ("Wording", "url") in addresses
