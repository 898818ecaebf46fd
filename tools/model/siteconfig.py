"""The text of mkdocs.yml that the theme writes into every page, checked before a build.

MkDocs renders its templates without autoescaping, and Material writes `site_name`,
`site_description`, `site_author`, `copyright`, the nav titles and the palette toggles' names
into pages as they are, some of them inside attributes. So these may not hold `<`, `>` or `"`
(nor control characters), and `site_url`, which goes into every QR code, citation and printed
address, must be an https: or http: address that needs no escaping (tools/model/escape.py). Each problem is a finding
at the line of mkdocs.yml that gives the value (`config-markup`, `config-url`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .escape import safe_url, url_problem
from .findings import Finding

MARKUP = re.compile(r"[<>\"\x00-\x1f\x7f-\x9f]")


def _line_of(text: str, key: str, value: str, at: int = 0) -> tuple[int, int]:
    """The line and column in the config text of character `at` of `value` (found by the value
    itself, or by the words just before or after that character), or else of the key `key:`."""
    lines = text.splitlines()
    before, after = value[max(0, at - 20) : at].lstrip(), value[at : at + 20].rstrip()
    for needle, shift in ((value, at), (before, len(before)), (after, 0), (f"{key}:", 0)):
        if len(needle.strip()) < 3:
            continue
        for number, line in enumerate(lines, 1):
            column = line.find(needle)
            if column >= 0:
                return number, column + 1 + (shift if needle != f"{key}:" else 0)
    return 1, 1


def config_findings(shown: str, text: str, texts: Iterable[tuple[str, str]], site_url: str | None) -> list[Finding]:
    """Findings for the config's `texts` ((name, value) pairs) and its `site_url`."""
    findings = []
    for name, value in texts:
        bad = MARKUP.search(value)
        if bad:
            line, col = _line_of(text, name.rsplit(".", 1)[-1], value, bad.start())
            shown_char = bad.group() if bad.group().isprintable() else f"U+{ord(bad.group()):04X}"
            findings.append(
                Finding(
                    shown,
                    line,
                    col,
                    "config-markup",
                    f"{name} contains {shown_char!r}; the theme writes it into every page as HTML, so it may not "
                    'hold < > " or control characters',
                )
            )
    if site_url:
        problem = url_problem(site_url)
        if problem is None and not site_url.lower().startswith(("https://", "http://")):
            problem = "is not a full https: or http: address"
        elif problem is None and safe_url(site_url) != site_url:
            problem = "contains a character that must be percent-encoded (a quote, bracket, parenthesis …)"
        if problem:
            line, col = _line_of(text, "site_url", site_url)
            findings.append(Finding(shown, line, col, "config-url", f"site_url {site_url!r} {problem}"))
    return findings
