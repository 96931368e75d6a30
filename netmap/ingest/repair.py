"""Validating one imported record leniently: repair what can be repaired, leave out what cannot, and say so.

A value too long is shortened with the full text kept in the notes; text with line breaks or control
characters is cleaned; any other value the model refuses is left out and kept in the notes as
written (restricted values are never copied into notes); a record whose identity is unusable (no
name, a link from a person to themselves) is skipped. Each step is one :class:`Fix`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from netmap.models import restricted_fields

__all__ = ["Fix", "first_error", "nfc", "validate_leniently"]

# Fields without which a record is not itself: refused values here skip the record.
_IDENTITY = {"id", "name", "title", "case_id", "person_id", "from_id", "to_id", "kind", "ego_id", "sector"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"\s*[\t\n\r]+\s*")
# Record-level rules the models enforce, and the fields to leave out to meet them.
_CONFLICTS = {
    "birth_year does not match birth_date": ("birth_year",),
    "death_year is before birth_year": ("birth_year", "birth_date", "death_year"),
    "until is before since": ("until",),
}


@dataclass(frozen=True)
class Fix:
    """One repair of a record: what netmap did, why, and the field (for the report's "where")."""

    field: str
    what: str
    why: str


def nfc(value: Any) -> Any:
    """Text in Unicode NFC, so a name decomposed by one program equals the same name from another.

    >>> nfc("Rene\\u0301e") == "Renée", nfc(["Zoe\\u0308"]), nfc(3)
    (True, ['Zoë'], 3)
    """
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def first_error(error: ValidationError) -> tuple[str, str, str]:
    """``(field, message, type)`` of the first problem in ``error``; field is "" for a record-level rule."""
    first = error.errors()[0]
    loc = [str(p) for p in first.get("loc", ()) if not isinstance(p, int)]
    kind = str(first.get("type", ""))
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    if kind in _TOO_LONG:
        context = first.get("ctx", {})
        message = f"has {context.get('actual_length', 'too many')} characters; netmap keeps at most {context.get('max_length')}"
    return (loc[0] if loc else ""), message[:1].lower() + message[1:], kind


_TOO_LONG = ("string_too_long", "too_long")


def _limit(error: ValidationError) -> int:
    return int(error.errors()[0].get("ctx", {}).get("max_length", 0))


def validate_leniently(
    model: type[BaseModel], fields: dict[str, Any]
) -> tuple[BaseModel | None, list[Fix], list[str]]:
    """``(record or None, fixes, notes)``: the record after repairs (None if it had to be skipped), what was
    done, and lines of original text to keep in the notes.

    >>> from netmap.models import Person
    >>> person, fixes, notes = validate_leniently(Person, {"id": "p-1", "name": "A" * 130, "birth_year": 20})
    >>> len(person.name), [f.what for f in fixes], notes[0][:12]
    (120, ['name shortened', 'value left out'], 'Full name: A')
    """
    fields = dict(fields)
    fixes: list[Fix] = []
    notes: list[str] = []
    hidden = restricted_fields(model)
    for _ in range(len(fields) + 2):
        try:
            return model.model_validate(fields), fixes, notes
        except ValidationError as error:
            field, message, kind = first_error(error)
            limit = _limit(error)
        value = fields.get(field)
        if not field:
            if message == "death_year is set but the person is not marked deceased":
                fields["deceased"] = True
                fixes.append(Fix("deceased", "marked deceased", "a death year is given"))
                continue
            dropped = next((names for rule, names in _CONFLICTS.items() if rule in message), ())
            dropped = tuple(n for n in dropped if fields.get(n) not in (None, ""))
            if not dropped:
                return None, [*fixes, Fix("", "skipped", message)], notes
            notes.append("; ".join(f"{n.replace('_', ' ')}: {fields.pop(n)}" for n in dropped))
            fixes.append(Fix("", "dates kept in notes", message))
            continue
        if kind in _TOO_LONG and isinstance(value, str):
            fields[field] = value[: limit - 1].rstrip() + "…"
            if field not in hidden and field != "notes":
                notes.append(f"Full {field.replace('_', ' ')}: {value}")
            fixes.append(Fix(field, f"{field.replace('_', ' ')} shortened", message))
            continue
        if isinstance(value, str) and (_CONTROL.search(value) or _BREAKS.search(value.strip())):
            fields[field] = _CONTROL.sub("", _BREAKS.sub(" ", value)).strip()
            fixes.append(Fix(field, "text cleaned", message))
            continue
        if field in _IDENTITY or field not in fields:
            return None, [*fixes, Fix(field, "skipped", message)], notes
        fields.pop(field)
        if field not in hidden and value not in (None, "", []):
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            notes.append(f"{field.replace('_', ' ')}: {shown}")
        fixes.append(Fix(field, "value left out", message))
    return None, [*fixes, Fix("", "skipped", "too many problems to repair")], notes
