"""Migration 2: the audit trail stays append-only except for an erasure rewriting before/after."""

from __future__ import annotations

__all__ = ["AUDIT_ERASURE"]

# An UPDATE that changes any column but the payloads is still refused, so who did what, when,
# to which record, and with what outcome can never be rewritten; DELETE stays refused too.
AUDIT_ERASURE = """
DROP TRIGGER audit_no_update;

CREATE TRIGGER audit_payload_only BEFORE UPDATE ON audit
WHEN NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
    OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
    OR NEW.case_id IS NOT OLD.case_id OR NEW.outcome IS NOT OLD.outcome
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: only an erasure may rewrite an entry''s before/after');
END;
"""
