"""The offline edition: `python -m tools.export` (`./edition export`).

Builds the site with mkdocs.offline.yml and writes two files into dist/:

- secret-history-19-offline.zip: the whole offline site under one top folder, reproducible
  (sorted entries, fixed timestamps and permissions), to unzip and open index.html from file://.
- secret-history-19.html: the whole edition as ONE self-contained file (no script, no request):
  every page of the nav in order, with links between pages rewritten to in-file anchors.

The HTML is read with the stdlib html.parser: MkDocs' output is regular, and we only need to
cut out each page's <article>, rewrite a few attributes and collect ids.
"""

from __future__ import annotations

import argparse
import base64
import html
import mimetypes
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = "mkdocs.offline.yml"
NAME = "secret-history-19"
ZIP_NAME = f"{NAME}-offline.zip"
HTML_NAME = f"{NAME}.html"
STYLESHEET = Path(__file__).with_name("export.css")
DOWNLOADS = "downloads"  # the folder of the site that offers the exported files

# 1980-01-01, the earliest time a zip entry can hold: identical bytes on every export.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Meaningless from file:// and, in the .gz, stamped with the build time.
ZIP_SKIP = frozenset({"sitemap.xml", "sitemap.xml.gz"})

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements that do nothing (or need JavaScript) in a static single file.
DROP = frozenset({"script", "style", "link", "button", "template", "noscript"})


class ExportError(Exception):
    """The export would be broken (duplicate id, dangling link, external asset): stop."""


# --------------------------------------------------------------------------- build


def build(site_dir: Path, project: Path = PROJECT) -> Path:
    """Build the offline site with --strict (the privacy plugin fails it on any external asset)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Fixes the only build-time stamps MkDocs writes, so two exports of one tree are identical.
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", CONFIG, "-d", str(site_dir)]
    subprocess.run(cmd, cwd=project, env=env, check=True)
    return site_dir


# ----------------------------------------------------------------------------- zip


def zip_members(site: Path) -> list[Path]:
    """Every file to ship, sorted by its POSIX path so the archive order never varies."""
    files = (p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() not in ZIP_SKIP)
    return sorted(files, key=lambda p: p.relative_to(site).as_posix())


def write_zip(site: Path, target: Path, top: str) -> Path:
    """A reproducible zip: fixed time, mode and OS in every entry, entries in sorted order."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in zip_members(site):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever the export runs
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return target


# ------------------------------------------------------------------ page structure


@dataclass(frozen=True)
class Page:
    name: str  # "praise.html", relative to the site root
    title: str
    article: str  # the inner HTML of <article class="md-content__inner">, as built
    next: str | None  # href of <link rel="next">, i.e. the next page in nav order


class _PageReader(HTMLParser):
    """Collects the <title>, the rel=next link and the raw inner HTML of the content article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # keep the source text exactly as built
        self.title = ""
        self.next: str | None = None
        self._in_title = False
        self._depth = 0  # >0 while inside the article (counts nested <article>s)
        self._start: int | None = None
        self.span: tuple[tuple[int, int], tuple[int, int]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "link" and a.get("rel") == "next":
            self.next = a.get("href")
        elif tag == "article":
            if self._depth == 0 and "md-content__inner" in (a.get("class") or "").split():
                self._start = self.getpos_end()
                self._depth = 1
            elif self._depth:
                self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "article" and self._depth:
            self._depth -= 1
            if self._depth == 0 and self._start is not None:
                self.span = (self._start, self.getpos())

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def getpos_end(self) -> tuple[int, int]:
        """Position just after the start tag being handled."""
        line, col = self.getpos()
        text = self.get_starttag_text() or ""
        lines = text.split("\n")
        return (line + len(lines) - 1, (col if len(lines) == 1 else 0) + len(lines[-1]))


def _offset(text: str, pos: tuple[int, int]) -> int:
    line, col = pos
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts[line - 1] + col


def read_page(site: Path, name: str) -> Page:
    text = (site / name).read_text(encoding="utf-8")
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    if reader.span is None:
        raise ExportError(f"{name}: no <article class=md-content__inner> found")
    start, end = (_offset(text, p) for p in reader.span)
    title = html.unescape(reader.title).strip()
    return Page(name, title, text[start:end], reader.next)


def nav_pages(site: Path, first: str = "index.html") -> list[Page]:
    """The pages in nav order, following each page's <link rel="next"> from the landing page."""
    pages: list[Page] = []
    name: str | None = first
    while name is not None:
        if any(p.name == name for p in pages):
            raise ExportError(f"the rel=next chain loops back to {name}")
        page = read_page(site, name)
        pages.append(page)
        name = _resolve(page.name, page.next) if page.next else None
    return pages


