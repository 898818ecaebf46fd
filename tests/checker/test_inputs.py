"""The editorial input's files themselves: nothing is read or published through a symbolic link,
every file under docs/ is a declared page or one of the edition's assets, and anchors.yml's moves
that are fine pass. Each refusal is one finding at the file's 1:1."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project

from tools.checker.datesread import dates_read, dates_written, gives, said_month, writes_date
from tools.checker.facts import _unshared, numbers, year_of
from tools.model.sourcelist import Citation

SECRET = "SECRET_TOKEN=hunter2"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    return folder


LINKS: list[tuple[str, Callable[[Path, Path], str]]] = [
    # (the link, what it points at: outside the project, or inside it, to what is never published)
    ("docs/assets/leak.txt", lambda root, out: str(out / "secret.txt")),
    ("docs/assets/folder", lambda root, out: str(out)),
    ("docs/whole", lambda root, out: str(out)),
    ("data/more.yml", lambda root, out: str(out / "secret.txt")),
    ("docs/git", lambda root, out: "../.git"),
    ("docs/assets/env.txt", lambda root, out: "../../.env"),
    ("docs/data-again", lambda root, out: "../data"),
    ("docs/up", lambda root, out: os.path.relpath(out, root / "docs")),
    ("original/chapter.txt", lambda root, out: str(out / "secret.txt")),
    ("data/sources.yml", lambda root, out: "/proc/self/environ"),
    ("anchors.yml", lambda root, out: "../.env"),
    ("original", lambda root, out: str(out)),
]


@pytest.mark.parametrize(("link", "target"), LINKS, ids=[link for link, _ in LINKS])
def test_a_link_is_never_followed(mini: Project, outside: Path, link: str, target: Callable[[Path, Path], str]) -> None:
    """Not even inside the project: `.git` holds the CI job's token, `.env` is untracked."""
    mini.write(".git/config", "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    mini.write(".env", f"{SECRET}\n")
    path = mini.path(link)
    if path.is_dir():
        (path.parent / "moved").mkdir()
        path.rename(path.parent / "moved" / path.name)
    elif path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target(mini.root, outside))
    result = mini.check()
    assert [str(f) for f in result.findings] == [
        f"{link}:1:1: file-missing is a symbolic link: an editorial file is a file of its own"
    ]
    assert result.unusable and result.checked is None


def test_a_loop_of_links_is_a_finding_each(mini: Project) -> None:
    mini.path("docs/a").symlink_to("b")
    mini.path("docs/b").symlink_to("a")
    assert [(f.path, f.rule) for f in mini.check().findings] == [("docs/a", "file-missing"), ("docs/b", "file-missing")]


@pytest.mark.parametrize(
    "name",
    [
        "docs/evil.html",  # a page with a script, without the edition's policy
        "docs/feed.xml",
        "docs/assets/evil.svg",  # an SVG runs its script when opened
        "docs/assets/images/pixel.png",
        "docs/assets/javascripts/sub/deeper/x.js",
        "docs/assets/javascripts/edition.js",  # the edition's own name: its own is code, in overrides/assets/
        "docs/assets/stylesheets/edition.css",
        "docs/assets/javascripts/evil.html",
        "docs/assets/stylesheets/evil.svg",
    ],
)
def test_a_file_that_is_not_a_declared_page_is_refused(mini: Project, name: str) -> None:
    mini.write(name, "<script>alert(document.domain)</script>\n")
    found = [f"{f.path}:{f.line}:{f.col}: {f.rule}" for f in mini.check().findings]
    assert found == [f"{name}:1:1: page-undeclared"]


def test_moves_that_are_fine(mini: Project) -> None:
    mini.write("anchors.lock", "chapter.html\nold/deep.html\npraise.html#q-old\nchapter.html#q-x\n")  # once published
    mini.write(
        "anchors.yml",
        "redirects:\n  chapter.html: praise.html\n  old/deep.html: warning.html\n"
        "aliases:\n  praise.html#q-old: praise.html#q-rosengolts-long-live\n"
        "  chapter.html#q-x: praise.html#p-praise-in-speeches\n",
    )
    mini.admit()  # anchors.yml is pinned in pages.lock: where a shared link lands is admitted on review
    result = mini.check()
    assert result.findings == []
    assert result.moves.redirects == {"chapter.html": "praise.html", "old/deep.html": "warning.html"}
    assert result.moves.aliases["chapter.html#q-x"] == "praise.html#p-praise-in-speeches"


