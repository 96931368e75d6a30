"""Resettlement details of a case: custody history, care history, the young person's own words and views."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from netmap.models.fields import LongText, Name, PastDate, RestrictedLongText, restricted_field
from netmap.models.vocabularies import CustodyReason, FormerRelevantChild, PlanResponse

__all__ = [
    "CareHistory",
    "CustodySpell",
    "OwnWords",
    "PlanView",
]


class CustodySpell(BaseModel):
    """One prison and the time spent there: a transfer or a recall starts a new spell."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    prison: Name
    reason: CustodyReason = CustodyReason.SENTENCE
    from_on: PastDate | None = None
    to_on: date | None = None

    @model_validator(mode="after")
    def _in_order(self) -> CustodySpell:
        if self.from_on and self.to_on and self.to_on < self.from_on:
            raise ValueError("a custody spell cannot end before it begins")
        return self


class CareHistory(BaseModel):
    """What a young adult says about their time in care when they identify themselves. The authority
    that looked after them is the case's ``local_authority``, which owes them leaving-care support.

    Years, not dates: people remember "from 2012 to 2019" more surely than a day.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    from_year: int | None = Field(default=None, ge=1990, le=2100)
    to_year: int | None = Field(default=None, ge=1990, le=2100)
    former_relevant_child: FormerRelevantChild = FormerRelevantChild.NOT_SURE
    notes: RestrictedLongText = restricted_field(default="", description="anything else about their care")

    @model_validator(mode="after")
    def _in_order(self) -> CareHistory:
        if self.from_year and self.to_year and self.to_year < self.from_year:
            raise ValueError("the years in care are the wrong way round")
        return self


class OwnWords(BaseModel):
    """The young person's own words: hopes, strengths, who they want to be, what matters to them.

    Written by the young person; shown in the plan and the pack only while ``shared`` is true.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    hopes: LongText = ""
    strengths: LongText = ""
    who_i_want_to_be: LongText = ""
    what_matters: LongText = ""
    shared: bool = False
    written_on: PastDate | None = None

    @property
    def written(self) -> bool:
        return any((self.hopes, self.strengths, self.who_i_want_to_be, self.what_matters))


class PlanView(BaseModel):
    """The young person's answer to one plan item, with a note in their words."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    response: PlanResponse
    note: LongText = ""
    on: PastDate | None = None
