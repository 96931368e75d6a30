"""Turning errors into the one plain sentence a page shows."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

__all__ = ["problem_sentence"]


def problem_sentence(exc: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """The first problem pydantic found, as one sentence naming the field.

    ``labels`` maps a field name to the words the form shows for it.

    >>> from netmap.models import Person
    >>> try:
    ...     Person(id="p-1", name="  ")
    ... except ValidationError as exc:
    ...     print(problem_sentence(exc))
    Name: must not be blank.
    """
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    label = (labels or {}).get(field) or field.replace("_", " ").replace(".", " ").capitalize() or "Input"
    return f"{label}: {first['msg'].removeprefix('Value error, ').rstrip('.')}."
