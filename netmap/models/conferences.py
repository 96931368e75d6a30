"""Family group conferences: invitees, the plan and its items."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from netmap.models.fields import Id, LongText, RestrictedLongText, ShortText, new_id, restricted_field
from netmap.models.record import Record
from netmap.models.resettlement import PlanView
from netmap.models.vocabularies import (
    ConferenceStage,
    InvitationStatus,
    InviteeNeed,
    Pathway,
    PlanItemStatus,
    ReleaseCheck,
    StatutoryPlan,
)
from netmap.models.vocabulary_order import once_each_in_order

__all__ = [
    "CHECK_PATHWAY",
    "Conference",
    "Invitee",
    "PlanItem",
]

# The pathway each release check belongs to, for an item that names a check and no pathway.
CHECK_PATHWAY = {
    ReleaseCheck.RELEASE_NIGHT_ACCOMMODATION: Pathway.ACCOMMODATION,
    ReleaseCheck.TRAVEL_FROM_GATE: Pathway.ACCOMMODATION,
    ReleaseCheck.ID: Pathway.ID_DOCUMENTS,
    ReleaseCheck.BANK_ACCOUNT: Pathway.FINANCE,
    ReleaseCheck.BENEFITS_CLAIM: Pathway.FINANCE,
    ReleaseCheck.GP_REGISTRATION: Pathway.HEALTH,
    ReleaseCheck.PRESCRIPTION: Pathway.HEALTH,
    ReleaseCheck.FIRST_PROBATION_APPOINTMENT: Pathway.ATTITUDES,
    ReleaseCheck.PHONE: Pathway.STAYING_SAFE,
}


class Invitee(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    person_id: Id
    role: ShortText = ""
    status: InvitationStatus = InvitationStatus.PROPOSED
    needs: list[InviteeNeed] = Field(default_factory=list)
    information_giver: bool = False
    will_say: ShortText = ""
    notes: RestrictedLongText = restricted_field(default="")


class PlanItem(BaseModel):
    """One item of the young person's one plan: what, whose (a person or an agency in the map), by
    when, on which resettlement pathway, for which statutory plans, and what happens if it fails."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    id: Id = Field(default_factory=lambda: new_id("i"))
    what: ShortText
    owner_id: Id
    by_when: date | None = None
    status: PlanItemStatus = PlanItemStatus.AGREED
    pathway: Pathway | None = None
    serves: list[StatutoryPlan] = Field(default_factory=list)
    contingency: ShortText = Field(default="", description="what happens if this does not work out")
    release_check: ReleaseCheck | None = None
    young_person_view: PlanView | None = None
    notes: LongText = ""

    @field_validator("serves")
    @classmethod
    def _serves_once_each(cls, serves: list[StatutoryPlan]) -> list[StatutoryPlan]:
        return once_each_in_order(serves, StatutoryPlan)

    @model_validator(mode="after")
    def _check_has_a_pathway(self) -> PlanItem:
        if self.release_check is not None and self.pathway is None:
            # Written past validate_assignment, which would re-run this validator without end.
            self.__dict__["pathway"] = CHECK_PATHWAY[self.release_check]
        return self


class Conference(Record):
    table: ClassVar[str] = "conference"
    id_prefix: ClassVar[str] = "f"

    case_id: Id
    stage: ConferenceStage = ConferenceStage.REFERRAL
    referral_on: date | None = None
    conference_on: date | None = None
    review_on: date | None = None
    venue: ShortText = ""
    agenda: LongText = ""
    private_family_time: bool = True
    invitees: list[Invitee] = Field(default_factory=list)
    plan: list[PlanItem] = Field(default_factory=list)
    notes: LongText = ""
