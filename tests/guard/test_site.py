"""tools/guard/site.py on a folder made by hand: a built folder holds only the files the edition makes.
What the engine copies as it is (a file in overrides/, the theme's folder, where the edition's own assets are) is
refused unless it is the theme's or one of the edition's own assets (tools/guard/allow.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from complexity import cpu, growth
from conftest import MINI

from tools.checker import check
from tools.guard.site import Built, check_site
from tools.publish.engine import THEME_ASSETS


@pytest.fixture(scope="module")
def mini_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("guard") / "mini"
    shutil.copytree(MINI, root)
    return root


def test_only_the_files_the_edition_makes_are_published(mini_root: Path, tmp_path: Path) -> None:
    result = check(mini_root)
    assert result.checked is not None
    files = {
        "evil.svg": "<svg><script>alert(1)</script></svg>",  # overrides/evil.svg, copied by the theme
        "partials/x.js": "alert(1)",  # overrides/partials/x.js
        "assets/evil.svg": "<svg><script>alert(1)</script></svg>",  # overrides/assets/evil.svg
        "assets/javascripts/page.html": "<script>alert(1)</script>",
        "assets/javascripts/edition.js": "",  # the edition's own: a script runs where a template loads it
        "assets/images/pixel.png": "",  # no page needs it
        "quotations.csv": "id\n",  # a download the build makes
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    found = check_site(Built(tmp_path, "site", mini_root, THEME_ASSETS), result.checked, result.moves)
    assert sorted(f"{f.path}:{f.line}:{f.col}: {f.rule}" for f in found) == [
        "site/assets/evil.svg:1:1: guard-file",
        "site/assets/images/pixel.png:1:1: guard-file",
        "site/assets/javascripts/page.html:1:1: guard-file",
        "site/evil.svg:1:1: guard-file",
        "site/partials/x.js:1:1: guard-file",
    ]


# Five ways a stylesheet loads from another site, escapes and all, and two that stay on the site.
STYLESHEET = r"""body { background-image: url("htt\70s://evil.example/t.png") }
@font-face { font-family: E; src: url(\68ttps://evil.example/f.woff2) }
@import "https://evil.example/x.css";
@import url(//evil.example/y.css);
a { background: image-set("https://evil.example/z.png" 1x) }
b { mask-image: url("data:image/svg+xml;charset=utf-8,<svg/>") }
c { background: url(../images/x.png) }
"""


def test_a_stylesheet_loads_only_from_the_site(mini_root: Path, tmp_path: Path) -> None:
    """The theme's stylesheet and the edition's are code, but what the reader's browser would fetch
    is held to the site as a page's resources are, not left to the privacy plugin and the policy."""
    result = check(mini_root)
    assert result.checked is not None
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "assets" / "stylesheets" / "edition.css").write_text(STYLESHEET, encoding="utf-8")
    found = check_site(Built(tmp_path, "site", mini_root, THEME_ASSETS), result.checked, result.moves)
    assert sorted(f.message.split("'")[1] for f in found if f.rule == "guard-url") == [
        "//evil.example/y.css",
        "https://evil.example/f.woff2",
        "https://evil.example/t.png",
        "https://evil.example/x.css",
        "https://evil.example/z.png",
    ]


def test_a_quotation_in_a_data_download_is_held_too(mini_root: Path, tmp_path: Path) -> None:
    """The old suite checked the downloads line by line: a quotation in the CSV or the JSON is the
    chapter's words or a source's, as on a page."""
    result = check(mini_root)
    assert result.checked is not None
    (tmp_path / "quotations.csv").write_text(
        "id,text\nq-x,“is the hope of mankind! He is a great creator!”\nq-y,“Stalin is innocent of every crime.”\n",
        encoding="utf-8",
    )
    (tmp_path / "quotations.json").write_text('[{"text": "Orlov wrote “Stalin is innocent of every crime.”"}]\n')
    found = check_site(Built(tmp_path, "site", mini_root, THEME_ASSETS), result.checked, result.moves)
    assert sorted((f.rule, f.message.split(":")[0]) for f in found) == [
        ("guard-quote", "site/quotations.csv"),
        ("guard-quote", "site/quotations.json"),
    ]


def test_the_published_site_keeps_every_address_ever_published(mini_root: Path, tmp_path: Path) -> None:
    """A note or an id removed, a page gone: a link a teacher shared would break. The published build
    is refused unless anchors.yml says where each went; the offline copies and the preview are not held."""
    project = tmp_path / "project"
    shutil.copytree(mini_root, project)
    result = check(project)
    assert result.checked is not None
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "praise.html").write_text('<p id="p-here">x</p>', encoding="utf-8")
    (project / "anchors.lock").write_text("praise.html\npraise.html#p-here\npraise.html#n-gone\nold.html\n")
    built = Built(tmp_path / "site", "site", project, THEME_ASSETS, published=True)
    found = [f.message for f in check_site(built, result.checked, result.moves) if f.rule == "guard-link"]
    assert [m.split(": ", 1)[1] for m in found] == [
        "old.html was published and is gone: say where it went in anchors.yml",
        "praise.html#n-gone was published and is gone: say where it went in anchors.yml",
    ]
    unheld = Built(tmp_path / "site", "dist/.offline-site", project, THEME_ASSETS)
    assert [f for f in check_site(unheld, result.checked, result.moves) if "was published" in f.message] == []


def test_a_link_to_the_published_address_is_held_as_a_link_of_the_site(mini_root: Path, tmp_path: Path) -> None:
    """{site_url}verdict.html, as an editors' page may write it, is an address within the published site:
    it must lead to a page there, and to an id on it, as a relative link must (the offline copies link
    to the online site, which the published build holds)."""
    result = check(mini_root)
    assert result.checked is not None
    url = "https://edition.example.org/history/"
    links = [url, url + "praise.html#p-here", url + "verdict.html", url + "praise.html#p-nowhere", url + "#nowhere"]
    (tmp_path / "index.html").write_text("".join(f'<p><a href="{h}">x</a></p>' for h in links), encoding="utf-8")
    (tmp_path / "praise.html").write_text('<p id="p-here">x</p>', encoding="utf-8")
    built = Built(tmp_path, "site", mini_root, THEME_ASSETS, url, published=True)
    found = [f.message for f in check_site(built, result.checked, result.moves) if f.rule == "guard-link"]
    assert sorted(m.split(": ", 1)[1] for m in found) == [
        f"{url}#nowhere leads to no element with the id 'nowhere'",  # the root's own page, index.html
        f"{url}praise.html#p-nowhere leads to no element with the id 'p-nowhere'",
        f"{url}verdict.html leads to no file of the site",
    ]


def test_many_phrase_links_cost_in_proportion_to_their_number(tmp_path: Path) -> None:
    """Ten times the phrase links that fail costs at most fifteen times the CPU: each is counted on
    its page's words read once, and only the first fifty are looked for in anchors.yml (each lookup
    reads the file). Twenty-four thousand once took a build 110 s in the guard, and printed each."""
    from tools.guard.site import phrase_links
    from tools.model.findings import MAX_PER_RULE
    from tools.model.moves import Moves

    def run(count: int, attempt: int) -> float:
        project = tmp_path / f"{count}-{attempt}"
        project.mkdir()
        phrases = {f"p{i}": f"praise.html#p-x:~:text=zq{i}" for i in range(count)}
        (project / "anchors.yml").write_text(
            "phrases:\n" + "".join(f"  {k}: {v}\n" for k, v in phrases.items()), encoding="utf-8"
        )
        built = Built(tmp_path, "site", project, THEME_ASSETS)
        texts = {"praise.html": "Bukharin said the words of the chapter. " * 200}
        found: list[object] = []
        spent = cpu(lambda: found.extend(phrase_links(Moves({}, {}, phrases), texts, built)))
        assert len(found) == MAX_PER_RULE + 1  # the rest in one line
        return spent

    attempts = iter(range(100))  # each run writes its own project
    ratio = growth(lambda: run(1_000, next(attempts)), lambda: run(10_000, next(attempts)), 15)
    assert ratio <= 15, f"ten times the phrase links took {ratio:.1f} times the time"


def test_an_alias_lands_only_on_an_element_that_may_hold_it(mini_root: Path, tmp_path: Path) -> None:
    """Its empty <span> stands first inside the element: a list or a table may not hold one."""
    from tools.guard.site import aliases
    from tools.model.moves import Moves

    built = Built(tmp_path, "site", mini_root, THEME_ASSETS)  # the fixture's anchors.yml, to locate by
    ids = {"praise.html": {"list": "ul", "item": "li"}}
    wrong = aliases(Moves(aliases={"praise.html#q-a": "praise.html#list"}), ids, built)
    assert [f.message.split(": ", 1)[1] for f in wrong] == [
        "the alias praise.html#q-a -> praise.html#list leads to a <ul>, which may not hold the alias's <span>"
    ]
    assert aliases(Moves(aliases={"praise.html#q-a": "praise.html#item"}), ids, built) == []


def test_a_phrase_link_is_held_as_a_browser_finds_it(tmp_path: Path) -> None:
    """A browser finds a text fragment in the whole page whatever the case, and without fragments
    lands on the paragraph: 'Secretary of the' on a page that also says 'secretary of the court'
    would highlight the wrong words, and a paragraph the page lacks would land nowhere."""
    from tools.guard.site import phrase_links
    from tools.model.moves import Moves

    (tmp_path / "anchors.yml").write_text("phrases: {}\n", encoding="utf-8")
    built = Built(tmp_path, "site", tmp_path, THEME_ASSETS)
    texts = {"praise.html": "The secretary of the court read. Then the Secretary of the Party spoke."}
    ids = {"praise.html": {"p-court": "p"}}

    def messages(phrase: str) -> list[str]:
        moves = Moves(phrases={"x": f"praise.html#{phrase}"})
        return [f.message.split(": ", 2)[-1] for f in phrase_links(moves, texts, built, ids)]

    assert messages("p-court:~:text=Secretary%20of%20the") == [
        "“Secretary of the” occurs 2 times on praise.html, not once"
    ]
    assert messages("p-nowhere:~:text=Party%20spoke") == ["praise.html has no paragraph 'p-nowhere' to land on"]
    assert messages("p-court:~:text=Party%20spoke") == []
