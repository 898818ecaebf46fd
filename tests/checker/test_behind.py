"""An unfit site is not admitted behind another (tools/checker/sourcelist.py, policy): an archive's,
a redirector's, a cache's or a translating proxy's address is held to the source policy for every
address it stands for, and a link shortener, whose destination is not in its address, is denied."""

from __future__ import annotations

import pytest
from conftest import PROJECT, Project, position

from tools.model.loading import load
from tools.model.urls import on_domain

YML = "data/sources.yml"
READ = "        read_at: https://en.wikipedia.org/wiki/Nikolai_Bukharin\n"
UNAUTHORISED_READ = "        read_at: https://m.tululu.org/bread_38283_80.xhtml\n        copy: unauthorised\n"
MIRRORS = "  mirrors:\n"
SHORTENERS = (
    "bit.ly tinyurl.com t.co goo.gl ow.ly is.gd buff.ly rebrand.ly cutt.ly shorturl.at tiny.cc lnkd.in rb.gy".split()
)


def read_at(mini: Project, address: str, copy: str = "archive", old: str = READ) -> str:
    """`address` read as a copy of the kind `copy`, admitted on review (the policy is the rule's, not
    the lock's), and the findings of the source policy's rules on it."""
    mini.replace(YML, old, f"        read_at: {address}\n        copy: {copy}\n")
    mini.admit()
    return "\n".join(str(f) for f in mini.check().findings)


def at_read_at(mini: Project, address: str) -> str:
    line, col = position(mini.read(YML), f"read_at: {address}")
    return f"{YML}:{line}:{col}:"


@pytest.mark.parametrize(
    "address",
    [
        "https://web.archive.org/web/2019/https://de.metapedia.org/wiki/Bucharin,_Nikolai_Iwanowitsch",
        "https://de-metapedia-org.translate.goog/wiki/Bucharin?_x_tr_sl=de&_x_tr_tl=en",
        "https://www.google.com/url?q=https://de.metapedia.org/wiki/X",
        "https://webcache.googleusercontent.com/search?q=cache:de.metapedia.org/wiki/X",
        "https://archive.ph/o/AbCd1/https://de.metapedia.org/wiki/X",
        "https://www.google.com/url?q=https%253A%252F%252Fweb.archive.org%252Fweb%252F2019%252Fhttps%25253A%25252F%25252Fde.metapedia.org",
    ],
)
def test_a_denied_site_behind_another_is_denied(mini: Project, address: str) -> None:
    found = read_at(mini, address)
    outer = address.split("/")[2]
    assert found == (
        f"{at_read_at(mini, address)} source-denied de.metapedia.org behind {outer} is on the denylist "
        "(a far-right wiki); cite another copy"
    )


def test_a_denied_site_behind_a_mirrors_canonical_page_is_denied(mini: Project) -> None:
    canonical = "https://web.archive.org/web/2019/https://en.metapedia.org/wiki/Nikolai_Bukharin"
    found = read_at(mini, f"https://liquisearch.com/nikolai_bukharin\n        canonical: {canonical}", "mirror")
    assert "source-denied en.metapedia.org behind web.archive.org is on the denylist" in found
    assert f"canonical: {canonical}" in mini.read(YML)


def test_a_denied_site_behind_a_works_own_address_is_denied(mini: Project) -> None:
    mini.replace(
        YML, "    url: https://todaychina.cc/1542.html", "    url: https://archive.ph/o/X/https://metapedia.org/1542"
    )
    mini.admit()
    found = [str(f) for f in mini.check().findings if f.rule == "source-denied"]
    assert found == [f"{YML}:72:5: source-denied metapedia.org behind archive.ph is on the denylist (a far-right wiki)"]


def ebin_behind_an_archive(mini: Project) -> str:
    """The fixture's policy with a pirated-PDF host, and an archive's copy of a page of it."""
    mini.replace(YML, MIRRORS, "  unauthorised:\n    - {domain: ebin.pub, what: a pirated-PDF host}\n" + MIRRORS)
    return "https://web.archive.org/web/2020/https://ebin.pub/the-secret-history.html"


def test_an_unauthorised_host_behind_an_archive_is_still_an_unauthorised_copy(mini: Project) -> None:
    address = ebin_behind_an_archive(mini)
    found = read_at(mini, address)
    assert found == (
        f"{at_read_at(mini, address)} source-copy ebin.pub behind web.archive.org is a pirated-PDF host: "
        "say `copy: unauthorised`"
    )


def test_an_unauthorised_copy_behind_an_archive_still_cites_a_printed_work(mini: Project) -> None:
    address = ebin_behind_an_archive(mini)
    # cited as what it is, for a printed work: admitted
    assert read_at(mini, address, "unauthorised", UNAUTHORISED_READ) == ""
    # cited as what it is, for a work with its own address (Wikipedia): refused, as on the host itself
    found = read_at(mini, address, "unauthorised")
    assert "source-copy an unauthorised copy is never the source: cite the printed work" in found


def test_a_mirror_behind_an_archive_is_cited_as_a_mirror(mini: Project) -> None:
    address = "https://web.archive.org/web/2019/https://www.liquisearch.com/nikolai_bukharin"
    found = read_at(mini, address)
    assert found == (
        f"{at_read_at(mini, address)} source-copy www.liquisearch.com behind web.archive.org copies Wikipedia "
        "articles: say `copy: mirror`"
    )


def test_a_link_shortener_is_denied_by_the_data(mini: Project) -> None:
    mini.replace(
        YML,
        "      reason: a far-right wiki\n",
        "      reason: a far-right wiki\n    - {domain: bit.ly, reason: a link shortener}\n",
    )
    found = read_at(mini, "https://bit.ly/3xYzAbc", "mirror\n        canonical: https://en.wikipedia.org/wiki/X")
    assert "source-denied bit.ly is on the denylist (a link shortener); cite another copy" in found


def test_the_real_policy_denies_link_shorteners() -> None:
    loaded, _ = load(PROJECT / YML, YML)
    assert loaded is not None
    denied = loaded.sources.policy.denylist
    for host in SHORTENERS:
        assert any(on_domain(host, d.domain) and "link shortener" in d.reason for d in denied), host


@pytest.mark.parametrize(
    "address",
    [
        "https://web.archive.org/web/2019/https://www.marxists.org/archive/bukharin/works/1937/letter.htm",
        "https://www.google.com/url?q=https://www.marxists.org/archive/bukharin/",
        "https://www-marxists-org.translate.goog/archive/bukharin/?_x_tr_sl=en&_x_tr_tl=de",
    ],
)
def test_an_archive_of_an_allowed_site_passes(mini: Project, address: str) -> None:
    assert read_at(mini, address) == ""
