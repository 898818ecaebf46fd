"""tools/site/render.py: the status legend, the editorial notes placed between paragraphs, and the
<!-- person: x --> / <!-- work: x --> markers — never changing a line of the chapter."""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT, Project

from tools import checker as check
from tools.model.cite import edition
from tools.model.records import SourceList
from tools.model.schema import load
from tools.site import render
from tools.site.bibliography import bibliography_entry
from tools.site.generated import GENERATORS
from tools.site.usage import usage

ASIDE = re.compile(r'<aside class="admonition editorial" id="(?P<id>[^"]+)".*?</aside>', re.DOTALL)


@pytest.fixture(scope="module")
def real(real_result: check.Result) -> check.Result:
    return real_result


@pytest.fixture(scope="module")
def sources(real_sources: SourceList) -> SourceList:
    return real_sources


# --- status legend --------------------------------------------------------------------------


def test_status_legend_lists_every_status(sources: SourceList) -> None:
    legend = render.status_legend(sources)
    assert legend.startswith('<dl class="status-legend">') and legend.endswith("</dl>")
    assert re.findall(r'<dt id="status-(\w+)"><span class="status status-\1">', legend) == list(sources.statuses)
    for status in sources.statuses.values():
        assert f">{status.label}</span></dt>" in legend
        assert f"<dd>{status.meaning}</dd>".replace("'", "&#x27;") in legend


def test_status_legend_without_ids(sources: SourceList) -> None:
    legend = render.status_legend(sources, with_ids=False)
    assert "id=" not in legend
    assert legend == re.sub(r' id="status-\w+"', "", render.status_legend(sources))
    assert len(re.findall("<dt><span", legend)) == len(sources.statuses)


def test_legend_ids_only_on_the_landing_page(sources: SourceList) -> None:
    text = f"Intro\n\n{render.LEGEND_MARKER}\n\nEnd\n"
    index = render.page_markdown(text, "index.md", sources)
    assert len(re.findall(r'<dt id="status-', index)) == len(sources.statuses)
    for name in ("quotations.md", "offline.md", "people.md"):
        other = render.page_markdown(text, name, sources)
        assert render.LEGEND_MARKER not in other and '<dl class="status-legend">' in other
        assert "id=" not in other


def test_the_real_pages_have_legend_ids_once(sources: SourceList, used_pages: dict[str, str]) -> None:
    with_ids = [name for name, text in used_pages.items() if 'id="status-' in text]
    assert with_ids == ["index.md"]


@pytest.fixture(scope="module")
def used_pages(real: check.Result, sources: SourceList) -> dict[str, str]:
    """Every page as the hook hands it to Markdown: docs/*.md and the generated ones."""
    used = usage(real.pages, sources)
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted((PROJECT / "docs").glob("*.md"))}
    pages.update(
        {
            name: make(sources, used, edition(sources, "Site", "https://example.org/", used.title))
            for name, make in GENERATORS.items()
            if name.endswith(".md")
        }
    )
    return {name: render.page_markdown(text, name, sources) for name, text in pages.items()}


# --- editorial notes ------------------------------------------------------------------------


def without_notes(markdown: str) -> str:
    """Undo insert_notes: each note was added as a blank line and the aside after an id line."""
    return re.sub(r"\n\n" + ASIDE.pattern, "", markdown, flags=re.DOTALL)


@pytest.mark.parametrize("name", ["warning.md", "praise.md", "trotsky.md", "meetings.md"])
def test_notes_follow_their_paragraph_and_no_chapter_line_changes(sources: SourceList, name: str) -> None:
    text = (PROJECT / "docs" / name).read_text(encoding="utf-8")
    out = render.insert_notes(text, sources)
    lines, new_lines = text.split("\n"), out.split("\n")
    # Every chapter line is still there, unchanged and in order; only note lines were added.
    position = 0
    for line in lines:
        position = new_lines.index(line, position) + 1
    assert without_notes(out) == text
    # Each note sits right after its paragraph's `{: #id }` line, in source-list order.
    ids = re.findall(r"^\{: #([\w-]+) \}$", text, re.MULTILINE)
    for pid in ids:
        notes = [n for n in sources.notes.values() if n.paragraph == pid]
        at = out.index(f"{{: #{pid} }}\n") + len(f"{{: #{pid} }}\n")
        for note in notes:
            assert out[at:].startswith(f'\n<aside class="admonition editorial" id="{note.id}"'), (pid, note.id)
            at = out.index("</aside>", at) + len("</aside>\n")
    assert [m.group("id") for m in ASIDE.finditer(out)] == [
        n.id for pid in ids for n in sources.notes.values() if n.paragraph == pid
    ]


def test_every_note_is_placed_once(sources: SourceList) -> None:
    placed = []
    for name in sources.pages:
        out = render.insert_notes((PROJECT / "docs" / name).read_text(encoding="utf-8"), sources)
        placed += [m.group("id") for m in ASIDE.finditer(out)]
    assert sorted(placed) == sorted(sources.notes)


