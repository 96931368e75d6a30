"""A unit written into an empty graph, planned in this process and built from nodes (``GraphBuild``).

Each batch is checked by ``plan_batch``, as the batch-by-batch path checks it, against what this
process knows the graph holds after the batches before it: the (kind, id) of every record
written (ids only, as an import holds them; a hash of it for kinds no record refers to), every audit number, the audit counter and the seal
of the newest entry, and who is a member or the young person of which case. The nodes it gives
are the ones the batch's write query would write, with the same versions, audit numbers and
seals; the cohort generations it raises and the settings it sets are kept here and given once,
at the end, with the rest of what the graph held before (``side_nodes``).

A batch only a query can write exactly (one that deletes, forgets kept rows, rewrites the audit
trail, or writes a record the unit wrote already; or one the build cannot carry, ``GraphBuild.add``) ends the build:
the graph is finished with what came before, and that batch and the rest are written as queries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from netmap.graph.adapters.cypher.backends import GraphBuild, Node
from netmap.graph.adapters.cypher.plan import Dangling, Inspection, plan_batch, references
from netmap.graph.adapters.cypher.queries import KINDS
from netmap.graph.references import REFERENCES
from netmap.graph.store import WriteBatch

__all__ = ["FreshGraph", "Planned", "build_fresh"]

_COUNTER = ("NetmapCounter",)
_META = ("NetmapMeta",)
_GEN = ("CohortGen",)


# The kinds other records refer to: their ids are held exactly.
_PARENTS = frozenset(name for name, cls in KINDS.items() if cls.table in {ref.parent for ref in REFERENCES})


class _Written:
    """The (kind, id) of every record the unit wrote: the ids of the kinds other records refer to
    exactly, the others as a hash (ties are most records). A hash of a new record that matches an
    older one only sends its batch to the write query, which finds it new."""

    def __init__(self) -> None:
        self._ids: dict[str, set[str]] = {kind: set() for kind in _PARENTS}
        self._hashes: set[int] = set()

    def add(self, puts: list[dict[str, Any]]) -> None:
        for put in puts:
            ids = self._ids.get(put["kind"])
            if ids is not None:
                ids.add(put["id"])
            else:
                self._hashes.add(hash((put["kind"], put["id"])))

    def __contains__(self, key: tuple[str, str]) -> bool:
        """Exact for the kinds referred to; for the rest, True may be a hash met by another id."""
        ids = self._ids.get(key[0])
        return key[1] in ids if ids is not None else hash(key) in self._hashes


@dataclass
class Planned:
    """One batch planned against a fresh graph: its nodes as the write query's parameters."""

    puts: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    last: int  # the audit counter after the batch
    meta: list[dict[str, str]]
    stale: set[str]  # the cases whose cohort generation the batch raises
    dangling: list[Dangling]
    written: int


class FreshGraph:
    """What a graph built from nothing holds after each batch, as far as planning the next needs.

    ``held`` is what the graph held before the unit (no records, no audit entries).
    """

    def __init__(self, held: Iterable[Node]) -> None:
        self._written = _Written()
        self._members: dict[str, list[str]] = defaultdict(list)  # person -> cases they are a member of
        self._egos: dict[str, list[str]] = defaultdict(list)  # person -> cases they are the young person of
        self._seqs: set[int] = set()
        self._chain = ""  # the seal of the entry numbered as the counter says (none: "")
        self._counter: dict[str, Any] | None = None
        self._meta: dict[str, dict[str, Any]] = {}
        self._gens: dict[str, dict[str, Any]] = {}
        self._other: list[Node] = []
        for node in held:
            props = dict(node.props)
            if node.labels == _COUNTER and props.get("name") == "audit" and self._counter is None:
                self._counter = props
            elif node.labels == _META and isinstance(props.get("name"), str):
                self._meta.setdefault(props["name"], props)
            elif node.labels == _GEN and isinstance(props.get("case_id"), str):
                self._gens.setdefault(props["case_id"], props)
            else:
                self._other.append(Node(node.labels, props))

    @property
    def _base(self) -> int:
        return int(self._counter.get("last") or 0) if self._counter is not None else 0

    def plan(self, batch: WriteBatch) -> Planned | None:
        """The batch checked and planned as its write query would write it; None if only a query
        can write it exactly. Raises what the batch-by-batch path raises for it."""
        if batch.deletes or batch.forget or batch.scrub is not None or batch.rewrite is not None:
            return None
        # The type's name is its kind (``plan_batch`` refuses a type that is not a stored one).
        keys = {(type(put.record).__name__, put.record.id) for put in batch.puts}
        if len(keys) < len(batch.puts) or any(key in self._written for key in keys):
            return None
        # What the batch's inspection would find: the records its puts refer to that are written.
        found = {
            (kind, parent_id)
            for put in batch.puts
            for _, kind, parent_id in references(put.record)
            if (kind, parent_id) in self._written
        }
        seen = Inspection(
            versions=dict.fromkeys(found, 0),  # no put writes over one, so no version is read
            ego_cases=[],
            taken_seqs={event.seq for event in batch.audit if event.seq in self._seqs},
            base=self._base,
            last_chain=self._chain,
        )
        dangling: list[Dangling] = []
        plan = plan_batch(batch, seen, dangling, recheck=False)
        params = plan.query_params
        assert not params["cohort_keys"], "no put of a fresh-graph batch writes over a record"
        stale = set(params["cohort_cases"])
        for person in params["cohort_people"]:
            stale.update(self._members.get(person, ()), self._egos.get(person, ()))
        return Planned(
            puts=params["puts"],
            audit=params["audit"],
            last=params["last"],
            meta=params["meta"],
            stale=stale,
            dangling=dangling,
            written=len(plan.written),
        )

    def commit(self, planned: Planned) -> None:
        """The graph now holds the planned batch."""
        self._written.add(planned.puts)
        for put in planned.puts:
            kind = put["kind"]
            if kind == "Membership":
                keys = put["keys"]
                if keys["person_id"] is not None and keys["case_id"] is not None:
                    self._members[keys["person_id"]].append(keys["case_id"])
            elif kind == "Case" and put["keys"]["ego_id"] is not None:
                self._egos[put["keys"]["ego_id"]].append(put["id"])
        if planned.last > self._base:
            if self._counter is None:
                self._counter = {"name": "audit"}
            self._counter["last"] = planned.last
        for row in planned.audit:
            self._seqs.add(row["seq"])
            if row["seq"] == self._base:  # the newest entry, which the next batch's seals follow
                self._chain = json.loads(row["data"]).get("chain", "")
        for case_id in planned.stale:
            gen = self._gens.setdefault(case_id, {"case_id": case_id})
            gen["gen"] = int(gen.get("gen") or 0) + 1
        for setting in planned.meta:
            self._meta.setdefault(setting["name"], {"name": setting["name"]})["value"] = setting["value"]

    def side_nodes(self) -> list[Node]:
        """Every node besides records and audit entries: what the graph held before, as the unit left it."""
        nodes = list(self._other)
        if self._counter is not None:
            nodes.append(Node(_COUNTER, self._counter))
        nodes += [Node(_META, props) for props in self._meta.values()]
        return nodes + [Node(_GEN, props) for props in self._gens.values()]


def build_fresh(
    build: GraphBuild, batches: Iterable[WriteBatch], dangling: list[Dangling]
) -> tuple[int, Iterator[WriteBatch]]:
    """Build the unit's graph from the batches while a build can write them exactly, then finish it.

    Returns how many records were written, and the batches left for queries (from the first one
    the build could not take). References to records no batch has written yet go to ``dangling``.
    """
    graph = FreshGraph(build.held)
    written = 0
    rest = iter(batches)
    for batch in rest:
        if not batch:
            continue
        planned = graph.plan(batch)
        if planned is None or not build.add(planned.puts, planned.audit, planned.meta):
            rest = chain([batch], rest)
            break
        graph.commit(planned)
        dangling += planned.dangling
        written += planned.written
    build.finish(graph.side_nodes())
    return written, rest
