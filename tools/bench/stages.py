"""`./edition build` itself (tools.publish.command.main) with a timer around each stage it calls; the
bench runs it as `python -m tools.bench.stages TIMES.json` in a copy of the project and reads the
seconds each stage took from TIMES.json."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..publish import command

TIMES: dict[str, float] = {}


def timer(function: Callable[..., Any], stage: Callable[..., str]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            name = stage(*args)
            TIMES[name] = TIMES.get(name, 0.0) + time.perf_counter() - start

    return timed


def main(out: Path) -> int:
    # The offline build and its exports run in a forked child (command.Alongside), whose timers this
    # process never sees: what the online build waits for them is what they add.
    stages: tuple[tuple[object, str, Callable[..., str]], ...] = (
        (command, "check", lambda *_: "check"),
        (command, "build", lambda *_: "online build"),
        (command.Alongside, "finish", lambda *_: "exports finished"),
    )
    for owner, name, stage in stages:
        setattr(owner, name, timer(getattr(owner, name), stage))
    code = timer(command.main, lambda *_: "main")(["build"])
    out.write_text(json.dumps(TIMES), encoding="utf-8")
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
