"""tools/guard/configs.py: the configs are code, read safely before the engine loads them, and refused
if they name anything but the edition's own hook, scripts, stylesheets, plugins and folders."""

from __future__ import annotations

import pytest
from conftest import Project

from tools.guard.configs import ConfigRefused, check_configs

EXTRA = "extra:\n  generator: false\n"


def test_the_projects_configs_pass(project_copy: Project) -> None:
    check_configs(project_copy.root)


@pytest.mark.parametrize(
    ("name", "old", "new", "says"),
    [
        (
            "mkdocs.yml",
            "hooks:\n  - tools/hook.py\n",
            "hooks:\n  - tools/hook.py\n  - evil.py\n",
            "hooks must be exactly",
        ),
        (
            "mkdocs.yml",
            "  - assets/javascripts/edition.js\n",
            "  - assets/javascripts/edition.js\n  - https://cdn.example/x.js\n",
            "extra_javascript",
        ),
        (
            "mkdocs.yml",
            "site_name:",
            "x: !!python/object/apply:os.system ['touch /tmp/pwned']\nsite_name:",
            "not plain YAML",
        ),
        ("mkdocs.yml", "site_dir: site\n", "site_dir: ../escaped\n", "site_dir must be"),
        ("mkdocs.offline.yml", "INHERIT: mkdocs.yml", "INHERIT: mkdocs.offline.yml", "INHERIT goes in a circle"),
        ("mkdocs.yml", "  - admonition\n", "  - admonition\n  - some.extension.module\n", "markdown_extensions"),
        ("mkdocs.yml", "plugins:\n", "plugins:\n  evil: {}\n", "plugins may be only"),
        ("mkdocs.offline.yml", "site_dir: dist/.offline-site\n", "site_dir: build/offline\n", "site_dir must be"),
        ("mkdocs.yml", "  - assets/stylesheets/edition.css\n", "  - https://cdn.example/x.css\n", "extra_css"),
        ("mkdocs.yml", "  custom_dir: overrides\n", "  custom_dir: ../elsewhere\n", "custom_dir"),
        ("mkdocs.yml", "docs_dir: docs\n", "docs_dir: ../secrets\n", "docs_dir docs"),
        ("mkdocs.yml", "site_name:", "hooks: !!python/name:os.system\nsite_name:", "not plain YAML"),
        ("mkdocs.offline.yml", "INHERIT: mkdocs.yml", "INHERIT: ../../etc/passwd.yml", "cannot be read"),
    ],
)
def test_a_config_that_would_run_or_load_more_is_refused(
    project_copy: Project, name: str, old: str, new: str, says: str
) -> None:
    project_copy.replace(name, old, new)
    with pytest.raises(ConfigRefused) as refused:
        check_configs(project_copy.root)
    assert says in str(refused.value) and "\n" not in str(refused.value)
