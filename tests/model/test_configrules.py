"""tools/model/siteconfig.py and configrules.py: both configs the builds use are read (INHERIT
followed), and only the settings the edition uses, each in its shape, pass; every finding is at
the file and line that hold the value."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT, position

from tools.model.configrules import config_findings
from tools.model.siteconfig import BUILDS, CONFIG, OFFLINE_CONFIG, chain, effective, read_configs


def findings(root: Path) -> list[str]:
    files, found = read_configs(root)
    return [str(f) for f in found + config_findings(files)]


def project(tmp_path: Path, config: str, offline: str | None = None) -> Path:
    (tmp_path / CONFIG).write_text(config, encoding="utf-8")
    if offline is not None:
        (tmp_path / OFFLINE_CONFIG).write_text(offline, encoding="utf-8")
    return tmp_path


def at(root: Path, name: str, needle: str, rule: str) -> str:
    line, col = position((root / name).read_text(encoding="utf-8"), needle)
    return f"{name}:{line}:{col}: {rule} "


def test_the_real_configs_pass() -> None:
    assert findings(PROJECT) == []
    files, _ = read_configs(PROJECT)
    assert set(files) == {CONFIG, OFFLINE_CONFIG}
    layers = chain(files, OFFLINE_CONFIG)
    assert [layer.shown for layer in layers] == [OFFLINE_CONFIG, CONFIG]
    found = effective(layers, "site_name")
    assert found is not None and found[0].shown == CONFIG  # inherited
    found = effective(layers, "extra", "offline_edition")
    assert found is not None and found[0].shown == OFFLINE_CONFIG
    assert BUILDS == {CONFIG: "site", OFFLINE_CONFIG: "dist/.offline-site"}


REFUSED = [
    ("extra:\n  analytics:\n    provider: google\n", "analytics:", "config-key", "a third-party request"),
    ("extra:\n  consent:\n    title: x\n", "consent:", "config-key", "cookie banner"),
    ("extra:\n  social:\n    - icon: x\n", "social:", "config-key", "other sites"),
    ("extra:\n  scope: /\n", "scope:", "config-key", "inline script"),
    ("extra:\n  anything: 1\n", "anything:", "config-key", "generator, offline_edition, polyfills"),
    ("repo_url: https://github.com/x/y\n", "repo_url", "config-key", "third-party"),
    ("extra_templates: [x.html]\n", "extra_templates", "config-key", "templates"),
    ("theme:\n  name: material\n  logo: x.png\n", "logo:", "config-key", "theme.icon.logo"),
    ("theme:\n  name: material\n  font:\n    text: Roboto\n", "text: Roboto", "config-value", "fonts.googleapis"),
    ("theme:\n  name: material\n  font: true\n", "true", "config-value", "fonts.googleapis"),
    ("theme:\n  name: readthedocs\n", "readthedocs", "config-value", "'material'"),
    ("theme:\n  language: 'en\" x=\"'\n", "'en", "config-value", "language code"),
    ('theme:\n  favicon: "x\\" onload=\\"a()"\n', '"x', "config-value", "data:image/svg+xml"),
    ("theme:\n  favicon: https://evil.example/i.png\n", "https:", "config-value", "data:image/svg+xml"),
    ("theme:\n  icon:\n    logo: ../../../../etc/passwd\n", "../", "config-value", "icon name"),
    ("theme:\n  palette:\n    - primary: 'x\" onclick=\"a()'\n", "'x", "config-value", "colour name"),
    ("theme:\n  features:\n    - 'x\"'\n", "'x", "config-value", "feature name"),
    ("extra_javascript:\n  - https://evil.example/x.js\n", "https:", "config-value", "site's own .js"),
    ("extra_javascript:\n  - path: assets/x.js\n    type: module\n", "path:", "config-value", "site's own .js"),
    ("extra_css:\n  - assets/../../x.css\n", "assets/..", "config-value", "site's own .css"),
    ("extra:\n  polyfills:\n    - //evil.example/x.js\n", "//evil", "config-value", "site's own .js"),
    ("nav:\n  - Evil: javascript:alert(1)\n", "javascript", "config-value", "not a page"),
    ("nav:\n  - Elsewhere: https://evil.example/\n", "https", "config-value", "not a page"),
    ("nav:\n  - Part:\n      - ../x.md\n", "../x.md", "config-value", "not a page"),
    ("markdown_extensions:\n  - pymdownx.snippets\n", "pymdownx.snippets", "config-value", "Markdown extensions"),
    ("plugins:\n  - social\n", "social", "config-value", "plugins"),
    ("plugins:\n  blog: {}\n", "blog", "config-value", "plugins"),
    ("markdown_extensions:\n  - toc:\n      title: '<img src=x onerror=a()>'\n", "<img", "config-markup", "'<'"),
    ("docs_dir: pages\n", "pages", "config-value", "'docs'"),
    ("site_dir: ../elsewhere\n", "../elsewhere", "config-output", "must be site"),
    ("site_dir: /tmp/x\n", "/tmp/x", "config-output", "must be site"),
    ("strict: maybe\n", "maybe", "config-value", "true or false"),
    ("x: !!python/name:os.system\n", "x:", "config-key", "not allowed"),
    ("hooks: !!python/object/apply:os.system [id]\n", "!!python", "config-value", "runs Python"),
    ("copyright: !ENV [COPYRIGHT, x]\n", "!ENV", "config-value", "only site_url"),
]


@pytest.mark.parametrize(
    ("config", "needle", "rule", "says"), REFUSED, ids=[c[0].split("\n")[0] + c[2] for c in REFUSED]
)
def test_a_setting_outside_the_allowlist_is_refused(
    tmp_path: Path, config: str, needle: str, rule: str, says: str
) -> None:
    root = project(tmp_path, config)
    found = findings(root)
    expected = at(root, CONFIG, needle, rule)
    assert any(f.startswith(expected) and says in f for f in found), found


def test_the_offline_config_is_checked_at_its_own_lines(tmp_path: Path) -> None:
    """M2: a script in mkdocs.offline.yml, and a setting the theme would print, found there."""
    offline = (
        "INHERIT: mkdocs.yml\nsite_dir: dist/.offline-site\n"
        "copyright: 'x<script>alert(1)</script>'\nextra:\n  analytics:\n    provider: google\n"
    )
    root = project(tmp_path, "site_name: Edition\nextra:\n  generator: false\n", offline)
    found = findings(root)
    assert [f.split(" ", 2)[:2] for f in found] == [
        [at(root, OFFLINE_CONFIG, "<script", "config-markup").split(" ")[0], "config-markup"],
        [at(root, OFFLINE_CONFIG, "analytics", "config-key").split(" ")[0], "config-key"],
    ]


def test_a_setting_refused_in_the_inherited_file_is_one_finding_there(tmp_path: Path) -> None:
    root = project(tmp_path, "repo_url: https://x.example/\n", "INHERIT: mkdocs.yml\nsite_dir: dist/.offline-site\n")
    assert findings(root) == [
        at(root, CONFIG, "repo_url", "config-key")
        + "'repo_url' is not allowed: the theme links every page to it and fetches the repository's facts from "
        "its host (a third-party request)"
    ]


@pytest.mark.parametrize(
    ("offline", "needle"),
    [
        ("INHERIT: mkdocs.yml\nsite_dir: build/offline\n", "build/offline"),
        ("INHERIT: mkdocs.yml\nsite_dir: site\n", "site\n"),
        ("INHERIT: mkdocs.yml\n", ""),  # inherits site/: the offline build must name its own folder
    ],
)
def test_the_offline_build_writes_inside_dist(tmp_path: Path, offline: str, needle: str) -> None:
    root = project(tmp_path, "site_name: Edition\n", offline)
    where = at(root, OFFLINE_CONFIG, needle, "config-output") if needle else f"{OFFLINE_CONFIG}:1:1: config-output "
    assert [f for f in findings(root) if " config-output " in f] == [
        f"{where}the build with {OFFLINE_CONFIG} would write the site into "
        f"{(needle.strip() or 'site')!r}; site_dir must be dist/.offline-site (nothing is written outside site/ or dist/)"
    ]


def test_inherit_loops_and_escapes_are_harmless(tmp_path: Path) -> None:
    root = project(tmp_path, "INHERIT: mkdocs.offline.yml\n", "INHERIT: mkdocs.yml\nsite_dir: dist/.offline-site\n")
    files, _ = read_configs(root)
    assert [layer.shown for layer in chain(files, OFFLINE_CONFIG)] == [OFFLINE_CONFIG, CONFIG]
    root = project(tmp_path, "INHERIT: ../../etc/passwd.yml\n")
    assert any(f.startswith(at(root, CONFIG, "../../etc", "config-value")) for f in findings(root))


def test_an_unreadable_config_is_one_line(tmp_path: Path) -> None:
    (tmp_path / CONFIG).write_bytes(b"site_name: \xff\n")
    assert [f.split(" ")[1] for f in findings(tmp_path)] == ["file-encoding"]
    (tmp_path / CONFIG).write_text("site_name: [\n", encoding="utf-8")
    assert [f.split(" ")[1] for f in findings(tmp_path)] == ["yaml-syntax"]
