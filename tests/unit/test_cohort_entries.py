"""A kept cohort row reads back as the row computed on any day it holds, and the report reads nothing it drops."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.graph import analytics
from netmap.graph.analytics.samples import tiny_network
from netmap.models import Network, Snapshot, SnapshotEvent
from netmap.services.cohort_rows import FORMAT, compute_entry, for_report, read_entry, write_entry
from tests.unit.analytics.test_cohort_dates import AS_OF, networks


def _snapshots() -> list[Snapshot]:
    then = tiny_network()
    then = then.model_copy(update={"ties": then.ties[:2]})
    return [
        Snapshot(
            id="s-1", case_id="c-1", event=SnapshotEvent.REFERRAL, taken_on=date(2025, 1, 1), network=then
        )
    ]


@settings(max_examples=80, deadline=None)
@given(network=networks(), later=st.integers(0, 70))
def test_a_kept_row_reads_back_as_the_row_of_the_day(network: Network, later: int) -> None:
    kept = compute_entry(network, _snapshots(), AS_OF)
    text = write_entry(kept)
    assert read_entry("c-1", text, AS_OF - timedelta(days=1)) is None  # not before the day it was computed
    day = AS_OF + timedelta(days=later)
    entry = read_entry("c-1", text, day)
    if day > kept.until:
        assert entry is None
        return
    assert entry is not None
    fresh = compute_entry(network, _snapshots(), day)
    assert (entry.row, entry.referral, entry.until) == (fresh.row, fresh.referral, kept.until)


def test_the_report_reads_nothing_a_kept_row_leaves_out() -> None:
    network = tiny_network()
    row = analytics.cohort_row(network, as_of=AS_OF, snapshots=_snapshots())
    assert row.change is not None and row.change.ties_gained  # something is left out
    assert for_report(row) != row
    assert analytics.cohort_report([for_report(row)]) == analytics.cohort_report([row])


def test_a_row_in_another_format_is_not_read() -> None:
    text = write_entry(compute_entry(tiny_network(), [], AS_OF))
    assert read_entry("c-1", text, AS_OF) is not None
    assert read_entry("c-1", text.replace(FORMAT, "0:old", 1), AS_OF) is None
