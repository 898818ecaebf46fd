"""Attacks on the editorial input, each refused with one finding line at the place of the attack:
by the checker (`./edition check`, the first step of every build) or by the output guard (the last
step of every build). Run in this process on the mini fixture (tests/inprocess.py).

A hostile editor tries to publish a made-up quotation (“Stalin is innocent of every crime.”), to
change the chapter's words, to give a quotation to another speaker or a fact to no source, or to put
something live on a page, every way the input leaves open. Every attack the old suite held (before
the rework: footnotes stored in the pages, 82 rules) is here in the new input format, with the
intent kept where the mechanism is gone; the new ones follow. Each case names the rule that refuses
it and the text its finding points at."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from conftest import LOOKALIKES, Project, position
from inprocess import guarded

from tools.checker import Result
from tools.model.findings import Finding
from tools.model.loading import load

YML = "data/sources.yml"
PRAISE = "docs/praise.md"
WARNING = "docs/warning.md"
INDEX = "docs/index.md"
ANCHORS = "anchors.yml"
MADE_UP = "Stalin is innocent of every crime."
PARAGRAPH_END = "{: #p-praise-in-speeches }\n"
SENTENCE = "published; “Velicki” in it is Vyshinsky."
SUMMARY = "    summary: Bolshevik theorist; shot after the 1938 trial."
GUARD = ("guard-", "phrase-link")  # the output guard's rules: the pages must be rendered
FINDING = re.compile(r"^[^\s:]+:\d+:\d+: [a-z]+(?:-[a-z]+)* \S.*$")


@dataclass(frozen=True)
class Attack:
    """Replace `old` by `new` in `path` (each edit in turn); refused by `rule` at the first `at` of
    `where` (the edited file unless said), or at 1:1 when `at` is empty."""

    name: str
    edits: tuple[tuple[str, str, str], ...]
    rule: str
    at: str
    where: str = ""

    def apply(self, project: Project) -> None:
        for path, old, new in self.edits:
            project.replace(path, old, new)


def edit(name: str, path: str, old: str, new: str, rule: str, at: str, where: str = "") -> Attack:
    return Attack(name, ((path, old, new),), rule, at, where)


def after_paragraph(name: str, block: str, rule: str, at: str) -> Attack:
    return edit(name, PRAISE, PARAGRAPH_END, f"{PARAGRAPH_END}\n{block}\n", rule, at)


def in_index(name: str, replacement: str, rule: str, at: str) -> Attack:
    return edit(name, INDEX, SENTENCE, replacement, rule, at)


def in_summary(name: str, summary: str, rule: str) -> Attack:
    return edit(name, YML, SUMMARY, f"    summary: {summary}", rule, f"summary: {summary[:12]}")


def in_heading(name: str, heading: str, rule: str, at: str) -> Attack:
    return edit(name, PRAISE, "# Praise in the courtroom", f"# {heading}", rule, at)


def anchors(name: str, text: str, rule: str, at: str) -> Attack:
    return edit(name, ANCHORS, "redirects: {}\naliases: {}\n", text, rule, at)


def renamed(new_id: str, speaker: str, introduced_as: str) -> tuple[tuple[str, str, str], ...]:
    """Bukharin's quotation under another id, given to another speaker."""
    return (
        (PRAISE, "{ #q-bukharin-hope-of-mankind }", f"{{ #{new_id} }}"),
        (YML, "  - id: q-bukharin-hope-of-mankind\n", f"  - id: {new_id}\n"),
        (
            YML,
            "    speaker: bukharin\n    introduced_as: Bukharin",
            f"    speaker: {speaker}\n    introduced_as: {introduced_as}",
        ),
    )


# --- the old suite's attacks, in the new input format ------------------------------------------

