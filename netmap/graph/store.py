"""The GraphStore port: what every store adapter offers (``netmap.graph.factory`` opens one)."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, runtime_checkable

from netmap.errors import ConflictError
from netmap.graph.audit_chain import AuditRewrite, AuditSeal
from netmap.graph.audit_scrub import AuditScrub
from netmap.models import AuditEvent, Network, Person, Record

__all__ = [
    "AuditRewrite",
    "AuditScrub",
    "AuditSeal",
    "CohortRows",
    "Delete",
    "ForgetKept",
    "GraphStore",
    "KeptRow",
    "KeptViews",
    "Put",
    "WriteBatch",
    "record_label",
    "stale_version",
]

RecordT = TypeVar("RecordT", bound=Record)


@dataclass(frozen=True)
class Put:
    """Create or update one record.

    ``expected_version`` None means "create": it fails if the id exists. Otherwise the stored
    version must equal it, and the record is written with version + 1. ``restore`` writes the
    record exactly as given (version included); it is used by restore and copy only.
    """

    record: Record
    expected_version: int | None = None
    restore: bool = False


@dataclass(frozen=True)
class Delete:
    kind: type[Record]
    id: str
    expected_version: int | None = None


@dataclass(frozen=True)
class ForgetKept:
    """The rows kept for ``view`` (``keep_cohort_rows``) of ``case_ids``, or of every case when None:
    what a write that ends someone's access forgets in its own unit (``WriteBatch.forget``)."""

    view: str
    case_ids: frozenset[str] | None = None


@dataclass
class WriteBatch:
    """One unit of work: applied completely or not at all, together with its audit events.

    ``seal`` (set by the encrypting store) seals each new audit entry to the one before it
    (``audit_chain``); without it entries are stored unsealed. ``scrub`` is set by an erasure
    only: in the same unit, the audit entries already stored lose the erased person
    (``audit_scrub.scrub_event``), then ``scrub.tombstone`` is appended after ``audit`` with the
    number of entries rewritten. ``rewrite`` is a key rotation's rewrite of stored entries. After a
    scrub or a rewrite the trail is sealed again from the first entry changed. ``meta`` sets the
    store's own settings (the key fingerprint) in the same unit. No other write may change the
    audit trail. ``forget`` drops kept rows in the same unit (the only way rows are dropped but with
    their case): a grant removed, or an account deleted, forgets what was kept for its view, so no
    crash between the two can leave derived data about a case for someone without access to it.
    """

    puts: list[Put] = field(default_factory=list)
    deletes: list[Delete] = field(default_factory=list)
    audit: list[AuditEvent] = field(default_factory=list)
    scrub: AuditScrub | None = None
    seal: AuditSeal | None = None
    rewrite: AuditRewrite | None = None
    meta: dict[str, str] = field(default_factory=dict)
    forget: list[ForgetKept] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.puts or self.deletes or self.audit or self.scrub or self.rewrite or self.meta or self.forget
        )


@dataclass(frozen=True)
class KeptRow:
    """One case's cohort row for one view (text the services write and read), and the generation of
    the case it was computed at."""

    case_id: str
    view: str
    gen: int
    data: str


@dataclass(frozen=True)
class CohortRows:
    """Every case's generation, and the rows kept for one view that are still valid (same generation)."""

    gens: dict[str, int]
    rows: dict[str, str]


@dataclass(frozen=True)
class KeptViews:
    """One case's generation, and the generation of the row kept for each view that has one (a row
    below the case's generation is stale)."""

    gen: int
    views: dict[str, int]


