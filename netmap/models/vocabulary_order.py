"""Lists of words from one vocabulary kept once each, in the order the vocabulary lists them."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TypeVar

__all__ = ["once_each_in_order"]

WordT = TypeVar("WordT", bound=StrEnum)
_RANKS: dict[type[StrEnum], dict[str, int]] = {}


def once_each_in_order(words: Sequence[WordT], vocabulary: type[WordT]) -> list[WordT]:
    """``words`` without repeats, in the order ``vocabulary`` lists them.

    A record read back is already so and is returned as it is, found without hashing a member
    (which runs in Python): a tie's support domains are checked every time a network is read.

    >>> from netmap.models.vocabularies import SupportDomain
    >>> once_each_in_order([SupportDomain.MONEY, SupportDomain.EMOTIONAL, SupportDomain.MONEY], SupportDomain)
    [<SupportDomain.EMOTIONAL: 'emotional'>, <SupportDomain.MONEY: 'money'>]
    """
    if len(words) < 2:
        return list(words)
    rank = _RANKS.get(vocabulary) or _RANKS.setdefault(
        vocabulary, {w._value_: i for i, w in enumerate(vocabulary)}
    )
    ranks = [rank[w._value_] for w in words]
    if all(a < b for a, b in zip(ranks, ranks[1:], strict=False)):
        return list(words)
    kept = {rank[w._value_]: w for w in words}
    return [kept[r] for r in sorted(kept)]
