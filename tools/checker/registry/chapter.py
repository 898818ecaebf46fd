"""The rules about the chapter: its pages' grammar, quotations, footnotes, the text as a whole,
and the editors' own pages."""

from __future__ import annotations

from .base import ERROR, ORIGINAL, PRAISE, WARNING, YML, Example, Rule

NEW_PAGE = "# An extra page { #extra }\n\nA page nobody declared.\n"
RULES: tuple[Rule, ...] = (
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
        "text-original",
        ERROR,
        "the reference copy of the chapter is not the text as received (its SHA-256 differs from the pinned one)",
        Example(
            ORIGINAL,
            "was overwhelmed with emotion",
            "was overcome with emotion",
            at="original_sha256:",
            in_file=YML,
        ),
    ),
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
        "words in quotation marks on an editorial page that are not the chapter's whole words, or a lone word "
        "that is no name's spelling, declared scare quote or quotation's word",
        Example(
            "docs/index.md", "one short text", "one short text, “Stalin is innocent of every crime”", at="“Stalin is"
        ),
    ),
    Rule(
        "editorial-html",
        ERROR,
        "HTML, a link (inline or by reference), an image or front matter on an editorial page that could run "
        "or load anything, addresses read as a browser reads them (`&#106;avascript:`), or a class that is not "
        "on the page's short list (`admonition quote` would frame words as a quotation)",
        Example("docs/index.md", "one short text", 'one short text <img src=x onerror="alert(1)">', at="<img"),
    ),
    Rule(
        "editorial-title",
        ERROR,
        "a title on an editorial page (a title attribute, a link title, an abbreviation): the theme's tooltip "
        "reads it back as HTML",
        Example("docs/index.md", "one short text", 'one short <abbr title="Orlov">text</abbr>', at="<abbr"),
    ),
    Rule(
        "html-live",
        ERROR,
        "the build's own check of each page's HTML (behind the checker): a script, a frame, an event handler or "
        "a javascript: address in a page's content",
        Example(
            "docs/index.md",
            "one short text",
            'one short <a href="&#106;avascript:alert(1)">text</a>',
            at="<a href",
            stage="build",
        ),
    ),
    # --- the config's texts ----------------------------------------------------------------------
    Rule(
        "config-quote",
        ERROR,
        "words in quotation marks in config text the theme prints (site_description, nav titles, copyright …) "
        "that are not the chapter's whole words (a lone word: as on editorial pages)",
        Example(
            "mkdocs.yml",
            "",
            "site_description: Orlov wrote “Stalin is innocent of every crime.”\n",
            at="“Stalin",
        ),
    ),
    Rule(
        "nav-title",
        ERROR,
        "a chapter page's nav title is not the page's heading (its editors' heading), word for word",
        Example("mkdocs.yml", "", "nav:\n  - Praise of Stalin: praise.md\n", at="Praise of Stalin"),
    ),
    Rule(
        "entry-unknown",
        ERROR,
        "an entry marker `<!-- person: id -->` or `<!-- work: id -->` names no entry",
        Example("docs/index.md", "<!-- work: orlov-1953 -->", "<!-- work: orlov-1935 -->", at="<!-- work: orlov-1935"),
    ),
)
