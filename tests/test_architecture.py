"""The layers of tools/ (ARCHITECTURE.md): dependencies point down only, no cycles, no module over
400 lines, one HTML parser and one URL policy, and regular expressions on input run on RE2."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import PROJECT

TOOLS = PROJECT / "tools"
# What each layer may import of the others (the hook is the glue; the bench measures everything).
ALLOWED = {
    "model": set(),
    "checker": {"model", "guard"},
    "guard": {"model"},
    "site": {"model"},
    "publish": {"model", "checker", "guard", "site"},
    "bench": {"model", "checker", "guard", "site", "publish"},
    "hook": {"publish"},
}
MAX_LINES = 400
MODULES = sorted(TOOLS.rglob("*.py"))


def layer(module: Path) -> str:
    parts = module.relative_to(TOOLS).parts
    return parts[0] if len(parts) > 1 else module.stem


def imports(module: Path) -> set[str]:
    """The modules of tools/ a module imports, as dotted names, relative or absolute, at any depth."""
    package = module.relative_to(PROJECT).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            name = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found |= {name} if node.module else {f"{name}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {n for n in found if n.startswith("tools.")}


def test_dependencies_point_down_only() -> None:
    wrong = []
    for module in MODULES:
        here = layer(module)
        for name in imports(module):
            there = name.split(".")[1]
            if there != here and there not in ALLOWED.get(here, set()):
                wrong.append(f"{module.relative_to(PROJECT)} imports {name}")
    assert wrong == []


def test_no_module_imports_in_a_circle() -> None:
    graph = {".".join(m.relative_to(PROJECT).with_suffix("").parts): imports(m) for m in MODULES}
    graph = {k.removesuffix(".__init__"): {v.removesuffix(".__init__") for v in vs} for k, vs in graph.items()}
    seen: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> None:
        assert node not in path, " -> ".join([*path[path.index(node) :], node])
        if node in seen:
            return
        path.append(node)
        for target in graph.get(node, ()):
            if target in graph:
                visit(target)
        path.pop()
        seen.add(node)

    for node in graph:
        visit(node)


def test_no_module_is_over_400_lines() -> None:
    assert [m.name for m in MODULES if len(m.read_text(encoding="utf-8").splitlines()) > MAX_LINES] == []


def all_imports(module: Path) -> set[str]:
    """Every module a module imports, of tools/ or not, as written."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_one_html_parser_and_no_hand_written_one() -> None:
    """tinyhtml5, in tools/model/html.py, is the only HTML parser of tools/: no other module imports
    a parser, and none subclasses the standard library's."""
    parsers = {"tinyhtml5", "html.parser", "html5lib", "lxml", "lxml.html", "bs4", "selectolax"}
    offenders = sorted(
        module.relative_to(TOOLS).as_posix()
        for module in MODULES
        if module != TOOLS / "model" / "html.py" and all_imports(module) & parsers
    )
    assert offenders == []


def test_patterns_on_input_run_on_re2() -> None:
    """Python's `re` is left only where its patterns never see editorial input (said beside it)."""
    uses = {m.relative_to(TOOLS).as_posix() for m in MODULES if "re" in all_imports(m)}
    assert uses <= {"model/findings.py", "guard/scripts.py", "publish/compare.py"}


def test_every_layer_says_what_it_owns() -> None:
    layers = sorted(p for p in TOOLS.iterdir() if p.is_dir() and any(p.glob("*.py")))
    said = {
        p.name: ast.get_docstring(ast.parse((p / "__init__.py").read_text(encoding="utf-8")))
        if (p / "__init__.py").exists()
        else None
        for p in layers
    }
    assert [name for name, doc in said.items() if not doc or len(doc) < 80] == []


def test_the_import_scan_sees_imports() -> None:
    """Not vacuous: the checker imports the model and the guard, the hook the publishing layer."""
    assert {name.split(".")[1] for name in imports(TOOLS / "checker" / "__init__.py")} >= {"model", "guard"}
    assert {name.split(".")[1] for name in imports(TOOLS / "hook.py")} == {"publish"}
