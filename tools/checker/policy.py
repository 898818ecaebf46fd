"""The source policy: only sources a historian would accept, each labelled for what it is.

A source (a `work` and/or a `url`) has a kind (tools/model/records.py KINDS), its own or its
work's. These rules read the whole source list at once:

- source-denied      an address on a domain of the policy's denylist (each entry says why);
- source-label       an address filed under a work that lives elsewhere (`work: wikipedia` with
                     a page that is not on wikipedia.org), unless it is a declared mirror of a
                     page of that work;
- source-mirror      a mirror that does not name its canonical page, or a canonical page on a
                     source that is not a mirror;
- source-mirror-only a list of sources (one entry, or one account of a meeting) whose every
                     source is a mirror: a copy is never the only support for a fact;
- source-home-page   an address that is a site's home page: it locates nothing;
- source-kind        an address with no work and no kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from ..model.findings import Finding
from ..model.records import WORK_KINDS, PathKey, SourceList, SourceRef

At = Callable[[PathKey, str, str], Finding]  # a finding at a YAML key


def host(url: str) -> str | None:
    """The lower-case host of an address, without a trailing dot; None if it has none."""
    try:
        name = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return name.rstrip(".").lower() if name else None


def within(name: str, domain: str) -> bool:
    """True if host `name` is `domain` or one of its subdomains."""
    return name == domain or name.endswith("." + domain)


def is_home_page(url: str) -> bool:
    """An address with nothing after the host (or only "/", "/index.html", a query-less "/#…")."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    path = parts.path.strip("/").lower()
    return not parts.query and path in ("", "index.html", "index.htm", "index.php")


def kind_of(ref: SourceRef, sources: SourceList) -> str | None:
    """The source's own kind, else its work's."""
    if ref.kind is not None:
        return ref.kind
    work = sources.works.get(ref.work or "")
    return work.kind if work is not None and work.kind in WORK_KINDS else None  # a wrong kind is yaml-value's


def check_policy(sources: SourceList) -> Iterator[Finding]:
    denied = sources.policy.denylist if sources.policy is not None else ()
    copiers = sources.policy.mirrors if sources.policy is not None else ()

    def add(key: PathKey, rule: str, message: str) -> Finding:
        line, col = sources.where(*key)
        return Finding(sources.path, line, col, rule, message)

    def addresses(at: PathKey, what: str, urls: dict[str, str | None]) -> Iterator[Finding]:
        for field_name, url in urls.items():
            if url is None:
                continue
            name = host(url)
            for entry in denied:
                if name is not None and within(name, entry.domain):
                    yield add(
                        (*at, field_name),
                        "source-denied",
                        f"{what}: {name} is on the denylist ({entry.domain}: {entry.reason}); cite another source",
                    )
                    break
            if is_home_page(url):
                yield add(
                    (*at, field_name),
                    "source-home-page",
                    f"{what}: {url} is a site's home page, which locates nothing; cite the page that says it",
                )

    for key, what, refs in sources.source_lists():
        for index, ref in enumerate(refs):
            at = (*key, index)
            yield from addresses(at, what, {"url": ref.url, "canonical": ref.canonical})
            yield from _label(ref, sources, what, at, add)
            name = host(ref.url) if ref.url else None
            site = next((m for m in copiers if name is not None and within(name, m.domain)), None)
            if site is not None and kind_of(ref, sources) != "mirror":
                yield add(
                    (*at, "url"),
                    "source-label",
                    f"{what}: {name} copies {site.copies}; cite it as 'kind: mirror' with the page it copies "
                    "as 'canonical'",
                )
        if refs and all(kind_of(r, sources) == "mirror" for r in refs):
            yield add(
                key,
                "source-mirror-only",
                f"{what}: every source is a mirror; a copy is never the only support for a fact, so cite the "
                "canonical page or another source beside it",
            )
    for q in sources.quotations.values():
        for name in ("russian", "report_wording"):
            wording = getattr(q, name)
            if wording is not None:
                at = (*sources.key_of("quotations", q.id), name)
                yield from addresses(at, f"quotation '{q.id}' {name}", {"url": wording.url})


def _label(ref: SourceRef, sources: SourceList, what: str, at: PathKey, add: At) -> Iterator[Finding]:
    kind = kind_of(ref, sources)
    if ref.url is not None and kind is None:
        yield add((*at, "url"), "source-kind", f"{what}: a source without a work needs a 'kind' (one of the kinds)")
    if kind == "mirror" and ref.canonical is None:
        yield add(
            (*at, "kind"),
            "source-mirror",
            f"{what}: a mirror must name the page it copies: add 'canonical' with that page's address",
        )
    if kind != "mirror" and ref.canonical is not None:
        yield add(
            (*at, "canonical"),
            "source-mirror",
            f"{what}: only a mirror has a canonical page; add 'kind: mirror' or cite the canonical page as the url",
        )
    work = sources.works.get(ref.work or "")
    if work is None or not work.domains or ref.url is None:
        return
    name = host(ref.url)
    canonical = host(ref.canonical) if ref.canonical else None
    on_site = name is not None and any(within(name, d) for d in work.domains)
    mirrored = kind == "mirror" and canonical is not None and any(within(canonical, d) for d in work.domains)
    if not on_site and not mirrored:
        sites = ", ".join(work.domains)
        yield add(
            (*at, "url"),
            "source-label",
            f"{what}: {name or ref.url} is not {work.short} ({sites}); label it by what it is, or declare it "
            f"'kind: mirror' with the {work.short} page it copies as 'canonical'",
        )
