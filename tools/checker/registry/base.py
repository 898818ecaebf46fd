"""What a registered rule is: its id, severity, summary and executable example."""

from __future__ import annotations

from dataclasses import dataclass

from ...model.findings import Severity

YML = "data/sources.yml"
WARNING = "docs/warning.md"
PRAISE = "docs/praise.md"
ORIGINAL = "original/chapter.txt"
ERROR, WARN = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Example:
    """An edit of tests/fixtures/mini: `before` (there as it stands) becomes `after`.

    `after=None` removes the file; `raw` replaces the whole file with these bytes; `link` makes
    the path a symbolic link to that target; with `regex`,
    `before` is a regular expression (multi-line) and `after` its replacement. The finding is in
    `in_file` (default: the edited file), at the `occurrence`-th `at` (plus `shift` columns), or
    at 1:1 when `at` is empty.

    `stage="build"` marks a rule of the build's own check of each page's HTML (tools/hook.py,
    defence in depth behind the checker): its example is run through that check, on the edited
    page rendered with the edition's Markdown extensions, instead of through `./edition check`."""

    path: str
    before: str
    after: str | None
    at: str = ""
    shift: int = 0
    raw: bytes | None = None
    in_file: str = ""
    occurrence: int = 1
    regex: bool = False
    link: str = ""  # the path becomes a symbolic link to this
    stage: str = "check"  # or "build": see above


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    example: Example
