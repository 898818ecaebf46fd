"""The addresses an address stands for (tools/model/urls.py, hosts_within): an archive's, a
redirector's, a search engine's cache's and a translating proxy's, however deeply percent-escaped."""

from __future__ import annotations

import pytest
from complexity import cpu, growth

from tools.model.urls import hosts_within, url_problem

DENIED = "de.metapedia.org"


@pytest.mark.parametrize(
    "url",
    [
        "https://web.archive.org/web/2019/https://de.metapedia.org/wiki/Bucharin,_Nikolai_Iwanowitsch",
        "https://web.archive.org/web/2019id_/http://de.metapedia.org/wiki/X",
        "https://de-metapedia-org.translate.goog/wiki/Bucharin?_x_tr_sl=de&_x_tr_tl=en",
        "https://www.google.com/url?q=https://de.metapedia.org/wiki/X&sa=D",
        "https://www.google.com/url?url=https%3A%2F%2Fde.metapedia.org%2Fwiki%2FX",
        "https://l.facebook.com/l.php?u=HTTPS%3a%2f%2fDE.METAPEDIA.ORG%2Fwiki",
        "https://webcache.googleusercontent.com/search?q=cache:de.metapedia.org/wiki/X",
        "https://webcache.googleusercontent.com/search?q=cache:AbC-12_x:de.metapedia.org/wiki/X+Bucharin",
        "https://archive.ph/o/AbCd1/https://de.metapedia.org/wiki/X",
        "https://example.org/go#https://de.metapedia.org/wiki/X",
        # nested: a redirector's target, escaped twice, is an archive of the page
        "https://www.google.com/url?q=https%253A%252F%252Fweb.archive.org%252Fweb%252F2019%252Fhttps%25253A%25252F%25252Fde.metapedia.org",
        # an escape that an escape completes (%2568 is %68 is h) is decoded as a browser's second pass would
        "https://www.google.com/url?q=%2568ttps://de.metapedia.org/wiki/X",
        "https://www.google.com/url?q=https://user@de.metapedia.org.:443/wiki/X",
        "https://web.archive.org/web/2019/https://de-metapedia-org.translate.goog/wiki/X",
        # with no scheme before it: services read a name as a host all the same (round 13)
        "https://web.archive.org/web/2019/de.metapedia.org/wiki/Sedow,_Leo",
        "https://translate.google.com/translate?sl=de&tl=en&u=de.metapedia.org/wiki/Sedow,_Leo",
        "https://archive.ph/newest/de.metapedia.org/wiki/Sedow,_Leo",
        "https://web.archive.org/web/2019/https://x&y@de.metapedia.org/wiki/Sedow,_Leo",
        "https://web.archive.org/web/2019/https://de%E3%80%82metapedia.org/wiki/X",  # an ideographic dot
        # what a browser's host parser maps away (round 14): a soft hyphen, a zero-width space,
        # fullwidth letters
        "https://www.google.com/url?q=https://de.meta%C2%ADpedia.org/wiki/Sedow,_Leo",
        "https://web.archive.org/web/2019/https://de.meta%E2%80%8Bpedia.org/wiki/X",
        "https://web.archive.org/web/2019/https://de.%EF%BD%8D%EF%BD%85%EF%BD%94%EF%BD%81pedia.org/wiki/X",
    ],
)
def test_an_address_within_another_is_found(url: str) -> None:
    assert DENIED in hosts_within(url)


def test_the_translating_proxy_writes_a_hyphen_twice() -> None:
    assert list(hosts_within("https://my--site-org.translate.goog/page")) == ["my-site.org"]
    assert list(hosts_within("https://de-metapedia-org-translate-goog.translate.goog/")) == [
        "de.metapedia.org.translate.goog",
        DENIED,
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://bit.ly/3xYzAbc",  # where it leads is not in the address: the denylist holds it
        "https://en.wikipedia.org/wiki/Nikolai_Bukharin",
        "https://www.marxists.org/archive/bukharin/works/1937/letter.htm?page=2#cache",
        "https://archive.org/details/reportofcourtpro1938",
    ],
)
def test_an_address_that_stands_for_no_other(url: str) -> None:
    assert list(hosts_within(url)) == []


def test_an_archive_of_an_allowed_site_stands_for_that_site() -> None:
    url = "https://web.archive.org/web/2019/https://www.marxists.org/archive/bukharin/"
    assert list(hosts_within(url)) == ["www.marxists.org"]


@pytest.mark.parametrize(
    "url", ["", ":", "https://", "https://[", "https://a/%%34%31%", "cache:", "https:////", "https://x/%ff%fe"]
)
def test_a_malformed_address_never_raises(url: str) -> None:
    assert isinstance(hosts_within(url), tuple)


def test_a_percent_escape_in_a_host_is_refused() -> None:
    problem = url_problem("https://de%2Emetapedia%2Eorg/wiki/X", relative=False)
    assert problem is not None and "percent-escape in its host" in problem


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: "https://a.org/" + "https://a.org/" * (n // 14),  # addresses nested in the path
        lambda n: "https://a.org/?q=" + "%25" * (n // 3) + "41",  # one escape escaped n times
        lambda n: "https://a.org/?q=" + "%" * (n // 3) + "%34%31" * (n // 6),  # escapes that complete others
        lambda n: "https://a.org/?q=cache:" + "x:" * (n // 2),  # cache ids, none followed by a host
        lambda n: "https://" + "a--" * (n // 20) + "-".join(["b"] * (n // 4)) + ".translate.goog/",
    ],
)
def test_ten_times_the_address_costs_at_most_fifteen_times_the_time(shape) -> None:  # type: ignore[no-untyped-def]
    """Linear by construction (one pass of decoding, one RE2 scan): a quadratic path would cost a
    hundred times. CPU time ratios only; the absolute figures belong nowhere in an assert."""
    small, large = shape(5_000), shape(50_000)
    ratio = growth(
        lambda: cpu(lambda: hosts_within(small), [hosts_within]),
        lambda: cpu(lambda: hosts_within(large), [hosts_within]),
        15,
    )
    assert ratio <= 15, f"ten times the address took {ratio:.1f} times the time"
