"""Use cases on restrictions: record, change and end them, and the case's safety panel.

A restriction sits on the membership of the person it binds (a court order, a licence condition,
non-association, do not contact, do not disclose location, a victim contact limit). Recording and
reading its details need ``restricted.edit`` and ``restricted.read``; everyone who may open the
case sees that a restriction exists, so nobody arranges contact unaware of one.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from netmap.errors import NotFound
from netmap.models import Case, Membership, Restriction, RestrictionKind
from netmap.planning.safety import active_restrictions
from netmap.services.access import Action, Actor, allowed, visible_network
from netmap.services.base import Service

__all__ = ["RestrictionService", "SafetyPanel", "SafetyRow"]


class SafetyRow(BaseModel):
    """One restriction as the panel lists it; details are empty for roles that may not read them."""

    model_config = ConfigDict(frozen=True)
    person_id: str
    person: str
    restriction_id: str = ""
    kind: RestrictionKind | None = None
    other: str = ""
    protects: str = ""
    source: str = ""
    court: str = ""
    made_on: date | None = None
    vetted_by: str = ""
    vetted_on: date | None = None
    until: date | None = None
    details: str = ""
    in_force: bool = True


class SafetyPanel(BaseModel):
    """Who must not meet whom and whose location is withheld, for one case."""

    model_config = ConfigDict(frozen=True)
    rows: list[SafetyRow]
    details_shown: bool

    @property
    def location_withheld(self) -> list[str]:
        return sorted(
            {r.person for r in self.rows if r.in_force and r.kind is RestrictionKind.DO_NOT_DISCLOSE_LOCATION}
        )


class RestrictionService(Service):
    def _bound(self, actor: Actor, case_id: str, person_id: str) -> tuple[Case, Membership]:
        case = self._case(actor, case_id, Action.RESTRICTED_EDIT)
        return case, self._member(actor, case, person_id)

    def _check_people(self, actor: Actor, case: Case, restriction: Restriction) -> None:
        for other in (restriction.other_person_id, restriction.protects_id):
            if other is not None:
                self._member(actor, case, other)

    def record(self, actor: Actor, case_id: str, person_id: str, restriction: Restriction) -> Membership:
        """Add a restriction binding ``person_id`` in this case; whoever records it is named on it."""
        case, membership = self._bound(actor, case_id, person_id)
        self._check_people(actor, case, restriction)
        restriction = restriction.model_copy(
            update={"recorded_by": restriction.recorded_by or actor.username}
        )
        updated = membership.model_copy(update={"restrictions": [*membership.restrictions, restriction]})
        (written,) = self._write(actor, "restriction.add", [(membership, updated)])
        assert isinstance(written, Membership)
        return written

    def update(
        self, actor: Actor, case_id: str, person_id: str, restriction: Restriction, version: int
    ) -> Membership:
        """Change one restriction (found by its id) on ``person_id``'s membership at ``version``."""
        case, membership = self._bound(actor, case_id, person_id)
        if restriction.id not in {r.id for r in membership.restrictions}:
            raise NotFound(f"There is no restriction {restriction.id} on {person_id} in case {case_id}.")
        self._check_people(actor, case, restriction)
        kept = [restriction if r.id == restriction.id else r for r in membership.restrictions]
        updated = membership.model_copy(update={"restrictions": kept, "version": version})
        (written,) = self._write(actor, "restriction.update", [(membership, updated)])
        assert isinstance(written, Membership)
        return written

    def end(
        self,
        actor: Actor,
        case_id: str,
        person_id: str,
        restriction_id: str,
        version: int,
        *,
        on: date | None = None,
    ) -> Membership:
        """End a restriction: it applies up to and including ``on`` (today), and stays on record."""
        _, membership = self._bound(actor, case_id, person_id)
        found = next((r for r in membership.restrictions if r.id == restriction_id), None)
        if found is None:
            raise NotFound(f"There is no restriction {restriction_id} on {person_id} in case {case_id}.")
        return self.update(
            actor, case_id, person_id, found.model_copy(update={"until": on or self.clock().date()}), version
        )

    def safety_panel(self, actor: Actor, case_id: str) -> SafetyPanel:
        """Every restriction of the case, in force first; details only for roles that may read them."""
        self._case(actor, case_id, Action.CASE_READ)
        network = visible_network(actor, self.store.get_network(case_id))
        shown = allowed(actor, Action.RESTRICTED_READ)
        names = {p.id: p.display_name for p in network.people}
        today = self.clock().date()
        rows: list[SafetyRow] = []
        for membership in network.memberships:
            in_force = {r.id for r in active_restrictions(membership.restrictions, today=today)}
            for r in membership.restrictions:
                person = names.get(membership.person_id, membership.person_id)
                if not shown:
                    if r.id in in_force:
                        rows.append(SafetyRow(person_id=membership.person_id, person=person))
                    continue
                rows.append(
                    SafetyRow(
                        person_id=membership.person_id,
                        person=person,
                        restriction_id=r.id,
                        kind=r.kind,
                        other=names.get(r.other_person_id or "", ""),
                        protects=names.get(r.protects_id or "", ""),
                        source=r.source,
                        court=r.court,
                        made_on=r.made_on,
                        vetted_by=r.vetted_by,
                        vetted_on=r.vetted_on,
                        until=r.until,
                        details=r.details,
                        in_force=r.id in in_force,
                    )
                )
        rows = list({(row.person_id, row.restriction_id): row for row in rows}.values())
        rows.sort(key=lambda row: (not row.in_force, row.person.casefold(), row.restriction_id))
        return SafetyPanel(rows=rows, details_shown=shown)
