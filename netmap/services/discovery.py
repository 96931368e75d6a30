"""Use cases of Lifelong Links discovery: statuses, contact log, reminders due, leads from case notes."""

from __future__ import annotations

from datetime import date

from netmap.errors import NotFound, ValidationFailed
from netmap.models import (
    Case,
    Conference,
    ContactEvent,
    DiscoveryStatus,
    LeadSource,
    Membership,
    Network,
    Person,
    Record,
    membership_id,
    new_id,
)
from netmap.planning.discovery import check_transition, funnel
from netmap.planning.due import DueItem, due_within, transition_items
from netmap.planning.lead_finder import Lead, find_leads
from netmap.planning.transitions import transitions_ahead
from netmap.services.access import Action, Actor, require, visible_network
from netmap.services.base import Service, audit_event

__all__ = ["DiscoveryService"]


class DiscoveryService(Service):
    def _today(self) -> date:
        return self.clock().date()

    # ------------------------------------------------------------------ statuses

    def set_status(
        self, actor: Actor, case_id: str, person_id: str, status: DiscoveryStatus, version: int
    ) -> Membership:
        """Move a person along the discovery pipeline; a refused jump is audited and raised."""
        case = self._case(actor, case_id, Action.DISCOVERY_EDIT)
        stored = self._member(actor, case, person_id)
        updated = stored.model_copy(update={"status": status, "version": version})
        person = self.store.get(Person, person_id)
        try:
            check_transition(stored.status, status, who=person.display_name if person else person_id)
        except ValidationFailed:
            event = audit_event(self.clock(), actor, "discovery.status", stored, updated, outcome="refused")
            self.store.append_audit([event])
            raise
        (written,) = self._write(actor, "discovery.status", [(stored, updated)])
        assert isinstance(written, Membership)
        return written

    def funnel(self, actor: Actor, case_id: str) -> dict[DiscoveryStatus, int]:
        """How many people of this case reached each discovery stage, as this actor may see them."""
        network = visible_network(actor, self._network(actor, case_id, Action.CASE_READ))
        return funnel(network.memberships)

    # ------------------------------------------------------------------ contact log

    def log_contact(self, actor: Actor, event: ContactEvent) -> ContactEvent:
        """Record a call, letter, visit, message or note with its outcome, next step and reminder."""
        case = self._case(actor, event.case_id, Action.DISCOVERY_EDIT)
        self._member(actor, case, event.person_id)
        event = event.model_copy(update={"by": event.by or actor.username})
        (written,) = self._write(actor, "contact.log", [(None, event)])
        assert isinstance(written, ContactEvent)
        return written

    def complete_reminder(self, actor: Actor, case_id: str, event_id: str, version: int) -> ContactEvent:
        case = self._case(actor, case_id, Action.DISCOVERY_EDIT)
        stored = self.store.get(ContactEvent, event_id)
        if stored is None or stored.case_id != case_id:
            raise NotFound(f"There is no contact {event_id} in case {case_id}.")
        self._member(actor, case, stored.person_id)
        updated = stored.model_copy(update={"done": True, "version": version})
        (written,) = self._write(actor, "contact.done", [(stored, updated)])
        assert isinstance(written, ContactEvent)
        return written

    def list_contacts(self, actor: Actor, case_id: str, person_id: str | None = None) -> list[ContactEvent]:
        """The case's contact log (optionally for one person), newest first."""
        case = self._case(actor, case_id, Action.DISCOVERY_EDIT)
        hidden = self._hidden(actor, case)
        events = [
            e
            for e in self.store.list(ContactEvent, case_id=case_id)
            if e.person_id not in hidden and (person_id is None or e.person_id == person_id)
        ]
        return sorted(events, key=lambda e: (e.on, e.id), reverse=True)

    def due_this_week(self, actor: Actor, *, today: date | None = None, days: int = 7) -> list[DueItem]:
        """Open reminders, plan items and reviews due across every case this actor works on, and the
        transitions ahead (18, 21, 25, release, licence and sentence end) from their first warning,
        90 days before, each with whose support ends and who remains."""
        require(actor, Action.DISCOVERY_EDIT)
        today = today or self._today()
        items: list[DueItem] = []
        for case in self.store.list(Case):
            if not (actor.is_admin or case.id in actor.case_ids):
                continue
            hidden = self._hidden(actor, case)
            events = [e for e in self.store.list(ContactEvent, case_id=case.id) if e.person_id not in hidden]
            conferences = self.store.list(Conference, case_id=case.id)
            items += [
                d
                for d in due_within(events, conferences, today=today, days=days)
                if d.person_id not in hidden
            ]
            network = visible_network(actor, self.store.get_network(case.id))
            items += transition_items(transitions_ahead(network, today=today, days=days), case.ego_id)
        return sorted(items, key=lambda d: (d.due_on, d.case_id, d.kind, d.ref_id))

    # ------------------------------------------------------------------ leads from case notes

    def find_leads(self, actor: Actor, case_id: str, text: str) -> list[Lead]:
        """People proposed from pasted case-note text, with their relation to the case's young person,
        linked to people already in this case's map."""
        network: Network = visible_network(actor, self._network(actor, case_id, Action.DISCOVERY_EDIT))
        ego = next((p for p in network.people if p.id == network.case.ego_id), None)
        return find_leads(text, network.people, ego=ego)

    def accept_lead(
        self, actor: Actor, case_id: str, lead: Lead, *, person_id: str | None = None, on: date | None = None
    ) -> Membership:
        """Add an accepted lead to the map as "identified" (or "deceased"), found in the case file.

        ``person_id`` links the lead to a person already known (in this or another case);
        otherwise a new person is created from the lead's name, gender and kinship term.
        """
        case = self._case(actor, case_id, Action.DISCOVERY_EDIT)
        self._case(actor, case_id, Action.NETWORK_EDIT)
        changes: list[tuple[Record | None, Record | None]] = []
        if person_id is not None:
            # Linking someone already recorded follows the rule for people (``NetworkService.link_person``).
            if self.store.get(Person, person_id) is None or not self._reachable(actor, person_id):
                raise NotFound(f"There is no person {person_id} you can link to this map.")
        else:
            name = lead.name or f"{lead.label[:1].upper()}{lead.label[1:]} (name not known)"
            person = Person(
                id=new_id("p"),
                name=name[:120],
                known_as=lead.known_as,
                gender=lead.gender,
                deceased=lead.deceased,
            )
            person_id = person.id
            changes.append((None, person))
        if self.store.get(Membership, membership_id(case.id, person_id)) is not None:
            raise ValidationFailed(f"{lead.name or person_id} is already in this map.")
        membership = Membership.make(
            case.id,
            person_id,
            sector=lead.sector,
            ring=3,
            role_label=lead.label[:200],
            status=DiscoveryStatus.DECEASED if lead.deceased else DiscoveryStatus.IDENTIFIED,
            lead_source=LeadSource.CASE_FILE,
            lead_date=on or self._today(),
            confidence=lead.confidence,
            added_by=actor.username,
            added_on=self._today(),
        )
        changes.append((None, membership))
        written = self._write(actor, "lead.accept", changes, case_id=case.id)
        result = written[-1]
        assert isinstance(result, Membership)
        return result
