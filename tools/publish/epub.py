"""The edition as an EPUB 3 (dist/secret-history-19.epub), made from the built offline site.

One XHTML file per page of the book (xhtml.book_pages: nav order, without "Read offline"), a
title page, the navigation document, one stylesheet, and the package document with the
metadata (the original's author as dc:creator with a MARC role, the edition as publisher, a
stable urn:uuid, dcterms:modified from bookmeta.source_date) and accessibility metadata.
The quotations' footnotes become EPUB 3 footnotes: the call is an `epub:type="noteref"` link,
the note an `<aside epub:type="footnote">` with its back-link, so reading systems can show them
as pop-ups. Ids are the site's, so `praise.xhtml#q-…` is the EPUB twin of `praise.html#q-…`.

Written with zipfile rather than ebooklib 0.20, which stamps every entry with the wall clock
(no reproducible file), re-serialises each chapter through lxml and returns an empty chapter
when that parse fails (`EpubHtml.get_content`: `except Exception: return b""`), and reports a
failed write as a warning and False: three ways to ship a wrong book quietly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..model.escape import html_attr, html_text
from .bookmeta import BookMeta
from .xhtml import BookPage, book_pages, markup, take_notes
from .ziparchive import add_entry

STYLESHEET = Path(__file__).with_name("epub.css")
FOLDER = "EPUB"
NAV = "nav.xhtml"
TITLE_PAGE = "titlepage.xhtml"
CSS = "edition.css"


def xhtml_name(page: str) -> str:
    """The EPUB file of a built page: praise.html -> praise.xhtml."""
    return page.removesuffix(".html") + ".xhtml"


def link(page: str, fragment: str) -> str:
    return xhtml_name(page) + (f"#{fragment}" if fragment else "")


def footnotes(page: BookPage) -> None:
    """Site footnotes -> EPUB 3 footnotes: noteref links, and one aside per note with its
    number and its back-link, after the text (the site's numbering, per page)."""
    notes = take_notes(page.body, page.name)
    if not notes:
        return
    block = ET.SubElement(page.body, "div", {"class": "footnotes"})
    for note in notes:
        call = note.call.find("a")
        assert call is not None  # take_notes found it
        call.attrib.update({"epub:type": "noteref", "role": "doc-noteref"})
        aside = ET.SubElement(
            block, "aside", {"id": note.ident, "class": "footnote", "epub:type": "footnote", "role": "doc-footnote"}
        )
        aside.extend(note.item)
        first = aside.find("p")
        if first is None:  # a note whose text is not in a paragraph
            first = ET.Element("p")
            aside.insert(0, first)
        number = ET.Element("span", {"class": "note-number"})
        number.text, number.tail, first.text = f"{note.number}.", " " + (first.text or ""), None
        first.insert(0, number)
        for back in aside.iter("a"):
            if "footnote-backref" in back.get("class", "").split():
                back.set("role", "doc-backlink")


def document(title: str, body: str, language: str) -> str:
    lang = html_attr(language)
    ops = ' xmlns:epub="http://www.idpf.org/2007/ops"' if " epub:type=" in body else ""  # declared where used
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"{ops} '
        f'lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n'
        f'<title>{html_text(title)}</title>\n<link rel="stylesheet" type="text/css" href="{CSS}"/>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def title_page(meta: BookMeta) -> str:
    e = html_text
    parts = [f'<section class="titlepage" epub:type="titlepage" id="titlepage">\n<h1>{e(meta.title)}</h1>']
    if meta.author:
        parts.append(f'<p class="author">{e(meta.author)}<br/><span class="role">author of the original</span></p>')
    parts.append(f'<p class="statement">{e(meta.site.description)}</p>')
    if meta.rights:
        parts.append(f'<p class="rights">{e(meta.rights)}</p>')
    if meta.site.url:
        parts.append(f'<p class="address">Online: <a href="{html_attr(meta.site.url)}">{e(meta.site.url)}</a></p>')
    parts.append(f'<p class="modified">This copy: {meta.modified.day} {meta.modified:%B %Y}.</p>\n</section>')
    return "\n".join(parts)


def navigation(pages: list[BookPage]) -> str:
    entries = "\n".join(f'<li><a href="{link(p.name, "")}">{html_text(p.title)}</a></li>' for p in pages)
    return (
        f'<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>Contents</h1>\n<ol>\n'
        f'<li><a href="{TITLE_PAGE}">Title page</a></li>\n{entries}\n</ol>\n</nav>\n'
        '<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>Landmarks</h2>\n<ol>\n'
        f'<li><a epub:type="toc" href="{NAV}#toc">Contents</a></li>\n'
        f'<li><a epub:type="bodymatter" href="{link(pages[0].name, "")}">{html_text(pages[0].title)}</a></li>\n'
        "</ol>\n</nav>"
    )


# The reading systems' view of the book: textual, with a navigable structure. The QR codes are
# images with a text alternative, and the address they encode is printed beside each.
ACCESSIBILITY = (
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityHazard", "none"),
    (
        "schema:accessibilitySummary",
        "The text with headings, paragraph numbers, footnotes that link back to their call, and a "
        "table of contents. QR codes have a text alternative and their address beside them.",
    ),
)


def package(meta: BookMeta, items: list[tuple[str, str, str, str]], spine: list[str]) -> str:
    """package.opf; `items` are (id, href, media type, properties)."""
    e = html_text
    metadata = [
        f'<dc:identifier id="uid">{e(meta.identifier)}</dc:identifier>',
        f"<dc:title>{e(meta.title)}</dc:title>",
        f"<dc:language>{e(meta.language)}</dc:language>",
        f'<meta property="dcterms:modified">{meta.stamp}</meta>',
        f"<dc:publisher>{e(meta.publisher)}</dc:publisher>",
        f"<dc:description>{e(meta.site.description)}</dc:description>",
    ]
    if meta.author:
        metadata += [
            f'<dc:creator id="author">{e(meta.author)}</dc:creator>',
            '<meta refines="#author" property="role" scheme="marc:relators">aut</meta>',
        ]
    if meta.editors:
        metadata += [
            f'<dc:contributor id="editors">{e(meta.editors)}</dc:contributor>',
            '<meta refines="#editors" property="role" scheme="marc:relators">edt</meta>',
        ]
    if meta.original:
        metadata.append(f"<dc:source>{e(meta.original)}</dc:source>")
    if meta.rights:
        metadata.append(f"<dc:rights>{e(meta.rights)}</dc:rights>")
    metadata += [f'<meta property="{name}">{e(value)}</meta>' for name, value in ACCESSIBILITY]
    manifest = [
        f'<item id="{i}" href="{html_attr(h)}" media-type="{t}"' + (f' properties="{p}"' if p else "") + "/>"
        for i, h, t, p in items
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{html_attr(meta.language)}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + "\n".join(metadata)
        + "\n</metadata>\n<manifest>\n"
        + "\n".join(manifest)
        + "\n</manifest>\n<spine>\n"
        + "\n".join(f'<itemref idref="{i}"/>' for i in spine)
        + "\n</spine>\n</package>\n"
    )


CONTAINER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    f'<rootfiles><rootfile full-path="{FOLDER}/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


def epub_files(site: Path, meta: BookMeta) -> dict[str, str]:
    """Every file of the EPUB under FOLDER, by name, in reading order."""
    pages = book_pages(site, meta.site, link)
    for page in pages:
        footnotes(page)
    files = {TITLE_PAGE: document(meta.title, title_page(meta), meta.language)}
    files[NAV] = document("Contents", navigation(pages), meta.language)
    for page in pages:
        files[xhtml_name(page.name)] = document(page.title, markup(page.body), meta.language)
    return files


def write_epub(site: Path, meta: BookMeta, target: Path) -> Path:
    files = epub_files(site, meta)
    items = [("css", CSS, "text/css", "")]
    spine = []
    for name, text in files.items():
        ident = "nav" if name == NAV else "page-" + name.removesuffix(".xhtml")
        props = " ".join(p for p, on in (("nav", name == NAV), ("svg", "<svg" in text)) if on)
        items.append((ident, name, "application/xhtml+xml", props))
        spine.append(ident)
    with zipfile.ZipFile(target, "w") as zf:
        add_entry(zf, "mimetype", "application/epub+zip", stored=True)  # first, uncompressed
        add_entry(zf, "META-INF/container.xml", CONTAINER)
        add_entry(zf, f"{FOLDER}/package.opf", package(meta, items, spine))
        add_entry(zf, f"{FOLDER}/{CSS}", STYLESHEET.read_text(encoding="utf-8"))
        for name, text in files.items():
            add_entry(zf, f"{FOLDER}/{name}", text)
    return target
