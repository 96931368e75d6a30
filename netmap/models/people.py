"""People and services: who someone is, with their restricted contact details."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, model_validator

from netmap.models.fields import (
    Name,
    PastDate,
    RestrictedLongText,
    RestrictedShortText,
    ShortText,
    restricted_choice,
    restricted_field,
)
from netmap.models.record import Record
from netmap.models.vocabularies import Answer, CareStatus, Ethnicity, Gender, PersonKind, ServiceCategory

__all__ = [
    "Person",
    "ServiceInfo",
]

if TYPE_CHECKING:
    EthnicityCode: TypeAlias = str
    AnswerCode: TypeAlias = str
    CareStatusCode: TypeAlias = str
else:
    # Stored as the vocabulary's value, so the encrypting store can seal them like other restricted text.
    EthnicityCode = restricted_choice(Ethnicity)
    AnswerCode = restricted_choice(Answer)
    CareStatusCode = restricted_choice(CareStatus)


class ServiceInfo(BaseModel):
    """What a local service offers, for the directory (public information, not restricted)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    categories: list[ServiceCategory] = Field(default_factory=list)
    offer: ShortText = ""
    eligibility: ShortText = ""
    contact: ShortText = ""
    website: ShortText = ""
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    referral_route: ShortText = Field(default="", description="how to refer someone")
    capacity: ShortText = Field(default="", description="places free or the waiting time")
    culturally_specific: ShortText = Field(
        default="", description="who a culturally specific service is for; empty for everyone"
    )

    @model_validator(mode="after")
    def _ages_in_order(self) -> ServiceInfo:
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            raise ValueError("age_max is below age_min")
        return self

    def serves_age(self, age: int | None) -> bool:
        """Whether someone of ``age`` is in the service's age range (an unknown age is in every range).

        >>> ServiceInfo(age_min=18, age_max=25).serves_age(17), ServiceInfo().serves_age(40)
        (False, True)
        """
        if age is None:
            return True
        return (self.age_min is None or age >= self.age_min) and (self.age_max is None or age <= self.age_max)


class Person(Record):
    table: ClassVar[str] = "person"
    id_prefix: ClassVar[str] = "p"

    name: Name
    known_as: ShortText = ""
    kind: PersonKind = PersonKind.PERSON
    gender: Gender = Gender.UNKNOWN
    birth_year: int | None = Field(default=None, ge=1000, le=2100)
    birth_date: PastDate | None = None
    deceased: bool = False
    death_year: int | None = Field(default=None, ge=1000, le=2100)
    area: ShortText = ""
    agency: ShortText = ""
    work_contact: ShortText = Field(default="", description="a professional's work phone or email")
    service_info: ServiceInfo | None = Field(default=None, description="for kind=service: directory entry")
    address: RestrictedLongText = restricted_field(default="")
    phone: RestrictedShortText = restricted_field(default="")
    email: RestrictedShortText = restricted_field(default="")
    safeguarding_notes: RestrictedLongText = restricted_field(default="")
    # Equality monitoring: optional, restricted (so never in the young person's own views, like every
    # restricted field), recorded on the Outcomes page and used only in suppressed cohort figures.
    ethnicity: EthnicityCode = restricted_field(default="")
    disabled: AnswerCode = restricted_field(default="")
    neurodivergent: AnswerCode = restricted_field(default="")
    care_status: CareStatusCode = restricted_field(default="")
    parent_or_carer: AnswerCode = restricted_field(default="")

    @model_validator(mode="after")
    def _birth_consistent(self) -> Person:
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            raise ValueError("birth_year does not match birth_date")
        if self.death_year is not None:
            if not self.deceased:
                raise ValueError("death_year is set but the person is not marked deceased")
            if self.birth_year and self.death_year < self.birth_year:
                raise ValueError("death_year is before birth_year")
        if self.birth_date and not self.birth_year:
            # Written past validate_assignment, which would re-run this validator without end.
            self.__dict__["birth_year"] = self.birth_date.year
        return self

    @property
    def display_name(self) -> str:
        return self.known_as or self.name
