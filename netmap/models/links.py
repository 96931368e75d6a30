"""How people sit in a case and relate: memberships with restrictions, kinship, ties and contacts."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from netmap.models.fields import (
    Id,
    LongText,
    PastDate,
    RestrictedLongText,
    ShortText,
    membership_id,
    new_id,
    restricted_field,
)
from netmap.models.record import Record
from netmap.models.vocabularies import (
    Certainty,
    ContactFrequency,
    ContactMethod,
    DiscoveryStatus,
    KinType,
    LeadSource,
    Perspective,
    RestrictionKind,
    Sector,
    SupportDirection,
    SupportDomain,
    Valence,
)
from netmap.models.vocabulary_order import once_each_in_order

__all__ = [
    "ContactEvent",
    "Kin",
    "MapPlace",
    "MapPoint",
    "Membership",
    "Restriction",
    "Tie",
]


class Restriction(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    id: Id = Field(default_factory=lambda: new_id("r"))
    kind: RestrictionKind
    other_person_id: Id | None = None
    details: RestrictedLongText = restricted_field(default="")
    source: ShortText = Field(default="", description="the order or condition, e.g. a non-molestation order")
    court: ShortText = Field(default="", description="the court or authority that made it")
    made_on: PastDate | None = None
    protects_id: Id | None = Field(default=None, description="the person it protects, when it names one")
    recorded_by: ShortText = ""
    vetted_by: ShortText = ""
    vetted_on: PastDate | None = None
    until: date | None = None

    @model_validator(mode="after")
    def _non_association_names_someone(self) -> Restriction:
        if self.kind is RestrictionKind.NON_ASSOCIATION and not self.other_person_id:
            raise ValueError("a non-association restriction must name the other person")
        return self


class MapPoint(BaseModel):
    """Where someone was put by hand on an ecomap, in polar terms so it survives any zoom or page size.

    ``angle`` is in degrees clockwise from "east" (screen coordinates), kept in [-180, 180);
    ``distance`` is in rings from the centre: 1.0 lies on ring 1, 2.4 in ring 2 towards ring 3.
    Neither may be NaN or infinite: a point nobody can draw is refused, not stored.

    >>> MapPoint(angle=270, distance=1.2).angle, MapPoint(angle=180, distance=1).angle
    (-90.0, -180.0)
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    angle: float = Field(allow_inf_nan=False)
    distance: float = Field(ge=0.5, le=4.5)

    @field_validator("angle")
    @classmethod
    def _half_turn_each_side(cls, angle: float) -> float:
        # fmod is exact, and so is each turn below (the operands are within a factor of two), so an
        # angle already in range is kept as it is and no rounding can land on 180.0.
        turned = math.fmod(angle, 360.0)
        if turned >= 180.0:
            return turned - 360.0
        return turned + 360.0 if turned < -180.0 else turned


class MapPlace(BaseModel):
    """Where the young person put someone on their own map, apart from the practitioner's placement."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    sector: Sector
    ring: int = Field(ge=1, le=4)
    point: MapPoint | None = None


class Membership(Record):
    """How one person sits in one case's map."""

    table: ClassVar[str] = "membership"

    case_id: Id
    person_id: Id
    sector: Sector
    ring: int = Field(default=2, ge=1, le=4, description="1 = closest circle, 4 = outermost")
    role_label: ShortText = ""
    status: DiscoveryStatus | None = None
    lead_source: LeadSource | None = None
    lead_date: PastDate | None = None
    confidence: Certainty | None = None
    support_ends: date | None = None
    offer: ShortText = Field(
        default="", description="what a practitioner or service offers this young person"
    )
    restrictions: list[Restriction] = Field(default_factory=list)
    added_by: ShortText = ""
    added_on: PastDate | None = Field(default=None, description="when this person was recorded in this map")
    notes: LongText = ""
    # Hand placement on the ecomap. ``map_point`` belongs to ``sector`` and ``ring`` above and is
    # ignored by the layout once they no longer match it; ``young_person_place`` is the young
    # person's own view (None: their map shows this person where the practitioner's map does).
    map_point: MapPoint | None = None
    young_person_place: MapPlace | None = None

    @model_validator(mode="after")
    def _id_from_keys(self) -> Membership:
        expected = membership_id(self.case_id, self.person_id)
        if self.id != expected:
            raise ValueError(f"membership id must be {expected!r}")
        return self

    @classmethod
    def make(cls, case_id: str, person_id: str, **fields: Any) -> Membership:
        return cls(id=membership_id(case_id, person_id), case_id=case_id, person_id=person_id, **fields)


class Kin(Record):
    table: ClassVar[str] = "kin"
    id_prefix: ClassVar[str] = "k"

    from_id: Id
    to_id: Id
    kind: KinType
    source: LeadSource | None = None
    certainty: Certainty = Certainty.CONFIRMED
    notes: LongText = ""

    @model_validator(mode="after")
    def _two_ends(self) -> Kin:
        if self.from_id == self.to_id:
            raise ValueError("a kinship link needs two different people")
        return self


class Tie(Record):
    table: ClassVar[str] = "tie"
    id_prefix: ClassVar[str] = "t"

    case_id: Id
    from_id: Id
    to_id: Id
    valence: Valence = Valence.POSITIVE
    strength: int = Field(default=2, ge=1, le=3, description="1 tenuous, 2 moderate, 3 strong")
    frequency: ContactFrequency | None = None
    direction: SupportDirection = SupportDirection.NONE
    domains: list[SupportDomain] = Field(default_factory=list)
    since: PastDate | None = None
    until: date | None = None
    perspective: Perspective = Perspective.PRACTITIONER
    source: ShortText = ""
    recorded_on: PastDate | None = None
    notes: LongText = ""

    @model_validator(mode="after")
    def _two_ends(self) -> Tie:
        if self.from_id == self.to_id:
            raise ValueError("a tie needs two different people")
        if self.since and self.until and self.until < self.since:
            raise ValueError("until is before since")
        return self

    @field_validator("domains")
    @classmethod
    def _domains_in_order(cls, domains: list[SupportDomain]) -> list[SupportDomain]:
        return once_each_in_order(domains, SupportDomain)


class ContactEvent(Record):
    table: ClassVar[str] = "contact_event"
    id_prefix: ClassVar[str] = "e"

    case_id: Id
    person_id: Id
    on: PastDate
    method: ContactMethod
    outcome: ShortText = ""
    next_step: ShortText = ""
    reminder_on: date | None = None
    done: bool = False
    by: ShortText = ""
    notes: LongText = ""
