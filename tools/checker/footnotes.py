"""Footnotes: references and definitions pair up, in reading order, and quotation notes say
exactly what the source list generates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..model.findings import Finding
from ..model.formats import footnote_text
from ..model.pages import Page, block_footnote_refs
from ..model.records import SourceList
from .common import at


def check_footnotes(page: Page, sources: SourceList) -> Iterator[Finding]:
    """References and definitions pair up, in reading order, and quotation notes match the YAML."""
    refs: list[tuple[str, int]] = [
        r for b in page.blocks if b.kind in ("paragraph", "heading") for r in block_footnote_refs(b)
    ]
    first_refs = list(dict.fromkeys(label for label, _ in refs))
    referenced = set(first_refs)
    defined = Counter(d.label for d in page.footnote_defs)
    for label, offset in refs:
        if label not in defined:
            yield at(
                page,
                offset,
                "footnote-missing-definition",
                f"footnote [^{label}] has no definition"
                + ("; run `./edition check --write` to generate it" if label in sources.quotations else ""),
            )
    seen: set[str] = set()
    for d in page.footnote_defs:
        if d.label in seen:
            yield at(page, d.start, "footnote-duplicate", f"footnote [^{d.label}] is defined twice")
        seen.add(d.label)
        if d.label not in referenced:
            yield at(page, d.start, "footnote-unreferenced", f"footnote [^{d.label}] is defined but never referenced")
        q = sources.quotations.get(d.label)
        if q is None:
            yield at(
                page,
                d.start,
                "footnote-not-quotation",
                f"footnote [^{d.label}] is not a quotation's: a chapter page carries only the footnotes generated "
                f"for its quotations; an editor's note goes under notes in {sources.path}",
            )
        if q is not None and q.speaker in sources.people and d.text != footnote_text(q, sources):
            yield at(
                page,
                d.start,
                "footnote-text",
                f"footnote [^{d.label}] does not match {sources.path}; run `./edition check --write` to regenerate it",
            )
    # Each label once (a second definition is footnote-duplicate's), so `order` and `wanted` hold the
    # same labels and differ only in order; unreferenced definitions must not shift the comparison.
    order = list(dict.fromkeys(d.label for d in page.footnote_defs if d.label in referenced))
    wanted = [label for label in first_refs if label in order]
    if order != wanted:
        first_wrong = next(have for have, want in zip(order, wanted, strict=False) if have != want)
        d = next(d for d in page.footnote_defs if d.label == first_wrong)
        yield at(
            page,
            d.start,
            "footnote-order",
            "footnote definitions are not in reading order, so the numbers would run out of order; "
            "run `./edition check --write`",
        )
