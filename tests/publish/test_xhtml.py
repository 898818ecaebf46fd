"""tools/publish/xhtml.py: built article HTML to clean XHTML for the EPUB and the PDF. The words
pass through unchanged; what the books cannot carry stops the export instead of vanishing."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools.publish.builtpages import ExportError
from tools.publish.xhtml import NOT_XML, allowed, clean, markup, parse, relink, take_notes

PAGES = frozenset({"index.html", "praise.html", "people.html"})


def cleaned(article: str, here: str = "praise.html", site_url: str | None = "https://example.org/ed/") -> str:
    root = parse(article, here)
    clean(root, here)
    relink(root, here, PAGES, lambda page, fragment: f"{page}!{fragment}", site_url)
    return markup(root)


def test_text_and_references_pass_through_once() -> None:
    article = '<p id="p-1">“Long live …” &amp; 5 &lt; 6 &#8212; Stalin’s&#160;road <em>!</em></p>'
    out = cleaned(article)
    assert out == '<section><p id="p-1">“Long live …” &amp; 5 &lt; 6 — Stalin’s\u00a0road <em>!</em></p></section>'
    assert ET.fromstring(out).find("p") is not None  # well-formed XML


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_survives_as_xml(text: str) -> None:
    if NOT_XML.search(text) or "\r" in text or not text.strip():
        return  # refused (next test), normalised by HTML parsing itself, or an empty paragraph (dropped)
    out = cleaned(f'<p title="{html.escape(text)}">{html.escape(text, quote=False)}</p>')
    paragraph = ET.fromstring(out).find("p")
    assert paragraph is not None
    assert (paragraph.text or "") == text and paragraph.get("title") == text


def test_characters_xml_forbids_stop_the_export() -> None:
    with pytest.raises(ExportError, match="XML does not allow"):
        cleaned("<p>bell \x07 here</p>")


def test_markup_that_does_not_nest_stops_the_export() -> None:
    with pytest.raises(ExportError, match="closes <em>"):
        cleaned("<p><em>open</p></em>")
    with pytest.raises(ExportError, match="never closed"):
        cleaned("<div><p>open</p>")


@pytest.mark.parametrize(
    "element",
    [
        '<img src="x.png" alt="">',
        '<img src="https://example.org/t.png" alt="">',
        '<p style="background: URL(https://example.org/t.png)">styled</p>',
        '<p><span xlink:href="https://example.org/s.svg">x</span></p>',
        '<p><span srcset="https://example.org/t.png 2x">x</span></p>',
    ],
)
def test_anything_that_would_be_fetched_stops_the_export(element: str) -> None:
    with pytest.raises(ExportError, match="would be a request"):
        cleaned(f"<p>text</p>{element}")


@pytest.mark.parametrize(
    "element",
    [
        '<video poster="p.jpg"></video>',
        '<svg><image href="https://example.org/t.png"></image></svg>',
        '<svg><use xlink:href="https://example.org/s.svg#x"></use></svg>',
        '<base href="https://example.org/">',
        '<iframe src="https://example.org/"></iframe>',
    ],
)
def test_elements_that_fetch_are_dropped_whole(element: str) -> None:
    """As in the single file (sanitize.DROP_WITH_CONTENT): the element goes, the page stays."""
    out = cleaned(f"<p>text</p>{element}")
    assert out.startswith("<section><p>text</p>") and "example.org" not in out and "p.jpg" not in out


def test_site_controls_and_scripts_go_the_words_stay() -> None:
    article = (
        '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>'
        '<p><a class="md-button" href="index.html">Start</a></p>'
        '<p onclick="steal()">A <span id="q-x">“quote”</span><a class="permalink quote-link" href="#q-x">¶</a> tail'
        "<script>alert(1)</script><button>Copy</button> end</p>"
    )
    assert cleaned(article) == '<section><h1 id="t">Title</h1><p>A <span id="q-x">“quote”</span> tail end</p></section>'


def test_editors_headings_are_marked_in_words() -> None:
    out = cleaned('<h1 class="editor-heading" id="h">Praise in the courtroom</h1>')
    assert out.endswith('Praise in the courtroom<span class="editor-mark"> (editor’s heading)</span></h1></section>')


def test_links_into_the_book_out_to_the_site_and_beyond() -> None:
    article = (
        '<p><a href="people.html#stalin">Stalin</a> <a href="#p-2">here</a> <a href="quotations.csv">CSV</a> '
        '<a href="offline.html">offline</a> <a href="https://marxists.org/x">ext</a></p>'
    )
    assert cleaned(article) == (
        '<section><p><a href="people.html!stalin">Stalin</a> <a href="#p-2">here</a> '
        '<a href="https://example.org/ed/quotations.csv">CSV</a> <a href="https://example.org/ed/offline.html">offline</a> '
        '<a href="https://marxists.org/x">ext</a></p></section>'
    )
    # Without a published address a link to outside the book becomes its words.
    assert cleaned('<p>See <a href="quotations.csv">the <em>CSV</em></a> file</p>', site_url=None) == (
        "<section><p>See the <em>CSV</em> file</p></section>"
    )


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JavaScript:alert(1)", "java&#x0A;script:alert(1)", "data:text/html,x", "file:///etc"],
)
def test_a_link_that_would_run_or_open_something_stops_the_export(href: str) -> None:
    with pytest.raises(ExportError, match="only http, https and mailto"):
        cleaned(f'<p><a href="{href}">read here</a></p>')


def test_svg_keeps_its_namespace_and_case() -> None:
    out = cleaned('<p><svg role="img" aria-label="QR" viewBox="0 0 2 2"><path d="M0 0h1"/></svg></p>')
    assert '<svg role="img" aria-label="QR" viewBox="0 0 2 2" xmlns="http://www.w3.org/2000/svg">' in out
    assert "<path d=" in out and "</path>" in out  # explicit end tags read the same as XML and as HTML


FOOTNOTED = (
    '<p id="p-1">Said <span id="q-a">“a”</span><sup id="fnref:q-a"><a class="footnote-ref" href="#fn:q-a">1</a></sup>'
    ' and <span id="q-b">“b”</span><sup id="fnref:q-b"><a class="footnote-ref" href="#fn:q-b">2</a></sup>.</p>'
    '<div class="footnote"><hr /><ol><li id="fn:q-a"><p>Note A.&#160;<a class="footnote-backref" href="#fnref:q-a">↩</a></p></li>'
    '<li id="fn:q-b"><p>Note B.&#160;<a class="footnote-backref" href="#fnref:q-b">↩</a></p></li></ol></div>'
)


def test_notes_in_reading_order_and_the_list_taken_out() -> None:
    root = parse(FOOTNOTED, "p.html")
    notes = take_notes(root, "p.html")
    assert [(n.ident, n.number) for n in notes] == [("fn:q-a", "1"), ("fn:q-b", "2")]
    assert "footnote" not in markup(root).replace("footnote-ref", "")


def test_a_call_without_its_note_or_a_note_never_called_stops_the_export() -> None:
    with pytest.raises(ExportError, match="has no footnote"):
        take_notes(parse(FOOTNOTED.replace('<li id="fn:q-b">', '<li id="fn:q-c">'), "p.html"), "p.html")
    uncalled = FOOTNOTED.replace('<sup id="fnref:q-b"><a class="footnote-ref" href="#fn:q-b">2</a></sup>', "")
    with pytest.raises(ExportError, match="never called: fn:q-b"):
        take_notes(parse(uncalled, "p.html"), "p.html")


def test_the_books_use_the_single_file_s_allowlist() -> None:
    """book_pages() passes each article through sanitize.Sanitizer before parsing it."""
    assert allowed('<p data-x="1" onclick="x()">t <a href="mailto:a@b">m</a><marquee>!</marquee></p>') == (
        "<p>t <a>m</a>!</p>"
    )
