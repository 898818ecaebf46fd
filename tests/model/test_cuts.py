"""tools/model/cuts.py: the parts of a cut quotation found in one passage, in order, apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tools.model.cuts import SINGLE, SPAN, Passages

# ids of one character and of two (a lead and a trail), where a misaligned match could hide
IDS = st.sampled_from([0, 1, SINGLE - 1, SINGLE, SINGLE + 1, SINGLE + SPAN, SINGLE + SPAN + 1])
PASSAGE = st.lists(st.lists(IDS, max_size=8), min_size=1, max_size=3)


def in_order(excerpts: list[list[int]], parts: list[list[int]]) -> bool:
    """The plain definition: each part within one excerpt, after the end of the one before."""
    at = (0, 0)  # (excerpt, token)
    for part in parts:
        found = next(
            (
                (e, i + len(part))
                for e in range(at[0], len(excerpts))
                for i in range(at[1] if e == at[0] else 0, len(excerpts[e]) - len(part) + 1)
                if excerpts[e][i : i + len(part)] == part
            ),
            None,
        )
        if found is None:
            return False
        at = found
    return True


@given(st.lists(PASSAGE, min_size=1, max_size=3), st.lists(st.lists(IDS, min_size=1, max_size=3), max_size=3))
def test_the_code_finds_what_the_plain_definition_finds(
    passages: list[list[list[int]]], parts: list[list[int]]
) -> None:
    held = Passages()
    for passage in passages:
        held.add(passage)
    assert held.hold_in_order(parts) == any(in_order(p, parts) for p in passages)


def test_a_two_character_code_is_never_matched_half() -> None:
    held = Passages()
    held.add([[SINGLE + SPAN + 1, SINGLE + 1]])  # lead₁ trail₁ lead₀ trail₁
    assert not held.hold_in_order([[SINGLE + SPAN + 1, SINGLE + SPAN + 1]])
    assert held.hold_in_order([[SINGLE + SPAN + 1], [SINGLE + 1]])
    assert not held.hold_in_order([[SINGLE + 1], [SINGLE + SPAN + 1]])
