"""A kept cohort row reads back as the row computed on any day it holds, and the report reads nothing it drops."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from networkx import Graph
from pytest import MonkeyPatch

from netmap.graph import analytics
from netmap.graph.analytics import measured as measured_module
from netmap.graph.analytics.measured import Measured
from netmap.graph.analytics.samples import tiny_network
from netmap.models import Lsns6, Network, OutcomeReading, OwnWords, Role, Sharing, Snapshot, SnapshotEvent
from netmap.services.access import Actor, as_seen, visible_network
from netmap.services.cohort_rows import (
    FORMAT,
    FULL,
    compute_entry,
    read_entry,
    view_of,
    write_entry,
)
from netmap.services.evidence_rows import compute_evidence
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


def test_the_report_over_kept_rows_equals_the_report_over_the_rows_computed() -> None:
    network = tiny_network()
    row = analytics.cohort_row(network, as_of=AS_OF, snapshots=_snapshots())
    assert row.change is not None and row.change.ties_gained  # something the kept row leaves out
    entry = read_entry(row.case_id, write_entry(compute_entry(network, _snapshots(), AS_OF)), AS_OF)
    assert entry is not None
    report = analytics.cohort_report([entry.row])
    assert report.paired and report.paired[0].lsns_after == row.summary.lsns_total
    assert report == analytics.cohort_report([analytics.report_row(row)])


def test_a_row_in_another_format_is_not_read() -> None:
    text = write_entry(compute_entry(tiny_network(), [], AS_OF))
    assert read_entry("c-1", text, AS_OF) is not None
    assert read_entry("c-1", text.replace(FORMAT, "0:old", 1), AS_OF) is None


def test_every_role_in_the_full_view_sees_a_case_whole() -> None:
    # A role sharing the ``full`` view must get the same numbers as every other in it: nothing the
    # measures read (restricted fields, outcome readings, people hidden by sharing) is kept from it.
    network = tiny_network()
    answers = Lsns6(**dict.fromkeys(Lsns6.model_fields, 2))
    case = network.case.model_copy(update={"outcomes": [OutcomeReading(on=AS_OF, lsns6=answers)]})
    network = network.model_copy(update={"case": case})
    for role in Role:
        actor = Actor(f"u-{role.value}", role, case_ids=frozenset({case.id}))
        if view_of(actor) != FULL:
            continue
        seen = visible_network(actor, network)
        assert seen.case.model_copy(update={"sharing": case.sharing}) == case, role
        assert (seen.people, seen.memberships, seen.ties) == (
            network.people,
            network.memberships,
            network.ties,
        ), role


@settings(max_examples=40, deadline=None)
@given(network=networks())
def test_a_full_views_row_is_the_row_of_the_case_as_stored(network: Network) -> None:
    # The first report computes a full view's rows from the stored case it read for the figures
    # (``RowsAlongside``), sharing its measures. That holds only while what the full view may not
    # see of a case (who is hidden from whom, the young person's unshared words) moves no number.
    # As stored: the strategy moves birth dates without their years, which a store would refuse.
    people = [
        p.model_copy(update={"birth_year": p.birth_date.year}) if p.birth_date else p for p in network.people
    ]
    others = [p.id for p in people if p.id != network.case.ego_id]
    case = network.case.model_copy(
        update={
            "sharing": Sharing(hidden_people=others[:1], hidden_from={"u-practitioner": others[1:3]}),
            "own_words": OwnWords(hopes="To see my nan at Christmas", shared=False),
        }
    )
    network = network.model_copy(update={"case": case, "people": people})
    snapshots = _snapshots()
    stored = compute_entry(network, snapshots, AS_OF)
    whole = [Actor(f"u-{r.value}", r, case_ids=frozenset({case.id})) for r in Role]
    whole = [actor for actor in whole if view_of(actor) == FULL]
    assert len(whole) >= 3  # administrators, coordinators, facilitators at least
    for actor in whole:
        assert compute_entry(*as_seen(actor, network, snapshots), AS_OF) == stored, actor.role


def test_each_network_is_measured_once_for_the_evidence_and_the_row(monkeypatch: MonkeyPatch) -> None:
    built: list[tuple[int, date]] = []
    build = measured_module.build_graph

    def counted(network: Network, *, on: date) -> Graph:
        built.append((id(network), on))
        return build(network, on=on)

    monkeypatch.setattr(measured_module, "build_graph", counted)
    network, snapshots = tiny_network(), _snapshots()
    memo = Measured()
    evidence = compute_evidence(network, snapshots, [], AS_OF, memo)
    entry = compute_entry(network, snapshots, AS_OF, memo)
    # Today's network and the referral snapshot: each built once, though both parts measure both.
    assert sorted(built) == sorted({(id(network), AS_OF), (id(snapshots[0].network), date(2025, 1, 1))})
    built.clear()
    assert (compute_evidence(network, snapshots, [], AS_OF), compute_entry(network, snapshots, AS_OF)) == (
        evidence,
        entry,
    )
    assert len(built) == 4  # without a shared memo, each part builds both itself
