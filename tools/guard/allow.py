"""What a built page may hold: the allowlist the output guard holds every page to.

Nothing here lists what is bad. A page's content (its <article>) may hold only these elements,
attributes and classes; every address is read as a browser reads it (tools/model/urls.py) and must
be one of the kinds allowed where it stands; anything else is refused. The editors' own pages
(Markdown that editors write) get the smallest set: text structure, links, and a few classes.
"""

from __future__ import annotations

import re2

from ..model.values import STATUSES

# Content the edition's own renderers make (chapter pages, the apparatus, the teachers' page).
GENERATED_ELEMENTS = frozenset(
    "a abbr aside b blockquote br button cite code dd div dl dt em h1 h2 h3 h4 h5 h6 hr i li nav ol p section "
    "small span strong sub sup template time ul svg path rect g".split()
)
GENERATED_ATTRIBUTES = frozenset(
    "id class href role aria-label aria-labelledby aria-describedby aria-hidden aria-expanded aria-controls "
    "data-card data-cite-style data-cite-form data-cite-label data-cite-kind data-cite-anchor "
    "data-report value hidden datetime lang download type popover "
    "popovertarget viewBox d fill stroke width height xmlns transform shape-rendering".split()
)
# What editors may write on their own pages (Markdown, and the HTML Markdown lets through).
EDITORIAL_ELEMENTS = frozenset(
    "a abbr b br code dd div dl dt em h1 h2 h3 h4 hr i li ol p small span strong sub sup ul".split()
)
# (`lang` is held to the edition's languages, guard/language.py.)
EDITORIAL_ATTRIBUTES = frozenset("id class href lang title".split())
# The classes an editors' page may give: a theme class such as `admonition quote` would frame the
# editors' words as a quotation box, `md-nav` would pose as the site's navigation. `md-button`
# makes a link a button. `medium-screen` and `medium-paper` mark words meant for one medium: the
# site shows the screen's and prints the paper's, each export keeps its medium's
# (tools/publish/bookpages.py `for_medium`).
EDITORIAL_CLASSES = frozenset("md-button md-button--primary medium-screen medium-paper".split())
# A status badge says the edition verified (or attributed …) a quotation: only the build's status
# legend, made from the source list's statuses, shows one on an editors' page.
STATUS_BADGE = frozenset({"status", *(f"status-{status}" for status in STATUSES)})
# What the build itself adds to an editors' page, never the editors': a heading's ¶ link, the
# address under the title, the status legend, the downloads list and its links' `download` (a file
# a link downloads instead of opening is the edition's own download, never a page). Each is allowed
# only in the one shape the build gives it (guard/page.py `made_by_the_build`).
BUILT = frozenset({"headerlink", "print-url", "status-legend", "downloads", "download"}) | STATUS_BADGE
# An id the content may use: the edition's ids (lower case words, joined by - . or :); never one of
# the theme's, which all begin with two underscores (`__config` is read by the theme's scripts).
# The ids the site's scripts give the elements they make (overrides/assets/javascripts/edition-tools.js:
# the live region, the popup, the tools), which no page's element may take.
SCRIPT_IDS = "edition-"
CONTENT_ID = re2.compile(r"^[a-z0-9][a-z0-9.:-]{0,120}$")

# Elements no page may hold anywhere: they embed, run, redirect or submit.
NEVER = frozenset("iframe frame frameset object embed applet base portal".split())
# Attributes that load a resource, by element; the value must stay inside the site (or be a data:
# image): a request to another site is a request a school network or a reader did not agree to.
LOADING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "input": ("src",),
    "use": ("href",),
    "image": ("href",),
}
# A script element of one of these types (or none) runs; any other type is a data block.
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript"})
# Data blocks: JSON-LD metadata, and the theme's own configuration (`<script id="__config" type="application/json">`).
DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json"})
# A <link> with one of these relations names a page; it does not load anything.
LINK_NAMING = frozenset({"canonical", "alternate", "author", "license", "help", "schema.dc", "schema.dcterms"})
# Attributes whose words a reader sees or hears.
# The site's controls, which no export keeps (tools/publish/bookpages.py `for_medium`), and the words
# meant for one medium only: what a reader of each medium reads is the page without the others.
CONTROLS = frozenset({"headerlink", "quote-link", "note-link", "md-button"})
MEDIUM_VIEWS = (frozenset({"medium-paper"}), frozenset({"medium-screen"}) | CONTROLS)  # screen, paper
SEEN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "download")  # (a download's file name is shown)
# <meta> whose content is shown by other programs (search results, link previews, reference managers).
SEEN_META = re2.compile(r"(?i)^(description|citation_.*|dc\..*|dcterms\..*|og:.*|twitter:.*)$")  # DC.title too

# The edition's own assets, published from overrides/assets/ (code) by the theme: its scripts,
# stylesheets and their licences. A script runs only where a template or a config (code) loads it;
# anything that runs when opened on its own (a page, an SVG, XML) or that no page needs is refused.
EDITION_ASSET = re2.compile(
    r"^assets/(?:javascripts/(?:[a-z0-9-]+/)?(?:[a-z0-9.-]+\.js|LICENSE\.txt)|stylesheets/[a-z0-9.-]+\.css)$"
)
