"""Use cases on whole cases: list, open, create, change details and sharing, snapshots, history."""

from __future__ import annotations

from datetime import date

from netmap.errors import AccessDenied, NotFound, ValidationFailed
from netmap.models import (
    AuditEvent,
    Case,
    Grant,
    Membership,
    Network,
    Person,
    Record,
    Role,
    Sector,
    Sharing,
    Snapshot,
    SnapshotEvent,
    User,
    new_id,
)
from netmap.planning.placeholders import with_placeholders
from netmap.planning.safety import safeguarding_reasons
from netmap.renderers.audit_lines import people_in
from netmap.renderers.words import phrase
from netmap.services.access import (
    SAFEGUARDING_ROLES,
    SHARING_APPLIES,
    Action,
    Actor,
    allowed,
    as_seen,
    require,
    visible_case,
    visible_network,
)
from netmap.services.base import Service
from netmap.services.snapshots import at_referral

__all__ = ["CaseService"]


class CaseService(Service):
    def list_cases(self, actor: Actor) -> list[Case]:
        """The cases this actor may open, by title, as they may see them (``visible_case``)."""
        require(actor, Action.CASE_LIST)
        cases = self.store.list(Case)
        if not actor.is_admin:
            cases = [c for c in cases if c.id in actor.case_ids]
            if actor.role is Role.YOUNG_PERSON:
                cases = [c for c in cases if c.ego_id == actor.person_id]
        cases = [visible_case(actor, c) for c in cases]
        return sorted(cases, key=lambda c: (c.title.casefold(), c.id))

    def get_case(self, actor: Actor, case_id: str) -> Case:
        return self.get_network(actor, case_id).case

    def get_network(self, actor: Actor, case_id: str) -> Network:
        """The case's network as this actor may see it."""
        return visible_network(actor, self._network(actor, case_id))

    def family_tree(self, actor: Actor, case_id: str) -> tuple[Network, int]:
        """The case's family as ``actor`` may see it, for the genogram, and how many relatives are hidden.

        People hidden at the young person's request stay out; where one joins others in the family a
        placeholder stands in their place (``planning.placeholders``), so the tree stays connected
        and the reader learns that someone is not shown, never who.
        """
        full = self._network(actor, case_id)
        hidden = {p.id for p in full.people} - {p.id for p in visible_network(actor, full).people}
        tree = with_placeholders(full, hidden) if hidden else full
        # the placeholders and the remaining people, each as this actor may see them
        seen = visible_network(actor, full)
        tree = tree.model_copy(update={"case": seen.case, "memberships": seen.memberships, "ties": seen.ties})
        people = {p.id: p for p in seen.people}
        tree = tree.model_copy(update={"people": [people.get(p.id, p) for p in tree.people]})
        return tree, len(hidden)

    def create_case(self, actor: Actor, case: Case, ego: Person) -> Case:
        """Create a case around ``ego`` (a new or existing person) and grant it to its creator."""
        require(actor, Action.CASE_CREATE)
        if case.ego_id != ego.id:
            raise NotFound(f"The case's young person {case.ego_id} is not the person given ({ego.id}).")
        existing = self.store.get(Person, ego.id)
        changes: list[tuple[Record | None, Record | None]] = []
        if existing is not None and not self._reachable(actor, ego.id):
            # The rule for people: a case is made around someone recorded only by who reaches them.
            raise NotFound(f"There is no person {ego.id} you can make a case for.")
        if existing is None:
            changes.append((None, ego))
        today = self.clock().date()
        case = case.model_copy(
            update={
                "coordinator": case.coordinator or actor.username,
                "referral_date": case.referral_date or today,
            }
        )
        member = Membership.make(
            case.id, ego.id, sector=Sector.FAMILY, ring=1, role_label="Young person", added_on=today
        )
        changes.append((None, case))
        changes.append((None, member))
        changes.append((None, at_referral(case, existing or ego, [member], today)))
        if not actor.is_admin:
            changes.append((None, Grant.make(actor.username, case.id)))
        self._write(actor, "case.create", changes)
        stored = self.store.get(Case, case.id)
        assert stored is not None
        return stored

    def update_case(self, actor: Actor, case: Case) -> Case:
        """Change case details (stage, dates, consent, notes); ``case.version`` must be current."""
        current = self._case(actor, case.id, Action.CASE_EDIT)
        # Sharing and their own words are the young person's, and outcomes are recorded: each has its
        # own use case.
        case = case.model_copy(
            update={
                "sharing": current.sharing,
                "own_words": current.own_words,
                "ego_id": current.ego_id,
                "outcomes": current.outcomes,
            }
        )
        (written,) = self._write(actor, "case.update", [(current, case)])
        assert isinstance(written, Case)
        return written

    def set_sharing(self, actor: Actor, case_id: str, sharing: Sharing, version: int) -> Case:
        """Record who the young person chose to share with practitioners other than the coordinator.

        Safety before privacy: someone party to a court order, licence condition, non-association or
        victim contact limit cannot be hidden from practitioners (``cannot_hide`` says why, in words
        the young person can read); hiding them is refused and nothing is changed.
        """
        current = self._case(actor, case_id, Action.SHARING_EDIT)
        reasons = self.cannot_hide(actor, case_id)
        practitioners = {
            g.username
            for g in self.store.list(Grant)
            if g.case_id == case_id and self._safeguards(g.username)
        }
        hidden_from_practitioners = set(sharing.hidden_people)
        for username, people in sharing.hidden_from.items():
            if username in practitioners:
                hidden_from_practitioners |= set(people)
        refused = sorted(hidden_from_practitioners & set(reasons))
        if refused:
            raise ValidationFailed(reasons[refused[0]])
        updated = current.model_copy(update={"sharing": sharing, "version": version})
        (written,) = self._write(actor, "case.sharing", [(current, updated)])
        assert isinstance(written, Case)
        return written

    def cannot_hide(self, actor: Actor, case_id: str) -> dict[str, str]:
        """The people the young person cannot hide from practitioners, each with the reason in plain words."""
        case = self._case(actor, case_id, Action.CASE_READ)
        network = self.store.get_network(case_id)
        names = {p.id: p.display_name for p in network.people}
        return {
            person_id: f"{names.get(person_id, 'This person')} stays visible to the practitioners who keep you "
            f"and others safe, because of {kinds}. You can still hide them from anyone else."
            for person_id, kinds in safeguarding_reasons(network.memberships, ego_id=case.ego_id).items()
        }

    def _safeguards(self, username: str) -> bool:
        user = self.store.get(User, username)
        return user is not None and user.role in SAFEGUARDING_ROLES

    def sharing_audience(self, actor: Actor, case_id: str) -> list[tuple[str, str]]:
        """The accounts the young person's sharing choices apply to: (username, how to name them)."""
        self._case(actor, case_id, Action.SHARING_EDIT)
        granted = {g.username for g in self.store.list(Grant) if g.case_id == case_id}
        audience = []
        for user in self.store.list(User):
            if user.id in granted and user.role in SHARING_APPLIES and user.active:
                described = ", ".join(part for part in (phrase(user.role), user.agency) if part)
                audience.append((user.id, f"{user.display_name or user.id} ({described})"))
        return audience

    def list_snapshots(self, actor: Actor, case_id: str) -> list[Snapshot]:
        """The case's dated snapshots, oldest first, each seen as this actor may see it."""
        return self.network_and_snapshots(actor, case_id)[1]

    def network_and_snapshots(self, actor: Actor, case_id: str) -> tuple[Network, list[Snapshot]]:
        """``get_network`` and ``list_snapshots`` together, reading the case's network once."""
        now = self._network(actor, case_id, Action.CASE_READ)
        return as_seen(actor, now, self.store.list(Snapshot, case_id=case_id))

    def take_snapshot(
        self, actor: Actor, case_id: str, event: SnapshotEvent, *, label: str = "", on: date | None = None
    ) -> Snapshot:
        """Freeze the case's current network at a dated event (referral, FGC, review, release)."""
        network = self._network(actor, case_id, Action.NETWORK_EDIT)
        snapshot = Snapshot(
            id=new_id("s"),
            case_id=case_id,
            event=event,
            taken_on=on or self.clock().date(),
            label=label,
            network=network,
        )
        (written,) = self._write(actor, "snapshot.create", [(None, snapshot)])
        assert isinstance(written, Snapshot)
        # Stored whole; handed back as this actor may see it, like every read.
        return written.model_copy(update={"network": visible_network(actor, network)})

    def history(
        self, actor: Actor, case_id: str | None, entity_id: str | None = None, *, limit: int | None = None
    ) -> list[AuditEvent]:
        """The audit trail of a case, or of one record in it, oldest first (the newest ``limit``).

        ``case_id`` None reads the whole store's trail, sign-ins, accounts and exports included:
        an administrator's alone.
        """
        if case_id is None:
            require(actor, Action.AUDIT_READ)
            if not actor.is_admin:
                raise AccessDenied(
                    f"{actor.username} may read the trail of the cases they hold, not the whole store's."
                )
            return self.store.audit_log(entity_id=entity_id, limit=limit)
        case = self._case(actor, case_id, Action.AUDIT_READ)
        events = self.store.audit_log(case_id=case_id, entity_id=entity_id, limit=limit)
        return self._as_seen_in_history(actor, case, events)

    def named_history(
        self, actor: Actor, case_id: str, *, limit: int | None = None
    ) -> tuple[list[AuditEvent], dict[str, str]]:
        """The case's trail as ``history`` gives it (the newest ``limit``), with the name of everyone it is about,
        those since taken off the map included (a review asks who took someone off): person id to
        name, for those still recorded. One read of the trail."""
        case = self._case(actor, case_id, Action.AUDIT_READ)
        events = self.store.audit_log(case_id=case_id, limit=limit)
        people = (self.store.get(Person, person_id) for person_id in sorted(people_in(events)))
        names = {p.id: p.display_name for p in people if p is not None}
        return self._as_seen_in_history(actor, case, events), names

    def _as_seen_in_history(self, actor: Actor, case: Case, events: list[AuditEvent]) -> list[AuditEvent]:
        if not allowed(actor, Action.RESTRICTED_READ):
            events = [e.model_copy(update={"before": None, "after": None}) for e in events]
        elif visible_case(actor, case).own_words != case.own_words:
            # Words the young person keeps to themselves stay out of the trail too.
            events = [_without_own_words(e) for e in events]
        return events


def _without_own_words(event: AuditEvent) -> AuditEvent:
    if event.entity != Case.table:
        return event
    return event.model_copy(
        update={
            side: {k: v for k, v in values.items() if k != "own_words"} if values is not None else None
            for side, values in (("before", event.before), ("after", event.after))
        }
    )
