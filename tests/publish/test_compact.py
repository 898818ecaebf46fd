"""tools/publish/compact.py: the theme's stylesheets without rules nothing can use, the edition's
own CSS and JS without comments, pages without indentation between tags; and
tools/publish/searchindex.py: the search index's titles and headings-only pages."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import PROJECT

from tools.publish.compact import (
    compact_css,
    compact_html,
    compact_js,
    script_classes,
    trim,
    trim_site,
    used_names,
)
from tools.publish.searchindex import shape_index, shaped

USED = {"md-typeset", "md-nav", "custom", "slate", "admonition"}


def test_trim_keeps_what_may_match_and_drops_what_cannot() -> None:
    css = (
        '@charset "UTF-8";'
        ".md-typeset a{color:red}"  # used
        ".md-blog .md-post{x:1}"  # a class nothing uses
        ".md-nav:not(.md-unused){x:2}"  # :not(.unused) matches everything
        ".md-nav,.md-tags{x:3}"  # one selector of the list may match: kept whole
        ".md-typeset :is(.md-unused){x:4}"  # cannot judge :is(): kept
        '[data-md-color-primary=pink]{x:5}[data-md-color-primary="custom"]{x:6}'  # exact values
        'a[href$=".pdf"]{x:7}'  # an attribute value is no class
        "@media screen{.md-blog{x:8}.admonition{x:9}}@media print{.md-blog{x:10}}"
        "@font-face{font-family:x}@keyframes spin{to{x:11}}"
        '.md-typeset::after{content:"}.md-blog{"}'  # braces inside a string
    )
    assert trim(css, USED) == (
        '@charset "UTF-8";.md-typeset a{color:red}.md-nav:not(.md-unused){x:2}.md-nav,.md-tags{x:3}'
        '.md-typeset :is(.md-unused){x:4}[data-md-color-primary="custom"]{x:6}a[href$=".pdf"]{x:7}'
        "@media screen{.admonition{x:9}}@font-face{font-family:x}@keyframes spin{to{x:11}}"
        '.md-typeset::after{content:"}.md-blog{"}'
    )
    assert trim(trim(css, USED), USED) == trim(css, USED)


def test_used_names_are_every_word_of_pages_and_scripts() -> None:
    assert used_names(['<p class="md-typeset x">', 'el.classList.add("md-search-result__item")']) >= {
        "md-typeset",
        "x",
        "md-search-result__item",
    }


def test_the_classes_a_theme_script_can_set() -> None:
    """Its md- names, what it passes to classList and what it writes as class; not its words."""
    script = (
        'e.classList.add("focus-visible");t.classList.toggle("js",!0);x("div",{class:"md-tooltip md-tooltip--inline"});'
        'n.className="tabbed-labels";var highlight=1,s="md-search-result__item";'
    )
    assert script_classes(script) == {
        "focus-visible",
        "js",
        "md-tooltip",
        "md-tooltip--inline",
        "tabbed-labels",
        "md-search-result__item",
    }


def test_compact_css_keeps_strings_and_drops_comments() -> None:
    css = '/* a */ .x  >  .y ,\n .z {\n  content: "  a  /* b */ ;{ ";\n  color : red ;\n}\n@media print { .x { y: z } }'
    assert compact_css(css) == '.x > .y , .z{content: "  a  /* b */ ;{ ";color : red;}@media print{.x{y: z}}'


def test_the_edition_js_can_be_compacted_line_by_line() -> None:
    """compact_js drops whole-line comments and indentation only; a template literal or a string
    over several lines would be changed, so the edition's script has none."""
    js = (PROJECT / "docs" / "assets" / "javascripts" / "edition.js").read_text(encoding="utf-8")
    assert "`" not in js and "\\\n" not in js
    assert compact_js("  // note\n  var a = 1;  // kept\n\n  f(a);\n") == "var a = 1;  // kept\nf(a);\n"


def test_compact_html_leaves_pre_alone() -> None:
    page = "<div>\n    <p>a</p>\n    <pre>\n  <b>x</b>\n</pre>\n  <p>b</p>\n</div>"
    assert compact_html(page) == "<div>\n<p>a</p>\n<pre>\n  <b>x</b>\n</pre>\n<p>b</p>\n</div>"


def test_trim_site_rewrites_the_built_files(tmp_path: Path) -> None:
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "index.html").write_text('<p class="md-typeset">x</p>', encoding="utf-8")
    theme = tmp_path / "assets" / "stylesheets" / "main.min.css"
    theme.write_text(".md-typeset{a:1}.md-blog{b:2}", encoding="utf-8")
    own_css = tmp_path / "assets" / "stylesheets" / "edition.css"
    own_css.write_text("/* why */\n.x {\n  a: 1;\n}\n", encoding="utf-8")
    own_js = tmp_path / "assets" / "javascripts" / "edition.js"
    own_js.write_text("// why\n  run();\n", encoding="utf-8")
    trim_site(tmp_path, [theme], [own_css], [own_js])
    assert theme.read_text(encoding="utf-8") == ".md-typeset{a:1}"
    assert own_css.read_text(encoding="utf-8") == ".x{a: 1;}"
    assert own_js.read_text(encoding="utf-8") == "run();\n"


# --- the search index -------------------------------------------------------------------------

DOCS = [
    {"location": "warning.html", "title": "Site", "text": ""},
    {"location": "warning.html#s", "title": "Site", "text": "x"},
    {"location": "index.html", "title": "Site", "text": "y"},
    {"location": "trials.html", "title": "The trials", "text": "long"},
    {"location": "trials.html#t", "title": "1937", "text": "long"},
]


def test_pages_titled_with_the_sites_name_get_their_own_title() -> None:
    out = shaped(DOCS, {"warning.html": "The trials as a warning", "index.html": "Site"}, "Site", {"trials.html"})
    assert [d["title"] for d in out] == ["The trials as a warning", "Site", "Site", "The trials", "1937"]
    assert [d["text"] for d in out] == ["", "x", "y", "", ""]


def test_shape_index_rewrites_the_file(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    index = tmp_path / "search" / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": DOCS}), encoding="utf-8")
    shape_index(tmp_path, {"warning.html": "The trials as a warning"}, "Site", {"trials.html"})
    data = json.loads(index.read_text(encoding="utf-8"))
    assert data["config"] == {"lang": ["en"]} and data["docs"][0]["title"] == "The trials as a warning"
    shape_index(tmp_path / "nowhere", {}, "Site", set())  # no index (search off): nothing to do
