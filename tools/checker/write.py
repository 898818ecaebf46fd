"""`--write`: regenerate the quotation footnote definitions of a chapter page, and nothing else.

The page is rewritten atomically (a temporary file in the same folder, then one rename), only
when its footnote definitions change, and never when anything but them would change.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..model.formats import footnote_line
from ..model.pages import FOOTNOTE_DEF, Block, Page, footnote_refs, parse
from ..model.records import SourceList


def generated_page(page: Page, sources: SourceList) -> str:
    """The page with its quotation footnote definitions regenerated, in reading order."""
    footnotes = [b for b in page.blocks if b.kind == "footnotes"]
    stray = [
        line
        for b in footnotes
        for line in b.text.split("\n")
        if not FOOTNOTE_DEF.match(line) and not line.startswith((" ", "\t"))
    ]
    if stray:  # e.g. an id line right under a definition: rewriting the block would drop it
        raise RuntimeError(
            f"{page.path}: “{stray[0]}” stands among the footnote definitions; "
            "put a blank line before it; nothing written"
        )
    text = page.text
    for block in reversed(footnotes):  # every footnotes block, also one between paragraphs
        end = block.end
        while end < len(text) and text[end] == "\n":
            end += 1
        text = text[: block.start] + text[end:]
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
