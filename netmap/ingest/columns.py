"""netmap's spreadsheet columns: rows to person, membership, tie and kin fields and back, and column mappings."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from netmap.errors import ImportFailed
from netmap.ingest.cells import FALSE_WORDS, TRUE_WORDS, cell_text, is_truthy, split_list, vocab
from netmap.models import Case, Network, Person, Tie

__all__ = [
    "CASE_COLUMNS",
    "JSON_COLUMNS",
    "case_fields",
    "case_row",
    "from_json",
    "to_json",
    "PEOPLE_COLUMNS",
    "TIE_COLUMNS",
    "kin_parts",
    "parse_mapping",
    "person_parts",
    "person_row",
    "tie_parts",
    "tie_row",
]

PERSON_FIELDS = set(Person.model_fields) - {"id"}
MEMBERSHIP_FIELDS = {
    "sector",
    "ring",
    "role_label",
    "status",
    "lead_source",
    "lead_date",
    "confidence",
    "support_ends",
    "offer",
    "restrictions",
    "added_by",
    "notes",
}
# Columns holding a structure, written as JSON text: what a re-import needs to restore a record whole.
JSON_COLUMNS = {"restrictions", "service_info", "case_details"}
TIE_FIELDS = set(Tie.model_fields) - {"id", "version", "case_id", "from_id", "to_id"}
_GENDER = {
    "f": "female",
    "woman": "female",
    "girl": "female",
    "m": "male",
    "man": "male",
    "boy": "male",
    "x": "nonbinary",
    "nb": "nonbinary",
    "non_binary": "nonbinary",
    "u": "unknown",
    "": "",
}
_PERSON_ENUMS = {"kind", "gender"}
_MEMBERSHIP_ENUMS = {"sector", "status", "lead_source", "confidence"}
_TIE_ENUMS = {"valence", "frequency", "direction", "perspective"}
PEOPLE_COLUMNS = [
    "id",
    "name",
    "known_as",
    "young_person",
    "kind",
    "gender",
    "birth_year",
    "birth_date",
    "deceased",
    "death_year",
    "area",
    "agency",
    "sector",
    "ring",
    "role_label",
    "status",
    "lead_source",
    "lead_date",
    "confidence",
    "address",
    "phone",
    "email",
    "safeguarding_notes",
    "ethnicity",
    "disabled",
    "neurodivergent",
    "care_status",
    "parent_or_carer",
    "notes",
    "work_contact",
    "support_ends",
    "offer",
    "restrictions",
    "added_by",
    "service_info",
    "version",
    "membership_version",
]
TIE_COLUMNS = [
    "id",
    "from",
    "to",
    "valence",
    "strength",
    "frequency",
    "direction",
    "domains",
    "since",
    "until",
    "perspective",
    "source",
    "recorded_on",
    "notes",
    "version",
]
# The case a sheet was exported from, filled on the young person's row so a re-import lands in it:
# its id, title and version, and every other field as JSON in ``case_details``.
CASE_COLUMNS = ["case_id", "case_title", "case_version", "case_details"]


def person_parts(row: Mapping[str, object]) -> tuple[dict[str, Any], dict[str, Any], bool, str]:
    """Split a row keyed by :data:`PEOPLE_COLUMNS` into person fields, membership fields, ego flag and id.

    >>> person_parts({"name": "Ann", "gender": "F", "sector": "Family", "young_person": "yes"})[:3]
    ({'name': 'Ann', 'gender': 'female'}, {'sector': 'family'}, True)
    """
    person: dict[str, Any] = {}
    membership: dict[str, Any] = {}
    for column, raw in row.items():
        if column in ("id", "young_person"):
            continue
        if column == "membership_version":
            membership["version"] = cell_text(raw)
            continue
        value: Any = vocab(raw) if column in _PERSON_ENUMS | _MEMBERSHIP_ENUMS else from_json(column, raw)
        if column == "gender":
            value = _GENDER.get(value, value)
        if column == "deceased" and value:
            value = is_truthy(value) if vocab(value) in TRUE_WORDS | FALSE_WORDS else value
        if column in MEMBERSHIP_FIELDS:
            membership[column] = value
        elif column in PERSON_FIELDS:
            person[column] = value
    return person, membership, is_truthy(row.get("young_person")), cell_text(row.get("id"))


def tie_parts(row: Mapping[str, object]) -> dict[str, Any]:
    """Tie fields from a row keyed by :data:`TIE_COLUMNS` (without id, from and to).

    >>> tie_parts({"from": "a", "valence": "Positive", "domains": "Housing; money", "strength": "3"})
    {'valence': 'positive', 'domains': ['housing', 'money'], 'strength': '3'}
    """
    fields: dict[str, Any] = {}
    for column, raw in row.items():
        if column == "domains":
            fields[column] = split_list(raw)
        elif column in _TIE_ENUMS:
            fields[column] = vocab(raw)
        elif column in TIE_FIELDS or column == "version":
            fields[column] = cell_text(raw)
    return fields


def kin_parts(attrs: Mapping[str, object]) -> dict[str, Any]:
    """Kin fields from a foreign row's ``kin_kind``, ``certainty``, ``kin_source`` and ``notes``; blanks left out.

    >>> kin_parts({"kin_kind": "Birth parent", "certainty": "", "notes": "per nan"})
    {'kind': 'birth_parent', 'notes': 'per nan'}
    """
    fields = {
        "kind": vocab(attrs.get("kin_kind")),
        "certainty": vocab(attrs.get("certainty")) or None,
        "source": vocab(attrs.get("kin_source")) or None,
        "notes": cell_text(attrs.get("notes")),
    }
    return {k: v for k, v in fields.items() if v not in ("", None)}


def parse_mapping(text: str) -> dict[str, str]:
    """A column mapping from ``"Their column=netmap_field, Other=name"``.

    >>> parse_mapping("Full name=name; Rel = role_label")
    {'Full name': 'name', 'Rel': 'role_label'}
    """
    mapping: dict[str, str] = {}
    for part in re.split(r"[;,\n]", text):
        if not part.strip():
            continue
        if "=" not in part:
            raise ImportFailed(f"Column mapping {part.strip()!r}: write it as 'their column=netmap field'.")
        source, target = part.split("=", 1)
        mapping[source.strip()] = target.strip()
    return mapping


def from_json(column: str, raw: object) -> Any:
    """A cell's value: parsed JSON for a :data:`JSON_COLUMNS` column (text left as is if it is not
    JSON, for validation to refuse), else the cell's text.

    >>> from_json("restrictions", '[{"kind": "do_not_contact"}]'), from_json("name", " Ann ")
    ([{'kind': 'do_not_contact'}], 'Ann')
    """
    text = cell_text(raw)
    if column not in JSON_COLUMNS or not text:
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def to_json(value: Any) -> str:
    """A structure (a model, or a list of them) as compact JSON text for one cell; "" when empty."""
    if value in (None, [], {}):
        return ""
    if isinstance(value, list):
        return json.dumps([v.model_dump(mode="json") for v in value], ensure_ascii=False, sort_keys=True)
    return json.dumps(value.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def _plain(value: object) -> Any:
    if isinstance(value, list):
        return "; ".join(str(getattr(v, "value", v)) for v in value)
    value = getattr(value, "value", value)
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return "" if value is None else value


def person_row(network: Network, person: Person) -> dict[str, Any]:
    """One person of ``network`` as a row keyed by :data:`PEOPLE_COLUMNS` (plain str/int/bool values)."""
    membership = network.membership(person.id)
    row: dict[str, Any] = {}
    for column in PEOPLE_COLUMNS:
        if column == "young_person":
            row[column] = "yes" if person.id == network.case.ego_id else ""
        elif column == "membership_version":
            row[column] = membership.version if membership else ""
        elif column in JSON_COLUMNS:
            holder = membership if column in MEMBERSHIP_FIELDS else person
            row[column] = to_json(getattr(holder, column, None))
        elif column in MEMBERSHIP_FIELDS:
            row[column] = _plain(getattr(membership, column, None))
        else:
            row[column] = _plain(getattr(person, column))
    return row


def case_row(case: Case) -> dict[str, Any]:
    """A case as :data:`CASE_COLUMNS`: every field but the id, title, young person and version as JSON.

    >>> row = case_row(Case(id="c-1", title="Jade's map", ego_id="p-1", stage="discovery"))
    >>> row["case_id"], json.loads(row["case_details"])["stage"]
    ('c-1', 'discovery')
    """
    details = case.model_dump(mode="json", exclude={"id", "title", "ego_id", "version"})
    return {
        "case_id": case.id,
        "case_title": case.title,
        "case_version": case.version,
        "case_details": json.dumps(details, ensure_ascii=False, sort_keys=True),
    }


def case_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Case fields from the :data:`CASE_COLUMNS` of a netmap export (details that are not JSON are
    left out: the case is then made with its defaults)."""
    fields: dict[str, Any] = {}
    details = from_json("case_details", values.get("case_details"))
    if isinstance(details, dict):
        fields.update(details)
    if cell_text(values.get("case_version")):
        fields["version"] = cell_text(values.get("case_version"))
    return fields


def tie_row(tie: Tie) -> dict[str, Any]:
    """One tie as a row keyed by :data:`TIE_COLUMNS`."""
    names = {"from": "from_id", "to": "to_id"}
    return {column: _plain(getattr(tie, names.get(column, column))) for column in TIE_COLUMNS}
