"""The Cypher text shared by Neo4j 5 and FalkorDB, and how records become query parameters.

Every record is one ``:Record`` node keyed by ``(kind, id)`` and also labelled by its type
(``:Person``, ``:Case`` ...), with ``version``, the record as a JSON string in ``data`` and a
few flattened key properties (``case_id``, ``person_id`` ...) for lookups. Audit events are
``:Audit`` nodes with a unique ``seq``; the last assigned number lives on one ``:NetmapCounter``.
The store's own settings (its key fingerprint) are ``:NetmapMeta {name, value}`` nodes.
Only the constructs both servers support are used (see design.md, "Library notes").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from typing import Any

from netmap.errors import UsageError
from netmap.graph.adapters.cypher import cohort
from netmap.models import RECORD_TYPES, Record

__all__ = [
    "AUDIT_LOG",
    "AUDIT_LOG_NEWEST",
    "AUDIT_BEFORE",
    "AUDIT_BY_SEQS",
    "AUDIT_FROM",
    "AUDIT_REWRITE_CANDIDATES",
    "AUDIT_COUNTER",
    "AUDIT_SEQS",
    "BY_IDS",
    "COUNTS",
    "GET",
    "SERVICES",
    "CHECK_BY_IDS",
    "GET_NETWORK",
    "IDS",
    "INSPECT",
    "KEY_FIELDS",
    "KINDS",
    "KINDS_HELD",
    "LIST",
    "LIST_BY_CASE",
    "LIST_OF_CASE",
    "META",
    "kind_of",
    "put_statements",
    "write_query",
]

KINDS: dict[str, type[Record]] = {cls.__name__: cls for cls in RECORD_TYPES}
_KIND_NAMES = {cls: name for name, cls in KINDS.items()}  # kind_of runs several times per record written
KEY_FIELDS = ("case_id", "person_id", "from_id", "to_id", "ego_id", "username")

GET = "MATCH (n:Record {kind: $kind, id: $id}) RETURN n.data"
LIST = "MATCH (n:Record {kind: $kind}) RETURN n.data"
SERVICES = """MATCH (n:Record {kind: 'Person'}) WHERE n.data CONTAINS '"kind":"service"' RETURN n.data"""
IDS = "MATCH (n:Record {kind: $kind}) RETURN n.id"
BY_IDS = "UNWIND $ids AS id MATCH (n:Record {kind: $kind, id: id}) RETURN n.id, n.data"
_CASE_PEOPLE = """
MATCH (c:Record {kind: 'Case', id: $case_id})
OPTIONAL MATCH (m:Record {kind: 'Membership'}) WHERE m.case_id = $case_id
WITH c, collect(m.person_id) AS members
WITH members + [c.ego_id] AS pids
"""
# For a case: its young person and members, the kin among them, the users granted it. Ids from
# the graph are looked up one by one (UNWIND): FalkorDB uses no index for ``x IN <computed list>``
# and would scan every record of the kind, once per case.
LIST_BY_CASE = {
    "Person": _CASE_PEOPLE
    + "UNWIND pids AS pid MATCH (n:Record {kind: 'Person', id: pid}) RETURN DISTINCT n.data",
    "Kin": _CASE_PEOPLE
    + "UNWIND pids AS pid MATCH (n:Record {kind: 'Kin', from_id: pid}) WHERE n.to_id IN pids "
    + "RETURN DISTINCT n.data",
    "User": """
MATCH (g:Record {kind: 'Grant'}) WHERE g.case_id = $case_id
WITH DISTINCT g.username AS name
MATCH (n:Record {kind: 'User', id: name}) RETURN n.data
""",
}
LIST_OF_CASE = "MATCH (n:Record {kind: $kind}) WHERE n.case_id = $case_id RETURN n.data"

GET_NETWORK = """
MATCH (c:Record {kind: 'Case', id: $case_id})
OPTIONAL MATCH (m:Record {kind: 'Membership'}) WHERE m.case_id = $case_id
WITH c, collect(m.data) AS memberships, collect(m.person_id) AS members
WITH c, memberships, members + [c.ego_id] AS pids
UNWIND pids AS pid
OPTIONAL MATCH (p:Record {kind: 'Person', id: pid})
WITH c, memberships, pids, collect(DISTINCT p.data) AS people
UNWIND pids AS pid
OPTIONAL MATCH (k:Record {kind: 'Kin', from_id: pid}) WHERE k.to_id IN pids
WITH c, memberships, people, collect(DISTINCT k.data) AS kin
OPTIONAL MATCH (t:Record {kind: 'Tie'}) WHERE t.case_id = $case_id
RETURN c.data, people, memberships, kin, collect(t.data)
"""

AUDIT_LOG = """
MATCH (a:Audit)
WHERE ($entity_id IS NULL OR a.entity_id = $entity_id) AND ($case_id IS NULL OR a.case_id = $case_id)
RETURN a.seq, a.data ORDER BY a.seq DESC
"""
# FalkorDB reads a LIMIT above 2**31 - 1 as zero rows, so "no limit" means no LIMIT clause.
AUDIT_LOG_NEWEST = AUDIT_LOG.rstrip() + " LIMIT $limit"

# A keyed rewrite's candidates (an erasure's scrub, a rotation): entries about the given ids, or
# whose JSON holds one of the terms in any case (a superset; the rewrite decides), and every
# entry from ``$from_seq`` on, which the rewrite seals again.
_REWRITE_MATCH = """
MATCH (a:Audit)
WHERE a.entity_id IN $rewrite_ids OR any(t IN $rewrite_terms WHERE toLower(a.data) CONTAINS toLower(t))
   OR a.seq >= $from_seq
