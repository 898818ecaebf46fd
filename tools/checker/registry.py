"""Every rule of the checker, in one place (the way yamllint keeps its rules).

Each rule has its id, its severity, a one-line summary, and an example that passes and one that
fails. The examples are executable: each is an edit of the edition in miniature,
tests/fixtures/mini, whose files as they stand pass every rule (`before` is text they hold);
`after` is what makes the rule fail, and `at` is the text the finding must point at. The test
suite applies every failing example and asserts its exact `path:line:col: rule`, so a rule
without one, or a finding under an id not listed here, fails the suite. The README's table of
rules is generated from this list: `python -m tools.checker.registry --write-readme`.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..model.findings import Severity

YML = "data/sources.yml"
WARNING = "docs/warning.md"
PRAISE = "docs/praise.md"
ORIGINAL = "original/chapter.txt"
ERROR, WARN = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Example:
    """An edit of tests/fixtures/mini: `before` (there as it stands) becomes `after`.

    `after=None` removes the file; `raw` replaces the whole file with these bytes; with `regex`,
    `before` is a regular expression (multi-line) and `after` its replacement. The finding is in
    `in_file` (default: the edited file), at the `occurrence`-th `at` (plus `shift` columns), or
    at 1:1 when `at` is empty."""

    path: str
    before: str
    after: str | None
    at: str = ""
    shift: int = 0
    raw: bytes | None = None
    in_file: str = ""
    occurrence: int = 1
    regex: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    example: Example


NEW_PAGE = "# An extra page { #extra }\n\nA page nobody declared.\n"
NEW_WORK = (
    "\n  - id: dewey-hearings-1937\n    group: investigation\n    short: The Case of Leon Trotsky\n"
    "    title: The Case of Leon Trotsky\n    year: 1937\n\ntrials:"
)

RULES: tuple[Rule, ...] = (
    # --- reading files ---------------------------------------------------------------------------
    Rule(
        "file-missing",
        ERROR,
        "a file the edition names does not exist (or is not a regular file)",
        Example(PRAISE, "", None),
    ),
    Rule(
        "file-unreadable",
        ERROR,
        "a file cannot be read (its name is too long, permissions, an I/O error)",
        Example(
            YML,
            "pages: [warning.md, praise.md]",
            f"pages: [warning.md, praise.md, {'a' * 300}.md]",
            in_file=f"docs/{'a' * 300}.md",
        ),
    ),
    Rule(
        "file-too-large",
        ERROR,
        "a file is over 1,000,000 bytes: far above any page, and a guard against hostile input",
        Example(PRAISE, "", "", raw=b"a" * 1_000_001),
    ),
    Rule("file-encoding", ERROR, "a file is not valid UTF-8", Example(PRAISE, "", "", raw=b"\xff\xfe# Praise\n")),
    Rule(
        "file-bom",
        ERROR,
        "a file starts with a byte-order mark",
        Example(PRAISE, "# Praise in the courtroom", "\ufeff# Praise in the courtroom"),
    ),
    Rule(
        "file-line-endings",
        ERROR,
        "a file has CR (Windows or old Mac) line endings",
        Example(
            PRAISE,
            "{: #p-praise-in-speeches }\n",
            "{: #p-praise-in-speeches }\r\n",
            at="{: #p-praise-in-speeches }",
            shift=26,
        ),
    ),
    Rule(
        "file-control-char",
        ERROR,
        "a file contains a control character",
        Example(PRAISE, "On one occasion", "On one\x07occasion", at="\x07"),
    ),
    # --- the YAML source list --------------------------------------------------------------------
    Rule(
        "yaml-syntax",
        ERROR,
        "the source list is not valid YAML",
        Example(YML, "    role: defendant, 1938 trial\n", "    role: defendant: 1938 trial\n", at=": 1938 trial"),
    ),
    Rule(
        "yaml-alias",
        ERROR,
        "the source list uses a YAML anchor or alias (& or *), which could expand without bound",
        Example(YML, "    prosecutor: vyshinsky\n", "    prosecutor: &p vyshinsky\n", at="&p vyshinsky"),
    ),
    Rule(
        "yaml-tag",
        ERROR,
        "the source list uses a YAML tag (!!python/…, !custom): only plain values are allowed",
        Example(YML, "    year: 1953\n", "    year: !custom 1953\n", at="!custom 1953"),
    ),
    Rule(
        "yaml-depth",
        ERROR,
        "the source list nests more than 12 levels deep",
        Example(YML, "not_names: [", "deep: [[[[[[[[[[[[[1]]]]]]]]]]]]]\nnot_names: [", at="[[[[[[[[[[[[[1", shift=11),
    ),
    Rule("yaml-empty", ERROR, "the source list is empty", Example(YML, "", "", raw=b"# nothing here\n")),
    Rule(
        "yaml-key",
        ERROR,
        "a mapping key is not a plain word (a number, a list)",
        Example(YML, "    status: paraphrase\n", "    status: paraphrase\n    1.5: odd\n", at="1.5: odd"),
    ),
    Rule(
        "yaml-duplicate-key",
        ERROR,
        "a key is repeated in one mapping; YAML would silently keep only the last",
        Example(
            YML,
            "    speaker: bukharin\n",
            "    speaker: bukharin\n    speaker: bukharin\n",
            at="speaker: bukharin",
            occurrence=2,
        ),
    ),
    Rule(
        "yaml-type",
        ERROR,
        "a value has the wrong type (text for a list, a time of day for a date, …)",
        Example(YML, "    text: He (naturally", "    text: 5\n    notes: He (naturally", at="text: 5"),
    ),
    Rule(
        "yaml-date",
        ERROR,
        "a date is not a real date (1937-02-30), or a trial ends before it starts",
        Example(
            YML,
            "    date: 1938-03-12\n    date_inferred: true\n    status: unverified",
            "    date: 1938-02-30\n    date_inferred: true\n    status: unverified",
            at="1938-02-30",
        ),
    ),
    Rule(
        "yaml-unknown-key",
        ERROR,
        "a field or section the schema does not know (a typo: it says which was meant)",
        Example(YML, "    speaker: bukharin\n", "    speker: bukharin\n", at="speker: bukharin"),
    ),
    Rule(
        "yaml-missing-field",
        ERROR,
        "a record lacks a required field, or the file a required section",
        Example(YML, "    role: principal defendant, 1938 trial\n", "", at="id: bukharin"),
    ),
    Rule(
        "yaml-value",
        ERROR,
        "a value outside its allowed set (a status, a group), or blank text",
        Example(YML, "    status: paraphrase\n", "    status: confirmed\n", at="status: confirmed"),
    ),
    Rule(
        "yaml-id",
        ERROR,
        "an id is not lower-case ASCII words joined by hyphens",
        Example(YML, "  - id: sedov\n", "  - id: Sedov_Lev\n", at="id: Sedov_Lev"),
    ),
    Rule(
        "yaml-duplicate-id",
        ERROR,
        "two records of one section share an id",
        Example(YML, "  - id: sedov\n", "  - id: trotsky\n", at="id: trotsky", occurrence=2),
    ),
    Rule(
        "yaml-reference",
        ERROR,
        "a record names a person, work or trial that is not in the source list",
        Example(YML, "    speaker: bukharin\n", "    speaker: bukarin\n", at="speaker: bukarin"),
    ),
    Rule(
        "yaml-verified-needs-locator",
        ERROR,
        "a quotation is `verified` but cites no work with a page locator",
        Example(
            YML,
            "    date_inferred: true\n    status: unverified",
            "    date_inferred: true\n    status: verified",
            at="status: verified",
        ),
    ),
    Rule(
        "yaml-unused",
        ERROR,
        "an entry of the source list is used nowhere in the chapter (an unused work is a warning)",
        Example(YML, "\ntrials:", NEW_WORK, at="id: dewey-hearings-1937"),
    ),
    # --- the page grammar ------------------------------------------------------------------------
    Rule(
        "page-block",
        ERROR,
        "a block a chapter page may not hold: a blockquote, list, admonition, code, table, …",
        Example(
            PRAISE,
            "{: #p-praise-in-speeches }\n",
            "{: #p-praise-in-speeches }\n\n> “Stalin is innocent of every crime.”\n",
            at="> “Stalin",
        ),
    ),
    Rule(
        "page-markup",
        ERROR,
        "inline Markdown on a chapter page that is not the chapter's text: a link, emphasis, code, …",
        Example(PRAISE, "he ended his speech like this", "he ended his speech *like this*", at="*like"),
    ),
    Rule(
        "page-html",
        ERROR,
        "raw HTML on a chapter page",
        Example(PRAISE, "On one occasion, he", "On one occasion,<script>alert(1)</script> he", at="<script>"),
    ),
    Rule(
        "attr-list",
        ERROR,
        "an attribute list that holds more than it may: a quotation `{ #q-id }`, a heading `{ #id .editor-heading }`",
        Example(
            WARNING,
            "]{ #q-rosengolts-deviation }",
            ']{ #q-rosengolts-deviation onmouseover="alert(1)" }',
            at="{ #q-rosengolts-deviation onmouseover",
        ),
    ),
    Rule(
        "id-pattern",
        ERROR,
        "an id that breaks the pattern: `p-` for paragraphs, `q-` for quotations, lower-case words joined by hyphens",
        Example(PRAISE, "{: #p-network-of-links }", "{: #network_of_links }", at="In order to portray"),
    ),
    Rule(
        "page-undeclared",
        ERROR,
        "a Markdown page under docs/ that is neither a chapter page nor declared editorial",
        Example("docs/extra.md", "", NEW_PAGE, at=""),
    ),
    # --- quotations ------------------------------------------------------------------------------
    Rule(
        "quote-unclosed",
        ERROR,
        "a quotation mark opens and is never closed in its paragraph",
        Example(WARNING, "unfortunate end!”]", "unfortunate end!]", at="“Whoever"),
    ),
    Rule(
        "quote-unattributed",
        ERROR,
        "words in quotation marks that are neither a marked quotation nor a declared scare quote",
        Example(PRAISE, "that he said extended", "that he said “extended”", at="“extended”"),
    ),
    Rule(
        "quote-unfootnoted",
        ERROR,
        "a marked quotation without its footnote reference",
        Example(
            WARNING,
            "{ #q-rosengolts-deviation }[^q-rosengolts-deviation]",
            "{ #q-rosengolts-deviation }",
            at="{ #q-rosengolts-deviation }",
            shift=len("{ #q-rosengolts-deviation }"),
        ),
    ),
    Rule(
        "quote-footnote-mismatch",
        ERROR,
        "a quotation's footnote label differs from its id",
        Example(
            WARNING,
            "}[^q-rosengolts-deviation]\n",
            "}[^q-deviation]\n",
            at="[^q-deviation]",
            shift=len("[^q-deviation]"),
        ),
    ),
    Rule(
        "quote-unknown-id",
        ERROR,
        "a bracketed span with an id that no quotation of the source list has",
        Example(WARNING, "{ #q-rosengolts-deviation }", "{ #q-rosengolts-threat }", at="[“Whoever"),
    ),
    Rule(
        "quote-markup",
        ERROR,
        "a quotation's markup wraps more than the words in quotation marks",
        Example(
            PRAISE,
            "” Most beloved”]{ #q-vyshinsky-epithets }[^q-vyshinsky-epithets] and so on.",
            "” Most beloved” and so on]{ #q-vyshinsky-epithets }[^q-vyshinsky-epithets].",
            at="“great,”",
        ),
    ),
    Rule(
        "quote-wording",
        ERROR,
        "a quotation's words differ from the source list's",
        Example(WARNING, "a sad and unfortunate end", "a bad and unfortunate end", at="bad and unfortunate"),
    ),
    Rule(
        "quote-speaker",
        ERROR,
        "the person the prose names before a quotation is not its speaker in the source list",
        Example(
            PRAISE,
            "Another defendant, Rosenholz, shouted",
            "Another defendant, Bukharin, shouted",
            at="Bukharin, shouted",
        ),
    ),
    # --- footnotes -------------------------------------------------------------------------------
    Rule(
        "footnote-missing-definition",
        ERROR,
        "a footnote reference without its definition",
        Example(PRAISE, "\n[^q-vyshinsky-epithets]:", "\n[^q-vyshinsky-epithets-x]:", at="[^q-vyshinsky-epithets] and"),
    ),
    Rule(
        "footnote-duplicate",
        ERROR,
        "a footnote defined twice",
        Example(
            PRAISE,
            "\n[^q-bukharin-hope-of-mankind]:",
            "\n[^q-bukharin-hope-of-mankind]: twice\n[^q-bukharin-hope-of-mankind]:",
            at="[^q-bukharin-hope-of-mankind]:",
            occurrence=2,
        ),
    ),
    Rule(
        "footnote-unreferenced",
        ERROR,
        "a footnote definition that nothing refers to",
        Example(
            PRAISE,
            "\n[^q-vyshinsky-epithets]:",
            "\n[^q-stray]: a note nobody points at\n[^q-vyshinsky-epithets]:",
            at="[^q-stray]:",
        ),
    ),
    Rule(
        "footnote-text",
        ERROR,
        "a quotation's footnote says other than what the source list generates (run --write)",
        Example(
            WARNING,
            "**Arkady Pavlovich Rosengolts**, defendant.",
            "**Arkady Pavlovich Rosengolts**, witness.",
            at="[^q-rosengolts-deviation]:",
        ),
    ),
    Rule(
        "footnote-order",
        ERROR,
        "footnote definitions out of reading order, so their numbers would run out of order",
        Example(
            PRAISE,
            r"^(\[\^q-vyshinsky-epithets\]:.*\n)((?:.*\n)*)",
            r"\2\1",
            at="[^q-bukharin-hope-of-mankind]:",
            regex=True,
        ),
    ),
    Rule(
        "footnote-markup",
        ERROR,
        "a footnote on a chapter page that runs over more than one line",
        Example(
            WARNING,
            "online reader page 80 of 453.\n",
            "online reader page 80 of 453.\n    A second paragraph.\n",
            at="    A second",
        ),
    ),
    Rule(
        "footnote-not-quotation",
        ERROR,
        "a footnote on a chapter page that is not a quotation's: editor's notes belong in the source list",
        Example(
            PRAISE, "\n[^q-vyshinsky-epithets]:", "\n[^n-1]: An editor's aside.\n[^q-vyshinsky-epithets]:", at="[^n-1]:"
        ),
    ),
    # --- the chapter as a whole ------------------------------------------------------------------
    Rule(
        "text-fidelity",
        ERROR,
        "the chapter pages, stripped of their markup, differ from the original text",
        Example(PRAISE, "overwhelmed with emotion", "overcome with emotion", at="Bukharin was"),
    ),
    Rule(
        "paragraph-id",
        ERROR,
        "a chapter paragraph without its id line",
        Example(WARNING, "{: #p-stalins-goals }\n", "", at="One of Stalin’s goals"),
    ),
    Rule(
        "duplicate-id",
        ERROR,
        "an id used twice across the chapter",
        Example(PRAISE, "{: #p-network-of-links }", "{: #p-stalins-goals }", at="In order to portray"),
    ),
    Rule(
        "note-paragraph",
        ERROR,
        "an editor's note attached to a paragraph id that does not exist",
        Example(
            YML,
            "    paragraph: p-praise-in-speeches\n",
            "    paragraph: p-praise-in-speech\n",
            at="paragraph: p-praise-in-speech",
        ),
    ),
    Rule(
        "note-term",
        ERROR,
        "an editor's note on words its paragraph does not contain",
        Example(YML, "    term: Velicki\n", "    term: Vyshinsky\n", at="term: Vyshinsky"),
    ),
    Rule(
        "name-unknown",
        ERROR,
        "a capitalised word inside a sentence that is no known spelling of a person nor listed in not_names",
        Example(YML, " Denmark,", "", at="Denmark", in_file=PRAISE),
    ),
    # --- editorial pages -------------------------------------------------------------------------
    Rule(
        "editorial-quote",
        ERROR,
        "words in quotation marks on an editorial page that are not the chapter's words",
        Example(
            "docs/index.md", "one short text", "one short text, “Stalin is innocent of every crime”", at="“Stalin is"
        ),
    ),
    Rule(
        "editorial-html",
        ERROR,
        "HTML or a link on an editorial page that could run or load anything",
        Example("docs/index.md", "one short text", 'one short text <img src=x onerror="alert(1)">', at="<img"),
    ),
    Rule(
        "entry-unknown",
        ERROR,
        "an entry marker `<!-- person: id -->` or `<!-- work: id -->` names no entry",
        Example("docs/index.md", "<!-- work: orlov-1953 -->", "<!-- work: orlov-1935 -->", at="<!-- work: orlov-1935"),
    ),
)
BY_ID = {rule.id: rule for rule in RULES}


def severity_of(rule_id: str) -> Severity:
    return BY_ID[rule_id].severity


def table() -> str:
    """The README's table of rules, in Markdown."""
    lines = ["| Rule | Severity | What it finds | Fails, for example |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        lines.append(f"| `{rule.id}` | {rule.severity.value} | {rule.summary} | {_example(rule.example)} |")
    return "\n".join(lines)


def _example(example: Example) -> str:
    if example.raw is not None or example.after is None or not (example.before or example.after):
        return f"`{example.path}` " + ("removed" if example.after is None else "as bytes the rule refuses")
    shown = " ".join(repr(example.after).strip("'\"").split())
    return f"`{example.path}`: `{shown[:90].replace('|', '¦')}`"


README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
BETWEEN = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)


def readme_with_table(readme: str) -> str:
    return BETWEEN.sub(lambda _: f"{START}\n{table()}\n{END}", readme, count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checker.registry", description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-readme", action="store_true", help="rewrite the table of rules in README.md")
    args = parser.parse_args(argv)
    if not args.write_readme:
        print(table())
        return 0
    README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
