"""The audit trail in plain words: who changed what, when, and which fields, for the History page
and ``netmap audit``.

Pure: it reads ``AuditEvent`` values and a map of person ids to names, and returns lines. What an
actor may read of the trail (before and after values only for those who may read restricted
details, never the young person's private words) is decided by the service before this runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from netmap.models import AuditEvent

__all__ = [
    "ACTION_WORDS",
    "KINDS",
    "AuditLine",
    "audit_lines",
    "changed_fields",
    "concerns",
    "kind_of",
    "local_time",
    "people_in",
]

UK = ZoneInfo("Europe/London")

# What each audited action did, as a person would say it. An action not listed shows its code.
ACTION_WORDS: dict[str, str] = {
    "case.create": "opened the case",
    "case.update": "changed the case's details",
    "case.sharing": "changed who practitioners may see",
    "case.own_words": "changed the young person's own words",
    "case.refer": "referred the young person",
    "member.add": "added to the map",
    "member.link": "linked into the map",
    "member.update": "changed in the map",
    "member.remove": "took off the map",
    "member.restore": "put back on the map",
    "person.update": "changed someone's details",
    "person.erase": "erased a person",
    "tie.add": "recorded a relationship",
    "tie.update": "changed a relationship",
    "tie.remove": "removed a relationship",
    "kin.add": "added a family link",
    "kin.remove": "removed a family link",
    "family.add": "added a relative to the family tree",
    "family.confirm": "confirmed a family link",
    "restriction.add": "added a restriction",
    "restriction.update": "changed a restriction",
    "discovery.status": "moved a lead on",
    "lead.accept": "accepted a lead",
    "contact.log": "logged a contact",
    "contact.done": "marked a reminder done",
    "snapshot.create": "saved a snapshot",
    "conference.create": "planned a conference",
    "conference.update": "changed the conference",
    "conference.invite": "invited someone to the conference",
    "conference.blocked": "tried to invite someone who must not attend",
    "conference.attendance": "recorded who attended",
    "plan.add": "added to the plan",
    "plan.update": "changed the plan",
    "plan.status": "marked how a plan item is going",
    "plan.respond": "answered a plan item",
    "outcome.record": "recorded an outcome",
    "outcome.remove": "removed an outcome",
    "import": "imported",
    "import.update": "updated by an import",
    "service.add": "added a local service",
    "service.update": "changed a local service",
    "service.import": "imported local services",
    "person.sar": "exported what is held about a person",
    "referral.unassigned": "referral reached nobody",
    "export.case": "exported the case",
    "export.all": "exported the whole store",
    "export.pack": "downloaded the conference pack",
    "grant.add": "gave someone the case",
    "grant.remove": "took the case from someone",
    "user.add": "added an account",
    "user.role": "changed an account's role",
    "user.disable": "switched an account off",
    "user.enable": "switched an account on",
    "user.password_reset": "set a new password",
    "figures.report": "read the service's figures",
    "login.failed": "failed to sign in",
    "login.locked": "was locked out",
    "login.reset": "signed in after failed attempts",
}
# The kinds of change a reader narrows the trail to, by the first part of the action.
KINDS: dict[str, str] = {
    "member": "people in the map",
    "person": "people in the map",
    "tie": "relationships and family",
    "kin": "relationships and family",
    "family": "relationships and family",
    "restriction": "restrictions",
    "discovery": "finding people",
    "lead": "finding people",
    "contact": "finding people",
    "conference": "the conference and the plan",
    "plan": "the conference and the plan",
    "outcome": "outcomes",
    "case": "the case",
    "snapshot": "the case",
    "export": "access and exports",
    "grant": "access and exports",
    "user": "access and exports",
    "import": "imports",
    "login": "sign-ins",
    "figures": "access and exports",
}
# Fields that say nothing a reader needs: the record's own bookkeeping.
_QUIET = frozenset({"version", "id"})
_LONGEST = 60


@dataclass(frozen=True)
class AuditLine:
    """One audited event, said plainly."""

    seq: int
    at: datetime
    who: str
    what: str
    about: str
    changes: str
    outcome: str

    @property
    def when(self) -> str:
        """The UK local time, as a person reads it ("7 Dec 2026, 14:05")."""
        return local_time(self.at)


def local_time(at: datetime) -> str:
    """``at`` in UK local time, day first.

    >>> from datetime import UTC
    >>> local_time(datetime(2026, 7, 1, 13, 5, tzinfo=UTC)), local_time(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    ('1 Jul 2026, 14:05', '7 Dec 2026, 09:00')
    """
    local = at.astimezone(UK)
    return f"{local.day} {local:%b %Y, %H:%M}"


def _person_of(event: AuditEvent) -> str | None:
    """The person an event is about, when it is about one person (a person, or their place in a map)."""
    if event.entity == "person":
        return event.entity_id
    if event.entity == "membership":
        return event.entity_id.rpartition("|")[2]
    return None


def _ends(event: AuditEvent) -> tuple[str, str] | None:
    """The two people a relationship or family link joins, from what the event holds of it."""
    record = event.after or event.before or {}
    if "from_id" in record and "to_id" in record:
        return str(record["from_id"]), str(record["to_id"])
    return None


def concerns(event: AuditEvent, person_id: str) -> bool:
    """Whether the event is about ``person_id``: their details, their place in the map, or a
    relationship or family link of theirs."""
    return _person_of(event) == person_id or person_id in (_ends(event) or ())


def people_in(events: Iterable[AuditEvent]) -> set[str]:
    """Every person the events are about: whose details, whose place in a map, whose relationships."""
    found: set[str] = set()
    for event in events:
        person = _person_of(event)
        found.update([person] if person else _ends(event) or ())
    return found


def _names_in(events: Iterable[AuditEvent]) -> dict[str, str]:
    """Names the trail itself holds for people (as last recorded in it), for those no longer in the map."""
    names: dict[str, str] = {}
    for event in events:
        record = event.after or event.before
        if event.entity == "person" and record:
            name = record.get("known_as") or record.get("name")
            if name:
                names[event.entity_id] = str(name)
    return names


def _about(event: AuditEvent, names: Mapping[str, str]) -> str:
    def name(person_id: str) -> str:
        return names.get(person_id, person_id)

    person = _person_of(event)
    if person is not None:
        return name(person)
    ends = _ends(event)
    if ends is not None:
        return f"{name(ends[0])} – {name(ends[1])}"
    if event.entity == "grant":
        username, _, case_id = event.entity_id.partition("|")
        return f"{username}'s access to {case_id}"
    if event.entity == "user":
        return f"{event.entity_id}'s account"
    if event.entity == "case":
        return f"case {event.entity_id}"
    return event.entity.replace("_", " ")


def _shown(value: Any) -> str:
    """A value on one line (a note's line breaks and tabs as spaces), cut to ``_LONGEST`` characters."""
    text = "(none)" if value in (None, "", [], {}) else value if isinstance(value, str) else json.dumps(value)
    text = " ".join(text.split())
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def changed_fields(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> str:
    """What an update changed, field by field ("role label: aunt → Nan"); empty for an addition, a
    removal or an event whose values the reader may not see.

    >>> changed_fields({"version": 1, "role_label": "aunt", "sector": "family"},
    ...                {"version": 2, "role_label": "Nan", "sector": "family"})
    'role label: aunt → Nan'
    """
    if not before or not after:
        return ""
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in _QUIET]
    return "; ".join(
        f"{k.replace('_', ' ')}: {_shown(before.get(k))} → {_shown(after.get(k))}"
        for k in keys
        if before.get(k) != after.get(k)
    )


def kind_of(action: str) -> str:
    """The kind of change an action is, for narrowing the trail ("restrictions").

    >>> kind_of("restriction.update"), kind_of("member.remove"), kind_of("login.failed"), kind_of("x.y")
    ('restrictions', 'people in the map', 'sign-ins', 'other')
    """
    return KINDS.get(action.partition(".")[0], "other")


def _what(action: str) -> str:
    if action.startswith("login.sso."):
        return f"signed in through {action.removeprefix('login.sso.')}"
    return ACTION_WORDS.get(action, action)


def audit_lines(events: Iterable[AuditEvent], names: Mapping[str, str]) -> list[AuditLine]:
    """The events newest first, in words; ``names`` (person id → name) wins over names the trail holds."""
    events = list(events)
    known = {**_names_in(events), **names}
    return [
        AuditLine(
            seq=e.seq,
            at=e.at,
            who=e.actor,
            what=_what(e.action),
            about=_about(e, known),
            changes=changed_fields(e.before, e.after),
            outcome="" if e.outcome == "ok" else e.outcome,
        )
        for e in sorted(events, key=lambda e: e.seq, reverse=True)
    ]