"""
AUDIT_REWRITE_CANDIDATES = _REWRITE_MATCH + "RETURN a.seq, a.data ORDER BY a.seq"
AUDIT_SEQS = "MATCH (a:Audit) RETURN a.seq"
AUDIT_BY_SEQS = "UNWIND $seqs AS seq MATCH (a:Audit {seq: seq}) RETURN a.seq, a.data"
AUDIT_FROM = "MATCH (a:Audit) WHERE a.seq >= $from_seq RETURN a.seq, a.data ORDER BY a.seq"
AUDIT_BEFORE = "MATCH (a:Audit) WHERE a.seq < $seq RETURN a.data ORDER BY a.seq DESC LIMIT 1"
META = "MATCH (m:NetmapMeta {name: $name}) RETURN m.value"

COUNTS = """
MATCH (n:Record) RETURN n.kind AS kind, count(n) AS n
UNION ALL
MATCH (a:Audit) RETURN 'audit' AS kind, count(a) AS n
"""

# ``check`` reads a kind's ids (``IDS``), then its records a page at a time with their versions.
CHECK_BY_IDS = "UNWIND $ids AS id MATCH (n:Record {kind: $kind, id: id}) RETURN n.id, n.version, n.data"
KINDS_HELD = "MATCH (n:Record) RETURN DISTINCT n.kind"
AUDIT_COUNTER = "MATCH (c:NetmapCounter {name: 'audit'}) RETURN c.last"

# Ids a batch deletes are looked up one by one (UNWIND, a null row when there are none): given
# ``x.prop IN $list``, Neo4j may plan a scan of every record and FalkorDB does (see LIST_BY_CASE).
INSPECT = """
UNWIND $keys + [null] AS k
OPTIONAL MATCH (n:Record {kind: k.kind, id: k.id})
WITH collect(CASE WHEN n IS NULL THEN null ELSE [n.kind, n.id, n.version] END) AS found
UNWIND $gone_people + [null] AS gone
OPTIONAL MATCH (e:Record {ego_id: gone}) WHERE e.kind = 'Case' AND NOT (e.id IN $gone_cases)
WITH found, collect(CASE WHEN e IS NULL THEN null ELSE [e.id, e.ego_id] END) AS egos
UNWIND $gone_people + [null] AS gone
OPTIONAL MATCH (u:Record {person_id: gone}) WHERE u.kind = 'User' AND NOT (u.id IN $gone_users)
WITH found, egos, collect(CASE WHEN u IS NULL THEN null ELSE [u.id, u.person_id] END) AS accounts
UNWIND $seqs + [null] AS seq
OPTIONAL MATCH (a:Audit {seq: seq})
WITH found, egos, accounts, collect(a.seq) AS taken
OPTIONAL MATCH (counter:NetmapCounter {name: 'audit'})
WITH found, egos, accounts, taken, coalesce(counter.last, 0) AS base
OPTIONAL MATCH (last:Audit) WHERE last.seq = base
RETURN found, egos, accounts, taken, base, last.data
"""

# One MERGE per record type, with its type label in the pattern: setting a label on a node after
# it was created costs FalkorDB time that grows with the graph (a 10-case batch took 0.65 s at
# 200 cases, against 0.1 s this way).
_MERGE_PUTS = "".join(
    f"""FOREACH (r IN CASE WHEN size(bad) = 0 THEN [p IN $puts WHERE p.kind = '{name}'] ELSE [] END |
  MERGE (n:Record:{name} {{kind: r.kind, id: r.id}})
  SET n.version = r.version, n.data = r.data
  SET n += r.keys
)
"""
    for name in KINDS
)

# Every record the batch relied on when it was planned must still have the version it had
# (or still be absent): FalkorDB has no multi-statement transactions, so this single statement
# re-checks, deletes (with the cascades SqliteStore's foreign keys give), writes and audits,
# or returns the mismatches and writes nothing. The null rows keep one row flowing when a
# list is empty.
_CHECK = """
UNWIND $expect + [null] AS c
OPTIONAL MATCH (n:Record {kind: c.kind, id: c.id})
WITH collect(CASE WHEN c IS NULL OR coalesce(n.version, -1) = coalesce(c.version, -1) THEN null
                  ELSE c.kind + ' ' + c.id END) AS bad
