"""Stable anchors (tools/publish/anchors.py): nothing in anchors.lock may vanish from a fresh build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.publish import anchors


@pytest.fixture(scope="module")
def site(built_site: Path) -> anchors.Site:
    """The session's build of the real site (tests/conftest.py), as anchors.py reads an edition."""
    return anchors.read_edition(built_site)


def test_every_locked_anchor_is_still_published(site: anchors.Site) -> None:
    locked = anchors.read_lock()
    assert locked, "anchors.lock is empty: run python -m tools.publish.anchors --write"
    assert anchors.missing(locked, site) == [], "add a redirect or alias in anchors.yml"


def test_an_id_gone_from_the_epub_fails(site: anchors.Site) -> None:
    """The lock covers the EPUB: a quotation's id missing from praise.xhtml is reported."""
    locked = anchors.read_lock()
    gone = "EPUB/praise.xhtml#q-bukharin-hope-of-mankind"
    assert gone in locked and "EPUB/nav.xhtml#toc" in locked
    ids = {page: set(found) for page, found in site.ids.items()}
    ids["EPUB/praise.xhtml"].discard("q-bukharin-hope-of-mankind")
    assert anchors.missing(locked, anchors.Site(ids, site.redirects)) == [gone]


def test_declared_moves_are_in_the_build(site: anchors.Site) -> None:
    assert anchors.moves_problems(anchors.load_moves(), site) == []


def test_lock_is_sorted_and_unique() -> None:
    text = anchors.LOCK.read_text(encoding="utf-8")
    assert text == anchors.format_lock(anchors.read_lock())


def _write(root: Path, name: str, body: str) -> None:
    (root / name).write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_redirects_and_aliases_keep_old_links(tmp_path: Path) -> None:
    moves = anchors.Moves(redirects={"old.html": "new.html"}, aliases={"old.html#q-old": "new.html#q-new"})
    content = anchors.add_aliases('<p id="p-1"><span id="q-new">“…”</span></p>', "new.html", moves)
    assert content == '<p id="p-1"><span id="q-new"><span id="q-old"></span>“…”</span></p>'
    _write(tmp_path, "new.html", content + '<i id="__drawer"></i>')
    anchors.write_redirects(tmp_path, moves)
    site = anchors.read_site(tmp_path)

    assert site.redirects == {"old.html": "new.html"}
    assert "new.html#__drawer" not in anchors.anchors_of(site)  # theme widgets are not locked
    assert anchors.missing({"old.html", "old.html#q-old", "new.html#q-new", "new.html#q-old"}, site) == []
    assert anchors.missing({"new.html#p-2", "gone.html"}, site) == ["gone.html", "new.html#p-2"]
    assert anchors.moves_problems(moves, site) == []


def test_alias_to_a_missing_target_fails() -> None:
    moves = anchors.Moves(aliases={"a.html#x": "a.html#nope"})
    with pytest.raises(ValueError):
        anchors.add_aliases('<p id="p"></p>', "a.html", moves)


def test_moves_not_applied_are_reported(tmp_path: Path) -> None:
    _write(tmp_path, "new.html", '<p id="q-new"></p>')
    moves = anchors.Moves(redirects={"old.html": "new.html"}, aliases={"new.html#q-old": "new.html#q-new"})
    problems = anchors.moves_problems(moves, anchors.read_site(tmp_path))
    assert len(problems) == 2
