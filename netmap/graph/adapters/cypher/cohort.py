"""Cohort rows kept in a Cypher store, and the part of the write query that makes them stale.

Each case has one ``:CohortGen {case_id, gen}`` node and one ``:CohortRow {case_id, view, gen,
data}`` node per view. The write query of every batch raises the generation of each case whose
row the batch changes (``STALE``, run after the version checks and before any delete or put,
so it reads the cases as they were): the cases of the case records, memberships, ties,
snapshots and conferences it writes or deletes, and every case holding a person it changes or deletes, or an
end of a kin link it writes or deletes. A row is valid while its generation is its case's. The rows a
batch forgets (``WriteBatch.forget``) are deleted by the same query (``FORGET``).
"""

from __future__ import annotations

from typing import Any

from netmap.graph.store import ForgetKept, WriteBatch
from netmap.models import Case, Conference, Kin, Membership, Person, Snapshot, Tie

__all__ = ["INDEXES", "KEEP", "READ", "VIEWS", "forget_params", "stale_clause", "stale_params"]

# The record kinds a cohort row is computed from: their case's row goes stale when they change.
_CASE_SCOPED = (Case, Membership, Tie, Snapshot, Conference)
INDEXES = {"CohortGen": ("case_id",), "CohortRow": ("case_id", "view")}

# Every case as one list in one result row: the Neo4j driver spends about 0.1 ms of Python on each
# result row (5,000 rows: 0.2-0.35 s of CPU, against 0.02-0.05 s for one list of 5,000).
READ = """
MATCH (c:Case)
OPTIONAL MATCH (g:CohortGen {case_id: c.id})
WITH c.id AS id, coalesce(g.gen, 0) AS gen
OPTIONAL MATCH (r:CohortRow {case_id: id, view: $view}) WHERE r.gen = gen
RETURN collect([id, gen, r.data])
"""

KEEP = """
UNWIND $rows AS row
MATCH (:Record {kind: 'Case', id: row.case_id})
OPTIONAL MATCH (g:CohortGen {case_id: row.case_id})
WITH row, coalesce(g.gen, 0) AS gen
WHERE gen = row.gen
MERGE (r:CohortRow {case_id: row.case_id, view: row.view})
SET r.gen = row.gen, r.data = row.data
"""

# Each existing case's generation, and the view and generation of each row kept for it (none: one row of nulls).
VIEWS = """
UNWIND $case_ids AS cid
MATCH (:Record {kind: 'Case', id: cid})
OPTIONAL MATCH (g:CohortGen {case_id: cid})
WITH cid, coalesce(g.gen, 0) AS gen
OPTIONAL MATCH (r:CohortRow {case_id: cid})
RETURN cid, gen, r.view, r.gen
"""

# Old state first: the case and kin ends of the records written over or deleted; then the cases of
# the people changed (as member or as young person). The null rows keep one row flowing.
_STALE = """
UNWIND $cohort_keys + [null] AS ck
OPTIONAL MATCH (old:Record {kind: ck.kind, id: ck.id})
WITH bad, old, CASE WHEN old.kind = 'Kin' THEN [old.from_id, old.to_id] ELSE [] END AS kin_ends
WITH bad, collect(old.case_id) AS stale, collect(kin_ends) AS ends
WITH bad, stale + $cohort_cases AS stale, reduce(acc = $cohort_people, e IN ends | acc + e) AS people
UNWIND people + [null] AS pid
OPTIONAL MATCH (m:Record {kind: 'Membership', person_id: pid})
WITH bad, stale, people, collect(m.case_id) AS more
WITH bad, stale + more AS stale, people
UNWIND people + [null] AS pid
OPTIONAL MATCH (e:Record {kind: 'Case', ego_id: pid})
WITH bad, stale, collect(e.id) AS egos
UNWIND stale + egos + [null] AS sc
WITH bad, collect(DISTINCT sc) AS stale
FOREACH (sc IN CASE WHEN size(bad) = 0 THEN stale ELSE [] END |
  MERGE (g:CohortGen {case_id: sc})
  SET g.gen = coalesce(g.gen, 0) + 1
)
WITH bad
"""

# A deleted case's rows go with it (its generation stays, so a case made again starts above it).
_GONE = """
UNWIND $gone_cases + [null] AS gc
OPTIONAL MATCH (r:CohortRow {case_id: gc})
WITH bad, collect(r) AS gone
FOREACH (r IN CASE WHEN size(bad) = 0 THEN gone ELSE [] END | DETACH DELETE r)
WITH bad
"""

# The rows a batch forgets: a view's row of each case named (by both indexed keys), and a view's
# rows of every case (by its view).
_FORGET = """
UNWIND $forget_rows + [null] AS f
OPTIONAL MATCH (r:CohortRow {case_id: f.case_id, view: f.view})
WITH bad, collect(r) AS forgotten
UNWIND $forget_views + [null] AS fv
OPTIONAL MATCH (r:CohortRow {view: fv})
WITH bad, forgotten, collect(r) AS more
WITH bad, forgotten + more AS forgotten
FOREACH (r IN CASE WHEN size(bad) = 0 THEN forgotten ELSE [] END | DELETE r)
WITH bad
"""


def stale_clause(*, deletes: bool, forget: bool = False) -> str:
    """The write query's part that raises the generations (and, with deletes, drops a gone case's
    rows; with ``forget``, the rows the batch forgets)."""
    return _STALE + (_GONE if deletes else "") + (_FORGET if forget else "")


def forget_params(forget: list[ForgetKept]) -> dict[str, Any]:
    """What ``stale_clause(forget=True)`` needs of a batch's ``forget``.

    >>> forget_params([ForgetKept("practitioner:pat", frozenset({"c-1"})), ForgetKept("viewer:kim")])
    {'forget_rows': [{'case_id': 'c-1', 'view': 'practitioner:pat'}], 'forget_views': ['viewer:kim']}
    """
    return {
        "forget_rows": [
            {"case_id": case_id, "view": rows.view}
            for rows in forget
            if rows.case_ids is not None
            for case_id in sorted(rows.case_ids)
        ],
        "forget_views": sorted({rows.view for rows in forget if rows.case_ids is None}),
    }


def stale_params(batch: WriteBatch, existing: set[tuple[str, str]]) -> dict[str, Any]:
    """What ``stale_clause`` needs of a batch; ``existing`` holds the (kind, id) the inspection found.

    A record created by the batch has no old state to read, and a person created by it is in no
    case yet (a membership or case naming them is in the batch and counts itself).
    """
    keys: set[tuple[str, str]] = set()
    cases: set[str] = set()
    people: set[str] = set()
    for put in batch.puts:
        record = put.record
        key = (type(record).__name__, record.id)
        if isinstance(record, _CASE_SCOPED):
            cases.add(record.case_key or "")
        elif isinstance(record, Kin):
            people |= {p for p in (record.from_id, record.to_id) if ("Person", p) in existing}
        elif isinstance(record, Person) and key in existing:
            people.add(record.id)
        if key in existing and isinstance(record, (*_CASE_SCOPED, Kin)):
            keys.add(key)
    for delete in batch.deletes:
        if delete.kind is Person:
            people.add(delete.id)
        elif issubclass(delete.kind, (*_CASE_SCOPED, Kin)):
            keys.add((delete.kind.__name__, delete.id))
    cases.discard("")
    return {
        "cohort_keys": [{"kind": kind, "id": record_id} for kind, record_id in sorted(keys)],
        "cohort_cases": sorted(cases),
        "cohort_people": sorted(people),
    }
