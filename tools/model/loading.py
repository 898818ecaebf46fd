"""Reading data/sources.yml: the YAML read strictly (tools/model/yamlread.py), then the pydantic
models of tools/model/sourcelist.py, each schema error a finding at the line and column of its value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .findings import Example, Finding, Rule
from .sourcelist import SourceList
from .yamlread import PathKey, Positions, load_yaml

YAML_SCHEMA = Rule(
    "yaml-schema",
    "every value of the source list has the shape the schema gives it (tools/model/sourcelist.py)",
    Example("data/sources.yml", "    born: 1878-12-18", "    born: the winter of 1878"),
)


@dataclass(frozen=True)
class Loaded:
    """The source list, and where each of its values is in the file."""

    sources: SourceList
    path: str  # as findings show it
    positions: Positions
    texts: list[tuple[PathKey, str]]  # every text value with its place, in the file's order

    def where(self, *key: str | int) -> tuple[int, int]:
        """Line and column of a value, or of its nearest enclosing value."""
        while key and key not in self.positions:
            key = key[:-1]
        return self.positions.get(key, (1, 1))

    def at(self, rule: Rule, key: tuple[str | int, ...], message: str) -> Finding:
        return rule.at(self.path, *self.where(*key), message)


def load(path: Path, shown: str) -> tuple[Loaded | None, list[Finding]]:
    """The source list and its findings; None when its shape is wrong (the findings say where).
    UnusableInput when it cannot be read at all."""
    document = load_yaml(path, shown)
    findings = list(document.findings)
    try:
        sources = SourceList.model_validate(document.data)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            key = tuple(problem["loc"])
            line, col = _position(document.positions, key)
            where = ".".join(str(part) for part in key if not isinstance(part, int)) or "the file"
            findings.append(YAML_SCHEMA.at(shown, line, col, f"{where}: {_message(problem)}"))
        return None, findings
    return Loaded(sources, shown, document.positions, document.texts), findings


def _position(positions: Positions, key: tuple[Any, ...]) -> tuple[int, int]:
    while key and key not in positions:
        key = key[:-1]
    return positions.get(key, (1, 1))


def _message(problem: Any) -> str:
    kind, message = problem["type"], problem["msg"]
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a field of this entry (a typing mistake?)"
    if kind == "value_error":
        return str(message).removeprefix("Value error, ")
    return str(message)
