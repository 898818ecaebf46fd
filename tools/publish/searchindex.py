"""The search index as readers see it in results, shaped after the search plugin writes it and
before the offline plugin copies it into search_index.js.

- Material titles a page's first entry with its first heading: a chapter page that opens with
  the chapter's own title (warning.html) would be listed under the site's name; it is listed
  under its title in the navigation instead.
- Some pages are searched by their headings only (tools/site/generated.py says which): their
  entries keep their titles and lose their text.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path

from .paths import output_path

INDEX = Path("search") / "search_index.json"


def shaped(
    docs: list[dict[str, object]], titles: dict[str, str], site_name: str, headings_only: Collection[str]
) -> list[dict[str, object]]:
    """`titles` maps a page's address (warning.html) to its navigation title; `headings_only`
    holds the addresses of the pages searched by their headings."""
    out = []
    for doc in docs:
        location = str(doc.get("location", ""))
        page = location.split("#", 1)[0]
        if "#" not in location and doc.get("title") == site_name and titles.get(page, site_name) != site_name:
            doc = {**doc, "title": titles[page]}
        if page in headings_only:
            doc = {**doc, "text": ""}
        out.append(doc)
    return out


def shape_index(site_dir: Path, titles: dict[str, str], site_name: str, headings_only: Collection[str]) -> None:
    if not (site_dir / INDEX).is_file():
        return
    path = output_path(site_dir, INDEX)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["docs"] = shaped(data.get("docs", []), titles, site_name, headings_only)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
