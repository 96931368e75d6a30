"""Subject access and erasure: everything held about one person, and removing it everywhere."""

from __future__ import annotations

from collections import Counter
from typing import Any

from netmap.errors import NotFound, ValidationFailed
from netmap.graph.store import AuditScrub, Delete, Put, WriteBatch
from netmap.models import (
    AuditEvent,
    Case,
    Conference,
    ContactEvent,
    Grant,
    Kin,
    Membership,
    Network,
    Person,
    Record,
    Sharing,
    Snapshot,
    Tie,
    User,
)
from netmap.services.access import Action, Actor, require
from netmap.services.base import Service
from netmap.services.kept_forget import forget_account

__all__ = ["PrivacyService", "without_person"]


def _dump(records: list[Any]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json") for r in records]


def _unshared(sharing: Sharing, person_id: str, usernames: frozenset[str] = frozenset()) -> Sharing:
    return Sharing(
        hidden_people=[p for p in sharing.hidden_people if p != person_id],
        hidden_from={
            user: [p for p in people if p != person_id]
            for user, people in sharing.hidden_from.items()
            if user not in usernames and [p for p in people if p != person_id]
        },
    )


def _without_restrictions_on(membership: Membership, person_id: str) -> Membership:
    kept = [r for r in membership.restrictions if r.other_person_id != person_id]
    return (
        membership
        if len(kept) == len(membership.restrictions)
        else membership.model_copy(update={"restrictions": kept})
    )


def without_person(network: Network, person_id: str) -> Network:
    """``network`` with ``person_id`` gone: their entry, membership, kin, ties and mentions.

    >>> from netmap.models import Person, Case
    >>> net = Network(case=Case(id="c-1", title="T", ego_id="p-1"),
    ...               people=[Person(id="p-1", name="Jo"), Person(id="p-2", name="Ann")])
    >>> [p.id for p in without_person(net, "p-2").people]
    ['p-1']
    """
    case = network.case
    return Network(
        case=case.model_copy(update={"sharing": _unshared(case.sharing, person_id)}),
        people=[p for p in network.people if p.id != person_id],
        memberships=[
            _without_restrictions_on(m, person_id) for m in network.memberships if m.person_id != person_id
        ],
        kin=[k for k in network.kin if person_id not in (k.from_id, k.to_id)],
        ties=[t for t in network.ties if person_id not in (t.from_id, t.to_id)],
    )


class PrivacyService(Service):
    """Admin-only subject access requests and erasure, both audited without personal data."""

    def _person(self, actor: Actor, person_id: str) -> Person:
        require(actor, Action.PERSON_ERASE)
        person = self.store.get(Person, person_id)
        if person is None:
            raise NotFound(f"There is no person {person_id}.")
        return person

    def subject_access(self, actor: Actor, person_id: str) -> dict[str, Any]:
        """Everything held about ``person_id``: their record, every case, tie, kin link, contact,
        conference part, snapshot part, account and audit entry, restricted details included."""
        person = self._person(actor, person_id)
        involved = self._involvement(person_id)
        memberships = involved["memberships"]
        audit_ids = {person_id, *(m.id for m in memberships), *(u.id for u in involved["users"])}
        audit = [e for e in self.store.audit_log() if e.entity_id in audit_ids]
        report: dict[str, Any] = {
            "format": "netmap-subject-access",
            "format_version": 1,
            "person": person.model_dump(mode="json"),
            "cases_as_young_person": _dump(involved["own_cases"]),
            "memberships": _dump(memberships),
            "kin": _dump(involved["kin"]),
            "ties": _dump(involved["ties"]),
            "contact_events": _dump(involved["contacts"]),
            "conferences": [
                {
                    "id": f.id,
                    "case_id": f.case_id,
                    "invitations": _dump([i for i in f.invitees if i.person_id == person_id]),
                    "plan_items": _dump([i for i in f.plan if i.owner_id == person_id]),
                }
                for f in involved["conferences"]
            ],
            "snapshots": [
                {"id": s.id, "case_id": s.case_id, "event": s.event.value, "taken_on": s.taken_on.isoformat()}
                | {
                    "person": _dump([p for p in s.network.people if p.id == person_id]),
                    "memberships": _dump([m for m in s.network.memberships if m.person_id == person_id]),
                    "ties": _dump([t for t in s.network.ties if person_id in (t.from_id, t.to_id)]),
                }
                for s in involved["snapshots"]
            ],
            "accounts": [u.model_dump(mode="json", exclude={"password_hash"}) for u in involved["users"]],
            "audit": [e.model_dump(mode="json") for e in audit],
        }
        self.store.append_audit(
            [self._tombstone(actor, "person.sar", person_id, {"audit_entries": len(audit)})]
        )
        return report

    def erase(self, actor: Actor, person_id: str, *, with_own_cases: bool = False) -> dict[str, int]:
        """Remove ``person_id`` from every case, tie, kin link, snapshot, conference and account.

        A young person's own cases go too, but only with ``with_own_cases``: otherwise the
        erasure is refused naming them. Earlier audit entries lose them as well (see
        ``audit_scrub.scrub_event``), and the store forgets the rows kept for their accounts' own
        views (``kept_forget``). One batch, all or nothing; the audit trail gains one
        tombstone holding only the id and the counts, ``audit_entries_scrubbed`` among them.
        Returns the counts.
        """
        person = self._person(actor, person_id)
        involved = self._involvement(person_id)
        own = involved["own_cases"]
        if own and not with_own_cases:
            raise ValidationFailed(
                f"person {person_id} is the young person of case {', '.join(c.id for c in own)}; "
                "erase with --with-cases to remove those cases too."
            )
        own_ids = {c.id for c in own}
        batch = WriteBatch()
        counts: Counter[str] = Counter()
        for snapshot in involved["snapshots"]:
            if snapshot.case_id in own_ids:
                continue
            network = without_person(snapshot.network, person_id)
            batch.puts.append(Put(snapshot.model_copy(update={"network": network}), snapshot.version))
            counts["snapshots"] += 1
        for conference in involved["conferences"]:
            if conference.case_id in own_ids:
                continue
            changed = conference.model_copy(
                update={
                    "invitees": [i for i in conference.invitees if i.person_id != person_id],
                    "plan": [i for i in conference.plan if i.owner_id != person_id],
                }
            )
            batch.puts.append(Put(changed, conference.version))
            counts["conferences"] += 1
        usernames = frozenset(u.id for u in involved["users"])
        for record in self._mentions(person_id, own_ids, usernames):
            batch.puts.append(Put(record, record.version))
            counts["mentions"] += 1
        counts["cases"] = len(own)
        counts["memberships"] = len(involved["memberships"])
        counts["ties"] = len(involved["ties"])
        counts["kin"] = len(involved["kin"])
        counts["contact_events"] = len(involved["contacts"])
        counts["accounts"] = len(involved["users"])
        # Accounts before the person (a user may name them); cases before their young person.
        batch.deletes += [Delete(User, u.id, u.version) for u in involved["users"]]
        # What was kept for an account's own view goes with it, of every case (its name is in the view).
        batch.forget += [rows for u in involved["users"] for rows in forget_account(u.id, u.role)]
        batch.deletes += [Delete(Case, c.id, c.version) for c in own]
        batch.deletes.append(Delete(Person, person_id))
        batch.scrub = AuditScrub(
            person_id,
            self._tombstone(actor, "person.erase", person_id, dict(counts)),
            names=self._names(person, involved["users"]),
            own_ids=self._own_ids(involved, own),
            accounts=tuple(sorted(u.id for u in involved["users"])),
        )
        self.store.apply(batch)
        # The store counted the entries it scrubbed into the tombstone, the newest entry about them.
        [stone] = self.store.audit_log(entity_id=person_id, limit=1)
        return dict((stone.after or {})["counts"])

    # ------------------------------------------------------------------ helpers

    def _tombstone(self, actor: Actor, action: str, person_id: str, counts: dict[str, int]) -> AuditEvent:
        return self._event(actor, action, "person", person_id, after={"counts": counts})

    def _involvement(self, person_id: str) -> dict[str, list[Any]]:
        def mentions(f: Conference) -> bool:
            return any(i.person_id == person_id for i in f.invitees) or any(
                i.owner_id == person_id for i in f.plan
            )

        def in_snapshot(s: Snapshot) -> bool:
            return any(p.id == person_id for p in s.network.people)

        return {
            "own_cases": [c for c in self.store.list(Case) if c.ego_id == person_id],
            "memberships": [m for m in self.store.list(Membership) if m.person_id == person_id],
            "kin": [k for k in self.store.list(Kin) if person_id in (k.from_id, k.to_id)],
            "ties": [t for t in self.store.list(Tie) if person_id in (t.from_id, t.to_id)],
            "contacts": [e for e in self.store.list(ContactEvent) if e.person_id == person_id],
            "conferences": [f for f in self.store.list(Conference) if mentions(f)],
            "snapshots": [s for s in self.store.list(Snapshot) if in_snapshot(s)],
            "users": [u for u in self.store.list(User) if u.person_id == person_id],
        }

    def _names(self, person: Person, users: list[User]) -> tuple[str, ...]:
        """Every plaintext string that identifies the person: names now and before, accounts."""
        names = {person.name, person.known_as, person.work_contact}
        for event in self.store.audit_log(entity_id=person.id):
            for side in (event.before or {}, event.after or {}):
                names |= {str(side.get(key) or "") for key in ("name", "known_as", "work_contact")}
        names |= {u.id for u in users} | {u.display_name for u in users}
        return tuple(sorted(n for n in names if n.strip()))

    def _own_ids(self, involved: dict[str, list[Any]], own_cases: list[Case]) -> frozenset[str]:
        """Ids of the records that are the person's own: their audit entries are erased whole."""
        usernames = {u.id for u in involved["users"]}
        grants = [g.id for g in self.store.list(Grant) if g.username in usernames]
        kinds = ("memberships", "kin", "ties", "contacts", "users")
        return frozenset(
            [*(r.id for kind in kinds for r in involved[kind]), *grants, *(c.id for c in own_cases)]
        )

    def _mentions(self, person_id: str, skip_cases: set[str], usernames: frozenset[str]) -> list[Record]:
        """Cases whose sharing names the person or their accounts, memberships whose restrictions name them."""
        changed: list[Record] = []
        for case in self.store.list(Case):
            sharing = _unshared(case.sharing, person_id, usernames)
            if case.id not in skip_cases and sharing != case.sharing:
                changed.append(case.model_copy(update={"sharing": sharing}))
        for membership in self.store.list(Membership):
            if membership.case_id in skip_cases or membership.person_id == person_id:
                continue
            kept = _without_restrictions_on(membership, person_id)
            if kept is not membership:
                changed.append(kept)
        return changed
