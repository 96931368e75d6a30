"""A unit's staging graph built from nothing with FalkorDB's ``GRAPH.BULK`` (a ``GraphBuild``).

The graph the unit replaces holds no records and no audit entries; what it does hold (the store's
settings, its audit counter, cohort generations) is read first (``held``), and its labels,
property names, indexes and constraints. The first command (``BEGIN``) makes the graph with
those labels and property names, in that order, and the same indexes are made on it at once, so
the server indexes each node as it builds it. The batches' nodes (``fresh_graph``) are encoded
here (``bulk_format``) and sent about 16 MB a command, on a writer thread while the next batches
are planned (``overlap.OneBehind``). ``finish`` sends the held nodes as the unit left them, makes
the replaced graph's constraints, waits until every index and constraint is built, and checks the
graph holds as many nodes as were sent.

Only a graph without relationships, whose every index is a range index on nodes and every
constraint a unique or mandatory one on nodes, with labels, names and values the format can carry,
is built so (``fresh_build`` returns None otherwise, and the unit copies the graph as before).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Any

from netmap.errors import ConflictError, StoreUnavailable
from netmap.graph.adapters.cypher.backends import Node
from netmap.graph.adapters.cypher.bulk_format import Chunk, Unencodable, encode_value
from netmap.graph.adapters.cypher.overlap import OneBehind
from netmap.graph.adapters.cypher.queries import KEY_FIELDS

__all__ = ["FalkorBuild", "fresh_build"]

CHUNK_BYTES = 16 * 1024 * 1024  # a command's nodes: far below the server's 512 MB per argument
_RECORD_KEYS = ("kind", "id", "version", "data", *KEY_FIELDS)  # as the write query sets them
_AUDIT_KEYS = ("seq", "entity_id", "case_id", "data")
_UNSAFE = set(":`\x00")
_KEEP_EVERY = 1.0  # seconds between two renewals of the staging graph's expiry while indexes build


class _Schema:
    """The labels, property names, indexes and constraints of a graph, in its order."""

    def __init__(self, graph: Any) -> None:
        self.labels = [row[0] for row in graph.ro_query("CALL db.labels()").result_set]
        self.keys = [row[0] for row in graph.ro_query("CALL db.propertyKeys()").result_set]
        rows = graph.ro_query(
            "CALL db.indexes() YIELD label, properties, types, entitytype "
            "RETURN label, properties, types, entitytype"
        ).result_set
        self.indexes = [(label, tuple(props)) for label, props, _, _ in rows]
        self.ranges_only = all(
            entity == "NODE" and all(list(kinds) == ["RANGE"] for kinds in types.values())
            for _, _, types, entity in rows
        )
        found = graph.list_constraints()
        self.constraints = [(c["type"], c["label"], tuple(c["properties"])) for c in found]
        self.ranges_only &= all(
            c["entitytype"] == "NODE" and c["type"] in ("UNIQUE", "MANDATORY") for c in found
        )

    def names(self) -> set[str]:
        return {
            *self.labels,
            *self.keys,
            *(label for label, _ in self.indexes),
            *(name for _, props in self.indexes for name in props),
            *(label for _, label, _ in self.constraints),
            *(name for _, _, props in self.constraints for name in props),
        }


def fresh_build(db: Any, redis: Any, live: str, name: str, keep: Callable[[], None]) -> FalkorBuild | None:
    """A build of the graph ``name`` to replace ``live``, or None if it cannot be built exactly."""
    graph = db.select_graph(live)
    schema = _Schema(graph)
    held = [
        Node(tuple(labels), dict(props))
        for labels, props in graph.ro_query("MATCH (n) RETURN labels(n), properties(n)").result_set
    ]
    if not schema.ranges_only or any(not n or set(n) & _UNSAFE for n in schema.names()):
        return None
    if graph.ro_query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]:
        return None  # netmap writes no relationships, and builds none
    if any({"Record", "Audit"} & set(node.labels) for node in held):
        return None  # written since the unit found the store empty: the copy's swap refuses it
    try:
        _add_nodes(Chunk(), held)
    except Unencodable:
        return None
    return FalkorBuild(db.select_graph(name), redis, name, schema, held, keep)


def _add_nodes(chunk: Chunk, nodes: list[Node]) -> None:
    for node in nodes:
        chunk.token(node.labels, tuple(node.props)).add(node.props.values())


class FalkorBuild:
    """A ``GraphBuild`` of the staging graph ``name`` with ``GRAPH.BULK``; ``keep`` renews its expiry."""

    def __init__(
        self, graph: Any, redis: Any, name: str, schema: _Schema, held: list[Node], keep: Callable[[], None]
    ) -> None:
        self.held = held
        self._graph = graph
        self._redis = redis
        self._name = name
        self._schema = schema
        self._keep = keep
        self._pending = Chunk()
        self._sent = 0
        self._begun = False
        self._writer = OneBehind()

    def __enter__(self) -> FalkorBuild:
        self._writer.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._writer.__exit__(*exc)

    def add(
        self, puts: list[dict[str, Any]], audit: list[dict[str, Any]], meta: list[dict[str, Any]]
    ) -> bool:
        batch = Chunk()
        tokens: dict[str, Any] = {}
        try:
            for put in puts:
                kind = put["kind"]
                token = tokens.get(kind) or tokens.setdefault(
                    kind, batch.token(("Record", kind), _RECORD_KEYS)
                )
                # ``keys`` holds KEY_FIELDS in their order (plan._encode_record)
                token.add((kind, put["id"], put["version"], put["data"], *put["keys"].values()))
            if audit:
                token = batch.token(("Audit",), _AUDIT_KEYS)
                for row in audit:
                    token.add((row["seq"], row["entity_id"], row["case_id"], row["data"]))
            for setting in meta:
                encode_value(setting["name"]), encode_value(setting["value"])
        except Unencodable:
            return False
        self._pending.extend(batch)
        if self._pending.size >= CHUNK_BYTES:
            self._flush()
        return True

    def finish(self, nodes: list[Node]) -> None:
        try:
            _add_nodes(self._pending, nodes)
        except Unencodable as exc:
            raise StoreUnavailable(f"A setting of the store cannot be written: {exc}.") from None
        self._flush()
        self._writer.wait()
        self._index()
        held = self._graph.ro_query("MATCH (n) RETURN count(n)").result_set[0][0]
        if held != self._sent:
            raise StoreUnavailable(
                f"FalkorDB built {held} of the {self._sent} nodes sent for the unit of work; nothing was kept."
            )

    def _flush(self) -> None:
        chunk, self._pending = self._pending, Chunk()
        self._sent += chunk.count
        self._writer.submit(partial(self._send, chunk))

    def _send(self, chunk: Chunk) -> int:
        if not self._begun:
            self._begin()
        self._keep()
        self._redis.execute_command("GRAPH.BULK", self._name, *chunk.arguments())
        return chunk.count

    def _begin(self) -> None:
        """Make the graph with the replaced graph's labels and property names, in its order, and its
        indexes: the server indexes each node as it builds it, while this process plans the next."""
        schema = Chunk()
        for position, label in enumerate(self._schema.labels):
            schema.token((label,), self._schema.keys if position == 0 else ())
        self._redis.execute_command("GRAPH.BULK", self._name, "BEGIN", *schema.arguments())
        self._begun = True
        self._keep()
        for label, props in self._schema.indexes:
            fields = ", ".join(f"n.`{prop}`" for prop in props)
            self._graph.query(f"CREATE INDEX FOR (n:`{label}`) ON ({fields})")

    def _index(self) -> None:
        """The replaced graph's constraints, once built, and its indexes, once built."""
        for kind, label, props in self._schema.constraints:
            if kind == "UNIQUE":
                self._graph.create_node_unique_constraint(label, *props)
            else:
                self._graph.create_node_mandatory_constraint(label, *props)
        kept = time.monotonic()
        while not self._indexed():
            if time.monotonic() - kept > _KEEP_EVERY:
                self._keep()
                kept = time.monotonic()
            time.sleep(0.02)

    def _indexed(self) -> bool:
        statuses = [
            row[0] for row in self._graph.ro_query("CALL db.indexes() YIELD status RETURN status").result_set
        ]
        constraints = self._graph.list_constraints()
        failed = [c for c in constraints if c["status"] == "FAILED"]
        if failed:
            raise ConflictError(
                f"The unit of work holds two {failed[0]['label']} nodes with the same "
                f"{', '.join(failed[0]['properties'])}; nothing was kept."
            )
        return all(s == "OPERATIONAL" for s in statuses) and all(
            c["status"] == "OPERATIONAL" for c in constraints
        )
