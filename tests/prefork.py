"""Commands of the test suite forked from an interpreter that has already imported what they use.

A test that builds a site (about seventy do) would spend half of a refused build's time starting
Python and importing ProperDocs, Material, Python-Markdown and Jinja; a test of the checker's
command line (some fifty) would spend three quarters of its time starting Python and compiling
`tools`. A launcher here runs the very same command, `python -m MODULE ARGS`, in a child forked
from a server that imported those modules once. Each child starts from the same untouched server,
in the command's folder with exactly its environment, so no run sees another's state.

- BUILDS (tools/publish/build.py's launcher): the server imports the engine and its plugins and
  extensions, and never the hook or `tools`, so every build loads the project's own copy afresh,
  as `./edition build` does.
- CHECKER (conftest.run_check): the server imports the project's `tools.checker`, and each child
  runs its `__main__` on a `--root` of its own. What only a fresh interpreter shows (an import
  that fails, a cycle) is shown by the commands that still start one: test_cli's fresh run, the
  hostile-input runs, the exports and every build's hook.

What a fresh interpreter reads as it starts cannot be given to a fork: a command for another
module, or an environment whose start-up variables (PYTHON*, the locale's, TZ) differ from the
server's, runs as a plain child process instead. Warnings the server's imports printed (once per
place, as a fresh process prints them) are put in front of each child's stderr. Two things stay
the server's: the hash seed, the same for every child of one server (the comparisons that would
show an order that depends on it, tests/publish/test_engines.py and test_export.py, compare with a
fresh process), and the objects a fresh interpreter would finalise at exit (a child runs the exit
functions and flushes its streams, then leaves). tests/test_prefork.py shows a forked command
printing and writing what a fresh one does; tests/publish/test_engines.py, a whole site.

    python tests/prefork.py FOLDER MODULE...   the server: FOLDER first on sys.path (- for an
                                               empty private one), MODULEs imported; one JSON
                                               request a line on stdin
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import json
import locale
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

# Imported by the server in this order: ProperDocs' alias of `mkdocs.*` first, as its own
# __main__ does, so that Material's `from mkdocs…` imports load ProperDocs (ARCHITECTURE.md, "Engines").
ENGINE_MODULES = (
    "properdocs.replacement",
    "click",
    "properdocs.commands.build",
    "properdocs.config.defaults",
    "properdocs.structure.pages",
    "properdocs.theme",
    "properdocs.contrib.search",
    "material.plugins.search.plugin",
    "material.plugins.privacy.plugin",
    "material.plugins.offline.plugin",
    "markdown",
    "markdown.extensions.abbr",
    "markdown.extensions.admonition",
    "markdown.extensions.attr_list",
    "markdown.extensions.def_list",
    "markdown.extensions.md_in_html",
    "markdown.extensions.tables",
    "markdown.extensions.footnotes",
    "markdown.extensions.toc",
    "pymdownx.bracketspan",
    "pymdownx.details",
    "jinja2",
    "babel",
    "yaml",
)


# The checker's command line: its package and what --write adds.
CHECKER_MODULES = ("tools.checker", "tools.checker.write")


def startup_variables(env: Mapping[str, str]) -> dict[str, str]:
    """The variables a Python interpreter reads as it starts, which a fork cannot change: its own,
    the locale's (the streams' and file names' encoding) and the time zone (read as `time` loads)."""
    return {k: v for k, v in env.items() if k.startswith(("PYTHON", "LC_")) or k in ("LANG", "TZ")}


# --- the server ---------------------------------------------------------------------------------


def _exit_code(error: SystemExit) -> int:
    """What the interpreter makes of SystemExit: None is 0, a number is itself, anything else is
    printed and is 1."""
    if error.code is None:
        return 0
    if isinstance(error.code, int):
        return error.code & 0xFF
    print(error.code, file=sys.stderr)
    return 1