OLD = [
    # a made-up quotation, by every kind of block a chapter page could hold (checker/test_attacks.py)
    after_paragraph("in a blockquote", f"> “{MADE_UP}”", "page-block", "> “Stalin"),
    after_paragraph("in a list item", f"- “{MADE_UP}”", "page-block", "- “Stalin"),
    after_paragraph("in an admonition", f'!!! quote "Vyshinsky"\n    {MADE_UP}', "page-block", "    Stalin"),
    after_paragraph("in raw HTML", f"<p>“{MADE_UP}”</p>", "page-block", "<p>"),
    after_paragraph("a script block", "<script>alert(1)</script>", "page-block", "<script>"),
    # footnotes are no longer stored in pages: a footnote definition is a block outside the grammar
    after_paragraph("in a footnote", f"[^claim]: Vyshinsky said “{MADE_UP}”", "page-block", "[^claim]"),
    edit(
        "in an editors' heading",
        PRAISE,
        PARAGRAPH_END,
        f"{PARAGRAPH_END}\n## Vyshinsky: “{MADE_UP}” {{ #claim .editor-heading }}\n",
        "heading-quote",
        "Vyshinsky: “",
    ),
    edit(
        "an empty list of chapter pages", YML, "pages: [warning.md, praise.md]", "pages: []", "yaml-schema", "pages: []"
    ),
    Attack(
        "a quotation id without q-, given to another speaker",
        renamed("x-bukharin", "rosengolts", "Bukharin"),
        "page-mark",
        "]{ #x-bukharin }",
        PRAISE,
    ),
    Attack(
        "a quotation given to another speaker under a new id",
        renamed("q-hope", "rosengolts", "Bukharin"),
        "quote-speaker",
        "introduced_as: Bukharin",
        YML,
    ),
    Attack(
        "... and introduced as that speaker",
        renamed("q-hope", "rosengolts", "Rosenholz"),
        "quote-speaker",
        "[“He (naturally",
        PRAISE,
    ),
    edit(
        "an event handler in a quotation's mark",
        WARNING,
        "{ #q-rosengolts-deviation }",
        '{ #q-rosengolts-deviation onmouseover="alert(1)" }',
        "page-mark",
        "]{ #q-rosengolts",
    ),
    edit(
        "two ids on one quotation",
        WARNING,
        "{ #q-rosengolts-deviation }",
        "{ #q-rosengolts-deviation #q-zz }",
        "page-mark",
        "]{ #q-rosengolts",
    ),
    # the entry markers of the old editors' pages are gone: any comment but the build's is HTML
    edit(
        "a mistyped marker on an editors' page",
        INDEX,
        "<!-- status-counts -->",
        "<!-- person: orlof -->",
        "editorial-markup",
        "<!-- person",
    ),
    edit("a YAML tag on a value", YML, "    year: 1953\n", "    year: !!int abc\n", "yaml-syntax", "!!int"),
    edit(
        "a blank locator",
        YML,
        "        locator: online reader page 80 of 453\n        read_at: https://m.tululu.org/bread_38283_80.xhtml\n",
        '        locator: " "\n        read_at: https://m.tululu.org/bread_38283_80.xhtml\n',
        "yaml-schema",
        'locator: " "',
    ),
    in_summary(
        "a misquotation of the chapter in a summary",
        "He said in court that Stalin “is the hope of humanity! He is a great creator!”",
        "prose-quote",
    ),
    # the hostile review's attacks on the editors' pages (checker/test_review_attacks.py)
    in_index(
        "words of the chapter, each quoted alone, stitched",
        "published; Orlov calls “Stalin” “glorious”.",
        "prose-quote",
        "“glorious”",
    ),
    in_index(
        "a cut joining two sources' words into one quotation",
        "published; a source wrote “the accused Nikolai Ivanovich Bukharin […] the Soviet jurist who prosecuted”.",
        "prose-quote",
        "“the accused",
    ),
    in_index(
        "a word of the chapter quoted alone",
        "published; Orlov calls Stalin “glorious”.",
        "prose-quote",
        "“glorious”",
    ),
    in_index(
        "the theme's quotation box by its class",
        f'published.\n\n<div class="admonition quote" markdown>\n{MADE_UP}\n</div>\n',
        "editorial-markup",
        '<div class="admonition',
    ),
    in_index(
        "a title attribute on an element",
        'published; <abbr title="&lt;img src=x onerror=alert(1)&gt;">Velicki</abbr>',
        "editorial-markup",
        "<abbr",
    ),
    in_index(
        "a javascript: link by reference",
        "published; [Velicki][evil].\n\n[evil]: javascript:alert(document.domain)",
        "editorial-markup",
        "javascript:alert(document",
    ),
    in_index(
        "a javascript: link behind a reference",
        'published; <a href="&#106;avascript:alert(1)">Velicki</a>',
        "editorial-markup",
        "<a href",
    ),
    in_index(
        "a javascript: link with a tab and a named reference",
        "published; [Velicki](java&Tab;script&colon;alert(1))",
        "editorial-markup",
        "Velicki](java",
    ),
    in_index(
        "an image from another site, by reference",
        "published; ![Velicki][pixel]\n\n[pixel]: https://evil.example/t.png",
        "editorial-markup",
        "This site presents",
    ),
    in_index(
        "an image from another site", "published; ![x](https://evil.example/t.png)", "editorial-markup", "This site"
    ),
    edit(
        "a description in the page's front matter",
        INDEX,
        "# About this edition",
        '---\ntitle: About\ndescription: x" onload="alert(1)\n---\n\n# About this edition',
        "front-matter",  # a title is all front matter may hold
        "description:",
    ),
    edit(
        "markup in the page's title, which the theme prints outside the article",
        INDEX,
        "# About this edition",
        "---\ntitle: About </title><a href=https://evil.example/>Report a problem</a>\n---\n\n# About this edition",
        "front-matter",
        "title:",
    ),
    in_index(
        "an escaped <a> in a heading",
        'published.\n\n## \\<a href="https://evil.example/">x\\</a>',
        "editorial-markup",
        "<a href",
    ),
    in_index("an id that shadows the theme's", "published.\n\n## Notes { #__config }", "editorial-markup", "__config"),
    in_index("a link out of the site", "published; [x](../../../etc/passwd)", "editorial-markup", "../../../etc"),
    in_index("a file: link", "published; [x](file:///etc/passwd)", "editorial-markup", "file:///"),
    # where a made-up quotation could hide on an editors' page (checker/test_prose.py)
    *[
        in_index(f"hidden: {how}", f"published; {text}", rule, at)
        for how, text, rule, at in [
            ("in a title", f'<span title="Orlov: “{MADE_UP}”">see</span>', "editorial-markup", "<span"),
            ("in code", f"Orlov wrote `“{MADE_UP}”`.", "prose-quote", "“Stalin"),
            ("named references", f"Orlov wrote &ldquo;{MADE_UP}&rdquo;.", "prose-quote", "Stalin is"),
            ("numeric references", f"Orlov wrote &#8220;{MADE_UP}&#8221;.", "prose-quote", "Stalin is"),
            ("ornaments", f"Orlov wrote ❝{MADE_UP}❞.", "prose-quote", "❝Stalin"),
            ("halfwidth corner brackets", f"Orlov wrote ｢{MADE_UP}｣.", "prose-quote", "｢Stalin"),
            ("after a stray apostrophe", f"in the '30s Orlov wrote “{MADE_UP}”", "prose-quote", "“Stalin"),
            ("doubled marks", f"Orlov wrote ““{MADE_UP}””", "prose-quote", "““Stalin"),
            ("two apostrophes", f"Orlov wrote ''{MADE_UP}''", "prose-quote", "''Stalin"),
            ("double primes", f"Orlov wrote ″{MADE_UP}″", "prose-quote", "″Stalin"),
            ("fullwidth apostrophes", f"Orlov wrote ＇{MADE_UP}＇", "prose-quote", "＇Stalin"),
            ("never closed", f"Orlov wrote “{MADE_UP}", "prose-quote", "“Stalin"),
            ("a blockquote", f"\n\n> {MADE_UP}\n> — Alexander Orlov\n", "editorial-markup", "Stalin is"),
            ("a blockquote in a list", f"\n\n- > {MADE_UP}\n", "editorial-markup", "Stalin is"),
            ("an indented blockquote", f"\n\n1. Orlov:\n\n    > {MADE_UP}\n", "editorial-markup", "Stalin is"),
            ("a lazy blockquote", f"\n\n> Velicki\nand {MADE_UP}\n", "editorial-markup", "Velicki\nand"),
            ("the theme's quotation box", f'\n\n!!! quote "Orlov"\n    {MADE_UP}\n', "editorial-markup", "quote"),
            ("a capitalised box", f"\n\n!!! Quote\n    {MADE_UP}\n", "editorial-markup", "Quote"),
            ("a box of two classes", f'\n\n!!! note quote "Orlov"\n    {MADE_UP}\n', "editorial-markup", "note"),
            ("a details box", f"\n\n??? cite\n    {MADE_UP}", "editorial-markup", "Stalin is"),
            ("a piece of a word", "Orlov says “rious”.", "prose-quote", "“rious”"),
            ("a piece of a name", "Orlov names “Stali”.", "prose-quote", "“Stali”"),
            ("words with a cut word", "Velicki said “unique and glori”.", "prose-quote", "“unique"),
        ]
    ],
    # ... in the source list's own texts
    edit(
        "in a status's meaning",
        YML,
        "    meaning: Orlov's word only;",
        f"    meaning: Orlov wrote “{MADE_UP}”;",
        "prose-quote",
        "meaning: Orlov wrote",
    ),
    in_summary("in a summary", f"Orlov wrote of his trial, “{MADE_UP}”", "prose-quote"),
    edit(
        "in a note",
        YML,
        "    text: Velicki is the translation's garbling of Vyshinsky;",
        f"    text: Orlov adds “{MADE_UP}”; Velicki is the translation's garbling of Vyshinsky;",
        "prose-quote",
        "text: Orlov adds",
    ),
    edit(
        "in a role",
        YML,
        "    role: defendant, 1938 trial",
        f"    role: defendant, who said “{MADE_UP}”",
        "prose-quote",
        "role: defendant, who",
    ),
    edit(
        "a spelling that is a sentence",
        YML,
        "    variants: [Stalin]",
        f"    variants: [Stalin, {MADE_UP}]",
        "yaml-schema",
        "Stalin is innocent",
    ),
    edit(  # a quotation unmarked and declared away from its footnote (a fresh attack, C9)
        "a sentence declared a scare quote",
        YML,
        "  - text: network of conspiracy links",
        "  - text: every one of the defendants was a spy and a traitor",
        "yaml-schema",
        "text: every one of the defendants",
    ),
    edit(
        "a scare quote the chapter does not have",
        YML,
        "  - text: network of conspiracy links",
        "  - text: Stalin is innocent",
        "scare-quote",
        "text: Stalin is innocent",
    ),
    # the old rules on one quotation, its speaker and its words (checker/test_rules.py)
    edit(
        "a swapped speaker in the prose",
        PRAISE,
        "Another defendant, Rosenholz, shouted",
        "Another defendant, Bukharin, shouted",
        "quote-speaker",
        "[“Long live",
    ),
    edit(
        "a changed word in a quotation",
        WARNING,
        "a sad and unfortunate",
        "a bad and unfortunate",
        "text-fidelity",
        "bad and",
    ),
    edit(
        "a changed part of a quotation",
        YML,
        "text: [great, genius, wise,",
        "text: [great, genius, wide,",
        "quote-wording",
        "[“great",
        PRAISE,
    ),
    edit("a quoted part dropped", PRAISE, " “wise,”", "", "text-fidelity", "” Most"),
    edit(
        "a quotation's entry deleted",
        YML,
        "  - id: q-rosengolts-deviation\n",
        "  - id: q-rosengolts-gone\n",
        "quote-unknown",
        "[“Whoever",
        WARNING,
    ),
    edit(
        "an unmarked quotation",
        PRAISE,
        "that he said extended",
        "that he said “extended”",
        "quote-unmarked",
        "“extended”",
    ),
    edit(
        "marked with words outside the quotation",
        PRAISE,
        "” Most beloved”]{ #q-vyshinsky-epithets } and so on.",
        "” Most beloved” and so on]{ #q-vyshinsky-epithets }.",
        "page-mark",
        "[“great",
    ),
    edit(
        "a quotation's closing mark removed",
        WARNING,
        "unfortunate end!”]",
        "unfortunate end!]",
        "text-fidelity",
        "end!]",
    ),
    edit("a paragraph without its id", WARNING, "{: #p-stalins-goals }\n", "", "page-block", "One of Stalin"),
    edit(
        "a paragraph id used twice",
        PRAISE,
        "{: #p-network-of-links }",
        "{: #p-stalins-goals }",
        "id-unique",
        "In order",
    ),
    edit(
        "a quotation marked twice",
        PRAISE,
        "{ #q-bukharin-hope-of-mankind }",
        "{ #q-rosengolts-deviation }",
        "quote-unknown",
        "id: q-rosengolts-deviation",
        YML,
    ),
    edit(
        "a note on a missing paragraph",
        YML,
        "    paragraph: p-praise-in-speeches",
        "    paragraph: p-praise-in-speech",
        "reference",
        "paragraph: p-praise-in-speech",
    ),
    edit(
        "a note on words its paragraph lacks",
        YML,
        "    term: Velicki\n",
        "    term: Trotsky\n",
        "reference",
        "term: Trotsky",
    ),
    edit("a name with no entry", YML, "Denmark, ", "", "name-unknown", "Denmark", PRAISE),
    edit(
        "a misspelt name",
        PRAISE,
        "Another defendant, Rosenholz,",
        "Another defendant, Rozenholz,",
        "name-unknown",
        "Rozenholz",
    ),
    edit(
        "a word changed outside a quotation",
        PRAISE,
        "was overwhelmed with emotion",
        "was overcome with emotion",
        "text-fidelity",
        "overcome",
    ),
    edit(
        "a sentence dropped",
        PRAISE,
        " On one occasion, he ended his speech like this.",
        "",
        "text-fidelity",
        "on.\n{: #p-praise-in-speeches",
    ),
    edit(
        "a paragraph added",
        PRAISE,
        PARAGRAPH_END,
        f"{PARAGRAPH_END}\n{MADE_UP}\n{{: #p-added }}\n",
        "text-fidelity",
        "Stalin is",
    ),
    edit(
        "the reference copy changed", "original/chapter.txt", "For this reason", "For that reason", "text-original", ""
    ),
    # The text and its page changed together, with a pin in the source list (a fresh attack, C1): the
    # pin is original.lock's, which is code, and the source list has no field for one.
    Attack(
        "the reference copy and its page changed together",
        (
            ("original/chapter.txt", "For this reason", "For that reason"),
            (PRAISE, "For this reason", "For that reason"),
        ),
        "text-original",
        "",
        "original/chapter.txt",
    ),
    edit(
        "a pin of the text in the source list",
        YML,
        "  original: original/chapter.txt\n",
        "  original: original/chapter.txt\n  original_sha256: " + "0" * 64 + "\n",
        "yaml-schema",
        "original_sha256",
    ),
    # ... and on its sources, facts and dates
    edit(
        "a verified quotation without the Report's words",
        YML,
        "    status: attributed",
        "    status: verified",
        "status-verified",
        "status: verified",
    ),
    edit(
        "one footnote called twice on an editors' page",
        INDEX,
        SENTENCE,
        SENTENCE + " See the note[^a] and the note again[^a]\n\n[^a]: The editors.\n",
        "editorial-markup",
        "[^a]: The editors.",
    ),
    edit(
        "an address by number, as a browser reads 0x7f.1",
        YML,
        "https://archive.org/details/reportofcourtpro1938",
        "http://0x7f.1/details/reportofcourtpro1938",
        "yaml-schema",
        "read_at: http://0x7f.1",
    ),
    edit(
        "an address with an empty label in its host",
        YML,
        "https://archive.org/details/reportofcourtpro1938",
        "https://.archive.org/details/reportofcourtpro1938",
        "yaml-schema",
        "read_at: https://.archive.org",
    ),
    edit(
        "a date in a wording's note that no words read give",
        YML,
        "      copy: unauthorised\n    literal: Pitiful",
        "      copy: unauthorised\n      note: it breaks off; printed on 3 March 1936\n    literal: Pitiful",
        "fact-date",
        "note: it breaks off",
    ),
    in_summary("an internal file name in the source list's prose", "kept in original/chapter.txt.", "export-words"),
    in_summary("a file name split by emphasis", "kept in sources.*yml*.", "export-words"),
    edit(
        "a trial's report of no known year",
        YML,
        "    year: 1938\n    sources:\n      - work: report-1938",
        "    year: null\n    sources:\n      - work: report-1938",
        "date-order",
        "report: report-1938",
    ),
    edit(
        "a trial's report that is no official record",
        YML,
        "    kind: primary\n    short: Report 1938",
        "    kind: press\n    short: Report 1938",
        "reference",
        "report: report-1938",
    ),
    edit(
        "a trial's report dated before the trial",
        YML,
        "    year: 1938\n    sources:\n      - work: report-1938",
        "    year: 1936\n    sources:\n      - work: report-1938",
        "date-order",
        "report: report-1938",
    ),
    edit(
        "an attributed quotation whose speaker only the chapter's own words give",
        YML,
        "        covers: [speaker, trial, occasion, date]",
        "        covers: [trial, occasion, date]",
        "status-attributed",
        "status: attributed",
    ),
    edit(
        "another text's wording of a quotation, read at no address",
        YML,
        "      locator: online reader page 80 of 453\n      read_at: https://m.tululu.org/bread_38283_80.xhtml\n      copy: unauthorised\n",
        "      locator: online reader page 80 of 453\n",
        "source-copy",
        "russian:",
    ),
    edit(
        "a denied domain",
        YML,
        "https://archive.org/details/reportofcourtpro1938",
        "https://de.metapedia.org/wiki/x",
        "source-denied",
        "read_at: https://de.metapedia",
    ),
    edit(
        "a denied domain as a mirror's page",
        YML,
        "        read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin\n",
        "        read_at: https://liquisearch.com/nikolai_bukharin\n        copy: mirror\n"
        "        canonical: https://en.metapedia.org/wiki/Nikolai_Bukharin\n",
        "source-denied",
        "canonical: https://en.metapedia",
    ),
    edit(
        "a copy site cited as the original",
        YML,
        "read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
        "read_at: https://liquisearch.com/nikolai_bukharin",
        "source-copy",
        "read_at: https://liquisearch",
    ),
    edit(
        "a mirror that names no page it copies",
        YML,
        "        copy: scan\n",
        "        copy: mirror\n",
        "source-copy",
        "copy: mirror",
    ),
    edit(
        "a site's home page as a source",
        YML,
        "https://en.wikipedia.org/wiki/Joseph_Stalin",
        "https://en.wikipedia.org/",
        "source-home-page",
        "read_at: https://en.wikipedia.org/\n",
    ),
    edit(
        "a denied domain written as an address",
        YML,
        "    - domain: metapedia.org",
        "    - domain: https://metapedia.org/",
        "yaml-schema",
        "domain: https",
    ),
    edit(
        "a Russian date without its calendar",
        YML,
        "    born: 1889-11-16\n    born_old_style: 1889-11-04\n",
        "    born: 1889-11-16\n",
        "date-calendar",
        "born: 1889-11-16",
    ),
    edit(
        "an Old Style date one day off",
        YML,
        "    born_old_style: 1888-09-27\n",
        "    born_old_style: 1888-09-28\n",
        "date-calendar",
        "born_old_style: 1888-09-28",
    ),
    edit(
        "an Old Style date after the change",
        YML,
        "    died: 1938-03-15\n    role: defendant, 1938 trial",
        "    died: 1938-03-15\n    died_old_style: 1938-03-02\n    role: defendant, 1938 trial",
        "date-calendar",
        "died_old_style: 1938",
    ),
    edit(
        "an Old Style date and a calendar both",
        YML,
        "    born_old_style: 1889-11-04\n",
        "    born_old_style: 1889-11-04\n    born_calendar: gregorian\n",
        "date-calendar",
        "born_calendar",
    ),
    edit(
        "a date no source gives",
        YML,
        "    date: 1938-03-12\n    date_inferred: true\n    status: unverified",
        "    date: 1938-03-13\n    date_inferred: true\n    status: unverified",
        "fact-date",
        "date: 1938-03-13",
    ),
    edit(
        "a trial that ends before it starts",
        YML,
        "    end: 1938-03-13",
        "    end: 1938-02-13",
        "yaml-schema",
        "end: 1938-02-13",
    ),
    edit(
        "an impossible date", YML, "    start: 1938-03-02", "    start: 1938-02-30", "yaml-schema", "start: 1938-02-30"
    ),
    edit(
        "a fact no source covers",
        YML,
        "        covers: [speaker, role, occasion]",
        "        covers: [speaker, role]",
        "fact-uncovered",
        "occasion: his speeches",
    ),
    # anchors.yml: what the build would write and where it would send a reader (checker/test_moves_and_links.py)
    *[
        anchors(f"anchors: {why}", text, "anchors", at)
        for why, text, at in [
            ("a redirect out of the site", 'redirects:\n  "../../escaped.html": praise.html\n', '"../../'),
            ("a redirect to javascript:", 'redirects:\n  old.html: "javascript:alert(document.domain)"\n', "old.html"),
            ("a redirect to another site", "redirects:\n  old.html: https://evil.example/x.html\n", "old.html"),
            ("a redirect from the root", "redirects:\n  /etc/cron.html: praise.html\n", "/etc/cron"),
            ("a backslash", 'redirects:\n  "a\\\\b.html": praise.html\n', '"a'),
            ("a redirect climbing out", "redirects:\n  old.html: ../praise.html\n", "old.html"),
            ("not a page name", "redirects:\n  old.htm: praise.html\n", "old.htm"),
            ("a redirect to no page", "redirects:\n  old.html: gone.html\n", "old.html"),
            ("a page that is still there", "redirects:\n  praise.html: warning.html\n", "praise.html"),
            ("a redirect to a redirect", "redirects:\n  a.html: b.html\n  b.html: praise.html\n", "a.html"),
            (
                "an alias without an anchor",
                "aliases:\n  praise.html: praise.html#q-rosengolts-long-live\n",
                "praise.html:",
            ),
            (
                "an alias breaking out",
                'aliases:\n  "praise.html#x\\" onload=\\"alert(1)": praise.html#p-praise-in-speeches\n',
                '"praise',
            ),
            (
                "an alias to another page",
                "aliases:\n  warning.html#q-old: praise.html#q-rosengolts-long-live\n",
                "warning.html#q-old",
            ),
            ("an unknown section", "redirect:\n  old.html: praise.html\n", "redirect:"),
            ("a list for a mapping", "redirects: [old.html]\n", "redirects:"),
            ("a phrase link to another site", 'phrases:\n  x: "javascript:alert(1)#p:~:text=a"\n', "x:"),
        ]
    ],
    anchors(
        "anchors: a key twice",
        "redirects:\n  old.html: praise.html\n  old.html: warning.html\n",
        "yaml-syntax",
        "old.html: warning",
    ),
    anchors(
        "anchors: an alias to no anchor",
        "aliases:\n  praise.html#q-old: praise.html#q-nowhere\n",
        "guard-link",
        "praise.html#q-old",
    ),
    anchors(
        "anchors: an address of half a megabyte, in every finding that names it",
        "aliases:\n  praise.html#q-old: praise.html#q-" + "9" * 500_000 + "\n",
        "anchors",
        "praise.html#q-old",
    ),
    # a text fragment's own syntax in its words: a browser reads "a,b" as a range, "-,a" as a prefix
    anchors(
        "anchors: a phrase link whose words hold a range",
        'phrases:\n  x: "praise.html#p-praise-in-speeches:~:text=Stalin,genius"\n',
        "anchors",
        "x:",
    ),
    anchors(
        "anchors: a phrase link breaking out",
        'phrases:\n  x: "praise.html#p-praise-in-speeches:~:text=a\\" onclick=\\"alert(1)"\n',
        "phrase-link",
        "x:",
    ),
]

