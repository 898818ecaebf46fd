"""The names the site, the citations and the exports give things, which editorial input must not take.

- A citation of the edition names an item by one key (tools/site/citation.py, the CSL-JSON items and
  the cite/ downloads): the edition itself (`edition`), each chapter page by its name (`praise`), each
  paragraph and each quotation by its id; the JSON-LD graph (tools/site/metadata.py) names the edition,
  the book, the translation and the author at the site's address (`…/#author`). These keys are one
  namespace: a chapter page named after a paragraph (`p-campaign-in-the-west.md`) makes two items
  of one key.
- Some pages have a role the site's code gives them by name: the landing page, "Read offline" (the
  navigation, mkdocs.yml), the theme's 404 page, and the pages made from the source list
  (tools/model/kindpages.py). A chapter page never takes one of those names.
- An editors' page is one document with every other page in the single file and the EPUB's
  navigation: an id it writes must not be one the build gives the chapter or the source list's
  entries, or the export renames both and a chapter paragraph loses its id.
"""

from __future__ import annotations

# The citation layer's own keys: the edition's CSL item, and the JSON-LD nodes at the site's address.
CITATION_IDS = ("edition", "original", "machine-translation", "author")
# Pages the navigation (mkdocs.yml, code) names with an editors' role, and the theme's 404 page.
EDITORS_ROLE_PAGES = ("index.md", "offline.md")
THEME_PAGES = ("404.md",)
# Prefixes of the ids the build gives elements (tools/site/chapter.py, apparatus.py, prepare.py) and
# the one-document exports give pages (tools/publish/bookpages.py page_anchor).
BUILT_ID_PREFIXES = (
    *("fn:", "fnref:", "card-", "speaker-", "trial-", "kind-", "status-", "page-"),
    *("cite-", "list-", "teach-"),  # a citation box, a quotation's row, a teacher's section
    "pop-",  # a note's pop-up in the single file (tools/publish/singlefile.py)
)
# The ids the site gives the sections of the pages it makes (tools/site/: apparatus.py, chapter.py,
# citemarkup.py, downloads.py, sourcespage.py, teachers.py); each made page's title has its name.
# tests/site/test_prepare.py holds every id on a made page to these, the prefixes, and the input's.
GENERATED_IDS = (
    *("by-speaker", "by-trial", "timeline", "meetings-abroad"),  # the quotations' and the trials' pages
    *("notes", "notes-title", "cite-this-page", "cite-this-page-title"),  # a chapter page's notes and box
    *("kinds", "copies", "denylist", "for-teachers", "handouts", "sections", "teach-quotations"),
)


def cited_key(page: str) -> str:
    """The key a citation gives a chapter page: praise.md -> praise."""
    return page.removesuffix(".md")
