"""A case's evidence for the service's figures as the store keeps it, beside the cohort rows.

The figures are computed from the whole stored case whoever asks for them (only suppressed
aggregates leave), so one entry per case serves everyone: it is kept as the view ``EVIDENCE``
(``GraphStore.keep_cohort_rows``) and goes stale, like every kept row, in the same transaction
as any write that changes its case (its conferences and plans included). It also names the
last day it holds for (``cohort_dates.evidence_holds_until``).

The text is ``tag|as_of|until|evidence JSON``; the tag hashes the evidence's schema, so an entry
written by another version of netmap is never misread (it is computed again).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import orjson

from netmap.graph.analytics.cohort_dates import evidence_holds_until
from netmap.graph.analytics.evidence import CaseEvidence, Evidence, case_evidence
from netmap.graph.analytics.measured import Measured
from netmap.models import Conference, Network, Snapshot

__all__ = ["EVIDENCE", "FORMAT", "KeptEvidence", "compute_evidence", "read_evidence", "write_evidence"]

EVIDENCE = "evidence"
"""The view the evidence is kept as (no role's view is named without a colon but ``full``)."""

# Bumped by hand when the rules of a measure change (e2: a derived end of support counts once passed).
FORMAT = (
    "e2:"
    + hashlib.blake2b(
        json.dumps(CaseEvidence.model_json_schema(), sort_keys=True).encode(), digest_size=6
    ).hexdigest()
)


@dataclass(frozen=True)
class KeptEvidence:
    """One case's evidence on one day (as kept: plain JSON values), and the last day it holds."""

    evidence: Evidence
    as_of: date
    until: date


def compute_evidence(
    network: Network,
    snapshots: Iterable[Snapshot],
    conferences: Iterable[Conference],
    on: date,
    measured: Measured | None = None,
) -> KeptEvidence:
    """The evidence of a case from everything stored of it (``measured``: what is measured of it already)."""
    conferences = list(conferences)
    evidence = case_evidence(
        network, as_of=on, snapshots=snapshots, conferences=conferences, measured=measured
    )
    return KeptEvidence(evidence, on, evidence_holds_until(network, conferences, on))


def write_evidence(kept: KeptEvidence) -> str:
    data = orjson.dumps(kept.evidence).decode()
    return f"{FORMAT}|{kept.as_of.isoformat()}|{kept.until.isoformat()}|{data}"


def read_evidence(text: str, on: date) -> KeptEvidence | None:
    """The evidence kept as ``text``, for the day ``on``; None when it does not hold that day or was
    written by another version of netmap. Read as plain values: no model is built."""
    parts = text.split("|", 3)
    if len(parts) != 4:
        return None
    tag, as_of, until, data = parts
    if tag != FORMAT or not as_of <= on.isoformat() <= until:
        return None
    return KeptEvidence(orjson.loads(data), date.fromisoformat(as_of), date.fromisoformat(until))
