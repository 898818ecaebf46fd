"""tools/site/namelinks.py: every name in a chapter paragraph links to its person entry with a tooltip,
and the chapter's text is not changed by a character."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser

import markdown
import pytest
from conftest import CHAPTER_EXTENSIONS as EXTENSIONS
from conftest import PROJECT

from tools.model.inline import plain_text
from tools.model.pages import parse
from tools.model.records import SourceList
from tools.model.schema import load
from tools.site import render
from tools.site.namelinks import NameLinkExtension, tooltip

PERSON_LINK = re.compile(r'<a class="person" href="(?P<href>[^"]*)" title="(?P<title>[^"]*)">(?P<text>[^<]*)</a>')


@pytest.fixture(scope="module")
def sources(real_sources: SourceList) -> SourceList:
    return real_sources


def convert(text: str, sources: SourceList | None, active: bool = True) -> str:
    names = NameLinkExtension()
    names.sources = sources
    names.active = active
    return markdown.Markdown(extensions=[*EXTENSIONS, names]).convert(text)


def plain(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_content(html_text: str) -> str:
    parser = _Text()
    parser.feed(html_text)
    parser.close()
    return "".join(parser.parts)


def unwrap(html_text: str) -> str:
    return PERSON_LINK.sub(lambda m: m.group("text"), html_text)


def links(html_text: str) -> list[tuple[str, str, str]]:
    """(href, tooltip text, link text): the title attribute is read as the browser reads it, and
    its value as Material's tooltip reads it (as HTML), hence unescaped twice."""
    return [
        (m.group("href"), html.unescape(html.unescape(m.group("title"))), m.group("text"))
        for m in PERSON_LINK.finditer(html_text)
    ]


