"""The edition as an EPUB 3 (dist/secret-history-19.epub), made from the offline build's articles.

One XHTML file per page (navigation order, without "Read offline"), a title page, the navigation
document, one stylesheet and the package document. Its metadata: the original's author (dc:creator,
MARC role aut), the editors (dc:contributor, edt), the machine translation's publisher
(dc:publisher), the version date (dc:date, dcterms:modified), a stable urn:uuid, the original as
dc:source, and accessibility metadata. The `bodymatter` landmark opens the chapter's first page.

The chapter's footnotes are EPUB 3 footnotes: the call an `epub:type="noteref"` link, the note an
`<aside epub:type="footnote">` after the text, so that reading systems show it as a pop-up; a name
is a noteref too, to its card (who is meant, and a link to the full entry under People), since
e-readers show no tooltips. The words meant for screens are kept, and the guard's check runs on
every page before the EPUB's own attributes are added. Ids are the site's: `praise.xhtml#q-…` is
the EPUB twin of `praise.html#q-…`.

Written with zipfile rather than ebooklib 0.20, which stamps every entry with the wall clock (no
reproducible file), re-serialises each chapter through lxml and returns an empty chapter when that
parse fails (`EpubHtml.get_content`: `except Exception: return b""`), and reports a failed write
as a warning and False: three ways to ship a wrong book quietly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from markupsafe import Markup, escape

from ..guard.problem import Allowed
from ..model.html import classes, local, markup
from .bookmeta import BookMeta
from .bookpages import (
    Page,
    Relinker,
    element,
    for_medium,
    mark_editor_headings,
    note_content,
    take_cards,
    take_notes,
)
from .exportcheck import guarded
from .ziparchive import add_entry

STYLESHEET = Path(__file__).with_name("epub.css")
FOLDER = "EPUB"
NAV = "nav.xhtml"
TITLE_PAGE = "titlepage.xhtml"
CSS = "edition.css"
EXPORT = "the EPUB"
OPS = "http://www.idpf.org/2007/ops"


def xhtml_name(page: str) -> str:
    """The EPUB file of a built page: praise.html -> praise.xhtml."""
    return page.removesuffix(".html") + ".xhtml"


def link(page: str, fragment: str) -> str:
    return xhtml_name(page) + (f"#{fragment}" if fragment else "")


def footnotes(page: Page) -> None:
    """The notes list -> one aside per note after the text, numbered as in the chapter; each
    name -> a noteref to its card, an aside after the notes."""
    notes = take_notes(page)
    cards = take_cards(page)
    if not notes and not cards:
        return
    if notes:
        block = ET.SubElement(page.body, "section", {"class": "footnotes", "aria-label": "Notes"})
        block.text = "\n"
        for note in notes:
            note.call.set("role", "doc-noteref")
            aside = ET.SubElement(block, "aside", {"id": note.ident, "class": "footnote", "role": "doc-footnote"})
            aside.tail = "\n"
            content = note_content(note)
            number = element("span", f"{note.number}.", class_="note-number")
            number.tail = " " + (content[0].text or "")
            content[0].text = None
            content[0].insert(0, number)
            back = element(
                "a",
                "↩",
                href=f"#{note.call.get('id', '')}",
                class_="fn-back",
                role="doc-backlink",
                aria_label=f"Back to the quotation (note {note.number})",
            )
            back.tail = None
            content[-1].append(back)
            if len(content[-1]) > 1:
                content[-1][-2].tail = (content[-1][-2].tail or "") + " "
            else:
                content[-1].text = (content[-1].text or "") + " "
            aside.extend(content)
    if cards:
        known: set[str] = set()
        block = ET.SubElement(page.body, "section", {"class": "name-cards", "aria-label": "Who is who on this page"})
        block.text = "\n"
        for card in cards:
            ident = card.get("id", "")
            known.add(ident)
            aside = ET.SubElement(block, "aside", {"id": ident, "class": "name-card"})
            aside.extend(list(card))
            aside.tail = "\n"
        for name in [a for a in page.body.iter() if "person" in classes(a) and local(a.tag) == "a"]:
            target = name.attrib.pop("data-card", "")
            if target in known:
                name.set("href", f"#{target}")


def epub_attributes(root: ET.Element) -> None:
    """The EPUB's own vocabulary, added once the guard has passed the page."""
    for node in root.iter():
        names = classes(node)
        if "fn-ref" in names or ("person" in names and node.get("href", "").startswith("#card-")):
            node.set("epub:type", "noteref")
        elif local(node.tag) == "aside" and names & {"footnote", "name-card"}:
            node.set("epub:type", "footnote")


def document(title: str, body: str, language: str) -> str:
    ops = f' xmlns:epub="{OPS}"' if " epub:type=" in body else ""  # declared where used
    return str(
        Markup(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"{ops} lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n'
            '<title>{title}</title>\n<link rel="stylesheet" type="text/css" href="{css}"/>\n</head>\n<body>\n{body}\n</body>\n</html>\n'
        ).format(ops=Markup(ops), lang=language, title=title, css=CSS, body=Markup(body))
    )


