"""A case's cohort row as the store keeps it: what the cohort report needs of one case, for one view.

The store keeps one row per case and view (``GraphStore.keep_cohort_rows``) and makes it stale in
the same transaction as any write that changes the case (its generation rises). A row also
names the days it holds for (``analytics.row_holds_until``): dates recorded in the case (an
18th birthday, a tie's start or end, a planned end of support) change the numbers by themselves.

The text is a JSON list in the field order of this netmap's models, led by a format tag naming
those fields, so a row written by another version is never misread (it is computed again). It
is short, as a report reads thousands of them: only what the report reads.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from netmap.graph import analytics
from netmap.graph.analytics import CaseRow, Summary
from netmap.graph.analytics.change import Change
from netmap.graph.analytics.cohort_dates import row_holds_until
from netmap.graph.analytics.measured import Measured
from netmap.models import Network, Snapshot
from netmap.services.access import SHARING_APPLIES, Action, Actor, allowed

__all__ = [
    "FORMAT",
    "FULL",
    "Entry",
    "Referral",
    "compute_entry",
    "read_entry",
    "for_report",
    "view_of",
    "write_entry",
]

_SUMMARY = tuple(Summary.model_fields)
# What a role must be allowed to read to see a case whole (``access.visible_case``).
_WHOLE_CASE = (Action.RESTRICTED_READ, Action.OUTCOMES_READ)
_LISTS = ("members_gained", "members_lost", "ties_gained", "ties_lost", "strengthened", "weakened")


def _no_lists() -> dict[str, Any]:
    """What a kept row's change holds in place of what the report does not read."""
    return {name: [] for name in _LISTS} | {"change": {}}


# Bumped by hand when the layout below or the rules of a measure change (2: an end of support
# derived from the rules still counts once it has passed); the field names catch a model that changed.
FORMAT = (
    "2:"
    + hashlib.blake2b(
        ",".join((*_SUMMARY, *CaseRow.model_fields, *Change.model_fields)).encode(), digest_size=6
    ).hexdigest()
)


# The view of those who see whole cases.
FULL = "full"


def view_of(actor: Actor) -> str:
    """Who sees every case's numbers the same way.

    Roles that see whole cases, restricted details and outcome readings included, share one view
    (``full``): the young person's sharing choices hide nobody from them. Anyone the sharing
    choices apply to, or from whom part of a case is kept, has a view of their own account, since
    what is hidden depends on who is looking.

    >>> from netmap.models import Role
    >>> view_of(Actor("ann", Role.COORDINATOR)), view_of(Actor("pat", Role.PRACTITIONER))
    ('full', 'practitioner:pat')
    """
    if actor.role in SHARING_APPLIES or not all(allowed(actor, a) for a in _WHOLE_CASE):
        return f"{actor.role.value}:{actor.username}"
    return FULL


@dataclass(frozen=True)
class Referral:
    """What the report counts of a case's referral (``analytics.cohort.Referral``), as the view sees it."""

    referred_by: str
    prison: str
    local_authority: str


@dataclass(frozen=True)
class Entry:
    """One case's row for the report on one day, the referral details, and the days the row holds."""

    row: CaseRow
    referral: Referral
    as_of: date
    until: date


def for_report(row: CaseRow) -> CaseRow:
    """``row`` without what the report does not read of its change: who and which ties changed,
    and the difference of every headline (the report reads the two summaries).

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> row = analytics.cohort_row(tiny_network(), as_of=date(2026, 1, 15))
    >>> for_report(row) == row  # no baseline snapshot, so no change to trim
    True
    """
    if row.change is None:
        return row
    return row.model_copy(update={"change": row.change.model_copy(update=_no_lists())})


def compute_entry(
    network: Network, snapshots: list[Snapshot], on: date, measured: Measured | None = None
) -> Entry:
    """The entry of a case from its network and snapshots as the view sees them (``measured``: what
    is measured of them already)."""
    row = analytics.cohort_row(network, as_of=on, snapshots=snapshots, measured=measured)
    case = network.case
    return Entry(
        for_report(row),
        Referral(case.referred_by, case.prison, case.local_authority),
        on,
        row_holds_until(network, on),
    )


def _summary(summary: Summary) -> list[Any]:
    return [getattr(summary, name) for name in _SUMMARY]


def write_entry(entry: Entry) -> str:
    row, referral = entry.row, entry.referral
    change = row.change
    return json.dumps(
        [
            FORMAT,
            entry.as_of.isoformat(),
            entry.until.isoformat(),
            _summary(row.summary),
            row.status_counts,
            row.baseline_event.value if row.baseline_event else None,
            None
            if change is None
            else [
                change.before_on.isoformat(),
                change.size_before,
                change.size_after,
                _summary(change.before),
            ],
            [referral.referred_by, referral.prison, referral.local_authority],
        ],
        separators=(",", ":"),
    )


def read_entry(case_id: str, text: str, on: date) -> Entry | None:
    """The entry kept as ``text``, for the day ``on``; None when it does not hold that day or was
    written by another version of netmap."""
    tag, as_of, until, summary, counts, event, change, referral = json.loads(text)
    if tag != FORMAT or not as_of <= on.isoformat() <= until:
        return None
    now = dict(zip(_SUMMARY, summary, strict=True))
    if change is not None:
        before_on, size_before, size_after, before = change
        change = {
            "before_on": before_on,
            "after_on": on,
            "size_before": size_before,
            "size_after": size_after,
            **_no_lists(),
            "before": dict(zip(_SUMMARY, before, strict=True)),
            "after": now,
        }
    row = CaseRow.model_validate(
        {
            "case_id": case_id,
            "summary": now,
            "status_counts": counts,
            "baseline_event": event,
            "change": change,
        }
    )
    return Entry(row, Referral(*referral), date.fromisoformat(as_of), date.fromisoformat(until))
