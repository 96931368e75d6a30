"""One case's network as a frozen whole, and dated snapshots of it."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from netmap.models.cases import Case
from netmap.models.fields import Id, PastDate, ShortText
from netmap.models.links import Kin, Membership, Tie
from netmap.models.people import Person
from netmap.models.record import Record
from netmap.models.vocabularies import SnapshotEvent

__all__ = [
    "Network",
    "Snapshot",
]


class Network(BaseModel):
    """One case's map as a frozen, self-contained snapshot."""

    model_config = ConfigDict(extra="forbid")
    case: Case
    people: list[Person] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    kin: list[Kin] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Network:
        ids = {p.id for p in self.people}
        if self.people and self.case.ego_id not in ids:
            raise ValueError("the case's young person must be a member of the network")
        for tie in self.ties:
            if tie.from_id not in ids or tie.to_id not in ids:
                raise ValueError(f"tie {tie.id} joins someone who is not in the network")
        return self

    @property
    def ego(self) -> Person:
        return next(p for p in self.people if p.id == self.case.ego_id)

    def person(self, person_id: str) -> Person:
        return next(p for p in self.people if p.id == person_id)

    def membership(self, person_id: str) -> Membership | None:
        return next((m for m in self.memberships if m.person_id == person_id), None)


class Snapshot(Record):
    table: ClassVar[str] = "snapshot"
    id_prefix: ClassVar[str] = "s"

    case_id: Id
    event: SnapshotEvent
    taken_on: PastDate
    label: ShortText = ""
    network: Network
