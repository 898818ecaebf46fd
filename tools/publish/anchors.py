"""anchors.lock: every page and anchor the site has ever published, so that a link a teacher shared
never breaks. A build must keep each one, or anchors.yml must say where it went (a redirect for a
page, an alias for an anchor).

    python -m tools.publish.anchors [--site site]           # what a built site lost, what it added
    python -m tools.publish.anchors [--site site] --write   # add the new ones to anchors.lock
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..model.html import parse
from ..model.moves import LOCK, lost, read_lock

PROJECT = Path(__file__).resolve().parent.parent.parent
HEADER = "# Published pages and anchors: a fresh build must keep every one. See tools/publish/anchors.py.\n"


def site_anchors(folder: Path) -> set[str]:
    """Every page of a built site and every id on it, as `page.html` and `page.html#id`."""
    found: set[str] = set()
    for path in sorted(folder.rglob("*.html")):
        name = path.relative_to(folder).as_posix()
        if name.startswith(("downloads/", "assets/", "search/")):
            continue
        found.add(name)
        root = parse(path.read_text(encoding="utf-8", errors="replace"))
        found |= {f"{name}#{e.get('id')}" for e in root.iter() if e.get("id") and not str(e.get("id")).startswith("__")}
    return found


def main(argv: list[str] | None = None) -> int:
    from ..checker import check

    parser = argparse.ArgumentParser(prog="python -m tools.publish.anchors", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--site", type=Path, default=PROJECT / "site", help="a built site (default: site/)")
    parser.add_argument("--write", action="store_true", help="add the site's new pages and anchors to anchors.lock")
    args = parser.parse_args(argv)
    locked = read_lock(PROJECT / LOCK)
    present = site_anchors(args.site)
    gone = lost(locked, present, check(PROJECT).moves)
    for anchor in gone:
        print(f"gone: {anchor} (add a redirect or an alias in anchors.yml)", file=sys.stderr)
    new = sorted(present - locked)
    if gone:
        return 1
    if args.write:
        (PROJECT / LOCK).write_text(HEADER + "".join(f"{a}\n" for a in sorted(locked | set(new))), encoding="utf-8")
        print(f"anchors.lock: {len(new)} added, {len(locked) + len(new)} in all")
    elif new:
        print(f"{len(new)} new page(s) and anchor(s) not yet locked; run python -m tools.publish.anchors --write")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
