"""tools/model/escape.py: a string from the YAML is text in every output context.

The Markdown helper is checked the way it is used: rendered by Python-Markdown with the edition's
own extensions (read from mkdocs.yml), as a paragraph and as a definition, and the result parsed
as HTML. Whatever the string, the HTML holds only the wrapper elements (and <em> for the one
emphasis form), and its text is the string itself.
"""

from __future__ import annotations

import csv
import html
import io
import json
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from tools.model.escape import (
    URL_FORBIDDEN_CHAR,
    clean,
    csv_cell,
    html_attr,
    html_text,
    json_document,
    json_script,
    markdown_link,
    markdown_text,
    markup_attr,
    markup_text,
    plain,
    safe_url,
    url_problem,
)

PROJECT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '" onmouseover="alert(1)" x="',
    "[click](javascript:alert(1))",
    "![x](x.png)",
    "<javascript:alert(1)>",
    "text { .x onclick=alert(1) }",
    "[words]{ #q-x onclick=alert(1) }",
    "[^q-other]",
    "**bold** __bold__ _em_ `code`",
    "&lt;script&gt; &#60;script&#62; &amp;",
    "# heading",
    "- list item",
    "1937. A year",
    "!!! danger",
    "??? details",
    ": definition",
    "> quote",
    "a | b | c",
    "line\n\n# heading\n\n<script>x</script>",
    "trailing  \nbreak",
    "back\\slash \\<script>",
    "\x02wzxhzdk:0\x03 placeholder",
    '=HYPERLINK("http://evil.example/","x")',
    "<!-- comment -->",
    "*[HTML]: abbreviation",
]


def _extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions and their settings, as mkdocs.yml gives them."""
    with (PROJECT / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    names: list[str] = []
    settings_: dict[str, dict[str, object]] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), *_ = entry.items()
            names.append(name)
            settings_[name] = options or {}
        else:
            names.append(entry)
    return names, settings_


NAMES, SETTINGS = _extensions()


def render(source: str) -> str:
    return markdown.markdown(source, extensions=NAMES, extension_configs=SETTINGS)


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", []))


def shape(rendered: str) -> _Shape:
    parser = _Shape()
    parser.feed(rendered)
    parser.close()
    return parser


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("template", ["{}", "Role\n:   {}", "- {}", "**x** {}", "## {} {{ #h }}"])
def test_markdown_text_is_only_text(value: str, template: str) -> None:
    rendered = render(template.format(markdown_text(value)))
    found = shape(rendered)
    # The heading's own permalink (toc's "¶") is the theme's, not the value's.
    tags = [(tag, attrs) for tag, attrs in found.tags if ("class", "headerlink") not in attrs]
    wrappers = {"p", "dl", "dt", "dd", "ul", "li", "strong", "h2"}
    assert {tag for tag, _ in tags} <= wrappers, rendered
    assert all(not attrs for tag, attrs in tags if tag != "h2"), rendered
    assert plain(value) in found.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'`*_[](){}#!?:|-+=.1 \n\\^~ab")), max_size=40))
def test_markdown_text_any_mix_of_markup_characters(value: str) -> None:
    found = shape(render(markdown_text(value, emphasis=False)))
    assert {tag for tag, _ in found.tags} <= {"p"}
    assert found.text.strip() == clean(value)


def test_emphasis_is_the_one_markup_editors_may_write() -> None:
    assert render(markdown_text("in *Pravda* on 21 August")) == "<p>in <em>Pravda</em> on 21 August</p>"
    # Not emphasis: inside a word, with spaces inside, doubled, or unpaired.
    for value in ("a*b*c", "* x *", "**strong**", "one * two", "*open"):
        assert "<em>" not in render(markdown_text(value)), value
    # The emphasised words are escaped like all the rest.
    assert shape(render(markdown_text("*<script>x</script>*"))).tags == [("p", []), ("em", [])]
    assert markdown_text("*Pravda*", emphasis=False) == "&#42;Pravda&#42;"
    assert plain("in *Pravda*,  twice\n") == "in Pravda, twice"


def test_markdown_text_leaves_ordinary_text_as_it_is() -> None:
    text = "Orlov's “hope of mankind” (naturally, Stalin – the author) 21 August 1940."
    assert markdown_text(text) == text


def test_clean_makes_one_line_without_control_characters() -> None:
    assert clean(" a\n\n b\tc\u2028d ") == "a b c d"
    assert clean("a\x02b\x03\x7f") == "a\ufffdb\ufffd\ufffd"
    assert clean("a\u00a0b") == "a\u00a0b"  # a no-break space is text


def test_html_helpers() -> None:
    assert html_text("<b>&") == "&lt;b&gt;&amp;"
    assert html_attr('" onmouseover="x') == "&quot; onmouseover=&quot;x"
    assert html.unescape(html_attr("a\nb'c")) == "a b'c"


class _Read(HTMLParser):
    """The `v` attribute of the one element and its text, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attr: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attr = dict(attrs)["v"]

    def handle_data(self, data: str) -> None:
        self.text += data


# Text as a built page holds it: white space of every kind and the characters that are markup.
BUILT_TEXT = st.text(alphabet=st.sampled_from(list("<>&\"'`*_[]{} \t\n\r\u00a0a;#x1")), max_size=40)


