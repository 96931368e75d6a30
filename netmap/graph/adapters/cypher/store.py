"""GraphStore adapter in Cypher for Neo4j 5 (``neo4j://``, ``bolt://``) and FalkorDB (``falkordb://``)."""

from __future__ import annotations

import builtins
import functools
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import ValidationError

from netmap.errors import ConflictError, NotFound, StoreUnavailable, UsageError
from netmap.graph.adapters.cypher import cohort
from netmap.graph.adapters.cypher import queries as q
from netmap.graph.adapters.cypher.backends import Backend, Unit, open_backend
from netmap.graph.adapters.cypher.fresh_graph import build_fresh
from netmap.graph.adapters.cypher.overlap import overlapped
from netmap.graph.adapters.cypher.plan import (
    Dangling,
    Inspection,
    Prepared,
    audit_data,
    plan_batch,
    prepare,
    references,
    restored,
    wanted,
)
from netmap.graph.adapters.stored_json import stored_json
from netmap.graph.audit_chain import AuditSeal, reseal_from
from netmap.graph.audit_scrub import recorded, scrub_event, search_terms
from netmap.graph.store import CohortRows, KeptRow, KeptViews, WriteBatch
from netmap.graph.urls import redact_url
from netmap.models import (
    RECORD_TYPES,
    STORED,
    AuditEvent,
    Case,
    Kin,
    Membership,
    Network,
    Person,
    PersonKind,
    Record,
    Tie,
)

__all__ = ["CypherStore"]

RecordT = TypeVar("RecordT", bound=Record)
# Every write numbers and seals its audit entries after the newest one it read, so two busy writers
# often replan; each waits a little longer and at random before the next try.
_ATTEMPTS = 30
_BACKOFF_SECONDS = 0.002
_NEVER = 2**62  # a seq no trail reaches: no entries from there on
_PAGE = 1000


