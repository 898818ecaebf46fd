"""The engine as a replaceable part (tools/publish/build.py, engine.py, compare.py):

- only the hook and the engine's runner import an engine; the checker, the guard, the site and the
  exports import none, so a change of engine moves them unchanged;
- the session's build says only what it did: no warning, no banner, no deprecation, no traceback;
- the comparison of two built trees (for "this change left the site byte-identical") sees every kind
  of difference, once, in path order, and its normaliser removes only the generator tag.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import PROJECT
from session import Built

from tools.publish.compare import differences, without_generator_tag

ENGINES = {"mkdocs", "properdocs", "material", "zensical"}
ALLOWED = {"tools/hook.py": {"mkdocs"}, "tools/publish/build.py": {"properdocs"}}


def engine_imports(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__" and node.args:
            names = [getattr(node.args[0], "value", "")]
        found |= {str(n).split(".")[0] for n in names} & ENGINES
    return found


def test_only_the_hook_and_the_engines_runner_import_an_engine() -> None:
    used = {}
    for path in sorted((PROJECT / "tools").rglob("*.py")):
        if "bench" in path.parts:
            continue  # the bench measures the engine
        if found := engine_imports(path.read_text(encoding="utf-8")):
            used[path.relative_to(PROJECT).as_posix()] = found
    # engine.py finds the theme's assets, which the guard allows, from where the theme is installed
    assert used == {**ALLOWED, "tools/publish/engine.py": {"material"}}


def test_engine_imports_are_found_in_every_form() -> None:
    source = (
        "import mkdocs.plugins\nfrom properdocs.utils import yaml\nif x:\n    import material as m\n"
        "from . import mkdocs\nX = __import__('zensical')\n"
    )
    assert engine_imports(source) == {"mkdocs", "properdocs", "material", "zensical"}


def test_the_build_says_only_what_it_did(built: Built) -> None:
    log = (built.root / "build.log").read_text(encoding="utf-8").splitlines()
    said = [line for line in log if not line.startswith("INFO") and " KiB  dist/" not in line]
    assert said == []  # no warning, banner, notice (the address and contact are set), deprecation
    assert any(line.startswith("INFO    -  Documentation built in") for line in log)


# --- comparing two built trees ------------------------------------------------------------------


def tree(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def test_identical_trees_have_no_differences(tmp_path: Path) -> None:
    files = {"index.html": b"<p>same</p>", "search/search_index.json": b"{}"}
    assert differences(tree(tmp_path / "a", files), tree(tmp_path / "b", files)) == []


def test_every_kind_of_difference_is_reported_once_in_path_order(tmp_path: Path) -> None:
    a = tree(tmp_path / "a", {"a.html": b"x" * 100 + b"1", "gone.css": b"", "kind": b"file", "same.txt": b"s"})
    b = tree(tmp_path / "b", {"a.html": b"x" * 100 + b"2", "new/x.js": b"", "kind/inner": b"", "same.txt": b"s"})
    (b / "empty").mkdir()
    found = differences(a, b)
    assert [line.split(":")[0] for line in found] == [
        "a.html",
        "empty",
        "gone.css",
        "kind",
        "kind/inner",
        "new",
        "new/x.js",
    ]
    assert found[0].startswith("a.html: differs at byte 100 (101 against 101 bytes): ")
    assert found[0].endswith("b'" + "x" * 40 + "1' against b'" + "x" * 40 + "2'")
    assert found[1] == f"empty: only in {b}" and found[2] == f"gone.css: only in {a}"
    assert found[3] == "kind: a folder in one tree, a file in the other"


def test_a_truncated_file_differs_where_it_ends(tmp_path: Path) -> None:
    a, b = tree(tmp_path / "a", {"f": b"abcdef"}), tree(tmp_path / "b", {"f": b"abc"})
    assert differences(a, b) == ["f: differs at byte 3 (6 against 3 bytes): b'abcdef' against b'abc'"]


def test_the_normaliser_removes_only_the_generator_tag_and_only_from_html(tmp_path: Path) -> None:
    head = b'<head>\n  <meta name="generator" content="%s">\n  <meta name="description" content="%s">\n'
    a = tree(
        tmp_path / "a", {"p.html": head % (b"mkdocs-1.6.1", b"one"), "n.txt": b'<meta name="generator" content="a">'}
    )
    b = tree(tmp_path / "b", {"p.html": head % (b"zensical", b"one"), "n.txt": b'<meta name="generator" content="b">'})
    assert [line.split(":")[0] for line in differences(a, b, normalise=without_generator_tag)] == ["n.txt"]
    (b / "p.html").write_bytes(head % (b"zensical", b"two"))
    assert [line.split(":")[0] for line in differences(a, b, normalise=without_generator_tag)] == ["n.txt", "p.html"]


def test_a_missing_tree_is_an_error_not_an_empty_comparison(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        differences(tmp_path / "nowhere", tree(tmp_path / "b", {"f": b""}))
