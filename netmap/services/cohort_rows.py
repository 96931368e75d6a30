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
from dataclasses import dataclass
from datetime import date

import orjson

from netmap.graph import analytics
from netmap.graph.analytics import CaseRow, ReportRow
from netmap.graph.analytics.change import Change
from netmap.graph.analytics.cohort import SUMMARY_FIELDS, ReportChange, report_row
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
    "view_of",
    "write_entry",
]

# What a role must be allowed to read to see a case whole (``access.visible_case``).
_WHOLE_CASE = (Action.RESTRICTED_READ, Action.OUTCOMES_READ)

# Bumped by hand when the layout below or the rules of a measure change (2: an end of support
# derived from the rules still counts once it has passed; 3: a child's social worker ends at the
# child's 18th); the field names catch a model that changed.
FORMAT = (
    "3:"
    + hashlib.blake2b(
        ",".join((*SUMMARY_FIELDS, *CaseRow.model_fields, *Change.model_fields)).encode(), digest_size=6
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

    row: ReportRow
    referral: Referral
    as_of: date
    until: date


def compute_entry(
    network: Network, snapshots: list[Snapshot], on: date, measured: Measured | None = None
) -> Entry:
    """The entry of a case from its network and snapshots as the view sees them (``measured``: what
    is measured of them already)."""
    row = analytics.cohort_row(network, as_of=on, snapshots=snapshots, measured=measured)
    case = network.case
    return Entry(
        report_row(row),
        Referral(case.referred_by, case.prison, case.local_authority),
        on,
        row_holds_until(network, on),
    )


def write_entry(entry: Entry) -> str:
    row, referral, change = entry.row, entry.referral, entry.row.change
    return orjson.dumps(
        [
            FORMAT,
            entry.as_of.isoformat(),
            entry.until.isoformat(),
            row.summary,
            row.status_counts,
            row.baseline_event,
            None
            if change is None
            else [change.before_on, change.size_before, change.size_after, change.before],
            [referral.referred_by, referral.prison, referral.local_authority],
        ]
    ).decode()


def read_entry(case_id: str, text: str, on: date) -> Entry | None:
    """The entry kept as ``text``, for the day ``on``; None when it does not hold that day or was
    written by another version of netmap. Read into plain values: no model is built."""
    tag, as_of, until, summary, counts, event, change, referral = orjson.loads(text)
    day = on.isoformat()
    if tag != FORMAT or not as_of <= day <= until:
        return None
    if change is not None:
        before_on, size_before, size_after, before = change
        change = ReportChange(before_on, day, size_before, size_after, before)
    row = ReportRow(case_id, summary, counts, event, change)
    return Entry(row, Referral(*referral), date.fromisoformat(as_of), date.fromisoformat(until))
