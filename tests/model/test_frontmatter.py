"""An editors' page's front matter (tools/model/frontmatter.py): read where the engine would read it,
with the strict reader, a title of plain words and nothing else; anything more one finding at its
line, never expanded, never a traceback."""

from __future__ import annotations

import pytest
from complexity import cpu, growth
from properdocs.utils.meta import YAML_RE

from tools.model.frontmatter import FENCED, MAX_FRONT, front_matter

PAGE = "# About this edition { #about }\n\nThis site presents one short text.\n{: #p-what-this-is }\n"


def fronted(*lines: str) -> str:
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n\n" + PAGE


def alias_bomb(levels: int) -> list[str]:
    """Nine of the level below at each level: 9**8 ones from 500 bytes once published a 31 MB page."""
    lines = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return [*lines, f"title: *a{levels - 1}"]


def test_a_title_of_plain_words_is_read_and_the_page_is_what_follows() -> None:
    matter = front_matter("docs/index.md", fronted("title: About this edition"))
    assert matter == front_matter("docs/index.md", fronted("title: 'About this edition'  # the tab's"))
    assert (matter.title, matter.body, matter.findings) == ("About this edition", PAGE, ())


def test_a_page_without_front_matter_is_all_body() -> None:
    for text in (PAGE, "title: About\n\n" + PAGE, "---\ntitle: never closed\n\n" + PAGE):
        matter = front_matter("docs/index.md", text)
        assert matter.title is None and matter.body == text and matter.findings == ()


@pytest.mark.parametrize(
    ("lines", "where"),
    [
        (alias_bomb(8), "2:5 yaml-syntax uses a YAML anchor or alias"),
        (["a: &t About", "title: *t"], "2:4 yaml-syntax uses a YAML anchor or alias"),
        (["title: !!str About"], "2:8 yaml-syntax uses the tag !!str"),
        (["title: !!python/name:os.system About"], "2:8 yaml-syntax uses the tag"),
        (["title: {text: About}"], "2:1 front-matter a title is plain words"),
        (["title: [About, this]"], "2:1 front-matter a title is plain words"),
        (["title: 1953"], "2:1 front-matter a title is plain words"),
        (["title: ''"], "2:1 front-matter a title is plain words"),
        (["title: Orlov says “Stalin was innocent”"], "2:1 front-matter a title is plain words"),
        (["title: Orlov says ‚Stalin was innocent‘"], "2:1 front-matter a title is plain words"),
        (["title: 'About", "", "  this edition'"], "2:1 front-matter a title is plain words"),
        (["title: " + "About " * 30], "2:1 front-matter a title is plain words"),
        (["title: About", "template: main.html"], "3:1 front-matter front matter holds only a title, not 'template'"),
        (["hide: [navigation, toc]"], "2:1 front-matter front matter holds only a title, not 'hide'"),
        (["title: About", "title: Again"], "3:1 yaml-syntax repeats the key 'title'"),
        (["- title"], "2:1 front-matter front matter is `title: words`"),
        (["title: " + "x" * 100_000], f"2:1 front-matter front matter of more than {MAX_FRONT:,} characters"),
        (["title: [About"], "3:1 yaml-syntax is not valid YAML"),
    ],
)
def test_anything_but_a_title_is_one_finding_at_its_line(lines: list[str], where: str) -> None:
    matter = front_matter("docs/index.md", fronted(*lines))
    [finding] = [str(f) for f in matter.findings]
    line_col, rule_message = where.split(" ", 1)
    assert finding.startswith(f"docs/index.md:{line_col}: {rule_message}") and "\n" not in finding
    assert matter.title is None and matter.body == PAGE


def test_an_alias_bomb_is_refused_as_it_stands_never_expanded() -> None:
    """Four more levels of the bomb are twice the bytes and 9**4 times the ones: read as it stands,
    they cost about twice the time, not thousands of times (a ratio; no absolute figure)."""

    def read(levels: int) -> float:
        return cpu(lambda: front_matter("docs/index.md", fronted(*alias_bomb(levels))))

    ratio = growth(lambda: read(4), lambda: read(8), 15)
    assert ratio <= 15, f"four more levels took {ratio:.0f} times the time"


@pytest.mark.parametrize(
    "text",
    [
        fronted("title: About"),
        "---  \ntitle: About\n...\n" + PAGE,  # the closing fence YAML allows
        "--- \t\n\n---\n" + PAGE,
        "---\ntitle: About\n----\n" + PAGE,  # not a fence: the engine reads on to the next
        "---\ntitle: About\n",
        " ---\ntitle: About\n---\n",
        "\n---\ntitle: About\n---\n",
        PAGE,
    ],
)
def test_front_matter_is_where_the_engine_finds_it(text: str) -> None:
    ours, engines = FENCED.match(text), YAML_RE.match(text)
    assert (ours and (ours.group(1), ours.end())) == (engines and (engines.group(1), engines.end()))
