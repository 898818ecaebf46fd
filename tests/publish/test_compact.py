"""tools/publish/compact.py and csstrim.py: the theme's stylesheets without the rules nothing on the site can match
and the custom properties nothing reads, read by tinycss2 and judged by their selectors' tokens; the
palette's folded into the main one; the edition's own stylesheets and scripts without comments."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT

from tools.model.html import parse
from tools.publish.compact import compact_js, lighter, page_names, theme_names, without_link
from tools.publish.csstrim import Names, compact_css, trim_stylesheets

NAMES = Names(
    elements={"html", "body", "a", "p", "div"},
    words={"md-typeset", "md-nav", "admonition"},
    values={"custom", "slate"},
)


def trim(css: str, names: Names = NAMES, own: tuple[str, ...] = ()) -> str:
    return trim_stylesheets({Path("main.css"): css}, own, names)[Path("main.css")]


def test_a_rule_goes_when_no_selector_of_its_list_can_match() -> None:
    css = (
        '@charset "UTF-8";'
        ".md-typeset a{color:red}"  # a class and an element the site has
        ".md-blog .md-post{x:1}"  # a class nothing has
        ".md-nav:not(.md-unused){x:2}"  # :not(.unused) matches everything
        ".md-nav,.md-tags{x:3}"  # one selector of the list may match: the rule stays whole
        ".md-typeset :is(.md-unused){x:4}"  # :is() is not judged: kept
        '[data-md-color-primary=pink]{x:5}[data-md-color-primary="custom"]{x:6}'  # exact values
        'a[href$=".pdf"]{x:7}[data-x="two words"]{x:8}'  # a suffix, a value of two words: not judged
        "@media screen{.md-blog{x:9}.admonition{x:10}}@media print{.md-blog{x:11}}"
        "@font-face{font-family:x}@keyframes spin{to{x:12}}"
        '.md-typeset::after{content:"}.md-blog{"}'  # braces inside a string
        "#__comments{x:13}#md-nav{x:14}"  # ids: one no page has, one a page has
        "table,P.md-typeset>A:hover{x:15}"  # elements, in any case
    )
    assert trim(css) == (
        '@charset "UTF-8";.md-typeset a{color:red}.md-nav:not(.md-unused){x:2}.md-nav,.md-tags{x:3}'
        '.md-typeset :is(.md-unused){x:4}[data-md-color-primary="custom"]{x:6}a[href$=".pdf"]{x:7}'
        '[data-x="two words"]{x:8}@media screen{.admonition{x:10}}@font-face{font-family:x}'
        '@keyframes spin{to{x:12}}.md-typeset::after{content:"}.md-blog{"}#md-nav{x:14}table,P.md-typeset>A:hover{x:15}'
    )
    assert trim(trim(css)) == trim(css)


def test_custom_properties_nothing_reads_go() -> None:
    css = (
        ':root{--md-used:1;--md-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--md-chain:var(--md-gone)}'
        ".md-nav{color:var(--md-used)}@media screen{:root{--md-named:2;--md-gone:3}}.md-nav{--md-only:1}"
        ".md-typeset{margin:var(--md-missing,var(--md-fallback))}:root{--md-fallback:0;--md-own:4}"
    )
    names = Names(NAMES.elements, NAMES.words, NAMES.values, properties={"--md-named"})  # a script names it
    # --md-chain is read by nothing, so --md-gone (read only by it) goes too; a fallback is read; the
    # edition's own stylesheet reads --md-own.
    assert trim(css, names, own=(".x{color:var(--md-own)}",)) == (
        ":root{--md-used:1}.md-nav{color:var(--md-used)}@media screen{:root{--md-named:2}}"
        ".md-typeset{margin:var(--md-missing,var(--md-fallback))}:root{--md-fallback:0;--md-own:4}"
    )


def test_a_stylesheet_tinycss2_cannot_read_is_left_as_it_is() -> None:
    broken = ".md-blog{x:1} .md-nav"  # a selector without its block
    assert trim(broken) == broken


def test_page_names_are_elements_classes_ids_and_one_word_values_not_text() -> None:
    page = (
        '<html><body data-md-color-scheme="slate"><p class="md-typeset x" id="p-1" aria-label="an Editor note">'
        'warning</p><script>document.body.setAttribute("data-md-color-media","dark")</script>'
        '<script type="application/ld+json">{"name": "admonition"}</script></body></html>'
    )
    names = page_names([parse(page)])
    assert {"html", "body", "p", "script"} <= names.elements and "warning" not in names.elements
    assert {"md-typeset", "x", "p-1", "dark"} <= names.words and "admonition" not in names.words
    assert {"slate", "dark"} <= names.values and not {"an Editor note", "Editor"} & names.values


def test_what_a_theme_script_can_make() -> None:
    """Its md- names, what it passes to classList and writes as class, the elements it creates, the
    values it sets; not the theme features the edition never turns on, nor a value it compares with."""
    script = (
        'e.classList.add("focus-visible");t.classList.toggle("js",!0);x("div",{class:"md-tooltip md-tooltip--inline"});'
        'n.className="tabbed-labels";var highlight=1,s="md-search-result__item";x("details",null,y);'
        'document.createElement("iframe");x("aside",{class:"md-annotation",role:"dialog"});u="md-version__list";'
        'e.setAttribute("tabindex","-1");var r=document.documentElement.getAttribute("dir")==="rtl";k.style="--edition-x"'
    )
    names = theme_names(script)
    assert names.words == {"focus-visible", "js", "md-tooltip", "md-tooltip--inline", "md-search-result__item"}
    assert names.elements == {"div", "details", "iframe", "aside"}
    assert {"dialog", "-1"} <= names.values and "rtl" not in names.values
    assert names.properties == {"--edition-x"}


def test_compact_css_keeps_strings_and_drops_comments() -> None:
    css = '/* a */ .x  >  .y ,\n .z {\n  content: "  a  /* b */ ;{ ";\n  color : red !important;\n}\n@media print { .x { y: z } }'
    assert compact_css(css) == '.x > .y , .z{content:"  a  /* b */ ;{ ";color:red!important}@media print{.x{y:z}}'
    edition = (PROJECT / "overrides" / "assets" / "stylesheets" / "edition.css").read_text(encoding="utf-8")
    assert compact_css(compact_css(edition)) == compact_css(edition)  # readable, and nothing left to drop


def test_the_editions_scripts_can_be_compacted_line_by_line() -> None:
    """compact_js drops whole-line comments and indentation only; a template literal or a string over
    several lines would be changed, so the edition's scripts have none."""
    for script in (PROJECT / "overrides" / "assets" / "javascripts").glob("*.js"):
        js = script.read_text(encoding="utf-8")
        assert "`" not in js and "\\\n" not in js, script.name
    assert compact_js("  // note\n  var a = 1;  // kept\n\n  f(a);\n") == "var a = 1;  // kept\nf(a);\n"


