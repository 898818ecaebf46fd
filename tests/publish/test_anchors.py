"""Stable anchors (tools/publish/anchors.py): every page and anchor in anchors.lock is still published
by a fresh build, online and offline, or anchors.yml says where it went; a lost one is reported in one
line; `--write` adds the new ones to the lock, sorted, and the lock holds every one the build has."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT, copy_project
from session import Built

from tools.checker import check
from tools.model.moves import LOCK, Moves, read_lock
from tools.publish import anchors
from tools.publish.anchors import HEADER, lost, site_anchors

GONE = "praise.html#q-bukharin-hope-of-mankind"


@pytest.fixture(scope="module")
def moves() -> Moves:
    return check(PROJECT).moves


@pytest.fixture(scope="module")
def published(built: Built) -> set[str]:
    return site_anchors(built.site)


def test_every_locked_anchor_is_still_published(published: set[str], moves: Moves) -> None:
    locked = read_lock(PROJECT / LOCK)
    assert len(locked) > 300, "anchors.lock is nearly empty: run python -m tools.publish.anchors --write"
    assert lost(locked, published, moves) == [], "add a redirect or an alias in anchors.yml"


def test_the_lock_holds_every_anchor_the_build_publishes(published: set[str]) -> None:
    """Nothing published is left unlocked: after a change that adds pages or ids, run
    `python -m tools.publish.anchors --site <a build> --write` and commit anchors.lock."""
    assert sorted(published - read_lock(PROJECT / LOCK)) == []


def test_the_lock_is_sorted_and_unique() -> None:
    text = (PROJECT / LOCK).read_text(encoding="utf-8")
    lines = text.removeprefix(HEADER).splitlines()
    assert text.startswith(HEADER) and lines == sorted(set(lines))


def test_theme_widgets_and_downloads_are_not_locked(published: set[str]) -> None:
    assert "praise.html#p-praise-in-speeches" in published and GONE in published
    assert not [a for a in published if "#__" in a or a.startswith(("assets/", "search/", "downloads/"))]


def test_what_anchors_yml_says_keeps_an_old_link() -> None:
    moves = Moves(redirects={"old.html": "new.html"}, aliases={"new.html#q-old": "new.html#q-new"})
    present = {"new.html", "new.html#q-new", "new.html#q-old"}  # the alias's span, made by the build
    assert lost({"old.html", "old.html#p-1", "new.html#q-old", "new.html#q-new"}, present, moves) == []
    assert lost({"new.html#p-2", "gone.html", "EPUB/praise.xhtml#x"}, present, moves) == ["gone.html", "new.html#p-2"]
    # an alias the build could not make (its target missing when it came) keeps nothing
    assert lost({"new.html#q-old"}, {"new.html", "new.html#q-new"}, moves) == ["new.html#q-old"]


def test_a_removed_anchor_is_reported_in_one_line(
    built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """praise.html of the build, without one of its ids, against the lock's lines for that page."""
    (tmp_path / "site").mkdir()
    praise = tmp_path / "site" / "praise.html"
    praise.write_text(
        (built.site / "praise.html").read_text(encoding="utf-8").replace(' id="q-bukharin-hope-of-mankind"', "")
    )
    locked = {a for a in read_lock(PROJECT / LOCK) if a.startswith("praise.html")}
    monkeypatch.setattr(anchors, "read_lock", lambda path: locked)
    assert anchors.main(["--site", str(tmp_path / "site")]) == 1
    assert capsys.readouterr().err == f"gone: {GONE} (add a redirect or an alias in anchors.yml)\n"


def test_write_adds_the_new_anchors_sorted(
    built: Built, published: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a copy of the project whose lock lacks two of the build's anchors (and holds one the e-book
    had): `--write` adds them, keeps everything else, and the lock stays sorted."""
    project = copy_project(tmp_path / "project")
    monkeypatch.setattr(anchors, "site_anchors", lambda folder: published)  # the build's, read once
    locked = read_lock(project.path(LOCK))
    kept = {a for a in locked if a not in (GONE, "people.html#vyshinsky")} | {"EPUB/praise.xhtml#p-x"}
    project.write(LOCK, HEADER + "".join(f"{a}\n" for a in sorted(kept)))
    monkeypatch.setattr(anchors, "PROJECT", project.root)
    assert anchors.main(["--site", str(built.site)]) == 0  # new ones are a notice
    assert read_lock(project.path(LOCK)) == kept
    assert anchors.main(["--site", str(built.site), "--write"]) == 0
    assert project.read(LOCK).removeprefix(HEADER).splitlines() == sorted(kept | published)