def _resolve(base: str, href: str) -> str:
    """A site-relative path for a relative href on page `base` (all pages sit in one tree)."""
    parts = base.split("/")[:-1]
    for seg in unquote(urlsplit(href).path).split("/"):
        if seg == "..":
            parts = parts[:-1]
        elif seg not in ("", "."):
            parts.append(seg)
    return "/".join(parts)


# ----------------------------------------------------------------- the single file


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
    target = _resolve(here, href)
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
    return data_url(site / _resolve(here, src))


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
    seen: set[str] = set()
    return sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]


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
        f'<li><a href="#{page_anchor(p.name)}">{html.escape(_page_title(p.title, meta.name))}</a></li>'
        for p in pages
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


# ---------------------------------------------------------------------------- main


@dataclass(frozen=True)
class SiteMeta:
    name: str
    description: str
    url: str | None  # site_url: where the online edition (and its downloads) live


def site_meta(project: Path = PROJECT) -> SiteMeta:
    """site_name, site_description and site_url from mkdocs.yml, without loading MkDocs' plugins."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        """MkDocs' !ENV [NAME, …, default]: the first variable set, else the default."""
        *names, default = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [
            loader.construct_scalar(node), None]  # type: ignore[arg-type]
        return next((os.environ[n] for n in names if n in os.environ), default)

    _Loader.add_constructor("!ENV", env)
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # other tags don't matter here
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    description = " ".join(str(config.get("site_description", "")).split())
    return SiteMeta(str(config["site_name"]), description, config.get("site_url") or None)


def publish_downloads(site_dir: Path, dist: Path = PROJECT / "dist") -> list[Path]:
    """Copy the exported files into <site>/downloads/, where docs/offline.md links to them.

    For the hook's on_post_build of the *online* build only (never the offline one, or the
    zip would swallow the previous zip). Missing files are skipped: run the export first."""
    copied = []
    for name in (ZIP_NAME, HTML_NAME):
        if (dist / name).is_file():
            (site_dir / DOWNLOADS).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(dist / name, site_dir / DOWNLOADS / name)
            copied.append(site_dir / DOWNLOADS / name)
    return copied


def export(dist: Path, site_dir: Path, project: Path = PROJECT, *, skip_build: bool = False) -> tuple[Path, Path]:
    if not skip_build:
        build(site_dir, project)
    dist.mkdir(parents=True, exist_ok=True)
    html_path = dist / HTML_NAME
    html_path.write_text(single_file(site_dir, site_meta(project)), encoding="utf-8")
    # The zip carries the single file too, so "One HTML file" on offline.html works offline.
    (site_dir / DOWNLOADS).mkdir(exist_ok=True)
    shutil.copyfile(html_path, site_dir / DOWNLOADS / HTML_NAME)
    zip_path = write_zip(site_dir, dist / ZIP_NAME, f"{NAME}-offline")
    return zip_path, html_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.export", description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=PROJECT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "build" / "offline", help="offline build folder")
    parser.add_argument("--skip-build", action="store_true", help="reuse an existing offline build")
    args = parser.parse_args(argv)
    try:
        paths = export(args.dist, args.site_dir, skip_build=args.skip_build)
    except (ExportError, subprocess.CalledProcessError) as error:
        print(f"export failed: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{path.stat().st_size / 1024:8.1f} KiB  {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
