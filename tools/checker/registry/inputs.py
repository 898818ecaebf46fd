"""The rules about reading the inputs: files, and the YAML source list's syntax and schema."""

from __future__ import annotations

from .base import ERROR, PRAISE, YML, Example, Rule

NEW_WORK = (
    "\n  - id: dewey-hearings-1937\n    kind: primary\n    short: The Case of Leon Trotsky\n"
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
        "a value outside its allowed set (a status, a kind of source, a calendar), or blank text",
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
        "a quotation is `verified` without the official Report's words from the Report of its own trial (a primary "
        "record), at a printed page",
        Example(
            YML,
            "    date_inferred: true\n    status: unverified",
            "    date_inferred: true\n    status: verified",
            at="status: verified",
        ),
    ),
    Rule(
        "yaml-url",
        ERROR,
        "a web address that is not https:, http: or inside the site (javascript:, data:, a password, "
        "a trailing dot after the host, white space)",
        Example(
            YML,
            "      - work: report-1938\n\npeople:",
            "      - url: javascript:alert(document.domain)\n\npeople:",
            at="url: javascript",
        ),
    ),
    Rule(
        "yaml-control-char",
        ERROR,
        'a value holds a control character or a tab, which a YAML escape such as "\\x02" puts in unseen',
        Example(YML, "    short: Orlov 1953\n", '    short: "Orlov\\x02 1953"\n', at="short: "),
    ),
    Rule(
        "yaml-unused",
        ERROR,
        "an entry of the source list is used nowhere in the chapter (an unused work is a warning)",
        Example(YML, "\ntrials:", NEW_WORK, at="id: dewey-hearings-1937"),
    ),
    # --- what the build writes and publishes from other inputs -----------------------------------
    Rule(
        "anchors-page",
        ERROR,
        "a page in anchors.yml that is not a page name of the site (a scheme such as javascript:, a "
        "leading /, a backslash, a .. that climbs out)",
        Example("anchors.yml", "", 'redirects:\n  "../../escaped.html": praise.html\n', at='"../../escaped.html"'),
    ),
    Rule(
        "anchors-redirect",
        ERROR,
        "a redirect from a page that still exists, or to one that is not published or is itself redirected",
        Example("anchors.yml", "", "redirects:\n  old.html: gone.html\n", at="old.html"),
    ),
    Rule(
        "anchors-alias",
        ERROR,
        "an alias that is not page.html#id, moves page without a redirect, or points at no anchor",
        Example("anchors.yml", "", "aliases:\n  praise.html#q-old: praise.html#q-nowhere\n", at="praise.html#q-old"),
    ),
    Rule(
        "file-symlink",
        ERROR,
        "a symbolic link under docs/, data/ or overrides/, wherever it leads: the build would publish its "
        "target (.git, an untracked file of secrets)",
        Example("docs/leak.txt", "", "", link="../original/chapter.txt"),
    ),
    Rule(
        "file-published",
        ERROR,
        "a file in docs/ (or overrides/) that MkDocs would publish as it is, unchecked and without the "
        "Content-Security-Policy: not a declared page nor one of the edition's assets (.html, .svg, .xml …)",
        Example("docs/evil.html", "", "<p>x</p><script>alert(document.domain)</script>\n"),
    ),
    Rule(
        "config-key",
        ERROR,
        "a setting in mkdocs.yml or mkdocs.offline.yml that the edition does not use (extra.analytics, "
        "extra.consent, repo_url …): the theme prints settings into pages as they are, or fetches from other sites",
        Example("mkdocs.yml", "", "extra:\n  analytics:\n    provider: google\n", at="analytics"),
    ),
    Rule(
        "config-value",
        ERROR,
        "a setting with a value outside its shape: a font (Google Fonts), a script that is not the site's own, "
        "a nav entry that is not a page, a Markdown extension the checker does not know, a Python tag",
        Example("mkdocs.yml", "", "theme:\n  name: material\n  font:\n    text: Roboto\n", at="text: Roboto"),
    ),
    Rule(
        "config-output",
        ERROR,
        "a build would write outside its own folder: site_dir is not site (mkdocs.yml) or dist/.offline-site "
        "(mkdocs.offline.yml)",
        Example("mkdocs.yml", "", "site_name: Edition\nsite_dir: ../elsewhere\n", at="../elsewhere"),
    ),
    Rule(
        "config-markup",
        ERROR,
        'config text the theme prints unescaped (site_name, copyright, nav titles …) holds < > or "',
        Example("mkdocs.yml", "", "site_name: Edition <img src=x onerror=alert(1)>\n", at="<img"),
    ),
    Rule(
        "config-url",
        ERROR,
        "site_url is not an http(s) address that needs no escaping",
        Example("mkdocs.yml", "", "site_name: Edition\nsite_url: http://example.org/a(b)\n", at="http://example.org"),
    ),
)
