"""tools/guard/page.py: a page, as a browser parses it, against what is allowed. These pages are
written by hand, the way an attacker would want them to come out of a renderer: the guard sees
only what the reader gets."""

from __future__ import annotations

import pytest
from conftest import LOOKALIKES

from tools.guard.page import check_content, check_document
from tools.guard.problem import Allowed
from tools.model.html import parse, parse_fragment
from tools.model.quotes import Corpus

CHAPTER = (
    "Bukharin was overwhelmed with emotion in court: “He (naturally, Stalin – the author) is the hope of mankind!”"
)
ALLOWED = Allowed(
    Corpus([CHAPTER], {"Stalin", "Bukharin"}),
    {"p-bukharin": CHAPTER},
    "mailto:editors@example.org",
    languages=frozenset({"en", "ru"}),  # the source list's policy.languages
)
MADE_UP = "Stalin is innocent of every crime"


def page(article: str, head: str = "", kind: str = "generated", body: str = "", lang: str = "en") -> list[str]:
    html = f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>x</title>{head}</head><body>{body}<article class="md-content__inner">{article}</article></body></html>'
    return [p.rule.id + ": " + p.message for p in check_document(parse(html), "people.html", kind, ALLOWED)]


# --- five new spellings of a quotation mark, and more ---------------------------------------------


@pytest.mark.parametrize(
    "spelled",
    [
        f"&#0000008220;{MADE_UP}&#x201D;",  # zero-padded character references, decoded by the parser
        f"&ldquo;{MADE_UP}&rdquo;",  # named references
        f"\u301d{MADE_UP}\u301f",  # CJK double prime quotation marks
        f"\u275d{MADE_UP}\u275e",  # heavy ornaments
        f"\uff02{MADE_UP}\uff02",  # fullwidth
        f"\u2033{MADE_UP}\u2033",  # double primes
        f"\u05f4{MADE_UP}\u05f4",  # Hebrew gershayim
        f"''{MADE_UP}''",  # typewriter apostrophes, doubled
        f",,{MADE_UP}''",  # low-then-high, typed
        f"\u2e42{MADE_UP}\u201f",  # double low-reversed-9 and high-reversed-9
        f"\u02ee{MADE_UP}\u02ee",  # modifier letter double apostrophe
        f"\u00ab{MADE_UP}",  # opened and never closed: read to the end
        f"\u2034{MADE_UP}\u2034",  # triple primes
        f"\ua78c\ua78c{MADE_UP}\ua78c\ua78c",  # the Latin letter saltillo, doubled
        f"\u300a{MADE_UP}\u300b",  # CJK double angle brackets
        f"\u226a{MADE_UP}\u226b",  # much-less-than signs
        f"&lt;&lt; {MADE_UP} &gt;&gt;",  # the typewriter's guillemets
        f"&ldquo;&ldquo;{MADE_UP}&rdquo;&rdquo;",  # doubled where it opens
        "“Trotsky” “is the hope of mankind!”",  # each the chapter's words, stitched
    ],
)
def test_a_made_up_quotation_is_refused_however_its_marks_are_spelled(spelled: str) -> None:
    assert any(p.startswith("guard-quote") for p in page(f"<p>Orlov wrote {spelled} in 1953.</p>"))


def test_the_chapters_words_and_a_name_may_be_quoted() -> None:
    assert page("<p>Orlov quotes Bukharin: “is the hope of mankind!” He names “Stalin”.</p>") == []


@pytest.mark.parametrize("where", ['<p title="“{0}”">x</p>', '<p aria-label="“{0}”">x</p>', '<p><img alt="“{0}”"></p>'])
def test_quotations_in_attributes_a_reader_hears_are_checked(where: str) -> None:
    assert any(p.startswith("guard-quote") for p in page(where.format(MADE_UP)))


def test_quotations_in_json_ld_are_checked() -> None:
    head = '<script type="application/ld+json">{"name": "\\u201c' + MADE_UP + '\\u201d"}</script>'
    assert any(p.startswith("guard-quote") for p in page("<p>x</p>", head))