UNWIND $gone_people + [null] AS gone
OPTIONAL MATCH (e:Record {ego_id: gone}) WHERE e.kind = 'Case' AND NOT (e.id IN $gone_cases)
WITH bad, collect('Case ' + e.id) AS blocked
WITH bad + blocked AS bad
"""

_DOOM = """
UNWIND $deletes + [null] AS d
OPTIONAL MATCH (n:Record {kind: d.kind, id: d.id})
WITH bad, collect(n) AS doomed
UNWIND $gone_cases + [null] AS gone
OPTIONAL MATCH (x:Record {case_id: gone})
WHERE x.kind <> 'Case'
WITH bad, doomed, collect(x) AS more
WITH bad, doomed + more AS doomed
UNWIND $gone_people + [null] AS gone
OPTIONAL MATCH (x:Record {person_id: gone})
WHERE x.kind IN ['Membership', 'ContactEvent']
WITH bad, doomed, collect(x) AS more
WITH bad, doomed + more AS doomed
UNWIND $gone_people + [null] AS gone
OPTIONAL MATCH (x:Record {from_id: gone})
WITH bad, doomed, collect(x) AS more
WITH bad, doomed + more AS doomed
UNWIND $gone_people + [null] AS gone
OPTIONAL MATCH (x:Record {to_id: gone})
WITH bad, doomed, collect(x) AS more
WITH bad, doomed + more AS doomed
UNWIND $gone_members + [null] AS gone
OPTIONAL MATCH (x:Record {kind: 'Tie', case_id: split(gone, '|')[0]})
WHERE split(gone, '|')[1] IN [x.from_id, x.to_id]
WITH bad, doomed, collect(x) AS more
WITH bad, doomed + more AS doomed
UNWIND $gone_users + [null] AS gone
OPTIONAL MATCH (x:Record {username: gone})
WHERE x.kind = 'Grant'
WITH bad, doomed, collect(x) AS more
WITH bad, doomed + more AS doomed
FOREACH (n IN CASE WHEN size(bad) = 0 THEN doomed ELSE [] END | DETACH DELETE n)
WITH bad
"""

# The plan numbered and sealed the new audit entries after the newest one it read: if the
# counter moved since, another writer got in between and nothing is written.
_COUNTER_CHECK = """
OPTIONAL MATCH (seen:NetmapCounter {name: 'audit'})
WITH CASE WHEN coalesce(seen.last, 0) = $base THEN bad ELSE bad + ['the audit trail'] END AS bad
"""
_WRITE_REST = """FOREACH (a IN CASE WHEN size(bad) = 0 THEN $audit ELSE [] END |
  CREATE (:Audit {seq: a.seq, entity_id: a.entity_id, case_id: a.case_id, data: a.data})
)
FOREACH (_ IN CASE WHEN size(bad) = 0 AND $last > $base THEN [1] ELSE [] END |
  MERGE (counter:NetmapCounter {name: 'audit'})
  SET counter.last = $last
)
FOREACH (m IN CASE WHEN size(bad) = 0 THEN $meta ELSE [] END |
  MERGE (x:NetmapMeta {name: m.name})
  SET x.value = m.value
)
RETURN bad
"""

# A rewrite planned from the candidates it read: if they are no longer exactly those seqs, or an
# entry it rewrites no longer holds what it read, nothing is written and it replans.
_REWRITE_CHECK = f"""
OPTIONAL {_REWRITE_MATCH.strip()}
WITH bad, collect(a.seq) AS now
UNWIND $rewrite_rows + [null] AS s
OPTIONAL MATCH (a:Audit {{seq: s.seq}})
WITH bad, now, collect(CASE WHEN s IS NULL OR a.data = s.old THEN null ELSE s.seq END) AS moved
WITH CASE WHEN size(moved) = 0 AND size(now) = size($rewrite_seen) AND all(x IN now WHERE x IN $rewrite_seen)
          THEN bad ELSE bad + ['the audit trail'] END AS bad
