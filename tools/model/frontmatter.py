"""The front matter of an editors' page: the lines between the `---` fences that may open it.

    ---
    title: About this edition
    ---

The engine would read them itself (MkDocs' get_data, with PyYAML's SafeLoader), which expands
aliases: 500 bytes of nested aliases published a 31 MB page. So they are read here, with the data
files' strict reader (tools/model/yamlread.py: no anchors, aliases, tags or repeated keys), and only
a title of plain words is allowed, the one key a page needs; the site then hands the engine a front
matter of its own making from that title (tools/site/prepare.py `front`), never the page's lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import re2

from .findings import Example, Finding, Rule, UnusableInput
from .quotes import spans
from .yamlread import read_yaml

FRONT_MATTER = Rule(
    "front-matter",
    "an editors' page's front matter, if it has one, holds only `title:` with plain words on one line",
    Example("docs/index.md", "", "---\ntitle: About this edition\ntemplate: main.html\n---\n\n"),
)
# The engine's own pattern (mkdocs/utils/meta.py YAML_RE), on RE2: what it would take for front matter.
FENCED = re2.compile(r"(?s)^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n")
KEYS = ("title",)
MAX_TITLE = 120  # characters: a title is shown in a browser's tab and the navigation
MAX_FRONT = 1_000  # characters: a title and room for comments; anything longer is not read at all


@dataclass(frozen=True)
class FrontMatter:
    title: str | None  # None: the engine takes the page's first heading
    body: str  # the page after its front matter
    findings: tuple[Finding, ...] = ()


def front_matter(shown: str, text: str) -> FrontMatter:
    """The page's title and body; each problem with its front matter a finding at its place."""
    fenced = FENCED.match(text)
    if fenced is None:
        return FrontMatter(None, text)
    body = text[fenced.end() :].lstrip("\n")  # as the engine leaves it
    block = fenced.group(1)
    if len(block) > MAX_FRONT:
        message = f"front matter of more than {MAX_FRONT:,} characters: it holds only a title"
        return FrontMatter(None, body, (FRONT_MATTER.at(shown, 2, 1, message),))
    try:
        read = read_yaml("\n" + block, shown, may_be_empty=True)  # the fence's line first: lines as the page's
    except UnusableInput as refused:
        return FrontMatter(None, body, (refused.finding,))
    found = list(read.findings)

    def at(key: tuple[str | int, ...], message: str) -> None:
        found.append(FRONT_MATTER.at(shown, *read.positions.get(key, (2, 1)), message))

    data = read.data
    if data is not None and not isinstance(data, dict):
        at((), "front matter is `title: words`, nothing else")
        data = {}
    for key in data or {}:
        if key not in KEYS:
            at((key,), f"front matter holds only a title, not '{key}'")
    title = (data or {}).get("title")
    if "title" in (data or {}) and (
        not isinstance(title, str)
        or not title.strip()
        or "\n" in title
        or len(title) > MAX_TITLE
        or bool(spans(title))  # the editors' words, as an editors' heading: no quotation
        or "<" in title  # words, not markup (the build hands the title over escaped, whatever it holds)
    ):
        at(
            ("title",),
            f"a title is plain words on one line, no quotation mark or '<', of at most {MAX_TITLE} characters",
        )
    if found:
        return FrontMatter(None, body, tuple(found))
    return FrontMatter(title if isinstance(title, str) else None, body)
