"""tools/model/cuts.py: the parts of a cut quotation found in one passage, in order, apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tools.model.cuts import Passages

# few ids, so that parts repeat, overlap and stand across excerpts
IDS = st.integers(0, 3)
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


def test_a_part_stands_within_one_excerpt_and_after_the_part_before() -> None:
    held = Passages()
    held.add([[1, 2], [3, 4]])
    assert held.hold_in_order([[1, 2], [3, 4]]) and held.hold_in_order([[2], [3]])
    assert not held.hold_in_order([[2, 3]])  # across the excerpts
    assert not held.hold_in_order([[3], [2]])  # out of order
    assert not held.hold_in_order([[1, 2], [2]])  # overlapping the part before


def test_many_cuts_against_one_long_passage_cost_in_proportion() -> None:
    """Each cut part is looked for where its rarest token stands, never by scanning the passage:
    ten times the cuts against a passage ten times as long cost about ten times, not a hundred."""
    from complexity import cpu, growth

    def cost(scale: int) -> float:
        held = Passages()
        held.add([[1, 5, *[0] * (2_000 * scale), 2, 6]])
        found: list[bool] = []
        spent = cpu(lambda: found.extend(held.hold_in_order([[2, 6], [1, 5]]) for _ in range(200 * scale)))
        assert not any(found)
        return spent

    ratio = growth(lambda: cost(1), lambda: cost(10), 25)
    assert ratio <= 25, f"ten times the cuts and the passage took {ratio:.0f} times the time"


def test_a_cut_tries_a_bounded_number_of_places_in_a_passage() -> None:
    """A part whose rarest token stands everywhere in a passage is tried at most MAX_TRIES places,
    then not found: each quotation costs at most that, however long the passage (a round once made
    such parts take 41 s on 405 KB)."""
    from tools.model.cuts import MAX_TRIES

    held = Passages()
    held.add([[*[0, 1] * MAX_TRIES, 0, 0, 2]])
    assert held.hold_in_order([[2]])
    assert not held.hold_in_order([[0, 0], [2]])  # its only place lies past the bound
    near = Passages()
    near.add([[*[0, 1] * 10, 0, 0, 2]])
    assert near.hold_in_order([[0, 0], [2]])


def test_many_cuts_against_many_passages_cost_in_proportion() -> None:
    """A cut is looked for in at most MAX_PASSAGES of the passages holding its rarest token: ten times
    the passages that hold every part, never in the order given, and ten times the cuts, cost about
    ten times, not a hundred (a round made 6,000 readings and 40,000 cuts cost their product)."""
    from complexity import cpu, growth

    def cost(scale: int) -> float:
        held = Passages()
        for _ in range(200 * scale):
            held.add([[1, 2, 3, 4]])
        found: list[bool] = []
        spent = cpu(lambda: found.extend(held.hold_in_order([[3, 4], [1, 2]]) for _ in range(200 * scale)))
        assert not any(found)
        return spent

    ratio = growth(lambda: cost(1), lambda: cost(10), 25)
    assert ratio <= 25, f"ten times the cuts and the passages took {ratio:.0f} times the time"
