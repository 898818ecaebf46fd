"""Where an editors' cut (`[…]`) may stand: a cut shortens one passage, it never joins two. The parts
of a cut quotation must all be words of one text, in the order given, each after the end of the one
before (`Passages.hold_in_order`); each part alone standing somewhere in the corpus is not enough
(“There was a Bristol located […] Stalin must be removed” joined two sources into one).

A passage is held as its tokens' ids, and where each id stands in it. A part is looked for only
where its rarest token stands, after the end of the part before: a quotation costs the places of
its rarest tokens in the passages that hold them, never a scan of a long passage for each of many
quotations (a round once made 16,000 cuts against one long source cost 18.7 s for 1.25 MB).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

BETWEEN_EXCERPTS = -1  # no token's id: no part is found across two excerpts
# The places one cut quotation may try, in all the passages it looks in together. A part whose rarest
# token stands thousands of times is no words a reader could find there either: past this it is not
# found, so every quotation costs at most this much, whatever the passages (a round once made 405 KB
# of such parts take 41 s).
MAX_TRIES = 2_000
# The passages one cut quotation is looked for in: those that hold its rarest token, the first this
# many. A quotation whose every word stands in more passages than this is made of words too common
# to say which text it shortens (6,000 readings of the same four words and 40,000 cuts of them cost
# their product before).
MAX_PASSAGES = 16


class Passages:
    """Texts by their token ids, each a passage of one or more excerpts in order, and which texts
    hold each token: a cut quotation is looked for only in the texts that hold its rarest token, so
    its cost is bounded by those texts, never by all of them."""

    def __init__(self) -> None:
        self.tokens: list[list[int]] = []  # each passage's ids, its excerpts apart
        self.places: list[dict[int, list[int]]] = []  # each passage: token id -> where it stands
        self.holding: dict[int, list[int]] = {}  # token id -> the passages holding it, each once

    def add(self, excerpts: Sequence[Sequence[int]]) -> None:
        number = len(self.tokens)
        tokens: list[int] = []
        for k, ids in enumerate(excerpts):
            tokens.extend([BETWEEN_EXCERPTS] if k else [])
            tokens.extend(ids)
        places: dict[int, list[int]] = {}
        for at, token in enumerate(tokens):
            places.setdefault(token, []).append(at)
        self.tokens.append(tokens)
        self.places.append(places)
        for token in places:
            if token != BETWEEN_EXCERPTS:
                self.holding.setdefault(token, []).append(number)

    def hold_in_order(self, parts: Sequence[Sequence[int]]) -> bool:
        """Does one passage hold every part, in this order, none overlapping the one before?"""
        tokens = {token for part in parts for token in part}
        if not tokens:
            return True
        rarest = min((self.holding.get(token, []) for token in tokens), key=len)
        left = MAX_TRIES
        for number in rarest[:MAX_PASSAGES]:
            found, left = self._in_order(number, parts, left)
            if found:
                return True
            if left <= 0:
                return False
        return False

    def _in_order(self, number: int, parts: Sequence[Sequence[int]], left: int) -> tuple[bool, int]:
        """Whether the passage holds the parts in order, and the tries left of `left`."""
        # The earliest end of each part leaves the most room for the rest: first found is best.
        tokens, places = self.tokens[number], self.places[number]
        at = 0
        for part in parts:
            if not part:
                continue
            if any(token not in places for token in part):
                return False, left
            # where the part's rarest token stands, from the end of the part before on
            wanted = list(part)
            k = min(range(len(wanted)), key=lambda i: len(places[wanted[i]]))
            standing = places[wanted[k]]
            first = bisect_left(standing, at + k)
            found = None
            for p in standing[first : first + max(0, left)]:
                left -= 1
                if tokens[p - k : p - k + len(wanted)] == wanted:
                    found = p - k
                    break
            if found is None:
                return False, left
            at = found + len(part)
        return True, left
