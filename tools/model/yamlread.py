"""Reading YAML strictly, keeping the line and column of every value.

PyYAML alone would keep the last of two duplicate keys, expand alias bombs and build arbitrary
tagged objects; so the file is read as events and nodes first, and only plain data comes out.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .findings import Example, Finding, Rule, UnusableInput
from .textfile import FILE_TEXT, HIDDEN_CHAR, line_col, read_text

PathKey = tuple[str | int, ...]
YAML_SYNTAX = Rule(
    "yaml-syntax",
    "a YAML file is plain YAML: no anchors or aliases, no tags, no duplicate keys, keys are words, at most 12 levels deep",
    Example("data/sources.yml", "  - id: stalin", "  - id: &a stalin"),
)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 12  # the schema needs 5 levels; anything deeper is a mistake or an attack
YAML_TAG = "tag:yaml.org,2002:"
STR_TAG = f"{YAML_TAG}str"
Positions = dict[PathKey, tuple[int, int]]
QUOTED = 40  # the characters of a value a finding quotes
RESOLVER = yaml.resolver.Resolver()  # what a plain scalar is read as (int, bool, date …), as the loader reads it


OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _where(event: yaml.Event, shown: str) -> tuple[str, int, int]:
    mark = event.start_mark
    return (shown, mark.line + 1, mark.column + 1) if mark is not None else (shown, 1, 1)


def guard_events(text: str, shown: str) -> tuple[list[Finding], dict[int, str]]:
    """Reject anchors, aliases and deep nesting before anything is built. A tag is a finding, not a
    refusal: the file is read on as if it were not written, and the second value returned says how
    each tagged scalar reads plainly (its tag without the tag written), by where it starts."""
    depth = 0
    findings: list[Finding] = []
    plainly: dict[int, str] = {}
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise UnusableInput(
                YAML_SYNTAX.at(
                    *_where(event, shown), "uses a YAML anchor or alias (& or *); write each value out in full"
                )
            )
        # No tag at all, not even !!bool or !!str: the editorial files use none (quoting makes a
        # value text), and a tag hands its value to a PyYAML constructor the resolver never vetted
        # it for (`!!bool maybe` raised KeyError, `!!timestamp x` AttributeError), while one on a
        # mapping or list was silently ignored. `tag` is None unless written (`!`, `!!x`, `!e!x`).
        # It is a finding like a repeated key, whatever the file: the value is read as it would be
        # without the tag, so the tag is never constructed and the rest of the file is still checked.
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown_tag = shortened(tag.replace(YAML_TAG, "!!", 1))
            findings.append(
                YAML_SYNTAX.at(
                    *_where(event, shown),
                    f"uses the tag {shown_tag}; write the value plainly (quoted, to make it text)",
                )
            )
            if isinstance(event, yaml.ScalarEvent) and event.start_mark is not None:
                plain = not event.style  # the C parser says '' for a plain scalar, the Python one None
                read_as = RESOLVER.resolve(yaml.ScalarNode, event.value, (plain, not plain))  # type: ignore[no-untyped-call]
                plainly[event.start_mark.index] = str(read_as)
        if isinstance(event, OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnusableInput(YAML_SYNTAX.at(*_where(event, shown), f"nests more than {MAX_DEPTH} levels deep"))
        elif isinstance(event, CLOSING):
            depth -= 1
    return findings, plainly


def shortened(text: str) -> str:
    """A value as a finding quotes it: a long one (5,000 digits) cut to its first 40 characters."""
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions and duplicate keys."""

    def __init__(self, shown: str, plainly: dict[int, str] | None = None) -> None:
        self.shown = shown
        self.plainly = plainly or {}  # a tagged scalar's tag read plainly, by where it starts
        self.positions: Positions = {}
        self.findings: list[Finding] = []
        self.texts: list[tuple[PathKey, str]] = []  # every text value, in the file's order
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, key: PathKey = ()) -> Any:
        self.positions[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                name = self.scalar(key_node)
                # Text as written: `true:`, `1:`, `null:` or `2026-01-01:` reads as a bool, number,
                # nothing or date, and a key of 1 would pass for a list's index in a value's place.
                if not isinstance(name, str):
                    message = "keys must be plain words"
                    if isinstance(key_node, yaml.ScalarNode):
                        read_as = "null" if name is None else type(name).__name__
                        message += f": '{shortened(key_node.value)}' reads as {read_as}; quote it to make it text"
                    self.add(key_node, message)
                    continue
                if name in result:
                    first = self.positions[(*key, name)][0]
                    self.add(
                        key_node,
                        f"repeats the key '{shortened(name)}' (first on line {first}); "
                        "YAML would silently keep only the last",
                    )
                    continue
                result[name] = self.build(value_node, (*key, name))
                # A key's position is its own line, not its value's: findings about a field point at the key.
                self.positions[(*key, name)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, index)) for index, item in enumerate(node.value)]
        value = self.scalar(node)
        if isinstance(value, str):
            self.texts.append((key, value))
        return value

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        if (tag := self.plainly.get(node.start_mark.index, node.tag)) != node.tag:  # the tag written is not read
            node = yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)
        if node.tag == STR_TAG:
            # An escape in a quoted value ("\u202e") makes a character the file itself may not hold.
            if (hidden := HIDDEN_CHAR.search(node.value)) is not None:
                code = ord(hidden.group())
                self.add(node, f"a text holds the hidden or reordering character U+{code:04X}; remove it")
            return node.value  # what SafeConstructor makes of a string, without its dispatch
        try:
            return self.constructor.construct_object(node, deep=True)
        # Only the resolver's own tags reach here, but what PyYAML's constructor raises on a value
        # it cannot make is its own affair (ValueError for 1936-02-30, others besides): the call is
        # PyYAML's alone, so catching everything hides no bug of ours, and bad input never crashes.
        except Exception:
            if node.tag == f"{YAML_TAG}timestamp":
                self.add(node, f"'{shortened(node.value)}' is not a real date")
            else:
                self.add(node, f"'{shortened(node.value)}' is not a valid {node.tag.replace(YAML_TAG, '!!', 1)}")
            return str(node.value)

    def add(self, node: yaml.Node, message: str) -> None:
        self.findings.append(YAML_SYNTAX.at(self.shown, node.start_mark.line + 1, node.start_mark.column + 1, message))


