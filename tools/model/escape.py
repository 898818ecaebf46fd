"""Data is never markup: one escaping helper per output context, for every string that comes from
the source list or the config.

A string from the YAML is text. Wherever it lands, it goes through the helper of that place:

- `markdown_text`: inline Markdown, as Python-Markdown reads it with the edition's extensions.
  Every character that could start markup (a link, raw HTML, an entity, an attribute list
  `{ … }`, a footnote reference, emphasis, a code span, a table cell) becomes a character
  reference, and a character that would start a block at the beginning of a line (`#`, `-`,
  `+`, `:`, `!`, `?`, `1.`) is escaped too, because a value may open a definition or a
  paragraph. Line breaks and runs of white space become one space: a value is one line.
- `html_text` and `html_attr`: HTML text and a double-quoted attribute value. Both also write
  the characters that start Markdown (`[`, `*`, `_`, `` ` `` …) as character references: raw
  HTML inside a `markdown` block is still read by Python-Markdown's inline patterns, which run
  before its raw-HTML pattern, so `[x](javascript:…)` in an attribute would otherwise become a
  link inside the tag. A browser reads the references back as the same characters.
- `markup_text` and `markup_attr`: not for data, but for text and attribute values read from a
  built page and written back (the exports' serialisers in tools/publish): exact, white space
  kept, only what would end the text or the value escaped, so the words pass through unchanged.
- `safe_url` (and `url_problem`, which says why not): `https:`, `http:` or a site-relative
  address, with every character that could end a Markdown link or an HTML attribute
  percent-encoded; anything else is refused (None).
- `json_document` and `json_script`: JSON, and JSON inside an HTML `<script type="application/…+json">`.
- `csv_cell`: a spreadsheet cell that cannot be a formula (OWASP, "CSV Injection").

Emphasis, the one inline markup editors may write: `*words*` (a pair of single asterisks around
words, not touching white space inside, not inside a word) is shown in italics; nothing else is
markup, so `<i>`, `**`, `_…_`, links and HTML are shown as typed. `plain` drops the asterisks of
such a pair, for the places that are not Markdown (attributes, tooltips, CSV, JSON).

Control characters (other than white space) are never legitimate text; the schema refuses them
(tools/model/schema.py) and every helper here replaces any that gets this far by U+FFFD, so a
value can never smuggle Python-Markdown's placeholder characters (STX/ETX) into a page.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

# White space that a browser or Markdown would treat as a break or a gap: one space instead.
SPACES = re.compile(r"[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]+")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
# `*words*`: not preceded or followed by a word character, not starting or ending with a space.
EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<inner>[^*]*?[^\s*])\*(?![\w*])")
# Characters that are markup anywhere in an inline Markdown text, as character references.
INLINE = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
}
INLINE_CHARS = re.compile("[" + re.escape("".join(INLINE)) + "]")
# In HTML the quotes too (the markup characters as well: see html_text).
HTML = {**INLINE, '"': "&quot;", "'": "&#x27;"}
HTML_CHARS = re.compile("[" + re.escape("".join(HTML)) + "]")
# What may open a block at the start of a line: a heading, a list, a definition, an admonition.
BLOCK_START = re.compile(r"^(?:[#+\-:!?=~]|\d+(?=[.)]))")
URL_SCHEMES = ("https", "http")
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]|#[xX][0-9a-fA-F]|[A-Za-z][A-Za-z0-9]*;)")
# Percent-encoded in a URL, so that it can end neither a Markdown link nor an HTML attribute
# (white space and control characters are refused outright).
URL_ENCODED = {c: f"%{ord(c):02X}" for c in "\"'<>()[]{}`^|*"}
URL_ENCODED_CHARS = re.compile("[" + re.escape("".join(URL_ENCODED)) + "]")
CSV_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")  # and the full-width forms of the first four


def clean(value: str) -> str:
    """One line of text: runs of white space become one space, control characters U+FFFD."""
    return CONTROLS.sub("\ufffd", SPACES.sub(" ", value)).strip()


def _escape_inline(text: str) -> str:
    return INLINE_CHARS.sub(lambda m: INLINE[m.group()], text)


def markdown_text(value: str, *, emphasis: bool = True) -> str:
    """Inline Markdown that shows `value` as text (with `*emphasis*` in italics, if allowed).

    Use `emphasis=False` for text the generator itself puts in italics or bold (a title, a
    name), and for the chapter's own words, which are verbatim."""
    text = clean(value)
    pieces: list[str] = []
    position = 0
    for match in EMPHASIS.finditer(text) if emphasis else ():
        pieces.append(_escape_inline(text[position : match.start()]))
        pieces.append("*" + _escape_inline(match.group("inner")) + "*")
        position = match.end()
    pieces.append(_escape_inline(text[position:]))
    out = "".join(pieces)
    start = BLOCK_START.match(out)
    if start:  # the first character as a reference, so it cannot open a block
        end = start.end() if start.group().isdigit() else 0
        out = out[:end] + f"&#{ord(out[end])};" + out[end + 1 :]
    return out


