"""The theme's stylesheets without the rules this site can never use, read with tinycss2 (a CSS
parser, not patterns: strings, comments, escapes and nested blocks are read as a browser reads them),
and the edition's own stylesheets without comments (tools/publish/compact.py applies both).

Each selector is judged from its tokens, the way PurgeCSS works: a rule is dropped only when every
selector of its list requires an element, a class, an id or an exact attribute value that can never
be on the site (`Names`, which compact.py gathers from the pages and the scripts). What is inside
:not(…) is ignored (:not(.unused) matches everything), and a selector this cannot judge (:is, :where,
:has …) is kept. Then every custom property (--md-…) that no kept rule, no stylesheet of the
edition's, no page and no script reads is dropped (most are icons as data: URLs), until none is left.
A stylesheet tinycss2 cannot read is left as it is. tests/browser/test_page_weight.py compares every
element's computed style with and without.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tinycss2
import tinycss2.ast

# At-rules holding rules (the rest hold declarations, or nothing).
GROUPING = frozenset({"media", "supports", "container", "layer", "document", "scope", "starting-style"})
# Pseudo-classes whose selector list this does not judge: the rule is kept.
UNJUDGED = frozenset({"is", "where", "has", "matches", "-webkit-any", "-moz-any", "host", "host-context", "slotted"})
EXACT = "="  # an attribute selector asking for this value (not a word of it, a prefix, a suffix, a part)
WORD_CHARACTERS = frozenset(string.ascii_letters + string.digits + "_-")


def one_word(value: str) -> bool:
    """A value an attribute selector's exact value is judged by: ASCII letters, digits, _ and -."""
    return bool(value) and all(c in WORD_CHARACTERS for c in value)


@dataclass
class Names:
    """What a selector may ask for and find on the site."""

    elements: set[str] = field(default_factory=set)  # element names, lower case
    words: set[str] = field(default_factory=set)  # classes and ids
    values: set[str] = field(default_factory=set)  # one-word attribute values
    properties: set[str] = field(default_factory=set)  # custom properties a page or script names


# --- selectors ------------------------------------------------------------------------------------


def _significant(tokens: Iterable[Any]) -> list[Any]:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def selector_list(prelude: Sequence[Any]) -> list[list[Any]]:
    """A rule's selectors: its prelude's tokens split at the top-level commas."""
    selectors: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _attribute_may_match(block: Any, names: Names) -> bool:
    tokens = _significant(block.content)
    if len(tokens) == 3 and tokens[1].type == "literal" and tokens[1].value == EXACT:
        value = tokens[2].value if tokens[2].type in ("ident", "string") else None
        if isinstance(value, str) and one_word(value):
            return value in names.values
    return True  # [hidden], [href$=".pdf"], [x=y i], a value of several words: not judged


def may_match(selector: Sequence[Any], names: Names) -> bool:
    """Could one element of the site match this selector (its tokens)?"""
    previous: Any = None
    for token in selector:
        after = previous
        previous = token
        if token.type == "function":
            if token.lower_name in UNJUDGED:
                return True
            continue  # :not(…), :nth-child(…), :lang(…): nothing inside is required
        if token.type == "[] block":
            if not _attribute_may_match(token, names):
                return False
        elif token.type == "hash":
            if token.is_identifier and token.value not in names.words:
                return False
        elif token.type == "ident":
            if after is not None and after.type == "literal" and after.value == ".":
                if token.value not in names.words:
                    return False
            elif after is not None and after.type == "literal" and after.value in (":", "|"):
                continue  # a pseudo-class or pseudo-element, or a namespace's name
            elif token.lower_value not in names.elements:
                return False
    return True


# --- stylesheets ----------------------------------------------------------------------------------


def _rules(css: str | list[Any]) -> list[Any]:
    return list(tinycss2.parse_rule_list(css, skip_comments=True, skip_whitespace=True))


def _readable(nodes: list[Any]) -> bool:
    return not any(node.type == "error" for node in nodes)


def trimmed(rules: list[Any], names: Names) -> list[Any]:
    """The rules that may match something on the site; grouping rules (@media …) with the rules in
    them that may, or gone if none may; every other at-rule kept as it is."""
    kept: list[Any] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(may_match(s, names) for s in selector_list(rule.prelude)):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _rules(rule.content)
            if not _readable(inner):
                kept.append(rule)
                continue
            inner = trimmed(inner, names)
            if inner:
                kept.append(_with_content(rule, inner))
        else:
            kept.append(rule)
    return kept


