"""Every page and download shows a quotation in the chapter's exact wording (issue 10): proved on
the built site, and the proof attacked the ways a generator could go wrong."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PROJECT, Project, build_env, hook_findings, mkdocs_build

from tools import checker as check
from tools.checker.rendered import Checker, check_html, check_values
from tools.model.cite import edition
from tools.model.formats import EDITORS_CUT, quotation_text, shorten_quotation
from tools.model.pages import chapter_wordings
from tools.site.generated import GENERATORS
from tools.site.usage import Usage, usage


@pytest.fixture(scope="module")
def real() -> tuple[check.Result, Usage, Checker]:
    result = check.check(PROJECT)
    assert result.sources is not None and not result.errors
    used = usage(result.pages, result.sources)
    return result, used, Checker(chapter_wordings(result.pages))


def lines(text: str) -> list[tuple[int, int, str]]:
    return [(number, 1, line) for number, line in enumerate(text.splitlines(), 1)]


def test_the_wording_is_the_page_s_not_a_reconstruction(real: tuple[check.Result, Usage, Checker]) -> None:
    """The chapter's stray mark (” Most beloved”) is kept, and no ellipsis is added between parts."""
    _, used, _ = real
    assert used.wording["q-vyshinsky-epithets"] == "“great,” “genius,” “wise,” ” Most beloved”"


def test_every_built_page_and_download_quotes_the_chapter_exactly(
    built_site: Path, real: tuple[check.Result, Usage, Checker]
) -> None:
    _, _, quotes = real
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    found = [str(f) for page in pages for f in check_html(page.name, page.read_text(encoding="utf-8"), quotes)]
    for name in ("quotations.csv", "quotations.json"):
        found += [str(f) for f in check_values(name, lines((built_site / name).read_text(encoding="utf-8")), quotes)]
    assert found == []


def test_the_built_pages_show_the_epithets_as_the_chapter_has_them(built_site: Path) -> None:
    for name in ("quotations.html", "people.html", "sources.html"):
        html = (built_site / name).read_text(encoding="utf-8")
        assert "“great,” “genius,” “wise,” ” Most beloved”" in html, name
        assert "“great,” … “genius,”" not in html and "“Most beloved”" not in html, name
    rows = list(csv.DictReader(io.StringIO((built_site / "quotations.csv").read_text(encoding="utf-8"))))
    epithets = next(r for r in rows if r["id"] == "q-vyshinsky-epithets")
    assert epithets["text"] == "“great,” “genius,” “wise,” ” Most beloved”"
    data = json.loads((built_site / "quotations.json").read_text(encoding="utf-8"))
    assert next(r for r in data if r["id"] == "q-vyshinsky-epithets")["text"] == epithets["text"]


def test_the_wording_chain_is_on_the_quotations_page_and_in_the_footnotes(
    built_site: Path, real: tuple[check.Result, Usage, Checker]
) -> None:
    result, _, _ = real
    assert result.sources is not None
    page = (built_site / "quotations.html").read_text(encoding="utf-8")
    footnotes = "".join(
        (built_site / p.replace(".md", ".html")).read_text(encoding="utf-8") for p in result.sources.pages
    )
    with_russian = [q for q in result.sources.quotations.values() if q.russian is not None]
    assert len(with_russian) >= 4
    for q in with_russian:
        assert q.russian is not None
        assert f"«{q.russian.text}»" in page and f"«{q.russian.text}»" in footnotes, q.id
        assert q.literal is not None and q.literal in page and q.literal in footnotes, q.id
    assert page.count("The official Report: not seen") == len(result.sources.quotations)
    assert "the editors’ literal translation of it (theirs, not Orlov’s)" in footnotes


# --- attacks: each way a generator could misquote is caught -----------------------------------


def misquoting(used: Usage, change: dict[str, str]) -> Usage:
    return replace(used, wording={**used.wording, **change})


@pytest.mark.parametrize(
    ("name", "wording"),
    [
        ("the old reconstruction with added ellipses", "“great,” … “genius,” … “wise,” … “Most beloved”"),
        ("the stray mark silently put right", "“great,” “genius,” “wise,” “Most beloved”"),
        ("an epithet added", "“great,” “genius,” “wise,” “kind,” ” Most beloved”"),
    ],
)
def test_a_generator_that_rewords_is_refused_on_every_page(
    real: tuple[check.Result, Usage, Checker], name: str, wording: str
) -> None:
    result, used, quotes = real
    assert result.sources is not None
    bad = misquoting(used, {"q-vyshinsky-epithets": wording})
    cited = edition(result.sources, "Site", "https://example.org/", bad.title)
    outputs = {out: make(result.sources, bad, cited) for out, make in GENERATORS.items()}
    for out in ("people.md", "quotations.md", "sources.md", "quotations.csv", "quotations.json"):
        found = check_values(out, lines(outputs[out]), quotes)
        assert any(f.rule == "generated-quote-wording" for f in found), (name, out)


def test_an_unmarked_shortening_is_refused_and_a_marked_one_passes(real: tuple[check.Result, Usage, Checker]) -> None:
    _, used, quotes = real
    text = used.wording["q-rosengolts-long-live"]
    assert [p.rule for p in quotes.check(text[:60] + "…”")] == ["generated-quote-cut"]
    assert list(quotes.check(shorten_quotation(text, 60))) == []
    assert EDITORS_CUT in shorten_quotation(text, 60)


@pytest.mark.parametrize(
    "misquote",
    [
        "“He (naturally, Stalin – the author) is the hope of all mankind! He is a great creator!”",  # a word added
        "“He (naturally, Stalin – the author) is the hope of humanity! He is a great creator!”",  # a word changed
        "“He (naturally, Stalin – the author) is the hope of mankind! He is a great builder!”",  # the last word
        "“She (naturally, Stalin – the author) is the hope of mankind! He is a great creator!”",  # the first word
        "“He (naturally, Stalin – the author) is the hope of mankind! He is a creator!”",  # a word dropped
        "“He (naturally, Stalin) is the hope of mankind! He is a great creator!”",  # Orlov's insertion cut
        "“He (naturally, Stalin – the author) is the hope of mankind. He is a great creator!”",  # punctuation
    ],
)
def test_five_ways_and_more_to_misquote_bukharin(real: tuple[check.Result, Usage, Checker], misquote: str) -> None:
    _, _, quotes = real
    assert [p.rule for p in quotes.check(f"Bukharin said: {misquote} (a download)")] != []


def test_sharing_a_phrase_is_not_misquoting(real: tuple[check.Result, Usage, Checker]) -> None:
    """The editors' literal translations and notes share words with the chapter; they pass."""
    result, _, quotes = real
    assert result.sources is not None
    for q in result.sources.quotations.values():
        for text in (q.literal, q.notes, q.russian.text if q.russian else None):
            if text:
                assert list(quotes.check(text)) == [], q.id
    assert list(quotes.check('the words "the bright road that sweeps away all the remnants" are garbled')) == []


def test_quotation_text_without_the_chapter_marks_the_gaps_as_the_editors(
    real: tuple[check.Result, Usage, Checker],
) -> None:
    result, _, quotes = real
    assert result.sources is not None
    q = result.sources.quotations["q-vyshinsky-epithets"]
    assert list(quotes.check(quotation_text(q, None))) == []


def test_the_build_refuses_a_generator_that_misquotes(repo_copy: Project, tmp_path: Path) -> None:
    """The hook checks every page as it is written: a quotations page that rebuilds the wording
    from the source list the old way (parts joined by ' … ') stops the build at the exact line."""
    repo_copy.replace(
        "tools/site/quotations.py",
        'f"> {md(quotation_text(q, used.wording.get(q.id)), emphasis=False)}",',
        "f\"> {' … '.join(chr(8220) + t + chr(8221) for t in q.text)}\",",
    )
    result = mkdocs_build(repo_copy.root, tmp_path / "site")
    assert result.returncode != 0
    found = hook_findings(result.stdout + result.stderr)
    assert any(
        re.match(r"quotations\.html:\d+:\d+: generated-quote-wording quotation 'q-vyshinsky-epithets'", f)
        for f in found
    ), found
    assert "quotation(s) in the output differ from the chapter's wording" in result.stdout + result.stderr


def test_the_checker_cli_passes_the_real_footnotes() -> None:
    done = subprocess.run(
        [str(Path(__import__("sys").executable)), "-m", "tools.checker"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