"""

_REWRITE_WRITE = """
FOREACH (s IN CASE WHEN size(bad) = 0 THEN $rewrite_rows ELSE [] END |
  MERGE (a:Audit {seq: s.seq})
  SET a.data = s.new, a.entity_id = s.entity_id
)
WITH bad
"""


def write_query(*, deletes: bool, rewrite: bool, puts: bool = True, forget: bool = False) -> str:
    """The one write statement for a batch: with its deletes' cascades, with a keyed audit rewrite,
    with the kept rows it forgets; without ``puts``, everything but the puts, which
    ``put_statements`` then write."""
    return (
        _CHECK
        + (_REWRITE_CHECK if rewrite else "")
        + cohort.stale_clause(deletes=deletes, forget=forget)
        + (_DOOM if deletes else "")
        + (_REWRITE_WRITE if rewrite else "")
        + _COUNTER_CHECK
        + (_MERGE_PUTS if puts else "")
        + _WRITE_REST
    )


# Where a unit's statements are kept or dropped together (a Neo4j transaction), the write
# statement leaves the puts out, and once it found nothing amiss each record type's puts are a
# statement of their own: a record the inspection found absent is made with CREATE (the unique key
# constraint still refuses a second one), the others are merged as in ``_MERGE_PUTS``. Planning the
# write statement with a MERGE per type took Neo4j about twice as long, again whenever its
# statistics moved, and each MERGE locks its key in the index first.
# A created record's row is a list (id, version, data, then its type's key fields, ``_FIELDS``) and
# its properties a map in the CREATE, which leaves a null one out: the server reads no key names
# per row and sets the properties as the node is made. ``SET n = r`` from a map per row spent
# about a quarter of the server's time in a bulk load (profiled, docs/benchmarks.md).
_FIELDS = {
    name: tuple(f for f in KEY_FIELDS if f == "case_id" or f in cls.model_fields)
    for name, cls in KINDS.items()
}
_CREATE = {
    name: f"UNWIND $rows AS r CREATE (n:Record:{name} {{kind: '{name}', id: r[0], version: r[1], data: r[2]"
    + "".join(f", {field}: r[{i}]" for i, field in enumerate(fields, 3))
    + "})"
    for name, fields in _FIELDS.items()
}
_MERGE = {
    name: f"UNWIND $rows AS r MERGE (n:Record:{name} {{kind: r.kind, id: r.id}}) "
    "SET n.version = r.version, n.data = r.data SET n += r.keys"
    for name in KINDS
}


def put_statements(
    puts: list[dict[str, Any]], existing: Container[tuple[str, str]]
) -> list[tuple[str, dict[str, Any]]]:
    """The statements writing ``puts`` (the write statement's ``puts`` rows) after it, in the same
    transaction; ``existing`` holds the (kind, id) of the records the inspection found.

    A record put twice in one batch is merged both times, in order, as the write statement would.

    >>> rows = [{"kind": "Person", "id": "p-1", "version": 1, "data": "{}", "keys": {"case_id": None}}]
    >>> [(query, params)] = put_statements(rows, set())
    >>> query
    "UNWIND $rows AS r CREATE (n:Record:Person {kind: 'Person', id: r[0], version: r[1], data: r[2], case_id: r[3]})"
    >>> params
    {'rows': [['p-1', 1, '{}', None]]}
    >>> [query.split()[4] for query, _ in put_statements(rows, {("Person", "p-1")})]
    ['MERGE']
    """
    times = Counter((row["kind"], row["id"]) for row in puts)
    created: dict[str, list[list[Any]]] = {}
    merged: dict[str, list[dict[str, Any]]] = {}
    for row in puts:
        key = (row["kind"], row["id"])
        if key in existing or times[key] > 1:
            merged.setdefault(row["kind"], []).append(row)
        else:
            keys = row["keys"]
            created.setdefault(row["kind"], []).append(
                [row["id"], row["version"], row["data"], *(keys[name] for name in _FIELDS[row["kind"]])]
            )
    return [(_CREATE[kind], {"rows": rows}) for kind, rows in created.items()] + [
        (_MERGE[kind], {"rows": rows}) for kind, rows in merged.items()
    ]


def kind_of(cls: type[Record]) -> str:
    """The node label of a record type; only the types in ``RECORD_TYPES`` have one.

    >>> from netmap.models import Person
    >>> kind_of(Person)
    'Person'
    """
    name = _KIND_NAMES.get(cls)
    if name is None:
        raise UsageError(f"{cls.__name__} is not a stored record type.")
    return name
