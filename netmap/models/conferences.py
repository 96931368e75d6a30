"""Family group conferences: invitees, the plan and its items."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from netmap.models.fields import Id, LongText, RestrictedLongText, ShortText, new_id, restricted_field
from netmap.models.record import Record
from netmap.models.vocabularies import ConferenceStage, InvitationStatus, InviteeNeed, PlanItemStatus

__all__ = [
    "Conference",
    "Invitee",
    "PlanItem",
]


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
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    id: Id = Field(default_factory=lambda: new_id("i"))
    what: ShortText
    owner_id: Id
    by_when: date | None = None
    status: PlanItemStatus = PlanItemStatus.AGREED
    notes: LongText = ""


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
