"""Migration 3: the store's own settings, and a sealed audit trail that only a keyed rewrite may touch."""

from __future__ import annotations

__all__ = ["SEALED_AUDIT"]

# Each audit entry gains its seal (graph.audit_chain). An UPDATE may now change the payloads, the
# actor and the entity id (an erasure removes an account's name from them) and the seal, and
# nothing else; the seal, made with the key, shows whether a rewrite was netmap's own.
SEALED_AUDIT = """
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

ALTER TABLE audit ADD COLUMN chain TEXT NOT NULL DEFAULT '';

DROP TRIGGER audit_payload_only;

CREATE TRIGGER audit_rewrite_only BEFORE UPDATE ON audit
WHEN NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.action IS NOT OLD.action
    OR NEW.entity IS NOT OLD.entity OR NEW.case_id IS NOT OLD.case_id OR NEW.outcome IS NOT OLD.outcome
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: only an erasure or a key rotation may rewrite an entry');
END;
"""
