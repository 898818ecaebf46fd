"""Where an editors' cut (`[…]`) may stand: a cut shortens one passage, it never joins two. The parts
of a cut quotation must all be words of one text, in the order given, each after the end of the one
before (`Passages.hold_in_order`); each part alone standing somewhere in the corpus is not enough
(“There was a Bristol located […] Stalin must be removed” joined two sources into one).

A text is held as a string of its tokens' ids, one code each, so that `str.find` (linear, in C)
finds a part only at whole tokens. The code is self-synchronising, as UTF-8 is: an id below
SINGLE is one character; a larger one is a lead character then a trail character, from ranges no
other code uses. A part's code begins with a one-character code or a lead, which stand only at the
start of a code in a text, and ends with a whole code: every match is aligned to whole tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

SINGLE = 0xD800  # ids below the surrogates: one character each
LEAD, TRAIL, SPAN = 0x10000, 0x80000, 0x70000  # planes 1 to 7 lead, 8 to 14 trail: SPAN² more ids
BETWEEN_EXCERPTS = "\ue000"  # in no code: no part is found across two excerpts


def _code(ids: Sequence[int]) -> str:
    return "".join(
        chr(i) if i < SINGLE else chr(LEAD + (i - SINGLE) // SPAN) + chr(TRAIL + (i - SINGLE) % SPAN) for i in ids
    )


class Passages:
    """Texts by their token ids, each a passage of one or more excerpts in order, and which texts
    hold each token: a cut quotation is looked for only in the texts that hold its rarest token, so
    its cost is bounded by those texts, never by all of them."""

    def __init__(self) -> None:
        self.coded: list[str] = []
        self.holding: dict[int, list[int]] = {}  # token id -> the passages holding it, each once

    def add(self, excerpts: Sequence[Sequence[int]]) -> None:
        number = len(self.coded)
        self.coded.append(BETWEEN_EXCERPTS.join(_code(ids) for ids in excerpts))
        for ids in excerpts:
            for token in ids:
                held = self.holding.setdefault(token, [])
                if not held or held[-1] != number:
                    held.append(number)

    def hold_in_order(self, parts: Sequence[Sequence[int]]) -> bool:
        """Does one passage hold every part, in this order, none overlapping the one before?"""
        tokens = {token for part in parts for token in part}
        if not tokens:
            return True
        rarest = min((self.holding.get(token, []) for token in tokens), key=len)
        codes = [_code(part) for part in parts]
        return any(self._in_order(self.coded[number], codes) for number in rarest)

    @staticmethod
    def _in_order(passage: str, codes: list[str]) -> bool:
        # The earliest end of each part leaves the most room for the rest: first found is best.
        at = 0
        for code in codes:
            found = passage.find(code, at)
            if found < 0:
                return False
            at = found + len(code)
        return True
