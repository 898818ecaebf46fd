"""End to end: a person's canonical name is written once, in data/sources.yml. Change it there,
run `./edition check --write`, build — and every page, tooltip and download says the new
name, no page says the old one, and the chapter's own text has not moved."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Project, mkdocs_build, run_check

from tools.model.pages import parse

OLD = "Andrey Yanuaryevich Vyshinsky"
NEW = "Andrei Vyshinsky"
YML = "data/sources.yml"
CHAPTER = ("warning.md", "praise.md", "trotsky.md", "meetings.md")


def chapter_blocks(project: Project) -> dict[str, list[tuple[str, str, str | None, tuple[str, ...]]]]:
    """Every block of every chapter page except the footnote definitions."""
    shapes = {}
    for name in CHAPTER:
        page = parse(project.read(f"docs/{name}"), f"docs/{name}", name)
        shapes[name] = [(b.kind, b.text, b.id, b.classes) for b in page.blocks if b.kind != "footnotes"]
    return shapes


def non_footnote_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if not line.startswith("[^")]


def test_a_new_canonical_name_reaches_every_page(repo_copy: Project, tmp_path: Path) -> None:
    before = {name: repo_copy.read(f"docs/{name}") for name in CHAPTER}
    blocks_before = chapter_blocks(repo_copy)
    repo_copy.replace(YML, f"    name: {OLD}\n", f"    name: {NEW}\n")

    # Before --write, the checker refuses the stale footnotes and says how to fix them ...
    stale = run_check(repo_copy.root)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    findings = stale.stdout.splitlines()
    footnote_text = [f for f in findings if " footnote-text " in f]
    assert footnote_text and len(footnote_text) == len(findings), findings
    for label in ("q-vyshinsky-epithets", "q-vyshinsky-forward-to-communism"):
        line, col = repo_copy.where("docs/praise.md", f"[^{label}]:")
        assert any(
            f.startswith(f"docs/praise.md:{line}:{col}: footnote-text footnote [^{label}] ") for f in footnote_text
        )
    assert all("run `./edition check --write`" in f for f in footnote_text)
    # ... and so does the build: the site can never show a stale footnote.
    refused = mkdocs_build(repo_copy.root, tmp_path / "stale")
    assert refused.returncode != 0
    assert "footnote-text" in refused.stdout + refused.stderr
    assert not (tmp_path / "stale" / "praise.html").exists()

    written = run_check(repo_copy.root, "--write")
    assert written.returncode == 0, written.stdout + written.stderr
    assert "docs/praise.md: footnotes regenerated" in written.stderr
    assert run_check(repo_copy.root).returncode == 0

    # --write changed footnote definitions only: the chapter's paragraphs, ids and headings are as they were.
    assert chapter_blocks(repo_copy) == blocks_before
    for name in CHAPTER:
        after = repo_copy.read(f"docs/{name}")
        assert non_footnote_lines(after) == non_footnote_lines(before[name]), name
        if name != "praise.md":
            assert after == before[name]
    praise = repo_copy.read("docs/praise.md")
    assert OLD not in praise
    assert praise.count(f"**{NEW}**, prosecutor.") == 2

    site = tmp_path / "site"
    build = mkdocs_build(repo_copy.root, site)
    assert build.returncode == 0, build.stdout + build.stderr

    def read(name: str) -> str:
        return (site / name).read_text(encoding="utf-8")

    # The footnotes.
    footnotes = read("praise.html").split('<div class="footnote">', 1)[1]
    assert footnotes.count(f"<strong>{NEW}</strong>, prosecutor.") == 2
    # The name tooltips in the chapter.
    assert re.search(
        rf'<a class="person" href="people.html#vyshinsky" title="Velicki = {NEW} \(1883–1954\), '
        rf'[^"]*">Velicki</a>',
        read("praise.html"),
    )
    # The generated pages and the download.
    assert re.search(rf'<h2 id="vyshinsky">{NEW}', read("people.html"))
    assert f'<h3 id="speaker-vyshinsky">{NEW}' in read("quotations.html")
    assert read("quotations.csv").count(f",vyshinsky,{NEW},") == 2
    assert read("quotations.json").count(f'"speaker": "{NEW}"') == 2
    teachers = read("teachers.html")  # the epithets are a paraphrase, the closing words a quotation
    assert (
        teachers.count(f"{NEW}, quoted in Alexander Orlov")
        == teachers.count(f"{NEW}, paraphrased in Alexander Orlov")
        == 1
    )
    assert re.search(rf'Prosecutor</dt>\s*<dd><a href="people.html#vyshinsky">{NEW}</a>', read("trials.html"))

    # The old name is nowhere in the built site.
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".csv", ".json", ".xml", ".js", ".txt"):
            assert OLD not in path.read_text(encoding="utf-8", errors="replace"), path.relative_to(site)