@pytest.mark.parametrize(
    "target",
    ["praise.html#p-old", "praise.html#__drawer"],  # another alias (made in file order), the theme's own
)
def test_an_alias_leads_to_an_element_of_the_page(mini: Project, target: str) -> None:
    mini.write("anchors.lock", "praise.html#q-old\npraise.html#p-old\n")
    mini.write(
        "anchors.yml",
        f"aliases:\n  praise.html#q-old: {target}\n  praise.html#p-old: praise.html#p-praise-in-speeches\n",
    )
    mini.admit()
    assert [f.message.split(": ")[-1] for f in mini.check().findings] == [
        "an alias leads to an element of the page, not another alias or the theme's own"
    ]


def test_a_move_keeps_a_published_address_and_makes_up_none(mini: Project) -> None:
    """An alias named to mislead (a Vyshinsky address landing on Bukharin's words) was never published."""
    mini.write("anchors.yml", "aliases:\n  praise.html#q-vyshinsky-hope: praise.html#q-bukharin-hope-of-mankind\n")
    mini.admit()
    assert [f.message.split(": ")[-1] for f in mini.check().findings] == [
        "praise.html#q-vyshinsky-hope was never published (it is not in anchors.lock)"
    ]


@pytest.mark.parametrize("text", [None, "# nothing moved yet\n"], ids=["absent", "a comment"])
def test_no_moves(mini: Project, text: str | None) -> None:
    if text is None:
        mini.path("anchors.yml").unlink()
    else:
        mini.write("anchors.yml", text)
    mini.admit()
    result = mini.check()
    assert result.findings == [] and result.moves.redirects == {} and result.moves.aliases == {}


def test_anchors_that_are_not_yaml_are_one_finding(mini: Project) -> None:
    mini.write("anchors.yml", "redirects: {a.html: [\n")
    mini.admit()
    assert [(f.path, f.rule) for f in mini.check().findings] == [("anchors.yml", "yaml-syntax")]


def citation_saying(*said: str) -> Citation:
    return Citation.model_validate({"work": "socialist-standard-1936", "said": list(said), "covers": ["year"]})


def gives_month(citations: list[Citation], value: dt.date | str, month: int, languages: tuple[str, ...]) -> bool:
    return said_month([dates_read(citations, languages)], year_of(value), month, numbers(value))


@pytest.mark.parametrize(
    ("said", "month", "gives"),
    [
        # A month's name next to the year or the day, in a language of the list.
        ("In the October, 1936, Socialist Standard", 10, True),
        ("Рождение 6 (18) августа 1890", 8, True),
        # A short word that is a month's name in some language (Jola-Fonyi "no" is November) does
        # not count, nor a month's name far from the date's numbers.
        ("In the October, 1936, Socialist Standard, No. 41", 11, False),
        ("November was a cold month; the paper came out in 1936", 11, False),
        # A month as a number only in a date of its year: not a day's number or an hour that equals it.
        ("Socialist Standard, 1936-11", 11, True),
        ("No. 387, 11.1936", 11, True),
        ("the session opened at 11 am in 1936", 11, False),
        ("5 March 1936", 5, False),
        # A name as a text writes it: the verb "may" next to the year is not May.
        ("the witness may in 1936 have been in Paris", 5, False),
        ("in MAY 1936", 5, True),
    ],
)
def test_a_dates_month_is_read_only_next_to_its_year_or_day(said: str, month: int, gives: bool) -> None:
    languages = ("en", "ru", "dyo")
    value = f"1936-{month:02d}" if "1936" in said else dt.date(1890, 8, 18)
    assert gives_month([citation_saying(said)], value, month, languages) is gives


