"""Hostile and random bytes in place of an editorial file: whatever they are, the checker returns,
with findings that are each one clean line `path:line:col: rule message`, never a traceback, and
changes no file. The inputs that once crashed the checker, split a finding over two lines or ran for
seconds are kept here; how the time grows is tests/checker/test_linear.py's."""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import run

from tools.checker import Result, check

SOURCES = "data/sources.yml"
PAGE = "docs/praise.md"
INDEX = "docs/index.md"
ORIGINAL = "original/chapter.txt"
FINDING = re.compile(r"^[^\n:]+:\d+:\d+: [a-z]+(?:-[a-z]+)* .+$")
HYPOTHESIS = settings(
    max_examples=20, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


def real(name: str) -> bytes:
    return (MINI / name).read_bytes()


def replaced(name: str, old: bytes, new: bytes) -> bytes:
    data = real(name)
    assert old in data, old
    return data.replace(old, new, 1)


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@contextmanager
def hostile(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        root = Path(folder) / "mini"
        shutil.copytree(MINI, root)
        (root / name).write_bytes(data)
        yield root


def checked(root: Path) -> Result:
    """check(root): one clean line a finding, and no file changed."""
    before = snapshot(root)
    result = check(root)
    assert snapshot(root) == before, "the checker changed a file"
    for finding in result.findings:
        assert FINDING.match(str(finding)), f"not one clean line: {str(finding)!r}"
    assert result.exit_code in (0, 1, 2) and (result.exit_code == 0) == (not result.errors and not result.unusable)
    return result


def billion_laughs() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def front_bomb() -> bytes:
    """500 bytes the engine expanded into 9**8 values, and published as a 31 MB page."""
    lines = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 8)]
    return ("---\n" + "\n".join(lines) + "\ntitle: *a7\n---\n\n").encode()