# --- new attacks: a quotation mark spelled another way ---------------------------------------

SPELLINGS = [
    ("triple primes", "\u2034{}\u2034"),
    ("quadruple primes", "\u2057{}\u2057"),
    ("reversed double primes", "\u2036{}\u2036"),
    ("modifier letter double primes", "\u02ba{}\u02ba"),
    ("double acute accents", "\u02dd{}\u02dd"),
    ("the Latin letter saltillo, doubled", "\ua78c\ua78c{}\ua78c\ua78c"),
    ("the capital saltillo, doubled", "\ua78b\ua78b{}\ua78b\ua78b"),
    ("the Yiddish double yod", "\u05f2{}\u05f2"),
    ("CJK double angle brackets", "\u300a{}\u300b"),
    ("CJK angle brackets", "\u3008{}\u3009"),
    ("vertical corner brackets", "\ufe41{}\ufe42"),
    ("sans-serif heavy ornaments", "\U0001f676{}\U0001f677"),
    ("okina, doubled", "\u02bb\u02bb{}\u02bb\u02bb"),
    ("Armenian apostrophes, doubled", "\u055a\u055a{}\u055a\u055a"),
    ("typewriter guillemets", "<< {} >>"),
    ("much-less-than signs", "\u226a{}\u226b"),
    ("apostrophes with a variation selector between", "'\ufe00'{}'\ufe00'"),
    ("named references for apostrophes", "&apos;&apos;{}&apos;&apos;"),
    ("references without a semicolon", "&#x201C{}&#x201D"),
    ("a low then a high reference", "&bdquo;{}&ldquo;"),
    ("Markdown-escaped straight marks", '\\"{}\\"'),
    ("Markdown-escaped grave accents", "\\`\\`{}\\'\\'"),
]
# Where the input spells the marks as references or escapes, the finding is at the quoted words.
AT = {
    "named references for apostrophes": "Stalin is",
    "references without a semicolon": "Stalin is",
    "a low then a high reference": "Stalin is",
    "Markdown-escaped straight marks": '"Stalin',
    "Markdown-escaped grave accents": "Stalin is",
}
NEW_SPELLINGS = [
    in_index(
        f"a quotation in {how}",
        f"published; Orlov wrote {marks.format(MADE_UP)}",
        "prose-quote",
        AT.get(how, marks.format(MADE_UP)[:8]),
    )
    for how, marks in SPELLINGS
]
NEW_SPELLINGS += [
    # one medium's words inside a quotation: whole it is the chapter's, as the other medium reads it
    # (the PDF drops the screen's words) a word is gone (a third attack)
    *(
        in_index(
            f"a quotation cut by words for {medium} only",
            "published; Orlov: “He (naturally, Stalin – the author) is [the hope]{ .medium-"
            + medium
            + " } of mankind!”",
            "prose-quote",
            "“He (naturally",
        )
        for medium in ("screen", "paper")
    ),
    # a combining mark on no letter draws a quotation mark of its own: refused as hidden text
    in_index(
        "a quotation in combining double acute accents",
        f"published; Orlov wrote \u00a0\u030b{MADE_UP}\u00a0\u030b",
        "file-text",
        "\u030b",
    ),
    in_summary(
        "a quotation in combining marks, as YAML escapes",
        f'"Orlov wrote \\u00a0\\u030e{MADE_UP}\\u00a0\\u030e"',
        "yaml-schema",
    ),
    in_summary("a quotation in a summary, in triple primes", f"Orlov wrote \u2034{MADE_UP}\u2034", "prose-quote"),
    in_summary(
        "a quotation in a summary, doubled saltillos", f"Orlov wrote \ua78c\ua78c{MADE_UP}\ua78c\ua78c", "prose-quote"
    ),
    in_heading("an editors' heading in CJK angle brackets", f"Praise: 《{MADE_UP}》", "heading-quote", "Praise: 《"),
    in_heading("an editors' heading in typewriter guillemets", f"Praise: << {MADE_UP} >>", "page-block", "# Praise:"),
    in_index(
        "stitched quotations, each the chapter's words",
        "published; Orlov says “Trotsky” “invented a” “network of conspiracy links”.",
        "prose-quote",
        "“Trotsky”",
    ),
    in_summary(
        "stitched quotations in a summary",
        "Orlov says “Trotsky” “invented a” “network of conspiracy links”.",
        "prose-quote",
    ),
    in_index(
        "a quotation in a link title",
        f'published; [Velicki](warning.md "“{MADE_UP}”")',
        "guard-quote",
        "“Stalin",
    ),
    in_index(
        "a quotation in an abbreviation's title",
        f"published.\n\n*[Start]: “{MADE_UP}”",
        "guard-quote",
        "“Stalin",
    ),
    edit(
        "a quotation in an attribute list's title",
        INDEX,
        "[Start reading](warning.md){ .md-button .md-button--primary }",
        f'[Start reading](warning.md){{ .md-button title="“{MADE_UP}”" }}',
        "guard-quote",
        "“Stalin",
    ),
]

