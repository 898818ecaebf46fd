"""The whole edition as ONE self-contained HTML file: every page of the nav in order, links
between pages rewritten to in-file anchors, the stylesheet inlined, no script and no request."""

from __future__ import annotations

import base64
import html
import mimetypes
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .builtpages import ExportError, Page, nav_pages, resolve

STYLESHEET = Path(__file__).with_name("export.css")
DOWNLOADS = "downloads"  # the folder of the site that offers the exported files
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements that do nothing (or need JavaScript) in a static single file.
DROP = frozenset({"script", "style", "link", "button", "template", "noscript"})


@dataclass(frozen=True)
class SiteMeta:
    name: str
    description: str
    url: str | None  # site_url: where the online edition (and its downloads) live


def page_anchor(name: str) -> str:
    """The id of a page's section in the single file: index.html -> page-index."""
    return "page-" + name.removesuffix(".html").replace("/", "-")


# A data file the pages offer for download (quotations.csv) is embedded up to this size.
MAX_EMBEDDED_DOWNLOAD = 256 * 1024


def rewrite_href(href: str, here: str, pages: frozenset[str], site: Path, site_url: str | None = None) -> str:
    """Links between pages become in-file anchors, a linked data file a data: URL (a download,
    not a request), a larger file (the zip) its online address; external links stay as they
    are; a link to anything else fails."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return href  # http(s):, mailto: … — a link, never a request
    if not parts.path:
        return href  # "#id" on the same page: ids are unique across the file
    target = resolve(here, href)
    if target in pages:
        return "#" + (parts.fragment or page_anchor(target))
    path = site / target
    if not target.endswith(".html") and path.is_file() and path.stat().st_size <= MAX_EMBEDDED_DOWNLOAD:
        return data_url(path)
    if site_url and (not target.endswith(".html") or target.startswith(f"{DOWNLOADS}/")):
        return site_url.rstrip("/") + "/" + target  # e.g. the zip: a download from the site
    raise ExportError(f"{here}: link to {href!r}, which is not a page of the edition")


def data_url(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_image(src: str, here: str, site: Path) -> str:
    """A data: URL for a local image, so the single file makes no request."""
    if urlsplit(src).scheme in ("http", "https") or src.startswith("//"):
        raise ExportError(f"{here}: external image {src!r}")
    if src.startswith("data:"):
        return src
    return data_url(site / resolve(here, src))


class _Rewriter(HTMLParser):
    """Re-emits an article's HTML with links rewritten, scripts and buttons dropped, ids collected."""

    def __init__(self, here: str, pages: frozenset[str], site: Path, site_url: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.here, self.pages, self.site, self.site_url = here, pages, site, site_url
        self.out: list[str] = []
        self.ids: list[str] = []
        self._drop = 0  # >0 inside an element of DROP

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        out = []
        for key, value in attrs:
            if key.startswith("on"):
                continue  # no inline handlers: the file runs no script
            if value is not None:
                if key == "id":
                    self.ids.append(value)
                elif key == "href":
                    value = rewrite_href(value, self.here, self.pages, self.site, self.site_url)
                    if value.startswith("data:"):
                        out.append(f'download="{html.escape(Path(urlsplit(dict(attrs)["href"] or "").path).name)}"')
                elif key == "src" and tag == "img":
                    value = inline_image(value, self.here, self.site)
                elif key in ("src", "srcset", "poster", "data"):
                    raise ExportError(f"{self.here}: <{tag} {key}={value!r}> would be a request")
            out.append(key if value is None else f'{key}="{html.escape(value)}"')
        return "".join(" " + a for a in out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP:
            self._drop += tag not in VOID
        elif not self._drop:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in DROP and not self._drop:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}{'' if tag in VOID else ' /'}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP:
            self._drop = max(0, self._drop - (tag not in VOID))
        elif not self._drop:
            self.out.append(f"</{tag}>")

    def _text(self, text: str) -> None:
        if not self._drop:
            self.out.append(text)

    # Text and references pass through exactly as MkDocs wrote them.
    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")


def page_section(page: Page, pages: frozenset[str], site: Path, site_url: str | None) -> tuple[str, list[str]]:
    """One page as a <section> of the single file, and every id it defines."""
    rewriter = _Rewriter(page.name, pages, site, site_url)
    rewriter.feed(page.article)
    rewriter.close()
    anchor = page_anchor(page.name)
    body = "".join(rewriter.out).strip()
    return f'<section class="page" id="{anchor}">\n{body}\n</section>', [anchor, *rewriter.ids]


def duplicates(ids: Iterable[str]) -> list[str]:
    counts = Counter(ids)
    return sorted(i for i, n in counts.items() if n > 1)


def dangling_links(document: str, ids: set[str]) -> list[str]:
    """In-file links whose target id does not exist (checked on the finished file)."""
    return sorted({h for h in _hrefs(document) if h.startswith("#") and unquote(h[1:]) not in ids})


def _hrefs(document: str) -> Iterator[str]:
    hrefs: list[str] = []

    class _Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            hrefs.extend(v for k, v in attrs if k == "href" and v is not None)

    _Links().feed(document)
    yield from hrefs


def single_file(site: Path, meta: SiteMeta) -> str:
    """The whole edition as one HTML document with an inlined stylesheet and no script."""
    pages = nav_pages(site)
    names = frozenset(p.name for p in pages)
    sections, ids = [], []
    for page in pages:
        section, page_ids = page_section(page, names, site, meta.url)
        sections.append(section)
        ids.extend(page_ids)
    if dup := duplicates(ids):
        raise ExportError(f"ids used more than once across pages (links would break): {', '.join(dup)}")
    contents = "\n".join(
        f'<li><a href="#{page_anchor(p.name)}">{html.escape(_page_title(p.title, meta.name))}</a></li>' for p in pages
    )
    document = TEMPLATE.format(
        title=html.escape(meta.name),
        description=html.escape(meta.description, quote=True),
        css=STYLESHEET.read_text(encoding="utf-8").strip(),
        contents=contents,
        sections="\n".join(sections),
    )
    if dangling := dangling_links(document, set(ids)):
        raise ExportError(f"in-file links without a target: {', '.join(dangling)}")
    return document


def _page_title(title: str, site_name: str) -> str:
    """'Praise in the courtroom - Site' -> 'Praise in the courtroom' (the landing page has no prefix)."""
    return title.removesuffix(f" - {site_name}") if title != site_name else "About this edition"


TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="description" content="{description}">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
{css}
</style>
</head>
<body>
<header class="edition-header">
<p class="edition-name">{title}</p>
<nav aria-label="Contents"><ol class="edition-contents">
{contents}
</ol></nav>
</header>
<main>
{sections}
</main>
</body>
</html>
"""
