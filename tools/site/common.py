"""Wording shared by the generated pages."""

from __future__ import annotations

GENERATED_NOTE = "*This page is generated from the edition’s source list; every fact on it cites its source.*"

# Material's search plugin leaves an element with this attribute out of the search index (and
# removes the attribute from the page). Lists of addresses and cross-references would otherwise
# make most searches list every page, and double the index the browser downloads.
SEARCH_EXCLUDE = ("data-search-exclude", "1")
NOT_SEARCHED = f'{SEARCH_EXCLUDE[0]}="{SEARCH_EXCLUDE[1]}"'


def unsearched(lines: list[str]) -> list[str]:
    """Markdown lines wrapped in a block the search index leaves out."""
    return [f"<div {NOT_SEARCHED} markdown>", "", *lines, "", "</div>", ""]
