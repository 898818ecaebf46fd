"""The source list's schema, derived from the record dataclasses, and `load()`.

Each record is checked field by field against its dataclass (tools/model/records.py): unknown
keys, missing fields, wrong types and blank text are findings with the line and column of the
value. Then come the checks no type can say: id patterns and uniqueness here, and allowed
values, real dates and references between records in tools/model/crosscheck.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, Union

from .crosscheck import Report, check_references, check_values
from .escape import url_problem
from .findings import Finding, Severity, UnusableInput
from .ids import ID_PATTERN, QUOTATION_PREFIX
from .records import (
    SECTIONS,
    STATUSES,
    Edition,
    OneOrMany,
    PathKey,
    Policy,
    ScareQuote,
    SourceList,
    Status,
    Url,
)
from .yamlread import load_yaml

TOP_LEVEL = ("edition", "statuses", "policy", *SECTIONS, "scare_quotes", "not_names")
OPTIONAL_SECTIONS = ("not_names",)
SHA256 = re.compile(r"^[0-9a-f]{64}$")
SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")
DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Control characters are never text: a YAML escape ("\x02") can put one into a value that the
# file itself does not show. A line feed (in a block scalar) is the one allowed; a tab is a
# pasting accident that shows as a space.
CONTROL_CHAR = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    name: str  # the dataclass attribute
    key: str  # the YAML key
    types: tuple[Any, ...]  # the accepted Python types (a dataclass, tuple[...] or a plain type)
    required: bool
    one_or_many: bool
    url: bool = False  # a web address (records.Url)


@cache
def field_specs(record: type) -> tuple[FieldSpec, ...]:
    """The schema of one record type, read off its dataclass fields and annotations."""
    hints = typing.get_type_hints(record, include_extras=True)
    specs = []
    for f in dataclasses.fields(record):
        hint, one_or_many, url = hints[f.name], False, False
        if typing.get_origin(hint) is typing.Annotated:
            hint, *extras = typing.get_args(hint)
            one_or_many, url = OneOrMany in extras, Url in extras
        options = typing.get_args(hint) if typing.get_origin(hint) in (Union, types.UnionType) else (hint,)
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        specs.append(FieldSpec(f.name, f.metadata.get("yaml_key", f.name), options, required, one_or_many, url))
    return tuple(specs)


def _type_names(spec: FieldSpec) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", dt.date: "a date (YYYY-MM-DD)"}
    shown = []
    for option in spec.types:
        if option is type(None):
            continue
        if typing.get_origin(option) is tuple:
            shown.append("a list")
        else:
            shown.append(names.get(option, "a mapping of fields"))
    if spec.one_or_many:
        shown.insert(0, "text")
    return " or ".join(shown) or "empty"


def _scalar_ok(value: Any, option: Any) -> bool:
    if option is type(None):
        return value is None
    if option is bool or isinstance(value, bool):  # True is an int in Python, never in the schema
        return option is bool and isinstance(value, bool)
    if option is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return isinstance(option, type) and isinstance(value, option)


def build_record(record: type, raw: Any, key: PathKey, what: str, report: Report) -> Any | None:
    """One record from its YAML mapping, or None if a field is missing or wrong (each reported).

    Nested records in lists (sources, participants, accounts) that are wrong are reported and
    left out, so one bad source does not hide its whole entry from the other checks."""
    if not isinstance(raw, dict):
        report(key, "yaml-type", f"{what} must be a mapping of fields")
        return None
    specs = field_specs(record)
    keys = [s.key for s in specs]
    ok = True
    for name in raw:
        if name not in keys:
            close = difflib.get_close_matches(str(name), keys, n=1, cutoff=0.8)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known fields: {', '.join(keys)}"
            report((*key, name), "yaml-unknown-key", f"{what} has an unknown field '{name}'{hint}")
            ok = False
    values: dict[str, Any] = {}
    for spec in specs:
        if spec.key not in raw:
            if spec.required:
                report(key, "yaml-missing-field", f"{what} has no '{spec.key}' field")
                ok = False
            continue
        converted = _value(spec, raw[spec.key], (*key, spec.key), what, report)
        if converted is _INVALID:
            ok = False
        else:
            values[spec.name] = converted
    return record(**values) if ok else None


_INVALID = object()


def _value(spec: FieldSpec, value: Any, key: PathKey, what: str, report: Report) -> Any:
    if isinstance(value, dt.datetime):  # a date is wanted, and datetime is a subclass of date
        report(key, "yaml-type", f"{what}: '{spec.key}' must be a date without a time of day")
        return _INVALID
    if spec.one_or_many and isinstance(value, str):
        value = [value]
    for option in spec.types:
        if typing.get_origin(option) is tuple and isinstance(value, list):
            return _items(spec, typing.get_args(option)[0], value, key, what, report)
        if isinstance(option, type) and dataclasses.is_dataclass(option) and isinstance(value, dict):
            built = build_record(option, value, key, f"{what} {spec.key}", report)
            return _INVALID if built is None else built
        if _scalar_ok(value, option):
            if isinstance(value, str) and not value.strip():
                report(
                    key, "yaml-value", f"{what}: '{spec.key}' is blank; write the text, or null where that is allowed"
                )
                return _INVALID
            if isinstance(value, str) and not _text_ok(spec, value, key, what, report):
                return _INVALID
            return value
    report(key, "yaml-type", f"{what}: '{spec.key}' must be {_type_names(spec)}")
    return _INVALID


def _items(spec: FieldSpec, item: Any, values: list[Any], key: PathKey, what: str, report: Report) -> Any:
    if isinstance(item, type) and dataclasses.is_dataclass(item):
        built = (build_record(item, v, (*key, i), f"{what} {spec.key} #{i + 1}", report) for i, v in enumerate(values))
        return tuple(b for b in built if b is not None)
    if not values or not all(isinstance(v, item) and not isinstance(v, bool) and str(v).strip() for v in values):
        report(key, "yaml-type", f"{what}: '{spec.key}' must be {_type_names(spec)} of non-empty text")
        return _INVALID
    if not all(_text_ok(spec, v, (*key, i), what, report) for i, v in enumerate(values) if isinstance(v, str)):
        return _INVALID
    return tuple(values)


def _text_ok(spec: FieldSpec, value: str, key: PathKey, what: str, report: Report) -> bool:
    """Text is text: no control character; a web address is one the edition may link to."""
    control = CONTROL_CHAR.search(value)
    if control:
        code = ord(control.group())
        report(key, "yaml-control-char", f"{what}: '{spec.key}' contains the control character U+{code:04X}; remove it")
        return False
    problem = url_problem(value) if spec.url else None
    if problem:
        report(key, "yaml-url", f"{what}: the address {value!r} {problem}")
        return False
    return True


# --- values no type can check -----------------------------------------------------------------


def safe_relative(name: str) -> bool:
    """Page and text names stay inside the project: relative, no '..', no odd characters."""
    return bool(SAFE_NAME.match(name)) and ".." not in name.split("/")


def _label(section: str, index: int, raw: Any) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"'{raw['id']}'"
    return f"{'person' if section == 'people' else section[:-1]} #{index + 1}"


def load(path: Path, shown: str) -> tuple[SourceList, list[Finding]]:
    """Load and validate the source list. Raises UnusableInput only when nothing can be checked."""
    read = load_yaml(path, shown)
    data, findings = read.data, read.findings
    sources = SourceList(path=shown, positions=read.positions, texts=read.texts)

    def report(key: PathKey, rule: str, message: str, severity: Severity = Severity.ERROR) -> None:
        line, col = sources.where(*key)
        findings.append(Finding(shown, line, col, rule, message, severity))

    if not isinstance(data, dict):
        raise UnusableInput(
            Finding(shown, 1, 1, "yaml-type", "must be a mapping with works, people, trials and quotations")
        )
    for name in data:
        if name not in TOP_LEVEL:
            report((name,), "yaml-unknown-key", f"unknown section '{name}'; known sections: {', '.join(TOP_LEVEL)}")
    for name in TOP_LEVEL:
        if name not in data and name not in OPTIONAL_SECTIONS:
            report((), "yaml-missing-field", f"has no '{name}' section")

    _load_edition(data.get("edition"), sources, report)
    _load_statuses(data.get("statuses") or {}, sources, report)
    _load_policy(data.get("policy"), sources, report)
    not_names = data.get("not_names", [])
    if isinstance(not_names, list) and all(isinstance(w, str) for w in not_names):
        sources.not_names = tuple(not_names)
    else:
        report(("not_names",), "yaml-type", "not_names must be a list of words")
    for section, record in SECTIONS.items():
        table: dict[str, Any] = getattr(sources, section)
        for index, raw in _entries(data, section, report):
            entry = build_record(record, raw, (section, index), _label(section, index, raw), report)
            if entry is not None and _unique(sources, section, index, entry.id, table, report):
                table[entry.id] = entry
    for index, raw in _entries(data, "scare_quotes", report):
        scare = build_record(ScareQuote, raw, ("scare_quotes", index), f"scare quote #{index + 1}", report)
        if scare is not None:
            sources.scare_quotes.append(scare)
    check_values(sources, report)
    check_references(sources, report)
    return sources, findings


def _entries(data: dict[str, Any], section: str, report: Report) -> list[tuple[int, Any]]:
    raw = data.get(section) or []
    if not isinstance(raw, list):
        report((section,), "yaml-type", f"'{section}' must be a list")
        return []
    return list(enumerate(raw))


def _load_edition(raw: Any, sources: SourceList, report: Report) -> None:
    if raw is None:
        return
    edition = build_record(Edition, raw, ("edition",), "edition", report)
    if edition is None:
        return
    if not all(safe_relative(n) for n in (edition.original, *edition.pages, *edition.editorial)):
        report(
            ("edition",),
            "yaml-value",
            "edition: file names must be plain relative paths inside the project (letters, digits, - _ . /; no '..')",
        )
        return
    if not SHA256.match(edition.original_sha256):
        report(
            ("edition", "original_sha256"), "yaml-value", "edition: 'original_sha256' must be 64 lower-case hex digits"
        )
        return
    sources.original, sources.pages = edition.original, edition.pages
    sources.original_sha256 = edition.original_sha256
    sources.editorial, sources.work = edition.editorial, edition.work
    sources.relation, sources.edition_date = edition.relation, edition.date


def _load_policy(raw: Any, sources: SourceList, report: Report) -> None:
    if raw is None:
        return
    policy = build_record(Policy, raw, ("policy",), "policy", report)
    if policy is None:
        return
    for part, entries in (("denylist", policy.denylist), ("mirrors", policy.mirrors)):
        for index, entry in enumerate(entries):
            if DOMAIN.match(entry.domain):
                continue
            report(
                ("policy", part, index, "domain"),
                "yaml-value",
                f"domain '{entry.domain}' must be a lower-case host name such as example.org (no scheme, path or trailing dot)",
            )
    sources.policy = policy


def _load_statuses(raw: Any, sources: SourceList, report: Report) -> None:
    if isinstance(raw, dict):
        for name, entry in raw.items():
            if name not in STATUSES:
                report(
                    ("statuses", name),
                    "yaml-unknown-key",
                    f"unknown status '{name}'; the statuses are {', '.join(STATUSES)}",
                )
                continue
            status = build_record(Status, entry, ("statuses", name), f"status '{name}'", report)
            if status is not None:
                sources.statuses[name] = status
    for name in STATUSES:
        if name not in sources.statuses:
            report(("statuses",), "yaml-missing-field", f"the status legend has no entry for '{name}'")


def _unique(
    sources: SourceList, section: str, index: int, entry_id: str, table: dict[str, Any], report: Report
) -> bool:
    key: PathKey = (section, index, "id")
    if not ID_PATTERN.match(entry_id):
        report(key, "yaml-id", f"id '{entry_id}' must be lower-case ASCII words joined by hyphens")
        return False
    if section == "quotations" and not entry_id.startswith(QUOTATION_PREFIX):
        report(key, "yaml-id", f"quotation id '{entry_id}' must start with '{QUOTATION_PREFIX}'")
        return False
    if entry_id in table:
        first = sources.position_of(section, entry_id)[0]
        report(key, "yaml-duplicate-id", f"id '{entry_id}' is used twice (first on line {first})")
        return False
    sources.indices[(section, entry_id)] = index
    return True
