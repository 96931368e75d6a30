"""User accounts, their grants to cases, and the append-only audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from netmap.models.fields import Id, ShortText
from netmap.models.record import Record
from netmap.models.vocabularies import Role

__all__ = [
    "AuditEvent",
    "Grant",
    "User",
]


class User(Record):
    table: ClassVar[str] = "user"
    audit_exclude: ClassVar[set[str]] = {"password_hash"}

    display_name: ShortText = ""
    role: Role
    agency: ShortText = ""
    local_authority: ShortText = ""
    person_id: Id | None = Field(default=None, description="for a young person: their own Person")
    password_hash: str = Field(default="", repr=False)
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None

    @property
    def username(self) -> str:
        return self.id


class Grant(Record):
    """A user's access to one case."""

    table: ClassVar[str] = "grant"

    username: Id
    case_id: Id

    @classmethod
    def make(cls, username: str, case_id: str) -> Grant:
        return cls(id=f"{username}|{case_id}", username=username, case_id=case_id)


class AuditEvent(BaseModel):
    """One append-only line of the audit trail."""

    model_config = ConfigDict(extra="forbid")
    seq: int = 0
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    case_id: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    outcome: str = "ok"
    chain: str = Field(default="", description="the entry's seal, set by the store (graph.audit_chain)")
