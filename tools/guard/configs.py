"""The site's configs are code, reviewed as code; before the engine loads one, this refuses what would
let a config run or load anything beyond the edition's own (the engine reads configs with PyYAML's
full loader, which builds Python objects from `!!python/…` tags, so they are read here first, safely).

A config may name only the edition's hook, scripts, stylesheets, plugins, Markdown extensions and
output folders; `INHERIT` goes at most three files deep and never in a circle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CONFIGS = {"mkdocs.yml": "site", "mkdocs.offline.yml": "dist/.offline-site"}
HOOKS = ["tools/hook.py"]
SCRIPTS = {"assets/javascripts/edition.js"}
STYLES = {"assets/stylesheets/edition.css"}
PLUGINS = {"search", "privacy", "offline"}
EXTENSIONS = {
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "footnotes",
    "toc",
    "pymdownx.bracketspan",
    "pymdownx.details",
}
MAX_INHERIT = 3


class ConfigRefused(Exception):
    """One line: which config, and what it may not do."""


class _SafeLoader(yaml.SafeLoader):
    """Plain YAML and the engine's `!ENV` tag (read as its default); every other tag is refused."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        return items[-1] if items else None
    return None


_SafeLoader.add_constructor("!ENV", _env)


def read(path: Path, depth: int = 0, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A config merged with what it INHERITs (mappings merged, other values replaced), safely."""
    if path.resolve() in seen or depth > MAX_INHERIT:
        raise ConfigRefused(f"{path.name}: INHERIT goes in a circle or more than {MAX_INHERIT} files deep")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigRefused(f"{path.name}: cannot be read ({err})") from None
    except yaml.YAMLError as err:
        raise ConfigRefused(f"{path.name}: not plain YAML ({' '.join(str(err).split())[:200]})") from None
    if not isinstance(data, dict):
        raise ConfigRefused(f"{path.name}: a config is a mapping")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    base = read(path.parent / str(parent), depth + 1, (*seen, path.resolve()))
    return _merge(base, data)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def check_configs(project: Path) -> None:
    """ConfigRefused unless both configs name only what the edition uses."""
    for name, site_dir in CONFIGS.items():
        config = read(project / name)
        problems = []
        if config.get("hooks") != HOOKS:
            problems.append(f"hooks must be exactly {HOOKS}")
        if not set(config.get("extra_javascript") or []) <= SCRIPTS:
            problems.append(f"extra_javascript may name only {sorted(SCRIPTS)}")
        if not set(config.get("extra_css") or []) <= STYLES:
            problems.append(f"extra_css may name only {sorted(STYLES)}")
        plugins = config.get("plugins") or {}
        if not set(plugins if isinstance(plugins, dict) else [str(p) for p in plugins]) <= PLUGINS:
            problems.append(f"plugins may be only {sorted(PLUGINS)}")
        extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config.get("markdown_extensions") or []]
        if not set(map(str, extensions)) <= EXTENSIONS:
            problems.append(f"markdown_extensions may be only {sorted(EXTENSIONS)}")
        if config.get("site_dir") != site_dir or config.get("docs_dir", "docs") != "docs":
            problems.append(f"site_dir must be {site_dir} and docs_dir docs")
        if (config.get("theme") or {}).get("custom_dir") != "overrides":
            problems.append("theme.custom_dir must be overrides")
        if problems:
            raise ConfigRefused(f"{name}: " + "; ".join(problems))


def page_language(project: Path) -> str | None:
    """The language the theme gives every page (mkdocs.yml's theme.language), or None if the config
    cannot be read (a project without one: the checker then holds no text to a page's language)."""
    try:
        theme = read(project / "mkdocs.yml").get("theme")
    except ConfigRefused:
        return None
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) else None
