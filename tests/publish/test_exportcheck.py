"""What the exports hold, checked before they are written (tools/publish/exportcheck.py), in this
process on the real project's checked model:

- the books leave out the editors' page that offers the offline files by its role (the downloads
  marker), never a page by its name: a chapter page named offline.md stays in;
- an export that carries the chapter holds every chapter paragraph, once and in order, or it stops
  with a finding at the paragraph's page;
- what an export refuses of a page is a finding at the input page (`path:line:col: rule message`),
  carried to the command's process, never a bare sentence.
"""

from __future__ import annotations

import pickle
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PROJECT

from tools.model.edition import Checked
from tools.model.html import parse_fragment
from tools.publish.bookpages import ExportFailed, Page, Relinker, allowed_of, in_the_books
from tools.publish.exportcheck import ExportRefused, complete, guarded, located

FINDING = re.compile(r"^[^\s:]+:\d+:\d+: [a-z]+(?:-[a-z]+)* \S.*$")
SITE_URL = "https://edition.example.org/"


def page(name: str, kind: str, html: str = "<p>Words.</p>") -> Page:
    body: ET.Element = parse_fragment(html)
    body.tag = "section"
    return Page(name, name, kind, body)


def document(ids: list[str]) -> str:
    return "".join(f'<p class="chapter-paragraph" id="{i}">…</p>' for i in ids)


def test_the_books_leave_out_the_page_that_offers_the_files_by_its_role(checked: Checked) -> None:
    assert checked.offers_downloads == {"offline.html"}
    renamed = Checked(checked.sources, checked.chapter, {"index.md": "# About", "take-away.md": "<!-- downloads -->"})
    pages = [page("index.html", "editorial"), page("offline.html", "chapter"), page("take-away.html", "editorial")]
    assert [p.name for p in in_the_books(pages, renamed)] == ["index.html", "offline.html"]


def test_every_chapter_paragraph_once_and_in_order_passes(checked: Checked) -> None:
    ids = [p.paragraph.id for p in checked.placed]
    complete("the PDF", [document(ids[:3]), "<p>an editors' page between</p>", document(ids[3:])], checked)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda ids: ids[:-1], r"leaves out ¶ \d+ \('p-campaign-in-the-west'\)"),
        (lambda ids: [*ids, ids[0]], r"holds ¶ 1 \('[a-z0-9-]+'\) 2 times"),
        (lambda ids: [ids[1], ids[0], *ids[2:]], r"out of order"),
        (lambda ids: [f"praise-{i}" for i in ids], r"leaves out ¶ 1"),  # renamed by a one-document export
    ],
)
def test_a_paragraph_an_export_leaves_out_stops_it_with_a_finding_at_its_page(
    change: Callable[[list[str]], list[str]], message: str, checked: Checked
) -> None:
    ids = [p.paragraph.id for p in checked.placed]
    with pytest.raises(ExportRefused) as refused:
        complete("the EPUB", [document(change(ids))], checked)
    assert re.search(message, str(refused.value))
    failed = located(refused.value, PROJECT, checked)
    assert failed.findings and all(FINDING.match(line) for line in failed.findings), failed.findings
    assert re.search(r"^docs/[a-z]+\.md:\d+:\d+: export-complete the EPUB, [a-z]+\.html: ", failed.findings[0])
    assert "\n" not in str(failed)


def test_what_an_export_refuses_of_an_editors_page_is_a_finding_at_its_line(checked: Checked, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# About { #about }\n\nThe list is a file,\nsources.yml, with\n")
    allowed = allowed_of(checked, None, SITE_URL)
    with pytest.raises(ExportRefused) as refused:
        guarded(
            "the PDF", page("index.html", "editorial", "<p>The list is a file, sources.yml, with</p>"), allowed, "paper"
        )
    failed = located(refused.value, tmp_path, checked)
    assert failed.findings == (
        "docs/index.md:4:1: export-words the PDF, index.html: shows the internal file name 'sources.yml': "
        "say what the file is, not its name",
    )
    with pytest.raises(ExportRefused, match=r"'Hover' asks for a pointer"):
        guarded("the EPUB", page("index.html", "editorial", "<p>Hover over a note.</p>"), allowed, "ereader")


def test_an_exports_findings_cross_to_the_commands_process() -> None:
    """The offline build and its exports run in a child process, which pickles what stopped them."""
    failed = pickle.loads(pickle.dumps(ExportFailed("the PDF refused …", ("docs/index.md:4:1: export-words …",))))
    assert (str(failed), failed.findings) == ("the PDF refused …", ("docs/index.md:4:1: export-words …",))


def test_a_chapter_paragraph_keeps_its_id_where_an_editors_page_has_it_too() -> None:
    """The one-document exports make shared ids unique: the chapter's stays, links to it with it."""
    editors = page("index.html", "editorial", '<p id="p-x">Mine.</p><a href="praise.html#p-x">¶</a>')
    chapter = page("praise.html", "chapter", '<p class="chapter-paragraph" id="p-x">The chapter.</p>')
    relinker = Relinker([editors, chapter], SITE_URL, one_document=True)
    relinker.relink(editors)
    relinker.relink(chapter)
    assert [editors.body[0].get("id"), chapter.body[0].get("id")] == ["index-p-x", "p-x"]
    assert editors.body[1].get("href") == "#p-x"
