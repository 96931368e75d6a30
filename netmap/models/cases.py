"""A case: one young person's map, its stage, key dates, consent and sharing choices."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from netmap.models.fields import Id, LongText, Name, PastDate, ShortText
from netmap.models.outcomes import OutcomeReading
from netmap.models.record import Record
from netmap.models.resettlement import CareHistory, CustodySpell, OwnWords
from netmap.models.vocabularies import CaseStage, ServiceCategory

__all__ = [
    "Case",
    "ConsentRecord",
    "Sharing",
]


class ConsentRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    given: bool = False
    given_by: ShortText = ""
    on: PastDate | None = None
    notes: LongText = ""


class Sharing(BaseModel):
    """What the young person chose to share with practitioners other than the coordinator."""

    model_config = ConfigDict(extra="forbid")
    hidden_people: list[Id] = Field(default_factory=list)
    hidden_from: dict[str, list[Id]] = Field(default_factory=dict)

    def hidden_for(self, username: str) -> set[str]:
        return set(self.hidden_people) | set(self.hidden_from.get(username, []))


class Case(Record):
    table: ClassVar[str] = "case"
    id_prefix: ClassVar[str] = "c"

    title: Name
    ego_id: Id
    coordinator: ShortText = ""
    stage: CaseStage = CaseStage.REFERRAL
    local_authority: ShortText = ""
    prison: ShortText = ""
    referral_date: PastDate | None = None
    referred_by: ShortText = ""
    wants_help_with: LongText = ""
    needs: list[ServiceCategory] = Field(
        default_factory=list, description="needs recorded for the directory's needs analysis"
    )
    release_date: date | None = None
    licence_end: date | None = None
    sentence_end: date | None = None
    custody: list[CustodySpell] = Field(default_factory=list, description="prisons, oldest first")
    keep_adviser_to_25: bool = Field(
        default=False, description="the young person asked to keep their personal adviser until 25"
    )
    care_history: CareHistory | None = None
    own_words: OwnWords = Field(default_factory=OwnWords)
    consent: ConsentRecord = Field(default_factory=ConsentRecord)
    sharing: Sharing = Field(default_factory=Sharing)
    questions: list[ShortText] = Field(default_factory=list, description="questions still to answer")
    notes: LongText = ""
    outcomes: list[OutcomeReading] = Field(default_factory=list, description="dated outcome readings")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Case:
        if self.release_date and self.licence_end and self.licence_end < self.release_date:
            raise ValueError("licence_end is before the release date")
        if self.licence_end and self.sentence_end and self.sentence_end < self.licence_end:
            raise ValueError("sentence_end is before the licence end")
        return self

    @property
    def case_key(self) -> str:
        return self.id