def test_insert_notes_on_a_small_page(sources: SourceList) -> None:
    page = (
        "One paragraph.\n{: #p-praise-in-speeches }\n\nTwo, with no note.\n{: #p-nothing }\n\n"
        "Three.\n{: #p-self-aggrandizement }"
    )
    out = render.insert_notes(page, sources)
    assert out.split("\n")[:2] == ["One paragraph.", "{: #p-praise-in-speeches }"]
    assert out.index('id="n-velicki"') < out.index('id="n-indictment"') < out.index("Two, with no note.")
    assert out.index("{: #p-self-aggrandizement }") < out.index('id="n-that-is-why"')
    assert without_notes(out).rstrip("\n") == page


def test_no_notes_on_other_pages(sources: SourceList) -> None:
    text = "About.\n{: #p-praise-in-speeches }\n"
    assert render.page_markdown(text, "index.md", sources) == text
    assert 'id="n-velicki"' in render.page_markdown(text, "praise.md", sources)


def test_editorial_note_cites_its_sources(sources: SourceList) -> None:
    note = sources.notes["n-velicki"]
    out = render.editorial_note(note, sources)
    assert out.startswith(
        '<aside class="admonition editorial" id="n-velicki" aria-label="Editor’s note on Velicki" markdown>'
    )
    assert f"**{note.term}** — {note.text}" in out
    assert (
        '<span class="note-sources" data-search-exclude="1">Source: [Orlov 1991 (Russian)](sources.md#orlov-1991-ru), '
        "online reader page 80 of 453: «Вышинский, соответственно, уснащал свои обвинительные речи…»</span>" in out
    )
    assert out.endswith("</aside>")


# --- person and work markers ----------------------------------------------------------------


def test_person_and_work_markers_expand(sources: SourceList) -> None:
    text = "<!-- person: kommodov -->\n{: #p-a }\n\n<!-- work: orlov-1953 -->\n{: #p-b }\n"
    out = render.page_markdown(text, "index.md", sources)
    assert "<!--" not in out
    assert out.startswith("**[N. V. Kommodov](people.md#kommodov)**, not known – not known: defence counsel")
    assert " *Sources: [" in out and "(sources.md#report-1937-ru)" in out
    assert f"{bibliography_entry('orlov-1953', sources)} [Source entry](sources.md#orlov-1953).\n{{: #p-b }}" in out
    assert "None" not in out


def test_person_card_with_birth_name(sources: SourceList) -> None:
    card = render.person_card("orlov", sources)
    assert card.startswith(
        "**[Alexander Mikhailovich Orlov](people.md#orlov)** (born Leiba Lazarevich Feldbin), "
        "21 August 1895 (calendar not stated) – 25 March 1973: "
    )


def test_unknown_marker_is_an_error(sources: SourceList) -> None:
    with pytest.raises(KeyError, match="person 'nobody'"):
        render.page_markdown("<!-- person: nobody -->\n", "index.md", sources)
    with pytest.raises(KeyError, match="work 'no-such-work'"):
        render.page_markdown("<!-- work: no-such-work -->\n", "index.md", sources)


def test_the_landing_page_markers(used_pages: dict[str, str]) -> None:
    index = used_pages["index.md"]
    assert "<!-- person:" not in index and "<!-- work:" not in index and render.LEGEND_MARKER not in index
    assert "**[Alexander Mikhailovich Orlov](people.md#orlov)**" in index


def test_mini(mini: Project) -> None:
    sources, findings = load(mini.path("data/sources.yml"), "data/sources.yml")
    assert findings == []
    text = mini.read("docs/praise.md")
    out = render.page_markdown(text, "praise.md", sources)
    assert out.index("{: #p-praise-in-speeches }") < out.index('id="n-velicki"') < out.index("Bukharin was")
    assert without_notes(out) == text


# --- the two editions of docs/offline.md ----------------------------------------------------


def test_each_build_keeps_its_own_variant() -> None:
    text = (
        '# T\n\n<!-- online edition -->\nOnline <a href="downloads/x.zip">zip</a>\n<!-- end -->\n'
        '<!-- offline edition -->\nOffline <a href="{site_url}downloads/x.zip">zip</a>\n<!-- end -->\n\nBoth.\n'
    )
    online = render.edition_variant(text, False, "https://example.org/e/")
    offline = render.edition_variant(text, True, 'https://example.org/"e"/')
    assert online == '# T\n\nOnline <a href="downloads/x.zip">zip</a>\n\nBoth.\n'
    assert offline == '# T\n\nOffline <a href="https://example.org/&quot;e&quot;/downloads/x.zip">zip</a>\n\nBoth.\n'
    real = (PROJECT / "docs" / "offline.md").read_text(encoding="utf-8")
    for built in (render.edition_variant(real, False, "x/"), render.edition_variant(real, True, "x/")):
        assert "<!--" not in built and "{site_url}" not in built
        assert built.count("{: #p-offline-intro }") == 1, "both editions keep the paragraph ids"
