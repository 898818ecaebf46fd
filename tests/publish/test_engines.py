"""ProperDocs builds the site; MkDocs 1.6.1 (still installed as Material's dependency) builds the
same site, byte for byte, apart from the generator meta tag. The comparison behind that claim
(tools/publish/compare.py) sees every kind of difference, and a build hides no deprecation warning.

Two builds of the real site (about a second each), with one SOURCE_DATE_EPOCH so that the
sitemap's dates agree, and one build of a copy for the warning.
"""

from __future__ import annotations

import ast
import re
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import BUILDS, Project, mkdocs_build

from tools.publish.build import PROJECT, REPRODUCIBLE_EPOCH, Engine, run_build
from tools.publish.compare import GENERATOR_TAG, differences, without_generator_tag

EPOCH = {"SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH}


def build_with(engine: Engine, site: Path) -> str:
    """Build the real site with `engine`; its stderr."""
    done = run_build(site, project=PROJECT, env=EPOCH, engine=engine)
    assert done.returncode == 0, f"{engine} build --strict failed:\n{done.stdout}\n{done.stderr}"
    return done.stderr


def generator(html: Path) -> str:
    tags = GENERATOR_TAG.findall(html.read_bytes())
    assert len(tags) == 1, f"{html}: {len(tags)} generator tags"
    match = re.search(rb'content="([^"]*)"', tags[0])
    assert match is not None
    return match.group(1).decode()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("engines")
    forked = BUILDS.forked
    stderr = build_with("properdocs", root / "properdocs")
    assert BUILDS.forked == forked + 1  # forked from the build server
    build_with("mkdocs", root / "mkdocs")
    assert BUILDS.forked == forked + 1  # a plain child process
    return root / "properdocs", root / "mkdocs", stderr


def test_the_engines_build_the_same_site_apart_from_the_generator_tag(sites: tuple[Path, Path, str]) -> None:
    """The ProperDocs build is forked from the suite's build server, the MkDocs one runs in a plain
    child process (tests/prefork.py): the same bytes also show that forking changes nothing."""
    properdocs, mkdocs, _ = sites
    assert differences(properdocs, mkdocs, normalise=without_generator_tag) == []


def test_the_generator_tag_is_the_only_difference_and_it_names_each_engine(sites: tuple[Path, Path, str]) -> None:
    """The normalised comparison above proves something only if the raw trees do differ, in
    exactly the HTML pages that carry the tag: otherwise both builds might have run one engine."""
    properdocs, mkdocs, _ = sites
    pages = sorted(
        p.relative_to(properdocs).as_posix() for p in properdocs.rglob("*.html") if GENERATOR_TAG.search(p.read_bytes())
    )
    assert {"index.html", "praise.html", "people.html", "404.html"} <= set(pages)
    raw = differences(properdocs, mkdocs)
    material = f"mkdocs-material-{version('mkdocs-material')}"
    assert [line.split(":")[0] for line in raw] == pages
    for page in pages:
        assert generator(properdocs / page) == f"mkdocs-ProperDocs {version('properdocs')}, {material}"
        assert generator(mkdocs / page) == f"mkdocs-{version('mkdocs')}, {material}"
    assert len(list(properdocs.rglob("*"))) > 50  # the whole site, downloads and search index included


def test_properdocs_builds_quietly(sites: tuple[Path, Path, str]) -> None:
    """No banner to silence and no notice about the config's name (the build passes -f mkdocs.yml)."""
    stderr = sites[2]
    assert "end of life" not in stderr
    assert "should be renamed" not in stderr
    assert [line for line in stderr.splitlines() if not line.startswith("INFO")] == []


# What an engine change would touch. Model, checker, generators, Markdown extensions and the
# exporters import no engine, so they move unchanged (ARCHITECTURE.md, "Engines").
ENGINE_PACKAGES = {"mkdocs", "properdocs", "material", "zensical", "materialx", "docsforge"}
ENGINE_IMPORTS_ALLOWED = {"tools/hook.py": {"mkdocs"}, "tools/publish/export.py": {"properdocs"}}


def engine_imports(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found |= {n.split(".")[0] for n in names} & ENGINE_PACKAGES
    return found


def test_only_the_hook_and_the_config_reader_import_an_engine() -> None:
    used = {}
    for path in sorted((PROJECT / "tools").rglob("*.py")):
        if found := engine_imports(path.read_text(encoding="utf-8")):
            used[path.relative_to(PROJECT).as_posix()] = found
    assert used == ENGINE_IMPORTS_ALLOWED


def test_engine_imports_are_found_in_every_form() -> None:
    source = "import mkdocs.plugins\nfrom properdocs.utils import yaml\nif x:\n    import material as m\nfrom . import mkdocs\n"
    assert engine_imports(source) == {"mkdocs", "properdocs", "material"}


# The comparison itself, on small trees.


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
    assert found[0].endswith(
        "b'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1' against b'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2'"
    )
    assert found[1] == f"empty: only in {b}"
    assert found[2] == f"gone.css: only in {a}"
    assert found[3] == "kind: a folder in one tree, a file in the other"


def test_a_truncated_file_differs_where_it_ends(tmp_path: Path) -> None:
    a = tree(tmp_path / "a", {"f": b"abcdef"})
    b = tree(tmp_path / "b", {"f": b"abc"})
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


def test_a_deprecation_warning_raised_during_a_build_is_shown(
    repo_copy: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m properdocs` would swallow it (its warning logger is named __main__ and prints
    nothing); tools/publish/build.py turns deprecation warnings on for the build's process."""
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    probe = "import warnings\n\nwarnings.warn('probe: a deprecated call', DeprecationWarning, stacklevel=1)\n"
    repo_copy.write("tools/site/people.py", repo_copy.read("tools/site/people.py") + probe)
    done = mkdocs_build(repo_copy.root, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert "tools/site/people.py:" in done.stderr
    assert "DeprecationWarning: probe: a deprecated call" in done.stderr