def test_an_editors_heading_holds_no_quotation_mark_at_all() -> None:
    assert any(p.startswith("guard-quote") for p in page('<h1 class="editor-heading">Praise: ‘Stalin’</h1>'))


@pytest.mark.parametrize("marks", LOOKALIKES.values(), ids=LOOKALIKES.keys())
@pytest.mark.parametrize(
    "where",
    ["<p>Orlov wrote {}.</p>", '<h2 id="h" class="editor-heading">Praise: {}</h2>', '<p><abbr title="{}">x</abbr></p>'],
    ids=["a paragraph", "an editors' heading", "a title"],
)
def test_a_quotation_mark_in_a_lookalike_is_refused_where_a_reader_meets_it(marks: str, where: str) -> None:
    problems = page(where.format(marks))
    assert any(p.startswith(("guard-text", "guard-quote")) for p in problems), problems


# --- five ways to smuggle markup, and more --------------------------------------------------------


@pytest.mark.parametrize(
    "smuggled",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="java&#09;script:alert(1)">x</a>',  # a tab inside the scheme, decoded then removed
        '<a href=" &#x6A;avascript:alert(1)">x</a>',  # a reference for a letter, a leading space
        '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        '<object data="x.swf"></object>',
        '<p style="position:fixed;top:0">x</p>',
        '<form action="https://evil.example/"><button>x</button></form>',
        '<a href="file:///etc/passwd">x</a>',
        '<a href="../../../etc/passwd">x</a>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<p id="__config">x</p>',  # clobbers the theme's configuration script
        '<base href="https://evil.example/">',
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    ],
)
def test_live_or_loading_markup_is_refused(smuggled: str) -> None:
    assert page(f"<p>before</p>{smuggled}"), smuggled


def test_resources_from_another_site_are_refused_anywhere() -> None:
    for head in (
        '<link rel="stylesheet" href="https://cdn.example/x.css">',
        '<script src="//cdn.example/x.js"></script>',
    ):
        assert any(p.startswith("guard-url") for p in page("<p>x</p>", head))


def test_only_the_themes_inline_scripts_run() -> None:
    theme = '<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>'
    assert page("<p>x</p>", theme) == []
    assert page("<p>x</p>", theme.replace("__tabbed_", "__tabbed_x")) != []


def test_an_editors_page_may_give_only_its_few_classes() -> None:
    root = parse_fragment('<p class="md-button">ok</p><div class="admonition quote"><p>framed</p></div>')
    assert [p.message for p in check_content(root, "editorial", ALLOWED)] == [
        "the class 'admonition' is not one an editors' page may give",
        "the class 'quote' is not one an editors' page may give",
    ]


def test_a_chapter_paragraph_says_exactly_what_the_chapter_says() -> None:
    good = f'<p id="p-bukharin" class="chapter-paragraph"><a class="permalink para-number" href="#p-bukharin">7</a>{CHAPTER}</p>'
    assert page(good, kind="chapter") == []
    for changed in (
        CHAPTER.replace("mankind", "humanity"),
        CHAPTER + "\\",
        CHAPTER.replace(" court", " <b>court</b>").replace("<b>", "").replace("</b>", "!"),
    ):
        bad = f'<p id="p-bukharin" class="chapter-paragraph">{changed}</p>'
        assert any(p.startswith("guard-text") for p in page(bad, kind="chapter")), changed


@pytest.mark.parametrize(
    "text",
    ["Trotsky \u202elied\u202c", "Orlov wrote \u00a0\u030bStalin\u00a0\u030b", "Stalin\u200b is innocent"],
    ids=["a bidi override", "a combining mark on no letter", "a zero-width space"],
)
def test_hidden_characters_are_refused_in_every_text(text: str) -> None:
    assert any(p.startswith("guard-text") for p in page(f"<p>{text}</p>"))


