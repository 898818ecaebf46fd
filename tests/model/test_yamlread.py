"""tools/model/yamlread.py: the texts the reader collects as it builds are every text value of
the data it returns, with its place, in the file's order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tools.model.findings import UnusableInput
from tools.model.records import PathKey
from tools.model.yamlread import load_yaml

PROJECT = Path(__file__).resolve().parents[2]


def walk(data: Any, key: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text value of plain data, depth first, as a reader of the data would find them."""
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from walk(value, (*key, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*key, index))


@pytest.mark.parametrize("name", ["data/sources.yml", "tests/fixtures/mini/data/sources.yml", "anchors.yml"])
def test_the_texts_are_the_datas_in_order(name: str) -> None:
    read = load_yaml(PROJECT / name, name)
    assert read.texts and read.texts == list(walk(read.data))


SCALARS = st.sampled_from(
    ["a", "b c", "1", "2.5", "true", "null", "~", "1936-08-19", "1936-02-30", "!!str 7", "'quoted'"]
)
KEYS = st.sampled_from(["works", "id", "name", "1", "id", "[a, b]"])  # a key twice; a key that is a list


def entry(lead: str, value: str) -> str:
    """`lead` (a key and colon, or a dash) with its value: on the same line, or the block below."""
    return lead + (value if value.startswith("\n") else " " + value)


def document(depth: int = 0) -> st.SearchStrategy[str]:
    """YAML text, as written (duplicate keys, bad dates and explicit tags included)."""
    if depth >= 3:
        return SCALARS
    child = st.deferred(lambda: document(depth + 1))
    indent = "\n" + "  " * (depth + 1)
    mapping = st.lists(st.tuples(KEYS, child), min_size=1, max_size=4).map(
        lambda items: "".join(entry(f"{indent}{k}:", v) for k, v in items)
    )
    sequence = st.lists(child, min_size=1, max_size=4).map(lambda items: "".join(entry(f"{indent}-", v) for v in items))
    return SCALARS | mapping | sequence


@given(document())
def test_the_texts_are_the_datas_in_order_whatever_the_file(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("yaml") / "f.yml"
    path.write_text(entry("top:", text) + "\n", encoding="utf-8")
    try:
        read = load_yaml(path, "f.yml")
    except (UnusableInput, yaml.YAMLError):
        return  # not readable: no texts to compare
    assert read.texts == list(walk(read.data))
