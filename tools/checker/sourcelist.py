"""Rules on the source list as a whole: ids, references, spellings, the source policy, calendars."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import re2

from ..model.findings import Example, Finding, Rule
from ..model.loading import Loaded
from ..model.names import family_name, looks, scripts_mixed
from ..model.readings import cited_by, readings
from ..model.urls import host_of, hosts_within, on_domain, site_of
from .chronology import RULES as CHRONOLOGY
from .chronology import calendars, chronology

ID_UNIQUE = Rule(
    "id-unique",
    "every id is used once: entries of the source list, and ids on the chapter pages",
    Example("data/sources.yml", "  - id: trotsky", "  - id: stalin"),
)
REFERENCE = Rule(
    "reference",
    "every id an entry names (a speaker, a work, a trial, a person, a paragraph) exists; a trial's `report` is "
    "a primary record, of that trial alone",
    Example("data/sources.yml", "    speaker: bukharin", "    speaker: bukharin-n"),
)
SPELLING = Rule(
    "spelling",
    "a spelling belongs to one person only (each word of a person's name is theirs), and is never also "
    "declared not a name; spellings that look alike (Unicode's confusables, in any case and with any accents) "
    "are one spelling, and no word of a spelling, or of a word declared not a name, mixes scripts",
    Example("data/sources.yml", "not_names: [", "not_names: [Bukharin, "),
)
SOURCE_DENIED = Rule(
    "source-denied",
    "no address is on a domain the policy's denylist refuses, nor stands for an address on one (an archive's "
    "copy, a redirector's target, a search engine's cache, a translating proxy's page)",
    Example("data/sources.yml", "https://archive.org/details/reportofcourtpro1938", "https://metapedia.org/x"),
)
SOURCE_COPY = Rule(
    "source-copy",
    "a copy says what it is: a work's own copy is on the work's own site; a mirror names the page it copies; "
    "an unauthorised copy cites a printed work; a site that copies others is cited as a mirror; no entry rests "
    "on mirrors alone; every reading, another text's wording of a quotation included, gives the address it "
    "was read at",
    Example("data/sources.yml", "        copy: scan\n", "        copy: mirror\n"),
)
SOURCE_HOME = Rule(
    "source-home-page",
    "an address locates something: a site's home page is not a source",
    Example("data/sources.yml", "https://en.wikipedia.org/wiki/Joseph_Stalin", "https://en.wikipedia.org/"),
)
STATUS_VERIFIED = Rule(
    "status-verified",
    "a quotation is `verified` only when the official Report of its own trial (a primary record) gives its "
    "words at a printed page (`report_wording`)",
    Example("data/sources.yml", "    status: attributed", "    status: verified"),
)
STATUS_ATTRIBUTED = Rule(
    "status-attributed",
    "a quotation is `attributed` (or `verified`) only when its speaker and its occasion are known and each is "
    "covered by a source other than the book, its translation and the author's other works (in either script): "
    "otherwise it is Orlov's word only",
    Example("data/sources.yml", "    status: unverified", "    status: attributed"),
)
PRINTED_PAGE = re2.compile(r"\bpp?\. ?[0-9]+")


def check(loaded: Loaded) -> Iterator[Finding]:
    yield from ids(loaded)
    yield from references(loaded)
    yield from spellings(loaded)
    yield from policy(loaded)
    yield from calendars(loaded)
    yield from chronology(loaded)
    yield from verified(loaded)
    yield from attributed(loaded)


def ids(loaded: Loaded) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for section, index, entry in loaded.sources.entries():
        ident = entry.id
        if ident in seen:
            yield loaded.at(ID_UNIQUE, (section, index, "id"), f"the id '{ident}' is already used in {seen[ident]}")
        seen.setdefault(ident, section)


def references(loaded: Loaded) -> Iterator[Finding]:
    s = loaded.sources

    def need(key: tuple[str | int, ...], value: str | None, table: dict[str, object], what: str) -> Iterator[Finding]:
        if value is not None and value not in table:
            yield loaded.at(REFERENCE, key, f"no {what} '{value}' in {loaded.path}")

    yield from need(("edition", "work"), s.edition.work, s.work, "work")  # type: ignore[arg-type]
    yield from need(("edition", "translation"), s.edition.translation, s.work, "work")  # type: ignore[arg-type]
    for key, _, citation in readings(s):
        yield from need((*key, "work"), citation.work, s.work, "work")  # type: ignore[arg-type]
    reported: dict[str, str] = {}  # a Report -> the trial it records
    for i, t in enumerate(s.trials):
        yield from need(("trials", i, "prosecutor"), t.prosecutor, s.person, "person")  # type: ignore[arg-type]
        yield from need(("trials", i, "report"), t.report, s.work, "work")  # type: ignore[arg-type]
        report = s.work.get(t.report)
        if report is not None and report.kind != "primary":
            yield loaded.at(
                REFERENCE, ("trials", i, "report"), f"a trial's report is its official record, not a {report.kind} work"
            )
        if t.report in reported:
            yield loaded.at(
                REFERENCE, ("trials", i, "report"), f"'{t.report}' is already the report of '{reported[t.report]}'"
            )
        reported.setdefault(t.report, t.id)
        for j, p in enumerate(t.participants):
            yield from need(("trials", i, "participants", j, "person"), p.person, s.person, "person")  # type: ignore[arg-type]
    for i, q in enumerate(s.quotations):
        yield from need(("quotations", i, "speaker"), q.speaker, s.person, "person")  # type: ignore[arg-type]
        yield from need(("quotations", i, "trial"), q.trial, s.trial, "trial")  # type: ignore[arg-type]
    for i, m in enumerate(s.meetings):
        yield from need(("meetings", i, "person"), m.person, s.person, "person")  # type: ignore[arg-type]
        yield from need(("meetings", i, "trial"), m.trial, s.trial, "trial")  # type: ignore[arg-type]


def spellings(loaded: Loaded) -> Iterator[Finding]:
    owner: dict[str, str] = {}
    # What each spelling looks like to a reader (tools/model/names.py): Bukhаrin with a Cyrillic а is
    # Bukharin to the eye, so two spellings that look alike are one spelling, whatever their code points.
    seen: dict[str, tuple[str, str]] = {}  # looks -> (person id, spelling)
    # A surname moved into another person's spellings would give him the first one's words.
    name_words = {word: p.id for p in loaded.sources.people for word in p.name.replace("-", " ").split()}
    word_looks = {
        key: (p.id, word)
        for p in loaded.sources.people
        for word in p.name.replace("-", " ").split()
        for key in looks(word)
    }
    not_names = {name: index for index, name in enumerate(loaded.sources.not_names)}
    for i, person in enumerate(loaded.sources.people):
        places: dict[str, tuple[str | int, ...]] = {}  # each spelling, at its first place (a dict: linear)
        for j, variant in enumerate(person.variants):
            places.setdefault(variant, ("people", i, "variants", j))
        places.setdefault(person.name, ("people", i, "name"))
        for form, key in places.items():
            yield from _one_script(loaded, key, form)
            if form in owner and owner[form] != person.id:
                yield loaded.at(
                    SPELLING, key, f"the spelling '{form}' is also {owner[form]}'s: a spelling names one person"
                )
            if name_words.get(form, person.id) != person.id:
                yield loaded.at(
                    SPELLING,
                    key,
                    f"'{form}' is a word of {loaded.sources.name_of(name_words[form])}'s name: a spelling names one person",
                )
            elif owner.get(form, person.id) == person.id and (alike := _alike(form, person.id, seen, word_looks)):
                yield loaded.at(SPELLING, key, f"'{form}' looks like {alike}: a spelling names one person")
            owner.setdefault(form, person.id)
            seen.update({k: (person.id, form) for k in looks(form) if k not in seen})
            if form in not_names:
                yield loaded.at(
                    SPELLING, ("not_names", not_names[form]), f"'{form}' is {person.id}'s spelling, so it is a name"
                )
    for index, name in enumerate(loaded.sources.not_names):
        yield from _one_script(loaded, ("not_names", index), name)
        like = next((seen[k] for k in looks(name) if k in seen), None)
        if like is not None and name not in owner:  # (the same spelling is said above)
            yield loaded.at(
                SPELLING,
                ("not_names", index),
                f"'{name}' looks like {like[0]}'s spelling '{like[1]}', so it would be read as a name",
            )


def _alike(form: str, person: str, seen: dict[str, tuple[str, str]], words: dict[str, tuple[str, str]]) -> str | None:
    """Another person's spelling, or a word of another's name, that `form` looks like (Unicode's
    confusables, in any case and with any accents), said as a finding says it."""
    for k in looks(form):
        if k in seen and seen[k][0] != person:
            return f"{seen[k][0]}'s spelling '{seen[k][1]}' (Unicode's confusables, in any case and with any accents)"
        if k in words and words[k][0] != person:
            return f"'{words[k][1]}', a word of {words[k][0]}'s name"
    return None


def _one_script(loaded: Loaded, key: tuple[str | int, ...], spelling: str) -> Iterator[Finding]:
    """Each word of a spelling is of one script (its accents and apostrophes aside): a word that mixes
    them is made to look like a name it is not. The library's script data (confusable-homoglyphs, from
    Unicode's Scripts.txt) says which script a letter is of: mixed is refused whether or not the letters
    are in the confusables list, since what looks alike depends on the font."""
    for word in spelling.split():
        if mixed := scripts_mixed(word):
            yield loaded.at(
                SPELLING,
                key,
                f"'{word}' mixes scripts ({' and '.join(sorted(s.title() for s in mixed))}) in one word: a "
                "spelling is written in one script, so that it cannot pass for another name",
            )


def held(url: str) -> list[tuple[str, str]]:
    """Each host `url` is held to the policy for, with how a finding names it: its own, then every host
    of an address it stands for (an archive's, a redirector's, a cache's or a translating proxy's), so
    that a denied or unauthorised site is not admitted behind another."""
    if url.startswith("original/"):
        return []
    host = host_of(url)
    return [(host, host), *((inner, f"{inner} behind {host}") for inner in hosts_within(url))]


def policy(loaded: Loaded) -> Iterator[Finding]:
    s = loaded.sources
    copiers = s.policy.mirrors
    for index, listed in enumerate(s.works):
        # A work's own address is shown to readers (and read at when a citation names no other).
        if listed.url is None:
            continue
        for host, named in held(listed.url):
            denied = next((d for d in s.policy.denylist if on_domain(host, d.domain)), None)
            if denied is not None:
                yield loaded.at(SOURCE_DENIED, ("works", index, "url"), f"{named} is on the denylist ({denied.reason})")
            pirate = next((u for u in s.policy.unauthorised if on_domain(host, u.domain)), None)
            if pirate is not None:
                yield loaded.at(
                    SOURCE_COPY,
                    ("works", index, "url"),
                    f"{named} is {pirate.what}: a work's own address is never an unauthorised copy",
                )
    for key, _, c in readings(s):
        if c.read_at is not None and c.read_at.startswith("original/") and c.read_at != s.edition.original:
            yield loaded.at(
                SOURCE_COPY, (*key, "read_at"), f"a file read is only the chapter as received, {s.edition.original}"
            )
        for name, url in (("read_at", c.read_at), ("canonical", c.canonical)):
            if url is None or url.startswith("original/"):
                continue
            for host, named in held(url):
                denied = next((d for d in s.policy.denylist if on_domain(host, d.domain)), None)
                if denied is not None:
                    yield loaded.at(
                        SOURCE_DENIED, (*key, name), f"{named} is on the denylist ({denied.reason}); cite another copy"
                    )
            if _home_page(url):
                yield loaded.at(SOURCE_HOME, (*key, name), f"{url} is a site's home page, which locates nothing")
        if c.copy_kind == "mirror" and c.canonical is None:
            yield loaded.at(SOURCE_COPY, (*key, "copy"), "a mirror names the page it copies: add `canonical:`")
        if c.copy_kind != "mirror" and c.canonical is not None:
            yield loaded.at(SOURCE_COPY, (*key, "canonical"), "only a mirror has a canonical page: say `copy: mirror`")
        for host, named in held(c.read_at) if c.read_at is not None else ():
            site = next((m for m in copiers if on_domain(host, m.domain)), None)
            if site is not None and c.copy_kind != "mirror":
                yield loaded.at(SOURCE_COPY, (*key, "read_at"), f"{named} copies {site.copies}: say `copy: mirror`")
            pirate = next((u for u in s.policy.unauthorised if on_domain(host, u.domain)), None)
            if pirate is not None and c.copy_kind != "unauthorised":
                yield loaded.at(SOURCE_COPY, (*key, "read_at"), f"{named} is {pirate.what}: say `copy: unauthorised`")
        work = s.work.get(c.work)
        if (
            c.copy_kind == "own"
            and c.read_at is not None
            and not c.read_at.startswith("original/")
            and work is not None
            and work.url is not None
            and site_of(host_of(c.read_at)) != site_of(host_of(work.url))
        ):
            yield loaded.at(
                SOURCE_COPY,
                (*key, "read_at"),
                f"{host_of(c.read_at)} is not {work.short}'s own site ({site_of(host_of(work.url))}): "
                "say what copy this is (`copy: mirror`, `archive`, `scan` or `unauthorised`)",
            )
        if c.copy_kind == "unauthorised" and work is not None and work.url is not None:
            yield loaded.at(
                SOURCE_COPY,
                (*key, "work"),
                f"an unauthorised copy is never the source: cite the printed work it copies, not {work.short}",
            )
        if c.read_at is None and work is not None and work.url is None:
            yield loaded.at(SOURCE_COPY, key, "say where this was read: `read_at:` with the address")
    for section, index, entry in s.entries():
        for field, _, refs in cited_by(entry):  # an entry's sources, a meeting's claim and each account's
            if refs and all(c.copy_kind == "mirror" for c in refs):
                yield loaded.at(
                    SOURCE_COPY,
                    (section, index, *field),
                    "every source is a mirror: cite the page it copies, or another source, beside it",
                )


def _home_page(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and parts.path.strip("/").lower() in ("", "index.html", "index.htm", "index.php")


def verified(loaded: Loaded) -> Iterator[Finding]:
    """`verified` means the words were seen in the official Report of the quotation's own trial, a
    primary record, at a printed page: any other work or locator would let invented words pass."""
    s = loaded.sources
    for i, q in enumerate(s.quotations):
        if q.status != "verified":
            continue
        wording, trial = q.report_wording, s.trial.get(q.trial or "")
        problems = []
        if wording is None:
            problems.append("it gives no `report_wording` (the official Report's words)")
        else:
            work = s.work.get(wording.work)
            if trial is None:
                problems.append("it names no trial, so no Report can be its record")
            elif wording.work != trial.report:
                problems.append(
                    f"its `report_wording` is from '{wording.work}', not its trial's Report ('{trial.report}')"
                )
            if work is not None and work.kind != "primary":
                problems.append(f"its `report_wording` is from a work of kind '{work.kind}', not a primary record")
            if not PRINTED_PAGE.search(wording.locator):
                problems.append(f"the locator '{wording.locator}' names no printed page (p. 123)")
        for problem in problems:
            yield loaded.at(
                STATUS_VERIFIED, ("quotations", i, "status"), f"quotation '{q.id}' is verified, but {problem}"
            )


def attributed(loaded: Loaded) -> Iterator[Finding]:
    """`attributed` says a source beside Orlov supports who spoke and when: a citation of the book or
    of the translation reproduced here is Orlov's word again, which is what `unverified` says."""
    s = loaded.sources
    book = s.work.get(s.edition.work)
    author = family_name(book.author) if book is not None and book.author else None
    # Orlov's word in any of his books (the 1991 Russian edition is the same book): a work whose
    # author has his family name, in either script, is his own.
    own = {s.edition.work, s.edition.translation} | {
        w.id for w in s.works if author and w.author and family_name(w.author) == author
    }
    for i, q in enumerate(s.quotations):
        if q.status not in ("attributed", "verified"):
            continue
        for field in ("speaker", "occasion"):
            if getattr(q, field) is None:
                problem = f"its {field} is not known"
            elif not any(field in c.covers and c.work not in own for c in q.sources):
                problem = (
                    f"no source but Orlov's own works (the book, its translation, his other books) covers its {field}"
                )
            else:
                continue
            yield loaded.at(
                STATUS_ATTRIBUTED,
                ("quotations", i, "status"),
                f"quotation '{q.id}' is {q.status}, but {problem}: say `unverified`",
            )


RULES = (
    ID_UNIQUE,
    REFERENCE,
    SPELLING,
    SOURCE_DENIED,
    SOURCE_COPY,
    SOURCE_HOME,
    *CHRONOLOGY,
    STATUS_VERIFIED,
    STATUS_ATTRIBUTED,
)
