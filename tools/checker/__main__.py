"""`python -m tools.checker [--write]`: the checker as a command (see tools/checker/__init__.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import DOCS, PROJECT, SOURCE_LIST, Result, check
from .write import Refused, generated_page, write_atomically


def _rewritable(result: Result, path: str) -> bool:
    """--write changes footnotes only: a page read with a BOM, CRs or control characters would be
    rewritten without them, silently, so it is left byte for byte as it is."""
    return not any(f.path == path and f.rule.startswith("file-") for f in result.findings)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checker", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT, help="project folder (default: this project)")
    parser.add_argument("--write", action="store_true", help="regenerate footnote definitions from the source list")
    args = parser.parse_args(argv)

    result = check(args.root)
    if args.write and result.sources is not None and not result.unusable:
        for page in result.pages:
            if not _rewritable(result, page.path):
                print(f"{page.path}: not rewritten; fix its file-… finding by hand first", file=sys.stderr)
                continue
            try:
                changed = write_atomically(args.root / DOCS / page.name, generated_page(page, result.sources))
            except Refused as err:
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
    if not result.findings:  # silence would look like nothing ran
        pages = len(result.pages)
        print(
            f"{DOCS.as_posix()}/: {pages} chapter page{'s' * (pages != 1)} and {SOURCE_LIST.as_posix()} agree: no findings"
        )
    else:
        errors = len(result.errors)
        print(
            f"{len(result.findings)} finding(s): {errors} error(s), {len(result.findings) - errors} warning(s)",
            file=sys.stderr,
        )
    return result.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
