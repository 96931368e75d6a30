"""Migration 4: cohort rows kept in the store, and a generation per case that every write changing it raises.

The cohort report keeps one row of numbers per case and view (``GraphStore.keep_cohort_rows``).
A row is valid while its case's generation is the one it was computed at. Triggers raise the
generation in the same transaction as any write that changes what a case's row is computed from:
the case, its memberships, ties and snapshots, its people, and kin links between two of its people
(cascaded deletes fire them too). A case that is deleted loses its rows; its generation is kept,
so a case made again with the same id never meets a row computed before.
"""

from __future__ import annotations

__all__ = ["COHORT_ROWS", "case_scoped"]


def _bump(cases: str) -> str:
    """Raise the generation of every case id ``cases`` yields: a SELECT of one column, or one value."""
    select = (
        f"SELECT case_id, 1 FROM ({cases}) WHERE true"
        if cases.startswith("SELECT")
        else f"VALUES ({cases}, 1)"
    )
    return (
        f"INSERT INTO cohort_gen (case_id, gen) {select} ON CONFLICT (case_id) DO UPDATE SET gen = gen + 1;"
    )


def _of_person(person: str) -> str:
    """The cases a person is in: as a member or as the young person."""
    return (
        f"SELECT case_id FROM membership WHERE person_id = {person} "
        f'UNION SELECT id FROM "case" WHERE ego_id = {person}'
    )


def _of_kin(row: str) -> str:
    """The cases holding both people of a kin link (``row`` is NEW or OLD)."""
    return (
        f"SELECT case_id FROM ({_of_person(f'{row}.from_id')}) "
        f"WHERE case_id IN ({_of_person(f'{row}.to_id')})"
    )


def _triggers(table: str, cases: dict[str, list[str]], extra: dict[str, str] | None = None) -> str:
    """AFTER INSERT/UPDATE/DELETE triggers on ``table`` raising the generation of the cases named per event."""
    out = []
    for event, selects in cases.items():
        body = "\n    ".join(_bump(select) for select in selects)
        more = (extra or {}).get(event, "")
        out.append(
            f'CREATE TRIGGER cohort_{table}_{event.lower()} AFTER {event} ON "{table}"\n'
            f"BEGIN\n    {body}{more}\nEND;"
        )
    return "\n\n".join(out)


def case_scoped(table: str) -> str:
    return _triggers(
        table,
        {
            "INSERT": ["NEW.case_id"],
            "UPDATE": ["SELECT OLD.case_id AS case_id UNION SELECT NEW.case_id"],
            "DELETE": ["OLD.case_id"],
        },
    )


_TABLES = """
CREATE TABLE cohort_gen (
    case_id TEXT PRIMARY KEY,
    gen INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE cohort_row (
    case_id TEXT NOT NULL,
    view TEXT NOT NULL,
    gen INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (case_id, view)
) WITHOUT ROWID;
"""

_CASE = _triggers(
    "case",
    {
        "INSERT": ["NEW.id"],
        "UPDATE": ["NEW.id"],
        "DELETE": ["OLD.id"],
    },
    {"DELETE": "\n    DELETE FROM cohort_row WHERE case_id = OLD.id;"},
)
# A new person is in no case yet (a membership or case naming them raises its own case), and
# deleting one deletes their memberships, whose own triggers fire.
_PERSON = _triggers("person", {"UPDATE": [_of_person("OLD.id")]})
_KIN = _triggers(
    "kin",
    {
        "INSERT": [_of_kin("NEW")],
        "UPDATE": [_of_kin("OLD"), _of_kin("NEW")],
        "DELETE": [_of_kin("OLD")],
    },
)

COHORT_ROWS = "\n\n".join(
    (_TABLES, _CASE, *map(case_scoped, ("membership", "tie", "snapshot")), _PERSON, _KIN)
)
