"""The offline exports (tools/publish/export.py, downloads.py, singlefile.py, bookpages.py), from the
session's build:

- an export is the same bytes every time: made again from the same offline build, the documents of the
  PDFs are the same (so none is rendered again) and the single file, the EPUB and the zip are the same;
- the offline build is written inside dist/ and offered in no download;
- the zip holds the offline site under one folder, sorted, search index and downloads included, and
  its "Read offline" page's links land inside it (but the zip itself, offered from the published site);
- the single file loads nothing: no script, no stylesheet file, no address to fetch, a data: favicon;
- the online site offers every download the "Read offline" page lists, each a non-empty file;
- a link between pages of a one-document export becomes an anchor in it, a link to a file of the site
  the published address, and a link that climbs out of the site stops the export.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT
from session import CONTACT, PUBLISHED_URL, Built
from session import FILES as names
from test_offline_exports import page_of

from tools.checker import check
from tools.publish.bookpages import ExportFailed, Relinker, take_notes
from tools.publish.build import OFFLINE_CONFIG, OFFLINE_SITE
from tools.publish.downloads import MANIFEST
from tools.publish.export import Pending

TOP = f"{names.slug}-offline"


@pytest.mark.slow
def test_an_export_is_the_same_bytes_every_time(built: Built, tmp_path: Path) -> None:
    """The PDFs and the manifest of the session's export in a fresh dist/: Pending renders again only
    what changed, so an identical document means no rendering at all (a PDF renders the same bytes from
    the same document: WeasyPrint uses no clock); the other files are made again and compared."""
    site = tmp_path / "offline"
    shutil.copytree(built.offline, site)  # the export writes its downloads into the offline site
    dist = tmp_path / "dist"
    dist.mkdir()
    for name in (*[n for n in names.all if n.endswith(".pdf")], MANIFEST):
        shutil.copyfile(built.dist / name, dist / name)
    result = check(built.root)
    assert result.checked is not None
    pending = Pending(site, dist, result.checked, PUBLISHED_URL, CONTACT, built.root)
    assert pending.rendering == {}, "a PDF's document differs from the session's: not reproducible"
    made = pending.finish()
    assert sorted(e.path.name for e in made) == sorted(names.all)
    differ = [e.path.name for e in made if e.path.read_bytes() != (built.dist / e.path.name).read_bytes()]
    assert differ == []


def test_the_offline_build_is_inside_dist_and_offered_nowhere(built: Built) -> None:
    assert OFFLINE_SITE == "dist/.offline-site"
    assert f"site_dir: {OFFLINE_SITE}\n" in (PROJECT / OFFLINE_CONFIG).read_text(encoding="utf-8")
    assert built.offline.is_dir() and built.offline.parent == built.dist
    for packed in (names.zip, names.epub):
        with zipfile.ZipFile(built.dist / packed) as archive:
            assert not [n for n in archive.namelist() if ".offline-site" in n or ".export-" in n], packed
    assert not list(built.dist.glob(".export-*")), "the scratch folder is removed"


def test_the_zip_holds_the_offline_site_under_one_folder(built: Built) -> None:
    with zipfile.ZipFile(built.dist / names.zip) as archive:
        listed = archive.namelist()
    assert listed == sorted(listed)
    assert {n.split("/")[0] for n in listed} == {TOP}
    for needed in ("index.html", "praise.html", "search/search_index.js", *[f"downloads/{n}" for n in names.in_zip]):
        assert f"{TOP}/{needed}" in listed, needed
    assert f"{TOP}/downloads/{names.zip}" not in listed  # a zip cannot hold itself


def test_the_zips_read_offline_page_makes_sense_inside_the_zip(built: Built, tmp_path: Path) -> None:
    with zipfile.ZipFile(built.dist / names.zip) as archive:
        archive.extractall(tmp_path)
    site = tmp_path / TOP
    page = (site / "offline.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    assert "This is the offline copy of the edition" in article
    hrefs = re.findall(r'href="([^"#]+)', article)
    local = [h for h in hrefs if "://" not in h]
    assert f"downloads/{names.html}" in local
    assert [h for h in local if not (site / h).is_file()] == []
    assert f"{PUBLISHED_URL}downloads/{names.zip}" in hrefs and f"downloads/{names.zip}" not in local


def test_the_single_file_loads_nothing(built: Built) -> None:
    text = (built.dist / names.html).read_text(encoding="utf-8")
    assert not re.search(r"""\b(?:src|srcset|poster)\s*=\s*["']?(?:https?:)?//""", text)
    assert not re.search(r"<link\b[^>]*\brel=[\"']?stylesheet", text)
    assert not re.search(r"<script\b", text)
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", text)
    assert [re.search(r'rel="icon" href="([^":]+):', link).group(1) for link in re.findall(r"<link\b[^>]*>", text)] == [  # type: ignore[union-attr]
        "data"
    ]


def test_the_site_offers_every_download_the_read_offline_page_lists(built: Built) -> None:
    page = (built.site / "offline.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="(downloads/[^"]+)"', page))
    assert linked == {f"downloads/{n}" for n in names.all}
    assert [h for h in linked if not (built.site / h).is_file() or not (built.site / h).stat().st_size] == []
    for name in names.all:
        assert (built.site / "downloads" / name).read_bytes() == (built.dist / name).read_bytes(), name


def test_links_in_a_one_document_export() -> None:
    pages = [page_of('<p id="p-a">x</p>', name="index.html"), page_of('<p id="q">y</p>', name="praise.html")]
    relinker = Relinker(pages, "https://example.org/ed/", one_document=True)
    for href, expected in [
        ("praise.html#q", "#q"),
        ("praise.html", "#page-praise"),
        ("#p-a", "#p-a"),
        ("quotations.csv", "https://example.org/ed/quotations.csv"),
        ("https://example.org/a", "https://example.org/a"),
    ]:
        link = page_of(f'<p id="p-b"><a href="{href}">z</a></p>', name="index.html")
        relinker.relink(link)
        assert next(link.body.iter("a")).get("href") == expected, href
    with pytest.raises(ExportFailed, match="leaves the site"):
        relinker.relink(page_of('<p id="p-c"><a href="../../etc/passwd">z</a></p>', name="index.html"))


NOTED = (
    '<p id="p-1">Said <span class="quotation" id="q-a">“a”</span><a class="fn-ref" href="#fn:q-a">1</a>'
    ' and <span class="quotation" id="q-b">“b”</span><a class="fn-ref" href="#fn:q-b">2</a>.</p>'
    '<section class="footnotes" id="notes"><ol><li id="fn:q-a"><p>Note A.</p></li>'
    '<li id="fn:q-b"><p>Note B.</p></li></ol></section>'
)


def test_notes_in_reading_order_and_a_call_or_a_note_alone_stops_the_export() -> None:
    page = page_of(NOTED, kind="chapter", name="praise.html")
    notes = take_notes(page)
    assert [(n.ident, n.number) for n in notes] == [("fn:q-a", "1"), ("fn:q-b", "2")]
    assert not [e for e in page.body.iter() if e.get("id") == "notes"]  # the list is taken out
    with pytest.raises(ExportFailed, match="the note call 'fn:q-b' has no note"):
        take_notes(page_of(NOTED.replace('<li id="fn:q-b">', '<li id="fn:q-c">'), name="praise.html"))
    uncalled = NOTED.replace('<a class="fn-ref" href="#fn:q-b">2</a>', "")
    with pytest.raises(ExportFailed, match="notes never called: fn:q-b"):
        take_notes(page_of(uncalled, name="praise.html"))
