"""`python -m tools.checker.registry [--write-readme]`: print the table of rules, or rewrite it in README.md."""

from __future__ import annotations

import argparse
import sys

from . import README, readme_with_table, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checker.registry", description=(__doc__ or "").split(":")[0])
    parser.add_argument("--write-readme", action="store_true", help="rewrite the table of rules in README.md")
    args = parser.parse_args(argv)
    if not args.write_readme:
        print(table())
        return 0
    README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