@pytest.mark.parametrize(
    "char",
    [
        "\u3164",
        "\u2aa1",
        "\u02f5",
        "\u02c2",
        "\u2032",
        "\uff02",
        "\u0313",
        "\u05f3",
        "\U0001f4ac",
        "\u0391",
        "\ua67e",
        "\u0343",
    ],
    ids=[
        "hangul filler",
        "nested less-than",
        "modifier grave",
        "arrowhead",
        "prime",
        "fullwidth",
        "comma above",
        "geresh",
        "emoji",
        "greek",
        "cyrillic kavyka",
        "greek koronis",
    ],
)
def test_a_character_the_edition_does_not_print_is_refused(char: str) -> None:
    """What a page may print is a closed set of characters (page.PRINTED): one nobody thought of, an
    invisible letter or a mark-like symbol, cannot stand in for a quotation mark or a letter. In
    text, in a title attribute, and in a chapter paragraph."""
    assert any(p.startswith("guard-text") for p in page(f"<p>Orlov wrote {char}Stalin is innocent{char}</p>"))
    assert any(
        p.startswith("guard-text") for p in page(f'<p><abbr title="Stalin {char}is{char} innocent">x</abbr></p>')
    )
    chapter = f'<p id="p-bukharin" class="chapter-paragraph">{CHAPTER.replace(" ", char, 1)}</p>'
    assert any("does not print" in p for p in page(chapter, kind="chapter"))


def test_a_quotation_may_not_run_on_past_its_block() -> None:
    """Opened in one paragraph, closed in the next: each half alone is allowed words ("Stalin", and
    nothing), so an unclosed quotation is refused as such (a second attack)."""
    problems = page("<p>Orlov wrote in 1953 that “Stalin</p><p>was entirely innocent of every crime.”</p>")
    assert sum("does not close" in p for p in problems) == 2


@pytest.mark.parametrize("dropped", ["medium-screen", "medium-paper", "headerlink"])
def test_a_quotation_is_held_as_each_medium_reads_it(dropped: str) -> None:
    """Words for one medium inside a quotation: whole, it is the chapter's; as the other medium reads
    it (the exports drop the other's words and the site's controls), a word is gone (a third attack:
    [not]{.medium-screen} inside a quotation printed it turned round)."""
    whole = page("<p>Orlov: “Stalin – the author) is the hope of mankind!”</p>", kind="editorial")
    assert [p for p in whole if p.startswith("guard-quote")] == []
    cut = f'<p>Orlov: “Stalin – the author) is <span class="{dropped}">the hope</span> of mankind!”</p>'
    assert [p for p in page(cut, kind="editorial") if p.startswith("guard-quote")] != []


def test_a_downloads_file_name_is_held_as_seen_words() -> None:
    problems = page('<p><a href="warning.html" download="Orlov: “Stalin was innocent” \u5350.pdf">x</a></p>')
    assert any(p.startswith("guard-quote") for p in problems) and any("does not print" in p for p in problems)


def test_the_chapter_and_the_russian_wordings_print() -> None:
    shown = "<p>Orlov: § 3 — Враг народа, № 1, 12–13 March 1938… ¶ → ↩ © · Rykov’s trial Ä é ß ё́ « » ‘ ’ „ “ ‹ ›</p>"
    assert [p for p in page(shown) if p.startswith("guard-text")] == []


@pytest.mark.parametrize(
    ("where", "rule"),
    [
        (f'<meta name="description" content="Orlov: “{MADE_UP}”">', "guard-quote"),  # site_description
        (f'<nav class="md-nav"><a href="praise.html">Orlov: “{MADE_UP}”</a></nav>', "guard-quote"),  # a nav title
        ('<div class="md-copyright">The editors.<script>alert(1)</script></div>', "guard-markup"),  # copyright
        ('<div class="md-consent">Read.<script>alert(document.domain)</script></div>', "guard-markup"),
    ],
    ids=["site description", "nav title", "copyright", "consent text"],
)
def test_what_a_config_makes_the_theme_print_is_held_too(where: str, rule: str) -> None:
    """The configs are code (ARCHITECTURE.md), but what the theme prints from them is output: the
    old suite's config attacks m1, m2, s2 and s9, on the page the theme would make."""
    head, body = (where, "") if where.startswith("<meta") else ("", where)
    html = f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title>{head}</head><body>{body}<article class="md-content__inner"><p>x</p></article></body></html>'
    problems = [p.rule.id for p in check_document(parse(html), "index.html", "theme", ALLOWED)]
    assert rule in problems


