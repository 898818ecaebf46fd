"""`--write`: regenerate the quotation footnote definitions of a chapter page, and nothing else.

The page is rewritten atomically (a temporary file in the same folder, then one rename), only
when its footnote definitions change, and never when anything but them would change.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from ..model.formats import footnote_line
from ..model.pages import FOOTNOTE_DEF, Block, Page, block_footnote_refs, parse
from ..model.records import SourceList


class Refused(Exception):
    """--write cannot be sure that it would change only the generated footnotes: nothing is written."""


def generated_page(page: Page, sources: SourceList) -> str:
    """The page with its quotation footnote definitions regenerated, in reading order.

    Raises Refused where it cannot be sure: a line among the definitions that is not one (an
    indented continuation, a second paragraph of a footnote, an id line), or any other change."""
    if page.problems:
        first = page.problems[0]
        line, col = page.line_col(first.offset)
        raise Refused(
            f"{page.path}:{line}:{col}: the page leaves its grammar ({first.rule}), so --write cannot be sure "
            "what belongs to the footnotes; fix the page's findings first; nothing written"
        )
    footnotes = [b for b in page.blocks if b.kind == "footnotes"]
    stray = [line for b in footnotes for line in b.text.split("\n") if not FOOTNOTE_DEF.match(line)]
    if stray:  # rewriting the block would drop it, or move it into the chapter's body
        raise Refused(
            f"{page.path}: “{stray[0].strip()}” stands among the footnote definitions and is not one; "
            "a footnote on a chapter page is one generated line; nothing written"
        )
    text = page.text
    for block in reversed(footnotes):  # every footnotes block, also one between paragraphs
        end = block.end
        while end < len(text) and text[end] == "\n":
            end += 1
        text = text[: block.start] + text[end:]
    kept = [b for b in page.blocks if b.kind != "footnotes"]
    ordered = list(dict.fromkeys(label for b in kept for label, _ in block_footnote_refs(b)))
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
        raise Refused(f"{page.path}: regenerating footnotes would change the text; nothing written")
    return result


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """SIGTERM raises SystemExit (as SIGINT raises KeyboardInterrupt), so a killed --write still
    runs its cleanup and leaves no temporary file behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def write_atomically(path: Path, text: str) -> bool:
    """Replace `path` with `text` in one step (never half-written). Returns whether it changed."""
    if path.read_bytes() == text.encode("utf-8"):  # bytes: read_text would hide CR line endings
        return False
    with _interruptible():
        return _replace(path, text)


def _replace(path: Path, text: str) -> bool:
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
