"""A repeated cohort report reuses the rows of unchanged cases and recomputes the rest, per view."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from netmap.bootstrap import Services, bootstrap
from netmap.errors import AccessDenied
from netmap.graph import analytics
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.models import Case, DiscoveryStatus, Membership, Person, Sector
from netmap.services import cohort_workers
from netmap.services.access import Actor
from netmap.services.users import SYSTEM_ACTOR

ON = date(2026, 11, 24)
SAMPLE_CASES = 7  # data/samples: every one is granted to the demo coordinator


def _fresh(services: Services, actor: Actor, on: date = ON) -> analytics.CohortReport:
    """The same report from a second process's point of view: nothing kept."""
    with bootstrap(services.store.url) as other:
        return other.metrics.cohort_report(actor, as_of=on)


def _report(services: Services, actor: Actor, on: date = ON) -> tuple[analytics.CohortReport, int]:
    services.cohort_rows.hits = services.cohort_rows.misses = 0
    report = services.metrics.cohort_report(actor, as_of=on)
    return report, services.cohort_rows.misses


def test_a_repeated_report_recomputes_only_the_case_edited_since(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    first, computed = _report(sample_services, coordinator)
    assert computed == first.cases == SAMPLE_CASES
    assert _report(sample_services, coordinator) == (first, 0)

    friend = Person(id="p-new-friend", name="Tamsin Roe")
    sample_services.network.add_member(
        coordinator, "c-turning-25", friend, Membership.make("c-turning-25", friend.id, sector=Sector.FRIENDS)
    )
    again, recomputed = _report(sample_services, coordinator)
    assert recomputed == 1
    assert again == _fresh(sample_services, coordinator)
    assert again != first


def test_another_day_recomputes_every_case(sample_services: Services, demo_actors: dict[str, Actor]) -> None:
    coordinator = demo_actors["coordinator"]
    _report(sample_services, coordinator)
    later = ON + timedelta(days=400)
    report, recomputed = _report(sample_services, coordinator, later)
    assert recomputed == SAMPLE_CASES
    assert report == _fresh(sample_services, coordinator, later)


def test_a_practitioner_never_gets_rows_computed_with_people_hidden_from_them(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    # The young person hid one relative of c-always-hope from practitioners; the coordinator sees them.
    coordinator, practitioner = demo_actors["coordinator"], demo_actors["practitioner"]
    _report(sample_services, coordinator)
    theirs, computed = _report(sample_services, practitioner)
    assert computed == 1
    assert theirs == _fresh(sample_services, practitioner)
    stamp = sample_services.store.case_stamps()["c-always-hope"]
    coordinators_row = sample_services.cohort_rows.get("c-always-hope", "coordinator", stamp, ON)
    assert coordinators_row is not None
    assert analytics.cohort_report([coordinators_row]).distributions != theirs.distributions


def test_an_erased_case_leaves_the_report(sample_services: Services, demo_actors: dict[str, Actor]) -> None:
    admin = demo_actors["admin"]
    _report(sample_services, admin)
    turning_25 = sample_services.cases.get_case(admin, "c-turning-25")
    sample_services.privacy.erase(admin, turning_25.ego_id, with_own_cases=True)
    report, recomputed = _report(sample_services, admin)
    assert (report.cases, recomputed) == (SAMPLE_CASES - 1, 0) == (len(sample_services.store.list(Case)), 0)
    assert report == _fresh(sample_services, admin)


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


def test_rows_computed_by_worker_processes_equal_rows_computed_here(
    sample_services: Services, demo_actors: dict[str, Actor], monkeypatch
) -> None:
    # Two real spawned processes, each opening the same store; the threshold is lowered so the
    # seven sample cases are enough to share out.
    monkeypatch.setattr(cohort_workers, "MIN_CASES_PER_WORKER", 1)
    for username in ("coordinator", "practitioner"):
        actor = demo_actors[username]
        cases = [c.id for c in sample_services.cases.list_cases(actor)]
        here = cohort_workers.case_rows(sample_services.cases, actor, cases, ON)
        store = sample_services.store
        assert isinstance(store, EncryptedStore)
        shared = cohort_workers.rows_in_workers(store.url, store.keys, actor, cases, ON, workers=2)
        assert set(shared) == set(here) == set(cases)
        assert {k: _rounded(r.model_dump()) for k, r in shared.items()} == {
            k: _rounded(r.model_dump()) for k, r in here.items()
        }
    coordinator = demo_actors["coordinator"]
    sample_services.cohort_rows.clear()
    report = sample_services.metrics.cohort_report(coordinator, as_of=ON, workers=2)
    assert _rounded(report.model_dump()) == _rounded(_fresh(sample_services, coordinator).model_dump())


def _rounded(value: Any) -> Any:
    """``value`` with floats to 9 places: another process sums sets in another order (hash seed)."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def test_a_worker_refusing_a_case_raises_the_refusal_here(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    store = sample_services.store
    assert isinstance(store, EncryptedStore)
    practitioner = demo_actors["practitioner"]
    with pytest.raises(AccessDenied):
        cohort_workers.rows_in_workers(
            store.url, store.keys, practitioner, ["c-always-hope", "c-turning-25"], ON, workers=2
        )


@pytest.fixture(scope="module")
def service_of_600(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An encrypted SQLite store holding 600 generated cases: enough for two real workers."""
    from benchmarks.generate import generate_service
    from netmap.graph.store import Put, WriteBatch

    url = f"sqlite:///{tmp_path_factory.mktemp('cohort600') / 'netmap.db'}"
    with bootstrap(url) as services:
        for chunk in generate_service(600, seed=3, chunk_cases=300):
            services.store.apply(WriteBatch(puts=[Put(r, restore=True) for r in chunk.records]))
    return url


def test_the_cohort_command_shares_600_encrypted_cases_between_two_workers(
    service_of_600: str, caplog: pytest.LogCaptureFixture
) -> None:
    from typer.testing import CliRunner

    from netmap.cli import app

    assert cohort_workers.MIN_CASES_PER_WORKER * 2 <= 600
    shared = CliRunner().invoke(app, ["cohort", "--json", "--workers", "2", "--db", service_of_600])
    alone = CliRunner().invoke(app, ["cohort", "--json", "--workers", "1", "--db", service_of_600])
    assert shared.exit_code == alone.exit_code == 0, shared.output + alone.output
    assert "Cohort workers failed" not in caplog.text  # the rows really came from the workers
    assert json.loads(shared.stdout)["cases"] == 600
    assert _rounded(json.loads(shared.stdout)) == _rounded(json.loads(alone.stdout))


def test_workers_that_cannot_run_are_logged_and_the_rows_computed_here(
    service_of_600: str, demo_actors: dict[str, Actor], monkeypatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(cohort_workers.sys, "executable", "/bin/false")
    admin = Actor("admin", demo_actors["admin"].role)
    with bootstrap(service_of_600) as services:
        case_ids = [c.id for c in services.cases.list_cases(admin)][:500]
        rows = cohort_workers.case_rows(services.cases, admin, case_ids, ON, workers=2)
    assert set(rows) == set(case_ids)
    assert "Cohort workers failed (a cohort worker" in caplog.text  # it ended, or its pipe broke first