# --- a language is one the edition declares, well formed, on letters of its script (WCAG 3.1.1, 3.1.2)


@pytest.mark.parametrize(
    "marked",
    [
        '<p lang="ru">These are plain English words.</p>',  # a declared language on another script
        '<p lang="en">Враг народа</p>',  # and the other way round
        '<p lang="zz-Qaaa-x-evil">Words.</p>',  # well formed, declared by no one
        '<p lang="ru-Latn">Vrag naroda</p>',  # a script the edition does not declare for it
        '<p lang="RU">Враг народа</p>',  # one spelling a language, as the edition writes it
        '<p lang=" ru">Враг народа</p>',  # not a language tag at all
        '<p lang="en-x-a">Words.</p>',  # a private use subtag
        '<p lang="">Words.</p>',  # "unknown": a screen reader falls back to a guess
        '<p lang="de">Words.</p>',  # well formed, not declared
        '<p lang="ru">Враг <span>of the</span> народа</p>',  # a part the language does not cover
        '<p lang="ru">Враг <span lang="fr">du</span> народа</p>',  # nested, and undeclared
    ],
)
def test_a_language_the_page_cannot_stand_behind_is_refused(marked: str) -> None:
    for kind in ("generated", "editorial"):
        assert any(p.startswith("guard-language") for p in page(marked, kind=kind)), (kind, marked)


def test_a_language_is_held_outside_the_content_too() -> None:
    assert any(p.startswith("guard-language") for p in page("<p>x</p>", body='<div lang="ru">Home</div>'))
    assert any(p.startswith("guard-language") for p in page("<p>x</p>", body='<div xml:lang="ru">Home</div>'))
    assert any(p.startswith("guard-language") for p in page("<p>x</p>", lang="zz-Qaaa-x-evil"))
    svg = '<svg><text xml:lang="ru">Home</text></svg>'  # the XML namespace, as SVG reads it
    assert any(p.startswith("guard-language") for p in page("<p>x</p>", body=svg))


@pytest.mark.parametrize(
    "marked",
    [
        '<p>Orlov: <span lang="ru">Враг народа</span>, 1937.</p>',
        '<p lang="ru">Враг народа <span lang="en">(enemy of the people)</span>, 1937.</p>',
        '<p lang="en">Plain words, 1937.</p>',
        '<p lang="ru">1937</p>',  # no letters: nothing to say otherwise
    ],
)
def test_a_declared_language_on_its_own_script_passes(marked: str) -> None:
    assert [p for p in page(marked, kind="editorial") if p.startswith("guard-language")] == []


@pytest.mark.parametrize(
    "unmarked",
    [
        "<p>Orlov's Russian has «Вышинский» here.</p>",  # in the content
        "<p>x</p><cite>Тайная история</cite>",  # a title
        '<p><span class="verbatim">Враг народа</span></p>',  # a source's words, as quoted
        '<p lang="en">Враг народа</p>',  # said to be English again
    ],
)
def test_words_in_another_script_than_the_pages_say_their_language(unmarked: str) -> None:
    """WCAG 3.1.2: a screen reader reads a page's words in its language unless a part says another:
    Russian words left in an English page are read as English letters."""
    assert any(p.startswith("guard-language") for p in page(unmarked)), unmarked
    hidden = '<script>var x = "Вышинский";</script>'  # no text of the page's
    assert [p for p in page(hidden) if p.startswith("guard-language")] == []


