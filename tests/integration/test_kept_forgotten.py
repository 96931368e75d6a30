"""When an account's access to a case ends, the store forgets what it kept for that account's view of
it: a grant removed, or the account erased. Read at rest with each server's own client, on SQLite,
FalkorDB and Neo4j; every other row stays byte for byte, and the next report is still right."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from netmap.bootstrap import Services, bootstrap
from netmap.graph import analytics
from netmap.graph.store import Put, WriteBatch
from netmap.models import Role
from netmap.services.access import Actor, visible_network
from netmap.services.cohort_rows import view_of
from netmap.services.partnership import Partnership, gather
from netmap.services.partnership_rows import compute_links, partnership_view
from netmap.services.users import SYSTEM_ACTOR
from tests.conftest import CHEAP_HASHER
from tests.integration.conftest import build_case, kept_at_rest, network_records

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
CASES = ("c-1", "c-2")
PASSWORD = "a long enough password"
# pat and pia each have a view of their own; amy sees whole cases, the view she shares is "full"
PAT, PIA, AMY = "pat", "pia", "amy"


@pytest.fixture
def services(store_url: str) -> Iterator[Services]:
    """Two cases apart, both granted to two practitioners and a coordinator; pat's account is the
    worker of c-1."""
    with bootstrap(store_url, clock=lambda: NOW, hasher=CHEAP_HASHER) as services:
        records = [record for case_id in CASES for record in network_records(build_case(case_id))]
        services.store.apply(WriteBatch(puts=[Put(record) for record in records]))
        users = services.users
        users.add_user(SYSTEM_ACTOR, PAT, Role.PRACTITIONER, PASSWORD, case_ids=CASES, person_id="c-1-pa")
        users.add_user(SYSTEM_ACTOR, PIA, Role.PRACTITIONER, PASSWORD, case_ids=CASES)
        users.add_user(SYSTEM_ACTOR, AMY, Role.COORDINATOR, PASSWORD, case_ids=CASES)
        yield services


def _views(username: str) -> set[str]:
    actor = Actor(username, Role.PRACTITIONER)
    return {view_of(actor), partnership_view(actor)}


def _read_by_everyone(services: Services) -> None:
    """Each account's reports, which keep their rows: the cohort report, the partnership, the figures."""
    for username in (PAT, PIA, AMY):
        actor = services.users.actor_for(username)
        services.metrics.cohort_report(actor)
        services.directory.partnership(actor)
    services.figures.report(services.users.actor_for(AMY))


def _fresh_report(services: Services, actor: Actor) -> analytics.CohortReport:
    """The report computed from the cases as the actor sees them now, nothing kept or read back."""
    cases = services.cases.list_cases(actor)
    on = NOW.date()
    rows = [
        analytics.report_row(analytics.cohort_row(network, as_of=on, snapshots=snapshots))
        for network, snapshots in (services.cases.network_and_snapshots(actor, c.id) for c in cases)
    ]
    return analytics.cohort_report(rows, cases)


def _fresh_partnership(services: Services, actor: Actor) -> Partnership:
    store, on = services.store, NOW.date()
    held = sorted(actor.case_ids)
    entries = [compute_links(visible_network(actor, store.get_network(case_id)), on) for case_id in held]
    return gather(entries, store.list_services(), on)


def test_revoking_a_grant_forgets_that_views_rows_of_that_case_and_nothing_else(
    services: Services, store_url: str
) -> None:
    _read_by_everyone(services)
    before = kept_at_rest(store_url)
    forgotten = {("c-1", view) for view in _views(PAT)}
    assert forgotten <= before.keys()
    trail = len(services.store.audit_log())
    services.users.revoke(SYSTEM_ACTOR, PAT, "c-1")
    # pat's rows of c-1 are gone from the store; pat's rows of c-2, pia's, the full view's and the
    # evidence stay as they were, byte for byte
    assert kept_at_rest(store_url) == {key: row for key, row in before.items() if key not in forgotten}
    # one audited write: the grant's removal, which the forgetting is part of
    [entry] = services.store.audit_log()[trail:]
    assert (entry.action, entry.entity_id, entry.outcome) == ("grant.remove", f"{PAT}|c-1", "ok")


def test_a_report_after_the_revoke_is_still_right_and_keeps_nothing_of_the_case(
    services: Services, store_url: str
) -> None:
    _read_by_everyone(services)
    services.users.revoke(SYSTEM_ACTOR, PAT, "c-1")
    pat = services.users.actor_for(PAT)
    assert pat.case_ids == {"c-2"}
    computed = services.metrics.rows_computed
    assert services.metrics.cohort_report(pat) == _fresh_report(services, pat)
    assert services.metrics.rows_computed == computed  # c-2's row, left alone, is read back
    assert services.directory.partnership(pat) == _fresh_partnership(services, pat)
    held = {key for key in kept_at_rest(store_url) if key[1] in _views(PAT)}
    assert held == {("c-2", view) for view in _views(PAT)}
    # given the case again, pat's report computes and keeps it afresh
    services.users.grant(SYSTEM_ACTOR, PAT, "c-1")
    pat = services.users.actor_for(PAT)
    assert services.metrics.cohort_report(pat) == _fresh_report(services, pat)
    assert ("c-1", view_of(pat)) in kept_at_rest(store_url)


def test_revoking_the_grant_of_someone_who_sees_whole_cases_forgets_nothing(
    services: Services, store_url: str
) -> None:
    """The full view's rows are everyone's who sees whole cases, and about nobody's account."""
    _read_by_everyone(services)
    before = kept_at_rest(store_url)
    services.users.revoke(SYSTEM_ACTOR, AMY, "c-1")
    assert kept_at_rest(store_url) == before


def test_erasing_the_person_an_account_names_forgets_that_accounts_rows_of_every_case(
    services: Services, store_url: str
) -> None:
    _read_by_everyone(services)
    before = kept_at_rest(store_url)
    services.privacy.erase(SYSTEM_ACTOR, "c-1-pa")
    # pat's account went with the person, and every row of its views (the views name the account)
    at_rest = kept_at_rest(store_url)
    assert at_rest == {key: row for key, row in before.items() if key[1] not in _views(PAT)}
    assert all(PAT not in view for _, view in at_rest)


def test_a_new_role_forgets_the_old_views_rows_of_every_case_in_one_audited_write(
    services: Services, store_url: str
) -> None:
    """pat the practitioner becomes a viewer: the rows kept for "practitioner:pat" are of a view pat
    no longer has, so they go."""
    _read_by_everyone(services)
    before = kept_at_rest(store_url)
    trail = len(services.store.audit_log())
    services.users.set_role(SYSTEM_ACTOR, PAT, Role.VIEWER)
    assert kept_at_rest(store_url) == {key: row for key, row in before.items() if key[1] not in _views(PAT)}
    [entry] = services.store.audit_log()[trail:]
    assert (entry.action, entry.entity_id) == ("user.role", PAT)
    assert (entry.before or {}).get("role") == "practitioner" and (entry.after or {}).get("role") == "viewer"
    pat = services.users.actor_for(PAT)
    assert (pat.role, pat.case_ids) == (Role.VIEWER, set(CASES))
    # made a practitioner again, pat's report is computed afresh and right
    services.users.set_role(SYSTEM_ACTOR, PAT, Role.PRACTITIONER)
    pat = services.users.actor_for(PAT)
    assert services.metrics.cohort_report(pat) == _fresh_report(services, pat)
