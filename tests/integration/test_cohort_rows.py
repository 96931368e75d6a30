"""The cohort report reads the rows the store keeps and computes only the cases changed since, per view."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from networkx import Graph
from typer.testing import CliRunner

from netmap.bootstrap import Services, bootstrap
from netmap.cli import app
from netmap.graph import analytics
from netmap.graph.analytics import measured as measured_module
from netmap.graph.store import KeptRow, Put, WriteBatch
from netmap.models import Case, DiscoveryStatus, Membership, Network, Person, Sector, Tie
from netmap.services.access import Actor
from netmap.services.cohort_rows import FORMAT, view_of
from netmap.services.users import SYSTEM_ACTOR

ON = date(2026, 11, 24)
SAMPLE_CASES = 7  # data/samples: every one is granted to the demo coordinator


def _fresh(services: Services, actor: Actor, on: date = ON) -> analytics.CohortReport:
    """The report computed from the cases as the actor sees them now, nothing kept or read back."""
    cases = services.cases.list_cases(actor)
    rows = [
        analytics.report_row(analytics.cohort_row(network, as_of=on, snapshots=snapshots))
        for network, snapshots in (services.cases.network_and_snapshots(actor, c.id) for c in cases)
    ]
    return analytics.cohort_report(rows, cases)


def _report(services: Services, actor: Actor, on: date = ON) -> tuple[analytics.CohortReport, int]:
    """The report from a new process's point of view (new services on the same store), and how many
    rows it computed rather than read."""
    with bootstrap(services.store.url) as other:
        report = other.metrics.cohort_report(actor, as_of=on)
        return report, other.metrics.rows_computed


def test_a_report_in_a_new_process_reads_the_kept_rows(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    first, computed = _report(sample_services, coordinator)
    assert computed == first.cases == SAMPLE_CASES
    assert first == _fresh(sample_services, coordinator)
    assert _report(sample_services, coordinator) == (first, 0)


def test_an_edit_makes_only_its_case_computed_again(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    first, _ = _report(sample_services, coordinator)
    friend = Person(id="p-new-friend", name="Tamsin Roe")
    sample_services.network.add_member(
        coordinator, "c-turning-25", friend, Membership.make("c-turning-25", friend.id, sector=Sector.FRIENDS)
    )
    again, recomputed = _report(sample_services, coordinator)
    assert recomputed == 1
    assert again == _fresh(sample_services, coordinator) != first


def _first_figures_report(services: Services, actor: Actor) -> tuple[analytics.CohortReport | None, int, int]:
    """A first service report in a new process: its per-case report, how many times it read a case's
    network from the store, and how many per-case rows it computed."""
    with bootstrap(services.store.url) as other:
        reads = 0
        read_network = other.store.get_network

        def counted(case_id: str) -> Network:
            nonlocal reads
            reads += 1
            return read_network(case_id)

        other.store.get_network = counted  # type: ignore[method-assign]
        report = other.figures.report(actor, as_of=ON)
        return report.per_case, reads, other.metrics.rows_computed


@pytest.fixture
def cold_services(tmp_path: Path) -> Iterator[Services]:
    """The sample cases just imported into a store of their own: nothing computed or kept yet."""
    with bootstrap(f"sqlite:///{tmp_path / 'cold.db'}") as services:
        services.data.load_samples(SYSTEM_ACTOR)
        yield services


def test_the_first_service_report_reads_each_case_once_for_both_parts(
    cold_services: Services, demo_actors: dict[str, Actor]
) -> None:
    sample_services = cold_services
    coordinator, practitioner = demo_actors["coordinator"], demo_actors["practitioner"]
    per_case, reads, computed = _first_figures_report(sample_services, coordinator)
    assert per_case == _fresh(sample_services, coordinator)
    assert reads == computed == SAMPLE_CASES
    # The rows were kept as the figures were computed: the next per-case report reads them all.
    assert _report(sample_services, coordinator)[1] == 0
    # A practitioner's own view of the case where someone is hidden from them.
    theirs, reads, computed = _first_figures_report(sample_services, practitioner)
    assert theirs == _fresh(sample_services, practitioner)
    assert theirs != per_case
    # The evidence was kept by the coordinator's report; only the case with someone hidden from the
    # practitioner has a row of their own to compute, read by the per-case report.
    assert reads == computed == 1
    assert _report(sample_services, practitioner)[1] == 0


def test_the_first_report_builds_each_network_once_for_both_parts(
    cold_services: Services, demo_actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The figures' evidence and the full view's rows both measure each case today and at its
    # baseline snapshot; the first report reads each case once and measures each network once.
    built: list[tuple[str, date, tuple[str, ...]]] = []
    build = measured_module.build_graph

    def counted(network: Network, *, on: date) -> Graph:
        built.append((network.case.id, on, tuple(sorted(p.id for p in network.people))))
        return build(network, on=on)

    monkeypatch.setattr(measured_module, "build_graph", counted)
    per_case, reads, computed = _first_figures_report(cold_services, demo_actors["admin"])
    assert reads == computed == SAMPLE_CASES
    assert len({case_id for case_id, _, _ in built}) == SAMPLE_CASES
    assert len(built) == len(set(built))
    monkeypatch.undo()
    assert per_case == _fresh(cold_services, demo_actors["admin"])


def test_a_first_report_by_someone_holding_some_cases_keeps_rows_for_theirs_only(
    cold_services: Services, demo_actors: dict[str, Actor]
) -> None:
    sample_services = cold_services
    admin, practitioner = demo_actors["admin"], demo_actors["practitioner"]
    held = set(practitioner.case_ids)
    assert 0 < len(held) < SAMPLE_CASES
    per_case, reads, computed = _first_figures_report(sample_services, practitioner)
    assert per_case == _fresh(sample_services, practitioner)
    assert reads == computed == len(held)
    assert set(sample_services.store.cohort_rows(view_of(practitioner)).rows) == held
    everything, reads, computed = _first_figures_report(sample_services, admin)
    assert everything == _fresh(sample_services, admin)
    # The other cases are read once for both parts; the held one, whose evidence was kept, once for
    # its row in the administrator's view.
    assert reads == computed == SAMPLE_CASES


def test_administrators_coordinators_and_facilitators_share_one_view(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    admin, coordinator, facilitator = (demo_actors[n] for n in ("admin", "coordinator", "facilitator"))
    assert view_of(admin) == view_of(coordinator) == view_of(facilitator) == "full"
    _report(sample_services, coordinator)
    for actor in (admin, facilitator):
        report, computed = _report(sample_services, actor)
        assert computed == 0
        assert report == _fresh(sample_services, actor)


def test_a_practitioner_never_gets_rows_computed_with_people_hidden_from_them(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    # The young person hid one relative of c-always-hope from practitioners; the coordinator sees them.
    coordinator, practitioner = demo_actors["coordinator"], demo_actors["practitioner"]
    _report(sample_services, coordinator)
    theirs, computed = _report(sample_services, practitioner)
    assert computed == 1
    assert theirs == _fresh(sample_services, practitioner)
    assert theirs.distributions != _fresh(sample_services, coordinator).distributions
    assert set(sample_services.store.cohort_rows(view_of(practitioner)).rows) == {"c-always-hope"}
    # changing who is hidden from whom changes the case, so the row is computed again
    case = sample_services.cases.get_case(coordinator, "c-always-hope")
    sample_services.cases.set_sharing(coordinator, "c-always-hope", type(case.sharing)(), case.version)
    again, computed = _report(sample_services, practitioner)
    assert computed == 1
    assert again == _fresh(sample_services, practitioner) != theirs


def test_rows_hold_on_later_days_until_a_recorded_date_changes_them(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    _report(sample_services, coordinator)
    tie = sample_services.store.list(Tie, case_id="c-fgc-jade")[0]
    ends = ON + timedelta(days=10)
    sample_services.store.apply(WriteBatch(puts=[Put(tie.model_copy(update={"until": ends}), tie.version)]))
    _report(sample_services, coordinator)
    for later, computed in ((ON + timedelta(days=3), 0), (ends, 0), (ends + timedelta(days=1), 1)):
        report, recomputed = _report(sample_services, coordinator, later)
        assert recomputed == computed, later
        assert report == _fresh(sample_services, coordinator, later)


def test_an_erased_case_leaves_the_report_and_the_store(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    admin = demo_actors["admin"]
    _report(sample_services, admin)
    turning_25 = sample_services.cases.get_case(admin, "c-turning-25")
    sample_services.privacy.erase(admin, turning_25.ego_id, with_own_cases=True)
    report, recomputed = _report(sample_services, admin)
    assert (report.cases, recomputed) == (SAMPLE_CASES - 1, 0) == (len(sample_services.store.list(Case)), 0)
    assert report == _fresh(sample_services, admin)
    assert "c-turning-25" not in sample_services.store.cohort_rows("full").rows


def test_a_member_removed_and_added_again_differently_is_recomputed(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    _report(sample_services, coordinator)
    membership = next(
        m
        for m in sample_services.store.list(Membership, case_id="c-discovery-kai")
        if m.status is not None and m.status is not DiscoveryStatus.WILLING
    )
    person = sample_services.store.get(Person, membership.person_id)
    assert person is not None
    sample_services.network.remove_member(coordinator, "c-discovery-kai", person.id, membership.version)
    again = membership.model_copy(update={"status": DiscoveryStatus.WILLING, "version": 0})
    sample_services.network.link_person(SYSTEM_ACTOR, "c-discovery-kai", person.id, again)
    assert sample_services.store.get(Membership, membership.id).version == membership.version == 1
    report, recomputed = _report(sample_services, coordinator)
    assert recomputed == 1
    assert report == _fresh(sample_services, coordinator)


def test_a_row_another_version_of_netmap_wrote_is_computed_again(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    first, _ = _report(sample_services, coordinator)
    kept = sample_services.store.cohort_rows("full")
    old = kept.rows["c-fgc-jade"].replace(FORMAT, "0:old", 1)
    assert old != kept.rows["c-fgc-jade"]
    sample_services.store.keep_cohort_rows([KeptRow("c-fgc-jade", "full", kept.gens["c-fgc-jade"], old)])
    assert _report(sample_services, coordinator) == (first, 1)


def test_netmap_cohort_keeps_rows_for_the_next_run(sample_services: Services) -> None:
    url = sample_services.store.url
    first = CliRunner().invoke(app, ["cohort", "--json", "--db", url, "--as", "coordinator"])
    assert first.exit_code == 0, first.output
    assert len(sample_services.store.cohort_rows("full").rows) == SAMPLE_CASES
    second = CliRunner().invoke(app, ["cohort", "--json", "--db", url, "--as", "coordinator"])
    assert second.stdout == first.stdout


def test_the_workers_option_is_gone() -> None:
    result = CliRunner().invoke(app, ["cohort", "--workers", "2"])
    assert result.exit_code != 0 and "--workers" in result.output
