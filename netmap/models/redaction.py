"""Restricted fields, and a copy of any record with them dropped, for every layer to hand out."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = [
    "ModelT",
    "redact",
    "restricted_fields",
]


def restricted_fields(model: type[BaseModel]) -> set[str]:
    """Names of the fields of ``model`` marked restricted."""
    return {
        name
        for name, info in model.model_fields.items()
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("restricted")
    }


ModelT = TypeVar("ModelT", bound=BaseModel)


def redact(obj: ModelT) -> ModelT:
    """A copy of ``obj`` with every restricted field, at any depth, reset to its default.

    >>> from netmap.models import Person
    >>> p = Person(id="p-1", name="Ann", phone="07700 900000")
    >>> redact(p).phone
    ''
    """
    updates: dict[str, Any] = {}
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if name in restricted_fields(type(obj)):
            updates[name] = type(obj).model_fields[name].get_default(call_default_factory=True)
        elif isinstance(value, BaseModel):
            updates[name] = redact(value)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [redact(v) for v in value]
    return obj.model_copy(update=updates) if updates else obj
