"""Adversarial chapter pages of any size: what a hostile editor would try, to make the checker
slow or to find a quadratic path. Used by the bench (BENCHMARKS.md) and by the linearity test."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..checker import check
from .measure import Timing, timed

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


def time_adversarial(project: Path, sizes: tuple[int, ...], runs: int) -> list[tuple[int, Timing]]:
    """The checker on a copy of the project whose praise.md is an adversarial page of each size."""
    with tempfile.TemporaryDirectory(prefix="edition-bench-hostile-") as folder:
        root = Path(folder) / "project"
        shutil.copytree(project, root, ignore=shutil.ignore_patterns(*COPY_SKIP))
        timings = []
        for size in sizes:
            (root / "docs" / "praise.md").write_text(adversarial_page(size), encoding="utf-8")
            timings.append((size, timed(lambda: check(root), runs)))
        return timings


# What the copy leaves out: environments, caches, build output, history.
COPY_SKIP = (
    ".venv",
    "node_modules",
    ".git",
    "site",
    "dist",
    "build",
    ".cache",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
)