@pytest.mark.parametrize(
    "spoken",
    [
        '<p><abbr title="Народный комиссариат">NKVD</abbr></p>',  # an editors' abbreviation, in Russian
        '<p><a href="warning.html" title="Вышинский">Vyshinsky</a></p>',
        '<p><a href="warning.html" aria-label="Читать">Read</a></p>',
        '<p lang="ru"><span title="Read more">Враг</span></p>',  # the other way round, under a part's lang
    ],
)
def test_an_attribute_read_out_is_in_its_elements_language(spoken: str) -> None:
    """A title, an alt or a label is read out in its element's language, and cannot say another."""
    assert any(p.startswith("guard-language") and "an attribute cannot" in p for p in page(spoken)), spoken
    assert [p for p in page('<p><abbr title="People\'s Commissariat">NKVD</abbr></p>') if "guard-language" in p] == []


def test_the_pages_own_language_is_allowed_where_the_policy_does_not_list_it() -> None:
    assert [p for p in page('<p lang="de">Wörter</p>', lang="de") if p.startswith("guard-language")] == []


# --- every link and button has a name, and shows something (WCAG 2.4.4, 2.4.7, 4.1.2) -------------


@pytest.mark.parametrize(
    "control",
    [
        '<a href="warning.html"></a>',
        '<a href="warning.html"> </a>',
        '<a href="warning.html">\u00a0\n</a>',
        '<a href="warning.html">\u200b</a>',  # a zero-width space
        '<a href="warning.html">\u3164</a>',  # a Hangul filler: a letter that shows nothing
        '<a href="warning.html">\u2800</a>',  # the blank Braille pattern
        '<a href="warning.html">\u0301</a>',  # a combining mark on nothing
        '<a href="warning.html" aria-label="   ">\u00a0</a>',  # a label of spaces
        '<a href="warning.html" title="The warning"></a>',  # a name, but nothing to see or focus on
        '<a href="warning.html" aria-label="The warning"></a>',
        '<a href="warning.html"><span aria-hidden="true">¶</span></a>',  # seen, but no name
        '<a href="warning.html"><span hidden>The warning</span></a>',
        '<a href="#p-x" class="headerlink"><svg viewBox="0 0 1 1"><path d="M0 0"></path></svg></a>',
        '<button type="button"></button>',
        '<button type="button" aria-labelledby="nowhere"><svg viewBox="0 0 1 1"></svg></button>',
        '<span role="button">\u2060</span>',
        '<a href="warning.html">.</a>',  # a name a screen reader says as "dot"
        '<a href="warning.html">,</a>',
        '<a href="warning.html">·</a>',
        '<a href="warning.html">→</a>',
        '<a href="warning.html" aria-label="…">¶</a>',
    ],
)
def test_a_link_or_button_without_a_name_is_refused(control: str) -> None:
    assert any(p.startswith("guard-name") for p in page(f"<p>Read {control} first.</p>")), control


def test_a_nameless_control_is_refused_outside_the_content_too() -> None:
    for control in ('<a href="index.html"><img src="logo.png"></a>', '<a href="index.html"><img alt=" "></a>'):
        assert any(p.startswith("guard-name") for p in page("<p>x</p>", body=control)), control


@pytest.mark.parametrize(
    "control",
    [
        '<a href="warning.html">The warning</a>',
        '<a href="#p-x" class="headerlink" title="Link to this section">¶</a>',
        '<a href="index.html" aria-label="Home"><svg viewBox="0 0 1 1"><path d="M0 0"></path></svg></a>',
        '<button type="button" aria-labelledby="l"><svg viewBox="0 0 1 1"></svg></button><span id="l">Close</span>',
        '<a href="warning.html"><span aria-hidden="true">¶</span><span>The warning</span></a>',
        '<a name="old"></a>',  # not a link: no address, nothing to focus on
    ],
)
def test_a_named_control_passes(control: str) -> None:
    assert [p for p in page(f"<p>Read {control} first.</p>") if p.startswith("guard-name")] == []


