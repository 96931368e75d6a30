"""The netmap JSON interchange and backup format: every record type, in dependency order."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from netmap.models.accounts import Grant, User
from netmap.models.cases import Case
from netmap.models.conferences import Conference
from netmap.models.links import ContactEvent, Kin, Membership, Tie
from netmap.models.network import Snapshot
from netmap.models.people import Person
from netmap.models.record import Record

FORMAT_NAME = "netmap"
FORMAT_VERSION = 1

__all__ = [
    "DATASET_FIELDS",
    "Dataset",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "RECORD_TYPES",
    "RecordT",
    "RecordT",
]


RECORD_TYPES: tuple[type[Record], ...] = (
    Person,
    Case,
    Membership,
    Kin,
    Tie,
    ContactEvent,
    Conference,
    Snapshot,
    User,
    Grant,
)
RecordT = TypeVar("RecordT", bound=Record)


class Dataset(BaseModel):
    """The netmap JSON interchange and backup format (see docs/json-format.md)."""

    model_config = ConfigDict(extra="forbid")
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION
    people: list[Person] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    kin: list[Kin] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    contact_events: list[ContactEvent] = Field(default_factory=list)
    conferences: list[Conference] = Field(default_factory=list)
    snapshots: list[Snapshot] = Field(default_factory=list)
    users: list[User] = Field(default_factory=list)
    grants: list[Grant] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_format(self) -> Dataset:
        if self.format != FORMAT_NAME:
            raise ValueError(f"format must be {FORMAT_NAME!r}")
        if self.format_version != FORMAT_VERSION:
            raise ValueError(
                f"format_version {self.format_version} is not supported (expected {FORMAT_VERSION})"
            )
        return self

    def records(self) -> list[Record]:
        """All records in dependency order (people before the cases that name them)."""
        return [
            *self.people,
            *self.cases,
            *self.memberships,
            *self.kin,
            *self.ties,
            *self.contact_events,
            *self.conferences,
            *self.snapshots,
            *self.users,
            *self.grants,
        ]


DATASET_FIELDS: dict[type[Record], str] = {
    Person: "people",
    Case: "cases",
    Membership: "memberships",
    Kin: "kin",
    Tie: "ties",
    ContactEvent: "contact_events",
    Conference: "conferences",
    Snapshot: "snapshots",
    User: "users",
    Grant: "grants",
}


# --------------------------------------------------------------------------- redaction
