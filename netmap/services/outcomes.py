"""Use cases of outcomes over time: the dated readings recorded for a young person, by the roles that know
them and by the young person in their own words."""

from __future__ import annotations

from netmap.errors import NotFound, ValidationFailed
from netmap.models import Case, OutcomeReading, Perspective, Role
from netmap.services.access import Action, Actor, visible_case
from netmap.services.base import Service

__all__ = ["OutcomeService"]


def _ordered(readings: list[OutcomeReading]) -> list[OutcomeReading]:
    return sorted(readings, key=lambda r: (r.on, r.id))


class OutcomeService(Service):
    def list_outcomes(self, actor: Actor, case_id: str) -> list[OutcomeReading]:
        """Every reading of the case, oldest first."""
        case = self._case(actor, case_id, Action.OUTCOMES_READ)
        return _ordered(case.outcomes)

    def record_outcome(self, actor: Actor, case_id: str, reading: OutcomeReading, version: int) -> Case:
        """Add a reading, or change one with the same id; ``version`` is the case's version as read.

        A young person records in their own words only (the young person's perspective), and never
        a recall or reoffence. A reading keeps the perspective it was first recorded from: nobody
        rewrites the young person's own answers, and they do not rewrite a practitioner's record.
        """
        case = self._case(actor, case_id, Action.OUTCOMES_EDIT)
        own = Perspective.YOUNG_PERSON if actor.role is Role.YOUNG_PERSON else Perspective.PRACTITIONER
        if actor.role is Role.YOUNG_PERSON and reading.event is not None:
            raise ValidationFailed("event: recalls and reoffending are recorded by practitioners.")
        earlier = next((r for r in case.outcomes if r.id == reading.id), None)
        if earlier is not None and earlier.perspective is not own:
            raise ValidationFailed(f"{reading.id}: this reading was recorded from another point of view.")
        reading = reading.model_copy(
            update={"perspective": own, "recorded_by": reading.recorded_by or actor.username}
        )
        readings = [r for r in case.outcomes if r.id != reading.id] + [reading]
        updated = case.model_copy(update={"outcomes": _ordered(readings), "version": version})
        (written,) = self._write(actor, "outcome.record", [(case, updated)])
        assert isinstance(written, Case)
        return visible_case(actor, written)

    def remove_outcome(self, actor: Actor, case_id: str, reading_id: str, version: int) -> Case:
        """Remove a reading recorded from the actor's own point of view."""
        case = self._case(actor, case_id, Action.OUTCOMES_EDIT)
        own = Perspective.YOUNG_PERSON if actor.role is Role.YOUNG_PERSON else Perspective.PRACTITIONER
        reading = next((r for r in case.outcomes if r.id == reading_id), None)
        if reading is None:
            raise NotFound(f"There is no outcome reading {reading_id} in case {case_id}.")
        if reading.perspective is not own:
            raise ValidationFailed(f"{reading_id}: this reading was recorded from another point of view.")
        kept = [r for r in case.outcomes if r.id != reading_id]
        updated = case.model_copy(update={"outcomes": kept, "version": version})
        (written,) = self._write(actor, "outcome.remove", [(case, updated)])
        assert isinstance(written, Case)
        return visible_case(actor, written)
