"""A chapter page as the reader gets it (tools/site/chapter.py, model/names.py), rendered in this process
from the real project and read back with the one HTML parser:

- each paragraph's words are the chapter's, character for character, once its ¶ number, note calls
  and ¶ links are set aside; the ¶ number comes first and links to its paragraph, numbered through the
  whole chapter; after each quotation its note call, then its ¶ link, and nothing else is added;
- every spelling of every person in a paragraph is a link to the person's entry that opens their
  card, inside a quotation too; never inside a word, the longest spelling winning, never in a heading;
- one card per person named on the page, saying when the chapter's spelling is the translation's;
- the notes are numbered through the chapter and in the order of their calls, each with a back-link;
- each editor's note follows the paragraph it concerns, in the source list's order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tools.model.edition import Checked
from tools.model.html import classes, local, parse_fragment, text_of
from tools.model.names import names_in
from tools.site.chapter import render
from tools.site.cited import work_href

APPARATUS = {"para-number", "fn-ref", "quote-link"}


@pytest.fixture(scope="module")
def rendered(checked: Checked) -> dict[str, ET.Element]:
    return {page.name: parse_fragment(render(page, checked)) for page in checked.chapter.pages}


def paragraphs(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if local(e.tag) == "p" and "chapter-paragraph" in classes(e)]


def test_every_paragraph_says_exactly_what_the_chapter_says(rendered: dict[str, ET.Element], checked: Checked) -> None:
    seen = []
    for root in rendered.values():
        for p in paragraphs(root):
            place = checked.paragraph[p.get("id", "")]
            assert text_of(p, skip=lambda e: bool(classes(e) & APPARATUS)) == place.paragraph.text
            seen.append(place.number)
    assert seen == list(range(1, len(checked.placed) + 1))  # every paragraph, once, in order


def test_the_paragraph_number_comes_first_and_links_to_its_paragraph(rendered: dict[str, ET.Element]) -> None:
    for root in rendered.values():
        for p in paragraphs(root):
            first = p[0]
            assert "para-number" in classes(first) and p.text in (None, "")
            assert first.get("href") == f"#{p.get('id')}"
            assert first.get("aria-label") == f"Paragraph {text_of(first)}: link to this paragraph"


def test_after_each_quotation_its_note_call_then_its_link(rendered: dict[str, ET.Element], checked: Checked) -> None:
    calls = []
    for root in rendered.values():
        for p in paragraphs(root):
            children = list(p)
            for index, child in enumerate(children):
                if "quotation" not in classes(child):
                    continue
                ident = child.get("id", "")
                call, link = children[index + 1], children[index + 2]
                assert "fn-ref" in classes(call) and call.get("href") == f"#fn:{ident}" and not (child.tail or "")
                assert call.get("id") == f"fnref:{ident}" and call.get("role") == "doc-noteref"
                assert text_of(call) == str(checked.note_number[ident]) and not (call.tail or "")
                assert "quote-link" in classes(link) and link.get("href") == f"#{ident}"
                calls.append(int(text_of(call)))
    assert calls == list(range(1, len(checked.note_number) + 1))  # numbered through the chapter


def test_the_notes_follow_their_calls_with_back_links(rendered: dict[str, ET.Element], checked: Checked) -> None:
    for name, root in rendered.items():
        called = [a.get("href", "")[4:] for a in root.iter() if "fn-ref" in classes(a)]
        section = next((e for e in root.iter() if e.get("id") == "notes"), None)
        if section is None:
            assert called == [], name  # a page without quotations has no notes
            continue
        items = [li for li in section.iter() if local(li.tag) == "li"]
        assert [li.get("id") for li in items] == [f"fn:{q}" for q in called], name
        for li, q in zip(items, called, strict=True):
            assert li.get("value") == str(checked.note_number[q])
            [back] = [a for a in li.iter() if "fn-back" in classes(a)]
            assert back.get("href") == f"#fnref:{q}" and back.get("role") == "doc-backlink"


def test_every_name_is_a_link_to_its_person_and_nothing_else_is(
    rendered: dict[str, ET.Element], checked: Checked
) -> None:
    linked_any = False
    for root in rendered.values():
        for p in paragraphs(root):
            text = checked.paragraph[p.get("id", "")].paragraph.text
            wanted = [(n.person, n.spelling) for n in names_in(text, checked.sources)]
            links = [a for a in p.iter() if "person" in classes(a)]
            assert [(a.get("href"), text_of(a)) for a in links] == [(f"people.html#{i}", s) for i, s in wanted]
            assert all(a.get("data-card") == a.get("href", "").replace("people.html#", "card-") for a in links)
            linked_any |= bool(links)
        headings = [e for e in root.iter() if local(e.tag) in ("h1", "h2")]
        assert not [a for h in headings for a in h.iter() if "person" in classes(a)]
    assert linked_any


def test_a_name_inside_a_quotation_is_linked_inside_it(rendered: dict[str, ET.Element]) -> None:
    inside = [
        a
        for root in rendered.values()
        for q in root.iter()
        if "quotation" in classes(q)
        for a in q.iter()
        if "person" in classes(a)
    ]
    assert inside  # “He (naturally, Stalin – the author) …”


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Stalinist rumors, Trotskyites, a Stalin-era trial and anti-Trotsky slogans.", []),
        ("Lev Lvovich Sedov and Sedov; N. V. Kommodov.", ["Lev Lvovich Sedov", "Sedov", "N. V. Kommodov"]),
        (
            "For this reason, Velicki loaded; Bukharin and Rosenholz; Stalin’s threat to Trotsky, Сталин.",
            ["Velicki", "Bukharin", "Rosenholz", "Stalin", "Trotsky", "Сталин"],
        ),
    ],
)
def test_names_are_whole_words_and_the_longest_spelling_wins(text: str, found: list[str], checked: Checked) -> None:
    assert [n.spelling for n in names_in(text, checked.sources)] == found


def test_every_spelling_of_every_person_is_found(checked: Checked) -> None:
    for person in checked.sources.people:
        for form in (*person.variants, person.name):
            [named] = names_in(f"In court, {form} spoke.", checked.sources)
            assert (named.person, named.spelling) == (person.id, form)


def test_one_card_per_person_named_on_the_page(rendered: dict[str, ET.Element], checked: Checked) -> None:
    for name, root in rendered.items():
        named = list(dict.fromkeys(a.get("data-card") for a in root.iter() if "person" in classes(a)))
        cards = [e for e in root.iter() if "person-card" in classes(e)]
        assert [c.get("id") for c in cards] == named, name
        for card in cards:
            assert f"people.html#{card.get('id', '')[5:]}" in [a.get("href") for a in card.iter()]
    praise = rendered["praise.md"]
    velicki = next(e for e in praise.iter() if e.get("id") == "card-vyshinsky")
    assert "The chapter spells the name Velicki, as the machine translation has it." in text_of(velicki)
    assert "#n-velicki" in [a.get("href") for a in velicki.iter()]


def test_each_editors_note_follows_its_paragraph(rendered: dict[str, ET.Element], checked: Checked) -> None:
    placed = []
    for root in rendered.values():
        blocks = [e for e in root if local(e.tag) in ("p", "aside", "h1", "h2")]
        for index, block in enumerate(blocks):
            if local(block.tag) == "aside" and "editorial" in classes(block):
                previous = next(b for b in reversed(blocks[:index]) if "chapter-paragraph" in classes(b))
                note = next(n for n in checked.sources.notes if n.id == block.get("id"))
                assert note.paragraph == previous.get("id"), note.id
                cited = [a.get("href") for a in block.iter() if local(a.tag) == "a"]
                # its sources, each linked to the work's full entry
                assert {work_href(c.work, checked.sources) for c in note.sources} <= set(cited), note.id
                placed.append(note.id)
    assert placed == [n.id for p in checked.placed for n in checked.notes_after.get(p.paragraph.id, [])]
    assert sorted(placed) == sorted(n.id for n in checked.sources.notes)
