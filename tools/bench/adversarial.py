"""Adversarial chapter pages of any size: what a hostile editor would try, to make the checker
slow or to find a quadratic path. Used by the bench (BENCHMARKS.md) and by the linearity test."""

from __future__ import annotations

# Each pattern fills one paragraph of the page: names by the tens of thousands, tiny quotations
# after a name, marked quotations with their footnotes, unclosed quotation marks, unterminated
# marked spans, and characters that are markup.
PATTERNS = (
    "Stalin “a” ",
    "Stalin Trotsky Bukharin Rosenholz Velicki ",
    "[“a”]{ #q-a }[^q-a] ",
    "“unclosed ",
    "[a]{#a",
    "*a_ <b `c` &amp; ",
)


def adversarial_page(size: int) -> str:
    """A chapter page of about `size` bytes (UTF-8): a heading, then one paragraph per pattern."""
    share = size // len(PATTERNS)
    paragraphs = []
    for index, pattern in enumerate(PATTERNS):
        repeats = max(1, share // len(pattern.encode("utf-8")))
        paragraphs.append(f"{pattern * repeats}\n{{: #p-hostile-{index} }}")
    return "# Hostile { #hostile .editor-heading }\n\n" + "\n\n".join(paragraphs) + "\n"