@settings(max_examples=200, deadline=None)
@given(BUILT_TEXT)
def test_markup_helpers_write_back_exactly_what_was_read(value: str) -> None:
    """The serialisers of the exports: HTML and XML read the written value back unchanged, white
    space included (XML would turn a raw line break in an attribute into a space)."""
    written = f'<p v="{markup_attr(value)}">{markup_text(value)}</p>'
    reader = _Read()
    reader.feed(written)
    reader.close()
    assert (reader.attr, reader.text) == (value, value)
    element = ET.fromstring(written)
    assert element.get("v") == value
    assert (element.text or "") == value.replace("\r\n", "\n").replace("\r", "\n")  # XML's own line ends


def test_markup_text_leaves_what_is_not_markup() -> None:
    assert markup_text("a  *b*\n_c_ [d] ’") == "a  *b*\n_c_ [d] ’"
    assert markup_text("<i>&amp;") == "&lt;i&gt;&amp;amp;"
    assert markup_attr("\"'<\n") == "&quot;&#x27;&lt;&#10;"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("javascript:alert(document.domain)", "uses the scheme 'javascript:'"),
        ("JavaScript:alert(1)", "uses the scheme 'javascript:'"),
        ("data:text/html,<script>alert(1)</script>", "uses the scheme 'data:'"),
        ("vbscript:msgbox", "uses the scheme 'vbscript:'"),
        ("file:///etc/passwd", "uses the scheme 'file:'"),
        ("mailto:a@example.org", "uses the scheme 'mailto:'"),
        (" https://example.org/", "white space"),
        ("java\tscript:alert(1)", "white space"),
        ("https://example.org/a b", "white space"),
        ("https://exa\x00mple.org/", "control character"),
        ("//evil.example/x", "starts with '/'"),
        ("/etc/passwd", "starts with '/'"),
        ("/\\evil.example", "backslash"),
        ("https:\\\\evil.example", "backslash"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://example.org@evil.example/", "user name or password"),
        ("http://img.example.com./detail.php", "trailing dot"),
        ("https:///path", "has no host"),
        ("https://example.org:99999/", "not a valid address"),
        ("&#106;avascript:alert(1)", "character reference"),
        ("sources.html&colon;x", "character reference"),
        ("", "is empty"),
    ],
)
def test_url_problems(value: str, problem: str) -> None:
    found = url_problem(value)
    assert found is not None and problem in found, found
    assert safe_url(value) is None


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&c=2#d"),
        ("http://stalinism.ru/x.html?start=42", "http://stalinism.ru/x.html?start=42"),
        ("https://it.wiki7.org/wiki/Гольцман,_Эдуард", "https://it.wiki7.org/wiki/Гольцман,_Эдуард"),
        ("https://example.org/a_(b)", "https://example.org/a_%28b%29"),
        ('https://example.org/"><script>', "https://example.org/%22%3E%3Cscript%3E"),
        ("sources.html#orlov-1953", "sources.html#orlov-1953"),
        ("../up.html", "../up.html"),
    ],
)
def test_safe_urls(value: str, safe: str) -> None:
    assert url_problem(value) is None
    assert safe_url(value) == safe


def test_markdown_link_refuses_a_bad_address_but_keeps_the_text() -> None:
    assert markdown_link("read here", "https://example.org/a_(b)") == "[read here](https://example.org/a_%28b%29)"
    assert markdown_link("x", "javascript:alert(1)") == "x"
    rendered = render(markdown_link("https://example.org/)<img src=x onerror=alert(1)>", "https://example.org/"))
    assert {tag for tag, _ in shape(rendered).tags} == {"p", "a"}


def test_json_script_cannot_close_its_element() -> None:
    text = json_script({"name": "</script><script>alert(1)</script><!--"})
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script><!--"}
    assert json.loads(json_document(["<b>", "=1+1"])) == ["<b>", "=1+1"]


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://evil.example/","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"],
)
def test_csv_cell_neutralises_formulas(value: str) -> None:
    cell = csv_cell(value)
    assert cell == "'" + value
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell])
    assert next(csv.reader(io.StringIO(buffer.getvalue())))[0].startswith("'")


def test_csv_cell_leaves_text_alone() -> None:
    for value in ("Bukharin", "1938-03-12", "“Long live …”", "a=b", ""):
        assert csv_cell(value) == value


@pytest.mark.parametrize("value", HOSTILE)
def test_html_helpers_hold_inside_a_markdown_block(value: str) -> None:
    """Raw HTML inside a `markdown` block is still read by Python-Markdown's inline patterns (a
    link pattern runs before the raw-HTML one): the attribute and the text must not become links."""
    source = f'<div markdown>\n\n<svg role="img" aria-label="{html_attr(value)}"></svg> <time>{html_text(value)}</time>\n\n</div>'
    found = shape(render(source))
    assert [tag for tag, _ in found.tags] == ["div", "p", "svg", "time"], render(source)
    label = dict(found.tags[2][1])["aria-label"]
    assert label == clean(value)


def test_a_url_may_hold_no_space_of_any_kind_and_no_control_character() -> None:
    """URL_FORBIDDEN_CHAR is, over every code point, what Python calls white space and C0/C1."""
    odd = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if bool(URL_FORBIDDEN_CHAR.match(c)) != (c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)
    ]
    assert odd == []
