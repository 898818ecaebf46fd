"""Compare two built trees file by file, byte for byte: `differences(a, b, normalise=…)`.

For claims such as "another engine builds the same site apart from the generator tag" or "a
refactoring left the site byte-identical" (tests/publish/test_build.py tests the comparison). Builds
are comparable only when both ran with the same SOURCE_DATE_EPOCH (tools/publish/build.py sets one).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

# (path relative to the tree, as posix; the file's bytes) -> the bytes to compare
Normalise = Callable[[str, bytes], bytes]

# Material writes `mkdocs-{{ mkdocs_version }}` here (base.html), and ProperDocs reports its
# mkdocs_version as "ProperDocs 1.6.7": the one line in which the engines' outputs differ.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"<>]*">')
CONTEXT = 40  # bytes shown either side of the first difference


def without_generator_tag(path: str, data: bytes) -> bytes:
    """An HTML file without its generator meta tag; any other file unchanged."""
    return GENERATOR_TAG.sub(b"", data) if path.endswith(".html") else data


def _entries(root: Path) -> dict[str, bool]:
    """Every path under `root` (relative, posix) -> whether it is a directory."""
    return {p.relative_to(root).as_posix(): p.is_dir() for p in root.rglob("*")}


def _first_difference(left: bytes, right: bytes) -> int:
    for offset, (x, y) in enumerate(zip(left, right, strict=False)):
        if x != y:
            return offset
    return min(len(left), len(right))


def _describe(path: str, left: bytes, right: bytes) -> str:
    at = _first_difference(left, right)
    start = max(0, at - CONTEXT)
    return (
        f"{path}: differs at byte {at} ({len(left)} against {len(right)} bytes): "
        f"{left[start : at + CONTEXT]!r} against {right[start : at + CONTEXT]!r}"
    )


def differences(a: Path, b: Path, normalise: Normalise | None = None) -> list[str]:
    """Every way tree `b` differs from tree `a`, one line per path in path order; [] when identical.

    A file counts as equal when `normalise(path, bytes)` gives the same bytes on both sides
    (without `normalise`, the raw bytes). Directories count too: an empty folder on one side only
    is a difference.
    """
    for root in (a, b):
        if not root.is_dir():
            raise NotADirectoryError(f"not a folder: {root}")
    left, right = _entries(a), _entries(b)
    found: list[str] = []
    for path in sorted(left.keys() | right.keys()):
        if path not in right:
            found.append(f"{path}: only in {a}")
        elif path not in left:
            found.append(f"{path}: only in {b}")
        elif left[path] != right[path]:
            found.append(f"{path}: a folder in one tree, a file in the other")
        elif not left[path]:
            x, y = (a / path).read_bytes(), (b / path).read_bytes()
            if normalise is not None:
                x, y = normalise(path, x), normalise(path, y)
            if x != y:
                found.append(_describe(path, x, y))
    return found


def main(argv: list[str] | None = None) -> int:
    """`python -m tools.publish.compare A B [--ignore-generator]`: exit 0 when the trees are the same."""
    parser = argparse.ArgumentParser(prog="python -m tools.publish.compare", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--ignore-generator", action="store_true", help="leave out the generator meta tag")
    args = parser.parse_args(argv)
    found = differences(args.a, args.b, without_generator_tag if args.ignore_generator else None)
    for line in found:
        print(line)
    print(f"{len(found)} difference(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
