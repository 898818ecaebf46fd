"""The edition as tests/site/test_citation.py and test_metadata.py describe it: the chapter's four
sections with their paragraph ids and its seven quotations, as the pages have them (the section
headings are the editors'). The site's address is a test address; the editors are the literal
name the source list gives today ("the editors"), since no test may invent a real one."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tools.site.citation import (
    ChapterQuotation,
    ChapterSection,
    CitedEdition,
    DigitalEdition,
    LiteralName,
    MachineTranslation,
    Name,
    OriginalWork,
    PersonName,
)

SITE = "https://example.org/edition/"
TITLE = "The Secret History of Stalin’s Purges (19)"
ORLOV = PersonName("Alexander", "Orlov")


def _quotation(
    ident: str, speaker: PersonName, words: str, page: str, paragraph: int, **more: bool
) -> ChapterQuotation:
    return ChapterQuotation(ident, speaker, words, page, paragraph, f"{SITE}{page}.html#{ident}", **more)


def edition_facts(editors: tuple[Name, ...] = (LiteralName("the editors"),), **changes: object) -> CitedEdition:
    facts = CitedEdition(
        original=OriginalWork(ORLOV, "The Secret History of Stalin's Crimes", "Random House", "New York", 1953),
        translation=MachineTranslation("The Secret History of Stalin's Purges", "todaychina.cc", None),
        edition=DigitalEdition(
            TITLE,
            "documentary edition",
            editors,
            dt.date(2026, 11, 24),
            SITE,
            "en",
            "an English machine translation, by way of another language, of part of",
        ),
        sections=(
            ChapterSection(
                "warning",
                "The trials as a warning",
                SITE + "warning.html",
                1,
                3,
                ("p-stalins-goals", "p-boguslavsky-plea", "p-rosenholz-threat"),
            ),
            ChapterSection(
                "praise",
                "Praise in the courtroom",
                SITE + "praise.html",
                4,
                9,
                (
                    "p-self-aggrandizement",
                    "p-praise-in-speeches",
                    "p-forward-to-communism",
                    "p-bukharin-rosenholz",
                    "p-defence-attorneys",
                    "p-nonsense",
                ),
            ),
            ChapterSection(
                "trotsky",
                "Trotsky as the real target",
                SITE + "trotsky.html",
                10,
                13,
                ("p-aimed-at-trotsky", "p-curse-trotsky", "p-network-of-links", "p-two-kinds-of-contact"),
            ),
            ChapterSection(
                "meetings",
                "The alleged meetings abroad",
                SITE + "meetings.html",
                14,
                16,
                ("p-no-secret-letter", "p-disastrous-failure", "p-campaign-in-the-west"),
            ),
        ),
        quotations=(
            _quotation(
                "q-boguslavsky-little-thing",
                PersonName("Mikhail", "Boguslavsky"),
                "I begin with a little thing",
                "warning",
                2,
            ),
            _quotation(
                "q-rosengolts-deviation",
                PersonName("Arkady", "Rosengolts"),
                "Whoever deviates even slightly",
                "warning",
                3,
            ),
            _quotation(
                "q-vyshinsky-epithets", PersonName("Andrey", "Vyshinsky"), "great,", "praise", 5, paraphrase=True
            ),
            _quotation(
                "q-vyshinsky-forward-to-communism", PersonName("Andrey", "Vyshinsky"), "We and our people", "praise", 6
            ),
            _quotation(
                "q-bukharin-hope-of-mankind",
                PersonName("Nikolai", "Bukharin"),
                "He (naturally, Stalin – the author) is the hope of mankind!",
                "praise",
                7,
            ),
            _quotation(
                "q-rosengolts-long-live",
                PersonName("Arkady", "Rosengolts"),
                "Long live the Bolshevik Party",
                "praise",
                7,
            ),
            _quotation(
                "q-kommodov-brass-wall",
                PersonName("N. V.", "Kommodov"),
                "Speaking of a conspiracy against Stalin’s leadership",
                "praise",
                8,
            ),
        ),
    )
    return replace(facts, **changes) if changes else facts
