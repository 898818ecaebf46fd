"""The whole edition as ONE self-contained HTML file: every page of the nav in order, links
between pages rewritten to in-file anchors, the stylesheet inlined, no script and no request.

Each article is re-emitted through the allowlist of sanitize.py (elements, attributes, URLs),
not a list of what to drop, and the file carries a Content-Security-Policy of its own:
`script-src 'none'`, its one stylesheet by hash, images from data: only."""

from __future__ import annotations

import base64
import mimetypes
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.escape import html_attr, html_text
from .builtpages import ExportError, Page, nav_pages, resolve
from .csp import meta as policy_meta
from .csp import single_file_policy
from .paths import OutputError, inside
from .sanitize import Sanitizer

STYLESHEET = Path(__file__).with_name("export.css")
DOWNLOADS = "downloads"  # the folder of the site that offers the exported files


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
        return data_url(site, path)
    if site_url and (not target.endswith(".html") or target.startswith(f"{DOWNLOADS}/")):
        return site_url.rstrip("/") + "/" + target  # e.g. the zip: a download from the site
    raise ExportError(f"{here}: link to {href!r}, which is not a page of the edition")


TEXT_DOWNLOADS = frozenset({".ris", ".bib"})


def data_url(site: Path, path: Path) -> str:
    """A file of the site as a data: URL; ExportError if a link takes it outside the site."""
    try:
        real = inside(site, path)
    except OutputError as err:
        raise ExportError(str(err)) from None
    # RIS and BibTeX are plain text (the download attribute keeps their names); mimetypes knows
    # RIS by no type and BibTeX by one the sanitiser's list of harmless downloads does not name.
    mime = "text/plain" if path.suffix in TEXT_DOWNLOADS else mimetypes.guess_type(path.name)[0]
    return f"data:{mime or 'application/octet-stream'};base64,{base64.b64encode(real.read_bytes()).decode('ascii')}"


def inline_image(src: str, here: str, site: Path) -> str:
    """A data: URL for a local image, so the single file makes no request."""
    if urlsplit(src).scheme in ("http", "https") or src.startswith("//"):
        raise ExportError(f"{here}: external image {src!r}")
    if src.startswith("data:"):
        return src
    return data_url(site, site / resolve(here, src))


class _Rewriter(Sanitizer):
    """Re-emits an article's HTML through the allowlist (sanitize.py), with links between pages
    rewritten to in-file anchors, local images and data files inlined, and ids collected."""

    def __init__(self, here: str, pages: frozenset[str], site: Path, site_url: str | None) -> None:
        super().__init__()
        self.here, self.pages, self.site, self.site_url = here, pages, site, site_url
        self.ids: list[str] = []

    def rewrite(self, tag: str, name: str, value: str) -> list[tuple[str, str]]:
        if name == "href":
            url = rewrite_href(value, self.here, self.pages, self.site, self.site_url)
            if url.startswith("data:"):
                return [("download", Path(urlsplit(value).path).name), (name, url)]
            return [(name, url)]
        if name == "src" and tag == "img":
            return [(name, inline_image(value, self.here, self.site))]
        return [(name, value)]  # `cite`: an address, never fetched; the allowlist checks it

    def on_attribute(self, tag: str, name: str, value: str) -> None:
        if name == "id":
            self.ids.append(value)


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
        f'<li><a href="#{page_anchor(p.name)}">{html_text(page_title(p.title, meta.name))}</a></li>' for p in pages
    )
    css = STYLESHEET.read_text(encoding="utf-8").strip()
    document = TEMPLATE.format(
        policy=policy_meta(single_file_policy(f"\n{css}\n")),
        title=html_text(meta.name),
        description=html_attr(meta.description),
        css=css,
        contents=contents,
        sections="\n".join(sections),
    )
    if dangling := dangling_links(document, set(ids)):
        raise ExportError(f"in-file links without a target: {', '.join(dangling)}")
    return document


def page_title(title: str, site_name: str) -> str:
    """'Praise in the courtroom - Site' -> 'Praise in the courtroom' (the landing page has no prefix)."""
    return title.removesuffix(f" - {site_name}") if title != site_name else "About this edition"


TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
{policy}
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
