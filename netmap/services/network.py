"""Use cases on the people, memberships, kinship and ties of one case's map."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from netmap.errors import AccessDenied, NotFound, ValidationFailed
from netmap.models import (
    Case,
    Kin,
    LeadSource,
    Membership,
    Person,
    Perspective,
    Record,
    Role,
    Tie,
    restricted_fields,
)
from netmap.services.access import SHARING_APPLIES, Action, Actor, allowed
from netmap.services.base import Service

__all__ = ["NetworkService"]

ModelT = TypeVar("ModelT", bound=BaseModel)


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


class NetworkService(Service):
    # ------------------------------------------------------------------ access helpers

    def _editable_case(self, actor: Actor, case_id: str, *, young_person_may: bool = True) -> Case:
        """The case, if the actor may change its map; a young person only their own, and only some things."""
        if actor.role is Role.YOUNG_PERSON and not young_person_may:
            raise AccessDenied(
                "A young person can hide people from practitioners but not remove or relate them."
            )
        return self._case(actor, case_id, Action.NETWORK_EDIT)

    def _member(self, actor: Actor, case: Case, person_id: str) -> Membership:
        membership = self.store.get(Membership, f"{case.id}|{person_id}")
        hidden = actor.role in SHARING_APPLIES and person_id in case.sharing.hidden_for(actor.username)
        if membership is None or hidden:
            raise NotFound(f"{person_id} is not in case {case.id}.")
        return membership

    def _guard(self, actor: Actor, new: ModelT, stored: ModelT | None) -> ModelT:
        return new if allowed(actor, Action.RESTRICTED_EDIT) else _keep_restricted(new, stored)

    # ------------------------------------------------------------------ people and memberships

    def add_member(self, actor: Actor, case_id: str, person: Person, membership: Membership) -> Membership:
        """Add a person (new, or already known from another case) to this case's map."""
        case = self._editable_case(actor, case_id)
        if membership.case_id != case_id or membership.person_id != person.id:
            raise ValidationFailed("The membership must name this case and this person.")
        if self.store.get(Membership, membership.id) is not None:
            raise ValidationFailed(f"{person.display_name} is already in this map.")
        existing = self.store.get(Person, person.id)
        if actor.role is Role.YOUNG_PERSON:
            membership = membership.model_copy(
                update={"lead_source": LeadSource.YOUNG_PERSON, "restrictions": []}
            )
        membership = self._guard(actor, membership.model_copy(update={"added_by": actor.username}), None)
        changes: list[tuple[Record | None, Record | None]] = []
        if existing is None:
            changes.append((None, self._guard(actor, person, None)))
        changes.append((None, membership))
        written = self._write(actor, "member.add", changes, case_id=case.id)
        result = written[-1]
        assert isinstance(result, Membership)
        return result

    def update_person(self, actor: Actor, case_id: str, person: Person) -> Person:
        """Change a member's details; restricted details stay as they were unless the actor may edit them."""
        case = self._editable_case(actor, case_id)
        self._member(actor, case, person.id)
        stored = self.store.get(Person, person.id)
        (written,) = self._write(
            actor, "person.update", [(stored, self._guard(actor, person, stored))], case_id=case.id
        )
        assert isinstance(written, Person)
        return written

    def update_membership(self, actor: Actor, membership: Membership) -> Membership:
        case = self._editable_case(actor, membership.case_id)
        stored = self._member(actor, case, membership.person_id)
        if not allowed(actor, Action.RESTRICTED_EDIT):
            membership = membership.model_copy(update={"restrictions": stored.restrictions})
        (written,) = self._write(actor, "member.update", [(stored, membership)])
        assert isinstance(written, Membership)
        return written

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

    # ------------------------------------------------------------------ kinship

    def add_kin(self, actor: Actor, case_id: str, kin: Kin) -> Kin:
        case = self._editable_case(actor, case_id, young_person_may=False)
        self._member(actor, case, kin.from_id)
        self._member(actor, case, kin.to_id)
        (written,) = self._write(actor, "kin.add", [(None, kin)], case_id=case_id)
        assert isinstance(written, Kin)
        return written

    def remove_kin(self, actor: Actor, case_id: str, kin_id: str, version: int) -> None:
        case = self._editable_case(actor, case_id, young_person_may=False)
        stored = self.store.get(Kin, kin_id)
        if stored is None:
            raise NotFound(f"There is no kinship link {kin_id}.")
        self._member(actor, case, stored.from_id)
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

    def add_tie(self, actor: Actor, tie: Tie) -> Tie:
        self._check_tie(actor, tie)
        (written,) = self._write(actor, "tie.add", [(None, tie)])
        assert isinstance(written, Tie)
        return written

    def update_tie(self, actor: Actor, tie: Tie) -> Tie:
        self._check_tie(actor, tie)
        stored = self.store.get(Tie, tie.id)
        if stored is None or stored.case_id != tie.case_id:
            raise NotFound(f"There is no relationship {tie.id} in case {tie.case_id}.")
        if actor.role is Role.YOUNG_PERSON and stored.perspective is not Perspective.YOUNG_PERSON:
            raise AccessDenied("A young person can change only their own view of a relationship.")
        (written,) = self._write(actor, "tie.update", [(stored, tie)])
        assert isinstance(written, Tie)
        return written

    def remove_tie(self, actor: Actor, case_id: str, tie_id: str, version: int) -> None:
        stored = self.store.get(Tie, tie_id)
        if stored is None or stored.case_id != case_id:
            raise NotFound(f"There is no relationship {tie_id} in case {case_id}.")
        self._check_tie(actor, stored)
        self._write(actor, "tie.remove", [(stored.model_copy(update={"version": version}), None)])
