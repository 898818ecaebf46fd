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
import signal
import socket
import sys
import traceback
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from ..checker import Result, check
from ..guard.configs import ConfigRefused
from ..model.urls import url_problem
from . import engine as handover
from .build import CONFIG, OFFLINE_CONFIG, OFFLINE_SITE, PROJECT, BuildFailed, build, engine, load_engine
from .downloads import probably_unchanged
from .export import Exported, ExportFailed, Pending, Renderer

DEFAULT_ADDRESS = "127.0.0.1:8000"
# What the exports are made from (for the guess whether the PDFs need rendering at all).
INPUTS = ("docs", "data", "original", "overrides", "tools", "mkdocs.yml", "mkdocs.offline.yml")
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
    process's loaded code and checked input; what it says goes to the same stderr."""

    def __init__(self, make: Callable[[Renderer], Pending]) -> None:
        load_engine()  # once, before the fork: both processes share it
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(read)
                code = self._child(make, write)
            finally:
                os._exit(code)
        os.close(write)
        self.reader = os.fdopen(read, "rb")

    @staticmethod
    def _child(make: Callable[[Renderer], Pending], write: int) -> int:
        renderer = Renderer()
        outcome: tuple[str, object]
        try:
            # Taken back (the online build failed): the PDF workers and the scratch folder go too.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
            outcome = ("made", make(renderer).finish())
        except (BuildFailed, ConfigRefused, ExportFailed) as error:
            outcome = ("failed", str(error))
        except (SystemExit, KeyboardInterrupt):  # taken back, or Ctrl-C (which the parent gets too)
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
        try:
            kind, value = pickle.load(self.reader)
        except EOFError:
            kind, value = "failed", "the offline build stopped"
        self.reader.close()
        os.waitpid(self.pid, 0)
        self.pid = 0
        if kind != "made":
            raise ExportFailed(str(value))
        return list(value)

    def abandon(self) -> None:
        """Stop the child if it still runs."""
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
            self.pid = 0
            self.reader.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("build", "serve", "export"):
        print("usage: python -m tools.publish.command build|serve|export [options]", file=sys.stderr)
        return 64
    command, options = args[0], args[1:]
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
    try:
        if exports is not None:
            # The offline build and its exports in a second process, on the other core, while this one
            # makes the online build; that waits for them only to offer the files.
            handover.pending_export, handover.handover = exports, result
            build(None, CONFIG)
            report(handover.exported)
        else:
            report(offline_and_exports(result, site_url, contact, renderer).finish())
            if command == "serve":
                handover.handover = result
                engine("serve", CONFIG, *options)
    except (BuildFailed, ConfigRefused, ExportFailed) as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 1
    finally:
        if handover.pending_export is not None:
            handover.pending_export.abandon()
            handover.pending_export = None
        if exports is not None:
            exports.abandon()
        renderer.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
