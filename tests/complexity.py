"""Complexity in tests, as a ratio of this process's CPU times measured in one run: the speeds
themselves belong in BENCHMARKS.md, never in an assert.

A reading can only be too slow, never too fast: another process or a pause adds time, nothing takes
it away. So the least of several runs is the closest to the true cost, and a ratio over its bound is
measured again before it fails. A path that really grows faster than its input fails every round
(its large input's least time stays large); a run slowed by a loaded machine does not fail twice.
That keeps the first reading cheap (the small input twice, the large once) and the verdict sound."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from typing import Protocol


class Cached(Protocol):
    def cache_clear(self) -> None: ...


def cpu(run: Callable[[], object], clear: Iterable[Cached] = ()) -> float:
    """One run's CPU time: the given caches emptied first (the run reads its input, not the last
    run's answers), the garbage of earlier runs collected, and collections paused meanwhile (a
    collection's pause falls where it falls, more often in a larger run)."""
    for cached in clear:
        cached.cache_clear()
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        run()
        return time.process_time() - start
    finally:
        gc.enable()


ROUNDS = 3  # the readings before a ratio over its bound fails


def growth(small: Callable[[], float], large: Callable[[], float], bound: float) -> float:
    """The ratio of the large input's least time to the small one's, each `small`/`large` call one
    reading in seconds: the small input's best of two and the large one's single run first, then,
    while the ratio is over `bound`, one more of each, for at most ROUNDS rounds."""
    least_small = min(small(), small())
    least_large = large()
    for _ in range(ROUNDS - 1):
        if least_large <= bound * least_small:
            break
        least_small = min(least_small, small())
        least_large = min(least_large, large())
    return least_large / max(least_small, 1e-9)
