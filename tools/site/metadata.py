"""What each page tells other programs in its <head>: the edition's contact, for the reading aids'
"Report a problem" action. (The citation metadata joins it: tools/site/citation.py.)"""

from __future__ import annotations

from markupsafe import Markup

from ..model.edition import Checked, Site


def heads(checked: Checked, site: Site) -> dict[str, str]:
    """The <head> additions of every page, by page name (`praise.html`)."""
    names = [p.name for p in checked.chapter.pages] + list(checked.editorial)
    names += ["people.md", "quotations.md", "trials.md", "sources.md", "glossary.md", "teachers.md"]
    contact = Markup('<meta name="edition-contact" content="{}">\n').format(site.contact) if site.contact else Markup("")
    return {name.removesuffix(".md") + ".html": str(contact) for name in names}
