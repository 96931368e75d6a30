"""A case written through the services has its evidence and the rows kept for it computed at once;
bulk paths compute nothing per case."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.bootstrap import Services, bootstrap
from netmap.graph.store import GraphStore, KeptRow
from netmap.models import Conference, MapPlace, Membership, Person, Sector, Snapshot, Tie
from netmap.services import kept_fresh
from netmap.services.access import Actor
from netmap.services.cohort_rows import FULL, compute_entry, read_entry, view_of
from netmap.services.evidence_rows import EVIDENCE, compute_evidence, read_evidence
from netmap.services.partnership_rows import partnership_view
from netmap.services.users import SYSTEM_ACTOR

CASE = "c-always-hope"  # held by the demo practitioner (a view of their own) and the young person Jordan


def _today(services: Services) -> date:
    return services.figures.clock().date()


def _assert_fresh(services: Services, case_id: str, viewers: list[Actor]) -> None:
    """The case's kept evidence and each viewer's kept row are valid today and equal a fresh computation."""
    store, on = services.store, _today(services)
    text = store.cohort_rows(EVIDENCE).rows.get(case_id)
    assert text is not None, "the case's evidence was left stale"
    kept = read_evidence(text, on)
    assert kept is not None
    fresh = compute_evidence(
        store.get_network(case_id),
        store.list(Snapshot, case_id=case_id),
        store.list(Conference, case_id=case_id),
        on,
    )
    assert kept.evidence == fresh.evidence
    for viewer in viewers:
        row = store.cohort_rows(view_of(viewer)).rows.get(case_id)
        assert row is not None, f"the row of {view_of(viewer)} was left stale"
        entry = read_entry(case_id, row, on)
        assert entry is not None
        expected = compute_entry(*services.cases.network_and_snapshots(viewer, case_id), on)
        assert (entry.row, entry.referral) == (expected.row, expected.referral)


def _computed_by_a_new_report(store: GraphStore, actor: Actor) -> tuple[int, int]:
    """Evidence and rows a report in new services (a new process) computed rather than read."""
    with bootstrap(store.url) as other:
        other.figures.report(actor)
        return other.figures.evidence_computed, other.metrics.rows_computed


def test_an_edit_through_the_services_leaves_its_case_fresh_for_every_view_kept(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator, practitioner = demo_actors["coordinator"], demo_actors["practitioner"]
    viewers = [coordinator, practitioner]
    for viewer in viewers:
        sample_services.metrics.cohort_report(viewer)
    sample_services.figures.report(coordinator)
    gen = sample_services.store.kept_views([CASE])[CASE].gen

    tie = sample_services.store.list(Tie, case_id=CASE)[0]
    sample_services.network.update_tie(coordinator, tie.model_copy(update={"strength": tie.strength % 3 + 1}))
    friend = Person(id="p-new-friend", name="Tamsin Roe")
    sample_services.network.add_member(
        practitioner, CASE, friend, Membership.make(CASE, friend.id, sector=Sector.FRIENDS)
    )

    kept = sample_services.store.kept_views([CASE])[CASE]
    assert kept.gen > gen
    assert kept.views == dict.fromkeys({EVIDENCE, FULL, *map(view_of, viewers)}, kept.gen)
    _assert_fresh(sample_services, CASE, viewers)
    assert _computed_by_a_new_report(sample_services.store, coordinator) == (0, 0)


def test_the_young_persons_own_edit_refreshes_their_case_too(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    jordan, coordinator = demo_actors["jordan"], demo_actors["coordinator"]
    sample_services.figures.report(coordinator)
    membership = next(
        m for m in sample_services.store.list(Membership, case_id=CASE) if m.person_id != jordan.person_id
    )
    place = MapPlace(sector=Sector.FRIENDS, ring=4)
    sample_services.network.update_membership(
        jordan, membership.model_copy(update={"young_person_place": place})
    )
    _assert_fresh(sample_services, CASE, [coordinator])


def test_a_view_whose_account_no_longer_holds_the_case_is_left_alone(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    practitioner, coordinator = demo_actors["practitioner"], demo_actors["coordinator"]
    store, view = sample_services.store, view_of(practitioner)
    sample_services.metrics.cohort_report(practitioner)
    sample_services.figures.report(coordinator)
    row = store.cohort_rows(view).rows[CASE]
    sample_services.users.revoke(SYSTEM_ACTOR, "practitioner", CASE)
    assert view not in store.kept_views([CASE])[CASE].views  # forgotten with the grant
    # a report that read the case before the grant went keeps its row after (kept_forget's race)
    store.keep_cohort_rows([KeptRow(CASE, view, store.kept_views([CASE])[CASE].gen, row)])
    tie = store.list(Tie, case_id=CASE)[0]
    sample_services.network.update_tie(coordinator, tie.model_copy(update={"strength": tie.strength % 3 + 1}))
    kept = store.kept_views([CASE])[CASE]
    assert kept.views[view] < kept.gen  # stale, not computed again: never shown to anyone
    assert kept.views[EVIDENCE] == kept.gen


def test_bulk_loading_computes_no_case(services: Services) -> None:
    services.data.load_samples(SYSTEM_ACTOR)
    cases = [c.id for c in services.cases.list_cases(SYSTEM_ACTOR)]
    kept = services.store.kept_views(cases)
    assert sorted(kept) == sorted(cases)
    assert all(not k.views for k in kept.values())
    assert services.figures.evidence_computed == services.metrics.rows_computed == 0


def test_a_case_no_report_has_read_computes_nothing_at_an_edit(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    """Building a map of hundreds of people edit by edit must not work out its measures at every edit
    for a report that may never run: the next report computes the case once."""
    coordinator = demo_actors["coordinator"]
    for n in range(3):
        friend = Person(id=f"p-friend-{n}", name=f"Friend {n}")
        sample_services.network.add_member(
            coordinator, CASE, friend, Membership.make(CASE, friend.id, sector=Sector.FRIENDS)
        )
    assert sample_services.store.kept_views([CASE])[CASE].views == {}
    assert _computed_by_a_new_report(sample_services.store, coordinator)[0] > 0


def test_a_write_to_no_case_record_computes_nothing(sample_services: Services) -> None:
    sample_services.users.grant(SYSTEM_ACTOR, "viewer", CASE)
    assert sample_services.store.kept_views([CASE])[CASE].views == {}


def test_the_partnerships_entries_are_left_for_the_local_services_page(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    sample_services.figures.report(coordinator)
    sample_services.directory.partnership(coordinator)
    view = partnership_view(coordinator)
    kept_at = sample_services.store.kept_views([CASE])[CASE].views[view]
    tie = sample_services.store.list(Tie, case_id=CASE)[0]
    sample_services.network.update_tie(coordinator, tie.model_copy(update={"strength": tie.strength % 3 + 1}))
    kept = sample_services.store.kept_views([CASE])[CASE]
    assert kept.views[view] == kept_at < kept.gen == kept.views[EVIDENCE]


def test_an_edit_stands_when_computing_its_kept_entries_fails(
    sample_services: Services,
    demo_actors: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The write is in before the refresh: an error there must not tell the person their edit failed
    (they would make it again); the case stays stale and the next report computes it."""
    coordinator = demo_actors["coordinator"]
    sample_services.figures.report(coordinator)

    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("a measure that cannot be worked out for Jordan Hale")

    monkeypatch.setattr(kept_fresh, "compute_evidence", broken)
    tie = sample_services.store.list(Tie, case_id=CASE)[0]
    changed = tie.model_copy(update={"strength": tie.strength % 3 + 1})
    written = sample_services.network.update_tie(coordinator, changed)
    assert written.strength == changed.strength == sample_services.store.get(Tie, tie.id).strength  # type: ignore[union-attr]
    kept = sample_services.store.kept_views([CASE])[CASE]
    assert kept.views[EVIDENCE] < kept.gen
    assert "ZeroDivisionError" in caplog.text and "Jordan" not in caplog.text
    monkeypatch.undo()
    assert _computed_by_a_new_report(sample_services.store, coordinator)[0] == 1
