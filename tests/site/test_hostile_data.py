"""Data is never markup: a source list that attacks every rendered field (tests/hostile.py) builds
into a site, a zip and a single file in which nothing is live, and CSV and JSON that are data.

"Live" is judged by a parser written here, independent of tools/publish/sanitize.py: no script
element but the theme's (an external file of the site, or an inline script the page's own
Content-Security-Policy names by hash), no event-handler attribute, no srcdoc, no iframe, object
or embed, no javascript:/data:/vbscript: address (but data: images, and data files offered as
downloads in the single file). Each attack must also reach the output as text, so a field that
is never rendered cannot pass for a safe one.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import HostileBuild
from hostile import EXEMPT, HOSTILE_URL, KEEP_ORIGINAL, MARK, NOT_RENDERED, all_records, text_fields

from tools.model.escape import CSV_FORMULA_START

LIVE_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background"}
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


@dataclass
class Scan:
    """What a browser would find live in one HTML document."""

    live: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    script_sources: list[str] = field(default_factory=list)
    text: str = ""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self._script: list[str] | None = None
        self._texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in LIVE_ELEMENTS or (tag == "form" and "action" in a):  # the theme's forms post nowhere
            self.scan.live.append(f"<{tag}>")
        if tag == "script":
            kind = a.get("type", "").lower()
            if "src" in a:
                self.scan.script_sources.append(a["src"])
            elif kind in ("", "text/javascript", "module", "application/javascript"):
                self._script = []
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh" and "javascript" in a.get("content", ""):
            self.scan.live.append("<meta refresh to javascript:>")
        for name, value in a.items():
            if name.startswith("on"):
                self.scan.live.append(f"<{tag} {name}>")
            if name == "srcdoc":
                self.scan.live.append(f"<{tag} srcdoc>")
            if name == "style" and re.search(r"url\(|expression|javascript", value, re.IGNORECASE):
                self.scan.live.append(f"<{tag} style={value[:30]}>")
            if name in URL_ATTRIBUTES:
                scheme = re.sub(r"[\x00-\x20]", "", value).split(":", 1)[0].lower() if ":" in value else ""
                harmless_data = scheme == "data" and (
                    (tag == "img" and value.startswith("data:image/"))
                    or (tag == "a" and "download" in a and not value.startswith("data:text/html"))
                    or (tag == "link" and value == "data:,")
                    # the favicon, an inline SVG drawn as an image (never run): mkdocs.yml theme.favicon
                    or (tag == "link" and a.get("rel") == "icon" and value.startswith("data:image/svg+xml,"))
                )
                if scheme in ("javascript", "vbscript", "data") and not harmless_data:
                    self.scan.live.append(f"<{tag} {name}={value[:40]}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scan.inline_scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        else:
            self._texts.append(data)

    def close(self) -> None:
        super().close()
        self.scan.text = "".join(self._texts)


def scan(document: str) -> Scan:
    parser = _Scanner()
    parser.feed(document)
    parser.close()
    return parser.scan


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def assert_nothing_live(path: Path, *, single_file: bool = False) -> Scan:
    document = path.read_text(encoding="utf-8")
    found = scan(document)
    assert found.live == [], f"{path.name}: {found.live}"
    policy = CSP_META.findall(document)
    assert len(policy) == 1, f"{path.name}: {len(policy)} Content-Security-Policy metas"
    directives = dict(d.strip().split(" ", 1) for d in policy[0].split(";"))
    if single_file:
        assert directives["script-src"] == "'none'"
        assert found.inline_scripts == [] and found.script_sources == []
        return found
    allowed = directives["script-src"].split()
    assert "'unsafe-inline'" not in allowed and "'unsafe-eval'" not in allowed
    for script in found.inline_scripts:
        assert f"'{sha256(script)}'" in allowed, f"{path.name}: an inline script the policy does not name"
        assert "alert(" not in script and MARK not in script
    for source in found.script_sources:
        # The site's own files (404.html names them from the root, as it may be served from any folder).
        assert re.match(r"^(?:\.\./|/)?assets/[\w./-]+\.js$", source), f"{path.name}: script {source}"
    return found


def html_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.html") if "downloads" not in p.parts)


# --- the schema drives the attack ----------------------------------------------------------------


def test_every_text_field_is_planted_or_exempt(hostile_build: HostileBuild) -> None:
    """A text field added to any record is attacked automatically, or must say why it cannot be."""
    fields = {(record, name) for record in all_records() for name, *_ in text_fields(record)}
    assert fields - hostile_build.planted - set(EXEMPT) == set()
    assert set(KEEP_ORIGINAL) <= hostile_build.planted
    assert len(hostile_build.planted) >= 30  # people, works, quotations, trials, meetings, notes, statuses …


def _rendered_text(build: HostileBuild) -> str:
    parts = [scan(p.read_text(encoding="utf-8")).text for p in html_files(build.site)]
    parts += [(build.site / name).read_text(encoding="utf-8") for name in ("quotations.csv", "quotations.json")]
    for page in html_files(build.site):  # attributes too: tooltips (title) and labels
        parts += re.findall(r'(?:title|aria-label)="([^"]*)"', page.read_text(encoding="utf-8"))
    import html

    return html.unescape("\n".join(parts))


def test_every_planted_field_reaches_the_output_as_text(hostile_build: HostileBuild) -> None:
    rendered = _rendered_text(hostile_build)
    addresses = {(record, name) for record in all_records() for name, _, _, url in text_fields(record) if url}
    missing = []
    for record, name in sorted(hostile_build.planted, key=lambda f: (f[0].__name__, f[1])):
        if (record, name) in addresses or (record, name) in NOT_RENDERED:
            continue  # an address is checked below as an href
        marker = f"{MARK}{record.__name__}.{name}"
        if f"<script>alert(1)//{marker}</script>" not in rendered:
            missing.append(marker)
    assert missing == [], "never rendered as text: " + ", ".join(missing)


# --- the site, the zip, the single file ----------------------------------------------------------


def test_nothing_is_live_in_the_site(hostile_build: HostileBuild) -> None:
    pages = html_files(hostile_build.site)
    assert len(pages) >= 12
    for page in pages:
        assert_nothing_live(page)
    people = scan((hostile_build.site / "people.html").read_text(encoding="utf-8")).text
    assert "<script>alert(1)//HOSTILE-Person.summary</script>" in people


def test_nothing_is_live_in_the_zip(hostile_build: HostileBuild) -> None:
    pages = html_files(hostile_build.unzipped)
    assert len(pages) >= 12
    for page in pages:
        assert_nothing_live(page)


def test_nothing_is_live_in_the_single_file(hostile_build: HostileBuild) -> None:
    found = assert_nothing_live(hostile_build.single_file, single_file=True)
    assert "<iframe srcdoc=&lt;script&gt;alert(1)&lt;/script&gt;></iframe>" in found.text
    # The copy inside the zip and the one the online site offers are the same file.
    for copy in (hostile_build.unzipped / "downloads", hostile_build.site / "downloads"):
        assert (copy / hostile_build.single_file.name).read_bytes() == hostile_build.single_file.read_bytes()


def test_hostile_addresses_are_inert(hostile_build: HostileBuild) -> None:
    """An https: address with quotes and brackets stays one attribute value, percent-encoded."""
    text = (hostile_build.site / "people.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="(https://evil\.example/[^"]*)"', text)
    assert hrefs and set(hrefs) == {
        "https://evil.example/%22%3E%3Cscript%3Ealert%28%22url%22%29%3C/script%3E?q=%281%29"
    }
    assert HOSTILE_URL in scan(text).text  # and shown as text where it is the citation itself
    # Every attacked address, on every page (an address keeps its host and gains the breakout):
    # one attribute value, its quotes, brackets and parentheses percent-encoded.
    import html

    attacked = 0
    for page in html_files(hostile_build.site):
        for href in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8")):
            value = html.unescape(href)
            if "alert" in value:
                attacked += 1
                assert re.fullmatch(r"https?://[^\s\"'<>()]+", value), f"{page.name}: {value}"
    assert attacked >= 20


# --- CSV and JSON ---------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["site", "zip"])
def test_csv_cells_never_start_a_formula(hostile_build: HostileBuild, where: str) -> None:
    folder = hostile_build.site if where == "site" else hostile_build.unzipped
    rows = list(csv.reader(io.StringIO((folder / "quotations.csv").read_text(encoding="utf-8"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    assert [c for c in cells if c.startswith(CSV_FORMULA_START)] == []
    planted = [c for c in cells if "HYPERLINK" in c]
    assert planted and all(c.startswith("'=HYPERLINK(") for c in planted), planted[:3]


def test_csv_in_the_single_file_is_safe_too(hostile_build: HostileBuild) -> None:
    document = hostile_build.single_file.read_text(encoding="utf-8")
    embedded = re.search(r'download="quotations\.csv" href="data:text/csv;base64,([^"]+)"', document)
    assert embedded, "the single file should embed quotations.csv"
    rows = list(csv.reader(io.StringIO(base64.b64decode(embedded.group(1)).decode("utf-8"))))
    assert [c for row in rows[1:] for c in row if c.startswith(CSV_FORMULA_START)] == []


def test_json_is_well_formed_data(hostile_build: HostileBuild) -> None:
    rows = json.loads((hostile_build.site / "quotations.json").read_text(encoding="utf-8"))
    assert rows and all(isinstance(row, dict) for row in rows)
    # JSON carries the exact text (no spreadsheet quote), as data.
    assert any(str(row["occasion"]).startswith("=HYPERLINK(http://evil.example/") for row in rows)