def test_a_named_pipe_in_docs_is_a_finding_not_a_hang(mini: Project) -> None:
    """A pipe never ends: one for a listed page once held the checker forever (pinning it in
    pages.lock read it whole), and an unlisted one passed, then crashed the build's copy."""
    page = mini.path("docs/warning.md")
    page.unlink()
    os.mkfifo(page)
    os.mkfifo(mini.path("docs/feed.xml"))
    found = {(f.path, f.rule) for f in mini.check().findings}
    assert {("docs/warning.md", "file-missing"), ("docs/feed.xml", "page-undeclared")} <= found


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("shot on 15 March 1938 after the trial", [((15,), 3, 1938, False)]),
        ("Lenin's birthday, 10 (22) April 1870", [((10, 22), 4, 1870, True)]),  # Old and New Style: either
        ("in the week from 2 to 23 November 1932", [((2, 23), 11, 1932, False)]),  # a range: each day
        ("from 23 November to 2 December 1932", [((23,), 11, 1932, False), ((2,), 12, 1932, False)]),
        ("on the 2nd of July 1933", [((2,), 7, 1933, False)]),  # an ordinal, "of" between
        ("on 1933-02-24, and 24.02.1933", [((24,), 2, 1933, False), ((24,), 2, 1933, False)]),  # in numbers
        ("the trials of August 1936 and January 1937", [((), 8, 1936, False), ((), 1, 1937, False)]),
        ("arrived on November 23", [((23,), 11, None, False)]),
        ("he may go; a march of 1937", []),  # a verb and a walk, not months
        # round 14: the year first, an abbreviation CLDR does not give, a slash, two days after the month
        ("arrived at Marseilles on 1933, November 14", [((14,), 11, 1933, False)]),
        ("on 24 Sept. 1933", [((24,), 9, 1933, False)]),
        ("on 24/2/1933", [((24,), 2, 1933, False)]),
        ("on July 24 and 14, 1933", [((24, 14), 7, 1933, False)]),
    ],
)
def test_the_dates_a_text_writes(text: str, written: list[tuple[object, ...]]) -> None:
    assert [found for found, _ in dates_written(text)] == written


def test_a_range_needs_each_day_and_old_and_new_style_one() -> None:
    read = [dates_read([citation_saying("the visa ran from November 23, 1932")], ("en",))]
    assert not gives(read, ((2, 23), 11, 1932, False)) and gives(read, ((10, 23), 11, 1932, True))


def test_an_abbreviation_is_a_month_only_with_its_full_stop() -> None:
    """French "sept" is seven; "sept." is September (CLDR writes the abbreviation with its stop)."""
    seven = [dates_read([citation_saying("Le 15 août, sept condamnés furent fusillés en 1938.")], ("fr",))]
    assert not writes_date(seven, dt.date(1938, 9, 15)) and writes_date(seven, dt.date(1938, 8, 15))
    assert writes_date([dates_read([citation_saying("fusillés le 15 sept. 1938")], ("fr",))], dt.date(1938, 9, 15))


def test_words_are_read_with_the_month_names_of_their_own_language() -> None:
    """“some 15 years ago”: ago is August in Italian, set September; in English words they are words."""
    said = [citation_saying("Bukharin was shot in 1938, some 15 years ago")]
    assert not writes_date([dates_read(said, ("en", "ru"))], dt.date(1938, 8, 15))
    assert writes_date([dates_read(said, ("it",))], dt.date(1938, 8, 15))
    assert _unshared(("en", "ru", "de", "ro", "fr", "it")) == ("en", "ru")


def test_a_word_a_scans_line_break_split_is_read_whole() -> None:
    """A scan's excerpts, line by line: “… trials of Au” / “gust, 1936 …” give August 1936."""
    split = citation_saying("made against them in the Moscow trials of Au", "gust, 1936 and January, 1937.")
    assert gives_month([split], "1936-08", 8, ("en",))
    assert not gives_month([citation_saying("trials of Au", "Gust, 1936")], "1936-08", 8, ("en",))
