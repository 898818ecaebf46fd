"""The edition's one URL policy: which addresses the source list may hold, and which a built page
may link to or load. Addresses are read the way a browser reads them (the WHATWG URL standard's
preprocessing: leading and trailing C0 controls and spaces dropped, tabs and line breaks removed
anywhere), so `java&#9;script:` is recognised as `javascript:` once the HTML parser has decoded it.
"""

from __future__ import annotations

import functools
import posixpath
import unicodedata
from urllib.parse import parse_qsl, unquote, urlsplit

import re2
from publicsuffixlist import PublicSuffixList

from .quotes import mark_class

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
    if mark_class().search(value):  # printed beside its link on paper, it would quote what nothing reads
        return "contains a quotation mark: write it percent-encoded"
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
    if "%" in parts.hostname:
        # A browser decodes it (de%2Emetapedia%2Eorg is de.metapedia.org): the lists would not see it.
        return f"has a percent-escape in its host ('{parts.hostname}'): write the host as a browser sends it"
    if parts.hostname.endswith(".") or port == 0:
        return f"has a malformed host '{parts.netloc}'"
    if {".", ".."} & set(unquote(parts.path).lower().replace("%2e", ".").split("/")):
        # A browser resolves them (%2e too) before it asks: https://host/history/../../x is not under
        # /history/, though it starts so; whoever compares prefixes would be misled.
        return "has a '.' or '..' segment in its path: write the address it leads to"
    return None


def host_of(value: str) -> str:
    return (urlsplit(value).hostname or "").lower()


# A source's host is a name in the DNS: dotted labels, the last a top-level domain (letters, or xn--).
# Never an address by number, which a browser reads in forms no list compares (0x7f.1 is 127.0.0.1),
# nor an empty label (https://.de/). (Not asked of every address: `serve` is at 127.0.0.1.)
NAMED_HOST = re2.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def named_host_problem(value: str) -> str | None:
    """Why a full address url_problem allows is not on a host named as the DNS names it, or None."""
    if NAMED_HOST.match(host := host_of(value)):
        return None
    return f"has the host '{host}': a host is a dotted name such as archive.org, never a number"


# Where an address's own host ends: what follows is the path, query and fragment it may carry others in.
OWN_AUTHORITY = re2.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[/\\]*([^/\\?#]*)")
# An address within another: `https://host` (an archive's path, a redirector's `?q=`), and a search
# engine's `cache:host/path` (with or without a cache id before the host). The host ends where a
# query's next parameter or a search's next word would begin.
ADDRESS_WITHIN = re2.compile(r"(?i)(?:https?:[/\\]*|cache:(?:[a-z0-9_-]+:)?)([^/\\?#&+,;\s]*)")
TRANSLATE_PROXY = ".translate.goog"
# A dotted name whose last label is a word, as a host is written (IDNA reads 。．｡ as dots).
NAME_LIKE = re2.compile(r"(?i)(?:^|[^a-z0-9.-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9])")
IDEOGRAPHIC_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
IGNORED_IN_HOSTS = re2.compile(r"[\p{Cf}\x{34f}\x{180b}-\x{180d}\x{fe00}-\x{fe0f}]")  # IDNA maps them to nothing
HEX = frozenset(b"0123456789abcdefABCDEF")


@functools.lru_cache(maxsize=1 << 12)  # the same addresses on every check
def hosts_within(url: str) -> tuple[str, ...]:
    """The hosts of every address `url` stands for, other than its own host: an archive's copy of a
    page (web.archive.org/web/2019/https://…, archive.ph/o/…/https://…), a redirector's target
    (?q=, ?url=, ?u=), a search engine's cached copy (cache:host/path), a page through Google's
    translating proxy (de-metapedia-org.translate.goog is de.metapedia.org), nested in any depth of
    percent-escapes. Hosts, not addresses: the policy is by host, and a suffix of the address for each
    would cost the square of its length. Linear in the length of `url`; never raises."""
    own = OWN_AUTHORITY.match(url)
    tail = url[own.end() :] if own else url
    found = [*_translated(_host_in(own.group(1)))[1:]] if own else []
    # as a browser's host parser maps it (IDNA): compatibility forms folded (ｍｅｔａ is meta), the
    # characters it maps to nothing (a soft hyphen, a zero-width space) dropped, its dots made dots
    decoded = unicodedata.normalize("NFKC", _percent_decoded_fully(tail)).translate(IDEOGRAPHIC_DOTS)
    decoded = IGNORED_IN_HOSTS.sub("", decoded)
    for match in ADDRESS_WITHIN.finditer(decoded):
        found += _translated(_host_in(match.group(1)))
    # and every name in it that a service may read as a host, with no scheme before it
    # (web.archive.org/web/2019/de.metapedia.org/…, ?u=de.metapedia.org/…): one that ends in a
    # public suffix, as a host does (a file's name, letter.htm, does not)
    for match in NAME_LIKE.finditer(decoded):
        name = match.group(1).lower()
        if _suffixes().publicsuffix(name, accept_unknown=False) is not None:
            found += _translated(name)
    return tuple(host for host in dict.fromkeys(found) if host)


def _percent_decoded_fully(text: str) -> str:
    """`text` decoded as often as it holds a percent-escape (%2568 is %68 is h), in one pass: an escape
    is decoded as soon as its last character is read, so that what it decodes to may end another."""
    out = bytearray()
    for byte in text.encode("utf-8", "replace"):
        out.append(byte)
        while len(out) >= 3 and out[-3] == 0x25 and out[-2] in HEX and out[-1] in HEX:
            value = int(out[-2:].decode("ascii"), 16)
            del out[-3:]
            out.append(value)
    return out.decode("utf-8", "replace")


def _host_in(authority: str) -> str:
    """The host of an address's authority (user@host:port), as the domain lists compare it."""
    host = authority.rpartition("@")[2]
    host = host[: host.find("]") + 1] if host.startswith("[") else host.partition(":")[0]
    return host.strip(".").lower()


def _translated(host: str) -> list[str]:
    """`host`, and the host it stands for through Google's translating proxy, which writes a host's
    dots as '-' and its '-' as '--' (my--site-org.translate.goog is my-site.org), however often."""
    hosts = [host]
    while host.endswith(TRANSLATE_PROXY) and len(host) > len(TRANSLATE_PROXY):
        label = host[: -len(TRANSLATE_PROXY)]
        host = "-".join(part.replace("-", ".") for part in label.split("--")).strip(".")
        hosts.append(host)
    return hosts


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


# What a mail link may set besides its one address: a report's subject and its text. Not `to`, `cc`
# or `bcc`, which add an address the reader may not see.
MAIL_FIELDS = frozenset({"subject", "body"})


def writes_to(href: str, contact: str | None) -> bool:
    """Does a mail link write to the edition's contact alone? Its address, decoded, is the contact's
    whole (not a prefix: `…org.attacker.example`, `…org,copy@…`), and it sets only MAIL_FIELDS."""
    if contact is None:
        return False
    address, _, query = href.partition(":")[2].partition("?")
    fields = {name.casefold() for name, _ in parse_qsl(query, keep_blank_values=True)}
    return unquote(address) == unquote(contact.partition(":")[2].partition("?")[0]) and fields <= MAIL_FIELDS
