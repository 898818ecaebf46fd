"""The editors' own texts in the source list quote only what may be quoted, and their names are printed.

Any words in quotation marks (of any kind: tools/model/quotes.py) in a note, a summary, a role, a
status, a claim, a glossary entry … must be the chapter's words, words one of the entry's own sources
is recorded as saying, or a title (tools/model/edition.py, `allowed_quotations`). The words that are themselves a
source's or the chapter's (`said`, a wording's `text`, a quotation's `text`, titles) are what may be
quoted, not what is checked. The built pages are checked again, as the reader gets them, by the
output guard (tools/guard); this rule says where in the file the problem is.

The editors' names (`edition.editors`) are printed as they stand, in every citation of the edition:
they, and every other text of the list, hold only the characters the edition prints, as the guard
holds every text of a built page to (tools/guard/printed.py), so that a text the build would refuse
is found at its line.
"""

from __future__ import annotations

from collections.abc import Iterator

import re2

from ..guard.exports import EXPORT_WORDS, FILE_NAME, shows_a_file_name
from ..guard.language import letter_outside, others, script_of, tags, undeclared_letter
from ..guard.printed import unprinted
from ..model.findings import Example, Finding, Rule
from ..model.loading import Loaded
from ..model.quotes import Corpus, corpus_of, quotations
from ..model.readings import language_read, passages_read, readings
from ..model.sourcelist import SECTIONS, Citation
from ..model.yamlread import PathKey

PROSE_QUOTE = Rule(
    "prose-quote",
    "a quotation in the editors' texts is the chapter's words, the recorded words of a source of its own "
    "entry, or a title",
    Example(
        "data/sources.yml", "    meaning: Orlov's word only;", "    meaning: Orlov called it “a lie from start to end”;"
    ),
)
EDITOR_NAME = Rule(
    "editor-name",
    "an editor's name (edition.editors), printed in every citation, holds only characters the edition prints "
    "(tools/guard/printed.py), its words with single spaces",
    Example("data/sources.yml", "  editors: [the editors of this edition]", "  editors: [Σ. Papadopoulos]"),
)
AUTHOR_NAME = Rule(
    "author-name",
    "the original's author, whom every citation of the edition names by family and given names, is one "
    "person's name written as its words run: given names, then the family name, no comma or suffix (Jr.)",
    Example("data/sources.yml", "    author: Alexander Orlov", "    author: Alexander Orlov, Jr."),
)
TEXT_PRINTED = Rule(
    "text-printed",
    "the editors' texts (their pages, their headings on chapter pages) and every text of the source list hold "
    "only characters the edition prints (tools/guard/printed.py): no compatibility character, such as ŉ for ’n, "
    "stands in for a quotation mark or for letters",
    Example(
        "data/sources.yml",
        "    summary: Bolshevik theorist; shot after the 1938 trial.",
        "    summary: Bolshevik theorist; shot after the 1938 trial; \u0149obody was guilty\u2019.",
    ),
)
TEXT_LANGUAGE = Rule(
    "text-language",
    "every letter of the source list's texts is in the script of a language policy.languages declares, which "
    "the build marks the words with for screen readers (WCAG 3.1.2: «Вышинский» read in Russian), and the "
    "language a work or a reading gives its words (`language: de`) is one it declares",
    Example("data/sources.yml", "  languages: [en, ru]", "  languages: [en]", at="    title: Тайная история"),
)
PUNCTUATION_IN_NAME = re2.compile(r"[,;/&()]")
# Words the last place of a name would take for a family name: "and", and a generation's suffix.
NOT_A_FAMILY_NAME = frozenset({"and", "jr", "sr", "ii", "iii", "iv", "junior", "senior"})
# The fields whose words are quoted, not quoting: sources' words, the chapter's, titles, and data.
QUOTED_FIELDS = frozenset({"said", "title", "short", "read_at", "canonical", "url", "id", "work", "covers", "variants"})
QUOTED_FIELDS |= {"original", "pages", "editorial", "domain", "page", "paragraph", "person"}
QUOTED_FIELDS |= {"speaker", "trial", "report", "prosecutor", "kind", "copy", "status", "not_names", "introduced_as"}


def quoting(key: PathKey) -> bool:
    """Does the value at `key` hold the editors' words (True), or words they quote and data (False)?"""
    names = [part for part in key if isinstance(part, str)]
    if not names or names[-1] in QUOTED_FIELDS or names[0] in ("not_names", "scare_quotes"):
        return False
    if names[-1] == "text" and (names[0] == "quotations" or names[-2:-1] in (["russian"], ["report_wording"])):
        return False
    return True


def check(loaded: Loaded, texts: list[tuple[PathKey, str]], shared: Corpus) -> Iterator[Finding]:
    """`shared`: what any text may quote (the chapter, titles); an entry may quote its own sources too,
    never another entry's (words a source gave on Rosengolts, set in Bukharin's summary, would be
    given to the wrong man)."""
    own: dict[PathKey, Corpus] = {}
    for key, value in texts:
        if not quoting(key):
            continue
        for span in quotations(value):
            if not span.closed:
                yield loaded.at(PROSE_QUOTE, key, f"a quotation mark opens “{span.text[:40]}” and never closes")
            elif not _own(loaded, key, own, shared).allows(span.text):
                yield loaded.at(
                    PROSE_QUOTE,
                    key,
                    f"“{span.text[:60]}” is quoted, but it is neither the chapter's words nor words a source is "
                    "recorded as saying (`said`); write it without quotation marks, or cite the source that says it",
                )


