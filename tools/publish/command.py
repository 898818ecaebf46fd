"""`./edition build`, `serve` and `export`: the checker first, in this process, before the engine
loads any config; then the offline build and its exports; then the site.

    python -m tools.publish.command build [engine options]
    python -m tools.publish.command serve [-a host:port]
    python -m tools.publish.command export

Every error is one line: a finding, a refused config, a port already in use, a failed export.
"""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import select
import shutil
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from ..checker import Result, check
from ..guard.configs import ConfigRefused
from ..model.urls import url_problem
from . import engine as handover
from .build import (
    CONFIG,
    OFFLINE_CONFIG,
    OFFLINE_SITE,
    ONLINE_STAGING,
    PROJECT,
    BuildFailed,
    build,
    engine,
    load_engine,
    replace_folder,
)
from .downloads import probably_unchanged
from .export import Exported, ExportFailed, Pending, Renderer

DEFAULT_ADDRESS = "127.0.0.1:8000"
# What the exports are made from (for the guess whether the PDFs need rendering at all).
INPUTS = ("docs", "data", "original", "original.lock", "overrides", "tools", "mkdocs.yml", "mkdocs.offline.yml")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0", ""})


def dev_address(args: Sequence[str]) -> str:
    """The address `serve` would listen on, from its -a/--dev-addr option."""
    for index, arg in enumerate(args):
        if arg in ("-a", "--dev-addr") and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--dev-addr="):
            return arg.split("=", 1)[1]
        if arg.startswith("-a") and len(arg) > 2:
            return arg[2:]
    return DEFAULT_ADDRESS


def port_problem(address: str) -> str | None:
    """Why `serve` could not listen on `address`, or None if it could."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit():
        return f"{address!r} is not host:port (for example 127.0.0.1:8001)"
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, int(port)))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"{host}:{port} is already in use (another server?); stop it, or pass -a {host}:{int(port) + 1}"
            return f"cannot listen on {host}:{port}: {error.strerror or error}"
    return None


def address_notices(site_url: str, contact: str | None) -> list[str]:
    """What the build says about the address its links carry, and the contact readers write to."""
    notices = []
    if urlsplit(site_url).hostname in LOCAL_HOSTS:
        notices.append(
            f"warning: the site address is the local preview address {site_url}: QR codes, citations, printed links "
            "and the downloads point there; set EDITION_SITE_URL=https://your.host/path/ to publish"
        )
    if not contact:
        notices.append(
            "warning: no contact is set, so pages offer no 'Report a problem' action; set edition.contact in "
            "data/sources.yml or EDITION_CONTACT=mailto:… (or an issue tracker's address)"
        )
    return notices


def report(made: list[Exported]) -> None:
    """One line per exported file: its size, the time it took, and a PDF's page count."""
    for file in made:
        pages = f", {file.pages} pages" if file.pages is not None else ""
        print(
            f"{file.path.stat().st_size / 1024:8.1f} KiB  {file.path.relative_to(PROJECT)}  ({file.seconds:.2f} s{pages})",
            file=sys.stderr,
        )


def offline_and_exports(result: Result, site_url: str, contact: str | None, renderer: Renderer) -> Pending:
    """The offline build, then its exports begun. Unless the PDFs were probably made from this very
    input, the PDF workers start first and load WeasyPrint while the engine makes the offline build."""
    assert result.checked is not None
    if not probably_unchanged(PROJECT / "dist", [PROJECT / p for p in INPUTS]):
        renderer.start()
    handover.handover = result
    offline = build(PROJECT / OFFLINE_SITE, OFFLINE_CONFIG)
    return Pending(
        offline, PROJECT / "dist", result.checked, site_url, contact, PROJECT, handover.offline_pages, renderer
    )


