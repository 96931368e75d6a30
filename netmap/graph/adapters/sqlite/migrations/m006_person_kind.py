"""Migration 6: people indexed by kind, so the few services of the directory are found without
reading every person (``SqliteStore.list_services`` asks with the same expression)."""

from __future__ import annotations

__all__ = ["PERSON_KIND"]

PERSON_KIND = "CREATE INDEX person_kind ON person (json_extract(data, '$.kind'));"
