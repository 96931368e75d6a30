"""Which records name which: the key columns every store indexes and the references it enforces."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KEY_COLUMNS", "REFERENCES", "Reference"]

# Columns besides id/version/data that queries, indexes and foreign keys need, per table.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": (),
    "case": ("ego_id",),
    "membership": ("case_id", "person_id"),
    "kin": ("from_id", "to_id"),
    "tie": ("case_id", "from_id", "to_id"),
    "contact_event": ("case_id", "person_id"),
    "conference": ("case_id",),
    "snapshot": ("case_id",),
    "user": ("person_id",),
    "grant": ("username", "case_id"),
}


@dataclass(frozen=True)
class Reference:
    """One reference between tables; ``problem`` names a dangling one, formatted with the row's keys."""

    table: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]
    problem: str


def _ref(table: str, column: str, parent: str, problem: str) -> Reference:
    return Reference(table, (column,), parent, ("id",), problem)


_GONE_CASE = "is for case {case_id}, which does not exist"
_NOT_MEMBER = "who is not a member of case {case_id}"

# Every store enforces these (SQLite as deferred foreign keys, the Cypher store by checking each
# batch), and names the record at fault with ``problem`` when a batch or check() finds one dangling.
REFERENCES: tuple[Reference, ...] = (
    _ref("case", "ego_id", "person", "case {id} names young person {ego_id}, who does not exist"),
    _ref("membership", "case_id", "case", "membership {id} " + _GONE_CASE),
    _ref("membership", "person_id", "person", "membership {id} names person {person_id}, who does not exist"),
    _ref("kin", "from_id", "person", "kin link {id} names person {from_id}, who does not exist"),
    _ref("kin", "to_id", "person", "kin link {id} names person {to_id}, who does not exist"),
    Reference(
        "tie",
        ("case_id", "from_id"),
        "membership",
        ("case_id", "person_id"),
        "tie {id} joins {from_id}, " + _NOT_MEMBER,
    ),
    Reference(
        "tie",
        ("case_id", "to_id"),
        "membership",
        ("case_id", "person_id"),
        "tie {id} joins {to_id}, " + _NOT_MEMBER,
    ),
    _ref("contact_event", "case_id", "case", "contact event {id} " + _GONE_CASE),
    _ref(
        "contact_event",
        "person_id",
        "person",
        "contact event {id} names person {person_id}, who does not exist",
    ),
    _ref("conference", "case_id", "case", "conference {id} " + _GONE_CASE),
    _ref("snapshot", "case_id", "case", "snapshot {id} " + _GONE_CASE),
    _ref("grant", "username", "user", "grant {id} names user {username}, who does not exist"),
    _ref("grant", "case_id", "case", "grant {id} " + _GONE_CASE),
    _ref("user", "person_id", "person", "user {id} is linked to person {person_id}, who does not exist"),
)
