"""Only the theme's own inline scripts may run: tools/guard/scripts.py pins their bodies, which must
be Material's as installed, and any other inline script (one a setting prints, such as Material's
analytics partial, or one smuggled into a page) is refused by the guard."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
import pytest

from tools.guard.scripts import THEME_SCRIPTS, theme_script

TEMPLATES = Path(material.__file__).parent / "templates"
SCRIPT = re.compile(r"<script(?: [^>]*)?>(?P<body>.*?)</script>", re.DOTALL)
BASES = [".", "..", "../..", "/", "/edition/path/"]  # every base URL MkDocs gives a page (404.html: the site's path)


@pytest.mark.parametrize("template", list(THEME_SCRIPTS))
def test_the_pinned_scripts_are_the_installed_themes(template: str) -> None:
    """The last unconditional <script> of each template, word for word."""
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    unconditional = re.sub(r"\{%\s*if.*?\{%\s*endif\s*%\}", "", text, flags=re.DOTALL)
    assert [m.group("body") for m in SCRIPT.finditer(unconditional)] == [THEME_SCRIPTS[template]]


@pytest.mark.parametrize("base", BASES)
def test_the_themes_scripts_pass_with_any_base_url(base: str) -> None:
    for body in THEME_SCRIPTS.values():
        assert theme_script(jinja2.Template(body).render(config={"extra": {}}, base_url=base))


def analytics_script(prop: str) -> str:
    source = (TEMPLATES / "partials/integrations/analytics/google.html").read_text(encoding="utf-8")
    found = SCRIPT.search(jinja2.Template(source).render(config={"extra": {"analytics": {"property": prop}}}))
    assert found is not None
    return found.group("body")


@pytest.mark.parametrize(
    "script",
    [
        analytics_script('"+alert(document.domain)+"'),
        analytics_script("G-12345"),  # even a well-formed property: a third-party request
        THEME_SCRIPTS["partials/javascripts/base.html"].replace(
            "{{ config.extra.scope | d(base_url) }}", '",alert(1),"'
        ),
        THEME_SCRIPTS["partials/javascripts/content.html"] + ";alert(1)",
        " " + THEME_SCRIPTS["partials/javascripts/content.html"],
    ],
    ids=["analytics-breakout", "analytics", "base-url-breakout", "appended", "changed"],
)
def test_any_other_inline_script_is_refused(script: str) -> None:
    assert not theme_script(script)