class Alongside:
    """The offline build and its exports (`make`) in a forked child process, begun at once; `finish()`
    waits for it and gives what it exported, or raises its one-line error. The child shares this
    process's loaded code and checked input; what it says goes to the same stderr.

    The child and its PDF workers are a process group of their own: Ctrl-C in a terminal reaches this
    process alone, which decides, and `abandon()` stops the whole group (a worker left running would
    go on writing into dist/)."""

    STOP_SECONDS = 5.0  # for the child to stop its workers and clean up, before it is killed

    def __init__(self, make: Callable[[Renderer], Pending]) -> None:
        load_engine()  # once, before the fork: both processes share it
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            code = 1
            try:
                os.setpgid(0, 0)
                os.close(read)
                code = self._child(make, write)
            finally:
                os._exit(code)
        with contextlib.suppress(OSError):  # (the child may have done it first)
            os.setpgid(self.pid, self.pid)
        os.close(write)
        self.reader = os.fdopen(read, "rb")

    @staticmethod
    def _child(make: Callable[[Renderer], Pending], write: int) -> int:
        def taken_back(*_: object) -> None:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the cleanup below is not interrupted
            raise SystemExit(1)

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, taken_back)
        renderer = Renderer()
        outcome: tuple[str, object]
        try:
            outcome = ("made", make(renderer).finish())
        except ExportFailed as error:  # with the finding lines it may carry
            outcome = ("failed", ExportFailed(str(error), error.findings))
        except (BuildFailed, ConfigRefused) as error:
            outcome = ("failed", str(error))
        except SystemExit:
            outcome = ("failed", "stopped")
        except BaseException as error:  # a bug: its traceback, then one line from the parent
            traceback.print_exc()
            outcome = ("failed", f"the offline build stopped: {type(error).__name__}")
        finally:
            renderer.stop()
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(outcome, pipe)
        sys.stdout.flush()
        sys.stderr.flush()
        return 0 if outcome[0] == "made" else 1

    def finish(self) -> list[Exported]:
        kind, value = self._outcome()
        self._end(stop=False)
        if isinstance(value, ExportFailed):
            raise value
        if kind != "made" or not isinstance(value, list):
            raise ExportFailed(str(value))
        return value

    def _outcome(self) -> tuple[str, object]:
        """What the child sent; if it dies without a word (killed), that, at once: not when the
        last of its workers, which hold the pipe too, ends."""
        while not select.select([self.reader], [], [], 0.1)[0]:
            if self._exited() and not select.select([self.reader], [], [], 0)[0]:
                return "failed", "the offline build stopped"
        try:
            kind, value = pickle.load(self.reader)
        except EOFError:
            return "failed", "the offline build stopped"
        return str(kind), value

    def _exited(self) -> bool:
        """Has the child ended? It is not reaped (WNOWAIT): until it is, its process group's id,
        which is its pid, cannot be given to another group, so killpg reaches its own only."""
        return os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None

    def abandon(self) -> None:
        """Stop the child and its workers if they still run."""
        self._end(stop=True)

    def _end(self, stop: bool) -> None:
        """Once: wait for the child to end (asked to stop first if `stop`, killed if it takes too
        long), kill whatever of its group is left, then reap it."""
        if not self.pid:
            return
        group = self.pid
        if stop:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGTERM)
        deadline = time.monotonic() + self.STOP_SECONDS
        while not self._exited():
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(group, signal.SIGKILL)
            time.sleep(0.02)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)  # a worker the child left behind
        os.waitpid(self.pid, 0)
        self.pid = 0
        self.reader.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("build", "serve", "export"):
        print("usage: python -m tools.publish.command build|serve|export [options]", file=sys.stderr)
        return 64
    command, options = args[0], args[1:]
    # Stopped by a process manager (SIGTERM) as by Ctrl-C: the same cleanup, the child process too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if "-h" in options or "--help" in options:  # the engine's help: nothing is checked, built or exported
        if command == "export":
            print("usage: python -m tools.publish.command export  (the offline files, into dist/)")
            return 0
        try:
            engine(command, CONFIG, "--help")
        except (BuildFailed, ConfigRefused) as error:
            print(f"{command}: {error}", file=sys.stderr)
            return 1
        return 0
    if command == "serve":
        address = dev_address(options)
        if problem := port_problem(address):
            print(f"serve: {problem}", file=sys.stderr)
            return 1
        # The preview's pages and downloads carry the address it is actually served at.
        os.environ.setdefault("EDITION_SITE_URL", f"http://{address}/")
    result = check(PROJECT)
    for finding in result.findings:
        print(finding, file=sys.stderr)
    if result.errors or result.checked is None:
        print(f"{command}: the checker found {len(result.errors)} problem(s); nothing was built", file=sys.stderr)
        return 1
    site_url = os.environ.get("EDITION_SITE_URL", "http://127.0.0.1:8000/")
    if (problem := url_problem(site_url, relative=False)) is not None:
        # Every page, citation, QR code and download carries the address: one line now, not a finding on each.
        print(f"{command}: EDITION_SITE_URL {site_url!r} {problem}; nothing was built", file=sys.stderr)
        return 1
    if not site_url.endswith("/"):  # a folder: the pages' addresses are the site's plus their names
        site_url += "/"
        os.environ["EDITION_SITE_URL"] = site_url  # the engine's config reads it too
    contact = os.environ.get("EDITION_CONTACT") or result.checked.sources.edition.contact
    for notice in address_notices(site_url, contact):
        print(notice, file=sys.stderr)
    renderer = Renderer()  # the PDF workers, unless the offline build is made alongside
    exports = (
        Alongside(lambda renderer: offline_and_exports(result, site_url, contact, renderer))
        if command == "build" and hasattr(os, "fork")
        else None
    )
    staging = PROJECT / ONLINE_STAGING
    try:
        if exports is not None:
            # The offline build and its exports in a second process, on the other core, while this one
            # makes the online build; that waits for them only to offer the files. The online build is
            # made beside site/ and takes its place only once the guard has passed it: site/ never
            # holds a page the guard has not read, even if the build is stopped half-way.
            handover.pending_export, handover.handover = exports, result
            shutil.rmtree(staging, ignore_errors=True)
            build(staging, CONFIG)
            replace_folder(PROJECT / "site", staging)
            report(handover.exported)
        else:
            report(offline_and_exports(result, site_url, contact, renderer).finish())
            if command == "serve":
                handover.handover = result
                engine("serve", CONFIG, *options)
    except (BuildFailed, ConfigRefused, ExportFailed) as error:
        for finding in getattr(error, "findings", ()):  # an export's findings, one line each
            print(finding, file=sys.stderr)
        print(f"{command}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (made one at the start of main)
        print(f"{command}: stopped", file=sys.stderr)
        return 130
    finally:
        handover.pending_export = None
        if exports is not None:
            exports.abandon()
            shutil.rmtree(staging, ignore_errors=True)  # an online build that did not take site/'s place
        renderer.stop()
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:  # before the build began (while checking): nothing to clean up
        print("stopped", file=sys.stderr)
        raise SystemExit(130) from None
