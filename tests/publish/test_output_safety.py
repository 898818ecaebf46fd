"""Publishing never writes outside its folders, never packs what a link points at, and lets
nothing live into the single file; every page carries the Content-Security-Policy.

(tools/publish/paths.py, sanitize.py, csp.py; the redirect pages of anchors.py.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from conftest import Project, mkdocs_build

from tools.model.moves import Moves
from tools.publish import anchors, csp, singlefile
from tools.publish.builtpages import ExportError
from tools.publish.paths import OutputError, output_path
from tools.publish.sanitize import Sanitizer, live_markup
from tools.publish.ziparchive import write_zip

# --- output paths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../escaped.html", "../../x/escaped.html", "a/../../escaped.html", "/tmp/x.html", "."]
)
def test_output_path_refuses_anything_outside(tmp_path: Path, name: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(OutputError):
        output_path(site, name)


def test_output_path_follows_links(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    site.mkdir()
    elsewhere.mkdir()
    (site / "downloads").symlink_to(elsewhere)
    with pytest.raises(OutputError):
        output_path(site, "downloads/secret-history-19.html")
    assert output_path(site, "a/b.html") == (site / "a" / "b.html").resolve()


def test_write_redirects_refuses_a_path_out_even_past_the_checker(tmp_path: Path) -> None:
    """The writer checks for itself: Moves built by hand, without the schema."""
    site = tmp_path / "deep" / "site"
    site.mkdir(parents=True)
    with pytest.raises(OutputError):
        anchors.write_redirects(site, Moves(redirects={"../../escaped.html": "praise.html"}))
    assert not list(tmp_path.rglob("escaped.html"))


def test_redirect_page_runs_no_inline_script_and_carries_the_policy(tmp_path: Path) -> None:
    (tmp_path / "praise.html").write_text("<html><body><p id='x'></p></body></html>", encoding="utf-8")
    anchors.write_redirects(tmp_path, Moves(redirects={"old/deep.html": "praise.html"}))
    page = (tmp_path / "old" / "deep.html").read_text(encoding="utf-8")
    assert '<script src="../assets/javascripts/redirect.js"></script>' in page
    assert not re.search(r"<script>", page)
    assert page.index('http-equiv="Content-Security-Policy"') < page.index("<script")
    assert anchors.read_site(tmp_path).redirects == {"old/deep.html": "../praise.html"}


def test_zip_refuses_a_link_out_of_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(OutputError):
        write_zip(site, tmp_path / "out.zip", "top")


def test_single_file_does_not_inline_a_file_a_link_leads_to(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "secret.csv").write_text("a,b\n", encoding="utf-8")
    (site / "data.csv").symlink_to(tmp_path / "secret.csv")
    with pytest.raises(ExportError):
        singlefile.rewrite_href("data.csv", "index.html", frozenset({"index.html"}), site)


# --- the single file's allowlist ----------------------------------------------------------------


def sanitized(fragment: str) -> tuple[str, list[str]]:
    sanitizer = Sanitizer()
    sanitizer.feed(fragment)
    sanitizer.close()
    return "".join(sanitizer.out), sanitizer.dropped


@pytest.mark.parametrize(
    ("fragment", "kept"),
    [
        ('<p>a<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">x</iframe>b</p>', "<p>ab</p>"),
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<p>a<object data="x.swf"><embed src="x.swf"></object>b</p>', "<p>ab</p>"),
        ('<img src="x.png" onerror="alert(1)" alt="x">', '<img src="x.png" alt="x">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="JaVa&#x09;Script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;" download>x</a>', "<a download>x</a>"),
        ('<a href="vbscript:msgbox">x</a>', "<a>x</a>"),
        ('<p style="background:url(https://evil.example/)">x</p>', "<p>x</p>"),
        ('<p onmouseover="alert(1)" class="x">y</p>', '<p class="x">y</p>'),
        (
            '<svg><animate attributeName="href" values="javascript:alert(1)"/><a href="#x">y</a></svg>',
            '<svg><a href="#x">y</a></svg>',
        ),
        ('<form action="https://evil.example/"><input name="q"><button>go</button></form>', ""),
        ("<marquee>text stays</marquee>", "text stays"),
        (
            "<details open><summary>s</summary><p>x</p></details>",
            "<details open><summary>s</summary><p>x</p></details>",
        ),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        (
            '<a href="https://example.org/a?b=1&amp;c=2" title="t">x</a>',
            '<a href="https://example.org/a?b=1&amp;c=2" title="t">x</a>',
        ),
        ('<img src="data:image/png;base64,AAAA" alt="">', '<img src="data:image/png;base64,AAAA" alt="">'),
        ('<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:x">', ""),
    ],
)
def test_single_file_keeps_only_the_allowlist(fragment: str, kept: str) -> None:
    assert sanitized(fragment)[0] == kept


def test_live_markup_names_what_would_run() -> None:
    found = live_markup(
        '<p onclick="x">a</p><iframe srcdoc="y"></iframe><a href="javascript:alert(1)">z</a>'
        '<img src="data:image/png;base64,AA"><a href="data:text/html,x">d</a><script>1</script>'
    )
    assert found == [
        "an event handler (onclick) on <p>",
        "a <iframe> element",
        "a srcdoc on <iframe>",
        "a javascript: address in href on <a>",
        "a data: address in href on <a>",
        "a <script> element",
    ]
    assert live_markup('<p class="x"><a href="#y" title="&lt;script&gt;">z</a></p><svg><path d="M0"/></svg>') == []


# --- the Content-Security-Policy -----------------------------------------------------------------


THEME_BASE = csp.THEME_SCRIPTS["partials/javascripts/base.html"].replace("{{ config.extra.scope | d(base_url) }}", ".")
THEME_TARGET = csp.THEME_SCRIPTS["partials/javascripts/content.html"]


def test_policy_hashes_exactly_the_inline_scripts() -> None:
    page = (
        f'<!doctype html><html><head>\n<meta charset="utf-8">\n<script>{THEME_BASE}</script>'
        '<script id="__config" type="application/json">{"x": 1}</script><script src="a.js"></script>'
        f"</head><body><script>{THEME_TARGET}</script></body></html>"
    )
    done = csp.with_policy(page)
    head = done.split("<script", 1)[0].rstrip()
    assert head.endswith(
        '<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="'
        + csp.policy(
            [
                "'sha256-" + base64.b64encode(hashlib.sha256(THEME_BASE.encode()).digest()).decode() + "'",
                "'sha256-" + base64.b64encode(hashlib.sha256(THEME_TARGET.encode()).digest()).decode() + "'",
            ]
        )
        + '">'
    )
    assert "'unsafe-inline'" not in done
    for directive in ("object-src 'none'", "base-uri 'none'", "form-action 'none'", "script-src 'self' 'sha256-"):
        assert directive in done
    with pytest.raises(OutputError):
        csp.with_policy(done)  # never two policies


def test_the_serve_preview_allows_the_live_reload_script_only_there() -> None:
    page = '<html><head><meta charset="utf-8"><script>a()</script></head><body></body></html>'
    preview = csp.with_policy(page, preview=True)
    assert "script-src 'self' 'unsafe-inline';" in preview and "sha256" not in preview
    with pytest.raises(OutputError, match="not one of the theme's own"):
        csp.with_policy(page)  # a build: a()  is no theme script
    own = page.replace("a()", THEME_TARGET)
    assert "'unsafe-inline'" not in csp.with_policy(own)


def test_real_pages_carry_the_policy_before_any_script(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    pages = [p for p in pages if "downloads" not in p.parts]
    assert len(pages) >= 12
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.count('http-equiv="Content-Security-Policy"') == 1, page.name
        assert text.index('http-equiv="Content-Security-Policy"') < text.index("<script"), page.name
        inline = csp.inline_scripts(text)
        assert 1 <= len(inline) <= 4, f"{page.name}: the theme's own inline scripts only"
        assert all("alert" not in s for s in inline)


def test_single_file_policy_runs_no_script(tmp_path: Path) -> None:
    value = csp.single_file_policy("\nbody{}\n")
    assert "script-src 'none'" in value and "default-src 'none'" in value and "'unsafe-inline'" not in value


# --- config text is text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "rule"),
    [
        (
            'site_name: "The Secret History of Stalin’s Purges (19)"',
            'site_name: "<img src=x onerror=alert(1)>"',
            "<img src=x",  # the character itself
            "config-markup",
        ),
        (
            "  Editorial apparatus: the editors.",
            "  Editorial apparatus: <script>alert(1)</script>.",
            "<script>alert(1)",  # in a folded value too
            "config-markup",
        ),
        (
            "      - People: people.md",
            '      - "People\\" onmouseover=\\"alert(1)": people.md',
            '"People',  # escapes in the value: its first character
            "config-markup",
        ),
    ],
)
def test_build_refuses_markup_in_the_config(
    repo_copy: Project, tmp_path: Path, old: str, new: str, needle: str, rule: str
) -> None:
    repo_copy.replace("mkdocs.yml", old, new)
    done = mkdocs_build(repo_copy.root, tmp_path / "site")
    assert done.returncode != 0
    assert f"edition: {repo_copy.at('mkdocs.yml', needle, rule)} " in done.stderr, done.stderr[-2000:]
    assert not (tmp_path / "site" / "index.html").exists()


def test_build_refuses_a_site_url_that_would_break_out(repo_copy: Project, tmp_path: Path) -> None:
    from tools.publish.build import run_build

    # MkDocs itself refuses javascript: there; an http: address may still break out of the
    # teachers' page, a citation or an attribute.
    hostile = 'http://example.org/"><script>alert(1)</script>/'
    done = run_build(tmp_path / "site", project=repo_copy.root, env={"EDITION_SITE_URL": hostile})
    assert done.returncode != 0
    prefix = repo_copy.at("mkdocs.yml", "!ENV [EDITION_SITE_URL", "config-url")
    assert f"{prefix} site_url {hostile!r} contains a character that must be" in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()
