"""The MkDocs hook (ProperDocs runs it): thin glue between the engine and tools/publish/engine.py.

on_config checks the input (or takes the check `./edition` made), on_files gives the engine the
prepared pages, and on_post_build finishes the folder and runs the output guard. A finding stops the build, one line each.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# `mkdocs.*` on purpose: inside a properdocs process these names are aliases of `properdocs.*`.
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))
log = get_plugin_logger("edition")
_serving = False
_state: Any = None


def on_startup(command: str, **_: Any) -> None:
    global _serving
    _serving = command == "serve"


def _refused(error: Exception) -> PluginError:
    for finding in getattr(error, "findings", ()):
        log.error(str(finding))
    return PluginError(str(error))


def on_config(config: Any, **_: Any) -> Any:
    global _state
    if _serving:  # the preview runs edited code on its next rebuild
        for name in [n for n in sys.modules if n == "tools" or n.startswith("tools.")]:
            del sys.modules[name]
    from tools.publish import engine

    try:
        _state = engine.begin(config, _serving)
    except engine.Refused as error:
        raise _refused(error) from None
    return config


def on_files(files: Files, config: Any, **_: Any) -> Files:
    from tools.publish import engine

    for name, content in engine.prepared(_state).items():
        existing = files.get_file_from_path(name)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, name, content=content))
    return files


@event_priority(-50)  # after the search plugin writes its index (0), before offline copies it (-100)
def on_post_build(config: Any, **_: Any) -> None:
    from tools.publish import engine

    try:
        engine.finish(config, _state)
    except engine.Refused as error:
        raise _refused(error) from None
