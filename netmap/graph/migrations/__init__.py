"""Numbered SQLite schema migrations for ``SqliteStore``, plus the key columns and references they define."""

from __future__ import annotations

from dataclasses import dataclass

from netmap.graph.migrations.m002_audit_erasure import AUDIT_ERASURE

__all__ = ["KEY_COLUMNS", "MIGRATIONS", "REFERENCES", "Reference"]

# A migration is (number, name, sql) and runs once, recorded in schema_migrations; never edit a
# released one, append a new one. Foreign keys are deferred so a batch may write a case before the
# person it names; ON DELETE CASCADE gives the cascades documented in SqliteStore.apply.
_DEFERRED = "DEFERRABLE INITIALLY DEFERRED"

_SCHEMA = f"""
CREATE TABLE person (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE "case" (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    ego_id TEXT NOT NULL REFERENCES person (id) {_DEFERRED},
    data TEXT NOT NULL
);
CREATE INDEX case_ego ON "case" (ego_id);

CREATE TABLE membership (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    case_id TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE {_DEFERRED},
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE {_DEFERRED},
    data TEXT NOT NULL,
    UNIQUE (case_id, person_id)
);
CREATE INDEX membership_person ON membership (person_id);

CREATE TABLE kin (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    from_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE {_DEFERRED},
    to_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE {_DEFERRED},
    data TEXT NOT NULL
);
CREATE INDEX kin_from ON kin (from_id);
CREATE INDEX kin_to ON kin (to_id);

CREATE TABLE tie (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    case_id TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    data TEXT NOT NULL,
    FOREIGN KEY (case_id, from_id) REFERENCES membership (case_id, person_id) ON DELETE CASCADE {_DEFERRED},
    FOREIGN KEY (case_id, to_id) REFERENCES membership (case_id, person_id) ON DELETE CASCADE {_DEFERRED}
);
CREATE INDEX tie_case_from ON tie (case_id, from_id);
CREATE INDEX tie_case_to ON tie (case_id, to_id);

CREATE TABLE contact_event (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    case_id TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE {_DEFERRED},
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE {_DEFERRED},
    data TEXT NOT NULL
);
CREATE INDEX contact_event_case ON contact_event (case_id);
CREATE INDEX contact_event_person ON contact_event (person_id);

CREATE TABLE conference (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    case_id TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE {_DEFERRED},
    data TEXT NOT NULL
);
CREATE INDEX conference_case ON conference (case_id);

CREATE TABLE snapshot (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    case_id TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE {_DEFERRED},
    data TEXT NOT NULL
);
CREATE INDEX snapshot_case ON snapshot (case_id);

CREATE TABLE "user" (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    person_id TEXT REFERENCES person (id) {_DEFERRED},
    data TEXT NOT NULL
);
CREATE INDEX user_person ON "user" (person_id);

CREATE TABLE "grant" (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    username TEXT NOT NULL REFERENCES "user" (id) ON DELETE CASCADE {_DEFERRED},
    case_id TEXT NOT NULL REFERENCES "case" (id) ON DELETE CASCADE {_DEFERRED},
    data TEXT NOT NULL
);
CREATE INDEX grant_username ON "grant" (username);
CREATE INDEX grant_case ON "grant" (case_id);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    case_id TEXT,
    before TEXT,
    after TEXT,
    outcome TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit (entity_id);
CREATE INDEX audit_case ON audit (case_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be changed');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be deleted');
END;
"""

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "schema", _SCHEMA),
    (2, "audit_erasure", AUDIT_ERASURE),
)

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

    def dangling_sql(self, limit: int = 50) -> str:
        """Rows of ``table`` whose reference finds no parent: their id, then ``columns``."""
        match = " AND ".join(f"p.{p} = c.{c}" for c, p in zip(self.columns, self.parent_columns, strict=True))
        present = " AND ".join(f"c.{c} IS NOT NULL" for c in self.columns)
        return (
            f'SELECT c.id, {", ".join("c." + c for c in self.columns)} FROM "{self.table}" c '
            f'WHERE {present} AND NOT EXISTS (SELECT 1 FROM "{self.parent}" p WHERE {match}) '
            f"ORDER BY c.id LIMIT {limit}"
        )

    def parent_sql(self) -> str:
        """One parent row by ``parent_columns`` (parameters: the referencing values)."""
        match = " AND ".join(f"{column} = ?" for column in self.parent_columns)
        return f'SELECT 1 FROM "{self.parent}" WHERE {match}'


def _ref(table: str, column: str, parent: str, problem: str) -> Reference:
    return Reference(table, (column,), parent, ("id",), problem)


_GONE_CASE = "is for case {case_id}, which does not exist"
_NOT_MEMBER = "who is not a member of case {case_id}"

# Mirrors the foreign keys above, so a refused batch and
# SqliteStore.check() can name the record at fault.
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