class CypherStore:
    """netmap records on a shared Neo4j or FalkorDB graph; the same behaviour as ``SqliteStore``.

    ``CypherStore(url)`` connects, creates the constraints and indexes it needs (idempotently)
    and raises ``StoreUnavailable`` with one sentence naming the redacted URL when the server
    cannot be reached, refuses the password or lacks the database.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._backend: Backend | None = open_backend(url)

    def __repr__(self) -> str:
        return f"CypherStore({redact_url(self.url)!r})"

    def __enter__(self) -> CypherStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    # ------------------------------------------------------------------ plumbing

    @property
    def _live(self) -> Backend:
        if self._backend is None:
            raise StoreUnavailable(f"The store {redact_url(self.url)} is closed.")
        return self._backend

    def _read(self, query: str, **params: Any) -> builtins.list[list[Any]]:
        backend = self._live
        with backend.errors():
            return backend.read(query, params)

    def _decode(self, kind: type[RecordT], data: str) -> RecordT:
        try:
            return kind.model_validate_json(data, context=STORED)
        except ValidationError as exc:
            raise StoreUnavailable(
                f"The store {redact_url(self.url)} holds a {kind.__name__} that no longer validates: "
                f"{exc.errors()[0]['msg']}."
            ) from exc

    # ------------------------------------------------------------------ reads

    def get(self, kind: type[RecordT], record_id: str) -> RecordT | None:
        rows = self._read(q.GET, kind=q.kind_of(kind), id=record_id)
        return self._decode(kind, rows[0][0]) if rows else None

    def list(self, kind: type[RecordT], *, case_id: str | None = None) -> builtins.list[RecordT]:
        name = q.kind_of(kind)
        if case_id is None:
            rows = self._read(q.LIST, kind=name)
        else:
            query = q.LIST_BY_CASE.get(name, q.LIST_OF_CASE)
            rows = self._read(query, kind=name, case_id=case_id)
        return sorted((self._decode(kind, row[0]) for row in rows), key=lambda r: r.id)

    def list_services(self) -> builtins.list[Person]:
        # The server keeps each record as JSON text: it picks out the text naming the kind (the kind
        # is never sealed), and the kind read back decides.
        people = (self._decode(Person, row[0]) for row in self._read(q.SERVICES))
        return sorted((p for p in people if p.kind is PersonKind.SERVICE), key=lambda p: p.id)

    def each(self, kind: type[RecordT]) -> Iterator[RecordT]:
        return (self._decode(kind, data) for data in self._each_data(kind))

    def each_json(self, kind: type[Record]) -> Iterator[dict[str, Any]]:
        decode = functools.partial(self._decode, kind)
        return (stored_json(kind, data, decode) for data in self._each_data(kind))

    def _each_data(self, kind: type[Record]) -> Iterator[str]:
        # The ids are read and sorted first, then the records a page at a time by id: neither
        # server is asked to sort records, and only one page of them is held.
        name = q.kind_of(kind)
        ids = sorted(row[0] for row in self._read(q.IDS, kind=name))
        for start in range(0, len(ids), _PAGE):
            rows = dict(self._read(q.BY_IDS, kind=name, ids=ids[start : start + _PAGE]))
            yield from (rows[i] for i in ids[start : start + _PAGE] if i in rows)

    def cohort_rows(self, view: str) -> CohortRows:
        gens: dict[str, int] = {}
        rows: dict[str, str] = {}
        for case_id, gen, data in self._read(cohort.READ, view=view)[0][0]:
            gens[case_id] = gen
            if data is not None:
                rows[case_id] = data
        return CohortRows(gens, rows)

    def keep_cohort_rows(self, rows: Iterable[KeptRow]) -> None:
        params = [{"case_id": r.case_id, "view": r.view, "gen": r.gen, "data": r.data} for r in rows]
        if params:
            backend = self._live
            with backend.errors():
                backend.atomically(lambda unit: unit.write(cohort.KEEP, {"rows": params}))

    def kept_views(self, case_ids: Iterable[str]) -> dict[str, KeptViews]:
        found: dict[str, KeptViews] = {}
        for case_id, gen, view, row_gen in self._read(cohort.VIEWS, case_ids=sorted(set(case_ids))):
            kept = found.setdefault(case_id, KeptViews(gen, {}))
            if view is not None:
                kept.views[view] = row_gen
        return found

    def get_network(self, case_id: str) -> Network:
        rows = self._read(q.GET_NETWORK, case_id=case_id)
        if not rows:
            raise NotFound(f"case {case_id} does not exist.")
        case, people, memberships, kin, ties = rows[0]

        def decoded(kind: type[RecordT], items: builtins.list[str]) -> builtins.list[RecordT]:
            return sorted(
                {r.id: r for r in (self._decode(kind, d) for d in items)}.values(), key=lambda r: r.id
            )

        return Network(
            case=self._decode(Case, case),
            people=decoded(Person, people),
            memberships=decoded(Membership, memberships),
            kin=decoded(Kin, kin),
            ties=decoded(Tie, ties),
        )

    def audit_log(
        self, *, entity_id: str | None = None, case_id: str | None = None, limit: int | None = None
    ) -> builtins.list[AuditEvent]:
        if limit is None:
            rows = self._read(q.AUDIT_LOG, entity_id=entity_id, case_id=case_id)
        else:
            rows = self._read(q.AUDIT_LOG_NEWEST, entity_id=entity_id, case_id=case_id, limit=max(limit, 0))
        return [_event(seq, data) for seq, data in rows][::-1]

    def each_audit(self) -> Iterator[AuditEvent]:
        # As ``each``: the numbers first, then a page of entries at a time.
        seqs = sorted(row[0] for row in self._read(q.AUDIT_SEQS))
        for start in range(0, len(seqs), _PAGE):
            rows = dict(self._read(q.AUDIT_BY_SEQS, seqs=seqs[start : start + _PAGE]))
            yield from (_event(seq, rows[seq]) for seq in seqs[start : start + _PAGE] if seq in rows)

    def meta(self, name: str) -> str | None:
        rows = self._read(q.META, name=name)
        return str(rows[0][0]) if rows else None

    def counts(self) -> dict[str, int]:
        totals = {cls.table: 0 for cls in RECORD_TYPES} | {"audit": 0}
        for kind, n in self._read(q.COUNTS):
            table = "audit" if kind == "audit" else q.KINDS[kind].table
            totals[table] += n
        return totals

    def check(self) -> builtins.list[str]:
        # A page of records at a time, as ``each``: first every kind's ids, then each page's
        # records checked against them, so memory holds the ids, never the store.
        problems: builtins.list[str] = []
        ids: dict[str, builtins.list[str]] = {}
        for (kind,) in self._read(q.KINDS_HELD):
            held = sorted(row[0] for row in self._read(q.IDS, kind=kind))
            if kind not in q.KINDS:
                problems += [f"A node has the unknown kind {kind!r} (id {i!r})." for i in held]
            else:
                ids[kind] = held
        present = {kind: set(ids.get(kind, ())) for kind in q.KINDS}
        for kind, held in ids.items():
            problems += [f"{kind} {i} is stored {n} times." for i, n in Counter(held).items() if n > 1]
            unique = sorted(present[kind])
            for start in range(0, len(unique), _PAGE):
                page = unique[start : start + _PAGE]
                for record_id, version, data in self._read(q.CHECK_BY_IDS, kind=kind, ids=page):
                    problems += _record_problems(kind, record_id, version, data, present)
        seqs = [row[0] for row in self._read(q.AUDIT_SEQS)]
        counter = next((row[0] or 0 for row in self._read(q.AUDIT_COUNTER)), 0)
        if seqs and max(seqs) > counter:
            problems.append(f"The audit counter ({counter}) is behind the newest audit event ({max(seqs)}).")
        return problems

    # ------------------------------------------------------------------ writes

    def apply(self, batch: WriteBatch) -> builtins.list[Record]:
        """Apply puts, deletes (with SqliteStore's cascades), a rewrite and audit events as one unit.

        The batch is checked against what the store holds, then written by one statement that
        re-checks every version it relied on (and the audit counter, and for a rewrite every audit
        entry it read). On Neo4j all of it is one transaction holding the writers' lock, so the
        re-check holds, and the puts are statements of their own after it (``q.put_statements``);
        a record found absent and put once is not checked again, as its ``CREATE`` is refused by
        the key constraint if a writer outside netmap made it meanwhile (the whole transaction
        then fails as a conflict). On FalkorDB another writer may get in between, and the batch
        is then planned again.
        """
        if not batch:
            return []
        backend = self._live
        with backend.errors():
            return backend.atomically(lambda unit: self._apply_in(unit, batch))

    def _apply_in(
        self,
        unit: Unit,
        batch: WriteBatch,
        dangling: builtins.list[Dangling] | None = None,
        ready: Prepared | None = None,
    ) -> builtins.list[Record]:
        """One batch; with ``ready`` (a batch of a streamed unit, prepared ahead), no other writer can
        reach the unit, so the write does not check the versions again."""
        for attempt in range(_ATTEMPTS):
            rewrite_params, stone, resealed = self._plan_rewrite(unit, batch)
            planned = replace(batch, audit=[*batch.audit, *stone], scrub=None, rewrite=None)
            inspect = ready.wanted if ready is not None and not stone else wanted(planned)
            inspection = unit.start(q.INSPECT, inspect)
            # A batch of its own: while the server inspects, the puts it restores are encoded.
            prepared = ready or Prepared(inspect, restored(planned, unit.ahead))
            found, egos, accounts, seqs, base, last = inspection()[0]
            seen = Inspection(
                versions={(kind, record_id): version for kind, record_id, version in found},
                ego_cases=[(case_id, ego_id) for case_id, ego_id in egos],
                user_people=[(username, person_id) for username, person_id in accounts],
                taken_seqs=set(seqs),
                base=base,
                last_chain=resealed if resealed is not None else _event(0, last).chain if last else "",
            )
            plan = plan_batch(
                planned,
                seen,
                dangling,
                ready=prepared,
                recheck=ready is None,
                recheck_absent=not unit.together,
            )
            query = q.write_query(
                deletes=plan.deletes,
                rewrite=bool(rewrite_params),
                puts=not unit.together,
                forget=plan.forgets,
            )
            params = plan.query_params | rewrite_params
            puts = params.pop("puts") if unit.together else []
            if not unit.write(query, params)[0][0]:
                for statement, rows in q.put_statements(puts, seen.versions):
                    unit.write(statement, rows)
                return plan.written
            time.sleep(random.uniform(0, _BACKOFF_SECONDS * (attempt + 1)))
        raise ConflictError("The records kept changing while this batch was written; reload and try again.")

    def apply_all(self, batches: Iterable[WriteBatch]) -> int:
        """Every batch in order, as one unit, written a batch at a time where the store allows.

        On Neo4j: one transaction, a batch at a time. On FalkorDB, into a store that holds no
        records and no audit entries (a copy, a restore, an import into a new store): a batch at a
        time into a staging graph built with ``GRAPH.BULK`` (``fresh_graph``), which takes the
        graph's place once every batch is in and references are checked (``FalkorBackend.streamed``). Into a FalkorDB store that holds
        records, the batches are joined into one and written by ``apply`` as one query, so the
        whole unit is held in memory (puts before deletes, as within one batch; at most one batch
        may rewrite the audit trail): a staging copy of a full store would cost the server its size
        again, and any write to the store while the unit ran would refuse the unit.
        """
        backend = self._live
        with backend.errors():
            if backend.transactional or not any(self.counts().values()):
                return backend.streamed(lambda unit: self._apply_each(unit, batches))
        joined = WriteBatch()
        for batch in batches:
            if (batch.scrub or batch.rewrite) and (joined.scrub or joined.rewrite):
                raise UsageError("Only one batch of a unit may rewrite the audit trail.")
            joined.puts += batch.puts
            joined.deletes += batch.deletes
            joined.audit += batch.audit
            joined.scrub = joined.scrub or batch.scrub
            joined.rewrite = joined.rewrite or batch.rewrite
            joined.seal = joined.seal or batch.seal
            joined.meta |= batch.meta
            joined.forget += batch.forget
        return len(self.apply(joined))

    def _apply_each(self, unit: Unit, batches: Iterable[WriteBatch]) -> int:
        """Each batch in turn in one unit; references are checked once all are written, as SQLite does.

        Where the unit's graph can be built from nothing (FalkorDB's staging graph), the batches
        build it as long as they can (``fresh_graph``), and the rest are written as queries.
        """
        dangling: builtins.list[Dangling] = []
        written = 0
        build = unit.build()
        if build is not None:
            with build:
                written, batches = build_fresh(build, batches, dangling)
        written += overlapped(
            (batch for batch in batches if batch),
            lambda batch: prepare(batch, unit.ahead),
            lambda batch, ready: len(self._apply_in(unit, batch, dangling, ready)),
        )
        if dangling:
            keys = {d.record for d in dangling} | {d.parent for d in dangling}
            params = wanted(WriteBatch()) | {"keys": [{"kind": k, "id": i} for k, i in sorted(keys)]}
            found = {(kind, record_id) for kind, record_id, _ in unit.read(q.INSPECT, params)[0][0]}
            for d in dangling:
                if d.record in found and d.parent not in found:
                    raise NotFound(d.problem)
        return written

    def append_audit(self, events: Iterable[AuditEvent], seal: AuditSeal | None = None) -> None:
        self.apply(WriteBatch(audit=list(events), seal=seal))

    def _plan_rewrite(
        self, unit: Unit, batch: WriteBatch
    ) -> tuple[dict[str, Any], builtins.list[AuditEvent], str | None]:
        """A keyed rewrite of stored entries (an erasure's scrub, a rotation) as the write query's
        parameters; the tombstone to append; and the new seal of the newest entry if it was resealed.

        Candidates are read, changed, and every entry from the first one changed is sealed again;
        the write query re-reads the same candidates and writes nothing if any of them moved.
        """
        scrub, rewrite = batch.scrub, batch.rewrite
        if scrub is None and rewrite is None:
            return {}, [], None
        params: dict[str, Any] = {"rewrite_ids": [], "rewrite_terms": [], "from_seq": _NEVER}
        change: Callable[[AuditEvent], AuditEvent | None]
        if scrub is not None:
            params |= {"rewrite_ids": sorted(scrub.entity_ids), "rewrite_terms": list(search_terms(scrub))}
            change = functools.partial(scrub_event, scrub=scrub)
        else:
            assert rewrite is not None
            params |= {"rewrite_terms": list(rewrite.contains) or [""]}
            change = rewrite.change
        changed = {}
        for seq, data in unit.read(q.AUDIT_REWRITE_CANDIDATES, params):
            if (event := change(_event(seq, data))) is not None:
                changed[seq] = event
        seal = rewrite.seal if rewrite is not None and rewrite.seal is not None else batch.seal
        first = 1 if rewrite is not None and rewrite.seal is not None else min(changed, default=_NEVER)
        params["from_seq"] = first
        seen, rows, resealed = [], [], None
        stored = unit.read(q.AUDIT_REWRITE_CANDIDATES, params)
        tail = [changed.get(seq, _event(seq, data)) for seq, data in stored if seq >= first]
        if seal is not None and tail:
            previous = unit.read(q.AUDIT_BEFORE, {"seq": first})
            tail = reseal_from(seal.key, _event(0, previous[0][0]).chain if previous else "", tail)
            resealed = tail[-1].chain
        new = {event.seq: event for event in tail} | {
            s: e for s, e in changed.items() if s not in {t.seq for t in tail}
        }
        for seq, data in stored:
            seen.append(seq)
            if seq in new:
                rows.append(
                    {"seq": seq, "old": data, "new": audit_data(new[seq]), "entity_id": new[seq].entity_id}
                )
        params |= {"rewrite_rows": rows, "rewrite_seen": seen}
        stone = [] if scrub is None else [recorded(scrub, len(changed))]
        return params, stone, resealed


def _event(seq: int, data: str) -> AuditEvent:
    return AuditEvent.model_validate({**json.loads(data), "seq": seq})


def _record_problems(
    kind: str, record_id: str, version: int, data: str, present: dict[str, set[str]]
) -> list[str]:
    """What is wrong with one stored record: it does not validate, disagrees with its node, or refers to nothing."""
    try:
        record = q.KINDS[kind].model_validate_json(data, context=STORED)
    except ValidationError as exc:
        return [f"{kind} {record_id} does not validate: {exc.errors()[0]['msg']}."]
    problems = []
    if record.id != record_id or record.version != version:
        problems.append(f"{kind} {record_id} has an id or version that disagrees with its data.")
    for ref, parent_kind, parent_id in references(record, enforced=False):
        if parent_id not in present[parent_kind]:
            fields = {"id": record.id, **{column: getattr(record, column) for column in ref.columns}}
            problems.append(ref.problem.format(**fields) + ".")
    return problems