def _child(request: dict[str, Any], channel: int) -> NoReturn:
    """Run `python -m MODULE ARGS` in this forked process, then leave without returning."""
    code = 1
    try:
        os.close(channel)
        for fd, name, flags in (
            (0, os.devnull, os.O_RDONLY),
            (1, request["stdout"], os.O_WRONLY | os.O_TRUNC),
            (2, request["stderr"], os.O_WRONLY | os.O_APPEND),
        ):
            opened = os.open(name, flags)
            os.dup2(opened, fd)
            os.close(opened)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if not sys.flags.safe_path:
            sys.path[0] = os.getcwd()  # what `python -m` puts first: the working folder
        sys.argv = [request["module"], *request["args"]]
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        import runpy

        try:
            runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as error:
            code = _exit_code(error)
        except KeyboardInterrupt:
            traceback.print_exc()
            code = -signal.SIGINT  # a fresh interpreter ends by the signal
        except BaseException:
            traceback.print_exc()
            code = 1
        # What the interpreter does on its way out: wait for the threads left running, then run
        # the exit functions (logging's flush among them).
        if "threading" in sys.modules:
            sys.modules["threading"]._shutdown()
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        if code < 0:
            signal.signal(-code, signal.SIG_DFL)
            os.kill(os.getpid(), -code)
        os._exit(code)


