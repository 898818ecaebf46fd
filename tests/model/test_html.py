"""tools/model/html.py: the one HTML parser and writer. What `markup` writes, an HTML parser and an
XML parser (the EPUB's XHTML) both read back as it was, white space included."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from tools.model.html import escape_attribute, escape_text, markup, parse_fragment

BUILT_TEXT = st.text(alphabet=st.sampled_from(list("<>&\"'`*_[]{} \t\n\r\u00a0a;#x1")), max_size=40)


@given(BUILT_TEXT)
def test_what_is_written_is_read_back(value: str) -> None:
    written = f'<p v="{escape_attribute(value)}">{escape_text(value)}</p>'
    [element] = parse_fragment(written)
    assert element.get("v") == value
    assert (element.text or "") == value.replace("\r\n", "\n").replace("\r", "\n")  # HTML's own line ends
    xml = ET.fromstring(written)
    assert xml.get("v") == value
    assert (xml.text or "") == value.replace("\r\n", "\n").replace("\r", "\n")  # XML's own line ends


def test_markup_of_a_tree_is_well_formed_and_the_same() -> None:
    root = parse_fragment(
        '<p title="a &quot;b&quot; &lt;c&gt;">x &amp; <b>y</b><br>z<svg viewBox="0 0 1 1"><path d="M0"/></svg></p>'
    )
    [p] = root
    written = markup(p)
    assert ET.fromstring(written).get("title") == 'a "b" <c>'
    [again] = parse_fragment(written)
    assert markup(again) == written  # an svg parsed with its xmlns is written with it once: well-formed XML
    assert written.count("xmlns=") == 1
