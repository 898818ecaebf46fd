"""Attacks on the editorial input, old and new, each refused before anything is published: by the
checker (`./edition check`, and the first step of every build) or by the output guard (the last
step of every build), with one-line findings and no traceback. Run in this process on the mini
fixture (tests/inprocess.py); tests/publish/test_build.py shows that a real build refuses them too.

A hostile editor tries to publish a made-up quotation (“Stalin is innocent of every crime.”),
change the chapter's words, give a quotation to another speaker, or put something live on a page,
every way the input could leave open. The assertion is the same for all: refused, by some rule, and
nothing of it in what would be published."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import Project
from inprocess import guarded

YML = "data/sources.yml"
PRAISE = "docs/praise.md"
WARNING = "docs/warning.md"
INDEX = "docs/index.md"
MADE_UP = "Stalin is innocent of every crime."
PARAGRAPH_END = "{: #p-praise-in-speeches }\n"
SENTENCE = "published; “Velicki” in it is Vyshinsky."


@dataclass(frozen=True)
class Attack:
    name: str
    path: str
    old: str
    new: str
    rules: tuple[str, ...]  # refused by one of these

    def apply(self, project: Project) -> None:
        project.replace(self.path, self.old, self.new)


def after_paragraph(name: str, block: str, *rules: str) -> Attack:
    return Attack(name, PRAISE, PARAGRAPH_END, f"{PARAGRAPH_END}\n{block}\n", rules)


def in_index(name: str, replacement: str, *rules: str) -> Attack:
    return Attack(name, INDEX, SENTENCE, replacement, rules)


def in_summary(name: str, summary: str, *rules: str) -> Attack:
    return Attack(
        name, YML, "    summary: Bolshevik theorist; shot after the 1938 trial.", f"    summary: {summary}", rules
    )


ATTACKS = [
    # a made-up quotation, by every kind of block a chapter page could hold
    after_paragraph("in a blockquote", f"> “{MADE_UP}”", "page-block"),
    after_paragraph("in a list item", f"- “{MADE_UP}”", "page-block"),
    after_paragraph("in an admonition", f'!!! quote "Vyshinsky"\n    {MADE_UP}', "page-block"),
    after_paragraph("in raw HTML", f"<p>“{MADE_UP}”</p>", "page-block"),
    after_paragraph("in a footnote", f"[^claim]: Vyshinsky said “{MADE_UP}”", "page-block"),
    after_paragraph("a script block", "<script>alert(1)</script>", "page-block"),
    # ... in an editors' heading, in marks the old checker did not know, or behind references
    *[
        Attack(
            f"in an editors' heading, {how}",
            PRAISE,
            "# Praise in the courtroom",
            f"# Praise: {marks.format(MADE_UP)}",
            ("heading-quote", "text-fidelity"),
        )
        for how, marks in [
            ("typewriter apostrophes", "''{}''"),
            ("modifier letter apostrophes", "ˮ{}ˮ"),
            ("Hebrew gershayim", "״{}״"),
            ("low then high", ",,{}''"),
            ("guillemets", "«{}»"),
        ]
    ],
    Attack(
        "a zero-padded reference in a heading",
        PRAISE,
        "# Praise in the courtroom",
        f"# Praise &#0000008220;{MADE_UP}&#0000008221;",
        ("page-block",),
    ),
    Attack(
        "an escaped <q> in a heading",
        PRAISE,
        "# Praise in the courtroom",
        f"# Praise \\<q>{MADE_UP}\\</q>",
        ("page-block",),
    ),
    in_index("an escaped <q> in an editors' heading", f"published.\n\n## \\<q>{MADE_UP}\\</q>", "editorial-markup"),
    # ... in the source list's own texts
    Attack(
        "in a status's meaning",
        YML,
        "    meaning: Orlov's word only;",
        f"    meaning: Orlov wrote “{MADE_UP}”;",
        ("prose-quote",),
    ),
    in_summary("in a summary, in an unknown mark", f"He said ״{MADE_UP}״", "prose-quote"),
    in_summary("in a summary, as typewriter marks", f"He said ''{MADE_UP}''", "prose-quote"),
    in_summary(
        "a misquotation of the chapter", "He said in court that Stalin “is the hope of humanity!”", "prose-quote"
    ),
    in_summary("single words of the chapter stitched together", "Orlov calls “Stalin” “innocent”.", "prose-quote"),
    Attack(
        "a scare quote the chapter does not have",
        YML,
        "  - text: network of conspiracy links",
        "  - text: Stalin is innocent",
        ("scare-quote", "quote-unmarked"),
    ),
    # ... on an editors' page
    in_index("on an editors' page", f"published; Orlov wrote “{MADE_UP}”", "prose-quote", "guard-quote"),
    in_index(
        "behind references on an editors' page",
        f"published; Orlov wrote &#0000008220;{MADE_UP}&#x201D;",
        "prose-quote",
        "guard-quote",
    ),
    in_index(
        "in the theme's quotation box",
        f'published.\n\n<div class="admonition quote" markdown>\n{MADE_UP}\n</div>\n',
        "editorial-markup",
        "guard-markup",
    ),
    in_index(
        "in a link's title",
        f'published; [Velicki](warning.md "“{MADE_UP}”")',
        "editorial-markup",
        "guard-markup",
        "guard-quote",
        "prose-quote",
    ),
    # a quotation given to the wrong speaker
    Attack(
        "a speaker's spelling given to another person",
        YML,
        "    variants: [Rosenholz, Rosengolts]",
        "    variants: [Rosengolts]",
        ("quote-speaker", "name-unknown"),
    ),
    Attack("a spelling declared not a name", YML, "not_names: [", "not_names: [Rosenholz, ", ("spelling",)),
    Attack(
        "a spelling shared by two people",
        YML,
        "    variants: [Bukharin]",
        "    variants: [Bukharin, Rosenholz]",
        ("spelling",),
    ),
    Attack(
        "another speaker under the same words",
        YML,
        "    speaker: bukharin\n    introduced_as: Bukharin",
        "    speaker: rosengolts\n    introduced_as: Bukharin",
        ("quote-speaker",),
    ),
    # the chapter's words changed
    Attack("a backslash in the chapter", PRAISE, "For this reason", "For this reason\\", ("text-fidelity",)),
    Attack("an entity in the chapter", PRAISE, "For this reason", "For this &#114;eason", ("text-fidelity",)),
    Attack("a word changed", PRAISE, "the hope of mankind", "the hope of humanity", ("text-fidelity", "quote-wording")),
    Attack(
        "a paragraph added", PRAISE, PARAGRAPH_END, f"{PARAGRAPH_END}\n{MADE_UP}\n{{: #p-added }}\n", ("text-fidelity",)
    ),
    # something live or loading, on any page
    in_index("a script", "published.\n\n<script>alert(1)</script>", "editorial-markup"),
    in_index(
        "a javascript: link by reference",
        "published; [Velicki][evil].\n\n[evil]: javascript:alert(1)",
        "editorial-markup",
    ),
    in_index(
        "a javascript: link behind a reference",
        'published; <a href="&#106;avascript:alert(1)">x</a>',
        "editorial-markup",
    ),
    in_index("a javascript: link with a tab", "published; [x](java&Tab;script&colon;alert(1))", "editorial-markup"),
    in_index("an image from another site", "published; ![x](https://evil.example/t.png)", "editorial-markup"),
    in_index(
        "an escaped <a> in a heading",
        'published.\n\n## \\<a href="https://evil.example/">x\\</a>',
        "editorial-markup",
        "prose-quote",
    ),
    in_index("an id that shadows the theme's", "published.\n\n## Notes { #__config }", "editorial-markup"),
    in_index("a link out of the site", "published; [x](../../../etc/passwd)", "editorial-markup"),
    in_index("a file: link", "published; [x](file:///etc/passwd)", "editorial-markup"),
    in_summary("a bidi override", "Bolshevik theorist; \u202eshot after the 1938 trial.", "file-text"),
    Attack(
        "an event handler in a quotation's mark",
        WARNING,
        "{ #q-rosengolts-deviation }",
        '{ #q-rosengolts-deviation onmouseover="alert(1)" }',
        ("page-mark", "text-fidelity"),
    ),
]


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_the_attack_is_refused(attack: Attack, mini: Project) -> None:
    attack.apply(mini)
    result, guard = guarded(mini.root)
    found = [*result.findings, *guard]
    assert any(f.rule in attack.rules for f in found), f"{attack.name}: {[str(f) for f in found][:6]}"
    assert all("\n" not in str(f) for f in found)


def test_an_undeclared_page_and_a_planted_file(mini: Project) -> None:
    mini.write("docs/evil.md", f"# Evil {{ #evil }}\n\n“{MADE_UP}”\n")
    mini.write("docs/evil.html", f"<p>“{MADE_UP}”</p><script>alert(1)</script>")
    rules = {f.rule for f in [*guarded(mini.root)[0].findings, *guarded(mini.root)[1]]}
    assert {"page-undeclared", "guard-file"} <= rules


def test_a_link_to_secrets_is_refused(mini: Project) -> None:
    mini.write(".env", "SECRET=1\n")
    mini.path("docs/secret.txt").symlink_to("../.env")
    assert "file-missing" in {f.rule for f in mini.check().findings}


Edit = Callable[[Project], None]
