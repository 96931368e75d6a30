"""What every service shares: the store, the clock, case lookup with access checks, audited writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from netmap.errors import ConflictError, NotFound
from netmap.graph.store import Delete, ForgetKept, GraphStore, Put, WriteBatch
from netmap.models import AuditEvent, Case, Membership, Network, Record, Role, membership_id, redact
from netmap.planning.safety import safeguarding_parties
from netmap.services.access import SHARING_APPLIES, Action, Actor, allowed, hidden_from, require_case
from netmap.services.kept_fresh import refresh, written_cases

__all__ = ["Clock", "Service", "audit_event", "utc_now"]

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _snapshot(record: Record | None) -> dict[str, Any] | None:
    return None if record is None else record.model_dump(mode="json", exclude=record.audit_exclude)


def audit_event(
    at: datetime,
    actor: Actor,
    action: str,
    before: Record | None,
    after: Record | None,
    *,
    case_id: str | None = None,
    outcome: str = "ok",
) -> AuditEvent:
    subject = after or before
    assert subject is not None
    return AuditEvent(
        at=at,
        actor=actor.username,
        action=action,
        entity=subject.table,
        entity_id=subject.id,
        case_id=subject.case_key or case_id,
        before=_snapshot(before),
        after=_snapshot(after),
        outcome=outcome,
    )


class Service:
    """Base of the use-case services: every public method takes the acting ``Actor`` first."""

    def __init__(self, store: GraphStore, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock

    def _event(
        self,
        actor: Actor,
        action: str,
        entity: str,
        entity_id: str,
        *,
        case_id: str | None = None,
        after: dict[str, Any] | None = None,
    ) -> AuditEvent:
        """An audit event about something other than a record written (an export, a report, a
        referral nobody picks up, a tombstone), made now; ``audit_event`` is a record's."""
        return AuditEvent(
            at=self.clock(), actor=actor.username, action=action, entity=entity, entity_id=entity_id,
            case_id=case_id, after=after,
        )  # fmt: skip

    def _case(self, actor: Actor, case_id: str, action: Action) -> Case:
        case = self.store.get(Case, case_id)
        if case is None:
            raise NotFound(f"There is no case {case_id}.")
        require_case(actor, action, case)
        return case

    def _network(self, actor: Actor, case_id: str, action: Action = Action.CASE_READ) -> Network:
        self._case(actor, case_id, action)
        return self.store.get_network(case_id)

    def _hidden(self, actor: Actor, case: Case) -> set[str]:
        """The people of ``case`` hidden from ``actor`` by the young person's choices (safety first)."""
        if actor.role not in SHARING_APPLIES or not case.sharing.hidden_for(actor.username):
            return set()
        memberships = self.store.list(Membership, case_id=case.id)
        return hidden_from(actor, case, safeguarding_parties(memberships, ego_id=case.ego_id))

    def _member(self, actor: Actor, case: Case, person_id: str) -> Membership:
        """``person_id``'s membership of ``case``, if they are in it and not hidden from ``actor``.

        The one rule for people: a person's record is reached only through a case the actor holds
        (``case`` was access-checked by the caller), in which they are a member the actor may see.
        """
        membership = self.store.get(Membership, membership_id(case.id, person_id))
        if membership is None or person_id in self._hidden(actor, case):
            raise NotFound(f"{person_id} is not in case {case.id}.")
        return membership

    def _reachable(self, actor: Actor, person_id: str) -> bool:
        """Whether ``actor`` already reaches ``person_id`` through some case they hold (admin: always)."""
        if actor.is_admin:
            return True
        for case_id in sorted(actor.case_ids):
            case = self.store.get(Case, case_id)
            if case is None or (actor.role is Role.YOUNG_PERSON and case.ego_id != actor.person_id):
                continue
            try:
                self._member(actor, case, person_id)
            except NotFound:
                continue
            return True
        return False

    def _write(
        self,
        actor: Actor,
        action: str,
        changes: Sequence[tuple[Record | None, Record | None]],
        *,
        case_id: str | None = None,
        forget: Sequence[ForgetKept] = (),
    ) -> list[Record]:
        """Write (before, after) pairs as one audited unit; a stale version is audited and re-raised.

        ``before`` None creates ``after``; ``after`` None deletes ``before``; otherwise ``after``
        replaces ``before`` if nobody changed it since ``after.version`` was read. ``case_id``
        files changes to global records (people, kin) under the case they were made in. ``forget``:
        kept rows the unit forgets (``kept_forget``). Once written, the kept entries of the case
        written are computed again (``kept_fresh``).
        """
        now = self.clock()
        batch = WriteBatch(forget=list(forget))
        for before, after in changes:
            if after is None:
                assert before is not None
                batch.deletes.append(Delete(type(before), before.id, before.version))
            else:
                batch.puts.append(Put(after, None if before is None else after.version))
            batch.audit.append(audit_event(now, actor, action, before, after, case_id=case_id))
        try:
            written = self.store.apply(batch)
        except ConflictError:
            self.store.append_audit([e.model_copy(update={"outcome": "conflict"}) for e in batch.audit])
            raise
        cases = written_cases((r for pair in changes for r in pair if r is not None), case_id)
        if cases:
            refresh(self.store, cases, now.date())
        # What was written goes back to the caller as they may see it, like every read.
        return written if allowed(actor, Action.RESTRICTED_READ) else [redact(r) for r in written]
