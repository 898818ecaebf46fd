"""The edition's one URL policy: which addresses the source list may hold, and which a built page
may link to or load. Addresses are read the way a browser reads them (the WHATWG URL standard's
preprocessing: leading and trailing C0 controls and spaces dropped, tabs and line breaks removed
anywhere), so `java&#9;script:` is recognised as `javascript:` once the HTML parser has decoded it.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import unquote, urlsplit

import re2
from publicsuffixlist import PublicSuffixList

WEB_SCHEMES = ("https", "http")
SCHEME = re2.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
REMOVED = re2.compile(r"[\t\n\r]")
UNSAFE_CHAR = re2.compile(r"[\x{0}-\x{20}\x{7f}-\x{9f}\p{Cf}\p{Z}\\<>\"'`]")


def as_browser_reads(value: str) -> str:
    return str(REMOVED.sub("", value.strip(C0_OR_SPACE)))


def scheme_of(value: str) -> str | None:
    """The scheme a browser would see (lower case), or None for a relative address."""
    match = SCHEME.search(as_browser_reads(value))
    return match.group(1).lower() if match else None


def url_problem(value: str, *, relative: bool = True) -> str | None:
    """Why `value` may not be an address of the edition, or None if it may.

    Allowed: `https:` and `http:` addresses with a host (no user name or password, no trailing
    dot); with `relative`, also an address relative to the page (`sources.html#orlov-1953`). Never:
    another scheme (`javascript:`, `data:`, `file:` …), `//host`, a leading `/` (it leaves the site
    from file://), a backslash, white space, quotes or angle brackets, invisible characters."""
    if not value:
        return "is empty"
    if UNSAFE_CHAR.search(value):
        return "contains white space, a quote, an angle bracket, a backslash or an invisible character"
    scheme = scheme_of(value)
    if scheme is None:
        if not relative:
            return "is not a full https: address"
        if value.startswith("/"):
            return "starts with '/'; write an address relative to the page, or a full https: address"
        return None
    if scheme not in WEB_SCHEMES:
        return f"uses the scheme '{scheme}:'; only https: and http: addresses are allowed"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as err:
        return f"is not a valid address ({err})"
    if not parts.hostname:
        return "has no host"
    if not parts.hostname.isascii():
        # A browser maps a host's letters (ｐｄｆ → pdf, NFKC and IDNA) before it asks for it; the
        # domain lists compare hosts as written, so a host is written as the browser sends it.
        return f"has a host in letters other than ASCII ('{parts.hostname}'): write it as a browser sends it (xn--…)"
    if "@" in parts.netloc:
        return "carries a user name or password before the host"
    if parts.hostname.endswith(".") or port == 0:
        return f"has a malformed host '{parts.netloc}'"
    if {".", ".."} & set(unquote(parts.path).lower().replace("%2e", ".").split("/")):
        # A browser resolves them (%2e too) before it asks: https://host/history/../../x is not under
        # /history/, though it starts so; whoever compares prefixes would be misled.
        return "has a '.' or '..' segment in its path: write the address it leads to"
    return None


def host_of(value: str) -> str:
    return (urlsplit(value).hostname or "").lower()


def on_domain(host: str, domain: str) -> bool:
    """`host` is `domain` or one of its subdomains."""
    domain = domain.lower().strip(".")
    return host == domain or host.endswith("." + domain)


@functools.cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list the package ships: no network


def site_of(host: str) -> str:
    """The registrable domain `host` is on, by the Public Suffix List (en.wikipedia.org and
    de.m.wikipedia.org: wikipedia.org; en.wikipedia.org.example.com: example.com); the host itself
    when it has none (an IP address, localhost)."""
    return str(_suffixes().privatesuffix(host.strip(".")) or host)


def site_path(href: str, page: str) -> str | None:
    """The site-relative path a relative `href` on `page` points to ('' for the page itself), or
    None if it climbs out of the site. Percent-escapes are decoded first, as a file server would."""
    path = unquote(urlsplit(href).path)
    if not path:
        return page
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined
