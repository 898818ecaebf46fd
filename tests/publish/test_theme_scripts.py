"""Only the theme's own inline scripts can be allowed by the Content-Security-Policy (M1 of the
hostile review): tools/publish/csp.py pins their bodies, which must be Material's as installed,
and any other inline script, such as one a setting of mkdocs.yml prints (`extra.analytics`,
`extra.consent`), stops the build even if the checker let the setting through."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
import pytest

from tools.publish import csp
from tools.publish.paths import OutputError

TEMPLATES = Path(material.__file__).parent / "templates"
SCRIPT = re.compile(r"<script(?: [^>]*)?>(?P<body>.*?)</script>", re.DOTALL)
BASES = [".", "..", "../..", "/", "/edition/path/"]  # every base URL MkDocs gives a page (404.html: the site's path)


def page(*scripts: str) -> str:
    body = "".join(f"<script>{s}</script>" for s in scripts)
    return f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>'


@pytest.mark.parametrize("template", list(csp.THEME_SCRIPTS), ids=list(csp.THEME_SCRIPTS))
def test_the_pinned_scripts_are_the_installed_themes(template: str) -> None:
    """The last unconditional <script> of each template, word for word: a Material upgrade that
    changes one fails here (copy the new body into THEME_SCRIPTS)."""
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    unconditional = re.sub(r"\{%\s*if.*?\{%\s*endif\s*%\}", "", text, flags=re.DOTALL)
    assert [m.group("body") for m in SCRIPT.finditer(unconditional)] == [csp.THEME_SCRIPTS[template]]


@pytest.mark.parametrize("base", BASES)
def test_the_themes_scripts_pass_with_any_base_url(base: str) -> None:
    rendered = [
        jinja2.Template(body).render(config={"extra": {}}, base_url=base) for body in csp.THEME_SCRIPTS.values()
    ]
    done = csp.with_policy(page(*rendered))
    assert all(csp.sha256(script) in done for script in rendered)


def analytics_script(prop: str) -> str:
    """Material's own Google Analytics partial, rendered with `property` as the review's s1 set it."""
    source = (TEMPLATES / "partials/integrations/analytics/google.html").read_text(encoding="utf-8")
    rendered = jinja2.Template(source).render(config={"extra": {"analytics": {"property": prop}}})
    found = SCRIPT.search(rendered)
    assert found is not None
    return found.group("body")


@pytest.mark.parametrize(
    "script",
    [
        analytics_script('"+alert(document.domain)+(document.title="PWNED")+"'),  # s1
        analytics_script("G-12345"),  # even a well-formed property: a third-party request
        'alert(document.domain);document.title="PWNED"',  # s9: <script> in extra.consent.description
        # The base URL is the one value a pinned script interpolates: it cannot end the string.
        csp.THEME_SCRIPTS["partials/javascripts/base.html"].replace(
            "{{ config.extra.scope | d(base_url) }}", '",alert(1),"'
        ),
        csp.THEME_SCRIPTS["partials/javascripts/content.html"] + ";alert(1)",
        " " + csp.THEME_SCRIPTS["partials/javascripts/content.html"],
    ],
    ids=["analytics-breakout", "analytics", "consent-script", "base-url-breakout", "appended", "changed"],
)
def test_any_other_inline_script_stops_the_build(script: str) -> None:
    theme = csp.THEME_SCRIPTS["partials/javascripts/content.html"]
    with pytest.raises(OutputError, match="an inline script that is not one of the theme's own"):
        csp.with_policy(page(theme, script))