# --- new attacks: markup smuggled in ---------------------------------------------------------

PAYLOAD = "[x](javascript:alert()) <img src=x onerror=alert()> <script>alert()</script> { onclick=alert() } [^a]"
NEW_MARKUP = [
    in_index("an autolink to javascript:", "published; <javascript:alert(1)>", "editorial-markup", "<javascript"),
    in_index("an autolink to another site", "published; <https://evil.example/>", "editorial-markup", "<https"),
    in_index(
        "a reference link, mixed case",
        "published; [Velicki][e].\n\n[e]: JaVaScRiPt:alert(1)",
        "editorial-markup",
        "JaVaScRiPt",
    ),
    in_index(
        "a footnote on an editors' page", "published[^1].\n\n[^1]: Orlov adds nothing.", "editorial-markup", "This site"
    ),
    in_index(
        "a bracketed span with a handler",
        'published; [Velicki]{ onclick="alert(1)" }.',
        "editorial-markup",
        'onclick="alert(1)" }.',
    ),
    edit(
        "an attribute list with a handler on a heading",
        INDEX,
        "## What the statuses mean { #statuses }",
        "## What the statuses mean { #statuses onclick=alert(1) }",
        "editorial-markup",
        "onclick=alert(1) }",
    ),
    edit(
        "an attribute list with a style",
        INDEX,
        "[Start reading](warning.md){ .md-button .md-button--primary }",
        '[Start reading](warning.md){ .md-button style="position:fixed;inset:0" }',
        "editorial-markup",
        "style=",
    ),
    edit(
        "an attribute list that replaces a link",
        INDEX,
        "[Start reading](warning.md){ .md-button .md-button--primary }",
        '[Start reading](warning.md){ .md-button href="javascript:alert(1)" }',
        "editorial-markup",
        'javascript:alert(1)" }',
    ),
    edit(
        "an attribute list that hides words",
        INDEX,
        "[Start reading](warning.md){ .md-button .md-button--primary }",
        "[Start reading](warning.md){ .md-button hidden }",
        "editorial-markup",
        "hidden }",
    ),
    in_index(
        "an HTML heading in an editors' heading",
        "published.\n\n## What <img src=x onerror=alert(1)>",
        "editorial-markup",
        "<img",
    ),
    in_index(
        "a data: link behind a reference", "published; [x](&#x64;ata:text/html,x)", "editorial-markup", "This site"
    ),
    in_index(
        "a data: link, mixed case, after a space", "published; [x]( DaTa:text/html,x)", "editorial-markup", "DaTa:"
    ),
    in_index(
        "a javascript: link with a tab reference",
        "published; [x](jav&#x09;ascript:alert(1))",
        "editorial-markup",
        "This site",
    ),
    in_index(
        "a javascript: link with a line break",
        "published; [x](java&NewLine;script&colon;alert(1))",
        "editorial-markup",
        "This site",
    ),
    in_index(
        "a data: image",
        "published; ![x](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E)",
        "editorial-markup",
        "This site",
    ),
    in_index("a percent-encoded scheme", "published; [x](java%0ascript:alert(1))", "guard-link", "java%0a"),
    in_index(
        "a mailto: link to another address",
        "published; [write](mailto:evil@evil.example)",
        "editorial-markup",
        "mailto:evil",
    ),
    # The contact's address as a prefix of another's, with another beside it, or a copy to another
    # A quotation in a heading of the original: a heading has no mark, note or speaker
    after_paragraph(
        "a quotation in a heading of the chapter",
        "#### “Nobody was guilty” { #nobody }",
        "quote-unmarked",
        "“Nobody was",
    ),
    # The words for one edition only, in the one shape the build reads: a marker within a line was
    # blanked by the checker and kept by the build, so words checked as online-only reached the PDF
    in_index(
        "an edition's marker within a line",
        "published; kept in <!-- online edition -->sources.yml, click it<!-- end --> there.",
        "editorial-markup",
        "published; kept",
    ),
    in_index(
        "an edition's marker never closed",
        "published.\n\n<!-- online edition -->\nClick a note to open it.\n",
        "editorial-markup",
        "<!-- online",
    ),
    in_index(
        "an edition's marker within another",
        "published.\n\n<!-- online edition -->\n<!-- offline edition -->\nx\n<!-- end -->\n",
        "editorial-markup",
        "<!-- offline",
    ),
    in_index("an edition's end that closes nothing", "published.\n\n<!-- end -->\n", "editorial-markup", "<!-- end"),
    # The words of an attribute a reader sees (a link's title, as a tooltip and to a screen reader),
    # held at check as the guard holds them at build
    in_index(
        "a quotation in a link's title",
        'published; see [the chapter](praise.md "Orlov wrote “Stalin was innocent of it all”")',
        "prose-quote",
        "“Stalin was",
    ),
    in_index(
        "a quotation in a link's title given as an attribute",
        'published; see [the chapter](praise.md){ title="Stalin said “I am innocent”" }',
        "prose-quote",
        "“I am innocent",
    ),
    in_index(
        "a mailto: link to a longer address",
        "published; [write](mailto:editors@example.org.evil.example)",
        "editorial-markup",
        "mailto:editors",
    ),
    in_index(
        "a mailto: link to the contact and another",
        "published; [write](mailto:editors@example.org,copy@evil.example)",
        "editorial-markup",
        "mailto:editors",
    ),
    in_index(
        "a mailto: link with a blind copy",
        "published; [write](mailto:editors@example.org?subject=x&BCC=copy@evil.example)",
        "editorial-markup",
        "mailto:editors",
    ),
    edit(
        "a contact that is no address",
        YML,
        "  contact: mailto:editors@example.org",
        "  contact: 'mailto:'",
        "yaml-schema",
        "contact:",
    ),
    edit(
        "a heading of a chapter page with markup",
        PRAISE,
        "# Praise in the courtroom { #praise-in-the-courtroom .editor-heading }",
        "# Praise <b>in</b> the courtroom { #praise-in-the-courtroom .editor-heading }",
        "page-block",
        "# Praise",
    ),
    edit(
        "a person's name",
        YML,
        "    name: Nikolai Ivanovich Bukharin",
        f"    name: Bukharin {PAYLOAD} 1",
        "fact-numbers",
        "name: Bukharin",
    ),
]

