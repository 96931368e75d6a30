"""Numbered SQLite schema migrations for ``SqliteStore``, plus the key columns and references they define."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from netmap.graph.adapters.sqlite.migrations.m002_audit_erasure import AUDIT_ERASURE
from netmap.graph.adapters.sqlite.migrations.m003_sealed_audit import SEALED_AUDIT
from netmap.graph.adapters.sqlite.migrations.m004_cohort_rows import COHORT_ROWS
from netmap.graph.adapters.sqlite.migrations.m005_conference_rows import CONFERENCE_ROWS
from netmap.graph.adapters.sqlite.migrations.m006_person_kind import PERSON_KIND

__all__ = ["MIGRATIONS", "statements"]

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
    (3, "sealed_audit", SEALED_AUDIT),
    (4, "cohort_rows", COHORT_ROWS),
    (5, "conference_rows", CONFERENCE_ROWS),
    (6, "person_kind", PERSON_KIND),
)


def statements(script: str) -> Iterator[str]:
    """The statements of a migration's script, one at a time."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
