"""The snapshots netmap takes by itself: at referral, when a conference's plan is agreed, at each review."""

from __future__ import annotations

from datetime import date

from netmap.models import Case, Network, Person, Record, Snapshot, SnapshotEvent, new_id

__all__ = ["at_event", "at_referral"]


def at_referral(case: Case, ego: Person, records: list[Record], on: date) -> Snapshot:
    """The map as it stands when a case is made: the young person and whoever came with the referral."""
    network = Network(
        case=case,
        people=[ego, *(r for r in records if isinstance(r, Person) and r.id != ego.id)],
        memberships=[r for r in records if r.table == "membership"],  # type: ignore[misc]
    )
    return Snapshot(id=new_id("s"), case_id=case.id, event=SnapshotEvent.REFERRAL, taken_on=on, network=network,
                    label="At referral")  # fmt: skip


def at_event(network: Network, event: SnapshotEvent, on: date, label: str) -> Snapshot:
    """The whole map, frozen at ``event`` on ``on``."""
    return Snapshot(
        id=new_id("s"), case_id=network.case.id, event=event, taken_on=on, network=network, label=label
    )
