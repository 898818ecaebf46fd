"""The YAML source list: loaded strictly, validated against a schema, returned as typed records.

PyYAML alone would keep the last of two duplicate keys, expand alias bombs and build arbitrary
tagged objects; so the file is read as events and nodes first, and only plain data comes out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from .findings import Finding, Severity, UnusableInput
from .textfile import line_col, read_text

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 12  # the schema needs 5 levels; anything deeper is a mistake or an attack
PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map"))
PathKey = tuple[Union[str, int], ...]
DateValue = Union[int, str, dt.date, None]

STATUSES = ("verified", "attributed", "unverified", "paraphrase")
WORK_GROUPS = ("official", "book", "investigation", "secondary", "reference")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^(\d{4})-(\d{2})$")

# field -> (accepted types, required). `list` fields hold the record type named in LIST_OF.
REF_FIELDS = {"work": ((str,), False), "url": ((str,), False), "locator": ((str,), False), "supports": ((str,), False)}
SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")
SCHEMA: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "works": {
        "id": ((str,), True), "group": ((str,), True), "short": ((str,), True), "title": ((str,), True),
        "author": ((str,), False), "publisher": ((str, type(None)), False), "place": ((str,), False),
        "year": ((int, str, dt.date, type(None)), True), "note": ((str,), False), "sources": ((list,), False),
    },
    "trials": {
        "id": ((str,), True), "title": ((str,), True), "short": ((str,), True), "start": ((dt.date,), True),
        "end": ((dt.date,), True), "place": ((str,), True), "court": ((str,), True), "prosecutor": ((str,), True),
        "report": ((str,), True), "participants": ((list,), True), "note": ((str,), False),
        "sources": ((list,), True),
    },
    "people": {
        "id": ((str,), True), "name": ((str,), True), "full_name": ((str,), False), "report_form": ((str,), False),
        "variants": ((list,), True), "born": ((int, str, dt.date, type(None)), True),
        "died": ((int, str, dt.date, type(None)), True), "role": ((str,), True), "summary": ((str,), True),
        "identification": ((str,), False), "mention": ((str,), False), "implied_by": ((str,), False),
        "sources": ((list,), True),
    },
    "quotations": {
        "id": ((str,), True), "text": ((str, list), True), "speaker": ((str,), True), "role": ((str,), True),
        "trial": ((str, type(None)), True), "trial_note": ((str,), False), "occasion": ((str, type(None)), True),
        "date": ((dt.date, int, str, type(None)), True), "date_inferred": ((bool,), False),
        "status": ((str,), True), "sources": ((list,), True), "notes": ((str,), False),
    },
    "scare_quotes": {"text": ((str,), True), "page": ((str,), True), "count": ((int,), False)},
    "meetings": {
        "id": ((str,), True), "title": ((str,), True), "person": ((str,), True), "trial": ((str,), True), "place": ((str,), True),
        "claimed_date": ((dt.date, int, str), True), "testified": ((dt.date, type(None)), True),
        "claim": ((str,), True), "claim_sources": ((list,), True), "refutations": ((list,), True),
        "dissent": ((list,), True),
    },
    "notes": {
        "id": ((str,), True), "paragraph": ((str,), True), "term": ((str,), True), "text": ((str,), True),
        "sources": ((list,), True),
    },
}
TOP_LEVEL = ("edition", "statuses", *SCHEMA, "not_names")
OPTIONAL_SECTIONS = ("not_names",)
EDITION_FIELDS = {"original": ((str,), True), "pages": ((list,), True)}
PARTICIPANT_FIELDS = {"person": ((str,), True), "as": ((str,), True)}
ACCOUNT_FIELDS = {"text": ((str,), True), "by": ((str,), False), "sources": ((list,), True)}
STATUS_FIELDS = {"label": ((str,), True), "meaning": ((str,), True)}


@dataclass(frozen=True)
class SourceRef:
    work: str | None
    url: str | None
    locator: str | None
    supports: str | None


@dataclass(frozen=True)
class Work:
    id: str
    group: str
    short: str
    title: str
    year: DateValue
    author: str | None = None
    publisher: str | None = None
    place: str | None = None
    note: str | None = None
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Trial:
    id: str
    title: str
    short: str
    start: dt.date
    end: dt.date
    place: str
    court: str
    prosecutor: str
    report: str
    note: str | None
    sources: tuple[SourceRef, ...]
    participants: tuple[tuple[str, str], ...] = ()  # (person id, capacity)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    variants: tuple[str, ...]
    born: DateValue
    died: DateValue
    role: str
    summary: str
    sources: tuple[SourceRef, ...]
    full_name: str | None = None
    report_form: str | None = None
    identification: str | None = None
    mention: str | None = None
    implied_by: str | None = None


@dataclass(frozen=True)
class Quotation:
    id: str
    text: tuple[str, ...]
    speaker: str
    role: str
    trial: str | None
    occasion: str | None
    date: DateValue
    status: str
    sources: tuple[SourceRef, ...]
    date_inferred: bool = False
    trial_note: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ScareQuote:
    text: str
    page: str
    count: int = 1


@dataclass(frozen=True)
class Note:
    id: str
    paragraph: str
    term: str
    text: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Account:
    """A refutation of, or dissent about, an alleged meeting."""

    text: str
    by: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str
    person: str
    trial: str
    place: str
    claimed_date: DateValue
    testified: dt.date | None
    claim: str
    claim_sources: tuple[SourceRef, ...]
    refutations: tuple[Account, ...]
    dissent: tuple[Account, ...]

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        return self.claim_sources + tuple(r for a in self.refutations + self.dissent for r in a.sources)


@dataclass(frozen=True)
class Status:
    label: str
    meaning: str


@dataclass
class SourceList:
    path: str
    statuses: dict[str, Status] = field(default_factory=dict)
    works: dict[str, Work] = field(default_factory=dict)
    trials: dict[str, Trial] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    quotations: dict[str, Quotation] = field(default_factory=dict)
    scare_quotes: list[ScareQuote] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    original: str = ""  # path of the reference copy of the chapter, relative to the project
    pages: tuple[str, ...] = ()  # the chapter pages in reading order, relative to docs/
    not_names: tuple[str, ...] = ()  # capitalised words in the chapter that are not people
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    indices: dict[tuple[str, str], int] = field(default_factory=dict)  # (section, id) -> list index

    def key_of(self, section: str, entry_id: str) -> PathKey:
        return (section, self.indices.get((section, entry_id), 0))

    def where(self, *key: str | int) -> tuple[int, int]:
        """Line and column of a value (or its nearest enclosing value) in the YAML file."""
        while key and key not in self.positions:
            key = key[:-1]
        return self.positions.get(key, (1, 1))

    def position_of(self, section: str, entry_id: str, fieldname: str | None = None) -> tuple[int, int]:
        key = self.key_of(section, entry_id)
        return self.where(*key, fieldname) if fieldname else self.where(*key)


# --- reading --------------------------------------------------------------------------------


def _guard_events(text: str, shown: str) -> list[Finding]:
    """Reject anchors, aliases, custom tags and deep nesting before anything is built."""
    findings: list[Finding] = []
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        mark = event.start_mark
        where = (shown, mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise UnusableInput(Finding(*where, "yaml-alias", "uses a YAML anchor or alias (& or *); write each value out in full"))
        # A written tag is always explicit (the parser leaves `tag` None otherwise). Scalars carry
        # `implicit` as a tuple, and `!!python/object` expands into the yaml.org namespace, so
        # neither may be used to let a tag through: only the plain-data tags are allowed.
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in PLAIN_TAGS:
            raise UnusableInput(Finding(*where, "yaml-tag", f"uses the tag {tag.replace('tag:yaml.org,2002:', '!!', 1)}; only plain YAML values are allowed"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnusableInput(Finding(*where, "yaml-depth", f"nests more than {MAX_DEPTH} levels deep"))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return findings


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions and duplicate keys."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, key: PathKey = ()) -> Any:
        self.positions[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                name = self.scalar(key_node)
                if not isinstance(name, (str, int)):
                    self.add(key_node, "yaml-key", "keys must be plain words")
                    continue
                if name in result:
                    first = self.positions[(*key, name)][0]
                    self.add(key_node, "yaml-duplicate-key", f"repeats the key '{name}' (first on line {first}); YAML would silently keep only the last")
                    continue
                self.positions[(*key, name)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[name] = self.build(value_node, (*key, name))
                self.positions[(*key, name)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, index)) for index, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            self.add(node, "yaml-date", f"'{node.value}' is not a real date")
            return str(node.value)

    def add(self, node: yaml.Node, rule: str, message: str) -> None:
        self.findings.append(Finding(self.shown, node.start_mark.line + 1, node.start_mark.column + 1, rule, message))


def load_raw(path: Path, shown: str) -> tuple[Any, dict[PathKey, tuple[int, int]], list[Finding]]:
    text, findings = read_text(path, shown)
    try:
        findings += _guard_events(text, shown)
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (err.problem or err.context or "is not valid YAML").strip()
        raise UnusableInput(Finding(shown, line, col, "yaml-syntax", f"is not valid YAML: {problem}")) from None
    except yaml.reader.ReaderError as err:  # a character YAML refuses: say which, and where, on one line
        line, col = line_col(text, err.position)
        code = err.character if isinstance(err.character, int) else ord(err.character)
        raise UnusableInput(Finding(shown, line, col, "file-control-char", f"contains the control character U+{code:04X}; remove it")) from None
    except yaml.YAMLError as err:
        raise UnusableInput(Finding(shown, 1, 1, "yaml-syntax", f"is not valid YAML: {' '.join(str(err).split())}")) from None
    except RecursionError:
        raise UnusableInput(Finding(shown, 1, 1, "yaml-depth", "nests too deeply to read")) from None
    if node is None:
        raise UnusableInput(Finding(shown, 1, 1, "yaml-empty", "is empty; it must hold works, people, trials and quotations"))
    builder = _Builder(shown)
    data = builder.build(node)
    return data, builder.positions, findings + builder.findings


# --- validation -----------------------------------------------------------------------------


def _is_real_date(value: DateValue) -> bool:
    if value is None or isinstance(value, dt.date):
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 1 <= value <= 9999
    match = PARTIAL_DATE.match(value)
    return bool(match) and 1 <= int(match.group(2)) <= 12


def _type_names(types: tuple[type, ...]) -> str:
    names = {str: "text", list: "a list", int: "a whole number", bool: "true or false", dt.date: "a date (YYYY-MM-DD)"}
    return " or ".join(names.get(t, "empty") for t in types if t is not type(None)) or "empty"


def _check_fields(record: Any, spec: dict[str, tuple[tuple[type, ...], bool]], key: PathKey,
                  add: Any, what: str) -> bool:
    if not isinstance(record, dict):
        add(key, "yaml-type", f"{what} must be a mapping of fields")
        return False
    ok = True
    for name in record:
        if name not in spec:
            close = [f for f in spec if _similar(str(name), f)]
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known fields: {', '.join(spec)}"
            add((*key, name), "yaml-unknown-key", f"{what} has an unknown field '{name}'{hint}")
            ok = False
    for name, (types, required) in spec.items():
        if name not in record:
            if required:
                add(key, "yaml-missing-field", f"{what} has no '{name}' field")
                ok = False
            continue
        value = record[name]
        if isinstance(value, dt.datetime):  # a date is wanted, and datetime is a subclass of date
            add((*key, name), "yaml-type", f"{what}: '{name}' must be a date without a time of day")
            ok = False
            continue
        if bool in types or not isinstance(value, bool):
            if isinstance(value, types):
                continue
        add((*key, name), "yaml-type", f"{what}: '{name}' must be {_type_names(types)}")
        ok = False
    return ok


def _check_source_lists(data: Any, key: PathKey, add: Any) -> None:
    """Every entry of every `sources`/`claim_sources` list is a mapping of text fields."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name in ("sources", "claim_sources") and isinstance(value, list):
                for index, entry in enumerate(value):
                    _check_fields(entry, REF_FIELDS, (*key, name, index), add, f"source #{index + 1}")
            else:
                _check_source_lists(value, (*key, name), add)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _check_source_lists(value, (*key, index), add)


