"""How the edition is cited: Chicago (notes) and MLA, the reference-manager tags of a page, and
the one record behind the RIS, BibTeX and CSL-JSON downloads.

The one citation formatter of the edition. The teachers' page, the page metadata, the
downloads and the copy-citation buttons all use it (the buttons through templates the page
carries: edition.js fills `{n}`, `{id}`, `{speaker}`, `{use}` and `{accessed}` in with the reader's
paragraph, quotation and date, see TOKENS).

Every citation names the chapter as its author's, with his title, and a section heading as the
editors' words when it is theirs; it gives the site's name, the edition's date and the book the
chapter is part of. Parts that are not known are left out, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .escape import clean, markdown_text
from .formats import MONTHS, format_date
from .records import SourceList, Work

MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
# Chicago 8.159 and MLA 1.2.1: articles, coordinating conjunctions and prepositions stay lower
# case inside a title (the first and last words, and the first after a colon, never do).
MINOR_WORDS = frozenset(
    "a an the and but for nor or so yet about above across after against along among around as at before "
    "behind below beneath beside between beyond by despite during except from in inside into like near of "
    "off on onto outside over past per since than through throughout till to toward towards under until "
    "upon via with within without".split()
)
# What the copy-citation buttons fill in: the paragraph number, the element id, the speaker of a
# quotation and today's date (formatted with the month names the page is given).
TOKENS = ("{n}", "{id}", "{speaker}", "{use}", "{accessed}")


@dataclass(frozen=True)
class Edition:
    """The edition as a citation names it."""

    name: str  # the site's name
    url: str  # the published address of the site, ending in "/"
    date: dt.date | None  # the date of this version
    title: str  # the chapter's own title
    author: str | None  # the chapter's author
    relation: str | None  # how the text relates to the book ("English machine translation of part of")
    book: Work | None  # the book the chapter is part of


@dataclass(frozen=True)
class Passage:
    """What is cited: a section, a paragraph or a quotation of the chapter."""

    heading: str  # the section's heading
    editors_heading: bool  # the heading is the editors' words, not the author's
    url: str  # absolute, with the #fragment of a paragraph or quotation
    first: int | str  # paragraph numbers (or the token "{n}")
    last: int | str
    speaker: str | None = None  # who is quoted, for a quotation
    use: str = "quoted"  # how Orlov gives the speaker's words: "quoted", or "paraphrased" for a paraphrase


def edition(sources: SourceList, site_name: str, site_url: str, chapter_title: str | None) -> Edition:
    book = sources.works.get(sources.work) if sources.work else None
    return Edition(
        name=site_name,
        url=site_url if site_url.endswith("/") else site_url + "/",
        date=sources.edition_date,
        title=chapter_title or site_name,
        author=book.author if book else None,
        relation=sources.relation,
        book=book,
    )


# --- pieces -----------------------------------------------------------------------------------


def title_case(title: str) -> str:
    """'Praise in the courtroom' -> 'Praise in the Courtroom'. Words that already carry a capital
    after their first letter (NKVD, McCarthy) and words not in Latin script are left alone."""
    words = title.split(" ")
    out = []
    for index, word in enumerate(words):
        first = index == 0 or words[index - 1].endswith((":", "—", "–"))
        last = index == len(words) - 1
        out.append("-".join(_cased(part, first or last or n > 0) for n, part in enumerate(word.split("-"))))
    return " ".join(out)


def _cased(word: str, major: bool) -> str:
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if not letters or not all(word[i].isascii() for i in letters) or any(word[i].isupper() for i in letters[1:]):
        return word
    at = letters[0]
    if not major and word.strip("“”‘’\"'()[],;.").lower() in MINOR_WORDS:
        return word[:at] + word[at].lower() + word[at + 1 :]
    return word[:at] + word[at].upper() + word[at + 1 :]


def paragraphs(first: int | str, last: int | str, *, mla: bool = False) -> str:
    """'para. 5', 'paras. 1–3' (Chicago) or 'par. 5', 'pars. 1–3' (MLA)."""
    one, many = ("par.", "pars.") if mla else ("para.", "paras.")
    return f"{one} {first}" if first == last else f"{many} {first}–{last}"


def mla_date(value: dt.date) -> str:
    return f"{value.day} {MLA_MONTHS[value.month - 1]} {value.year}"


def bare_url(url: str) -> str:
    """MLA gives a web address without its scheme."""
    return re.sub(r"^https?://", "", url)


def inverted(name: str) -> str:
    """'Alexander Orlov' -> 'Orlov, Alexander'."""
    given, _, family = name.rpartition(" ")
    return f"{family}, {given}" if given else family


def _text(value: str, markdown: bool) -> str:
    """A value from the source list or the config, as text: escaped for Markdown, or plain."""
    return markdown_text(value, emphasis=False) if markdown else clean(value)


def _title(value: str, markdown: bool) -> str:
    """A book's or a site's title: in italics in Markdown, as it is in plain text."""
    return f"*{_text(value, True)}*" if markdown else clean(value)


def _section(p: Passage, markdown: bool) -> str:
    heading = _text(title_case(p.heading), markdown)
    return f"section “{heading}”" + (" (editors’ heading)" if p.editors_heading else "")


def _book(e: Edition, *, mla: bool, markdown: bool) -> str:
    if e.book is None:
        return ""
    relation = f" of {_text(e.relation, markdown)}" if e.relation else ", from"
    title = _title(e.book.title, markdown)
    if mla:
        imprint = ", ".join(str(x) for x in (e.book.publisher, e.book.year) if x is not None)
        return f"{relation} {title}" + (f", {_text(imprint, markdown)}" if imprint else "")
    place = ": ".join(x for x in (e.book.place, e.book.publisher) if x)
    imprint = ", ".join(x for x in (place, str(e.book.year) if e.book.year is not None else "") if x)
    return f"{relation} {title}" + (f" ({_text(imprint, markdown)})" if imprint else "")


# --- the two styles ---------------------------------------------------------------------------


def chicago(p: Passage, e: Edition, accessed: str | None = None, *, markdown: bool = True) -> str:
    """A Chicago note: Alexander Orlov, “Title,” section “Heading” (editors’ heading), in *Site*,
    documentary edition of … *Book* (Place: Publisher, Year), date, para. 5, URL. Markdown, with
    every value escaped (the teachers' page), or plain text (`markdown=False`)."""
    quoted = f"{_text(p.speaker, markdown)}, {p.use} in " if p.speaker else ""
    author = f"{_text(e.author, markdown)}, " if e.author else ""
    date = format_date(e.date) if e.date else "n.d."
    when = f", accessed {accessed}" if accessed else ""
    return (
        f"{quoted}{author}“{_text(title_case(e.title), markdown)},” {_section(p, markdown)}, "
        f"in {_title(title_case(e.name), markdown)}, documentary edition{_book(e, mla=False, markdown=markdown)}, "
        f"{date}, {paragraphs(p.first, p.last)}{when}, {_text(p.url, markdown)}."
    )


def mla(p: Passage, e: Edition, accessed: str | None = None, *, markdown: bool = True) -> str:
    """An MLA works-cited entry: Orlov, Alexander. “Title.” Section “Heading” (editors’ heading),
    par. 5. *Site*, documentary edition of … *Book*, Publisher, Year, date, address. Accessed …"""
    author = f"{_text(inverted(e.author), markdown)}. " if e.author else ""
    date = f", {mla_date(e.date)}" if e.date else ""
    when = f" Accessed {accessed}." if accessed else ""
    section = _section(p, markdown)
    return (
        f"{author}“{_text(title_case(e.title), markdown)}.” {section[0].upper()}{section[1:]}, "
        f"{paragraphs(p.first, p.last, mla=True)}. {_title(title_case(e.name), markdown)}, documentary edition"
        f"{_book(e, mla=True, markdown=markdown)}{date}, {_text(bare_url(p.url), markdown)}.{when}"
    )


def templates(heading: str, editors_heading: bool, page_url: str, e: Edition) -> dict[str, str]:
    """The plain-text citations of one page with TOKENS left for the copy-citation buttons to fill in."""
    paragraph = Passage(heading, editors_heading, f"{page_url}#{{id}}", "{n}", "{n}")
    quotation = Passage(heading, editors_heading, f"{page_url}#{{id}}", "{n}", "{n}", "{speaker}", "{use}")
    return {
        "chicago": chicago(paragraph, e, "{accessed}", markdown=False),
        "chicagoQuotation": chicago(quotation, e, "{accessed}", markdown=False),
        "mla": mla(paragraph, e, "{accessed}", markdown=False),
    }


def month_names() -> dict[str, tuple[str, ...]]:
    """The month names the buttons format today's date with (Chicago's are the edition's own)."""
    return {"chicago": MONTHS, "mla": MLA_MONTHS}


# --- reference managers -----------------------------------------------------------------------


def highwire(p: Passage, e: Edition) -> list[tuple[str, str]]:
    """Highwire Press `citation_*` tags for a chapter page (Zotero, Mendeley, Google Scholar): a
    section of the edition, whose book title is the site's name."""
    tags = [("citation_title", f"{clean(title_case(e.title))}, {_section(p, False)}")]
    if e.author:
        tags.append(("citation_author", clean(inverted(e.author))))
    tags.append(("citation_book_title", clean(title_case(e.name))))
    if e.date:
        tags.append(("citation_publication_date", e.date.strftime("%Y/%m/%d")))
    tags += [("citation_public_url", p.url), ("citation_language", "en")]
    if e.book is not None:
        tags.append(("citation_abstract", f"Documentary edition{_book(e, mla=False, markdown=False)}."))
    return tags


@dataclass(frozen=True)
class Record:
    """The edition as one bibliographic item, for RIS, BibTeX and CSL-JSON."""

    key: str
    title: str
    author: str | None
    date: dt.date | None
    url: str
    note: str | None
    book: Work | None


def record(e: Edition) -> Record:
    family = inverted(e.author).split(",")[0].lower() if e.author else "edition"
    key = re.sub(r"[^a-z0-9]+", "-", f"{family} {e.title}".lower()).strip("-")
    note = f"Documentary edition{_book(e, mla=False, markdown=False)}."
    return Record(key, title_case(e.title), e.author, e.date, e.url, note, e.book)


def ris(r: Record) -> str:
    lines = [("TY", "EBOOK"), ("TI", r.title)]
    if r.author:
        lines.append(("AU", inverted(r.author)))
    lines.append(("ET", "Documentary edition"))
    if r.date:
        lines += [("PY", str(r.date.year)), ("DA", r.date.strftime("%Y/%m/%d"))]
    lines += [("UR", r.url), ("LA", "en")]
    if r.note:
        lines.append(("N1", r.note))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)


BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_^~])")


def bibtex_text(text: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m.group() == "\\" else "\\" + m.group(), text)


def bibtex(r: Record) -> str:
    fields = [("title", "{" + bibtex_text(r.title) + "}")]  # double braces: keep the title's capitals
    if r.author:
        fields.append(("author", bibtex_text(inverted(r.author))))
    fields.append(("edition", "Documentary edition"))
    if r.date:
        fields += [("date", r.date.isoformat()), ("year", str(r.date.year))]
    fields += [("url", bibtex_text(r.url)), ("language", "english")]
    if r.note:
        fields.append(("note", bibtex_text(r.note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@book{{{r.key},\n{body}\n}}\n"


def csl(r: Record) -> list[dict[str, object]]:
    item: dict[str, object] = {"id": r.key, "type": "book", "title": r.title}
    if r.author:
        family, _, given = inverted(r.author).partition(", ")
        item["author"] = [{"family": family, "given": given}]
    item["edition"] = "Documentary edition"
    if r.date:
        item["issued"] = {"date-parts": [[r.date.year, r.date.month, r.date.day]]}
    item.update({"URL": r.url, "language": "en"})
    if r.note:
        item["note"] = r.note
    if r.book is not None:
        item["original-title"] = r.book.title
        if isinstance(r.book.year, int):
            item["original-date"] = {"date-parts": [[r.book.year]]}
        if r.book.publisher:
            item["original-publisher"] = r.book.publisher
        if r.book.place:
            item["original-publisher-place"] = r.book.place
    return [item]


def use_of(status: str) -> str:
    """How a citation says Orlov gives a quotation of this status: a paraphrase is no quotation."""
    return "paraphrased" if status == "paraphrase" else "quoted"
