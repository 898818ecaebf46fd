"""The rules about the sources (issue 10): the source policy, calendars, and quotations of the
chapter in generated output (footnotes, pages, downloads)."""

from __future__ import annotations

from .base import ERROR, PRAISE, YML, Example, Rule

BUKHARIN_WIKIPEDIA = "        url: https://en.wikipedia.org/wiki/Nikolai_Bukharin\n        supports: life dates\n"


def bukharin_also(source: str) -> Example:
    """A source added to Bukharin's in the mini source list (after his Wikipedia article)."""
    return Example(YML, BUKHARIN_WIKIPEDIA, BUKHARIN_WIKIPEDIA + source, at=source.strip().split("\n")[0].lstrip("- "))


RULES: tuple[Rule, ...] = (
    # --- the source policy (issue 10) -------------------------------------------------------------
    Rule(
        "source-denied",
        ERROR,
        "an address (or a mirror's canonical page) on a domain of the policy's denylist, which says why",
        bukharin_also("      - url: https://de.metapedia.org/wiki/Bucharin,_Nikolai\n        kind: reference\n"),
    ),
    Rule(
        "source-label",
        ERROR,
        "an address filed under a work that lives elsewhere (`work: wikipedia` off wikipedia.org), or a "
        "copy site's page not declared a mirror",
        Example(
            YML,
            "url: https://en.wikipedia.org/wiki/Nikolai_Bukharin",
            "url: https://m.allwatchit.com/actor/994271.html",
            at="url: https://m.allwatchit.com",
        ),
    ),
    Rule(
        "source-mirror",
        ERROR,
        "a mirror that does not name its canonical page, or a canonical page on a source that is no mirror",
        Example(
            YML,
            BUKHARIN_WIKIPEDIA,
            BUKHARIN_WIKIPEDIA + "      - url: https://liquisearch.com/nikolai_bukharin\n        kind: mirror\n",
            at="kind: mirror",
        ),
    ),
    Rule(
        "source-mirror-only",
        ERROR,
        "an entry (or an account of a meeting) whose every source is a mirror",
        Example(
            YML,
            "    sources:\n      - work: orlov-1991-ru\n        locator: online reader page 80 of 453\n\n  - id: vyshinsky",
            "    sources:\n      - url: https://liquisearch.com/arkady_rosengolts\n        kind: mirror\n"
            "        canonical: https://en.wikipedia.org/wiki/Arkady_Rosengolts\n\n  - id: vyshinsky",
            at="sources:\n      - url: https://liquisearch.com/arkady_rosengolts",
        ),
    ),
    Rule(
        "source-home-page",
        ERROR,
        "an address that is a site's home page, which locates nothing",
        bukharin_also("      - url: https://lapresenzadierato.com\n        kind: polemic\n"),
    ),
    Rule(
        "source-kind",
        ERROR,
        "an address with neither a work nor a kind",
        bukharin_also("      - url: https://example.org/bukharin\n        supports: a date\n"),
    ),
    # --- calendars (issue 10) --------------------------------------------------------------------
    Rule(
        "date-calendar",
        ERROR,
        "a person's date before 14 February 1918 with neither its Old Style twin nor a stated calendar",
        Example(
            YML, "    born: 1889-11-16\n    born_old_style: 1889-11-04\n", "    born: 1889-11-16\n", at="born: 1889"
        ),
    ),
    Rule(
        "date-old-style",
        ERROR,
        "an Old Style date that is not the same day as the New Style date beside it (or stands beside a "
        "date from 1918 on, or beside a calendar)",
        Example(YML, "    born_old_style: 1889-11-04\n", "    born_old_style: 1889-11-05\n", at="born_old_style: 1889"),
    ),
    # --- quotations in generated output (issue 10) -----------------------------------------------
    Rule(
        "generated-quote-wording",
        ERROR,
        "a footnote, generated page or download shows a quotation of the chapter in other words, marks or "
        "spacing than the chapter's",
        Example(
            PRAISE,
            "prosecutor. Trial not established.",
            "prosecutor, who said “great,” … “genius,” … “wise,”. Trial not established.",
            at="“great,” … “genius,”",
            shift=len("“great"),
        ),
    ),
    Rule(
        "generated-quote-cut",
        ERROR,
        "a footnote, generated page or download shortens a quotation of the chapter without the editors' […]",
        Example(
            PRAISE,
            'defendant. Third Moscow trial (1938): *The Case of the Anti-Soviet "Bloc of Rights and Trotskyites"*. '
            "Probably his last plea;",
            "defendant, who shouted “Long live the Bolshevik Party and its glorious…”. Third Moscow trial (1938): "
            '*The Case of the Anti-Soviet "Bloc of Rights and Trotskyites"*. Probably his last plea;',
            at="glorious…",
            shift=len("glorious"),
        ),
    ),
    Rule(
        "yaml-quote",
        ERROR,
        "words in quotation marks in the source list's prose that are neither the chapter's nor recorded as "
        "supported by a source the entry cites",
        Example(
            YML,
            "    summary: Soviet leader under whom the Moscow Trials were staged.\n",
            "    summary: Soviet leader, who wrote “Stalin is innocent of every crime.”\n",
            at="summary: Soviet leader, who wrote",
        ),
    ),
)
