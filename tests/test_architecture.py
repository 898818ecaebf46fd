"""The layers of tools/ (ARCHITECTURE.md): dependencies point one way, no module grows past 400
lines, and every package says in its docstring what it owns."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import PROJECT

TOOLS = PROJECT / "tools"
# What each room may import of the others (the hook is the glue, the bench measures everything).
ALLOWED = {
    "model": set(),
    "checker": {"model"},
    "site": {"model"},
    "publish": {"model"},
    "bench": {"model", "checker", "site", "publish"},
    "hook": {"model", "checker", "site", "publish"},
}
MAX_LINES = 400


def room(module: Path) -> str:
    parts = module.relative_to(TOOLS).parts
    return parts[0] if len(parts) > 1 else module.stem


def imported_rooms(module: Path) -> set[str]:
    """The rooms of tools/ a module imports, relative or absolute, at any depth of the file."""
    package = module.relative_to(PROJECT).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                names = [".".join([*base, *(node.module.split(".") if node.module else [])])]
                if not node.module:
                    names = [".".join([*base, alias.name]) for alias in node.names]
            elif node.module:
                names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "tools" and len(parts) > 1:
                found.add(parts[1])
    return found


MODULES = sorted(p for p in TOOLS.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=[str(m.relative_to(TOOLS)) for m in MODULES])
def test_dependencies_point_one_way(module: Path) -> None:
    here = room(module)
    if here == "__init__":
        return
    others = imported_rooms(module) - {here}
    assert others <= ALLOWED[here], f"{module.relative_to(PROJECT)} ({here}) imports {sorted(others - ALLOWED[here])}"


@pytest.mark.parametrize("module", MODULES, ids=[str(m.relative_to(TOOLS)) for m in MODULES])
def test_no_module_is_over_400_lines(module: Path) -> None:
    assert len(module.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_every_package_says_what_it_owns() -> None:
    for init in TOOLS.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 80, f"{init.relative_to(PROJECT)} has no docstring saying what it owns"


def test_the_import_scan_sees_imports() -> None:
    """The scan is not vacuous: the checker imports the model, the hook imports all four."""
    assert "model" in imported_rooms(TOOLS / "checker" / "__init__.py")
    assert imported_rooms(TOOLS / "hook.py") >= {"checker", "site", "publish", "model"}
