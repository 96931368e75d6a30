"""The audit trail's seal: each entry carries an HMAC over its content and the entry before it.

Whoever holds the store file but not the key cannot change, insert or remove an entry in the
middle without ``netmap check`` noticing: the entry's seal (and the next one's) no longer match.
A legitimate rewrite (an erasure, a key rotation) is made with the key and re-seals every entry
from the first one it changed. Every store adapter computes seals with these functions, so one
key verifies a trail written by any of them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from netmap.models import AuditEvent

__all__ = ["AuditRewrite", "AuditSeal", "chain_problems", "link", "link_dumped", "reseal_from"]


@dataclass(frozen=True)
class AuditSeal:
    """The key an adapter seals audit entries with (derived from the store's field key)."""

    key: bytes


@dataclass(frozen=True)
class AuditRewrite:
    """A rewrite of stored entries made with the key: ``change`` returns an entry's new content (or
    None to leave it); entries whose stored ``before``/``after`` text contains none of ``contains``
    are left alone without being read (empty ``contains``: every entry is offered). ``seal`` seals
    the whole trail again afterwards (a key rotation changes the sealing key)."""

    change: Callable[[AuditEvent], AuditEvent | None]
    contains: tuple[str, ...] = ()
    seal: AuditSeal | None = None


def link(key: bytes, previous: str, event: AuditEvent) -> str:
    """The seal of ``event`` (its ``seq`` assigned) following an entry sealed ``previous``.

    >>> e = AuditEvent(seq=1, at="2025-01-01T00:00:00Z", actor="amy", action="x", entity="case", entity_id="c-1")
    >>> len(link(b"k", "", e)), link(b"k", "", e) == link(b"k", "", e), link(b"k", "", e) == link(b"j", "", e)
    (64, True, False)
    """
    return link_dumped(key, previous, event.model_dump(mode="json"))


def link_dumped(key: bytes, previous: str, data: dict[str, Any]) -> str:
    """``link`` of an event given as its ``model_dump(mode="json")`` (an adapter writing the dump
    anyway need not make it twice). The seal covers every field as stored except itself.

    >>> e = AuditEvent(seq=1, at="2025-01-01T00:00:00Z", actor="amy", action="x", entity="case", entity_id="c-1")
    >>> link_dumped(b"k", "", e.model_dump(mode="json") | {"chain": "old"}) == link(b"k", "", e)
    True
    """
    content = {name: value for name, value in data.items() if name != "chain"}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, previous.encode("ascii") + b"\n" + text, hashlib.sha256).hexdigest()


def reseal_from(key: bytes, previous: str, events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """``events`` (in ``seq`` order, following an entry sealed ``previous``) with fresh seals."""
    sealed = []
    for event in events:
        previous = link(key, previous, event)
        sealed.append(event.model_copy(update={"chain": previous}))
    return sealed


def chain_problems(key: bytes, events: Iterable[AuditEvent], *, limit: int = 50) -> list[str]:
    """Sentences naming entries missing from, changed in or unsealed in a trail read in ``seq`` order.

    Each entry is checked against the stored seal of the one before it, so one changed entry is
    named once (with its successor, whose link to it no longer holds) and the rest still verify.
    """
    problems: list[str] = []
    previous, expected = "", 1
    for event in events:
        if event.seq > expected:
            gap = (
                f"entry {expected} is"
                if event.seq == expected + 1
                else f"entries {expected} to {event.seq - 1} are"
            )
            problems.append(f"Audit {gap} missing: the trail was cut.")
        if not event.chain:
            problems.append(
                f"Audit entry {event.seq} has no seal (written before netmap sealed its audit trail; "
                "run: netmap keys rotate)."
            )
        elif not hmac.compare_digest(event.chain, link(key, previous, event)):
            problems.append(
                f"Audit entry {event.seq} does not match its seal: it or the entry before it was changed."
            )
        previous, expected = event.chain, event.seq + 1
        if len(problems) >= limit:
            break
    return problems
