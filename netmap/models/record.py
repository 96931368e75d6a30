"""The base of every stored record: an id, an optimistic version, validation on assignment."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from netmap.models.fields import Id

__all__ = [
    "Record",
]


class Record(BaseModel):
    """A stored record: an id, an optimistic ``version``, validation on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)
    table: ClassVar[str] = ""
    id_prefix: ClassVar[str] = "r"
    audit_exclude: ClassVar[set[str]] = set()

    id: Id
    version: int = Field(default=0, ge=0)

    @property
    def case_key(self) -> str | None:
        """The case this record belongs to, if any (used for access and indexing)."""
        # The field as stored, if the type has one (a missing attribute costs pydantic an exception).
        return self.__dict__.get("case_id")
