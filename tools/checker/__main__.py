"""`python -m tools.checker`: the checker as a command (see tools/checker/__init__.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..model.findings import UnusableInput
from ..model.loading import load
from . import PROJECT, SOURCE_LIST, check, review


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checker", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT, help="project folder (default: this project)")
    parser.add_argument(
        "--admit",
        action="store_true",
        help=f"pin the source list's readings and the pages in {review.READINGS_LOCK} and {review.PAGES_LOCK}: "
        "a reviewer's step, once read",
    )
    args = parser.parse_args(argv)
    if args.admit:
        try:
            loaded, findings = load(args.root / SOURCE_LIST, SOURCE_LIST)
        except UnusableInput as err:
            loaded, findings = None, [err.finding]
        for finding in findings:
            print(finding, file=sys.stderr)
        if loaded is None:
            return 1
        print(
            f"{review.READINGS_LOCK}: {review.write_lock(args.root, loaded.sources)} readings; {review.PAGES_LOCK}: the pages"
        )
    result = check(args.root)
    for finding in result.findings:
        print(finding)
    coverage = result.coverage
    covered = f"{coverage.covered} of {coverage.facts} facts covered" if coverage else "facts not counted"
    if not result.findings and result.checked is not None:  # silence would look like nothing ran
        pages = len(result.checked.chapter.pages)
        print(f"docs/: {pages} chapter pages and {SOURCE_LIST} agree: no findings; {covered}")
    elif result.findings:
        print(f"{len(result.findings)} finding(s); {covered}", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