def _safe_relative(name: str) -> bool:
    """Page and text names stay inside the project: relative, no '..', no odd characters."""
    return bool(SAFE_NAME.match(name)) and ".." not in name.split("/")


def _similar(a: str, b: str) -> bool:
    """A cheap typo test: same letters give or take one edit (speker ~ speaker)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _refs(raw: Any) -> tuple[SourceRef, ...]:
    """Source references; a field of the wrong type was reported by _check_source_lists and is dropped."""

    def text(entry: dict[str, Any], name: str) -> str | None:
        value = entry.get(name)
        return value if isinstance(value, str) else None

    return tuple(SourceRef(text(r, "work"), text(r, "url"), text(r, "locator"), text(r, "supports"))
                 for r in raw or () if isinstance(r, dict))


def load(path: Path, shown: str) -> tuple[SourceList, list[Finding]]:
    """Load and validate the source list. Raises UnusableInput only when nothing can be checked."""
    data, positions, findings = load_raw(path, shown)
    sources = SourceList(path=shown, positions=positions)

    def add(key: PathKey, rule: str, message: str, severity: Severity = Severity.ERROR) -> None:
        line, col = sources.where(*key)
        findings.append(Finding(shown, line, col, rule, message, severity))

    if not isinstance(data, dict):
        raise UnusableInput(Finding(shown, 1, 1, "yaml-type", "must be a mapping with works, people, trials and quotations"))
    for name in data:
        if name not in TOP_LEVEL:
            add((name,), "yaml-unknown-key", f"unknown section '{name}'; known sections: {', '.join(TOP_LEVEL)}")
    for name in TOP_LEVEL:
        if name not in data and name not in OPTIONAL_SECTIONS:
            add((), "yaml-missing-field", f"has no '{name}' section")

    edition = data.get("edition")
    if edition is not None and _check_fields(edition, EDITION_FIELDS, ("edition",), add, "edition"):
        names = [edition["original"], *edition["pages"]]
        if not all(isinstance(p, str) for p in edition["pages"]):
            add(("edition", "pages"), "yaml-type", "edition: 'pages' must be a list of page file names")
        elif not all(_safe_relative(n) for n in names):
            add(("edition",), "yaml-value",
                "edition: file names must be plain relative paths inside the project (letters, digits, - _ . /; no '..')")
        else:
            sources.original, sources.pages = edition["original"], tuple(edition["pages"])
    _check_source_lists(data, (), add)
    not_names = data.get("not_names", [])
    if isinstance(not_names, list) and all(isinstance(w, str) for w in not_names):
        sources.not_names = tuple(not_names)
    else:
        add(("not_names",), "yaml-type", "not_names must be a list of words")

    statuses = data.get("statuses") or {}
    if isinstance(statuses, dict):
        for name, entry in statuses.items():
            if name not in STATUSES:
                add(("statuses", name), "yaml-unknown-key", f"unknown status '{name}'; the statuses are {', '.join(STATUSES)}")
            elif _check_fields(entry, STATUS_FIELDS, ("statuses", name), add, f"status '{name}'"):
                sources.statuses[name] = Status(entry["label"], entry["meaning"])
    for name in STATUSES:
        if name not in sources.statuses:
            add(("statuses",), "yaml-missing-field", f"the status legend has no entry for '{name}'")

    def records(section: str) -> list[tuple[PathKey, dict[str, Any]]]:
        raw = data.get(section) or []
        if not isinstance(raw, list):
            add((section,), "yaml-type", f"'{section}' must be a list")
            return []
        good = []
        for index, record in enumerate(raw):
            key: PathKey = (section, index)
            label = f"{section[:-1] if section != 'people' else 'person'} #{index + 1}"
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                label = f"'{record['id']}'"
            if _check_fields(record, SCHEMA[section], key, add, label):
                good.append((key, record))
        return good

    def unique(section: str, key: PathKey, entry_id: str, table: dict[str, Any]) -> bool:
        if not ID_PATTERN.match(entry_id):
            add((*key, "id"), "yaml-id", f"id '{entry_id}' must be lower-case ASCII words joined by hyphens")
            return False
        if entry_id in table:
            first = sources.position_of(section, entry_id)[0]
            add((*key, "id"), "yaml-duplicate-id", f"id '{entry_id}' is used twice (first on line {first})")
            return False
        sources.indices[(section, entry_id)] = int(key[1])
        return True

    for key, r in records("works"):
        if unique("works", key, r["id"], sources.works):
            if r["group"] not in WORK_GROUPS:
                add((*key, "group"), "yaml-value", f"group '{r['group']}' is not one of {', '.join(WORK_GROUPS)}")
            if not _is_real_date(r["year"]):
                add((*key, "year"), "yaml-date", f"'{r['year']}' is not a real date")
            sources.works[r["id"]] = Work(
                r["id"], r["group"], r["short"], r["title"], r["year"], r.get("author"), r.get("publisher"),
                r.get("place"), r.get("note"), _refs(r.get("sources")))
    for key, r in records("trials"):
        if unique("trials", key, r["id"], sources.trials):
            participants = []
            for index, entry in enumerate(r["participants"]):
                if _check_fields(entry, PARTICIPANT_FIELDS, (*key, "participants", index), add, f"'{r['id']}' participant"):
                    participants.append((entry["person"], entry["as"]))
            sources.trials[r["id"]] = Trial(
                r["id"], r["title"], r["short"], r["start"], r["end"], r["place"], r["court"], r["prosecutor"],
                r["report"], r.get("note"), _refs(r["sources"]), tuple(participants))
            if r["end"] < r["start"]:
                add((*key, "end"), "yaml-date", "the trial ends before it starts")
    for key, r in records("people"):
        if unique("people", key, r["id"], sources.people):
            for part in ("born", "died"):
                if not _is_real_date(r[part]):
                    add((*key, part), "yaml-date", f"'{r[part]}' is not a real date")
            if not all(isinstance(v, str) and v.strip() for v in r["variants"]):
                add((*key, "variants"), "yaml-type", "variants must be a list of spellings")
                continue
            if r.get("mention") not in (None, "implied"):
                add((*key, "mention"), "yaml-value", "mention may only be 'implied'")
            sources.people[r["id"]] = Person(
                r["id"], r["name"], tuple(r["variants"]), r["born"], r["died"], r["role"], r["summary"],
                _refs(r["sources"]), r.get("full_name"), r.get("report_form"), r.get("identification"),
                r.get("mention"), r.get("implied_by"))
    for key, r in records("quotations"):
        if unique("quotations", key, r["id"], sources.quotations):
            text = r["text"] if isinstance(r["text"], list) else [r["text"]]
            if not text or not all(isinstance(t, str) and t.strip() for t in text):
                add((*key, "text"), "yaml-type", "text must be the quoted words, or a list of quoted words")
                continue
            if r["status"] not in STATUSES:
                add((*key, "status"), "yaml-value", f"status '{r['status']}' is not one of {', '.join(STATUSES)}")
            if not _is_real_date(r["date"]):
                add((*key, "date"), "yaml-date", f"'{r['date']}' is not a real date")
            sources.quotations[r["id"]] = Quotation(
                r["id"], tuple(text), r["speaker"], r["role"], r["trial"], r["occasion"], r["date"], r["status"],
                _refs(r["sources"]), bool(r.get("date_inferred", False)), r.get("trial_note"), r.get("notes"))
    for key, r in records("scare_quotes"):
        sources.scare_quotes.append(ScareQuote(r["text"], r["page"], r.get("count", 1)))
    for key, r in records("meetings"):
        if not unique("meetings", key, r["id"], sources.meetings):
            continue
        accounts: dict[str, list[Account]] = {"refutations": [], "dissent": []}
        for part in accounts:
            for index, entry in enumerate(r[part]):
                if _check_fields(entry, ACCOUNT_FIELDS, (*key, part, index), add, f"'{r['id']}' {part} #{index + 1}"):
                    accounts[part].append(Account(entry["text"], entry.get("by"), _refs(entry["sources"])))
        if not _is_real_date(r["claimed_date"]):
            add((*key, "claimed_date"), "yaml-date", f"'{r['claimed_date']}' is not a real date")
        sources.meetings[r["id"]] = Meeting(
            r["id"], r["title"], r["person"], r["trial"], r["place"], r["claimed_date"], r["testified"], r["claim"],
            _refs(r["claim_sources"]), tuple(accounts["refutations"]), tuple(accounts["dissent"]))
    for key, r in records("notes"):
        if unique("notes", key, r["id"], sources.notes):
            sources.notes[r["id"]] = Note(r["id"], r["paragraph"], r["term"], r["text"], _refs(r["sources"]))

    _check_references(sources, add)
    return sources, findings


def _check_references(sources: SourceList, add: Any) -> None:
    """Every id a record names must exist; `verified` needs a work and a locator."""

    def refs_ok(key: PathKey, refs: tuple[SourceRef, ...], what: str) -> None:
        for index, ref in enumerate(refs):
            if ref.work is None and ref.url is None:
                add((*key, "sources", index), "yaml-missing-field", f"{what}: a source needs a 'work' or a 'url'")
            elif ref.work is not None and ref.work not in sources.works:
                add((*key, "sources", index, "work"), "yaml-reference", f"{what}: no work has the id '{ref.work}'")

    def exists(key: PathKey, value: str, table: dict[str, Any], kind: str, what: str) -> None:
        if value not in table:
            add(key, "yaml-reference", f"{what}: no {kind} has the id '{value}'")

    for work in sources.works.values():
        refs_ok(sources.key_of("works", work.id), work.sources, f"work '{work.id}'")
    for trial in sources.trials.values():
        key, what = sources.key_of("trials", trial.id), f"trial '{trial.id}'"
        refs_ok(key, trial.sources, what)
        exists((*key, "prosecutor"), trial.prosecutor, sources.people, "person", what)
        for index, (person, _) in enumerate(trial.participants):
            exists((*key, "participants", index), person, sources.people, "person", what)
        exists((*key, "report"), trial.report, sources.works, "work", what)
    for person in sources.people.values():
        refs_ok(sources.key_of("people", person.id), person.sources, f"person '{person.id}'")
    for q in sources.quotations.values():
        key, what = sources.key_of("quotations", q.id), f"quotation '{q.id}'"
        refs_ok(key, q.sources, what)
        exists((*key, "speaker"), q.speaker, sources.people, "person", what)
        if q.trial is not None:
            exists((*key, "trial"), q.trial, sources.trials, "trial", what)
        if q.status == "verified" and not any(r.work and r.locator for r in q.sources):
            add((*key, "status"), "yaml-verified-needs-locator",
                f"quotation '{q.id}' is 'verified' but cites no work with a locator (a page); cite one or lower the status")
        if not q.sources:
            add((*key, "sources"), "yaml-missing-field", f"quotation '{q.id}' cites no source")
    for meeting in sources.meetings.values():
        key, what = sources.key_of("meetings", meeting.id), f"meeting '{meeting.id}'"
        refs_ok(key, meeting.sources, what)
        exists((*key, "person"), meeting.person, sources.people, "person", what)
        exists((*key, "trial"), meeting.trial, sources.trials, "trial", what)
    for note in sources.notes.values():
        refs_ok(sources.key_of("notes", note.id), note.sources, f"note '{note.id}'")


