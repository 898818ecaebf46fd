"""HTML from data: every string of the source list is text, escaped by markupsafe where it lands.

The one markup editors may write in the source list is `*emphasis*` (a pair of single asterisks
around words, not inside a word): `prose()` shows it in italics and escapes everything else.
Generated pages link to each other as `name.html#id` (the site's one URL shape), and the output
guard (tools/guard) checks every link and id of the built site.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def text(value: str) -> Markup:
    """Plain text: escaped, white space made single spaces."""
    return escape(" ".join(value.split()))


# What Python-Markdown reads as syntax inside a paragraph (links, emphasis, code, attribute lists,
# escapes): written as character references, these stay the characters they are.
MARKDOWN_SYNTAX = frozenset("\\`*_{}[]()!#|~^")


def inline_text(value: str) -> Markup:
    """Plain text for a place Markdown still reads (a paragraph of an editors' page): escaped, and
    every character Markdown would read as syntax written as a character reference."""
    return Markup("").join(
        Markup(f"&#{ord(c)};") if c in MARKDOWN_SYNTAX else escape(c) for c in " ".join(value.split())
    )


def _word(char: str) -> bool:
    return char.isalnum() or char == "*"


def prose(value: str) -> Markup:
    """Text with `*emphasis*` in italics: a linear scan, no pattern to backtrack."""
    value = " ".join(value.split())
    out: list[str] = []
    position = 0
    opening = -1
    for index, char in enumerate(value):
        if char != "*":
            continue
        before = value[index - 1] if index else ""
        after = value[index + 1] if index + 1 < len(value) else ""
        if opening == -1:
            if not _word(before) and after and not after.isspace() and after != "*":
                opening = index
        elif not _word(after) and before and not before.isspace() and before != "*":
            out.append(escape(value[position:opening]))
            out.append(Markup("<em>{}</em>").format(value[opening + 1 : index]))
            position = index + 1
            opening = -1
    out.append(escape(value[position:]))
    return Markup("".join(out))


def plain(value: str) -> str:
    """The text without emphasis asterisks, for places that are not HTML (CSV, JSON, titles)."""
    return str(prose(value).striptags()) if "*" in value else " ".join(value.split())


def link(href: str, content: str | Markup, **attributes: str) -> Markup:
    extra = Markup("").join(
        Markup(' {}="{}"').format(name.rstrip("_").replace("_", "-"), value) for name, value in attributes.items()
    )
    return Markup('<a href="{}"{}>{}</a>').format(href, extra, content)


def element(tag: str, content: str | Markup = "", **attributes: str | None) -> Markup:
    """`<tag a="…">content</tag>`; attributes named with `_` for `-` (data_x → data-x, class_ → class)."""
    attrs = Markup("").join(
        Markup(' {}="{}"').format(name.rstrip("_").replace("_", "-"), value)
        for name, value in attributes.items()
        if value is not None
    )
    return Markup("<{}{}>{}</{}>").format(Markup(tag), attrs, content, Markup(tag))


def lang(language: str | None) -> Markup:
    """` lang="de"`: the language of an element's words, as a page writes it (BCP 47); none for the
    edition's own (the page's)."""
    return Markup(' lang="{}"').format(language.replace("_", "-")) if language else Markup("")


def in_language(content: Markup, language: str | None) -> Markup:
    """Words in `language`, marked as its (a span), or as they are if in the edition's own."""
    return Markup("<span{}>{}</span>").format(lang(language), content) if language else content


def join(parts: list[Markup], separator: str = "; ") -> Markup:
    return Markup(escape(separator)).join(parts)