# --- a made-up quotation by way of a title ---------------------------------------------------

NEW_OTHER = [
    Attack(
        "a made-up title, then quoted",
        (
            (YML, "    title: The Secret History of Stalin's Crimes\n", f"    title: “{MADE_UP}”\n"),
            (YML, SUMMARY, f"    summary: Orlov wrote “{MADE_UP}”"),
        ),
        "prose-quote",
        "summary: Orlov wrote",
    ),
    edit(
        "a wrong month, the day and year the source's",
        YML,
        "    date: 1938-03-12\n    date_inferred: true\n    status: unverified",
        "    date: 1938-01-12\n    date_inferred: true\n    status: unverified",
        "fact-date",
        "date: 1938-01-12",
    ),
    *[
        edit(
            f"a work's own copy read on {where}",
            YML,
            "read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
            f"read_at: {address}",
            "source-copy",
            f"read_at: {address}",
        )
        for where, address in [
            ("another site", "https://m.allwatchit.com/actor/994271.html"),
            ("a look-alike host", "https://en.wikipedia.org.example.com/wiki/B"),
        ]
    ],
]

# Found by a hostile review after the suite above: a work's own address on a denied domain (shown to
# readers on the sources pages), and a host in fullwidth letters, which a browser maps to ASCII.
NEW_OTHER += [
    edit(
        "a work's own address on a denied domain",
        YML,
        "    url: https://todaychina.cc/1542.html",
        "    url: https://metapedia.org/1542.html",
        "source-denied",
        "url: https://metapedia.org/1542.html",
    ),
    edit(
        "a host in fullwidth letters, which a browser maps to ASCII",
        YML,
        "read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
        "read_at: https://ｍｅｔａｐｅｄｉａ.org/wiki/Nikolai_Bukharin",
        "yaml-schema",
        "read_at: https://ｍｅｔａｐｅｄｉａ.org",
    ),
    Attack(
        "an editors' page named as a page the edition makes",
        (
            (YML, "  editorial: [index.md]", "  editorial: [index.md, sources-press-4.md]"),
            ("docs/sources-press-4.md", "", "# Press { #press }\n\nSome words.\n"),
        ),
        "page-undeclared",
        "sources-press-4.md",
    ),
]

# Semantic attacks, which no syntax rule sees: a fact made to rest on made-up evidence, or given to
# another person by moving a spelling (readings.lock, fact-person, spelling).
BUKHARIN_DATES = (
    "read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin\n        said: 9 October [O.S. 27 September] 1888"
)
NEW_OTHER += [
    edit(
        "a false death date, with the source's words rewritten to give it",
        YML,
        "        said: 9 October [O.S. 27 September] 1888 – 15 March 1938\n        covers: [born, born_old_style, died]",
        "        said: 9 October [O.S. 27 September] 1888 – 15 March 1939\n        covers: [born, born_old_style, died]",
        "source-reading",
        "work: wikipedia\n        read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
    ),
    edit(
        "the same words, said to be read at a made-up address",
        YML,
        BUKHARIN_DATES,
        BUKHARIN_DATES.replace("Nikolai_Bukharin", "Nikolai_Bukharin_(revised)"),
        "source-reading",
        "work: wikipedia\n        read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin_(revised)",
    ),
    edit(
        "a false death date whose day, month and year are each in the source's words",
        YML,
        "    died: 1938-03-15\n    role: principal",
        "    died: 1938-10-09\n    role: principal",
        "fact-date",
        "died: 1938-10-09",
    ),
    edit(
        "a quotation given to a speaker its sources do not name",
        YML,
        "    speaker: rosengolts\n    introduced_as: Rosenholz",
        "    speaker: bukharin\n    introduced_as: Rosenholz",
        "fact-person",
        "speaker: bukharin\n    introduced_as: Rosenholz",
    ),
    Attack(
        "a surname moved into another person's spellings, with his quotation",
        (
            (YML, "    variants: [Bukharin]\n", "    variants: [Bukharin-N]\n"),
            (YML, "    variants: [Rosenholz, Rosengolts]\n", "    variants: [Rosenholz, Rosengolts, Bukharin]\n"),
            (
                YML,
                "    speaker: bukharin\n    introduced_as: Bukharin",
                "    speaker: rosengolts\n    introduced_as: Bukharin",
            ),
        ),
        "spelling",
        "Bukharin]",
    ),
]
NEW_OTHER.append(
    in_summary(
        "another man's source's words, quoted as if of him", "“People's Commissar of Foreign Trade”.", "prose-quote"
    )
)

# --- new attacks: what a screen reader says, and the build's own marks -------------------------