def forms_pattern(sources: SourceList) -> re.Pattern[str]:
    forms = sorted({f for p in sources.people.values() for f in (*p.variants, p.name)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


def person_of(sources: SourceList, form: str) -> str:
    return next(p.id for p in sources.people.values() if form in (*p.variants, p.name))


def assert_only_wrapped(active: str, inactive: str) -> None:
    assert unwrap(active) == inactive
    assert text_content(active) == text_content(inactive)


# --- tooltip --------------------------------------------------------------------------------


def test_tooltip_for_a_variant_names_the_person(sources: SourceList) -> None:
    person = sources.people["vyshinsky"]
    assert tooltip(person, "Velicki") == f"Velicki = Andrey Yanuaryevich Vyshinsky (1883–1954), {person.role}"


def test_tooltip_for_the_canonical_name_does_not_repeat_it(sources: SourceList) -> None:
    person = sources.people["stalin"]
    assert tooltip(person, person.name).startswith("Joseph Stalin (1878–1953), ")


def test_tooltip_with_unknown_dates(sources: SourceList) -> None:
    assert tooltip(sources.people["kommodov"], "Kommudov") == (
        f"Kommudov = N. V. Kommodov (life dates not known), {sources.people['kommodov'].role}"
    )
    assert tooltip(sources.people["romm"], "Rohm").startswith(
        "Rohm = Vladimir Georgievich Romm (life dates not known), "
    )
    assert tooltip(replace(sources.people["romm"], born=1896), "Rohm").startswith(
        "Rohm = Vladimir Georgievich Romm (1896–?), "
    )
    assert tooltip(sources.people["trotsky"], "Trotsky").startswith("Trotsky = Leon Trotsky (1879–1940), ")


def test_no_tooltip_says_none(sources: SourceList) -> None:
    for person in sources.people.values():
        for form in (*person.variants, person.name):
            assert "None" not in tooltip(person, form)


# --- hand-made paragraphs -------------------------------------------------------------------


def test_every_spelling_of_every_person_is_linked(sources: SourceList) -> None:
    for person in sources.people.values():
        for form in (*person.variants, person.name):
            text = f"In court, {form} spoke.\n{{: #p-x }}\n"
            active = convert(text, sources)
            assert links(active) == [(f"people.md#{person.id}", tooltip(person, form), form)], form
            assert_only_wrapped(active, plain(text))


def test_each_name_is_wrapped_once_and_the_text_is_unchanged(sources: SourceList) -> None:
    text = (
        "For this reason, Velicki loaded his indictment; *Bukharin* and Rosenholz agreed, and "
        "Stalin’s threat reached Trotsky, Сталин and Stalin again.\n{: #p-x }\n"
    )
    active = convert(text, sources)
    assert [(href, form) for href, _, form in links(active)] == [
        ("people.md#vyshinsky", "Velicki"),
        ("people.md#bukharin", "Bukharin"),
        ("people.md#rosengolts", "Rosenholz"),
        ("people.md#stalin", "Stalin"),
        ("people.md#trotsky", "Trotsky"),
        ("people.md#stalin", "Сталин"),
        ("people.md#stalin", "Stalin"),
    ]
    assert '<em><a class="person"' in active  # inside emphasis, the link wraps the word only
    assert_only_wrapped(active, plain(text))


def test_longest_spelling_wins(sources: SourceList) -> None:
    active = convert("Lev Lvovich Sedov and Sedov; N. V. Kommodov.\n", sources)
    assert [form for _, _, form in links(active)] == ["Lev Lvovich Sedov", "Sedov", "N. V. Kommodov"]


def test_names_inside_words_are_not_linked(sources: SourceList) -> None:
    text = "Stalinist rumors, Trotskyites, a Stalin-era trial and anti-Trotsky slogans.\n"
    active = convert(text, sources)
    assert links(active) == []
    assert active == plain(text)


def test_names_in_a_quotation_span_are_linked_inside_it(sources: SourceList) -> None:
    text = "He said [“To a glorious future under Stalin’s leadership!”]{ #q-x }[^q-x] loudly.\n\n[^q-x]: note\n"
    active = convert(text, sources)
    assert re.search(
        r'<span id="q-x">“To a glorious future under <a class="person" href="people.md#stalin"[^>]*>'
        r"Stalin</a>’s leadership!”</span>",
        active,
    )
    assert_only_wrapped(active, plain(text))


def test_footnotes_code_and_existing_links_are_not_touched(sources: SourceList) -> None:
    text = (
        "Rosenholz said [“Long live”]{ #q-x }[^q-x], and `Stalin` in code, [Trotsky](trotsky.md) linked, "
        "[**Bukharin**](people.md#bukharin) bold in a link.\n{: #p-x }\n\n[^q-x]: **Arkady Pavlovich Rosengolts**, defendant. Stalin.\n"
    )
    active = convert(text, sources)
    assert [form for _, _, form in links(active)] == ["Rosenholz"]
    assert "<code>Stalin</code>" in active
    assert '<a href="trotsky.md">Trotsky</a>' in active
    assert '<a href="people.md#bukharin"><strong>Bukharin</strong></a>' in active
    footnotes = active.split('<div class="footnote">', 1)[1]
    assert 'class="person"' not in footnotes
    assert re.search(r'<sup id="fnref:q-x"><a class="footnote-ref" href="#fn:q-x">1</a></sup>', active)
    assert_only_wrapped(active, plain(text))


def test_only_the_chapters_own_paragraphs(sources: SourceList) -> None:
    text = (
        "# Stalin { #title }\n\n- Trotsky in a list\n\n> Bukharin in a quote block\n\n"
        '<aside class="admonition editorial" markdown>\n\nVelicki in an editor’s note.\n\n</aside>\n\n'
        "!!! note\n    Rosenholz in an admonition.\n\nStalin in a paragraph.\n"
    )
    active = convert(text, sources)
    assert [form for _, _, form in links(active)] == ["Stalin"]
    assert_only_wrapped(active, plain(text))


def test_inactive_or_without_sources_changes_nothing(sources: SourceList) -> None:
    text = "Velicki, Stalin and Trotsky.\n{: #p-x }\n"
    assert convert(text, sources, active=False) == plain(text)
    assert convert(text, None, active=True) == plain(text)


def test_people_page_target_is_configurable(sources: SourceList) -> None:
    names = NameLinkExtension(people_page="../people.md")
    names.sources, names.active = sources, True
    out = markdown.Markdown(extensions=[*EXTENSIONS, names]).convert("Stalin.\n")
    assert links(out)[0][0] == "../people.md#stalin"


def test_tooltips_with_quotes_are_escaped(sources: SourceList) -> None:
    lenin = sources.people["lenin"]
    assert '"' in lenin.role
    active = convert("Lenin’s other old comrades.\n", sources)
    [(href, title, form)] = links(active)
    assert (href, title, form) == ("people.md#lenin", tooltip(lenin, "Lenin"), "Lenin")


# --- the chapter ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["warning.md", "praise.md", "trotsky.md", "meetings.md"])
def test_every_name_in_the_chapter_is_linked_and_no_text_changes(sources: SourceList, name: str) -> None:
    text = (PROJECT / "docs" / name).read_text(encoding="utf-8")
    page = parse(text, f"docs/{name}", name)
    prepared = render.page_markdown(text, name, sources)
    active = convert(prepared, sources)
    assert_only_wrapped(active, plain(prepared))
    pattern = forms_pattern(sources)
    for block in page.paragraphs:
        wanted = [
            (f"people.md#{person_of(sources, m.group())}", m.group()) for m in pattern.finditer(plain_text(block.text))
        ]
        html_paragraph = re.search(rf'<p id="{block.id}">(.*?)</p>', active, re.DOTALL)
        assert html_paragraph is not None, block.id
        assert [(href, form) for href, _, form in links(html_paragraph.group(1))] == wanted, block.id
    assert links(active)


def test_the_mini_chapter(mini) -> None:
    loaded, findings = load(mini.path("data/sources.yml"), "data/sources.yml")
    assert findings == []
    active = convert(mini.read("docs/praise.md"), loaded)
    forms = [form for _, _, form in links(active)]
    assert forms[:3] == ["Velicki", "Bukharin", "Stalin"]
    assert forms.count("Trotsky") == 3
    assert_only_wrapped(active, plain(mini.read("docs/praise.md")))


def test_title_is_html_for_material_and_plain_text_for_the_browser() -> None:
    """Material's tooltip sets innerHTML from the title: < > & arrive escaped once more; quotes
    are left as they are, so the browser's own tooltip (JavaScript off) reads them right."""
    from tools.site.namelinks import title_attribute

    as_decoded = html.unescape(title_attribute('Lenin (1870–1924), through "Lenin\'s other comrades"'))
    assert as_decoded == 'Lenin (1870–1924), through "Lenin\'s other comrades"'
    assert (
        html.unescape(title_attribute("<img src=x onerror=alert(1)> & co"))
        == "&lt;img src=x onerror=alert(1)&gt; &amp; co"
    )
