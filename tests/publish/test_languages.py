"""tools/publish/languages.py: the language of parts, marked on the page as built (WCAG 3.1.2)."""

from __future__ import annotations

from complexity import cpu, growth

from tools.guard.language import others
from tools.publish.languages import with_languages

DECLARED = ("en", "ru", "de", "ro")  # the real source list's policy.languages


def page(body: str, lang: str = "en", head: str = "") -> str:
    return f'<!doctype html><html lang="{lang}"><head><title>Тайная</title>{head}</head><body>{body}</body></html>'


def test_each_run_of_russian_words_says_it_is_russian() -> None:
    body = "<p>Orlov has «Вышинский» here (23–30 января 1937 года), and Го́льцман.</p>"
    assert with_languages(page(body), DECLARED) == page(
        '<p>Orlov has «<span lang="ru">Вышинский</span>» here (23–30 <span lang="ru">января 1937 года</span>), '
        'and <span lang="ru">Го́льцман</span>.</p>'
    )


def test_only_the_text_of_the_body_is_marked() -> None:
    """A tag's attributes, a script, a style, a drawing, a comment and the title hold no text of the
    page's that a span could mark (an attribute cannot say its language)."""
    body = (
        '<p title="Вышинский"><em>января</em></p><script>var x = "Вышинский";</script>'
        "<style>p::before { content: 'Щ' }</style><svg><title>Щ</title></svg><!-- Щ -->"
    )
    marked = with_languages(page(body, head='<meta name="description" content="Вышинский">'), DECLARED)
    assert marked.count('<span lang="ru">') == 1 and '<em><span lang="ru">января</span></em>' in marked
    assert "<title>Тайная</title>" in marked


def test_a_script_two_languages_share_or_the_pages_own_says_nothing() -> None:
    """German and Romanian are both in Latin letters, the page's own: no word of them can be told."""
    assert others("en", DECLARED) == {"Cyrillic": "ru"}
    assert others("ru", DECLARED) == {}  # Latin is three languages'
    assert others("en", ("en", "ru", "uk")) == {}  # Cyrillic is two languages'
    body = "<p>Mit freundlichen Grüßen, Вышинский</p>"
    assert with_languages(page(body), ("en", "de")) == page(body)


def test_ten_times_the_runs_cost_at_most_fifteen_times_the_time() -> None:
    """The runs and the places that are not text are each found in one pass and walked together:
    an editors' page of a hundred thousand Russian words between Latin ones is not read again for
    each (looking back from each run to the tag, comment or script before it would be)."""

    def run(count: int) -> float:
        html = page("<!-- Щ --><p>" + " ".join(f"Вы x{i} <b>слово</b>" for i in range(count)) + "</p>")
        marked: list[str] = []
        spent = cpu(lambda: marked.append(with_languages(html, DECLARED)))
        assert marked[0].count('<span lang="ru">') == 2 * count  # not the comment's
        return spent

    ratio = growth(lambda: run(4_000), lambda: run(40_000), 15)
    assert ratio <= 15, f"ten times the runs took {ratio:.1f} times the time"
