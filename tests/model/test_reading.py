"""Reading the editorial files strictly: tools/model/textfile.py, yamlread.py and the source list's
schema (sourcelist.py). Every way a file can be unreadable or misshapen is one finding, at its place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PROJECT
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.model.findings import UnusableInput
from tools.model.loading import load
from tools.model.textfile import MAX_BYTES, read_text
from tools.model.yamlread import QUOTED, load_yaml, read_yaml


def read(tmp_path: Path, data: bytes) -> tuple[str, list[str]]:
    path = tmp_path / "page.md"
    path.write_bytes(data)
    text, findings = read_text(path, "docs/page.md")
    return text, [str(f) for f in findings]


def test_a_bom_crs_and_hidden_characters_are_findings(tmp_path: Path) -> None:
    text, findings = read(tmp_path, "\ufeffone\r\ntwo \u202eowt\n".encode())
    assert text == "one\ntwo \u202eowt\n"
    assert findings == [
        "docs/page.md:1:1: file-text starts with a byte-order mark; save it as UTF-8 without BOM",
        "docs/page.md:1:4: file-text has CR (Windows or old Mac) line endings; use LF",
        "docs/page.md:2:5: file-text contains U+202E (RIGHT-TO-LEFT OVERRIDE), which can hide or reorder words; remove it",
    ]


@pytest.mark.parametrize(
    ("data", "rule"),
    [(b"caf\xe9", "file-text"), (b"x" * (MAX_BYTES + 1), "file-too-large")],
)
def test_unreadable_files_are_one_finding(tmp_path: Path, data: bytes, rule: str) -> None:
    with pytest.raises(UnusableInput) as refused:
        read(tmp_path, data)
    assert refused.value.finding.rule == rule


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    for path in (tmp_path / "absent.md", tmp_path):
        with pytest.raises(UnusableInput) as refused:
            read_text(path, "docs/x.md")
        assert refused.value.finding.rule == "file-missing"


@pytest.mark.parametrize(
    ("yaml", "where"),
    [
        ("a: &x 1\nb: *x\n", "1:4"),  # anchors and aliases (an alias bomb)
        ("a: !!python/object/apply:os.system ['true']\n", "1:4"),
        # every tag, even one naming plain data: PyYAML's constructors crashed on some (KeyError)
        ("a: !!bool maybe\n", "1:4"),
        ("a: !!str {b: c}\n", "1:4"),  # a tag on a mapping, which nothing would have looked at
        ("!!str a: b\n", "1:1"),  # on a key
        ("%TAG !e! tag:yaml.org,2002:\n---\na: !e!bool maybe\n", "3:4"),  # spelled through a directive
        ("a: 0b_\n", "1:4"),  # no tag, but read as a number PyYAML cannot make
        ("a: 1\na: 2\n", "2:1"),  # a duplicate key YAML would silently drop
        ("a: [[[[[[[[[[[[[[1]]]]]]]]]]]]]]\n", "1:"),
        ("a: b: c\n", "1:5"),
    ],
)
def test_yaml_beyond_plain_data_is_refused(tmp_path: Path, yaml: str, where: str) -> None:
    path = tmp_path / "s.yml"
    path.write_text(yaml, encoding="utf-8")
    try:
        found = [str(f) for f in load_yaml(path, "s.yml").findings]
    except UnusableInput as refused:
        found = [str(refused.finding)]
    assert len(found) == 1 and found[0].startswith(f"s.yml:{where}") and " yaml-syntax " in found[0]


def test_schema_errors_are_findings_at_their_line(tmp_path: Path) -> None:
    source = (Path(__file__).parent.parent / "fixtures" / "mini" / "data" / "sources.yml").read_text(encoding="utf-8")
    broken = source.replace("    born: 1878-12-18", "    born: the winter of 1878").replace(
        "    short: Orlov 1953", "    short: 1953\n    colour: red"
    )
    path = tmp_path / "sources.yml"
    path.write_text(broken, encoding="utf-8")
    loaded, findings = load(path, "data/sources.yml")
    assert loaded is None
    line = {
        text: broken.splitlines().index(text) + 1
        for text in ("    born: the winter of 1878", "    short: 1953", "    colour: red")
    }
    shown = sorted(str(f) for f in findings)
    assert (
        f"data/sources.yml:{line['    born: the winter of 1878']}:5: yaml-schema people.born: 'the winter of 1878' is not a date: write a year, YYYY-MM or YYYY-MM-DD"
        in shown
    )
    assert any(
        f.startswith(f"data/sources.yml:{line['    short: 1953']}:5: yaml-schema works.short:") for f in shown
    )  # no silent "1953"
    assert any(
        f.startswith(f"data/sources.yml:{line['    colour: red']}:5: yaml-schema works.colour: is not a field")
        for f in shown
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "//evil.example/x",
        "https://user@host/x",
        "praise.html",
    ],
)
def test_a_source_address_is_a_full_web_address(tmp_path: Path, url: str) -> None:
    source = (Path(__file__).parent.parent / "fixtures" / "mini" / "data" / "sources.yml").read_text(encoding="utf-8")
    path = tmp_path / "sources.yml"
    path.write_text(source.replace("https://en.wikipedia.org/wiki/Joseph_Stalin", f'"{url}"'), encoding="utf-8")
    loaded, findings = load(path, "data/sources.yml")
    assert loaded is None and "yaml-schema" in [f.rule for f in findings]


# --- the old suite's reading cases (model/test_textfile.py, test_yamlread.py, test_schema.py) -----


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"Line one\nThe def\x00endant\n", "2:8"),
        (b"Line one\nThe def\x07endant\n", "2:8"),
        (b"Line one\nThe def\x1bendant\n", "2:8"),
        (b"Line one\nThe def\x7fendant\n", "2:8"),
        (b"Line one\nThe def\tendant\n", "2:8"),  # a tab too: the edition's files have none
        ("Line one\nOrlov wrote \u00a0\u030bStalin\n".encode(), "2:14"),  # a combining mark on no letter
        ("Line one\n\u0301Stalin\n".encode(), "2:1"),
    ],
)
def test_a_hidden_character_is_a_finding_at_its_place(tmp_path: Path, data: bytes, where: str) -> None:
    text, findings = read(tmp_path, data)
    assert [f.split(" ")[:2] for f in findings] == [[f"docs/page.md:{where}:", "file-text"]]
    assert text == data.decode()  # reported, never changed


def test_a_lone_cr_is_a_line_ending_and_clean_text_is_itself(tmp_path: Path) -> None:
    assert read(tmp_path, b"One\rTwo\n") == (
        "One\nTwo\n",
        ["docs/page.md:1:4: file-text has CR (Windows or old Mac) line endings; use LF"],
    )
    words = "The defendant Rosenholz: “Whoever deviates …”\n"
    assert read(tmp_path, words.encode()) == (words, [])
    assert read(tmp_path, b"a" * MAX_BYTES)[1] == []  # at the limit: read


@pytest.mark.parametrize(
    ("data", "where"),
    [("Stalin’s\nthreat ".encode() + b"\xff rest", (2, 8)), ("Rosenholz: «Whoever»".encode("latin-1"), (1, 12))],
)
def test_invalid_utf8_points_at_the_bad_byte(tmp_path: Path, data: bytes, where: tuple[int, int]) -> None:
    with pytest.raises(UnusableInput) as refused:
        read(tmp_path, data)
    assert (refused.value.finding.line, refused.value.finding.col, refused.value.finding.rule) == (*where, "file-text")


def test_an_unreadable_file_is_one_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "page.md"
    path.write_text("text", encoding="utf-8")

    def refuse(self: Path, *args: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UnusableInput) as refused:
        read_text(path, "docs/page.md")
    assert str(refused.value.finding) == "docs/page.md:1:1: file-missing cannot be read: Permission denied"


def walk(data: object, key: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from walk(value, (*key, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*key, index))


@pytest.mark.parametrize("name", ["data/sources.yml", "tests/fixtures/mini/data/sources.yml", "anchors.yml"])
def test_the_texts_read_are_the_datas_in_order(name: str) -> None:
    read_back = load_yaml(PROJECT / name, name)
    assert read_back.texts and read_back.texts == list(walk(read_back.data))


def test_a_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "s.yml"
    path.write_text(
        f"a: !!python/object/apply:os.system ['touch {marker}']\nb: 1  # an &anchor and *alias in a comment\n"
    )
    read_back = load_yaml(path, "s.yml")
    assert [f.rule for f in read_back.findings] == ["yaml-syntax"] and read_back.data == {
        "a": [f"touch {marker}"],
        "b": 1,
    }
    assert not marker.exists()
    path.write_text("b: 1  # an &anchor and *alias in a comment\n")
    assert load_yaml(path, "s.yml").findings == []


@pytest.mark.parametrize(
    ("tagged", "plainly"),
    [
        ("a: !!bool maybe\n", "a: maybe\n"),
        ("a: !!str 1953-03-05\n", "a: 1953-03-05\n"),  # a date, as it would be without the tag
        ("a: !!int '7'\n", "a: '7'\n"),  # text: quoted
        ("a: !!python/name:os.system\n", "a:\n"),
        ("a: ! 7\n", "a: 7\n"),
        ("a: !!map {b: c}\n", "a: {b: c}\n"),
        ("!!str 1: b\n", "1: b\n"),  # a key: a number still, and refused as a key
        ("a: !!timestamp 1936-02-30\n", "a: 1936-02-30\n"),
        ("%TAG !e! tag:yaml.org,2002:\n---\na: !e!bool maybe\n", "---\na: maybe\n"),
    ],
)
def test_a_tag_is_a_finding_and_the_value_reads_as_without_it(tmp_path: Path, tagged: str, plainly: str) -> None:
    """Not a file that cannot be read (the checker's exit 2 for the source list, 1 for anchors.yml):
    one finding at the tag, and the rest of the file is read, and checked, as if it were not there."""
    read_back, read_plainly = (read_yaml(text, "s.yml") for text in (tagged, plainly))
    found, found_plainly = ([str(f) for f in r.findings] for r in (read_back, read_plainly))
    tag = tagged.splitlines()[-1].index("!") + 1
    line = tagged.count("\n")
    assert read_back.data == read_plainly.data
    assert found[0].startswith(f"s.yml:{line}:{tag}: yaml-syntax uses the tag ")
    assert [f.split(": ", 1)[1] for f in found[1:]] == [f.split(": ", 1)[1] for f in found_plainly]


@pytest.mark.parametrize(
    "text",
    [
        "a: !!int " + "9" * 5000 + "\n",  # more digits than Python makes an int of
        "a: " + "9" * 5000 + "\n",
        "a: !<tag:" + "x" * 5000 + "> b\n",
        f"? {'a' * 5000}\n: 1\n? {'a' * 5000}\n: 2\n",  # a key longer than 1,024 characters is written `? key`
        f"? {'2' * 5000}\n: 1\n",
    ],
    ids=["a tagged number", "a number", "a tag", "a repeated key", "a key"],
)
def test_a_finding_quotes_a_long_value_shortened(text: str) -> None:
    """At most its first 40 characters, and `…`: not 5,000 digits on one line."""
    [finding] = read_yaml(text, "s.yml").findings[-1:]
    quoted = re.search(r"(?:'|tag )(tag:x*|[a29]+)…", finding.message)
    assert quoted is not None and len(quoted.group(1)) == QUOTED and len(finding.message) < 150, finding.message


@pytest.mark.parametrize("key", ["true", "no", "null", "~", "1", "1.5", "0x1f", "2026-01-01", "[a, b]", "{a: b}"])
def test_a_key_is_text_as_written(key: str) -> None:
    """`true:` is the bool True to YAML, `1:` a number, `null:` nothing: none is a key of ours."""
    read_back = read_yaml(f"{key}: x\nb: y\n", "s.yml")
    [finding] = [str(f) for f in read_back.findings]
    assert finding.startswith("s.yml:1:") and " yaml-syntax keys must be plain words" in finding
    assert read_back.data == {"b": "y"}
    quoted = read_yaml(f"'{key}': x\n", "s.yml")
    assert quoted.findings == [] and quoted.data == {key: "x"}


MINI_SOURCES = PROJECT / "tests" / "fixtures" / "mini" / "data" / "sources.yml"


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("  original: original/chapter.txt", "  original: /proc/self/environ", "edition.original"),
        ("  original: original/chapter.txt", "  original: original/../../.env", "edition.original"),
        ("  pages: [warning.md, praise.md]", "  pages: [warning.md, ../praise.md]", "edition.pages"),
        ("  editorial: [index.md]", "  editorial: [/etc/index.md]", "edition.editorial"),
        ("  contact: mailto:editors@example.org", "  contact: 'mailto:'", "edition.contact"),
        ("  contact: mailto:editors@example.org", "  contact: javascript:alert(1)", "edition.contact"),
        ("    - domain: metapedia.org", "    - domain: https://metapedia.org/", "policy.denylist.domain"),
        ("    short: Orlov 1953", '    short: "Orlov\\x02 1953"', "works.short: contains U+0002"),
        ("    short: Orlov 1953", '    short: "Orlov\\t1953"', "works.short: contains U+0009"),
        ("    short: Orlov 1953", '    short: "Orlov \\u202e1953"', "works.short: contains U+202E"),
        ("    variants: [Stalin]", '    variants: ["Stal\\u200bin"]', "people.variants"),
        ("    variants: [Stalin]", "    variants: [Stalin, Stalin is innocent of every crime.]", "people.variants"),
        ("    end: 1938-03-13", "    end: 1938-02-13", "trials.end: the trial ends (1938-02-13) before it starts"),
        ("    speaker: bukharin", "    speker: bukharin", "quotations.speker: is not a field"),
        ("    status: attributed", "    status: confirmed", "quotations.status"),
        ("    kind: primary", "    kind: mirror", "works.kind"),
    ],
)
def test_a_value_of_the_wrong_shape_is_a_finding_at_its_line(tmp_path: Path, old: str, new: str, says: str) -> None:
    text = MINI_SOURCES.read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    path = tmp_path / "sources.yml"
    path.write_text(changed, encoding="utf-8")
    loaded, findings = load(path, "data/sources.yml")
    line = changed[: changed.index(new)].count("\n") + 1
    assert loaded is None
    assert any(f.rule == "yaml-schema" and f.line in (line, line - 1) and says in f.message for f in findings), [
        str(f) for f in findings
    ]


SCALARS = st.sampled_from(
    ["a", "b c", "1", "2.5", "true", "null", "~", "1936-08-19", "1936-02-30", "!!str 7", "'quoted'"]
)
KEYS = st.sampled_from(["works", "id", "name", "1", "id", "[a, b]"])  # a key twice; a key that is a list


def _entry(lead: str, value: str) -> str:
    return lead + (value if value.startswith("\n") else " " + value)


def _document(depth: int = 0) -> st.SearchStrategy[str]:
    if depth >= 3:
        return SCALARS
    child = st.deferred(lambda: _document(depth + 1))
    indent = "\n" + "  " * (depth + 1)
    mapping = st.lists(st.tuples(KEYS, child), min_size=1, max_size=4).map(
        lambda items: "".join(_entry(f"{indent}{k}:", v) for k, v in items)
    )
    sequence = st.lists(child, min_size=1, max_size=4).map(
        lambda items: "".join(_entry(f"{indent}-", v) for v in items)
    )
    return SCALARS | mapping | sequence


@settings(max_examples=40, deadline=None)
@given(_document())
def test_the_texts_are_the_datas_in_order_whatever_the_file(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("yaml") / "f.yml"
    path.write_text(_entry("top:", text) + "\n", encoding="utf-8")
    try:
        read_back = load_yaml(path, "f.yml")
    except UnusableInput:
        return  # not readable: one finding, no texts
    assert read_back.texts == list(walk(read_back.data))


def test_the_mini_source_list_loads_as_typed_records() -> None:
    loaded, findings = load(MINI_SOURCES, "data/sources.yml")
    assert findings == [] and loaded is not None
    s = loaded.sources
    assert s.edition.pages == ("warning.md", "praise.md") and s.edition.original == "original/chapter.txt"
    assert s.quotation["q-vyshinsky-epithets"].text == ("great", "genius", "wise", "Most beloved")
    assert s.quotation["q-rosengolts-long-live"].text[0].startswith("Long live the Bolshevik Party")
    assert s.person["rosengolts"].variants == ("Rosenholz", "Rosengolts")
    text = MINI_SOURCES.read_text(encoding="utf-8")
    assert loaded.where("quotations", 3, "id") == (text[: text.index("id: q-rosengolts-long-live")].count("\n") + 1, 5)


def test_a_key_given_twice_is_a_finding_naming_the_first(tmp_path: Path) -> None:
    path = tmp_path / "s.yml"
    path.write_text("a:\n  speaker: rosengolts\n  speaker: bukharin\n", encoding="utf-8")
    [finding] = load_yaml(path, "s.yml").findings
    assert str(finding).startswith("s.yml:3:3: yaml-syntax repeats the key 'speaker' (first on line 2)")


def test_every_address_field_is_checked_as_an_address() -> None:
    """A field that holds a web address is typed as one (values.Url or ReadAt), so the policy holds it."""
    import typing

    from pydantic import BaseModel

    from tools.model import sourcelist

    def validators(annotation: object) -> set[str]:
        if typing.get_origin(annotation) is typing.Annotated:
            head, *meta = typing.get_args(annotation)
            return {getattr(getattr(m, "func", None), "__name__", "") for m in meta} | validators(head)
        return set().union(*(validators(a) for a in typing.get_args(annotation)))

    models = [m for m in vars(sourcelist).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    addresses = {
        (m.__name__, name): validators(info.annotation) & {"_url", "_read_at"}
        for m in models
        for name, info in m.model_fields.items()
        if name in ("url", "canonical", "read_at")
    }
    assert len(addresses) >= 5 and all(addresses.values()), addresses
