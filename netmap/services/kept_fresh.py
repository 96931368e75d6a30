"""A case written through the services has its kept entries computed again at once.

Every write makes its cases' kept evidence and cohort rows stale in its own transaction
(``GraphStore.cohort_rows``). Left so, the next report would compute each case edited since: at
5,000 cases, 1% of them edited cost that report about as much again as reading the store. So
``Service._write`` hands the cases it wrote to ``refresh`` once the write is in: the case's
evidence for the figures and the row of each cohort report view, where a report has kept one for
it before, are computed from the case as stored and kept. A case no report has read yet computes
nothing: building a map of hundreds of people edit by edit would otherwise work out its measures
again at every edit, for a report that may never run (the next report computes it once). A write made meanwhile raises the generation again and the store
refuses these rows (``keep_cohort_rows``), so a refresh that races another write leaves the case
stale, never wrong.

Only the case a write was made in is refreshed: a person shared by other cases leaves those stale,
to be computed by the next report. Other entries kept beside these (the partnership's,
``partnership_rows``) stay stale until their own reader computes them. Bulk paths (import, copy,
restore, bulk load, erasure) write around ``Service._write`` and leave their cases to the next
report, which computes them in one pass.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date

from netmap.errors import AccessDenied, NotFound
from netmap.graph.analytics.measured import Measured
from netmap.graph.store import GraphStore, KeptRow
from netmap.models import Case, Conference, Grant, Kin, Membership, Person, Record, Role, Snapshot, Tie, User
from netmap.services.access import Action, Actor, as_seen, require_case
from netmap.services.cohort_rows import FULL, compute_entry, view_of, write_entry
from netmap.services.evidence_rows import EVIDENCE, compute_evidence, write_evidence

__all__ = ["refresh", "written_cases"]

_log = logging.getLogger(__name__)

# The records a case's kept entries are computed from (a write of any raises its generation), and
# those of them held by many cases, whose write names the case it was made in.
_OF_ONE_CASE = (Case, Membership, Tie, Snapshot, Conference)
_SHARED = (Person, Kin)
_ROLES = frozenset(role.value for role in Role)


def written_cases(records: Iterable[Record], case_id: str | None) -> set[str]:
    """The cases whose kept entries a write of ``records`` makes stale and that it was made in
    (``case_id``: the case a change to people or kin was made in)."""
    cases: set[str] = set()
    for record in records:
        if isinstance(record, _OF_ONE_CASE) and record.case_key:
            cases.add(record.case_key)
        elif isinstance(record, _SHARED) and case_id:
            cases.add(case_id)
    return cases


def refresh(store: GraphStore, case_ids: Iterable[str], on: date) -> None:
    """Compute and keep, for the day ``on``, each case's evidence and rows kept before and now stale.

    The write it follows is in already: if this fails, the write still stands and succeeds for the
    person who made it (who would otherwise make it again), and the cases stay stale for the next
    report, which computes them as it always could. The failure is logged without its message, which
    may quote what was written.
    """
    try:
        fresh: list[KeptRow] = []
        for case_id, kept in sorted(store.kept_views(case_ids).items()):
            stale = sorted(v for v, at in kept.views.items() if _ours(v) and at != kept.gen)
            if stale:
                fresh += _entries(store, case_id, kept.gen, stale, on)
        if fresh:
            store.keep_cohort_rows(fresh)
    except Exception as exc:  # noqa: BLE001 - derived data: the next report computes it
        _log.warning("kept report entries left for the next report to compute (%s)", type(exc).__name__)


def _ours(view: str) -> bool:
    """Whether ``view`` is the evidence or a view of the cohort report (``view_of``)."""
    return view in (EVIDENCE, FULL) or view.partition(":")[0] in _ROLES


def _entries(store: GraphStore, case_id: str, gen: int, views: Sequence[str], on: date) -> list[KeptRow]:
    """The entries of ``views`` for the case as stored (read after its generation ``gen`` was)."""
    try:
        network = store.get_network(case_id)
    except NotFound:
        return []  # deleted since
    snapshots = store.list(Snapshot, case_id=case_id)
    measured = Measured()
    out = []
    for view in views:
        if view == EVIDENCE:
            conferences = store.list(Conference, case_id=case_id)
            text = write_evidence(compute_evidence(network, snapshots, conferences, on, measured))
        elif view == FULL:
            # As in the report's first pass (``RowsAlongside``): a whole case's row is its stored one's.
            text = write_entry(compute_entry(network, snapshots, on, measured))
        elif (viewer := _viewer(store, view, network.case)) is not None:
            text = write_entry(compute_entry(*as_seen(viewer, network, snapshots), on))
        else:
            continue  # its account is gone, has another role now or no longer holds the case
        out.append(KeptRow(case_id, view, gen, text))
    return out


def _viewer(store: GraphStore, view: str, case: Case) -> Actor | None:
    """The account whose view ``view`` is (``view_of``), as it would read ``case``; None when it no
    longer exists, is not active, has another role now, or may not read the case."""
    role, _, username = view.partition(":")
    user = store.get(User, username)
    if user is None or not user.active or user.role.value != role:
        return None
    holds = store.get(Grant, Grant.make(username, case.id).id) is not None
    actor = Actor(username, user.role, frozenset({case.id} if holds else ()), user.person_id)
    try:
        require_case(actor, Action.CASE_READ, case)
    except AccessDenied:
        return None
    return actor if view_of(actor) == view else None