PARAGRAPH_ID = "{: #p-what-this-is }"
BUTTON = "[Start reading](warning.md){ .md-button .md-button--primary }"
NEW_A11Y = [
    # a heading or a term a screen reader lists, with nothing to say; Markdown shown as braces
    in_index(
        "a heading of a no-break space",
        "published.\n\n### &nbsp; { #blank-heading }\n\nWords.",
        "editorial-markup",
        "blank-heading",
    ),
    in_index(
        "a term of a no-break space",
        "published.\n\n&nbsp;\n:   a definition of nothing",
        "editorial-markup",
        "a definition of nothing",
    ),
    in_index(
        "a key=value list that did not render",
        "published.\n\n##  { lang=de }\n\nWords.",
        "editorial-markup",
        "{ lang=de }",
    ),
    in_index(
        "an attribute list that did not render",
        "published.\n\n##  { #empty-h2 }\n\nWords.",
        "editorial-markup",
        "{ #empty-h2 }",
    ),
    edit(
        "a quotation mark in a source's address",
        YML,
        "https://en.wikipedia.org/wiki/Joseph_Stalin",
        "https://en.wikipedia.org/wiki/“Stalin_was_innocent”",
        "yaml-schema",
        "read_at: https://en.wikipedia.org/wiki/“",
    ),
    # a language the page cannot stand behind: a screen reader reads the words in it (WCAG 3.1.1, 3.1.2)
    edit(
        "a language on English words",
        INDEX,
        PARAGRAPH_ID,
        '{: #p-what-this-is lang="ru" }',
        "editorial-markup",
        'lang="ru"',
    ),
    edit(
        "a private use language",
        INDEX,
        PARAGRAPH_ID,
        '{: #p-what-this-is lang="zz-Qaaa-x-evil" }',
        "editorial-markup",
        'lang="zz',
    ),
    edit(
        "a language in capitals", INDEX, PARAGRAPH_ID, '{: #p-what-this-is lang="EN" }', "editorial-markup", 'lang="EN"'
    ),
    edit(
        "a language with a script",
        INDEX,
        PARAGRAPH_ID,
        '{: #p-what-this-is lang="en-Latn" }',
        "editorial-markup",
        'lang="en-Latn"',
    ),
    edit(
        "a language after a space",
        INDEX,
        PARAGRAPH_ID,
        '{: #p-what-this-is lang=" en" }',
        "editorial-markup",
        'lang=" en"',
    ),
    # a link with no name: a screen reader says "link" and nothing more (WCAG 2.4.4, 4.1.2)
    in_index("an empty link", "published; [](warning.md).", "editorial-markup", "[](warning.md)"),
    in_index(
        "a contents label of the editors' own",
        'published.\n\n## Whose words { #whose data-toc-label="Orlov admits the chapter is a forgery" }',
        "editorial-markup",
        "data-toc-label",
    ),
    in_index("a link named by a dot", "published; [.](warning.md).", "editorial-markup", "[.](warning.md)"),
    in_index("a link named by an arrow", "published; [→](warning.md).", "editorial-markup", "[→](warning.md)"),
    in_index("a link of a space", "published; [ ](warning.md).", "editorial-markup", "[ ](warning.md)"),
    in_index(
        "a link of a no-break space", "published; [\u00a0](warning.md).", "editorial-markup", "[\u00a0](warning.md)"
    ),
    in_index(
        "a link of a zero-width space's reference", "published; [&#8203;](warning.md).", "editorial-markup", "This site"
    ),
    in_index(
        "a link with only a title", 'published; [](warning.md "The warning").', "editorial-markup", "[](warning.md"
    ),
    # what the build adds is the build's: a download, its controls' classes, a status badge
    edit(
        "a download on an editors' link",
        INDEX,
        BUTTON,
        '[Start reading](warning.md){ .md-button download="chapter-update.exe" }',
        "editorial-markup",
        "download=",
    ),
    edit(
        "the build's ¶ link class",
        INDEX,
        BUTTON,
        "[Start reading](warning.md){ .headerlink }",
        "editorial-markup",
        "headerlink",
    ),
    edit(
        "the build's print address class",
        INDEX,
        PARAGRAPH_ID,
        "{: #p-what-this-is .print-url }",
        "editorial-markup",
        "print-url",
    ),
    edit(
        "a status badge on the editors' prose",
        INDEX,
        PARAGRAPH_ID,
        "{: #p-what-this-is .status .status-verified }",
        "editorial-markup",
        "status .status-verified",
    ),
]
# Dates that cannot all be true, and days no calendar of the sources reaches (once a traceback: the
# Old Style arithmetic ran out of years). Each refused at its line, whatever a reviewer admitted.
NEW_DATES = [
    edit("a death before the birth", YML, "    died: 1953-03-05", "    died: 1853-03-05", "date-order", "died: 1853"),
    edit("a death after this version", YML, "    died: 1953-03-05", "    died: 2099-03-05", "date-order", "died: 2099"),
    edit("a version dated in the future", YML, "  date: 2026-11-24", "  date: 2099-11-24", "date-order", "date: 2099"),
    edit("a birth after his own words", YML, "    born: 1888-10-09", "    born: 1939", "date-order", "born: 1939"),
    edit(
        "a generation's suffix in the author's name",
        YML,
        "    author: Alexander Orlov",
        "    author: Alexander Orlov Jr.",
        "author-name",
        "author: Alexander Orlov Jr.",
    ),
    # a defendant dead before the trial he spoke at (the fixture's Bukharin, at the 1938 trial)
    edit(
        "a death before his own words",
        YML,
        "    died: 1938-03-15",
        "    died: 1938-03-01",
        "date-order",
        "died: 1938-03-01",
    ),
    edit(
        "a trial's quotation dated after it",
        YML,
        "    date: 1938-03-12\n    date_inferred: true",
        "    date: 1938-04-12\n    date_inferred: true",
        "date-order",
        "date: 1938-04-12",
    ),
    edit(
        "an Old Style day in the last year a date can hold",
        YML,
        "    born_old_style: 1888-09-27\n",
        "    born_old_style: 9999-12-31\n",
        "yaml-schema",
        "born_old_style: 9999",
    ),
    edit("a day in the first year", YML, "    born: 1888-10-09", "    born: 0001-01-03", "yaml-schema", "born: 0001"),
    edit("a month in year nought", YML, "    died: 1953-03-05", '    died: "0000-03"', "yaml-schema", "died: "),
    # a month is given by a date of its year or by its name, not by any number that equals it (the
    # day in "5 March 1953" is not May), nor by a verb ("may") that a month's name is spelt like
    edit("a month from a day's number", YML, "    died: 1953-03-05", '    died: "1953-05"', "fact-numbers", "died: "),
    # a date the editors write in a text is written as a date in its sources' words, as a date field
    # is: its numbers each somewhere in them once passed with the wrong month
    in_summary("a date in a text with another month", "Bolshevik theorist; shot on 15 June 1938.", "fact-date"),
    # letters that look like digits, read as the numbers they look like (Cyrillic З and О)
    in_summary(
        "a number in letters that look like digits", "Bolshevik theorist, one of ЗО defendants.", "fact-numbers"
    ),
    in_summary("a digit and a letter that looks like one", "Bolshevik theorist, shot with 1З others.", "fact-numbers"),
    in_summary("a lone letter that looks like a digit", "Bolshevik theorist, shot with З others.", "fact-numbers"),
    in_summary(
        "letters of two cases that look like digits", "Bolshevik theorist, one of Зб defendants.", "fact-numbers"
    ),
    # a date in numbers joined some other way than the edition's, each number in the words read
    *(
        Attack(
            f"a date written {shown}",
            (
                (YML, SUMMARY, f"    summary: Bolshevik theorist; shot on {shown}."),
                (YML, "was shot after the 1938 trial", "was shot 9 to 15 days after the 1938 trial"),
            ),
            "fact-date",
            "summary: Bolsh",
        )
        for shown in (
            "1938/9/15",
            "15-9-1938",
            "1938.9.15",
            "1938-9",
            "9/1938",
            "15. 9. 1938",
            "15 – 9 – 1938",
            "15.IX.1938",
        )
    ),
    # the editors' remark on their reading states no fact, but a date it writes is one
    edit(
        "a date in the editors' remark that no reading gives",
        YML,
        "    year: 1938\n    sources:\n      - work: report-1938",
        "    year: 1938\n    remark: Orlov died in Moscow on 7 April 1953, shot on Stalin's order.\n"
        "    sources:\n      - work: report-1938",
        "fact-date",
        "remark: Orlov",
    ),
    # no number is too long to hold to the words (one of seven digits once went unchecked)
    in_summary(
        "a number of seven digits", "Bolshevik theorist; shot after the 1938 trial with 2400000 others.", "fact-numbers"
    ),
    Attack(
        "a month from a verb",
        (
            (YML, "    died: 1953-03-05", '    died: "1953-05"'),
            (YML, "– 5 March 1953", "– he may in 1953 have died"),
        ),
        "fact-numbers",
        "died: ",
    ),
]
ATTACKS = [*OLD, *NEW_SPELLINGS, *NEW_MARKUP, *NEW_OTHER, *NEW_A11Y, *NEW_DATES]
# Attacks not refused yet: a strict xfail each, so that the day one is refused the test says so.
NOT_YET: set[str] = set()


@pytest.mark.parametrize(
    "attack",
    [
        pytest.param(a, marks=pytest.mark.xfail(strict=True, reason="not refused yet")) if a.name in NOT_YET else a
        for a in ATTACKS
    ],
    ids=[a.name for a in ATTACKS],
)
def test_the_attack_is_refused_at_its_place(attack: Attack, mini: Project) -> None:
    attack.apply(mini)
    if attack.rule.startswith(GUARD):
        result, guard = guarded(mini.root)
        found = [*result.findings, *guard]
    else:
        found = mini.check().findings
    where = attack.where or attack.edits[0][0]
    line, col = position(mini.read(where), attack.at) if attack.at else (1, 1)
    lines = [str(f) for f in found]
    assert any(f.rule == attack.rule and (f.path, f.line, f.col) == (where, line, col) for f in found), (
        f"{attack.name}: no {attack.rule} at {where}:{line}:{col}; got {lines[:6]}"
    )
    assert all(FINDING.match(line) for line in lines), lines


def test_an_undeclared_page_and_a_planted_file(mini: Project) -> None:
    mini.write("docs/evil.md", f"# Evil {{ #evil }}\n\n“{MADE_UP}”\n")
    mini.write("docs/evil.html", f"<p>“{MADE_UP}”</p><script>alert(1)</script>")
    result, guard = guarded(mini.root)
    assert {(f.path, f.rule) for f in [*result.findings, *guard]} >= {
        ("docs/evil.md", "page-undeclared"),
        ("docs/evil.html", "page-undeclared"),
        ("site/evil.html", "guard-file"),
    }


# --- the output guard stands behind the checker -------------------------------------------------

BEHIND = [
    "a javascript: link behind a reference",
    "a language on English words",
    "a private use language",
    "an empty link",
    "a link of a no-break space",
    "a download on an editors' link",
    "the build's ¶ link class",
    "the build's print address class",
    "a status badge on the editors' prose",
    "the theme's quotation box by its class",
    "hidden: numeric references",
    "stitched quotations, each the chapter's words",
]


@pytest.mark.parametrize("name", BEHIND)
def test_the_guard_refuses_what_the_checker_refuses_on_an_editors_page(name: str, mini: Project) -> None:
    """The build renders the page whatever the checker found and holds it to the allowlist itself: the
    old suite broke the checker's link rule in a copy to show this; the guard shares no code path
    with the checker's reading of the page but the allowlist and the quotation words."""
    attack = next(a for a in ATTACKS if a.name == name)
    attack.apply(mini)
    _, guard = guarded(mini.root)
    assert any(f.rule.startswith("guard-") and f.path == INDEX for f in guard), [str(f) for f in guard]


# A quotation mark in a character that only looks like one (ŉobody was guilty’ reads as ’nobody was
# guilty’), wherever editors write: refused by the checker at its line, as a character the edition
# does not print or as a quotation mark, even once a careless reviewer has admitted the change.
WHERE_EDITORS_WRITE = {
    "an editors' paragraph": (INDEX, SENTENCE, "published; Orlov wrote {}."),
    "an editors' page's heading": (INDEX, "## What the statuses mean", "## What {}"),
    "an editors' heading on a chapter page": (PRAISE, "# Praise in the courtroom", "# Praise: {}"),
    "a summary": (YML, SUMMARY, "    summary: Bolshevik theorist; {}"),
    "a status's meaning": (YML, "    meaning: Orlov's word only;", "    meaning: Orlov's word only; {};"),
}
REFUSING = {"prose-quote", "heading-quote", "text-printed", "guard-text", "guard-quote", "file-text", "yaml-schema"}


@pytest.mark.parametrize("marks", LOOKALIKES.values(), ids=LOOKALIKES.keys())
@pytest.mark.parametrize("where", WHERE_EDITORS_WRITE, ids=WHERE_EDITORS_WRITE.keys())
def test_a_quotation_mark_in_a_lookalike_is_refused_where_editors_write(where: str, marks: str, mini: Project) -> None:
    path, old, new = WHERE_EDITORS_WRITE[where]
    line = mini.read(path).split(old)[0].count("\n") + 1
    mini.replace(path, old, new.format(marks))
    if load(mini.path(YML), YML)[0] is not None:  # admitted by a careless reviewer, where it can be
        mini.admit()
    lines = [str(f) for f in mini.check().findings]
    assert any(f.startswith(f"{path}:{line}:") and f.split()[1] in REFUSING for f in lines), lines[:6]
    assert all(FINDING.match(f) for f in lines), lines


