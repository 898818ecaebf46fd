"""The offline export (tools/publish/export.py): a reproducible zip and a self-contained single file."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT, Exported, Project, build_env, hook_findings

from tools.publish import export, singlefile
from tools.publish.build import OFFLINE_CONFIG, OFFLINE_SITE
from tools.publish.builtpages import ExportError
from tools.publish.downloads import publish_downloads

Export = tuple[Path, Path]


@pytest.fixture(scope="module")
def exported_files(exported: Exported) -> Export:
    return exported.zip, exported.html


def test_export_is_reproducible(exported: Exported, tmp_path: Path) -> None:
    """A second export of the same tree, by the command a user runs, gives the same bytes in all
    four files; the command first says which address it bakes in (tests/publish/test_publishing.py
    sets a published one)."""
    dist = tmp_path / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "tools.publish.export", "--dist", str(dist), "--site-dir", str(tmp_path / "site")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == export.address_notice(export.site_meta().url)
    for first in exported.files():
        assert (dist / first.name).read_bytes() == first.read_bytes(), first.name


def test_the_offline_build_is_written_inside_dist_and_offered_nowhere(exported: Exported) -> None:
    """Nothing is written outside site/ or dist/ (review S13): the offline build goes to
    dist/.offline-site, by default and in mkdocs.offline.yml, and is in no download."""
    assert OFFLINE_SITE == "dist/.offline-site"
    assert f"site_dir: {OFFLINE_SITE}\n" in (PROJECT / OFFLINE_CONFIG).read_text(encoding="utf-8")
    shown = subprocess.run(
        [sys.executable, "-m", "tools.publish.export", "--help"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env=build_env(),
    ).stdout
    assert f"(default: {OFFLINE_SITE}/)" in " ".join(shown.split())
    assert exported.site.parent == exported.zip.parent  # dist/
    for packed in (exported.zip, exported.epub):
        assert not any(".offline-site" in name for name in zipfile.ZipFile(packed).namelist())


def test_zip_holds_the_offline_site_in_one_folder(exported_files: Export) -> None:
    names = zipfile.ZipFile(exported_files[0]).namelist()
    assert names == sorted(names)
    assert {n.split("/")[0] for n in names} == {"secret-history-19-offline"}
    for needed in ("index.html", "praise.html", "search/search_index.js"):
        assert f"secret-history-19-offline/{needed}" in names


def test_single_file_requests_nothing(exported_files: Export) -> None:
    text = exported_files[1].read_text(encoding="utf-8")
    assert not re.search(r"""\b(?:src|srcset|poster)\s*=\s*["']?(?:https?:)?//""", text)
    assert not re.search(r"<link\b[^>]*\brel=[\"']?stylesheet", text)
    assert not re.search(r"<script\b", text)
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", text)  # nothing fetched from CSS either
    # A <link> is only allowed as the data: favicon that stops a /favicon.ico request.
    assert re.findall(r"<link\b[^>]*>", text) == ['<link rel="icon" href="data:,">']


def test_single_file_internal_links_all_land(exported_files: Export) -> None:
    text = exported_files[1].read_text(encoding="utf-8")
    ids = re.findall(r"""\sid="([^"]+)\"""", text)
    assert len(ids) == len(set(ids)), "duplicate ids"
    targets = set(re.findall(r"""\shref="#([^"]*)\"""", text))
    assert targets, "no in-file links at all"
    assert targets <= set(ids), sorted(targets - set(ids))
    # The chapter's apparatus came along: footnotes, editorial notes, every nav page.
    assert 'id="fn:q-bukharin-hope-of-mankind"' in text
    assert "<aside" in text and 'class="admonition editorial"' in text
    for page in ("index", "warning", "praise", "trotsky", "meetings"):
        assert f'id="page-{page}"' in text


def test_duplicate_ids_fail_loudly() -> None:
    assert singlefile.duplicates(["a", "b", "a", "c", "b"]) == ["a", "b"]


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("praise.html#q-x", "#q-x"),
        ("praise.html", "#page-praise"),
        ("#fn:q-x", "#fn:q-x"),
        ("https://example.org/a", "https://example.org/a"),
    ],
)
def test_links_between_pages_become_in_file_anchors(href: str, expected: str, tmp_path: Path) -> None:
    pages = frozenset({"index.html", "praise.html"})
    assert singlefile.rewrite_href(href, "index.html", pages, tmp_path) == expected


def test_link_outside_the_edition_fails(tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        singlefile.rewrite_href("404.html", "index.html", frozenset({"index.html"}), tmp_path)


def test_read_offline_page_links_land_after_publishing(exported_files: Export, tmp_path: Path) -> None:
    """offline.html links to downloads/…; publish_downloads puts exactly those files there."""
    site = tmp_path / "site"
    site.mkdir()
    copied = publish_downloads(site, exported_files[0].parent)
    offline_page = (Path(__file__).resolve().parents[2] / "docs" / "offline.md").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="(downloads/[^"]+)"', offline_page))
    assert linked == {p.relative_to(site).as_posix() for p in copied}
    assert all(p.stat().st_size > 0 for p in copied)


def test_a_checker_finding_stops_every_export(repo_copy: Project, tmp_path: Path) -> None:
    """A changed word in a quotation: `./edition export` fails with the checker's finding line,
    and writes none of the four files (the EPUB and the PDF are made from the checked build)."""
    repo_copy.replace("docs/warning.md", "meet a sad and unfortunate end", "meet a bad and unfortunate end")
    where = repo_copy.at("docs/warning.md", "bad and unfortunate", "quote-wording")
    dist = tmp_path / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "tools.publish.export", "--dist", str(dist), "--site-dir", str(tmp_path / "site")],
        cwd=repo_copy.root,
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert [f for f in hook_findings(done.stderr) if f.startswith(where + " ")], done.stderr
    assert done.stderr.rstrip().endswith("export failed: the offline build stopped")
    assert not dist.exists() or not any(dist.iterdir())


def test_the_zips_read_offline_page_makes_sense_inside_the_zip(exported: Exported, tmp_path: Path) -> None:
    """Every link of the zip's own offline.html lands inside the zip, except the zip itself,
    which is offered from the published site (a zip cannot hold itself)."""
    with zipfile.ZipFile(exported.zip) as zf:
        zf.extractall(tmp_path)
    site = tmp_path / "secret-history-19-offline"
    page = (site / "offline.html").read_text(encoding="utf-8")
    assert "This is the offline copy of the edition" in page
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    hrefs = re.findall(r'href="([^"#]+)', article)
    local = [h for h in hrefs if "://" not in h]
    assert "downloads/secret-history-19.html" in local
    assert [h for h in local if not (site / h).is_file()] == []
    site_url = export.site_meta().url
    assert f"{site_url}downloads/secret-history-19-offline.zip" in hrefs
    assert "downloads/secret-history-19-offline.zip" not in local
