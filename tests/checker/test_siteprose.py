"""tools/checker/siteprose.py: the config's texts put only the chapter's words in quotation marks
(config-quote), and a chapter page's nav title is its heading (nav-title); in both configs."""

from __future__ import annotations

from conftest import Project


def config(project: Project, text: str, name: str = "mkdocs.yml") -> list[str]:
    project.write(name, text)
    return project.findings()


def test_the_chapters_words_may_be_quoted(mini: Project) -> None:
    assert config(mini, "site_description: Orlov's chapter, in which Velicki says “great,” “genius,”\n") == []


def test_made_up_words_are_refused_wherever_the_theme_prints_them(mini: Project) -> None:
    text = (
        "site_name: 'Orlov: “Stalin is innocent”'\n"
        "copyright: >-\n  The editors; Orlov wrote\n  ‘Stalin is innocent’.\n"
        "theme:\n  palette:\n    - toggle:\n        name: Dark «Stalin is innocent»\n"
        "markdown_extensions:\n  - toc:\n      title: ❝Stalin is innocent❞\n"
    )
    found = [f for f in config(mini, text) if " config-quote " in f]
    assert [f.split(" ")[0] for f in found] == [
        "mkdocs.yml:1:20:",
        "mkdocs.yml:4:3:",
        "mkdocs.yml:8:20:",
        "mkdocs.yml:11:14:",
    ]


def test_the_offline_config_is_read_too(mini: Project) -> None:
    mini.write("mkdocs.yml", "site_name: Edition\n")
    found = config(
        mini,
        "INHERIT: mkdocs.yml\nsite_dir: dist/.offline-site\ncopyright: “Stalin is innocent”\n",
        "mkdocs.offline.yml",
    )
    assert [f.split(" ")[:2] for f in found] == [["mkdocs.offline.yml:3:12:", "config-quote"]]


def test_a_nav_title_is_the_pages_editors_heading(mini: Project) -> None:
    nav = "nav:\n  - The chapter:\n      - The trials as a warning: warning.md\n      - Praise in the courtroom: praise.md\n"
    assert config(mini, nav) == []  # warning.md: its editors' heading, not its first (the original's title)
    found = config(mini, nav.replace("Praise in the courtroom", "Praise of Stalin"))
    assert found == [
        "mkdocs.yml:4:9: nav-title the nav calls praise.md “Praise of Stalin”, but the page's heading is “Praise in "
        "the courtroom”: a chapter page's nav title is its heading, word for word (readers see it in the title bar, "
        "the navigation and the books' contents)"
    ]


def test_an_editorial_pages_nav_title_is_the_editors_own(mini: Project) -> None:
    assert config(mini, "nav:\n  - Home: index.md\n  - warning.md\n") == []
