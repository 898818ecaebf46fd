"""What built HTML may contain: an allowlist for the single file, and a check for live markup.

The single file (singlefile.py) re-emits each page's article through `Sanitizer`: only the
elements and attributes listed here survive, every attribute value and every piece of text is
escaped again, and a URL survives only if it is https:, http:, in-page (#id), relative, or a
data: URL of an image or of a downloadable data file. Elements that hold code or fetch
something (script, style, iframe, object, embed, form, SVG animation …) are dropped with their
content; any other element that is not listed is dropped but its text kept.

`live_markup` is the build's check on every page's content before the theme wraps it (the
hook calls it): it names anything that could run or fetch (a script, an iframe, an event
handler, a javascript: URL …), and the build stops. The Content-Security-Policy (csp.py) is
the third line of defence, not the first.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..model.escape import markup_attr
from ..model.findings import Finding
from ..model.textfile import line_col

# Kept, with the attributes below (and GLOBAL_ATTRIBUTES, aria-*).
ELEMENTS: dict[str, frozenset[str]] = {
    name: frozenset(attrs.split())
    for name, attrs in {
        "a": "href download rel",
        "abbr": "",
        "article": "",
        "aside": "",
        "b": "",
        "blockquote": "cite",
        "br": "",
        "caption": "",
        "cite": "",
        "code": "",
        "col": "span",
        "colgroup": "span",
        "dd": "",
        "del": "",
        "details": "open",
        "dfn": "",
        "div": "",
        "dl": "",
        "dt": "",
        "em": "",
        "figcaption": "",
        "figure": "",
        "footer": "",
        "h1": "",
        "h2": "",
        "h3": "",
        "h4": "",
        "h5": "",
        "h6": "",
        "header": "",
        "hr": "",
        "i": "",
        "img": "src alt width height",
        "ins": "",
        "kbd": "",
        "li": "value",
        "mark": "",
        "nav": "",
        "ol": "start reversed type",
        "p": "",
        "pre": "",
        "q": "cite",
        "s": "",
        "samp": "",
        "section": "",
        "small": "",
        "span": "",
        "strong": "",
        "sub": "",
        "summary": "",
        "sup": "",
        "table": "",
        "tbody": "",
        "td": "colspan rowspan headers",
        "tfoot": "",
        "th": "colspan rowspan headers scope abbr",
        "thead": "",
        "time": "datetime",
        "tr": "",
        "u": "",
        "ul": "",
        "var": "",
        "wbr": "",
        # Inline SVG, as segno draws the teachers' QR codes: shapes only.
        "svg": "width height viewbox xmlns fill stroke",
        "g": "transform fill stroke",
        "path": "d fill stroke stroke-width transform",
        "rect": "x y width height fill stroke",
        "title": "",
        "desc": "",
    }.items()
}
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Dropped with everything inside them: they hold code, fetch something, or take input.
DROP_WITH_CONTENT = frozenset(
    """script style template noscript iframe frame frameset object embed applet form button input
    select textarea option link meta base xmp plaintext noembed noframes canvas audio
    video source track math foreignobject animate set animatemotion animatetransform use image""".split()
)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Live in a page's content: the build refuses these outright.
LIVE_ELEMENTS = frozenset(
    """script iframe frame frameset object embed applet form base meta link style foreignobject
    animate set animatemotion animatetransform""".split()
)
SAFE_SCHEMES = ("http", "https")
DOWNLOAD_DATA = re.compile(r"^data:(?:text/csv|application/json|text/plain|application/zip)[;,]", re.IGNORECASE)
IMAGE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)
SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
# What browsers ignore inside a scheme (tab, line feed, carriage return) and at its ends.
URL_NOISE = re.compile(r"[\t\n\r]|^[\x00-\x20]+")


def url_scheme(url: str) -> str:
    """The scheme a browser would see in `url` ('' for a relative address), lower case."""
    match = SCHEME.match(URL_NOISE.sub("", html.unescape(url)))
    return match.group(1).lower() if match else ""


def url_allowed(url: str, *, tag: str, attr: str, download: bool = False) -> bool:
    """May this URL stay in the single file? http(s), relative, and harmless data: URLs only."""
    scheme = url_scheme(url)
    if scheme in ("", *SAFE_SCHEMES):
        return not url.lstrip().startswith("//")  # protocol-relative: a request to another host
    if scheme == "data":
        if tag == "img" and attr == "src":
            return bool(IMAGE_DATA.match(url))
        return tag == "a" and attr == "href" and download and bool(DOWNLOAD_DATA.match(url))
    return False


def attribute_allowed(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name.startswith("aria-") or name in ELEMENTS.get(tag, frozenset())


class Sanitizer(HTMLParser):
    """Re-emits HTML keeping only the allowlist; subclasses may rewrite URLs (`rewrite`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.dropped: list[str] = []  # what was taken out, for tests and messages
        self._drop = 0  # > 0 inside an element of DROP_WITH_CONTENT

    def rewrite(self, tag: str, name: str, value: str) -> list[tuple[str, str]]:
        """The attributes to write for a URL attribute (subclasses rewrite links here; the
        single file also adds `download` to a link that became a data: URL). Every URL returned
        is still checked."""
        return [(name, value)]

    def on_attribute(self, tag: str, name: str, value: str) -> None:
        """Called for every attribute that is kept (the single file collects ids here)."""

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        out = []
        for name, value in attrs:
            if not attribute_allowed(tag, name):
                self.dropped.append(f"<{tag} {name}>")
                continue
            if value is None:
                out.append(name)
                continue
            written = self.rewrite(tag, name, value) if name in URL_ATTRIBUTES else [(name, value)]
            for key, text in written:
                if key in URL_ATTRIBUTES and not url_allowed(
                    text, tag=tag, attr=key, download=any(k == "download" for k, _ in written + attrs)
                ):
                    self.dropped.append(f"<{tag} {key}={text[:40]!r}>")
                    continue
                self.on_attribute(tag, key, text)
                out.append(f'{key}="{markup_attr(text)}"')
        return "".join(" " + a for a in out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_WITH_CONTENT:
            self.dropped.append(f"<{tag}>")
            self._drop += tag not in VOID
        elif self._drop:
            return
        elif tag in ELEMENTS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        else:
            self.dropped.append(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_WITH_CONTENT or self._drop:
            return
        if tag in ELEMENTS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}{'' if tag in VOID else ' /'}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_WITH_CONTENT:
            self._drop = max(0, self._drop - (tag not in VOID))
        elif not self._drop and tag in ELEMENTS and tag not in VOID:
            self.out.append(f"</{tag}>")

    def _text(self, text: str) -> None:
        if not self._drop:
            self.out.append(text)

    # Text passes through as MkDocs wrote it, except that a stray < or > is escaped: the parser
    # has read it as text, so a browser must too.
    def handle_data(self, data: str) -> None:
        self._text(data.replace("<", "&lt;").replace(">", "&gt;"))

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")


class _Live(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.where: list[tuple[str, str]] = []  # for each: the start tag as written, and the value at fault

    def _add(self, what: str, value: str = "") -> None:
        self.found.append(what)
        self.where.append((self.get_starttag_text() or "", value))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LIVE_ELEMENTS:
            self._add(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self._add(f"an event handler ({name}) on <{tag}>", value or "")
            elif name == "srcdoc":
                self._add(f"a srcdoc on <{tag}>", value or "")
            elif name == "style" and value and re.search(r"url\s*\(|expression\s*\(|@import", value, re.IGNORECASE):
                self._add(f"a style attribute that loads something on <{tag}>", value)
            elif value and name in (*URL_ATTRIBUTES, "action", "formaction", "xlink:href", "poster", "data"):
                scheme = url_scheme(value)
                if scheme not in ("", *SAFE_SCHEMES, "data") or (scheme == "data" and tag != "img"):
                    self._add(f"a {scheme}: address in {name} on <{tag}>", value)

    handle_startendtag = handle_starttag


def live_markup(content: str) -> list[str]:
    """Everything in `content` (a page's HTML) that could run a script or load a frame."""
    return _live(content).found


def _live(content: str) -> _Live:
    parser = _Live()
    parser.feed(content)
    parser.close()
    return parser


def live_findings(content: str, shown: str, source: str) -> list[Finding]:
    """`html-live` findings for a page's HTML `content`, made from `source` (its Markdown, as the
    file holds it, shown as `shown`): each at the place in the source that produced it where it
    can be found there (raw HTML is passed through as written; a link's address appears as
    written in its Markdown), else at 1:1."""
    parser = _live(content)
    findings = []
    for what, (tag, value) in zip(parser.found, parser.where, strict=True):
        offset = next((source.find(s) for s in (tag, value) if s and s in source), 0)
        line, col = line_col(source, offset)
        findings.append(
            Finding(shown, line, col, "html-live", f"the page would carry {what}; data and pages are never markup")
        )
    return findings
