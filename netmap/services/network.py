"""Use cases on the people, memberships, kinship and ties of one case's map."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from netmap.errors import AccessDenied, NotFound, ValidationFailed
from netmap.models import (
    Case,
    Kin,
    LeadSource,
    Membership,
    Person,
    PersonKind,
    Perspective,
    Record,
    Role,
    Tie,
    redact,
    restricted_fields,
)
from netmap.services.access import Action, Actor, allowed
from netmap.services.base import Service

__all__ = ["NetworkService", "Removal"]


class Removal(BaseModel):
    """Someone taken off a map: who, when, by whom (``NetworkService.removed``)."""

    model_config = ConfigDict(frozen=True)
    person_id: str
    name: str
    at: datetime
    by: str


ModelT = TypeVar("ModelT", bound=BaseModel)


# What a young person may change of a membership in their own map: where the person sits in their
# own view of it. The rest (the practitioner's placement, discovery status, lead, restrictions,
# notes) is the practitioners' record.
_YOUNG_PERSON_MEMBERSHIP_FIELDS = frozenset({"young_person_place"})


def _keep_restricted(new: ModelT, stored: ModelT | None) -> ModelT:
    """``new`` with its restricted fields as stored (or empty): for actors who may not change them."""
    fields = type(new).model_fields
    update = {
        name: getattr(stored, name)
        if stored is not None
        else fields[name].get_default(call_default_factory=True)
        for name in restricted_fields(type(new))
    }
    return new.model_copy(update=update)


def _differs(stored: Record, new: Record) -> bool:
    """Whether writing ``new`` would change ``stored`` (the version aside)."""
    return new.model_copy(update={"version": stored.version}) != stored


class NetworkService(Service):
    # ------------------------------------------------------------------ access helpers

    def _editable_case(self, actor: Actor, case_id: str, *, young_person_may: bool = True) -> Case:
        """The case, if the actor may change its map; a young person only their own, and only some things."""
        if actor.role is Role.YOUNG_PERSON and not young_person_may:
            raise AccessDenied(
                "A young person can hide people from practitioners but not remove or relate them."
            )
        return self._case(actor, case_id, Action.NETWORK_EDIT)

    def _guard(self, actor: Actor, new: ModelT, stored: ModelT | None) -> ModelT:
        return new if allowed(actor, Action.RESTRICTED_EDIT) else _keep_restricted(new, stored)

    def _new_membership(self, actor: Actor, case: Case, person_id: str, membership: Membership) -> Membership:
        if membership.case_id != case.id or membership.person_id != person_id:
            raise ValidationFailed("The membership must name this case and this person.")
        if self.store.get(Membership, membership.id) is not None:
            raise ValidationFailed(f"{person_id} is already in this map.")
        if actor.role is Role.YOUNG_PERSON:
            membership = membership.model_copy(
                update={"lead_source": LeadSource.YOUNG_PERSON, "restrictions": [], "status": None}
            )
        stamped = {"added_by": actor.username, "added_on": membership.added_on or self.clock().date()}
        return self._guard(actor, membership.model_copy(update=stamped), None)

    # ------------------------------------------------------------------ people and memberships

    def add_member(self, actor: Actor, case_id: str, person: Person, membership: Membership) -> Membership:
        """Add a new person to this case's map (someone already recorded is linked with ``link_person``)."""
        case = self._editable_case(actor, case_id)
        if self.store.get(Person, person.id) is not None:
            raise ValidationFailed(
                f"{person.id} is already recorded: link the existing person to this map instead."
            )
        if not allowed(actor, Action.DIRECTORY_EDIT):
            # A place or service named on a map is not a directory entry until the directory says so.
            person = person.model_copy(update={"service_info": None})
        membership = self._new_membership(actor, case, person.id, membership)
        written = self._write(
            actor,
            "member.add",
            [(None, self._guard(actor, person, None)), (None, membership)],
            case_id=case.id,
        )
        result = written[-1]
        assert isinstance(result, Membership)
        return result

    def link_person(self, actor: Actor, case_id: str, person_id: str, membership: Membership) -> Membership:
        """Add someone already recorded to this case's map: a local service from the directory, or a
        person the actor already reaches through another case they hold (an admin: anyone). Audited."""
        case = self._editable_case(actor, case_id)
        person = self.store.get(Person, person_id)
        public = person is not None and person.kind is PersonKind.SERVICE
        if person is None or not (public or self._reachable(actor, person_id)):
            raise NotFound(f"There is no person {person_id} you can link to this map.")
        membership = self._new_membership(actor, case, person_id, membership)
        (written,) = self._write(actor, "member.link", [(None, membership)], case_id=case.id)
        assert isinstance(written, Membership)
        return written

    def update_person(self, actor: Actor, case_id: str, person: Person) -> Person:
        """Change a member's details; restricted details stay as they were unless the actor may edit them.

        Whether someone is a person or a service is the directory's to change (``directory.edit``).
        """
        case = self._editable_case(actor, case_id)
        (written,) = self._write(
            actor, "person.update", [self._person_change(actor, case, person)], case_id=case.id
        )
        assert isinstance(written, Person)
        return written

    def update_membership(self, actor: Actor, membership: Membership) -> Membership:
        """Change how someone sits in a map. A young person may move people in their own view of their
        own map; discovery work goes through the discovery service, restrictions need restricted.edit
        (without it they stay as stored, whatever the caller's copy says)."""
        case = self._editable_case(actor, membership.case_id)
        (written,) = self._write(actor, "member.update", [self._membership_change(actor, case, membership)])
        assert isinstance(written, Membership)
        return written

    def update_member(
        self, actor: Actor, case_id: str, person: Person, membership: Membership
    ) -> tuple[Person, Membership]:
        """Change someone's details and how they sit in this map in one unit: both are written, or
        neither (a stale version of either refuses both). Each part is checked as ``update_person``
        and ``update_membership`` check it; a part that is unchanged is not written."""
        case = self._editable_case(actor, case_id)
        if (membership.case_id, membership.person_id) != (case.id, person.id):
            raise ValidationFailed("The membership must name this case and this person.")
        changes = [self._person_change(actor, case, person), self._membership_change(actor, case, membership)]
        changed = [(before, after) for before, after in changes if _differs(before, after)]
        written = (
            {type(r): r for r in self._write(actor, "member.update", changed, case_id=case.id)}
            if changed
            else {}
        )
        # A part left unwritten goes back as stored, so as the actor may see it, like what was written.
        seen = allowed(actor, Action.RESTRICTED_READ)
        kept_person, kept_membership = (
            written.get(type(before)) or (before if seen else redact(before)) for before, _ in changes
        )
        assert isinstance(kept_person, Person) and isinstance(kept_membership, Membership)
        return kept_person, kept_membership

    def _person_change(self, actor: Actor, case: Case, person: Person) -> tuple[Person, Person]:
        """(stored, to write) for a change to a member of ``case``, checked for ``actor``."""
        membership = self._member(actor, case, person.id)
        stored = self.store.get(Person, person.id)
        assert stored is not None
        directory = (person.kind, person.service_info) != (stored.kind, stored.service_info)
        if directory and not allowed(actor, Action.DIRECTORY_EDIT):
            raise AccessDenied(
                f"{actor.username} may not change whether {stored.display_name} is a service, or its directory entry."
            )
        changed = self._guard(actor, person, stored)
        if (
            actor.role is Role.YOUNG_PERSON
            and _differs(stored, changed)
            and not self._young_persons_to_change(actor, case, membership)
        ):
            raise AccessDenied(
                "You can change your own details and those of people you added to your map; "
                f"ask your worker to change {stored.display_name}'s."
            )
        return stored, changed

    def _young_persons_to_change(self, actor: Actor, case: Case, membership: Membership) -> bool:
        """Whether a young person may change this member's details: their own, or someone they added
        to their map who is in no other map. A person's record is shared by every map they are in
        (a worker in thirty cases, a relative linked into a sibling's case); the young person's view of
        them is theirs to say in their own map (``update_membership``), the record is not."""
        if membership.person_id == case.ego_id:
            return True
        if membership.added_by != actor.username:
            return False
        return all(
            m.case_id == case.id for m in self.store.list(Membership) if m.person_id == membership.person_id
        )

    def _membership_change(
        self, actor: Actor, case: Case, membership: Membership
    ) -> tuple[Membership, Membership]:
        """(stored, to write) for a change to how someone sits in ``case``'s map, checked for ``actor``."""
        stored = self._member(actor, case, membership.person_id)
        if not allowed(actor, Action.RESTRICTED_EDIT):
            membership = membership.model_copy(update={"restrictions": stored.restrictions})
        if actor.role is Role.YOUNG_PERSON:
            changed = {
                name
                for name in Membership.model_fields
                if name != "version" and getattr(membership, name) != getattr(stored, name)
            }
            if changed - _YOUNG_PERSON_MEMBERSHIP_FIELDS:
                raise AccessDenied(
                    "A young person can move people on their map; the practitioners keep the rest of the record."
                )
        if membership.status != stored.status and not allowed(actor, Action.DISCOVERY_EDIT):
            raise AccessDenied(f"{actor.username} may not change discovery work.")
        return stored, membership

    def remove_member(self, actor: Actor, case_id: str, person_id: str, version: int) -> None:
        """Take a person off this map with the case's ties to them; the person stays in other cases."""
        case = self._editable_case(actor, case_id, young_person_may=False)
        if person_id == case.ego_id:
            raise ValidationFailed("The young person cannot be removed from their own map.")
        stored = self._member(actor, case, person_id)
        ties = [t for t in self.store.list(Tie, case_id=case_id) if person_id in (t.from_id, t.to_id)]
        changes: list[tuple[Record | None, Record | None]] = [(t, None) for t in ties]
        changes.append((stored.model_copy(update={"version": version}), None))
        self._write(actor, "member.remove", changes)

    def removed(self, actor: Actor, case_id: str) -> list[Removal]:
        """People taken off this map and not put back, newest first, that the actor may see."""
        case = self._editable_case(actor, case_id, young_person_may=False)
        hidden = self._hidden(actor, case)
        found: dict[str, Removal] = {}
        for event in reversed(self.store.audit_log(case_id=case_id)):
            if event.action != "member.remove" or event.entity != "membership" or event.outcome != "ok":
                continue
            person_id = (event.before or {}).get("person_id", "")
            if person_id in found or person_id in hidden:
                continue
            if self.store.get(Membership, event.entity_id) is not None:
                continue  # back on the map since
            person = self.store.get(Person, person_id)
            if person is not None:
                found[person_id] = Removal(
                    person_id=person_id, name=person.display_name, at=event.at, by=event.actor
                )
        return list(found.values())

    def restore_removed(self, actor: Actor, case_id: str, person_id: str) -> Membership:
        """Put someone taken off this map back, with the relationships that went with them, as the
        history recorded them. Restrictions come back only with an actor who may edit them."""
        case = self._editable_case(actor, case_id, young_person_may=False)
        if person_id not in {r.person_id for r in self.removed(actor, case_id)}:
            raise NotFound(f"{person_id} was not taken off case {case_id}, or is back already.")
        events = [e for e in self.store.audit_log(case_id=case_id) if e.action == "member.remove"]
        removal = next(
            e
            for e in reversed(events)
            if e.entity == "membership" and (e.before or {}).get("person_id") == person_id
        )
        membership = Membership.model_validate({**(removal.before or {}), "version": 0})
        if membership.restrictions and not allowed(actor, Action.RESTRICTED_EDIT):
            raise AccessDenied(
                "This person was under a restriction when they were taken off; ask someone who may record "
                "restrictions to put them back."
            )
        ties = [
            Tie.model_validate({**(e.before or {}), "version": 0})
            for e in events
            if e.entity == "tie"
            and e.at == removal.at
            and e.actor == removal.actor
            and person_id in ((e.before or {}).get("from_id"), (e.before or {}).get("to_id"))
        ]
        present = {m.person_id for m in self.store.list(Membership, case_id=case.id)}
        ties = [
            t
            for t in ties
            if {t.from_id, t.to_id} - {person_id} <= present and self.store.get(Tie, t.id) is None
        ]
        changes: list[tuple[Record | None, Record | None]] = [(None, membership), *((None, t) for t in ties)]
        written = self._write(actor, "member.restore", changes, case_id=case.id)
        result = written[0]
        assert isinstance(result, Membership)
        return result

    # ------------------------------------------------------------------ kinship

    def add_kin(self, actor: Actor, case_id: str, kin: Kin) -> Kin:
        case = self._editable_case(actor, case_id, young_person_may=False)
        self._member(actor, case, kin.from_id)
        self._member(actor, case, kin.to_id)
        (written,) = self._write(actor, "kin.add", [(None, kin)], case_id=case_id)
        assert isinstance(written, Kin)
        return written

    def remove_kin(self, actor: Actor, case_id: str, kin_id: str, version: int) -> None:
        """Remove a kinship link between two people who are both in this map and visible to the actor."""
        case = self._editable_case(actor, case_id, young_person_may=False)
        stored = self.store.get(Kin, kin_id)
        if stored is None:
            raise NotFound(f"There is no kinship link {kin_id}.")
        self._member(actor, case, stored.from_id)
        self._member(actor, case, stored.to_id)
        self._write(
            actor, "kin.remove", [(stored.model_copy(update={"version": version}), None)], case_id=case_id
        )

    # ------------------------------------------------------------------ ties

    def _check_tie(self, actor: Actor, tie: Tie) -> Case:
        case = self._editable_case(actor, tie.case_id)
        if actor.role is Role.YOUNG_PERSON and tie.perspective is not Perspective.YOUNG_PERSON:
            raise AccessDenied(
                "A young person records their own view of a relationship, not the practitioner's."
            )
        self._member(actor, case, tie.from_id)
        self._member(actor, case, tie.to_id)
        return case

    def _stored_tie(self, actor: Actor, case_id: str, tie_id: str) -> Tie:
        """The stored tie, checked as stored: its case, its two ends and whose view it is."""
        stored = self.store.get(Tie, tie_id)
        if stored is None or stored.case_id != case_id:
            raise NotFound(f"There is no relationship {tie_id} in case {case_id}.")
        self._check_tie(actor, stored)
        return stored

    def add_tie(self, actor: Actor, tie: Tie) -> Tie:
        self._check_tie(actor, tie)
        tie = tie if tie.recorded_on else tie.model_copy(update={"recorded_on": self.clock().date()})
        (written,) = self._write(actor, "tie.add", [(None, tie)])
        assert isinstance(written, Tie)
        return written

    def update_tie(self, actor: Actor, tie: Tie) -> Tie:
        """Change a relationship's values; its case, ends and perspective stay as stored."""
        stored = self._stored_tie(actor, tie.case_id, tie.id)
        fixed = ("case_id", "from_id", "to_id", "perspective")
        if any(getattr(tie, name) != getattr(stored, name) for name in fixed):
            raise ValidationFailed(
                "A relationship's people and whose view it is cannot change: record a new one instead."
            )
        (written,) = self._write(actor, "tie.update", [(stored, tie)])
        assert isinstance(written, Tie)
        return written

    def remove_tie(self, actor: Actor, case_id: str, tie_id: str, version: int) -> None:
        stored = self._stored_tie(actor, case_id, tie_id)
        self._write(actor, "tie.remove", [(stored.model_copy(update={"version": version}), None)])