def _with_content(rule: Any, content: list[Any]) -> Any:
    """The rule (qualified or at-rule) holding `content` (rules or declarations) instead."""
    tokens: list[Any] = []
    for node in content:
        if tokens and node.type == "declaration":
            tokens.append(tinycss2.ast.LiteralToken(0, 0, ";"))
        tokens += tinycss2.parse_component_value_list(node.serialize())
    if rule.type == "qualified-rule":
        return tinycss2.ast.QualifiedRule(rule.source_line, rule.source_column, rule.prelude, tokens)
    return tinycss2.ast.AtRule(
        rule.source_line, rule.source_column, rule.at_keyword, rule.lower_at_keyword, rule.prelude, tokens
    )


def _reads(tokens: Iterable[Any], found: set[str]) -> set[str]:
    """Every custom property a var() among `tokens` reads (fallbacks and nested blocks included)."""
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            first = _significant(token.arguments)[:1]
            if first and first[0].type == "ident":
                found.add(first[0].value)
        if token.type in ("function", "() block", "[] block", "{} block"):
            _reads(token.arguments if token.type == "function" else token.content, found)
    return found


def read_properties(rules: Iterable[Any], found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found
    for rule in rules:
        _reads(rule.prelude, found)
        _reads(rule.content or [], found)
    return found


def without_unread(rules: list[Any], read: set[str]) -> list[Any]:
    """The rules without the custom properties (--name: …) not in `read`; a rule left with nothing
    goes too."""
    out: list[Any] = []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _rules(rule.content)
            if _readable(inner):
                inner = without_unread(inner, read)
                if inner:
                    out.append(_with_content(rule, inner))
                continue
        if rule.type != "qualified-rule":
            out.append(rule)
            continue
        body = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        if not _readable(body):
            out.append(rule)
            continue
        kept = [d for d in body if not (d.type == "declaration" and d.name.startswith("--") and d.name not in read)]
        if len(kept) == len(body):
            out.append(rule)
        elif kept:
            out.append(_with_content(rule, kept))
    return out


def trim_stylesheets(sheets: dict[Path, str], own: Iterable[str], names: Names) -> dict[Path, str]:
    """The theme's stylesheets (by path) trimmed; `own` are the edition's, which read the theme's
    custom properties too. A stylesheet tinycss2 cannot read is left as it is."""
    parsed = {
        path: tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True) for path, css in sheets.items()
    }
    rules = {path: trimmed(nodes, names) for path, nodes in parsed.items() if _readable(nodes)}
    outside = names.properties.copy()
    for css in own:
        read_properties(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), outside)
    while True:  # a property dropped may have been the only reader of another
        read = outside.copy()
        for kept in rules.values():
            read_properties(kept, read)
        shorter = {path: without_unread(kept, read) for path, kept in rules.items()}
        if all(len(_serialized(shorter[p])) == len(_serialized(rules[p])) for p in rules):
            break
        rules = shorter
    return {path: _serialized(rules[path]) if path in rules else css for path, css in sheets.items()}


def _serialized(rules: list[Any]) -> str:
    return "".join(rule.serialize() for rule in rules)


# --- the edition's own files ----------------------------------------------------------------------


def _compact_tokens(tokens: Iterable[Any]) -> str:
    """Tokens as CSS, comments dropped and every run of white space one space."""
    out: list[str] = []
    for token in tokens:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if out and out[-1] != " ":
                out.append(" ")
            continue
        out.append(tinycss2.serialize([token]))
    return "".join(out).strip()


def _compact_nodes(nodes: Iterable[Any], rules: bool) -> str:
    out: list[str] = []
    for node in nodes:
        if node.type == "declaration":
            out.append(f"{node.name}:{_compact_tokens(node.value)}{'!important' if node.important else ''}")
        elif node.type == "qualified-rule":
            body = tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
            out.append(f"{_compact_tokens(node.prelude)}{{{_compact_nodes(body, rules=False)}}}")
        elif node.type == "at-rule":
            prelude = _compact_tokens(node.prelude)
            head = f"@{node.at_keyword}{' ' + prelude if prelude else ''}"
            if node.content is None:
                out.append(head + ";")
                continue
            holds_rules = node.lower_at_keyword in GROUPING or node.lower_at_keyword.endswith("keyframes")
            inner = (
                _rules(node.content)
                if holds_rules
                else tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
            )
            out.append(f"{head}{{{_compact_nodes(inner, holds_rules)}}}")
        else:
            raise ValueError(f"the edition's stylesheet cannot be read at line {node.source_line}: {node.message}")
    return ("" if rules else ";").join(out)


def compact_css(css: str) -> str:
    """The edition's own stylesheet without comments and runs of white space (read by tinycss2:
    strings and url()s stay as they are); ValueError if it cannot be read."""
    return _compact_nodes(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), rules=True)
