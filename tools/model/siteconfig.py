"""The config files the builds use, read as YAML nodes that keep their file, line and column.

Two builds, two configs: the site (`mkdocs.yml`, into site/) and the offline edition
(`mkdocs.offline.yml`, into dist/.offline-site/, from which tools/publish/export.py packs dist/).
The offline config INHERITs mkdocs.yml, as MkDocs reads it: mappings merged key by key, any
other value replaced. Every file of either chain is read once (`read_configs`) and checked as it
is, so a finding points at the file and line that hold the value (configrules.py); `effective`
answers what a build ends up with, and from which file.

The files are composed as YAML nodes (MkDocs' tags such as `!ENV` are never constructed), so a
tag cannot run anything here. The texts the theme writes into every page (`printed_texts`) and
the navigation (`nav_entries`) are offered with their places for the rules that read them: the
markup rule here, and the checker's rules on quotations and nav titles (tools/checker/siteprose.py).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .findings import Finding, UnusableInput
from .textfile import read_text

CONFIG = "mkdocs.yml"
OFFLINE_CONFIG = "mkdocs.offline.yml"
# Every config a build uses, with the folder that build writes into (non-negotiable 4: nothing is
# written outside site/ or dist/). tools/publish/build.py and export.py read them from here.
BUILDS = {CONFIG: "site", OFFLINE_CONFIG: "dist/.offline-site"}
TEXTS = ("site_name", "site_description", "site_author", "copyright")
MAX_INHERIT = 5
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ConfigFile:
    """One config file: its name as shown in findings, its text and its top mapping."""

    shown: str
    text: str
    top: yaml.MappingNode | None

    def where(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def finding(self, node: yaml.Node | None, rule: str, message: str) -> Finding:
        line, col = self.where(node) if node is not None else (1, 1)
        return Finding(self.shown, line, col, rule, message)


@dataclass(frozen=True)
class Text:
    """A config text the theme prints, with where it is: `at(offset)` is the line and column of a
    character of the value (exact when the value is written on one line without escapes)."""

    file: ConfigFile
    node: yaml.ScalarNode
    what: str

    @property
    def value(self) -> str:
        return str(self.node.value)

    def at(self, offset: int) -> tuple[int, int]:
        """The line and column of the value's character at `offset`. YAML folds lines and strips
        indentation, but keeps every other character: so the k-th character that is not white
        space in the value is the k-th in the source (after a `>-` or `|` header, inside quotes).
        Where escapes break that (`\\n`, `''`), the value's first character."""
        start, end = self.node.start_mark.index, self.node.end_mark.index
        raw = self.file.text[start:end]
        skip = raw.find("\n") + 1 if self.node.style in (">", "|") else (1 if self.node.style else 0)
        body = [i for i, char in enumerate(raw) if i >= skip and not char.isspace()]
        value = [char for char in self.value if not char.isspace()]
        if self.node.style in ("'", '"'):
            body = body[:-1]  # the closing quote
        if [raw[i] for i in body] != value:
            return self.file.where(self.node)
        nth = sum(1 for char in self.value[:offset] if not char.isspace())
        index = start + (body[nth] if nth < len(body) else len(raw))
        line = self.file.text.count("\n", 0, index) + 1
        return line, index - (self.file.text.rfind("\n", 0, index) + 1) + 1


def mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    """A mapping node's values by key (a repeated key: the last, as YAML keeps it)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def read_configs(root: Path) -> tuple[dict[str, ConfigFile], list[Finding]]:
    """Every config of BUILDS that exists, and every file they INHERIT, each read once."""
    files: dict[str, ConfigFile] = {}
    findings: list[Finding] = []
    todo = [name for name in BUILDS if (root / name).is_file()]
    while todo:
        name = todo.pop(0)
        if name in files:
            continue
        try:
            text, found = read_text(root / name, name)
        except UnusableInput as err:
            findings.append(err.finding)
            continue
        findings += found
        try:
            document = yaml.compose(text, Loader=Loader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            findings.append(Finding(name, line, col, "yaml-syntax", f"the config is not valid YAML: {err}"))
            document = None
        top = document if isinstance(document, yaml.MappingNode) else None
        files[name] = ConfigFile(name, text, top)
        parent = inherited(files[name])
        if parent is not None and (root / parent).is_file():
            todo.append(parent)
    return files, findings


def inherited(file: ConfigFile) -> str | None:
    """The file a config INHERITs, as a path from the project folder (None if none, or unusable)."""
    node = mapping(file.top).get("INHERIT")
    if not isinstance(node, yaml.ScalarNode) or not node.value:
        return None
    name = posixpath.normpath(posixpath.join(posixpath.dirname(file.shown), str(node.value)))
    return None if name.startswith("../") or name.startswith("/") else name


def chain(files: dict[str, ConfigFile], name: str) -> list[ConfigFile]:
    """The build config `name` and what it inherits, child first (a loop stops the chain)."""
    found: list[ConfigFile] = []
    current: str | None = name
    while current in files and len(found) < MAX_INHERIT and files[current] not in found:
        found.append(files[current])
        current = inherited(files[current])
    return found


def effective(layers: list[ConfigFile], *path: str) -> tuple[ConfigFile, yaml.Node] | None:
    """The value at `path` the build ends up with, and the file it comes from: the first layer,
    child first, that holds the whole path (mappings are merged key by key, so a parent's key
    survives unless the child sets it)."""
    for layer in layers:
        node: yaml.Node | None = layer.top
        for key in path:
            node = mapping(node).get(key)
        if node is not None:
            return layer, node
    return None


def printed_texts(file: ConfigFile) -> Iterator[Text]:
    """Every config text the theme writes into pages as it is, of one file."""
    top = mapping(file.top)
    for key in TEXTS:
        node = top.get(key)
        if isinstance(node, yaml.ScalarNode):
            yield Text(file, node, key)
    for title, _target in nav_entries(file):
        yield title
    palette = mapping(top.get("theme")).get("palette")
    for option in palette.value if isinstance(palette, yaml.SequenceNode) else []:
        name = mapping(mapping(option).get("toggle")).get("name")
        if isinstance(name, yaml.ScalarNode):
            yield Text(file, name, "a palette toggle's name")
    for extension in _sequence(top.get("markdown_extensions")):
        for options in mapping(extension).values():
            for option, value in mapping(options).items():
                if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str":
                    yield Text(file, value, f"the Markdown option {option}")


def nav_entries(file: ConfigFile) -> Iterator[tuple[Text, yaml.Node]]:
    """(title, target) for every titled entry of the file's nav, in order; a section's target is
    its list of entries."""
    todo = list(reversed(_sequence(mapping(file.top).get("nav"))))
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    yield Text(file, key, "a nav title"), value
                todo += list(reversed(_sequence(value)))


def _sequence(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []
