"""What every built folder gets after the engine (tools/publish/postprocess.py), and where the build
and the exports may write (paths.py, ziparchive.py):

- nothing is written outside its output folder, past a `..`, an absolute name or a planted link, and
  the zip packs no file a link leads to; two zips of one folder are the same bytes;
- a redirect page carries the policy before its one script, which is a file of the site; an alias is
  an empty element just before the anchor it stands for;
- every page of the session's build, online and offline, carries one Content-Security-Policy, first
  in <head>, whose script hashes are exactly the page's inline scripts, with no 'unsafe-inline'; the
  `serve` preview alone allows inline scripts (its server injects one);
- each chapter page carries its citation metadata and JSON-LD, every page of the edition its contact;
- the theme's hidden toggles lose the autocomplete HTML forbids on checkboxes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT
from session import CONTACT, Built

from tools.checker import check
from tools.model.edition import Site
from tools.model.html import local, parse
from tools.model.moves import Moves
from tools.publish.csp import POLICY, sha256
from tools.publish.engine import THEME_ASSETS
from tools.publish.paths import OutputError, output_path
from tools.publish.postprocess import (
    Output,
    postprocess,
    valid_toggles,
    with_aliases,
    with_skip_link,
    write_redirects,
)
from tools.publish.ziparchive import ZIP_TIME, write_zip

POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
CHAPTER = ("warning.html", "praise.html", "trotsky.html", "meetings.html")

# --- where the build writes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../escaped.html", "../../x/escaped.html", "a/../../escaped.html", "/tmp/x.html", "."]
)
def test_nothing_is_written_outside_the_folder(tmp_path: Path, name: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(OutputError):
        output_path(site, name)


def test_a_link_planted_in_the_folder_is_followed_and_refused(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    site.mkdir()
    elsewhere.mkdir()
    (site / "downloads").symlink_to(elsewhere)
    with pytest.raises(OutputError):
        output_path(site, "downloads/secret-history-19.html")
    assert output_path(site, "a/b.html") == (site / "a" / "b.html").resolve()


def test_a_redirect_out_of_the_folder_is_refused_even_past_the_checker(tmp_path: Path) -> None:
    """The writer checks for itself: moves made by hand, without anchors.yml's checks."""
    site = tmp_path / "deep" / "site"
    site.mkdir(parents=True)
    with pytest.raises(OutputError):
        write_redirects(site, Moves(redirects={"../../escaped.html": "praise.html"}))
    assert not list(tmp_path.rglob("escaped.html"))


def test_the_zip_packs_no_file_a_link_leads_to(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(OutputError):
        write_zip(site, tmp_path / "out.zip", "top")


def test_a_zip_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (site / "b" / "a.css").write_text("p{}", encoding="utf-8")
    first = write_zip(site, tmp_path / "1.zip", "top").read_bytes()
    (site / "index.html").touch()  # a newer time changes nothing
    assert write_zip(site, tmp_path / "2.zip", "top").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "1.zip") as packed:
        assert packed.namelist() == ["top/b/a.css", "top/index.html"]
        assert {i.date_time for i in packed.infolist()} == {ZIP_TIME}


# --- redirects and aliases ------------------------------------------------------------------------


def test_a_redirect_page_runs_no_inline_script_and_carries_the_policy_first(tmp_path: Path) -> None:
    (tmp_path / "praise.html").write_text("<html><body><p id='x'></p></body></html>", encoding="utf-8")
    written, refused = write_redirects(
        tmp_path, Moves(redirects={"old/deep.html": "praise.html", "praise.html": "index.html"})
    )
    # a page the build made (the theme's 404.html, which the checker does not know) is never skipped
    # as a redirect: the redirect over it is refused, and the page is guarded as any other
    assert written == ("old/deep.html",) and refused == ("praise.html",)
    page = (tmp_path / "old" / "deep.html").read_text(encoding="utf-8")
    root = parse(page)
    scripts = [e for e in root.iter() if local(e.tag) == "script"]
    assert [(s.get("src"), s.text) for s in scripts] == [("../assets/javascripts/redirect.js", None)]
    assert page.index('http-equiv="Content-Security-Policy"') < page.index("<script")
    assert '<meta http-equiv="refresh" content="0; url=../praise.html">' in page
    assert "<p id='x'>" in (tmp_path / "praise.html").read_text(), "a redirect is never written over a page"