def with_controls(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + b"\x00\x01\x07\x1b[31m\x7f\x0b\x0c" + data[middle:]


def mixed_line_endings(data: bytes) -> bytes:
    return b"".join(line + (b"\n", b"\r\n", b"\r")[i % 3] for i, line in enumerate(data.split(b"\n")))


def ten_megabytes(unit: bytes) -> bytes:
    return (unit * (10_000_000 // len(unit) + 1))[:10_000_000]


HOSTILE: list[tuple[str, str, bytes]] = [
    ("yaml: a billion laughs", SOURCES, billion_laughs()),
    ("yaml: an alias in the real list", SOURCES, real(SOURCES).replace(b"statuses:\n", b"statuses: &s\n") + b"x: *s\n"),
    (
        "yaml: nested 100 deep, block",
        SOURCES,
        b"".join(b"  " * i + b"k%d:\n" % i for i in range(100)) + b"  " * 100 + b"x\n",
    ),
    ("yaml: nested 100 deep, flow", SOURCES, b"works: " + b"[" * 100 + b"1" + b"]" * 100 + b"\n"),
    ("yaml: nested 100,000 deep", SOURCES, b"works: " + b"[" * 100_000 + b"1" + b"]" * 100_000 + b"\n"),
    ("yaml: 10 MB", SOURCES, ten_megabytes(b"key: value\n")),
    ("yaml: invalid UTF-8", SOURCES, real(SOURCES)[:500] + b"\xff\xfe\xc3\x28" + real(SOURCES)[500:]),
    ("yaml: a lone surrogate", SOURCES, b"edition: \xed\xa0\x80\n"),
    ("yaml: a tab and a C1 control", SOURCES, replaced(SOURCES, b"short: Orlov 1953", b"short: Orlov\t1953\xc2\x85")),
    ("yaml: mixed line endings", SOURCES, mixed_line_endings(real(SOURCES))),
    ("yaml: a byte-order mark", SOURCES, b"\xef\xbb\xbf" + real(SOURCES)),
    ("yaml: empty", SOURCES, b""),
    ("yaml: only a comment", SOURCES, b"# nothing\n"),
    ("yaml: a scalar", SOURCES, b"just a string\n"),
    ("yaml: a list", SOURCES, b"- 1\n- 2\n"),
    ("yaml: a Python tag", SOURCES, b"edition: !!python/object/apply:os.system ['echo pwned']\n"),
    ("yaml: a custom tag", SOURCES, b"edition: !secret {pages: []}\n"),
    ("yaml: a huge integer", SOURCES, replaced(SOURCES, b"year: 1953", b"year: " + b"9" * 5000)),
    ("yaml: a merge key", SOURCES, b"edition:\n  <<: {original: x}\n"),
    ("yaml: an unclosed quote", SOURCES, replaced(SOURCES, b"short: Orlov 1953", b'short: "Orlov 1953')),
    ("yaml: a page that is a folder", SOURCES, replaced(SOURCES, b"pages: [warning.md,", b'pages: ["",')),
    ("yaml: a page outside docs/", SOURCES, replaced(SOURCES, b"pages: [warning.md,", b'pages: ["../../x.md",')),
    ("yaml: a page with a NUL", SOURCES, replaced(SOURCES, b"pages: [warning.md,", b'pages: ["warn\\0ing.md",')),
    ("yaml: a page with a line break", SOURCES, replaced(SOURCES, b"pages: [warning.md,", b'pages: ["warn\\ning.md",')),
    (
        "yaml: the original with a NUL",
        SOURCES,
        replaced(SOURCES, b"original: original/chapter.txt", b'original: "orig\\0inal.txt"'),
    ),
    (
        "yaml: the original is /dev/zero",
        SOURCES,
        replaced(SOURCES, b"original: original/chapter.txt", b"original: /dev/zero"),
    ),
    ("yaml: a date with a time", SOURCES, replaced(SOURCES, b"start: 1938-03-02", b"start: 1938-03-02 10:00:00")),
    (
        "yaml: a work that is a list",
        SOURCES,
        replaced(SOURCES, b"      - work: report-1938\n", b"      - work: [a, b]\n"),
    ),
    ("yaml: a NUL", SOURCES, b"edition: \x00\n"),
    ("yaml: controls in the real list", SOURCES, with_controls(real(SOURCES))),
    ("yaml: a key with a line break", SOURCES, real(SOURCES) + b'\n"bad\\nkey": 1\n'),
    ("page: 10 MB", PAGE, ten_megabytes("Some words “quoted” here.\n\n".encode())),
    ("page: invalid UTF-8", PAGE, real(PAGE)[:300] + b"\x80\x80\xc0\xaf" + real(PAGE)[300:]),
    ("page: NUL and controls", PAGE, with_controls(real(PAGE))),
    ("page: mixed line endings", PAGE, mixed_line_endings(real(PAGE))),
    ("page: a byte-order mark", PAGE, b"\xef\xbb\xbf" + real(PAGE)),
    ("page: an unclosed quotation", PAGE, replaced(PAGE, b"Stalin invented", "Stalin said “invented".encode())),
    ("page: only opening marks", PAGE, "“".encode() * 20_000),
    ("page: nested brackets", PAGE, b"[" * 100 + b"words" + b"]" * 100 + b"{ #q-x }\n"),
    ("page: nested quotation marks", PAGE, ("“" * 100 + "words" + "”" * 100).encode()),
    ("page: a blockquote 100 deep", PAGE, b"> " * 100 + b"deep\n"),
    ("page: 20,000 footnote calls", PAGE, b"".join(b"x[^n%d] " % i for i in range(20_000)) + b"\n"),
    ("page: 2,000 unterminated marks", PAGE, "[“words”]{ #q-x ".encode() * 2_000 + b"\n"),
    ("page: empty", PAGE, b""),
    ("page: a line of 500,000 spaces", PAGE, real(PAGE) + b"\n\n" + b" " * 500_000 + b"\n"),
    ("page: a heading of 500,000 braces", PAGE, real(PAGE) + b"\n\n# " + b"{" * 500_000 + b"\n"),
    ("page: 150,000 unterminated spans", PAGE, real(PAGE) + b"\n\n" + b"[a]{#a" * 150_000 + b"\n"),
    ("page: 300,000 marks", PAGE, "“".encode() * 300_000),
    ("editors' page: 100,000 nested brackets", INDEX, b"[" * 100_000 + b"x" + b"](y)" * 10),
    ("editors' page: an unclosed comment", INDEX, real(INDEX) + b"<!--" + b" x" * 100_000),
    ("editors' page: lists 1,000 deep", INDEX, b"".join(b"  " * i + b"- x\n" for i in range(1000))),
    ("editors' page: footnotes the renderer fails on", INDEX, real(INDEX) + b"\n[^]:[^b]:\n[^a]:\n"),
    ("editors' page: an alias bomb in its front matter", INDEX, front_bomb() + real(INDEX)),
    ("editors' page: front matter of 1 MB", INDEX, b"---\ntitle: " + b"x" * 999_000 + b"\n---\n" + real(INDEX)),
    ("original: invalid UTF-8", ORIGINAL, b"\xff" * 10),
    ("original: empty", ORIGINAL, b""),
]


BLANK = {"page: a line of 500,000 spaces"}  # a blank line, however long, changes nothing: it must only not stall


@pytest.mark.parametrize(("case", "name", "data"), HOSTILE, ids=[i for i, _, _ in HOSTILE])
def test_hostile_input_is_refused_in_clean_lines(case: str, name: str, data: bytes) -> None:
    with hostile(name, data) as root:
        result = checked(root)
    assert result.findings or case in BLANK, "hostile input must not pass as clean"


@pytest.mark.parametrize(
    "case", ["yaml: a billion laughs", "page: NUL and controls", "editors' page: an alias bomb in its front matter"]
)
def test_hostile_input_from_the_command_line(case: str) -> None:
    [(name, data)] = [(n, d) for i, n, d in HOSTILE if i == case]
    with hostile(name, data) as root:
        done = run(root)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert done.stdout.strip() and all(FINDING.match(line) for line in done.stdout.splitlines())


# --- YAML tags -----------------------------------------------------------------------------------

ANCHORS = "anchors.yml"
TAGGED = [
    "!!bool maybe",
    "!!timestamp notadate",
    "!!int 0xZZ",
    "!!float abc",
    "!!python/name:os.system",
    "!!str 1953-03-05",
    "! plain",
    "!!map {a: b}",
    "!!str [a, b]",
]
# Where a tagged value goes: a date of a person, and a redirect.
TAG_PLACES = [
    (SOURCES, b"    died: 1953-03-05\n", b"    died: %s\n"),
    (ANCHORS, b"redirects: {}\n", b"redirects:\n  chapter.html: %s\n"),
]


@pytest.mark.parametrize(("name", "old", "new"), TAG_PLACES, ids=[n for n, _, _ in TAG_PLACES])
@pytest.mark.parametrize("value", TAGGED)
def test_a_yaml_tag_is_one_finding_at_its_place(name: str, old: bytes, new: bytes, value: str) -> None:
    """Once `!!bool maybe` and `!!timestamp notadate` were tracebacks: no tag is constructed now. The
    tag is one finding more than the value written without it gives: the file is read on."""
    data = replaced(name, old, new % value.encode())
    line = data[: data.index(b"!")].count(b"\n") + 1
    col = len(data[: data.index(b"!")].rsplit(b"\n", 1)[-1]) + 1
    tag = value.split()[0]
    with hostile(name, data) as root:
        found = [str(f) for f in checked(root).findings]
    with hostile(name, data.replace(tag.encode(), b"", 1)) as root:
        plainly = [str(f) for f in checked(root).findings]
    [tagged] = [f for f in found if f not in plainly]
    assert tagged.startswith(f"{name}:{line}:{col}: yaml-syntax uses the tag {tag};")
    assert sorted(found) == sorted([tagged, *plainly])


# A tag on a value that is right without it: the tag is the only finding, in either file.
TAG_ALONE = [
    (SOURCES, b"    died: 1953-03-05\n", b"    died: !!str 1953-03-05\n"),
    (ANCHORS, b"redirects: {}\n", b"redirects: !!map {}\n"),
]


@pytest.mark.parametrize(("name", "old", "new"), TAG_ALONE, ids=[n for n, _, _ in TAG_ALONE])
def test_a_yaml_tag_from_the_command_line(name: str, old: bytes, new: bytes) -> None:
    """A finding like any other, exit 1, in the source list as in anchors.yml: once a tag in the
    source list made it unreadable as a whole, exit 2, where anchors.yml's was one finding, exit 1."""
    with hostile(name, replaced(name, old, new)) as root:
        done = run(root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    # (anchors.yml changed is also a page-reviewed finding: it is pinned, as the pages are)
    assert len([line for line in done.stdout.splitlines() if FINDING.match(line) and " yaml-syntax " in line]) == 1


# --- random input ------------------------------------------------------------------------------

CHAPTER_SYNTAX = [
    "“", "”", '"', "„", "«", "»", "[", "]", "{", "}", "[“", "”]", "{ #q-x }", "{: #p-x }",
    "{ #q-vyshinsky-epithets }", "\n\n", "\n", "# ", "    ", "<!--", "-->", "\r\n", "\t", "\ufeff", "…", "...",
]  # fmt: skip
FRAGMENTS = [p for p in re.split(r"(\s+|[\[\]{}“”\"#:])", real(PAGE).decode()) if p]
EDITORIAL_SYNTAX = [
    "[", "](", ")", "![", "<", ">", "&", "&#", "x;", "*", "_", "`", "> ", "- ", "1. ", "!!! ", "??? ", "    ",
    "{: ", "{ ", "}", "#", "\n", "\n\n", "“", "”", "''", "javascript:", "https://", "[^1]", "*[", "]:", ":",
]  # fmt: skip


@HYPOTHESIS
@given(st.text(max_size=1500))
def test_random_text_as_the_source_list(text: str) -> None:
    with hostile(SOURCES, text.encode("utf-8", errors="surrogatepass")) as root:
        checked(root)


@HYPOTHESIS
@given(st.binary(max_size=1500))
def test_random_bytes_as_a_page(data: bytes) -> None:
    with hostile(PAGE, data) as root:
        checked(root)


@HYPOTHESIS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.sampled_from(CHAPTER_SYNTAX), max_size=200))
def test_random_chapter_page_from_its_own_words(parts: list[str]) -> None:
    with hostile(PAGE, "".join(parts).encode()) as root:
        checked(root)


@HYPOTHESIS
@given(st.integers(0, 5000), st.lists(st.sampled_from(CHAPTER_SYNTAX), min_size=1, max_size=8))
def test_the_real_page_with_syntax_inserted(at: int, inserted: list[str]) -> None:
    text = real(PAGE).decode()
    at %= len(text) + 1
    with hostile(PAGE, (text[:at] + "".join(inserted) + text[at:]).encode()) as root:
        checked(root)


@HYPOTHESIS
@given(st.lists(st.sampled_from(EDITORIAL_SYNTAX) | st.text(max_size=5), max_size=80))
def test_random_editors_page(parts: list[str]) -> None:
    with hostile(INDEX, "".join(parts).encode("utf-8", errors="surrogatepass")) as root:
        checked(root)


def test_findings_are_capped_at_fifty_a_rule_and_file() -> None:
    """A reader can act on fifty findings of a rule in a file, not on a hundred thousand."""
    with hostile(PAGE, real(PAGE) + "\n\nHe said “a” and “b”.\n{: #p-x }\n".encode() * 100) as root:
        found = checked(root).findings
    counts: dict[tuple[str, str], int] = {}
    for finding in found:
        counts[(finding.path, finding.rule)] = counts.get((finding.path, finding.rule), 0) + 1
    assert max(counts.values()) == 51
    assert any(f.message.startswith("… and ") and f.message.endswith(" more like this in this file") for f in found)


KEYS = st.one_of(
    st.sampled_from(["edition", "works", "people", "quotations", "id", "text", "sources", "said"]), st.text(max_size=8)
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20), st.dates()
)
STRUCTURES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=20
)


@HYPOTHESIS
@given(st.dictionaries(KEYS, STRUCTURES, max_size=6))
def test_random_yaml_structure_as_the_source_list(data: dict[object, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    with hostile(SOURCES, text.encode("utf-8", errors="surrogatepass")) as root:
        checked(root)


@HYPOTHESIS
@given(
    st.sampled_from(["works", "trials", "people", "quotations", "notes", "glossary"]),
    st.integers(0, 10),
    st.sampled_from(["id", "text", "speaker", "status", "date", "start", "sources", "variants", "title", "term", "x"]),
    st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(KEYS, SCALARS, max_size=3)),
)
def test_the_real_list_with_one_field_replaced(section: str, index: int, name: str, value: object) -> None:
    data = yaml.safe_load(real(SOURCES))
    entries = data[section]
    entries[index % len(entries)][name] = value
    with hostile(SOURCES, yaml.safe_dump(data, allow_unicode=True).encode("utf-8", errors="surrogatepass")) as root:
        checked(root)
