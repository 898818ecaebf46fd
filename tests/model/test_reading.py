"""Reading the editorial files strictly: tools/model/textfile.py, yamlread.py and the source list's
schema (sourcelist.py). Every way a file can be unreadable or misshapen is one finding, at its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.model.findings import UnusableInput
from tools.model.sourcelist import load
from tools.model.textfile import MAX_BYTES, read_text
from tools.model.yamlread import load_yaml


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
