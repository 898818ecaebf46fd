"""Timing and the machine it runs on."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timing:
    runs: tuple[float, ...]  # seconds

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.runs), max(self.runs)


def timed(action: Callable[[], object], runs: int) -> Timing:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return Timing(tuple(times))


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "not known"


def memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "not known"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine_facts() -> list[tuple[str, str]]:
    return [
        ("CPU", cpu_model()),
        ("Cores (usable / online)", f"{usable_cores()} / {os.cpu_count()}"),
        ("Memory", memory_gib()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Platform", platform.platform()),
        ("Load average at start (1 / 5 / 15 min)", " / ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("Date (UTC)", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")),
    ]
