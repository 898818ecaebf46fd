"""`./edition build` and `./edition serve`: export the offline files, then run the engine
(ProperDocs, tools/publish/build.py) on mkdocs.yml.

    python -m tools.publish.command build [build options]
    python -m tools.publish.command serve [serve options]

The offline files come first, so that the "Read offline" page's downloads exist in the site.
`--help` goes straight to the engine (nothing is exported), and a port already in use is one
line, not a traceback.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from collections.abc import Sequence

from .build import CONFIG, ENGINE, PROJECT, build_env

DEFAULT_ADDRESS = "127.0.0.1:8000"  # the engine's own default for serve


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
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, int(port)))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"{host}:{port} is already in use (another server?); stop it, or pass -a {host}:{int(port) + 1}"
            return f"cannot listen on {host}:{port}: {error.strerror or error}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("build", "serve"):
        print("usage: python -m tools.publish.command build|serve [options]", file=sys.stderr)
        return 64
    command, options = args[0], args[1:]
    asks_help = "-h" in options or "--help" in options
    engine = [sys.executable, "-m", ENGINE, command, *([] if asks_help else ["--strict", "-f", CONFIG]), *options]
    os.chdir(PROJECT)
    if asks_help:
        os.execve(sys.executable, engine, build_env())
    if command == "serve" and (problem := port_problem(dev_address(options))):
        print(f"serve: {problem}", file=sys.stderr)
        return 1
    exported = subprocess.run(
        [sys.executable, "-m", "tools.publish.export"], env=build_env(), stdout=subprocess.DEVNULL
    )
    if exported.returncode != 0:
        print(f"{command}: the offline export failed (see above); nothing was built", file=sys.stderr)
        return exported.returncode
    os.execve(sys.executable, engine, build_env())


if __name__ == "__main__":
    raise SystemExit(main())
