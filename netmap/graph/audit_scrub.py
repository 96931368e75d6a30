"""Erasure's scrub of earlier audit entries: what it removes, decided once for every store adapter."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from netmap.crypto import PREFIX
from netmap.models import AuditEvent

__all__ = ["ERASED", "ERASED_TEXT", "AuditScrub", "recorded", "scrub_event", "search_terms"]

ERASED: dict[str, Any] = {"erased": True}
ERASED_TEXT = "[erased]"
# Keys under which a dict in a list stands for (or belongs to) one person.
_PERSON_KEYS = ("id", "person_id", "owner_id", "from_id", "to_id", "other_person_id")


@dataclass(frozen=True)
class AuditScrub:
    """An erased person's traces to remove from the audit entries already stored.

    ``person_id`` is the person; ``names`` the plaintext strings that identify them (names,
    known-as, former names, usernames); ``own_ids`` the entity ids of their own records, whose
    entries lose their whole ``before``/``after``; ``accounts`` their account names (often an
    e-mail address), which leave the ``actor`` and ``entity_id`` columns too. ``tombstone`` is the erasure's own entry: the
    store writes it after the scrub, with ``after["counts"]["audit_entries_scrubbed"]`` set.
    """

    person_id: str
    tombstone: AuditEvent
    names: tuple[str, ...] = ()
    own_ids: frozenset[str] = field(default_factory=frozenset)
    accounts: tuple[str, ...] = ()

    @property
    def entity_ids(self) -> frozenset[str]:
        """Entity ids whose entries are erased whole: the person's and their own records'."""
        return self.own_ids | {self.person_id}


def search_terms(scrub: AuditScrub) -> tuple[str, ...]:
    """The strings to look for in stored JSON payloads (as JSON escapes them), longest first.

    >>> s = AuditScrub("p-1", AuditEvent(at="2025-01-01T00:00:00Z", actor="a", action="x",
    ...                                  entity="person", entity_id="p-1"), names=('Jo "JJ" Lee', ""))
    >>> search_terms(s)
    ('Jo \\\\"JJ\\\\" Lee', 'p-1')
    """
    terms = (scrub.person_id, *scrub.names, *scrub.accounts)
    found = {json.dumps(term, ensure_ascii=False)[1:-1] for term in terms if term}
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


@functools.lru_cache(maxsize=8)
def _pattern(person_id: str, names: tuple[str, ...]) -> re.Pattern[str]:
    terms = sorted({t for t in (person_id, *names) if t}, key=lambda t: (-len(t), t))
    if not terms:
        return re.compile(r"(?!)")  # matches nothing
    # Whole words only, so erasing "Ann" leaves "Annabel" alone; "|" and "." are boundaries, so
    # a membership id "c-1|p-1" loses its person part.
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + r")(?!\w)", re.IGNORECASE)


def _names_person(item: Any, person_id: str) -> bool:
    return isinstance(item, dict) and any(item.get(key) == person_id for key in _PERSON_KEYS)


def _clean(value: Any, person_id: str, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, dict):
        return {_clean(k, person_id, pattern): _clean(v, person_id, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, person_id, pattern) for v in value if not _names_person(v, person_id)]
    # A sealed value is ciphertext: a match inside it would only corrupt it.
    if isinstance(value, str) and not value.startswith(PREFIX):
        return pattern.sub(ERASED_TEXT, value)
    return value


def scrub_event(event: AuditEvent, scrub: AuditScrub) -> AuditEvent | None:
    """``event`` without the erased person, or None when it holds nothing of theirs.

    An entry about the person or one of their own records keeps who, what, when and the
    outcome, but its ``before``/``after`` become ``{"erased": true}`` (an absent side stays
    absent). Any other entry loses the list items that are the person (a dict whose ``id``,
    ``person_id``, ``owner_id``, ``from_id``, ``to_id`` or ``other_person_id`` is theirs), and
    their id and names inside text become ``[erased]``. Sealed values are left as they are.

    >>> stone = AuditEvent(at="2025-01-01T00:00:00Z", actor="amy", action="person.erase",
    ...                    entity="person", entity_id="p-2")
    >>> scrub = AuditScrub("p-2", stone, names=("Maureen Vale",))
    >>> snap = AuditEvent(at="2025-01-01T00:00:00Z", actor="amy", action="snapshot.take",
    ...                   entity="snapshot", entity_id="s-1", after={"people": [
    ...                       {"id": "p-1", "name": "Jordan"}, {"id": "p-2", "name": "Maureen Vale"}],
    ...                       "notes": "Call maureen vale on Sunday"})
    >>> scrub_event(snap, scrub).after
    {'people': [{'id': 'p-1', 'name': 'Jordan'}], 'notes': 'Call [erased] on Sunday'}
    >>> edit = snap.model_copy(update={"entity": "person", "entity_id": "p-2", "before": {"name": "M"}})
    >>> scrub_event(edit, scrub).before, scrub_event(edit, scrub).actor
    ({'erased': True}, 'amy')
    >>> scrub_event(snap.model_copy(update={"after": {"notes": "Maureen Valentine"}}), scrub) is None
    True
    """
    if event.entity_id in scrub.entity_ids:
        before = None if event.before is None else ERASED
        after = None if event.after is None else ERASED
    else:
        pattern = _pattern(scrub.person_id, scrub.names)
        before = None if event.before is None else _clean(event.before, scrub.person_id, pattern)
        after = None if event.after is None else _clean(event.after, scrub.person_id, pattern)
    # An account named after the person (an e-mail address, a username) leaves the columns too.
    accounts = _pattern("", scrub.accounts)
    actor, entity_id = accounts.sub(ERASED_TEXT, event.actor), accounts.sub(ERASED_TEXT, event.entity_id)
    if (before, after, actor, entity_id) == (event.before, event.after, event.actor, event.entity_id):
        return None
    return event.model_copy(update={"before": before, "after": after, "actor": actor, "entity_id": entity_id})


def recorded(scrub: AuditScrub, scrubbed: int) -> AuditEvent:
    """The scrub's tombstone, saying how many earlier entries it rewrote (a count, nothing else).

    >>> stone = AuditEvent(at="2025-01-01T00:00:00Z", actor="amy", action="person.erase",
    ...                    entity="person", entity_id="p-2", after={"counts": {"ties": 2}})
    >>> recorded(AuditScrub("p-2", stone), 3).after
    {'counts': {'ties': 2, 'audit_entries_scrubbed': 3}}
    """
    after = dict(scrub.tombstone.after or {})
    after["counts"] = {**after.get("counts", {}), "audit_entries_scrubbed": scrubbed}
    return scrub.tombstone.model_copy(update={"after": after})
