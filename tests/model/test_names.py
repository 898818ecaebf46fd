"""tools/model/names.py: what a spelling looks like to a reader (TR39's skeleton, scripts)."""

from __future__ import annotations

import pytest

from tools.model.names import looks, scripts_mixed, skeleton


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Bukh\u0430rin", "Bukharin"),  # a Cyrillic а
        ("\u0412ukharin", "Bukharin"),  # a Cyrillic capital В
        ("RosenhoIz", "Rosenholz"),  # a capital I for an l
        ("BUKHARIN", "Bukharin"),  # case
        ("Búkharin", "Bukharin"),  # an accent
        ("Kamenev", "Karnenev"),  # m looks like rn
    ],
)
def test_spellings_that_look_alike_look_alike(one: str, other: str) -> None:
    assert looks(one) & looks(other)


@pytest.mark.parametrize(("one", "other"), [("Bukharin", "Bucharin"), ("Goltzman", "Holtzman"), ("Rykov", "Rakov")])
def test_other_spellings_do_not(one: str, other: str) -> None:
    assert not looks(one) & looks(other)


def test_the_skeleton_is_unicodes() -> None:
    """TR39's own example: the skeletons of "paypal" in Latin and with a Cyrillic а are one."""
    assert skeleton("p\u0430ypal") == skeleton("paypal")


@pytest.mark.parametrize(
    ("word", "mixed"),
    [
        ("Bukh\u0430rin", {"LATIN", "CYRILLIC"}),
        ("Го́льцман", set()),  # an accent is of no script
        ("Gol'tsman", set()),
        ("Ёжов-Розенгольц", set()),
        ("Bukharin", set()),
    ],
)
def test_a_word_mixes_scripts_only_with_letters_of_two(word: str, mixed: set[str]) -> None:
    assert scripts_mixed(word) == mixed
