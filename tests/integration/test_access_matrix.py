"""Every cell of docs/access.md tried through the services on a real store."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from netmap.bootstrap import Services, bootstrap
from netmap.errors import AccessDenied
from netmap.models import (
    Case,
    Conference,
    DiscoveryStatus,
    Membership,
    OutcomeReading,
    Person,
    PlanItem,
    PlanItemStatus,
    PlanResponse,
    PlanView,
    Role,
    Sector,
    Sharing,
)
from netmap.services.access import MATRIX, Action, Actor
from netmap.services.users import SYSTEM_ACTOR

DOC = Path(__file__).resolve().parents[2] / "docs" / "access.md"
_serial = itertools.count()


def _fresh(prefix: str) -> str:
    return f"{prefix}-{next(_serial)}"


@pytest.fixture(scope="module")
def world(module_store_url: str) -> Iterator[tuple[Services, dict[Role, Actor]]]:
    """One case with a restricted member, and one account per role granted it."""
    with bootstrap(module_store_url) as services:
        ego = Person(id="p-ego", name="Robin Example")
        services.cases.create_case(SYSTEM_ACTOR, Case(id="c-1", title="Robin", ego_id="p-ego"), ego)
        aunt = Person(id="p-aunt", name="Alex Example", address="1 Hidden Lane")
        services.network.add_member(
            SYSTEM_ACTOR, "c-1", aunt, Membership.make("c-1", "p-aunt", sector=Sector.FAMILY)
        )
        actors = {}
        for role in Role:
            # Every account is someone in the map, so each owns a plan item (see _plan_own).
            person = "p-ego" if role is Role.YOUNG_PERSON else f"p-{role.value}"
            if role is not Role.YOUNG_PERSON:
                services.network.add_member(
                    SYSTEM_ACTOR,
                    "c-1",
                    Person(id=person, name=f"A {role.value}"),
                    Membership.make("c-1", person, sector=Sector.PROFESSIONALS),
                )
            services.users.add_user(
                SYSTEM_ACTOR, f"u-{role.value}", role, "a-long-password", case_ids=("c-1",), person_id=person
            )
            actors[role] = services.users.actor_for(f"u-{role.value}")
        plan = [
            PlanItem(id=f"i-{a.person_id}", what="Call weekly", owner_id=a.person_id) for a in actors.values()
        ]
        services.conferences.create_conference(
            SYSTEM_ACTOR, Conference(id="f-plan", case_id="c-1", plan=plan)
        )
        yield services, actors


def _denied(attempt: Callable[[], object]) -> bool:
    try:
        attempt()
    except AccessDenied:
        return True
    return False


def _case_list(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.cases.list_cases(a))


def _case_read(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.cases.get_network(a, "c-1"))


def _case_create(s: Services, a: Actor) -> bool:
    pid = _fresh("p-new")
    return not _denied(
        lambda: s.cases.create_case(
            a, Case(id=_fresh("c-new"), title="New", ego_id=pid), Person(id=pid, name="New Person")
        )
    )


def _case_refer(s: Services, a: Actor) -> bool:
    from netmap.services.intake import Referral

    referral = Referral(name=_fresh("Referred"), local_authority="Northshire", consent_given=True)
    return not _denied(lambda: s.intake.refer(a, referral))


def _case_edit(s: Services, a: Actor) -> bool:
    case = s.cases.get_case(SYSTEM_ACTOR, "c-1")
    return not _denied(lambda: s.cases.update_case(a, case.model_copy(update={"notes": _fresh("note")})))


def _network_edit(s: Services, a: Actor) -> bool:
    pid = _fresh("p-friend")
    member = Membership.make("c-1", pid, sector=Sector.FRIENDS)
    return not _denied(lambda: s.network.add_member(a, "c-1", Person(id=pid, name="A Friend"), member))


def _restricted_read(s: Services, a: Actor) -> bool:
    try:
        return s.cases.get_network(a, "c-1").person("p-aunt").address != ""
    except AccessDenied:
        return False


def _restricted_edit(s: Services, a: Actor) -> bool:
    phone = _fresh("0770")
    try:
        current = s.cases.get_network(a, "c-1").person("p-aunt")
        s.network.update_person(a, "c-1", current.model_copy(update={"phone": phone}))
    except AccessDenied:
        return False
    return s.cases.get_network(SYSTEM_ACTOR, "c-1").person("p-aunt").phone == phone


def _sharing_edit(s: Services, a: Actor) -> bool:
    version = s.cases.get_case(SYSTEM_ACTOR, "c-1").version
    return not _denied(lambda: s.cases.set_sharing(a, "c-1", Sharing(), version))


def _audit_read(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.cases.history(a, "c-1"))


def _export_case(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.data.export_dataset(a, "c-1"))


def _export_all(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.data.export_dataset(a))


def _import(s: Services, a: Actor) -> bool:
    from netmap.models import Dataset

    return not _denied(lambda: s.data.import_dataset(a, Dataset(), dry_run=True))


def _users_manage(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.users.list_users(a))


def _discovery_edit(s: Services, a: Actor) -> bool:
    pid = _fresh("p-lead")
    s.network.add_member(
        SYSTEM_ACTOR,
        "c-1",
        Person(id=pid, name="A Lead"),
        Membership.make("c-1", pid, sector=Sector.FAMILY, status=DiscoveryStatus.IDENTIFIED),
    )
    return not _denied(lambda: s.discovery.set_status(a, "c-1", pid, DiscoveryStatus.LOCATED, 1))


def _conference_read(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.conferences.list_conferences(a, "c-1"))


def _conference_edit(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.conferences.create_conference(a, Conference(id=_fresh("f"), case_id="c-1")))


def _metrics_read(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.metrics.case_metrics(a, "c-1"))


def _cohort_read(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.metrics.cohort_report(a))


def _person_erase(s: Services, a: Actor) -> bool:
    pid = _fresh("p-gone")
    s.network.add_member(
        SYSTEM_ACTOR,
        "c-1",
        Person(id=pid, name="To Erase"),
        Membership.make("c-1", pid, sector=Sector.FRIENDS),
    )
    return not _denied(lambda: s.privacy.erase(a, pid))


def _cohort_figures(s: Services, a: Actor) -> bool:
    allowed = not _denied(lambda: s.figures.report(a))
    assert allowed == (not _denied(lambda: s.figures.last_change(a))), "last_change follows the report"
    return allowed


def _outcomes_read(s: Services, a: Actor) -> bool:
    return not _denied(lambda: s.outcomes.list_outcomes(a, "c-1"))


def _outcomes_edit(s: Services, a: Actor) -> bool:
    version = s.cases.get_case(SYSTEM_ACTOR, "c-1").version
    reading = OutcomeReading(on=date(2026, 1, 5), network_rating=7)
    return not _denied(lambda: s.outcomes.record_outcome(a, "c-1", reading, version))


def _directory_edit(s: Services, a: Actor) -> bool:
    service = Person(id=_fresh("p-svc"), name="Westbrook Youth Hub", kind="service")
    return not _denied(lambda: s.directory.save_service(a, service))


def _plan_own(s: Services, a: Actor) -> bool:
    """Mark the item the actor's own person owns (an item of someone else's is refused to owners)."""
    version = s.conferences.get_conference(SYSTEM_ACTOR, "f-plan").version
    return not _denied(
        lambda: s.conferences.set_plan_item_status(
            a, "f-plan", f"i-{a.person_id}", PlanItemStatus.DONE, version
        )
    )


def _plan_respond(s: Services, a: Actor) -> bool:
    version = s.conferences.get_conference(SYSTEM_ACTOR, "f-plan").version
    view = PlanView(response=PlanResponse.DISAGREE, note=_fresh("not for me"))
    return not _denied(lambda: s.plans.respond(a, "f-plan", "i-p-ego", view, version))


def _page(module: str) -> Callable[[Services, Actor], bool]:
    """A page-level action: whether the page is in the actor's navigation (views/pages derives it)."""
    from netmap.views.pages import PAGES, visible

    spec = next(p for p in PAGES if p.module == f"netmap.views.pages.{module}")
    return lambda s, a: visible(spec, a)