def plain(value: str) -> str:
    """The text without the emphasis markers, for places that are not Markdown."""
    return EMPHASIS.sub(lambda m: m.group("inner"), clean(value))


def _escape_html(text: str) -> str:
    return HTML_CHARS.sub(lambda m: HTML[m.group()], text)


def html_text(value: str) -> str:
    """HTML text content (quotes escaped too, so it is also safe inside an attribute)."""
    return _escape_html(clean(value))


def html_attr(value: str) -> str:
    """A double-quoted HTML attribute value."""
    return _escape_html(clean(value))


# An XML parser turns a raw tab or line break inside an attribute into a space; a reference keeps it.
ATTRIBUTE_WHITESPACE = str.maketrans({"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def markup_text(value: str) -> str:
    """Text read from a built page, written back as it was: & < > as references, nothing else
    changed (white space and Markdown characters kept: no Markdown reads it again)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup_attr(value: str) -> str:
    """An attribute value read from a built page, written back inside double quotes so that an
    HTML and an XML parser read the same value: & < > " ' as references, and tab, line feed and
    carriage return too."""
    return markup_text(value).replace('"', "&quot;").replace("'", "&#x27;").translate(ATTRIBUTE_WHITESPACE)


# --- URLs ---------------------------------------------------------------------------------------


# White space (\s is str.isspace, Unicode's spaces and line breaks included) and C0/C1 controls.
URL_FORBIDDEN_CHAR = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def url_problem(value: str) -> str | None:
    """Why `value` may not be a link of the edition, or None if it may.

    Allowed: `https:` and `http:` addresses with a host (no user name or password, no trailing
    dot), and addresses relative to the page (`sources.html#orlov-1953`). Not allowed: any other
    scheme (`javascript:`, `data:`, `file:`, `mailto:` …), `//host` without a scheme, a leading
    `/` (it leaves the site when read from file://), backslashes (browsers read them as `/`),
    and white space or control characters anywhere."""
    if not value:
        return "is empty"
    if URL_FORBIDDEN_CHAR.search(value):
        return "contains white space or a control character"
    if "\\" in value:
        return "contains a backslash"
    if CHARACTER_REFERENCE.search(value):  # `&#106;avascript:` is `javascript:` once an attribute is read
        return "contains an HTML character reference (&#…; or &name;); write the character itself"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as err:
        return f"is not a valid address ({err})"
    if parts.scheme:
        if parts.scheme.lower() not in URL_SCHEMES:
            return f"uses the scheme '{parts.scheme}:'; only https:, http: and addresses inside the site are allowed"
        if not parts.netloc or not parts.hostname:
            return "has no host"
        if "@" in parts.netloc:
            return "carries a user name or password before the host"
        if parts.hostname.endswith("."):
            return f"has a trailing dot after the host '{parts.hostname}'; write the host without it"
        if port == 0:
            return "has port 0"
        return None
    if value.startswith("/"):
        return "starts with '/'; write an address relative to the site (sources.html), or a full https: address"
    if ":" in value.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return "has a ':' before its first '/', which a browser could read as a scheme"
    return None


def safe_url(value: str) -> str | None:
    """The address, percent-encoded so it can sit in a Markdown link or an HTML attribute; None
    when `url_problem` refuses it."""
    if url_problem(value) is not None:
        return None
    return URL_ENCODED_CHARS.sub(lambda m: URL_ENCODED[m.group()], value)


def markdown_link(text: str, url: str, *, emphasis: bool = True) -> str:
    """`[text](url)` with the text escaped; just the escaped text if the address is refused."""
    href = safe_url(url)
    shown = markdown_text(text, emphasis=emphasis)
    return f"[{shown}]({href})" if href is not None else shown


# --- data files ---------------------------------------------------------------------------------


def json_document(value: object) -> str:
    """A JSON file: data, never code (strings are JSON-escaped by json.dumps)."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def json_script(value: object) -> str:
    """JSON to embed in an HTML `<script type="application/ld+json">`: `<`, `>` and `&` are
    escaped as \\u003c …, so a string can never close the element (`</script>`) or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula.

    OWASP's advice (https://owasp.org/www-community/attacks/CSV_Injection): a cell that begins
    with `=`, `+`, `-`, `@`, a tab or a carriage return (or, here, a full-width `＝ ＋ － ＠`) gets a
    single quote in front, which spreadsheets read as "this is text"; quoting of commas, quotes
    and line breaks is the csv module's. The JSON download carries the exact text."""
    text = CONTROLS.sub("\ufffd", value)
    return "'" + text if text.startswith(CSV_FORMULA_START) else text