# An editor's name is printed in every citation: what the guard refuses there, the checker refuses
# first, at the name's line (tools/checker/prose.py, tools/guard/printed.py).
EDITOR_NAMES = [
    ("Σ. Papadopoulos", True),  # an alphabet the edition does not print (yet)
    ("Jane 😀 Doe", True),
    ("Jane\u3164Doe", True),  # HANGUL FILLER: an invisible letter
    ("Zoë Ørsted-Łukasz", False),
    ("Иван Петров", False),
    ("Ann O’Neill, Jr.", False),
]
REFUSED_NAMES = [name for name, refused in EDITOR_NAMES if refused]


def editors(mini: Project, names: list[str]) -> tuple[Result, list[Finding]]:
    listed = "".join(f"\n    - {name}" for name in names)
    mini.replace(YML, "  editors: [the editors of this edition]", f"  editors:\n    - the editors{listed}")
    mini.admit()  # admitted on review: the characters are still held to what the edition prints
    return guarded(mini.root)


@pytest.mark.parametrize("name", REFUSED_NAMES)
def test_an_editors_name_the_guard_would_refuse_is_refused_at_its_line(name: str, mini: Project) -> None:
    result, guard = editors(mini, [name])
    assert any(f.rule == "guard-text" for f in guard), [str(f) for f in guard][:3]
    line, col = position(mini.read(YML), f"- {name}")
    assert [(f.path, f.line, f.col, f.rule) for f in result.findings] == [(YML, line, col + 2, "editor-name")]


@pytest.mark.parametrize("name", ["Jane\u00a0Doe", "Jane  Doe"], ids=["a no-break space", "two spaces"])
def test_an_editors_name_is_words_with_single_spaces(name: str, mini: Project) -> None:
    """Every citation writes a name as words with single spaces (and the build once failed on one that
    was not): refused at its line, even once admitted."""
    mini.replace(YML, "  editors: [the editors of this edition]", f'  editors:\n    - the editors\n    - "{name}"')
    mini.admit()
    line, col = position(mini.read(YML), f'- "{name}"')
    assert [(f.line, f.col, f.rule) for f in mini.check().findings] == [(line, col + 2, "editor-name")]


def test_editors_names_the_edition_prints_pass_both(mini: Project) -> None:
    result, guard = editors(mini, [name for name, refused in EDITOR_NAMES if not refused])
    assert [str(f) for f in [*result.findings, *guard]] == []


# A name in letters that look like another's (B5): a Cyrillic а in Bukhаrin, given to Trotsky, would
# list him as "Other spellings: Bukharin". Refused as a spelling, even once a reviewer has admitted it:
# a word that mixes scripts, or a spelling that looks like another person's (TR39's skeleton, in any
# case and with any accents), or like a word declared not a name.
LOOKALIKE_NAMES = {
    "another's name with a Cyrillic a": ("    variants: [Trotsky]\n", "    variants: [Trotsky, Bukh\u0430rin]\n"),
    "his own name with a Cyrillic o": ("    variants: [Trotsky]\n", "    variants: [Trotsky, Tr\u043etzki]\n"),
    "another's name with a capital I for an l": ("    variants: [Trotsky]\n", "    variants: [Trotsky, RosenhoIz]\n"),
    "another's name in capitals": ("    variants: [Trotsky]\n", "    variants: [Trotsky, BUKHARIN]\n"),
    "another's name with an accent": ("    variants: [Trotsky]\n", "    variants: [Trotsky, Búkharin]\n"),
    "a full name mixing scripts": ("    name: Joseph Stalin\n", "    name: Joseph St\u0430lin\n"),
    "a word declared not a name, like a name": ("not_names: [", "not_names: [StaIin, "),
    "a word declared not a name, mixing scripts": ("not_names: [", "not_names: [Mosc\u043ew, "),
}


@pytest.mark.parametrize(("old", "new"), LOOKALIKE_NAMES.values(), ids=LOOKALIKE_NAMES.keys())
def test_a_spelling_that_looks_like_another_is_refused_at_its_place(old: str, new: str, mini: Project) -> None:
    line = mini.read(YML).split(old)[0].count("\n") + 1
    mini.replace(YML, old, new)
    mini.admit()  # by a careless reviewer
    lines = [str(f) for f in mini.check().findings]
    assert any(f.startswith(f"{YML}:{line}:") and f.split()[1] == "spelling" for f in lines), lines[:6]


def test_spellings_in_one_script_with_accents_pass(mini: Project) -> None:
    """A Russian spelling, accents, an apostrophe, and one person's spellings that look alike."""
    mini.replace(
        YML,
        "    variants: [Rosenholz, Rosengolts]",
        "    variants: [Rosenholz, Rosengolts, Розенгольц, Rosengólts, Rosen'golts, ROSENGOLTS, Ёжов-Розенгольц]",
    )
    mini.admit()
    assert [str(f) for f in mini.check().findings] == []


# --- what is allowed stays allowed ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "published; “Velicki” is Vyshinsky.",
        "published; the praise “genius,” is a word of a quotation, which the editors may quote alone.",
        "published; the chapter's “loaded his indictment” is two words and more.",
        "published; “(19)” is the number of the instalment.",
        "published; the epithets “great,” “genius,” stand side by side as in the chapter.",
        "published; names in a list, “Stalin”, “Velicki”, are mentions.",
        "published; in the 1930s the trials were public; the editors’ notes say so.",
        "published; see [the chapter](praise.md) and the *Report*.",
    ],
)
def test_the_chapters_words_and_plain_prose_pass(text: str, mini: Project) -> None:
    mini.replace(INDEX, SENTENCE, text)
    mini.admit()
    assert [str(f) for f in mini.check().findings] == []


def test_a_quotation_a_source_is_recorded_as_saying_passes(mini: Project) -> None:
    mini.replace(
        YML,
        "    summary: Soviet leader under whom",
        "    summary: Called “the Soviet leader under whom the Moscow Trials were staged”, under whom",
    )
    mini.admit()  # a reviewer admits the change
    assert [str(f) for f in mini.check().findings] == []


def test_a_cut_within_one_sources_words_in_order_passes(mini: Project) -> None:
    mini.replace(INDEX, SENTENCE, "published; a source wrote “the accused Nikolai Ivanovich Bukharin […] in 1938”.")
    mini.admit()
    assert [str(f) for f in mini.check().findings] == []


def test_a_scare_quote_declared_as_the_finding_shows_it_matches(mini: Project) -> None:
    mini.replace(
        YML,
        "  - text: counter-revolutionary underground organizations",
        "  - text: counter-revolutionary underground organizations,",
    )
    mini.admit()
    assert mini.check().findings == []


def test_a_scare_quote_excuses_the_words_on_its_own_page_only(mini: Project) -> None:
    mini.replace(WARNING, "the entire party.", "the entire “network of conspiracy links”.")
    mini.admit()
    assert [(f.path, f.rule) for f in mini.check().findings] == [
        (WARNING, "quote-unmarked"),
        (WARNING, "text-fidelity"),
    ]


def test_a_quotation_with_no_name_before_it(mini: Project) -> None:
    text = mini.read(WARNING)
    mini.write(WARNING, text[: text.index("One of Stalin’s")] + text[text.index("[“Whoever") :])
    found = [str(f) for f in mini.check().findings if f.rule == "quote-speaker"]
    assert found and "follows no one" in found[0]


def test_a_declared_mirror_beside_another_source_passes(mini: Project) -> None:
    mini.replace(
        YML,
        "        read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin\n        said: 9 October",
        "        read_at: https://enacademic.com/dic.nsf/enwiki/13482/Nikolai_Bukharin\n        copy: mirror\n"
        "        canonical: https://en.wikipedia.org/wiki/Nikolai_Bukharin\n        said: 9 October",
    )
    mini.replace(
        YML,
        "    - {domain: liquisearch.com, copies: Wikipedia articles}",
        "    - {domain: enacademic.com, copies: Wikipedia articles}",
    )
    mini.admit()
    assert [str(f) for f in mini.check().findings] == []


def test_the_real_policy_gives_its_reasons() -> None:
    from conftest import PROJECT

    from tools.checker import check

    result = check(PROJECT)
    assert result.checked is not None and result.findings == []
    denylist = result.checked.sources.policy.denylist
    assert len(denylist) >= 10 and all(entry.reason.strip() for entry in denylist)


@pytest.mark.parametrize(
    "markdown",
    [
        'See [the chapter](warning.md "&lt;img src=x onerror=alert(1)&gt;").',  # the old S4: a link's title
    ],
)
def test_markup_in_a_title_stays_text(markdown: str) -> None:
    """Allowed on an editors' page, a title is an attribute's text: Material's tooltips, which once
    showed it as HTML, are off, and edition.js never reads it. Nothing of it becomes an element."""
    from inprocess import render

    from tools.model.html import local, parse_fragment

    root = parse_fragment(render(markdown))
    assert {local(e.tag) for e in root.iter()} <= {"body", "p", "a"}
    assert any("<img src=x" in (e.get("title") or "") for e in root.iter())


def test_an_entry_quotes_its_own_sources_words(mini: Project) -> None:
    mini.replace(YML, SUMMARY, "    summary: Bolshevik theorist, “principal defendant in 1938”.")
    mini.admit()  # a reviewer admits the change
    assert mini.findings() == []


@pytest.mark.parametrize(
    ("marked", "refused"),
    [("Это русский текст.", False), ("This is English.", True)],
    ids=["Russian words", "English words"],
)
def test_a_declared_language_holds_on_its_own_letters_only(marked: str, refused: bool, mini: Project) -> None:
    """ru declared in the policy (as the fixture does): lang="ru" on Cyrillic words passes, on Latin ones it is refused
    (by the checker at the attribute, and by the guard on the built page)."""
    mini.replace(INDEX, "[Start reading]", f'{marked}\n{{: #p-russian lang="ru" }}\n\n[Start reading]')
    mini.admit()
    result, guard = guarded(mini.root)
    checker = [str(f) for f in result.findings]
    guarded_ = [str(f) for f in guard if f.rule == "guard-language"]
    if refused:
        line = mini.read(INDEX).split("\n").index('{: #p-russian lang="ru" }') + 1
        assert any(f.startswith(f"{INDEX}:{line}:") and "editorial-markup" in f for f in checker), checker
        assert guarded_, [str(f) for f in guard]
    else:
        assert checker == [] and guarded_ == [], (checker, guarded_)


