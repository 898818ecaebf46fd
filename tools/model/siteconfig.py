"""The text of mkdocs.yml that the theme writes into every page, checked like any other input.

MkDocs renders its templates without autoescaping, and Material writes `site_name`,
`site_description`, `site_author`, `copyright`, the nav titles and the palette toggles' names
into pages as they are, some of them inside attributes. So these may not hold `<`, `>` or `"`
(nor control characters): config-markup. And `site_url`, which goes into every QR code, citation
and printed address, must be an https: or http: address that needs no escaping: config-url
(`!ENV [EDITION_SITE_URL, default]` is resolved as MkDocs resolves it). Each finding points at
the value in mkdocs.yml; the file is composed as YAML nodes (its tags are MkDocs', never
constructed), so a tag cannot run anything here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from .escape import safe_url, url_problem
from .findings import Finding
from .textfile import read_text

CONFIG = "mkdocs.yml"
TEXTS = ("site_name", "site_description", "site_author", "copyright")
MARKUP = re.compile(r"[<>\"\x00-\x1f\x7f-\x9f]")
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _texts(root: yaml.Node) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """(what, node) for every config text the theme writes into pages."""
    top = _mapping(root)
    for key in TEXTS:
        text = top.get(key)
        if isinstance(text, yaml.ScalarNode):
            yield key, text
    todo = [top.get("nav")]
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    yield "a nav title", key
                todo.append(value)
    palette = _mapping(top.get("theme")).get("palette")
    for option in palette.value if isinstance(palette, yaml.SequenceNode) else []:
        toggle = _mapping(_mapping(option).get("toggle")).get("name")
        if isinstance(toggle, yaml.ScalarNode):
            yield "a palette toggle's name", toggle


def _site_url(node: yaml.Node | None) -> str | None:
    """site_url as MkDocs reads it: `!ENV VAR` or `!ENV [VAR, …, default]` from the environment."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "!ENV":
            return os.environ.get(node.value)
        return str(node.value) if node.value else None
    if isinstance(node, yaml.SequenceNode) and node.tag == "!ENV":
        values = [n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
        for name in values[:-1]:
            if os.environ.get(name):
                return os.environ[name]
        return values[-1] if values else None
    return None


def _where(node: yaml.Node, offset: int = 0) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1 + offset


def config_findings(root: Path, shown: str = CONFIG) -> list[Finding]:
    """Findings for the config at `root/mkdocs.yml` (none if there is no such file)."""
    path = root / shown
    if not path.is_file():
        return []
    text, findings = read_text(path, shown)
    try:
        document = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return findings  # MkDocs reports a config it cannot read; nothing of it reaches a page
    if document is None:
        return findings
    for what, node in _texts(document):
        bad = MARKUP.search(str(node.value))
        if bad:
            char = bad.group() if bad.group().isprintable() else f"U+{ord(bad.group()):04X}"
            # The column of the character itself when the value is written plainly on one line.
            plain_line = not node.style and "\n" not in str(node.value)
            line, col = _where(node, bad.start() if plain_line else 0)
            message = f"{what} contains {char!r}; the theme writes it into every page as HTML, so it may not hold "
            findings.append(Finding(shown, line, col, "config-markup", message + '< > " or control characters'))
    url_node = _mapping(document).get("site_url")
    url = _site_url(url_node)
    if url_node is not None and url:
        problem = url_problem(url)
        if problem is None and not url.lower().startswith(("https://", "http://")):
            problem = "is not a full https: or http: address"
        elif problem is None and safe_url(url) != url:
            problem = "contains a character that must be percent-encoded (a quote, bracket, parenthesis …)"
        if problem:
            findings.append(Finding(shown, *_where(url_node), "config-url", f"site_url {url!r} {problem}"))
    return findings