def title_page(meta: BookMeta, first: str) -> str:
    parts = [Markup('<section class="titlepage" epub:type="titlepage" id="titlepage">\n<h1>{}</h1>').format(meta.title)]
    if meta.author:
        parts.append(
            Markup('<p class="author">{}<br/><span class="role">author of the original</span></p>').format(meta.author)
        )
    parts.append(Markup('<p class="statement">{}</p>').format(meta.description))
    parts.append(Markup('<p class="translation">The text: {}.</p>').format(meta.translation))
    parts.append(Markup('<p class="editors">Edited by {}.</p>').format(meta.editors_line))
    parts.append(Markup('<p class="version">Version of {}.</p>').format(meta.version))
    parts.append(Markup('<p class="address">Online: <a href="{0}">{0}</a></p>').format(meta.url))
    if meta.rights:
        parts.append(Markup('<p class="rights">{}</p>').format(meta.rights))
    parts.append(Markup('<p class="start"><a href="{}">Start reading</a></p>\n</section>').format(first))
    return str(Markup("\n").join(parts))


def navigation(pages: list[Page], body_start: str) -> str:
    entries = Markup("\n").join(Markup('<li><a href="{}">{}</a></li>').format(link(p.name, ""), p.title) for p in pages)
    return str(
        Markup(
            '<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>Contents</h1>\n<ol>\n'
            '<li><a href="{title}">Title page</a></li>\n{entries}\n</ol>\n</nav>\n'
            '<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>Landmarks</h2>\n<ol>\n'
            '<li><a epub:type="titlepage" href="{title}">Title page</a></li>\n'
            '<li><a epub:type="toc" href="{nav}#toc">Contents</a></li>\n'
            '<li><a epub:type="bodymatter" href="{start}">Start of the chapter</a></li>\n'
            "</ol>\n</nav>"
        ).format(title=TITLE_PAGE, entries=entries, nav=NAV, start=body_start)
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
        "The text with headings, paragraph numbers, footnotes that link back to their call, cards for the "
        "people named, and a table of contents. QR codes have a text alternative and their address beside them.",
    ),
)


def package(meta: BookMeta, items: list[tuple[str, str, str, str]], spine: list[str]) -> str:
    """package.opf; `items` are (id, href, media type, properties)."""
    e = escape
    metadata = [
        Markup('<dc:identifier id="uid">{}</dc:identifier>').format(meta.identifier),
        Markup("<dc:title>{}</dc:title>").format(meta.title),
        Markup("<dc:language>{}</dc:language>").format(meta.language),
        Markup("<dc:date>{}</dc:date>").format(meta.date.isoformat()),
        Markup('<meta property="dcterms:modified">{}</meta>').format(meta.stamp),
        Markup("<dc:description>{}</dc:description>").format(meta.description),
        Markup("<dc:source>{}</dc:source>").format(meta.original),
    ]
    if meta.publisher:
        metadata.append(Markup("<dc:publisher>{}</dc:publisher>").format(meta.publisher))
    if meta.author:
        metadata += [
            Markup('<dc:creator id="author">{}</dc:creator>').format(meta.author),
            Markup('<meta refines="#author" property="role" scheme="marc:relators">aut</meta>'),
        ]
    for index, editor in enumerate(meta.editors, 1):
        metadata += [
            Markup('<dc:contributor id="editor-{}">{}</dc:contributor>').format(index, editor),
            Markup('<meta refines="#editor-{}" property="role" scheme="marc:relators">edt</meta>').format(index),
        ]
    if meta.rights:
        metadata.append(Markup("<dc:rights>{}</dc:rights>").format(meta.rights))
    metadata += [Markup('<meta property="{}">{}</meta>').format(name, value) for name, value in ACCESSIBILITY]
    manifest = [
        Markup('<item id="{}" href="{}" media-type="{}"{}/>').format(
            i, h, t, Markup(f' properties="{e(p)}"') if p else ""
        )
        for i, h, t, p in items
    ]
    return str(
        Markup(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{lang}">\n'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n{metadata}\n</metadata>\n'
            "<manifest>\n{manifest}\n</manifest>\n<spine>\n{spine}\n</spine>\n</package>\n"
        ).format(
            lang=meta.language,
            metadata=Markup("\n").join(metadata),
            manifest=Markup("\n").join(manifest),
            spine=Markup("\n").join(Markup('<itemref idref="{}"/>').format(i) for i in spine),
        )
    )


CONTAINER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    f'<rootfiles><rootfile full-path="{FOLDER}/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


def epub_files(pages: list[Page], meta: BookMeta, allowed: Allowed, chapter: str) -> dict[str, str]:
    """Every XHTML file of the EPUB under FOLDER, by name, in reading order. `chapter`: the built
    page the chapter starts on (the bodymatter landmark)."""
    relinker = Relinker(pages, meta.url, one_document=False, link=link)
    bodies = []
    for page in pages:
        for_medium(page.body, "screen")
        mark_editor_headings(page.body)
        relinker.relink(page)
        footnotes(page)
        guarded(EXPORT, page, allowed, "ereader")
        epub_attributes(page.body)
        bodies.append(markup(page.body))
    start = link(chapter if any(p.name == chapter for p in pages) else pages[0].name, "")
    files = {TITLE_PAGE: document(meta.title, title_page(meta, start), meta.language)}
    files[NAV] = document("Contents", navigation(pages, start), meta.language)
    for page, body in zip(pages, bodies, strict=True):
        files[xhtml_name(page.name)] = document(page.title, body, meta.language)
    return files


def write_epub(files: dict[str, str], meta: BookMeta, target: Path) -> Path:
    """The EPUB of `files` (epub_files: its XHTML files in reading order)."""
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
