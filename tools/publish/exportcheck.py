"""Every export's content held to the output guard before it is written, and what it finds made
findings at the input (`docs/index.md:12:5: export-words the PDF, index.html: …`):

- `guarded()`: what an export holds of a page passes the guard's content check (tools/guard/page.py),
  its chapter paragraphs word for word, and says nothing its medium cannot do ("hover" on paper) nor
  an internal file name (tools/guard/exports.py);
- `complete()`: an export that carries the chapter holds every chapter paragraph, once and in order,
  as the reader gets it (the document itself, parsed by the one HTML parser);
- `located()`: the problems of a refused export as findings at the page of the input they come from.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from ..guard.exports import EXPORT_WORDS, FILE_NAME, INTERACTION, asks_for_a_pointer, incomplete, shows_a_file_name
from ..guard.page import check_content
from ..guard.problem import Allowed, Problem
from ..guard.site import source_of
from ..guard.words import chapter_paragraph
from ..model.edition import Checked
from ..model.findings import MAX_PER_RULE, Finding
from ..model.html import classes, parse, text_of
from ..model.textfile import LineIndex
from .bookpages import ExportFailed, Page


class ExportRefused(ExportFailed):
    """What an export holds of the pages is refused: its problems, each with its page's name and kind,
    for `located` to place in the input."""

    def __init__(self, export: str, problems: list[tuple[str, str, Problem]]) -> None:
        name, _, first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{export}: {name}: {first.message}{more}")
        self.export = export
        self.problems = problems


def guarded(export: str, page: Page, allowed: Allowed, medium: str, root: ET.Element | None = None) -> None:
    """The output guard's content check on what the export holds of a page (its chapter paragraphs
    word for word), and no instruction its medium cannot follow; ExportRefused on a problem."""
    content = page.body if root is None else root
    problems = list(check_content(content, page.kind, allowed))
    if page.kind == "chapter":
        for paragraph in content.iter():
            if "chapter-paragraph" in classes(paragraph):
                problems += chapter_paragraph(paragraph, allowed)
    if not problems:
        words = text_of(content)
        if name := FILE_NAME.search(words):
            problems.append(Problem(EXPORT_WORDS, shows_a_file_name(name.group(0)), name.group(0)))
        if medium != "web" and page.kind == "editorial" and (asked := INTERACTION.search(words)):
            problems.append(Problem(EXPORT_WORDS, asks_for_a_pointer(asked.group(0), medium), asked.group(0)))
    if problems:
        raise ExportRefused(export, [(page.name, page.kind, p) for p in problems])


def complete(export: str, documents: Iterable[str], checked: Checked) -> None:
    """The export's documents (as written, in reading order) hold every chapter paragraph, once and
    in the chapter's order; ExportRefused otherwise, each problem at its paragraph's page."""
    held = [
        element.get("id", "")
        for document in documents
        for element in parse(document).iter()
        if "chapter-paragraph" in classes(element)
    ]
    problems = list(incomplete(held, [p.paragraph.id for p in checked.placed]))
    if problems:
        pages = {p.paragraph.id: p.page.removesuffix(".md") + ".html" for p in checked.placed}
        raise ExportRefused(export, [(pages.get(p.text[1:], "index.html"), "chapter", p) for p in problems])


def located(error: ExportRefused, project: Path, checked: Checked) -> ExportFailed:
    """The refused export's problems as finding lines at the input each comes from (its words there,
    else its line 1), at most MAX_PER_RULE a rule; one ExportFailed that carries them."""
    texts: dict[str, tuple[str, LineIndex]] = {}
    findings: list[Finding] = []
    shown: dict[str, int] = {}
    for name, kind, problem in error.problems:
        shown[problem.rule.id] = shown.get(problem.rule.id, 0) + 1
        if shown[problem.rule.id] > MAX_PER_RULE:
            continue
        source = source_of(name, kind, checked)
        if source not in texts:
            path = project / source
            text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
            texts[source] = (text, LineIndex(text))
        text, lines = texts[source]
        offset = problem.offset_in(text)
        line, col = lines.line_col(offset) if offset >= 0 else (1, 1)
        findings.append(problem.rule.at(source, line, col, f"{error.export}, {name}: {problem.message}"))
    return ExportFailed(
        f"{error.export} refused what it holds of the pages ({len(error.problems)} problem(s)); nothing was exported",
        tuple(str(f) for f in findings),
    )
