"""The attribution checker: proves the chapter pages and the source list agree.

    python -m tools.check            # exit 0 clean, 1 findings, 2 unusable input
    python -m tools.check --write    # also (re)write the generated footnote definitions

Every finding is one line, `path:line:col: rule message`. Files are only written with --write,
atomically, and writing twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import rules as checks
from .findings import Finding, Severity, UnusableInput
from .footnotes import footnote_line
from .pages import FOOTNOTE_DEF, Block, Page, footnote_refs, parse
from .sourcelist import SourceList, load
from .textfile import read_text

PROJECT = Path(__file__).resolve().parent.parent
SOURCE_LIST = Path("data/sources.yml")
MAX_PER_RULE = 50
DOCS = Path("docs")


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    sources: SourceList | None = None
    pages: list[Page] = field(default_factory=list)
    unusable: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def exit_code(self) -> int:
        return 2 if self.unusable else (1 if self.findings else 0)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check(root: Path = PROJECT, source_list: Path = SOURCE_LIST, docs: Path = DOCS, rules: bool = True) -> Result:
    """Run every rule (or, with rules=False, only read and validate the inputs). Pure apart from reading files."""
    result = Result()
    yaml_path = root / source_list
    try:
        sources, found = load(yaml_path, _shown(yaml_path, root))
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
        return result
    result.sources = sources
    result.findings += found
    if not sources.pages:
        return result

    for name in sources.pages:
        path = root / docs / name
        try:
            text, found = read_text(path, _shown(path, root))
        except UnusableInput as err:
            result.findings.append(err.finding)
            result.unusable = True
            continue
        result.findings += found
        result.pages.append(parse(text, _shown(path, root), name))
    if not rules:
        return result

    scare_quotes_left: Counter[str] = Counter()
    for page in result.pages:
        budget = checks.scare_budget(sources, page.name)
        result.findings += checks.check_quotations(page, sources, budget)
        result.findings += checks.check_footnotes(page, sources)
        scare_quotes_left += budget
    if result.unusable:
        return result
    result.findings += checks.check_ids(result.pages)
    result.findings += checks.check_usage(result.pages, sources, scare_quotes_left)
    result.findings += checks.check_notes(result.pages, sources)
    result.findings += checks.check_names(result.pages, sources)
    try:
        original, found = read_text(root / sources.original, sources.original)
    except UnusableInput as err:
        result.findings.append(err.finding)
        result.unusable = True
        return result
    result.findings += checks.check_fidelity(result.pages, original, sources.original)
    result.findings = capped(sorted(result.findings, key=lambda f: (f.path, f.line, f.col, f.rule)))
    return result


def capped(findings: list[Finding], limit: int = MAX_PER_RULE) -> list[Finding]:
    """At most `limit` findings of one rule in one file, then one line saying how many more:
    a reader can act on fifty, not on a hundred thousand."""
    counts: Counter[tuple[str, str]] = Counter((f.path, f.rule) for f in findings)
    shown: Counter[tuple[str, str]] = Counter()
    kept: list[Finding] = []
    for finding in findings:
        key = (finding.path, finding.rule)
        shown[key] += 1
        if shown[key] <= limit:
            kept.append(finding)
        elif shown[key] == limit + 1:
            kept.append(Finding(finding.path, finding.line, finding.col, finding.rule,
                                f"… and {counts[key] - limit} more like this in this file", finding.severity))
    return kept


def generated_page(page: Page, sources: SourceList) -> str:
    """The page with its quotation footnote definitions regenerated, in reading order."""
    footnotes = [b for b in page.blocks if b.kind == "footnotes"]
    stray = [line for b in footnotes for line in b.text.split("\n")
             if not FOOTNOTE_DEF.match(line) and not line.startswith((" ", "\t"))]
    if stray:  # e.g. an id line right under a definition: rewriting the block would drop it
        raise RuntimeError(f"{page.path}: “{stray[0]}” stands among the footnote definitions; "
                           "put a blank line before it; nothing written")
    text = page.text
    for block in reversed(footnotes):  # every footnotes block, also one between paragraphs
        end = block.end
        while end < len(text) and text[end] == "\n":
            end += 1
        text = text[:block.start] + text[end:]
    kept = [b for b in page.blocks if b.kind != "footnotes"]
    ordered = list(dict.fromkeys(label for b in kept for label, _ in footnote_refs(b)))
    others = {d.label: d for d in page.footnote_defs if d.label not in sources.quotations}
    lines = []
    for label in ordered:
        if label in sources.quotations and sources.quotations[label].speaker in sources.people:
            lines.append(footnote_line(sources.quotations[label], sources))
        elif label in others:
            lines.append(f"[^{label}]: {others[label].text}")
    result = text.rstrip("\n") + "\n" + ("\n" + "\n".join(lines) + "\n" if lines else "")
    # Only footnote definitions may change: refuse anything that would touch another block,
    # its id line and classes included (a paragraph's `text` leaves its id line out).
    def shape(blocks: list[Block]) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
        return [(b.kind, b.text, b.id, b.classes) for b in blocks if b.kind != "footnotes"]

    if shape(page.blocks) != shape(parse(result, page.path, page.name).blocks):
        raise RuntimeError(f"{page.path}: regenerating footnotes would change the text; nothing written")
    return result


def write_atomically(path: Path, text: str) -> bool:
    """Replace `path` with `text` in one step (never half-written). Returns whether it changed."""
    if path.read_bytes() == text.encode("utf-8"):  # bytes: read_text would hide CR line endings
        return False
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temp, path.stat().st_mode & 0o7777)  # mkstemp makes 0600; keep the page's own mode
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


def _rewritable(result: Result, page: Page) -> bool:
    """--write changes footnotes only: a page read with a BOM, CRs or control characters would be
    rewritten without them, silently, so it is left byte for byte as it is."""
    return not any(f.path == page.path and f.rule.startswith("file-") for f in result.findings)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT, help="project folder (default: this project)")
    parser.add_argument("--write", action="store_true", help="regenerate footnote definitions from the source list")
    args = parser.parse_args(argv)

    result = check(args.root)
    if args.write and result.sources is not None and not result.unusable:
        for page in result.pages:
            if not _rewritable(result, page):
                print(f"{page.path}: not rewritten; fix its file-… finding by hand first", file=sys.stderr)
                continue
            try:
                changed = write_atomically(args.root / DOCS / page.name, generated_page(page, result.sources))
            except RuntimeError as err:
                print(err, file=sys.stderr)
                return 2
            except OSError as err:  # a full disk or a read-only folder: one line, the old file intact
                print(f"{page.path}: cannot be written: {err.strerror or err}", file=sys.stderr)
                return 2
            if changed:
                print(f"{page.path}: footnotes regenerated", file=sys.stderr)
        result = check(args.root)
    for finding in result.findings:
        print(finding)
    if result.findings:
        errors = len(result.errors)
        print(f"{len(result.findings)} finding(s): {errors} error(s), {len(result.findings) - errors} warning(s)", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