ATTEMPTS: dict[Action, Callable[[Services, Actor], bool]] = {
    Action.CASE_LIST: _case_list,
    Action.CASE_READ: _case_read,
    Action.CASE_CREATE: _case_create,
    Action.CASE_REFER: _case_refer,
    Action.CASE_EDIT: _case_edit,
    Action.NETWORK_EDIT: _network_edit,
    Action.RESTRICTED_READ: _restricted_read,
    Action.RESTRICTED_EDIT: _restricted_edit,
    Action.SHARING_EDIT: _sharing_edit,
    Action.AUDIT_READ: _audit_read,
    Action.EXPORT_CASE: _export_case,
    Action.EXPORT_ALL: _export_all,
    Action.IMPORT: _import,
    Action.USERS_MANAGE: _users_manage,
    Action.DISCOVERY_EDIT: _discovery_edit,
    Action.CONFERENCE_READ: _conference_read,
    Action.CONFERENCE_EDIT: _conference_edit,
    Action.METRICS_READ: _metrics_read,
    Action.COHORT_READ: _cohort_read,
    Action.PERSON_ERASE: _person_erase,
    Action.DIRECTORY_EDIT: _directory_edit,
    Action.COHORT_FIGURES: _cohort_figures,
    Action.OUTCOMES_READ: _outcomes_read,
    Action.OUTCOMES_EDIT: _outcomes_edit,
    Action.PLAN_OWN: _plan_own,
    Action.PLAN_RESPOND: _plan_respond,
    Action.CASEWORK: _page("cases_page"),
    Action.OWN_MAP: _page("my_map_page"),
    Action.PLAN_PART: _page("my_part_page"),
}


@pytest.mark.parametrize("action", list(ATTEMPTS), ids=str)
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_cell(world: tuple[Services, dict[Role, Actor]], role: Role, action: Action) -> None:
    services, actors = world
    assert ATTEMPTS[action](services, actors[role]) is (action in MATRIX[role])


def test_every_action_is_tried() -> None:
    assert set(ATTEMPTS) == set(Action)


def test_the_documented_matrix_is_the_one_enforced() -> None:
    """Each table of docs/access.md names its roles in its header; every (action, role) pair is in
    exactly one table, as enforced."""
    documented: dict[tuple[Action, Role], bool] = {}
    roles: list[Role] = []
    for line in DOC.read_text().splitlines():
        if header := re.fullmatch(r"\| action \| what it allows \|(.+)\|", line):
            roles = [Role(r.strip()) for r in header.group(1).split("|")]
        elif row := re.fullmatch(r"\| `([a-z_.]+)` \| [^|]+ \|(.+)\|", line):
            for role, cell in zip(roles, row.group(2).split("|"), strict=True):
                key = (Action(row.group(1)), role)
                assert key not in documented, f"{key} is documented twice"
                documented[key] = cell.strip() == "yes"
    enforced = {(action, role): action in MATRIX[role] for action in Action for role in Role}
    assert documented == enforced


def test_a_case_without_a_grant_is_refused(world: tuple[Services, dict[Role, Actor]]) -> None:
    services, _ = world
    stranger = Actor("stranger", Role.COORDINATOR, frozenset({"c-other"}))
    with pytest.raises(AccessDenied):
        services.cases.get_network(stranger, "c-1")
    assert services.cases.list_cases(stranger) == []