LINK = '<link rel="stylesheet" href="assets/stylesheets/palette.0123abcd.min.css">'


def test_a_link_goes_only_when_the_page_holds_it_as_the_theme_writes_it() -> None:
    page = f"<html><head>{LINK}\n</head><body><p>x</p></body></html>"
    assert (
        without_link(page, parse(page), "palette.0123abcd.min.css") == "<html><head></head><body><p>x</p></body></html>"
    )
    told = page.replace("<p>x</p>", f"<pre>{LINK}</pre>".replace("<link", "&lt;link"))  # as text: left alone
    assert without_link(told, parse(told), "palette.0123abcd.min.css") == told.replace(LINK + "\n", "")
    odd = page.replace(LINK, '<link href="assets/stylesheets/palette.0123abcd.min.css" rel="stylesheet">')
    assert without_link(odd, parse(odd), "palette.0123abcd.min.css") is None  # not as the theme writes it


def test_lighter_rewrites_the_built_files(tmp_path: Path) -> None:
    site, theme, own = tmp_path / "site", tmp_path / "theme", tmp_path / "own"
    for folder in (site, theme, own):
        (folder / "stylesheets" if folder != site else folder / "assets" / "stylesheets").mkdir(parents=True)
    (own / "javascripts").mkdir()
    (site / "assets" / "javascripts").mkdir()
    for name, css in (
        ("main.0123abcd.min.css", ".md-typeset{a:1;--md-unread:0}.md-blog{b:2}"),
        ("palette.0123abcd.min.css", "[data-md-color-scheme=slate]{c:3}.md-typeset{d:4}"),
    ):
        (theme / "stylesheets" / name).write_text(css, encoding="utf-8")
        (site / "assets" / "stylesheets" / name).write_text(css, encoding="utf-8")
    for folder in (own, site / "assets"):
        (folder / "stylesheets" / "edition.css").write_text("/* why */\n.x {\n  a: 1;\n}\n", encoding="utf-8")
        (folder / "javascripts" / "edition.js").write_text("// why\n  run();\n", encoding="utf-8")
        (folder / "javascripts" / "edition-tools.js").write_text("  // later\n  use();\n", encoding="utf-8")
    page = f'<html><head>{LINK}\n</head><body><p class="md-typeset">x</p></body></html>'
    pages = lighter(site, {"index.html": page}, {"index.html": parse(page)}, theme, own)
    # The palette's rules follow the main ones, in one file the page links instead of two.
    assert pages == {"index.html": page.replace(LINK + "\n", "")}
    styles = site / "assets" / "stylesheets"
    assert (styles / "main.0123abcd.min.css").read_text(encoding="utf-8") == ".md-typeset{a:1}.md-typeset{d:4}"
    assert not (styles / "palette.0123abcd.min.css").exists()
    assert (styles / "edition.css").read_text(encoding="utf-8") == ".x{a:1}"
    assert (site / "assets" / "javascripts" / "edition.js").read_text(encoding="utf-8") == "run();\n"
    assert (site / "assets" / "javascripts" / "edition-tools.js").read_text(encoding="utf-8") == "use();\n"