@dataclass(frozen=True)
class Yaml:
    data: Any  # plain data: dicts, lists, str, int, float, bool, None, dates
    positions: Positions  # of every value (of a mapping's value: its key's)
    findings: list[Finding]
    texts: list[tuple[PathKey, str]]  # every text value with its place, in the file's order


def load_yaml(path: Path, shown: str, *, may_be_empty: bool = False) -> Yaml:
    """Plain data, the position of every value, its texts and findings; UnusableInput if nothing
    can be read, or if the file holds no value and `may_be_empty` is not set (then: None)."""
    text, findings = read_text(path, shown)
    return read_yaml(text, shown, findings, may_be_empty=may_be_empty)


def read_yaml(text: str, shown: str, findings: list[Finding] | None = None, *, may_be_empty: bool = False) -> Yaml:
    """load_yaml of a text already read (a page's front matter): `findings` are the reading's own."""
    read = _read_yaml(text, shown, may_be_empty)
    return Yaml(read.data, read.positions, (findings or []) + read.findings, read.texts)


# The same text reads the same every time: `serve` and the tests check an unchanged source list again
# and again, and reading it is a third of a check. What is read is never changed by its readers.
@functools.lru_cache(maxsize=16)
def _read_yaml(text: str, shown: str, may_be_empty: bool) -> Yaml:
    try:
        tagged, plainly = guard_events(text, shown)
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (err.problem or err.context or "is not valid YAML").strip()
        raise UnusableInput(YAML_SYNTAX.at(shown, line, col, f"is not valid YAML: {problem}")) from None
    except yaml.reader.ReaderError as err:  # a character YAML refuses: say which, and where, on one line
        line, col = line_col(text, err.position)
        code = err.character if isinstance(err.character, int) else ord(err.character)
        raise UnusableInput(FILE_TEXT.at(shown, line, col, f"contains the character U+{code:04X}; remove it")) from None
    except yaml.YAMLError as err:
        raise UnusableInput(YAML_SYNTAX.at(shown, 1, 1, f"is not valid YAML: {' '.join(str(err).split())}")) from None
    except RecursionError:
        raise UnusableInput(YAML_SYNTAX.at(shown, 1, 1, "nests too deeply to read")) from None
    if node is None:
        if may_be_empty:
            return Yaml(None, {}, [], [])
        raise UnusableInput(YAML_SYNTAX.at(shown, 1, 1, "is empty"))
    builder = _Builder(shown, plainly)
    data = builder.build(node)
    found = sorted(tagged + builder.findings, key=lambda f: (f.line, f.col))
    return Yaml(data, builder.positions, found, builder.texts)