def editors(loaded: Loaded) -> Iterator[Finding]:
    for index, name in enumerate(loaded.sources.edition.editors):
        if (why := unprinted(name)) is not None:
            yield loaded.at(EDITOR_NAME, ("edition", "editors", index), why)
        elif name != " ".join(name.split()):  # (a no-break space too)
            # a citation writes a name as words with single spaces: the page would not show it as written
            yield loaded.at(EDITOR_NAME, ("edition", "editors", index), f"“{name}” is not words with single spaces")


def author(loaded: Loaded) -> Iterator[Finding]:
    """The citations split the original's author at the last word (tools/site/citation.py
    `person_name`): "Alexander Orlov, Jr." would be cited as Jr., Alexander Orlov."""
    works = loaded.sources.works
    index = next((i for i, w in enumerate(works) if w.id == loaded.sources.edition.work), None)
    if index is None:
        return  # the reference rule says so
    name = works[index].author
    words = {word.rstrip(".").lower() for word in (name or "").split()}
    if name is not None and (PUNCTUATION_IN_NAME.search(name) or words & NOT_A_FAMILY_NAME):
        yield loaded.at(AUTHOR_NAME, ("works", index, "author"), f"“{name}” is not one name as its words run")


def printed(loaded: Loaded) -> Iterator[Finding]:
    """Every text is shown to readers somewhere (a note, a card, the apparatus), where the guard holds
    it to the characters the edition prints: said here, at its line (the editors' names by their rule)."""
    for key, value in loaded.texts:
        if key[:2] != ("edition", "editors") and (why := unprinted(value)) is not None:
            yield loaded.at(TEXT_PRINTED, key, why)


# The fields that name a file or an address, for the build (the pages, the original, where a reading
# was read): no reader reads them as words.
NAMES_FILES = frozenset({"pages", "editorial", "original", "read_at", "canonical", "url"})


def file_names(loaded: Loaded) -> Iterator[Finding]:
    """Every text is printed too, where the exports refuse an internal file name (original/….txt,
    sources.yml): said here, at the text, not at build for the page that shows it."""
    for key, value in loaded.texts:
        if not NAMES_FILES.isdisjoint(key) or (key[0], key[-1]) == ("scare_quotes", "page"):
            continue
        # (as readers read it: `*emphasis*` is italics, so sources.*yml* shows sources.yml)
        if (name := FILE_NAME.search(value.replace("*", ""))) is not None:
            yield loaded.at(EXPORT_WORDS, key, shows_a_file_name(name.group(0)))


def languages(loaded: Loaded) -> Iterator[Finding]:
    """Every text's letters are in the script of a declared language, which the build marks its
    words with (tools/publish/languages.py): said here, at the text, not at build for a whole page."""
    declared = tags(loaded.sources.policy.languages)
    letter = undeclared_letter(declared)
    for key, value in loaded.texts:  # (an editor's name is held to the printed letters by its own rule)
        if key[:2] != ("edition", "editors") and letter is not None and (found := letter.search(value)) is not None:
            listed = ", ".join(sorted(declared))
            yield loaded.at(
                TEXT_LANGUAGE,
                key,
                f"'{found.group()}' is a letter of no language policy.languages declares ({listed}): "
                "declare the language these words are in",
            )


def stated_languages(loaded: Loaded, page: str | None) -> Iterator[Finding]:
    """The language a work's title and words, or a reading's words, are in: one the list declares,
    on letters of its script (or of a script the build marks by itself: a Russian name in German
    words), as the pages will mark them (tools/site/cited.py) and the guard hold them."""
    declared = tags(loaded.sources.policy.languages)
    marked = frozenset(others(page, declared)) if page else frozenset()
    given: list[tuple[PathKey, str | None, tuple[str, ...]]] = [
        (("works", i, "language"), work.language, (work.title,)) for i, work in enumerate(loaded.sources.works)
    ]
    for key, _, reading in readings(loaded.sources):
        stated = isinstance(reading, Citation) and reading.language is not None
        given.append(((*key, "language" if stated else "said"), language_read(reading, loaded.sources), reading.words))
    listed = ", ".join(sorted(declared))
    for key, language, words in given:
        if language is None:
            continue
        tag = language.replace("_", "-")
        script = script_of(tag)
        if tag not in declared or script is None:
            if key[-1] != "language":  # the work's language, said at the work
                continue
            message = f"'{language}' is not a language policy.languages declares ({listed}): declare it, or correct it"
            yield loaded.at(TEXT_LANGUAGE, key, message)
        elif (letters := letter_outside(marked | {script})) is not None:
            if (found := next(filter(None, map(letters.search, words)), None)) is not None:
                message = (
                    f"the words are said to be in '{language}', but '{found.group()}' is not a letter of its script"
                )
                yield loaded.at(TEXT_LANGUAGE, key, message)


def _own(loaded: Loaded, key: PathKey, made: dict[PathKey, Corpus], shared: Corpus) -> Corpus:
    """What an entry's texts may quote: the shared words, and its own sources' (made once an entry)."""
    entry_key = key[:2]
    if entry_key not in made:
        section, index = (*entry_key, "", "")[:2]
        entries = getattr(loaded.sources, str(section), ()) if section in SECTIONS else ()
        entry = entries[index] if isinstance(index, int) and index < len(entries) else None
        made[entry_key] = corpus_of(tuple(passages_read(entry)) if entry is not None else (), beside=(shared,))
    return made[entry_key]


RULES = (PROSE_QUOTE, EDITOR_NAME, AUTHOR_NAME, TEXT_PRINTED, TEXT_LANGUAGE)