def test_a_title_read_out_in_the_pages_language_is_refused_at_its_line(mini: Project) -> None:
    """A title= is read out in the page's language (the theme's, in mkdocs.yml) and cannot say its
    own: the checker finds a Russian one at the words, as the guard would at build."""
    mini.write("mkdocs.yml", "theme:\n  name: material\n  language: en\n")
    mini.replace(INDEX, "[Start reading]", '[Start](warning.md "Сталин")\n\n[Start reading]')
    mini.admit()
    line, col = position(mini.read(INDEX), "Сталин")
    assert [(f.path, f.line, f.col, f.rule) for f in mini.check().findings] == [(INDEX, line, col, "editorial-markup")]


STALIN_READ = (
    "        read_at: https://en.wikipedia.org/wiki/Joseph_Stalin\n"
    "        said: 18 December [O.S. 6 December] 1878 – 5 March 1953\n"
)
STALIN_READ_IN_GERMAN = (
    "        read_at: https://de.wikipedia.org/wiki/Josef_Stalin\n"
    "        said: 6. Dezemberjul. / 18. Dezember 1878greg. … 5. März 1953\n"
    "        language: {}\n"
)


@pytest.mark.parametrize(
    ("declared", "language", "refused"),
    [
        ("[en, ru, de]", "de", ""),
        ("[en, ru]", "de", "'de' is not a language policy.languages declares (en, ru): declare it, or correct it"),
        ("[en, ru, de]", "ru", "the words are said to be in 'ru', but 'D' is not a letter of its script"),
    ],
    ids=["declared, on its letters", "not declared", "on another script's letters"],
)
def test_the_language_a_reading_gives_its_words_marks_them_and_is_held(
    declared: str, language: str, refused: str, mini: Project
) -> None:
    """A reading's `language` (or its work's): a declared one, on letters of its script, which the
    work's page marks the words with (WCAG 3.1.2); else refused at its line, even once admitted, and
    by the guard on the built page."""
    mini.replace(YML, "  languages: [en, ru]", f"  languages: {declared}")
    mini.replace(YML, STALIN_READ, STALIN_READ_IN_GERMAN.format(language))
    mini.admit()
    marked: list[str | None] = []

    def words_read(name: str, tree: ET.Element) -> None:
        marked.extend(e.get("lang") for e in tree.iter() if "".join(e.itertext()).startswith("6. Dezemberjul."))

    result, guard = guarded(mini.root, on_page=words_read)
    findings = [str(f) for f in result.findings]
    if not refused:
        assert findings == [] and guard == [], (findings, [str(f) for f in guard])
        assert marked[-1] == "de", marked  # the innermost element that holds the words: the verbatim span
    else:
        line = mini.read(YML).split("\n").index(f"        language: {language}") + 1
        assert [f for f in findings if "text-language" in f] == [f"{YML}:{line}:9: text-language {refused}"], findings
        assert any(f.rule == "guard-language" for f in guard), [str(f) for f in guard]


@pytest.mark.parametrize(
    ("old", "new", "at"),
    [
        ("    testified: 1936-08-21", "    testified: 1932-08-21", "testified: 1932"),  # before the trial
        ("    claimed_date: 1932-11", "    claimed_date: 1936-09", "claimed_date: 1936"),  # after the testimony
    ],
    ids=["a testimony before its trial", "a meeting claimed after its testimony"],
)
def test_a_testimony_is_given_during_its_trial_after_the_meeting_it_claims(
    old: str, new: str, at: str, project_copy: Project
) -> None:
    """The real list's meetings (the fixture has none): refused at the later date's line, even once
    admitted (a reading elsewhere in the words may give any year: 'In 1932 he …')."""
    project_copy.replace(YML, old, new)
    project_copy.admit()
    line, col = position(project_copy.read(YML), at)
    found = [(f.rule, f.line, f.col) for f in project_copy.check().findings]
    assert ("date-order", line, col) in found, found


@pytest.mark.parametrize(
    ("reports", "rule", "at"),
    [
        (
            ("report-1937", "report-1936"),
            "date-order",
            "report: report-1936\n    participants:\n      - {person: pyatakov",
        ),
        (
            ("report-1938", "report-1938"),
            "reference",
            "report: report-1938\n    participants:\n      - {person: bukharin",
        ),
    ],
    ids=["two trials' reports swapped", "one report given to two trials"],
)
def test_a_trial_has_a_report_of_its_own(reports: tuple[str, str], rule: str, at: str, project_copy: Project) -> None:
    """The record a trial's verified quotations are held to is its own: another trial's Report, swapped
    in, is dated before the trial or is already that other trial's (refused even once admitted)."""
    given = dict(zip(("report-1936", "report-1937"), reports, strict=True))
    text, count = re.subn(
        r"(?m)^    report: (report-193[67])$", lambda m: f"    report: {given[m[1]]}", project_copy.read(YML)
    )
    assert count == 2
    project_copy.write(YML, text)
    project_copy.admit()
    line, col = position(project_copy.read(YML), at)
    found = [(f.rule, f.line, f.col) for f in project_copy.check().findings]
    assert (rule, line, col) in found, found


@pytest.mark.parametrize(
    "ident", ["timeline", "by-speaker", "denylist", "people", "teach-praise", "cite-this-page", "pop-fn-q-x"]
)
def test_an_editors_id_is_none_of_a_made_pages(ident: str, mini: Project) -> None:
    """The pages the edition makes give their sections ids (tools/model/namespace.py GENERATED_IDS,
    each made page's name, the build's prefixes): an editors' page writing one would be renamed, with
    the section, in the single file and the EPUB."""
    mini.write(INDEX, mini.read(INDEX) + f"\nThe editors keep a list of dates.\n{{: #{ident} }}\n")
    line, col = position(mini.read(INDEX), f"#{ident} ")
    found = [(f.rule, f.line, f.col) for f in mini.check().findings]
    assert ("editorial-id", line, col) in found, found


@pytest.mark.parametrize(("depth", "length"), [(1_000, 1), (20, 250)], ids=["1,000 deep", "names of 250 letters"])
def test_folders_nested_deep_are_a_finding(depth: int, length: int, mini: Project) -> None:
    """Folders within folders under docs/: a thousand exhausted the walk's recursion, twenty of long names
    the length of a path; each is now one line, and nothing deeper is read."""
    name = "d" * length
    opened = [os.open(mini.path("docs"), os.O_RDONLY)]  # each folder by its parent's descriptor: the path
    try:  # grows longer than a path may be (and pytest's own clean-up recurses): made and removed here
        for _ in range(depth):
            os.mkdir(name, dir_fd=opened[-1])
            opened.append(os.open(name, os.O_RDONLY, dir_fd=opened[-1]))
        found = mini.findings()
    finally:
        while len(opened) > 1:
            os.close(opened.pop())
            os.rmdir(name, dir_fd=opened[-1])
        os.close(opened.pop())
    assert len(found) == 1 and "file-missing is a folder nested more than 8 deep: not read" in found[0], found


def test_orlovs_own_other_book_is_no_source_beside_him(project_copy: Project) -> None:
    """Attributed asks for a source beside Orlov: the 1991 Russian edition of his book, under its own
    work id and author in Cyrillic, is his word again (refused even once admitted)."""
    text = project_copy.read(YML)
    status = text.index("    status: unverified\n", text.index("  - id: q-vyshinsky-forward-to-communism\n"))
    project_copy.write(
        YML, text[:status] + "    status: attributed\n" + text[status + len("    status: unverified\n") :]
    )
    project_copy.admit()
    line = text.count("\n", 0, status) + 1
    found = [(f.rule, f.line) for f in project_copy.check().findings]
    assert ("status-attributed", line) in found, found


def test_an_account_resting_on_mirrors_alone_is_refused(project_copy: Project) -> None:
    """Every part of an entry that cites (a meeting's claim, each refutation and dissent) names the
    page a mirror copies, or another source, beside it: not only an entry's own `sources`."""
    project_copy.replace(
        YML,
        "            locator: chapter Copenhagen\n"
        "            read_at: http://www.marxists.org/history/etol/writers/sedov/works/red/ch13.htm\n"
        "            copy: archive\n",
        "            locator: chapter Copenhagen\n"
        "            read_at: https://www.marxists.info/history/etol/writers/sedov/works/red/ch13.htm\n"
        "            copy: mirror\n"
        "            canonical: http://www.marxists.org/history/etol/writers/sedov/works/red/ch13.htm\n",
    )
    project_copy.admit()
    found = [str(f) for f in project_copy.check().findings]
    assert any(" source-copy " in f and "every source is a mirror" in f for f in found), found


def test_an_abbreviation_is_no_tooltip() -> None:
    """abbr is not loaded (mkdocs.yml): it was page-wide, quadratic in definitions times text, and put
    the editors' words as a tooltip on the chapter's own. A definition is a line of text."""
    from inprocess import render

    from tools.model.html import local, parse_fragment

    root = parse_fragment(render("See Velicki.\n\n*[Velicki]: the editors' words"))
    assert not [e for e in root.iter() if local(e.tag) == "abbr" or e.get("title")]
