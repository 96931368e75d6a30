"""Use cases on a case's family tree: add a relative (named or not yet known), and the links a lead implies."""

from __future__ import annotations

from netmap.errors import AccessDenied, ValidationFailed
from netmap.models import (
    Case,
    DiscoveryStatus,
    Gender,
    Kin,
    KinType,
    LeadSource,
    Membership,
    Person,
    Record,
    Role,
    Sector,
    new_id,
)
from netmap.planning.family_links import FamilyLinks, family_links
from netmap.planning.relatives import Relation, kin_for, placeholder_name
from netmap.services.access import Action, Actor, visible_network
from netmap.services.base import Service
from netmap.services.import_merge import kin_key

__all__ = ["FamilyService"]


class FamilyService(Service):
    def _family_case(self, actor: Actor, case_id: str) -> Case:
        if actor.role is Role.YOUNG_PERSON:
            raise AccessDenied("Your coordinator records your family tree with you.")
        return self._case(actor, case_id, Action.NETWORK_EDIT)

    def _relative(
        self, actor: Actor, case: Case, person: Person
    ) -> list[tuple[Record | None, Record | None]]:
        """A new relative and their place in the map (family sector, ring 3, just identified)."""
        membership = Membership.make(
            case.id,
            person.id,
            sector=Sector.FAMILY,
            ring=3,
            status=DiscoveryStatus.DECEASED if person.deceased else DiscoveryStatus.IDENTIFIED,
            lead_source=LeadSource.PRACTITIONER,
            added_by=actor.username,
            added_on=self.clock().date(),
        )
        return [(None, person), (None, membership)]

    def add_relative(
        self,
        actor: Actor,
        case_id: str,
        person_id: str,
        relation: Relation,
        kind: KinType,
        *,
        relative_id: str | None = None,
        name: str = "",
        gender: Gender = Gender.UNKNOWN,
        deceased: bool = False,
    ) -> Kin:
        """Link ``person_id`` to a relative: someone already in this map (``relative_id``) or a new person,
        named or, when ``name`` is empty, recorded as not yet known ("Father (name not known)").

        Both people must be members the actor may see; the link, and a new relative with their place
        in the map, are written and audited together.
        """
        case = self._family_case(actor, case_id)
        self._member(actor, case, person_id)
        changes: list[tuple[Record | None, Record | None]] = []
        if relative_id is None:
            of = None
            if person_id != case.ego_id:
                stored = self.store.get(Person, person_id)
                of = stored.display_name if stored else None
            relative = Person(
                id=new_id("p"),
                name=name.strip() or placeholder_name(relation, kind, gender, of=of),
                gender=gender,
                deceased=deceased,
            )
            changes += self._relative(actor, case, relative)
            relative_id = relative.id
        else:
            self._member(actor, case, relative_id)
        try:
            kin = kin_for(relation, kind, person_id, relative_id)
        except ValueError as exc:
            raise ValidationFailed(f"{exc}.") from None
        known = {kin_key(k) for k in self.store.list(Kin, case_id=case.id)}
        if kin_key(kin) in known:
            raise ValidationFailed("That family link is already recorded.")
        changes.append((None, kin))
        written = self._write(actor, "family.add", changes, case_id=case.id)
        result = written[-1]
        assert isinstance(result, Kin)
        return result

    def propose_from_lead(
        self, actor: Actor, case_id: str, person_id: str, relation: str, *, side: str = ""
    ) -> FamilyLinks:
        """The family links an accepted lead's relation implies (nothing is written): placeholders to
        create and links to add, or the question to ask when the relation cannot be placed yet."""
        case = self._family_case(actor, case_id)
        self._member(actor, case, person_id)
        network = visible_network(actor, self.store.get_network(case_id))
        return family_links(
            case.ego_id, person_id, relation, side=side, kin=network.kin, people=network.people
        )

    def confirm_links(self, actor: Actor, case_id: str, proposal: FamilyLinks) -> list[Kin]:
        """Write a proposal the coordinator confirmed: its placeholders (each with a place in the map)
        and its links, every end a member the actor may see or one of those placeholders."""
        case = self._family_case(actor, case_id)
        new = {p.id: p for p in proposal.people}
        for link in proposal.links:
            for end in (link.from_id, link.to_id):
                if end not in new:
                    self._member(actor, case, end)
        changes: list[tuple[Record | None, Record | None]] = []
        for person in proposal.people:
            if self.store.get(Person, person.id) is not None:
                raise ValidationFailed(f"{person.id} is already recorded; ask for the proposal again.")
            changes += self._relative(actor, case, person)
        known = {kin_key(k) for k in self.store.list(Kin, case_id=case.id)}
        links = [k for k in proposal.links if kin_key(k) not in known]
        changes += [(None, k) for k in links]
        written = self._write(actor, "family.confirm", changes, case_id=case.id) if changes else []
        return [r for r in written if isinstance(r, Kin)]
