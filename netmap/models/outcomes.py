"""Outcomes over time: dated readings of accommodation, activity, wellbeing, contact, events and the
young person's own answers (LSNS-6, ONS-4, their rating of their network)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from netmap.models.fields import Id, LongText, PastDate, ShortText, new_id
from netmap.models.vocabularies import (
    Accommodation,
    Activity,
    ContactFrequency,
    JusticeEvent,
    Perspective,
    ReviewPoint,
)

__all__ = ["LSNS_AT_RISK_BELOW", "Lsns6", "Ons4", "OutcomeReading"]

LSNS_AT_RISK_BELOW = 12
"""Lubben et al. (2006): an LSNS-6 total below 12 suggests a risk of social isolation."""

_ITEM = Field(ge=0, le=5)
_SCALE = Field(ge=0, le=10)


class Lsns6(BaseModel):
    """The six LSNS-6 answers as item scores: 0 none, 1 one, 2 two, 3 three or four, 4 five to eight,
    5 nine or more (Lubben et al. 2006).

    >>> answers = Lsns6(relatives_seen=3, relatives_private=2, relatives_help=2,
    ...                 friends_seen=3, friends_private=1, friends_help=0)
    >>> answers.relatives, answers.friends, answers.total, answers.at_risk
    (7, 4, 11, True)
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    relatives_seen: int = _ITEM
    relatives_private: int = _ITEM
    relatives_help: int = _ITEM
    friends_seen: int = _ITEM
    friends_private: int = _ITEM
    friends_help: int = _ITEM

    @property
    def relatives(self) -> int:
        return self.relatives_seen + self.relatives_private + self.relatives_help

    @property
    def friends(self) -> int:
        return self.friends_seen + self.friends_private + self.friends_help

    @property
    def total(self) -> int:
        return self.relatives + self.friends

    @property
    def at_risk(self) -> bool:
        return self.total < LSNS_AT_RISK_BELOW


class Ons4(BaseModel):
    """ONS personal wellbeing, each 0 to 10: life satisfaction, things worthwhile, happy yesterday,
    anxious yesterday (for anxiety a low score is good)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    life_satisfaction: int = _SCALE
    worthwhile: int = _SCALE
    happy: int = _SCALE
    anxious: int = _SCALE


class OutcomeReading(BaseModel):
    """What someone who knows recorded about the young person on one day; every part is optional.

    ``perspective`` says whose words these are: the young person's own answers, or a practitioner's
    record. ``release_night`` marks ``accommodation`` as where they slept on the night of release.
    ``call_at_2am`` is their own answer to "who could you call at 2 a.m.?" (how many people) and
    ``network_rating`` their own rating of their network, 0 to 10.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Id = Field(default_factory=lambda: new_id("o"))
    on: PastDate
    point: ReviewPoint | None = None
    perspective: Perspective = Perspective.PRACTITIONER
    recorded_by: ShortText = ""
    accommodation: Accommodation | None = None
    release_night: bool = False
    activity: Activity | None = None
    family_contact: ContactFrequency | None = None
    wellbeing: Ons4 | None = None
    lsns6: Lsns6 | None = None
    network_rating: int | None = Field(default=None, ge=0, le=10)
    call_at_2am: int | None = Field(default=None, ge=0, le=99)
    event: JusticeEvent | None = None
    own_words: LongText = ""

    @model_validator(mode="after")
    def _release_night_is_a_place(self) -> OutcomeReading:
        if self.release_night and self.accommodation is None:
            raise ValueError("release_night needs the accommodation they went to")
        return self