@runtime_checkable
class GraphStore(Protocol):
    """Persistence for netmap records. Adapters: SQLite (embedded) and Cypher (Neo4j, FalkorDB).

    Writes go through ``apply``: all puts, deletes and audit events of a batch land together
    or not at all. A stale ``expected_version`` raises ``ConflictError`` naming the record;
    a create over an existing id raises ``ConflictError`` too.
    """

    @property
    def url(self) -> str: ...

    def close(self) -> None: ...

    def get(self, kind: type[RecordT], record_id: str) -> RecordT | None: ...

    def list(self, kind: type[RecordT], *, case_id: str | None = None) -> list[RecordT]:
        """Every record of ``kind`` (of one case when ``case_id`` is given), sorted by id."""
        ...

    def list_services(self) -> builtins.list[Person]:
        """Every person of kind service (the local services directory), sorted by id, found without
        reading every person."""
        ...

    def each(self, kind: type[RecordT]) -> Iterator[RecordT]:
        """Every record of ``kind`` sorted by id, read a page at a time where the store can (a
        whole-store export holds one page, not one table)."""
        ...

    def each_json(self, kind: type[Record]) -> Iterator[dict[str, Any]]:
        """``record.model_dump(mode="json")`` of every record ``each(kind)`` gives, in the same order,
        each the caller's own: read from the stored text without building the record where that text
        is the record's value already (``adapters.stored_json``), for a whole-store export."""
        ...

    def apply(self, batch: WriteBatch) -> builtins.list[Record]:
        """Apply the batch atomically; return the written records with their new versions."""
        ...

    def apply_all(self, batches: Iterable[WriteBatch]) -> int:
        """Apply every batch, in order, as ONE atomic unit; return how many records were written.

        Batches are taken one at a time, so a caller can stream a unit larger than memory
        (SQLite and Neo4j hold one batch at a time, and so does FalkorDB into a store that holds
        no records; FalkorDB joins them into one write otherwise). An exception from ``batches``
        itself, like a failing batch, leaves nothing of any of them.
        """
        ...

    def get_network(self, case_id: str) -> Network:
        """The case, its members' people, kin among them and the case's ties; NotFound if absent."""
        ...

    def cohort_rows(self, view: str) -> CohortRows:
        """Every case id with its generation, and the rows kept for ``view`` at that generation.

        A case's generation rises in the same transaction as every write that changes its case
        record, memberships, ties, snapshots, people or the kin among them (deletes and cascades
        included), so a kept row of the current generation was computed from the case as it is.
        A case never written since the rows were introduced has generation 0.
        """
        ...

    def keep_cohort_rows(self, rows: Iterable[KeptRow]) -> None:
        """Keep rows (one per case and view, replacing the one kept before). A row is kept only if its
        case still exists at the generation the row names: one computed from a case that has
        changed since is dropped. Rows are derived data: no audit entry, not in exports or copies.
        A row goes with its case, or when a batch forgets it (``WriteBatch.forget``)."""
        ...

    def kept_views(self, case_ids: Iterable[str]) -> dict[str, KeptViews]:
        """For each of ``case_ids`` that exists, its generation and the views with a row kept for it
        (whatever generation that row was computed at)."""
        ...

    def append_audit(self, events: Iterable[AuditEvent], seal: AuditSeal | None = None) -> None:
        """Append audit events on their own (used for refused attempts), sealed with ``seal``."""
        ...

    def meta(self, name: str) -> str | None:
        """One of the store's own settings (``WriteBatch.meta``), or None when never set."""
        ...

    def audit_log(
        self, *, entity_id: str | None = None, case_id: str | None = None, limit: int | None = None
    ) -> builtins.list[AuditEvent]:
        """Audit events, oldest first (the newest ``limit`` when given)."""
        ...

    def each_audit(self) -> Iterator[AuditEvent]:
        """The whole audit trail oldest first, read a page at a time where the store can."""
        ...

    def counts(self) -> dict[str, int]:
        """Number of records per table, plus ``audit``."""
        ...

    def check(self) -> builtins.list[str]:
        """Integrity problems found (empty when healthy)."""
        ...


_LABELS = {"kin": "kin link", "contact_event": "contact event"}


def record_label(table: str) -> str:
    """How a table is named in messages, the same from every adapter.

    >>> record_label("contact_event")
    'contact event'
    """
    return _LABELS.get(table, table)


def stale_version(table: str, record_id: str, stored: int, expected: int) -> ConflictError:
    """The conflict every adapter raises for a write based on an old version."""
    return ConflictError(
        f"{record_label(table)} {record_id} was changed by someone else (now version {stored}, "
        f"you had version {expected}); reload it and try again.",
        entity=table,
        entity_id=record_id,
    )