def test_the_themes_logo_link_passes() -> None:
    logo = '<a href="index.html" title="T" class="md-header__button md-logo" aria-label="The edition"><img src="assets/logo.png" alt=""></a>'
    assert [p for p in page("<p>x</p>", body=logo) if p.startswith("guard-name")] == []


# --- an editors' page holds the editors' few classes; the build's only where the build puts them --


@pytest.mark.parametrize(
    "markup",
    [
        '<p><a href="warning.html" download="chapter-update.exe">the update</a></p>',
        '<p><a href="warning.html" download>the update</a></p>',  # a download, outside the build's list
        '<p><a href="warning.html" class="headerlink">the warning</a></p>',
        '<h2 id="x">Notes <a href="#y" class="headerlink" title="Link">¶</a></h2>',  # another's ¶
        '<h2 id="x"><a href="#x" class="headerlink" title="Link">¶</a> Notes</h2>',  # not the build's place
        '<p class="print-url">https://edition.example.org/</p>',
        '<h1 id="t">T</h1><p>x</p><p class="print-url">https://edition.example.org/</p>',
        '<p class="status status-verified">Verified by the editors</p>',
        '<p><span class="status status-verified">Verified</span> by the editors.</p>',
        '<dl><dt><span class="status status-verified">Verified</span></dt><dd>x</dd></dl>',  # not the legend
        '<p class="footnote">x</p>',
        '<p class="toclink">x</p>',
    ],
)
def test_the_builds_classes_and_attributes_are_not_the_editors(markup: str) -> None:
    assert any(p.startswith("guard-markup") for p in page(markup, kind="editorial")), markup


def test_what_the_build_adds_to_an_editors_page_passes() -> None:
    built = (
        '<h1 id="t">T<a class="headerlink" href="#t" title="Link to this section">¶</a></h1>'
        '<p class="print-url">https://edition.example.org/</p>'
        '<dl class="status-legend"><dt id="status-verified"><span class="status status-verified">Verified</span></dt>'
        "<dd>x</dd></dl>"
        '<ul class="downloads"><li><a href="downloads/x.pdf" download><strong>X</strong></a>: x.</li></ul>'
        '<p class="medium-screen"><a class="md-button md-button--primary" href="warning.html">Start</a></p>'
    )
    assert page(built, kind="editorial") == []


def test_a_contents_entry_names_its_heading_as_the_heading_says_it() -> None:
    """attr_list's data-toc-label gives the theme's navigation words the article does not say (the
    eighth hostile round: "Orlov admits the chapter is a forgery" for "Whose words are whose")."""
    heading = (
        '<h2 id="how-to-read">Whose words are whose'
        '<a class="headerlink" href="#how-to-read" title="Link to this section">¶</a></h2>'
    )
    nav = '<nav><a class="md-nav__link" href="#how-to-read"><span>{}</span></a></nav>'
    assert [p for p in page(heading, body=nav.format("Whose words are whose")) if p.startswith("guard-name")] == []
    found = page(heading, body=nav.format("Orlov admits the chapter is a forgery"))
    assert any(p.startswith("guard-name") and "Orlov admits" in p for p in found), found


@pytest.mark.parametrize("ident", ["edition-live", "edition-pop-title", "edition-tools"])
def test_an_id_the_sites_scripts_give_is_no_pages(ident: str) -> None:
    """A heading #edition-live once received every "Link copied" in place of the chapter's title."""
    for kind in ("chapter", "editorial", "generated"):
        assert any("the site's scripts" in p for p in page(f'<h1 id="{ident}">Title</h1>', kind=kind)), kind


def test_the_metadata_a_reader_sees_is_read_whatever_the_case_of_its_name() -> None:
    """Dublin Core's names are written DC.title and DCTERMS.created: their words are held too."""
    from tools.guard import allow

    assert all(
        allow.SEEN_META.match(n) for n in ("DC.title", "dc.title", "DCTERMS.created", "citation_title", "og:title")
    )
    assert not allow.SEEN_META.match("viewport")
