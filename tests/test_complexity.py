"""The complexity helper (tests/complexity.py) fails a path that grows faster than its input on
every round, and passes a linear one whose first large reading a loaded machine slowed."""

from __future__ import annotations

from complexity import ROUNDS, cpu, growth


def test_a_quadratic_path_fails_every_round() -> None:
    def quadratic(n: int) -> float:
        return cpu(lambda: [a * b for a in range(n) for b in range(n)])

    calls: list[int] = []

    def large() -> float:
        calls.append(1)
        return quadratic(1_000)

    assert growth(lambda: quadratic(100), large, 15) > 15
    assert len(calls) == ROUNDS  # measured again before the verdict


def test_a_slowed_reading_is_measured_again() -> None:
    readings = iter([50.0, 10.0])  # the first large reading slowed five times over, the next one true

    assert growth(lambda: 1.0, lambda: next(readings), 15) == 10.0