def serve(folder: str, modules: list[str]) -> None:
    """Import `modules` (with `folder` first on sys.path), then fork one child per request line,
    answering with its pid and then with its exit code (the negative signal number if a signal
    ended it, as subprocess says)."""
    import io
    import warnings

    channel = os.dup(1)  # answers go here; fd 1 itself becomes each child's stdout
    os.dup2(2, 1)
    captured = io.StringIO()
    show = warnings.showwarning

    def keep(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
        captured.write(warnings.formatwarning(message, category, filename, lineno, line))

    warnings.showwarning = keep
    own = folder == "-"
    if own:  # nothing of the caller's: an empty folder only the server may write to
        folder = tempfile.mkdtemp(prefix="prefork-path-")
    if not sys.flags.safe_path:
        sys.path[0] = folder
    for name in modules:
        importlib.import_module(name)
    warnings.showwarning = show
    # What every child inherits is frozen: its collector never walks it, and a child's memory pages
    # stay shared with the server (a collection would write to every object it looks at).
    gc.collect()
    gc.freeze()
    os.write(channel, (json.dumps({"ready": True, "warnings": captured.getvalue()}) + "\n").encode())
    try:
        for line in sys.stdin.buffer:
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                _child(request, channel)
            os.write(channel, (json.dumps({"pid": pid}) + "\n").encode())
            _, status = os.waitpid(pid, 0)
            os.write(channel, (json.dumps({"returncode": os.waitstatus_to_exitcode(status)}) + "\n").encode())
    finally:  # not an exit function: every child runs those
        if own:
            os.rmdir(folder)


# --- the launcher the tests use --------------------------------------------------------------------


class Prefork:
    """A launcher (the signature of tools/publish/build.py's `launch`): `python -m MODULE ARGS`
    forked from a server that imported `preload` with `folder` first on sys.path (None: an empty
    one of its own), when it can be; any other command as a plain child process. The server starts
    at the first forked command, with that command's start-up variables."""

    def __init__(self, module: str, preload: tuple[str, ...], folder: Path | None) -> None:
        self.module, self.preload, self.folder = module, preload, folder
        self.server: subprocess.Popen[bytes] | None = None
        self.log: Path | None = None  # the server's own stderr: why it stopped, if it did
        self.startup: dict[str, str] = {}
        self.warnings = ""
        self.pending = b""
        self.forked = 0

    def start(self, env: Mapping[str, str]) -> None:
        """Start the server with `env`'s start-up variables (stopping one already running)."""
        self.close()
        handle, name = tempfile.mkstemp(prefix="prefork-", suffix=".log")
        self.log = Path(name)
        self.server = subprocess.Popen(
            [sys.executable, __file__, str(self.folder or "-"), *self.preload],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=handle,
            cwd=tempfile.gettempdir(),
            env=env,
        )
        os.close(handle)
        self.startup, self.pending = startup_variables(env), b""
        ready = self._answer(timeout=120)
        if not ready or not ready.get("ready"):
            self._fail("did not start")
        self.warnings = ready["warnings"]

    def close(self) -> None:
        if self.server is not None:
            if self.server.stdin is not None:
                self.server.stdin.close()
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        if self.log is not None:
            self.log.unlink(missing_ok=True)
        self.server, self.log = None, None

    def running(self) -> bool:
        return self.server is not None and self.server.poll() is None

    def forkable(self, command: list[str], cwd: Path, env: Mapping[str, str]) -> bool:
        if command[:3] != [sys.executable, "-m", self.module] or not Path(cwd).is_dir():
            return False  # (a missing folder: subprocess says so, as it would)
        return not self.running() or startup_variables(env) == self.startup

    def __call__(
        self, command: list[str], cwd: Path, env: dict[str, str], timeout: float
    ) -> subprocess.CompletedProcess[str]:
        if not self.forkable(command, cwd, env):
            from tools.publish.build import child_process  # here, not at the top: the server imports no tools

            return child_process(command, cwd, env, timeout)
        if not self.running():
            self.start(env)
        encoding = locale.getpreferredencoding(False)
        with tempfile.TemporaryDirectory(prefix="prefork-") as folder:
            out, err = Path(folder) / "stdout", Path(folder) / "stderr"
            out.write_bytes(b"")
            err.write_text(self.warnings, encoding=encoding)
            request = {
                "module": self.module,
                "args": command[3:],
                "cwd": str(cwd),
                "env": env,
                "stdout": str(out),
                "stderr": str(err),
            }
            returncode = self._run(request, command, timeout)
            self.forked += 1
            # Decoded as subprocess.run(text=True) decodes: the locale's encoding.
            return subprocess.CompletedProcess(
                command, returncode, out.read_text(encoding=encoding), err.read_text(encoding=encoding)
            )

    def _run(self, request: dict[str, Any], command: list[str], timeout: float) -> int:
        assert self.server is not None and self.server.stdin is not None
        self.server.stdin.write((json.dumps(request) + "\n").encode())
        self.server.stdin.flush()
        started = self._answer(timeout=60)
        if started is None:
            self._fail("did not answer")
        done = self._answer(timeout)
        if done is None:
            # Not yet waited for by the server, so the pid is still the child's (it may just have ended).
            with contextlib.suppress(ProcessLookupError):
                os.kill(started["pid"], signal.SIGKILL)
            if self._answer(timeout=60) is None:
                self._fail("did not end a child it was told to")
            raise subprocess.TimeoutExpired(command, timeout)
        return int(done["returncode"])

    def _fail(self, what: str) -> NoReturn:
        """Stop the server, and say why with the end of its own stderr."""
        said = self.log.read_text(encoding="utf-8", errors="replace")[-2000:] if self.log else ""
        if self.server is not None:
            self.server.kill()
            self.server.wait()
        self.close()
        raise RuntimeError(f"the prefork server for {self.module} {what}\n{said}")

    def _answer(self, timeout: float) -> dict[str, Any] | None:
        """The server's next answer line, or None if none came within `timeout` seconds. Read from
        the pipe's descriptor, not through a buffer, so that select sees every byte not yet read."""
        assert self.server is not None and self.server.stdout is not None
        answers = self.server.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            ready, _, _ = select.select([answers], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return None
            chunk = os.read(answers, 65536)
            if not chunk:
                self._fail("stopped")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        answer: dict[str, Any] = json.loads(line)
        return answer


def builds() -> Prefork:
    """The launcher for every build (tools/publish/build.py)."""
    from tools.publish.build import ENGINE

    return Prefork(ENGINE, ENGINE_MODULES, None)


def checker(project: Path) -> Prefork:
    """The launcher for `python -m tools.checker` run from `project`."""
    return Prefork("tools.checker", CHECKER_MODULES, project)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2:])