def test_an_alias_is_an_empty_element_first_inside_its_anchor() -> None:
    """Inside, not before: before a <dt> it would stand between a definition list's terms, which the
    sixth hostile round did with an alias to the status legend (axe: definition-list, WCAG 1.3.1)."""
    moves = Moves(aliases={"praise.html#q-old": "praise.html#q-new", "people.html#a": "people.html#b"})
    page = '<p id="p-1">He said <span id="q-new">“…”</span></p>'
    assert with_aliases(page, "praise.html", moves) == (
        '<p id="p-1">He said <span id="q-new"><span id="q-old"></span>“…”</span></p>'
    )
    spelled = '<nav><a href="#great">Whose words id="great" are whose</a></nav><p id="great">x</p>'
    assert with_aliases(spelled, "index.html", Moves(aliases={"index.html#p-orlov": "index.html#great"})) == (
        spelled.replace('<p id="great">', '<p id="great"><span id="p-orlov"></span>')
    )  # words that spell the id are not the element
    legend = '<dl class="status-legend"><dt id="status-verified">verified</dt><dd>x</dd></dl>'
    moves = Moves(aliases={"index.html#p-orlov": "index.html#status-verified"})
    assert with_aliases(legend, "index.html", moves) == legend.replace(
        '"status-verified">', '"status-verified"><span id="p-orlov"></span>'
    )
    assert with_aliases('<p id="p-1"></p>', "praise.html", moves) == '<p id="p-1"></p>'  # no target: nothing


# --- every built page ----------------------------------------------------------------------------


def pages_of(built: Built) -> list[Path]:
    return sorted(p for folder in (built.site, built.offline) for p in folder.glob("*.html"))


SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # the theme writes its inline scripts so


def inline_scripts(page: str) -> list[str]:
    return SCRIPT.findall(page)


def test_every_page_carries_the_policy_first_hashing_exactly_its_inline_scripts(built: Built) -> None:
    pages = pages_of(built)
    assert len(pages) >= 25  # 13 online, 12 offline (the offline copy has no 404 page)
    for path in pages:
        page = path.read_text(encoding="utf-8")
        [policy] = POLICY_META.findall(page)
        assert page.index("Content-Security-Policy") < page.index('<meta name="viewport"'), path
        assert page.index("Content-Security-Policy") < page.index("<script"), path
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        scripts = inline_scripts(page)
        assert 1 <= len(scripts) <= 4, f"{path.name}: the theme's own inline scripts only"
        hashes = set(directives.pop("script-src").split()) - {"'self'"}
        assert hashes == {sha256(s) for s in scripts}, path
        assert directives == {k: v for k, v in POLICY.items() if k != "script-src"}, path
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_only_the_preview_allows_inline_scripts(tmp_path: Path) -> None:
    """`serve`'s server injects a live-reload script into each page: the preview's policy allows it."""
    result = check(PROJECT)
    assert result.checked is not None
    page = '<html><head><meta charset="utf-8"><title>t</title></head><body><p>x</p></body></html>'
    for preview in (True, False):
        folder = tmp_path / str(preview)
        folder.mkdir()
        (folder / "index.html").write_text(page, encoding="utf-8")
        site = Site("http://127.0.0.1:8000/", preview=preview)
        postprocess(Output(folder, "site", THEME_ASSETS), result.checked, site, Moves(), PROJECT, {})
        [policy] = POLICY_META.findall((folder / "index.html").read_text(encoding="utf-8"))
        assert ("script-src 'self' 'unsafe-inline';" in policy) == preview


def test_each_chapter_page_carries_its_metadata_and_every_page_the_contact(built: Built) -> None:
    for path in pages_of(built):
        if path.name == "404.html":  # the theme's: nothing on it to report
            continue
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert head.count(f'<meta name="edition-contact" content="{CONTACT}">') == 1, path
        if path.name in CHAPTER:
            assert len(re.findall(r'<meta name="citation_', head)) >= 6, path
            assert head.count('type="application/ld+json"') == 1, path
            assert '<meta name="citation_public_url" content="https://edition.example.org/history/' in head


def test_the_themes_toggles_are_valid_html(built: Built) -> None:
    theme = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    assert valid_toggles(theme) == theme.replace(' autocomplete="off"', "")
    for path in pages_of(built):
        assert 'type="checkbox" id="__drawer">' in (page := path.read_text(encoding="utf-8")), path
        assert 'autocomplete="off">' not in page.split('class="md-search"', 1)[0], path


def test_a_page_without_a_table_of_contents_gets_a_skip_link_to_its_title() -> None:
    """Material writes its skip link only where there is a table of contents; a page rendered by
    tools/site/ gets one to its title, a page that has Material's keeps it, as it is."""
    page = '<div data-md-component="skip">\n</div><article><h1 id="the-trials">The trials</h1>'
    assert with_skip_link(page) == page.replace(
        "\n</div>", '\n<a href="#the-trials" class="md-skip">Skip to content</a>\n</div>'
    )
    themed = page.replace("\n</div>", '<a href="#about" class="md-skip">Skip to content</a></div>')
    assert with_skip_link(themed) == themed
    assert with_skip_link("<p>no title</p>") == "<p>no title</p>"
