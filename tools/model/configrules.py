"""What the config files may say: only the settings the edition uses, each with a value that can
neither run in a reader's browser, nor make a request to another site, nor write outside site/
and dist/.

MkDocs renders its templates without autoescaping, and Material writes many settings into every
page as they are: texts into HTML and attributes, `extra.analytics.property` into an inline
script, `extra.consent.description` into a paragraph, `theme.font` as a request to Google Fonts.
The Content-Security-Policy (tools/publish/csp.py) hashes only the theme's own inline scripts, but
the first line of defence is here, before anything is rendered:

- `config-key`: a setting the edition does not use (ALLOWED lists those it uses; REFUSED says why
  the theme's tempting ones are not allowed). Everything else Material would print, or fetch, is
  thereby never set.
- `config-value`: a used setting with a value outside its shape: the theme and its font, icons,
  palette and features; site scripts and stylesheets that are the site's own assets; nav entries
  that are pages; Markdown extensions the checker's proofs assume; no Python tag in the YAML.
- `config-output`: the folder a build writes into is not its own (site/, or dist/.offline-site/
  for the offline edition): `site_dir: ../x` would write the whole site outside the repository.
- `config-markup`: a text the theme prints (site_name, copyright, nav titles …) holds < > " or a
  control character. `config-url`: site_url is not an http(s) address that needs no escaping
  (`!ENV [EDITION_SITE_URL, default]` is resolved as MkDocs resolves it).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterator

import yaml

from .escape import safe_url, url_problem
from .findings import Finding
from .siteconfig import BUILDS, ConfigFile, chain, effective, mapping, printed_texts

MARKUP = re.compile(r"[<>\"\x00-\x1f\x7f-\x9f]")
REFUSED = {
    "extra.analytics": "it loads a tracker from another site (a third-party request) and the theme prints its "
    "property into an inline script as it is",
    "extra.consent": "a cookie banner for third-party services, which the edition does not use; the theme prints "
    "its title and description into every page as they are",
    "extra.social": "links and icons of other sites, printed into every page as they are",
    "extra.alternate": "links to other language versions, printed into every page as they are",
    "extra.version": "a version selector that fetches versions.json and prints what it holds",
    "extra.scope": "the theme prints it into an inline script as it is",
    "extra.homepage": "the theme prints it into every page as a link, as it is",
    "extra.status": "the theme prints its texts into pages as they are",
    "extra.tags": "the theme prints its texts into pages as they are",
    "extra.annotate": "the theme prints it into every page's configuration as it is",
    "repo_url": "the theme links every page to it and fetches the repository's facts from its host (a third-party "
    "request)",
    "repo_name": "the theme prints it into every page as it is",
    "edit_uri": "the theme prints it into every page as a link, as it is",
    "extra_templates": "it renders files of docs/ as templates, which print settings as they are",
    "theme.logo": "the theme prints it into every page as it is; `theme.icon.logo` names an icon instead",
    "theme.direction": "the theme prints it into every page as it is",
}
EXTENSIONS = frozenset(
    "abbr admonition attr_list def_list md_in_html tables footnotes toc pymdownx.bracketspan pymdownx.details".split()
)
PLUGINS = frozenset({"search", "privacy", "offline"})
WORD = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
FEATURE = re.compile(r"^[a-z]+(?:\.[a-z_]+){1,3}$")
ICON = re.compile(r"^[a-z0-9-]{1,40}/[a-z0-9-]{1,80}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
PALETTE_VALUE = re.compile(r"^[\w() :-]{1,60}$")
ASSET = re.compile(r"^assets/(?:[a-z0-9-]{1,60}/){1,3}[a-z0-9.-]{1,60}\.(?P<kind>js|css)$")
PAGE = re.compile(r"^(?:[A-Za-z0-9_-]{1,100}/){0,5}[A-Za-z0-9_.-]{1,100}\.md$")
FAVICON = re.compile(r"^data:image/svg\+xml,[^\s<>\"\\]{1,5000}$")
PYTHON_TAG = "tag:yaml.org,2002:python/"

Check = Callable[[ConfigFile, yaml.Node], Iterator[Finding]]


def config_findings(files: dict[str, ConfigFile]) -> list[Finding]:
    """Every config rule on the files the builds use (see the module)."""
    findings: list[Finding] = []
    for file in files.values():
        findings += _tags(file, file.top)
        findings += _keys(file, file.top, ALLOWED, "")
        findings += _markup(file)
    for name, folder in BUILDS.items():
        layers = chain(files, name)
        if layers:
            findings += _output(layers, folder)
            findings += _site_url(layers)
    return sorted(set(findings))


def _value(file: ConfigFile, node: yaml.Node, message: str) -> Iterator[Finding]:
    yield file.finding(node, "config-value", message)


def _scalar(node: yaml.Node) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _keys(file: ConfigFile, node: yaml.Node | None, allowed: dict[str, Check | None], where: str) -> Iterator[Finding]:
    """Each key of a mapping is allowed here, and its value has the shape its check asks for."""
    if not isinstance(node, yaml.MappingNode):
        if node is not None and where:
            yield from _value(file, node, f"{where} is a mapping of settings")
        return
    for key, value in node.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
        dotted = f"{where}.{name}" if where else name
        if name not in allowed:
            reason = REFUSED.get(dotted) or (
                f"the edition does not use it, and the theme prints settings into pages as they are; "
                f"the settings allowed here are {', '.join(sorted(allowed))}"
            )
            yield file.finding(key, "config-key", f"'{dotted}' is not allowed: {reason}")
            continue
        check = allowed[name]
        if check is not None:
            yield from check(file, value)


def _bool(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
        yield from _value(file, node, "must be true or false")


def _equals(expected: str, why: str) -> Check:
    def check(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
        value = _scalar(node)
        if value is None or posixpath.normpath(value) != expected:
            yield from _value(file, node, f"must be {expected!r}: {why}")

    return check


def _each(pattern: re.Pattern[str], what: str) -> Check:
    """A list of strings, each matching `pattern`."""

    def check(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in items:
            value = _scalar(item)
            if value is None or not pattern.match(value) or ".." in value.split("/"):
                yield from _value(file, item, f"{_shown(item)} is not {what}")

    return check


def _shown(node: yaml.Node) -> str:
    return repr(node.value) if isinstance(node, yaml.ScalarNode) else "a list or mapping"


def _scripts(kind: str) -> Check:
    pattern = re.compile(ASSET.pattern.replace("(?P<kind>js|css)", kind))
    return _each(pattern, f"one of the site's own .{kind} files under assets/ (a path, no address, no options)")


def _theme(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    yield from _keys(file, node, THEME, "theme")


def _font(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool") and node.value.lower() == "false"):
        yield from _value(
            file, node, "must be false: any font is loaded from fonts.googleapis.com (a third-party request)"
        )


def _favicon(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    if not FAVICON.match(_scalar(node) or ""):
        yield from _value(file, node, 'must be a data:image/svg+xml address with no < > " \\ or white space in it')


def _icons(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    for key, value in mapping(node).items():
        if not WORD.match(key):
            yield from _value(file, node, f"the icon setting {key!r} is not a word")
        yield from _each(ICON, "an icon name such as material/book-open")(file, value)


def _palette(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    options = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for option in options:
        yield from _keys(file, option, PALETTE, "theme.palette")


def _palette_value(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    if not PALETTE_VALUE.match(_scalar(node) or ""):
        yield from _value(file, node, "must be a colour name, a scheme or a media query (letters, digits, ( ) : -)")


def _toggle(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    yield from _keys(file, node, {"icon": _each(ICON, "an icon name"), "name": None}, "theme.palette.toggle")


def _extra(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    yield from _keys(file, node, EXTRA, "extra")


def _names(allowed: frozenset[str], what: str) -> Check:
    """A list (or mapping) of plugins or extensions, each named in `allowed`."""

    def check(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        keys = [k for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []
        for item in items:
            keys += [k for k, _ in item.value] if isinstance(item, yaml.MappingNode) else [item]
        for key in keys:
            name = _scalar(key)
            if name not in allowed:
                yield from _value(
                    file, key, f"{_shown(key)} is not one of the {what} the edition uses ({', '.join(sorted(allowed))})"
                )

    return check


def _nav(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    """Every entry is a page of docs/, or a titled section of entries: no address, no script."""
    todo = [node]
    while todo:
        current = todo.pop()
        if isinstance(current, yaml.SequenceNode):
            todo += reversed(current.value)
        elif isinstance(current, yaml.MappingNode):
            todo += reversed([value for _, value in current.value])
        else:
            value = _scalar(current)
            if value is None or not PAGE.match(value) or ".." in value.split("/"):
                yield from _value(file, current, f"the nav entry {_shown(current)} is not a page of docs/ (name.md)")


def _inherit(file: ConfigFile, node: yaml.Node) -> Iterator[Finding]:
    value = _scalar(node) or ""
    if not re.match(r"^[A-Za-z0-9_.-]{1,100}\.ya?ml$", value) or value == posixpath.basename(file.shown):
        yield from _value(file, node, "INHERIT names another config file beside this one (mkdocs.yml)")


PALETTE: dict[str, Check | None] = {
    "media": _palette_value,
    "scheme": _palette_value,
    "primary": _palette_value,
    "accent": _palette_value,
    "toggle": _toggle,
}
THEME: dict[str, Check | None] = {
    "name": _equals("material", "the edition's templates and checks are Material's"),
    "custom_dir": _equals("overrides", "the checker reads the theme's overrides there"),
    "language": _each(LANGUAGE, "a language code such as en"),
    "font": _font,
    "favicon": _favicon,
    "icon": _icons,
    "palette": _palette,
    "features": _each(FEATURE, "a feature name such as content.tooltips"),
}
EXTRA: dict[str, Check | None] = {
    "generator": _bool,
    "offline_edition": _bool,
    "polyfills": _scripts("js"),
}
ALLOWED: dict[str, Check | None] = {
    "INHERIT": _inherit,
    "site_name": None,  # texts: config-markup, and the checker's config-quote
    "site_description": None,
    "site_author": None,
    "copyright": None,
    "site_url": None,  # config-url
    "site_dir": None,  # config-output
    "strict": _bool,
    "validation": None,  # warnings only, never printed
    "use_directory_urls": _bool,
    "docs_dir": _equals("docs", "the checker reads the pages there"),
    "watch": None,  # what `serve` watches, never printed
    "nav": _nav,
    "theme": _theme,
    "extra": _extra,
    "extra_javascript": _scripts("js"),
    "extra_css": _scripts("css"),
    "hooks": None,  # the edition's own code
    "plugins": _names(PLUGINS, "plugins"),
    "markdown_extensions": _names(EXTENSIONS, "Markdown extensions (the checker's proofs assume them)"),
}


def _tags(file: ConfigFile, node: yaml.Node | None) -> Iterator[Finding]:
    """No Python tag (`!!python/name:…`): the engine's loader would import or run what it names.
    No `!ENV` but for site_url (config-url checks the address it gives): a text from the
    environment would reach every page unchecked."""
    env_allowed = mapping(node).get("site_url")
    todo = [node] if node is not None else []
    while todo:
        current = todo.pop()
        if current.tag.startswith(PYTHON_TAG):
            shown = current.tag.replace("tag:yaml.org,2002:", "!!")
            yield from _value(file, current, f"the tag {shown} runs Python when the config is read: plain values only")
        elif current.tag == "!ENV" and current is not env_allowed:
            yield from _value(
                file, current, "only site_url may come from the environment (!ENV): this value is unchecked"
            )
        if isinstance(current, yaml.SequenceNode):
            todo += current.value
        elif isinstance(current, yaml.MappingNode):
            todo += [n for pair in current.value for n in pair]


def _markup(file: ConfigFile) -> Iterator[Finding]:
    for text in printed_texts(file):
        bad = MARKUP.search(text.value)
        if bad:
            char = bad.group() if bad.group().isprintable() else f"U+{ord(bad.group()):04X}"
            line, col = text.at(bad.start())
            yield Finding(
                file.shown,
                line,
                col,
                "config-markup",
                f"{text.what} contains {char!r}; the theme writes it into every page as HTML, so it may not hold "
                '< > " or control characters',
            )


def _output(layers: list[ConfigFile], folder: str) -> Iterator[Finding]:
    """The build writes into its own folder: site/, or dist/.offline-site/ for the offline edition."""
    found = effective(layers, "site_dir")
    value = _scalar(found[1]) if found else "site"  # MkDocs' default
    if value is not None and posixpath.normpath(value) == folder:
        return
    file, node = found if found else (layers[0], None)
    yield file.finding(
        node,
        "config-output",
        f"the build with {layers[0].shown} would write the site into {value or 'a folder that is not a name'!r}; "
        f"site_dir must be {folder} (nothing is written outside site/ or dist/)",
    )


def _site_url(layers: list[ConfigFile]) -> Iterator[Finding]:
    found = effective(layers, "site_url")
    if found is None:
        return
    file, node = found
    url = _env(node)
    if not url:
        return
    problem = url_problem(url)
    if problem is None and not url.lower().startswith(("https://", "http://")):
        problem = "is not a full https: or http: address"
    elif problem is None and safe_url(url) != url:
        problem = "contains a character that must be percent-encoded (a quote, bracket, parenthesis …)"
    if problem:
        yield file.finding(node, "config-url", f"site_url {url!r} {problem}")


def _env(node: yaml.Node) -> str | None:
    """A value as MkDocs reads it: `!ENV VAR` or `!ENV [VAR, …, default]` from the environment."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "!ENV":
            return os.environ.get(node.value)
        return str(node.value) if node.value else None
    if isinstance(node, yaml.SequenceNode) and node.tag == "!ENV":
        values = [n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
        for name in values[:-1]:
            if os.environ.get(name):
                return str(os.environ[name])
        return str(values[-1]) if values else None
    return None
