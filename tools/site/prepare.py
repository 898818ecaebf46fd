"""Every page's final source, made from the checked model: the engine only has to render and theme it.

`pages()` gives each page's Markdown by its name under docs/: the chapter pages rendered to HTML
(tools/site/chapter.py), the editors' pages with their generated parts filled in, and the apparatus
pages; `downloads()` the data files. The MkDocs hook hands both to the engine (tools/hook.py);
`prepare()` writes them into a folder for any other engine.
"""

from __future__ import annotations

import json
from pathlib import Path

import re2
from markupsafe import Markup, escape

from ..model.edition import Checked, Site
from ..model.frontmatter import front_matter
from .apparatus import glossary_page, people_page, quotations_page, trials_page
from .chapter import render
from .citing import chapter_citations
from .citing import downloads as citation_files
from .data import quotations_csv, quotations_json
from .downloads import DOWNLOADS_LIST, Files, download_list, teaching_section, with_figures
from .markup import element, inline_text, text
from .sourcespage import sources_page
from .teachers import teachers_page
from .workpages import kind_pages_of

LEGEND_MARKER = "<!-- status-legend -->"
COUNTS_MARKER = "<!-- status-counts -->"
READING_MARKER = "<!-- reading-time -->"
WORDS_A_MINUTE = 200  # a student reading attentively
# Each marker a line of its own (the checker refuses any other shape: checker/editorial.py variant_lines)
VARIANT = re2.compile(r"(?m)^<!-- (online|offline) edition -->\r?\n((?s:.)*?)^<!-- end -->\r?(?:\n|\z)")
SITE_URL_MARK = "{site_url}"


def front(title: str | None, body: str) -> str:
    """A page with the only front matter the engine reads: written here, its title a JSON string
    (which YAML reads back as it is), so no line of the page itself is ever read as front matter
    (tools/model/frontmatter.py); an empty one for a page titled by its first heading."""
    # The engine's templates print a page's title as they find it (its Jinja escapes nothing), in the
    # header and the navigation: the title handed over is HTML text, so an editors' title that writes
    # "</title><a href=…>" is shown as those characters, never read as markup.
    matter = "{}" if title is None else f"title: {json.dumps(str(escape(title)), ensure_ascii=False)}"
    return f"---\n{matter}\n---\n\n{body}"


def pages(checked: Checked, site: Site) -> dict[str, str]:
    out: dict[str, str] = {}
    for page in checked.chapter.pages:
        out[page.name] = render(page, checked) + str(chapter_citations(checked, site, page.name))
    for name, markdown in checked.editorial.items():
        matter = front_matter(f"docs/{name}", markdown)  # checked: a title of plain words, or none
        out[name] = front(matter.title, editorial(matter.body, checked, site, with_ids=name == "index.md"))
    legend = status_legend(checked, with_ids=False)
    out["people.md"] = front("People", people_page(checked))
    out["quotations.md"] = front("Quotations", quotations_page(checked, legend))
    out["trials.md"] = front("The trials", trials_page(checked))
    out["sources.md"] = front("Sources", sources_page(checked))
    for name, (title, body) in kind_pages_of(checked).items():
        out[name] = front(title, body)
    out["glossary.md"] = front("Glossary", glossary_page(checked))
    out["teachers.md"] = front("For teachers", teachers_page(checked, site))
    files = Files(checked.sources.edition.slug)
    out["teachers.md"] += str(teaching_section(files, site.offline, site.url))
    listed = str(download_list(files, site.offline, site.url))
    # The files' figures are filled in once they are made (tools/publish/downloads.py); the offline
    # build, made before them, shows none.
    out = {name: page.replace(DOWNLOADS_LIST, listed) for name, page in out.items()}
    return {name: with_figures(page, {}) for name, page in out.items()} if site.offline else out


def downloads(checked: Checked, site: Site) -> dict[str, str]:
    data = {"quotations.csv": quotations_csv(checked, site), "quotations.json": quotations_json(checked, site)}
    return {**data, **citation_files(checked, site)}


def prepare(dest: Path, checked: Checked, site: Site) -> None:
    """Write every page and download into `dest`: a docs folder that any engine can build as it is,
    with the theme's folder (overrides/, which holds the edition's scripts and stylesheet)."""
    for name, content in {**pages(checked, site), **downloads(checked, site)}.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_text(content, encoding="utf-8")


def editorial(markdown: str, checked: Checked, site: Site, with_ids: bool) -> str:
    """An editors' page with its generated parts: the status legend and counts, and the text meant
    for this build (online or offline) with the site's address filled in."""
    wanted = "offline" if site.offline else "online"
    markdown = VARIANT.sub(lambda m: m.group(2) if m.group(1) == wanted else "", markdown)
    markdown = markdown.replace(SITE_URL_MARK, str(text(site.url)))
    markdown = markdown.replace(COUNTS_MARKER, str(inline_text(status_counts(checked))))
    markdown = markdown.replace(READING_MARKER, reading_time(checked))
    return markdown.replace(LEGEND_MARKER, str(status_legend(checked, with_ids)))


def reading_time(checked: Checked) -> str:
    """'1,013 words, about 5 minutes of reading': counted from the chapter's own words."""
    words = sum(len(p.paragraph.text.split()) for p in checked.placed)
    return f"{words:,} words, about {max(1, round(words / WORDS_A_MINUTE))} minutes of reading"


def status_legend(checked: Checked, with_ids: bool = True) -> Markup:
    """A definition list, one entry per status. Only the landing page's copy carries the ids the
    notes link to, so that ids stay unique in the single-file export."""
    items = []
    for name, status in checked.sources.statuses.items():
        badge = element("span", text(status.label), class_=f"status status-{name}")
        items.append(
            Markup("{}<dd>{}</dd>").format(
                element("dt", badge, id=f"status-{name}" if with_ids else None), status.meaning
            )
        )
    return Markup('<dl class="status-legend">{}</dl>').format(Markup("").join(items))


def status_counts(checked: Checked) -> str:
    """'Of the 7 quotations, none is verified, 1 is attributed, 5 are unverified and 1 is a paraphrase.'"""
    quotations = checked.sources.quotations
    parts = []
    for name, status in checked.sources.statuses.items():
        count = sum(1 for q in quotations if q.status == name)
        label = status.label.lower()
        if name == "paraphrase":
            parts.append(
                "none is a paraphrase"
                if not count
                else f"{count} {'is a paraphrase' if count == 1 else 'are paraphrases'}"
            )
        else:
            parts.append(f"none is {label}" if not count else f"{count} {'is' if count == 1 else 'are'} {label}")
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    return f"Of the {len(quotations)} quotations, {listed}."
