"""What the build would write or publish from other inputs than the source list: anchors.yml
(tools/model/moves.py) and symbolic links (tools/model/symlinks.py). Each refusal is one line,
`path:line:col: rule message`, from `./edition check` and from `mkdocs build` alike."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PROJECT, Project, hook_findings, mkdocs_build, run_check

MOVES = "anchors.yml"
ESCAPE = '"../../escaped.html"'


def moves(project: Project, text: str) -> list[str]:
    project.write(MOVES, text)
    return [f for f in project.findings() if f.startswith(MOVES)]


@pytest.mark.parametrize(
    ("entry", "needle", "rule", "message"),
    [
        (
            'redirects:\n  "../../escaped.html": praise.html\n',
            '"../../escaped.html"',
            "anchors-page",
            "redirect '../../escaped.html' -> 'praise.html': the old page climbs out of the site with '..'",
        ),
        (
            'redirects:\n  old.html: "javascript:alert(document.domain)"\n',
            "old.html",
            "anchors-page",
            "redirect 'old.html' -> 'javascript:alert(document.domain)': the new page names the scheme 'javascript:'",
        ),
        (
            "redirects:\n  old.html: https://evil.example/x.html\n",
            "old.html",
            "anchors-page",
            "the new page names the scheme 'https:'",
        ),
        ("redirects:\n  /etc/cron.html: praise.html\n", "/etc/cron.html", "anchors-page", "starts with '/'"),
        ('redirects:\n  "a\\\\b.html": praise.html\n', '"a', "anchors-page", "contains a backslash"),
        ("redirects:\n  old.html: ../praise.html\n", "old.html", "anchors-page", "climbs out of the site with '..'"),
        ("redirects:\n  old.htm: praise.html\n", "old.htm", "anchors-page", "is not a page name"),
        (
            "redirects:\n  old.html: gone.html\n",
            "old.html",
            "anchors-redirect",
            "gone.html is not a published page (neither in anchors.lock nor in docs/)",
        ),
        ("redirects:\n  praise.html: warning.html\n", "praise.html", "anchors-redirect", "praise.html is still a page"),
        (
            "redirects:\n  a.html: b.html\n  b.html: praise.html\n",
            "a.html",
            "anchors-redirect",
            "b.html is itself redirected",
        ),
        (
            "aliases:\n  praise.html#q-old: praise.html#q-nowhere\n",
            "praise.html#q-old",
            "anchors-alias",
            "praise.html#q-nowhere is not an anchor of the site",
        ),
        (
            "aliases:\n  praise.html: praise.html#q-rosengolts-long-live\n",
            "praise.html:",
            "anchors-alias",
            "the old anchor needs '#id' after the page",
        ),
        (
            'aliases:\n  "praise.html#x\\" onload=\\"alert(1)": praise.html#q-rosengolts-long-live\n',
            '"praise.html#x',
            "anchors-alias",
            "the old anchor needs '#id' after the page",
        ),
        (
            "aliases:\n  warning.html#q-old: praise.html#q-rosengolts-long-live\n",
            "warning.html#q-old",
            "anchors-alias",
            "moves page too, so also redirect warning.html -> praise.html",
        ),
        ("redirect:\n  old.html: praise.html\n", "redirect:", "yaml-unknown-key", "unknown section 'redirect'"),
        ("redirects: [old.html]\n", "redirects:", "yaml-type", "'redirects' must be a mapping"),
        (
            "redirects:\n  old.html: praise.html\n  old.html: warning.html\n",
            "old.html: warning",
            "yaml-duplicate-key",
            "repeats the key 'old.html'",
        ),
    ],
)
def test_anchors_yml_entry_refused_at_its_line(mini: Project, entry: str, needle: str, rule: str, message: str) -> None:
    found = moves(mini, entry)
    prefix = mini.at(MOVES, needle, rule)
    hits = [f for f in found if f.startswith(prefix + " ")]
    assert hits, f"expected {prefix!r}; got {found}"
    assert message in hits[0]
    assert all("\n" not in f for f in found)


def test_anchors_yml_aliases_and_redirects_that_are_fine(mini: Project) -> None:
    text = (
        "redirects:\n  chapter.html: praise.html\n  old/deep.html: warning.html\n"
        "aliases:\n  praise.html#q-old: praise.html#q-rosengolts-long-live\n"
        "  chapter.html#q-x: praise.html#p-praise-in-speeches\n"
    )
    assert moves(mini, text) == []
    result = mini.check()
    assert result.moves.redirects == {"chapter.html": "praise.html", "old/deep.html": "warning.html"}
    assert result.moves.aliases["chapter.html#q-x"] == "praise.html#p-praise-in-speeches"


def test_anchors_yml_absent_or_empty_means_no_moves(mini: Project) -> None:
    assert mini.check().moves.redirects == {}
    mini.write(MOVES, "# nothing moved yet\n")
    assert mini.findings() == [] and mini.check().moves.aliases == {}


def test_anchors_yml_that_is_not_yaml_is_unusable(mini: Project) -> None:
    mini.write(MOVES, "redirects: {a.html: [\n")
    result = mini.check()
    assert result.exit_code == 2
    assert str(result.findings[0]).startswith(f"{MOVES}:")


def test_refused_move_is_reported_by_the_command_too(mini: Project) -> None:
    mini.write(MOVES, 'redirects:\n  "../../escaped.html": praise.html\n')
    done = run_check(mini.root)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{mini.at(MOVES, ESCAPE, 'anchors-page')} redirect '../../escaped.html' -> "
        "'praise.html': the old page climbs out of the site with '..'"
    ]


# --- symbolic links ------------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("not for the site\n", encoding="utf-8")
    return folder


LINKS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("docs/assets/leak.txt", lambda out: out / "secret.txt", "a file"),
    ("docs/assets/folder", lambda out: out, "a folder"),
    ("data/more.yml", lambda out: out / "secret.txt", "a file"),
    ("overrides/partials/x.html", lambda out: out / "secret.txt", "a file"),
    ("docs/whole", lambda out: out, "a folder"),
]


@pytest.mark.parametrize(("link", "target", "kind"), LINKS, ids=[link for link, _, _ in LINKS])
def test_symlink_out_of_the_repository_is_refused(
    mini: Project, outside: Path, link: str, target: Callable[[Path], Path], kind: str
) -> None:
    path = mini.path(link)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target(outside))
    found = mini.findings()
    assert [f for f in found if f.startswith(f"{link}:1:1: file-symlink ")] == [
        f"{link}:1:1: file-symlink is a symbolic link (to {str(target(outside))!r}, outside the repository); the "
        "build would publish what it points at, whatever it is (.git, an untracked file of secrets): copy what the "
        "site needs into the folder instead, or remove the link"
    ]


INSIDE = [
    ("docs/assets/chapter.txt", "../../original/chapter.txt"),
    ("docs/data-again", "../data"),
    ("docs/git", "../.git"),  # the review's attack: the repository's history, published
    ("docs/assets/env.txt", "../../.env"),  # and an untracked file of secrets
    ("overrides/main.html", "../docs/index.md"),
    ("data/more.yml", "sources.yml"),
]


@pytest.mark.parametrize(("link", "target"), INSIDE, ids=[link for link, _ in INSIDE])
def test_symlink_inside_the_repository_is_refused_too(mini: Project, link: str, target: str) -> None:
    """What a link inside the repository points at is no more meant to be published than what one
    outside does: `.git` (with the CI job's token in .git/config) or an untracked `.env`."""
    (mini.path(".git")).mkdir()
    mini.write(".git/config", "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    mini.write(".env", "SECRET_TOKEN=hunter2\n")
    path = mini.path(link)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    assert [f for f in mini.findings() if " file-symlink " in f] == [
        f"{link}:1:1: file-symlink is a symbolic link (to {target!r}, inside the repository); the build would "
        "publish what it points at, whatever it is (.git, an untracked file of secrets): copy what the site needs "
        "into the folder instead, or remove the link"
    ]


def test_a_relative_link_that_climbs_out_is_refused(mini: Project, outside: Path) -> None:
    mini.path("docs/up").symlink_to(os.path.relpath(outside, mini.path("docs")))
    assert any(f.startswith("docs/up:1:1: file-symlink ") for f in mini.findings())


def test_a_loop_of_links_is_one_finding(mini: Project) -> None:
    mini.path("docs/a").symlink_to("b")
    mini.path("docs/b").symlink_to("a")
    assert [f.split(" (")[0] for f in mini.findings() if " file-symlink " in f] == [
        "docs/a:1:1: file-symlink is a symbolic link",
        "docs/b:1:1: file-symlink is a symbolic link",
    ]


# --- the build refuses alike, and writes nothing outside site/ ----------------------------------


def test_build_refuses_a_redirect_out_of_the_site(repo_copy: Project, tmp_path: Path) -> None:
    repo_copy.write(MOVES, 'redirects:\n  "../../escaped.html": praise.html\n')
    site = tmp_path / "out" / "site"
    done = mkdocs_build(repo_copy.root, site)
    assert done.returncode != 0
    assert hook_findings(done.stderr + done.stdout) == [
        f"{repo_copy.at(MOVES, ESCAPE, 'anchors-page')} redirect '../../escaped.html' -> "
        "'praise.html': the old page climbs out of the site with '..'"
    ]
    assert not list(tmp_path.rglob("escaped.html"))


def test_build_refuses_a_symlinked_folder(repo_copy: Project, outside: Path, tmp_path: Path) -> None:
    repo_copy.path("docs/assets/outside").symlink_to(outside)
    site = tmp_path / "site"
    done = mkdocs_build(repo_copy.root, site)
    assert done.returncode != 0
    assert "docs/assets/outside:1:1: file-symlink " in done.stderr
    assert not list(site.rglob("secret.txt"))


# --- files published as they are (tools/model/published.py) ------------------------------------

PUBLISHED = [
    "docs/evil.html",  # the review's s5: a page with a script and a request, without the policy
    "docs/assets/evil.svg",  # an SVG runs its script when opened
    "docs/feed.xml",
    "docs/assets/javascripts/iframe-worker/other.js",  # the vendored folder holds its three files only
    "docs/assets/images/pixel.png",  # no image type is allowed yet
    "docs/assets/javascripts/sub/x.js",
    "overrides/evil.svg",  # the theme folder: anything but a template is copied as it is
    "overrides/partials/x.js",
]


@pytest.mark.parametrize("name", PUBLISHED)
def test_a_file_published_as_it_is_is_refused(mini: Project, name: str) -> None:
    mini.path(name).parent.mkdir(parents=True, exist_ok=True)
    mini.write(name, "<script>alert(document.domain)</script>\n")
    assert [f.split(" ", 2)[:2] for f in mini.findings()] == [[f"{name}:1:1:", "file-published"]]


def test_the_editions_own_assets_and_templates_are_allowed(mini: Project) -> None:
    for name in [
        "docs/assets/javascripts/edition.js",
        "docs/assets/stylesheets/edition.css",
        "docs/assets/javascripts/iframe-worker/shim.js",
        "docs/assets/javascripts/iframe-worker/LICENSE.txt",
        "docs/.DS_Store",  # dot-files: MkDocs leaves them out
        "docs/.hidden/page.html",
        "overrides/main.html",
        "overrides/partials/search.html",
    ]:
        mini.path(name).parent.mkdir(parents=True, exist_ok=True)
        mini.write(name, "x\n")
    assert mini.findings() == []


def test_the_real_docs_folder_holds_nothing_else() -> None:
    from tools.model.published import unpublishable

    assert list(unpublishable(PROJECT)) == []
