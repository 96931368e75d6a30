"""Every service function, called by a young person: another case is refused, and no answer ever
carries a restricted detail (address, phone, e-mail, safeguarding notes, restriction details)."""

from __future__ import annotations

import inspect
import json
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from netmap.bootstrap import SERVICE_NAMES, Services, bootstrap
from netmap.cli.demo_users import ensure_demo_users
from netmap.errors import AccessDenied, NetmapError, NotFound
from netmap.graph.urls import MEMORY_URL
from netmap.models import (
    Certainty,
    Conference,
    ContactEvent,
    ContactMethod,
    Dataset,
    DiscoveryStatus,
    Invitee,
    Kin,
    KinType,
    Membership,
    OutcomeReading,
    OwnWords,
    Person,
    PersonKind,
    PlanItem,
    PlanItemStatus,
    PlanResponse,
    PlanView,
    Restriction,
    Role,
    Sector,
    Sharing,
    SnapshotEvent,
    Tie,
    redact,
    restricted_fields,
)
from netmap.planning.lead_finder import Lead
from netmap.planning.relatives import Relation
from netmap.services.access import Actor
from netmap.services.intake import Referral
from netmap.services.users import SYSTEM_ACTOR

OWN, OTHER = "c-always-hope", "c-fgc-jade"
Call = Callable[[Services, Actor, str], Any]


def _restricted_values(services: Services) -> set[str]:
    """Every restricted value held anywhere in the store, in plain text."""
    found: set[str] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                value = getattr(obj, name)
                if name in restricted_fields(type(obj)) and isinstance(value, str) and len(value) > 3:
                    found.add(value)
                walk(value)
        elif isinstance(obj, list | tuple):
            for item in obj:
                walk(item)

    walk(services.data.export_dataset(SYSTEM_ACTOR).records())
    return found


def _text(result: Any) -> str:
    if isinstance(result, bytes):
        return result.decode("latin-1")
    if isinstance(result, BaseModel):
        return result.model_dump_json()
    return json.dumps(
        result, default=lambda o: o.model_dump(mode="json") if isinstance(o, BaseModel) else str(o)
    )


def _tie(case_id: str, services: Services) -> Tie:
    ego = services.store.get_network(case_id).case.ego_id
    other = next(m.person_id for m in services.store.get_network(case_id).memberships if m.person_id != ego)
    return Tie(id=f"t-yp-{case_id}", case_id=case_id, from_id=ego, to_id=other, perspective="young_person")


def _member(case_id: str) -> tuple[Person, Membership]:
    pid = f"p-yp-new-{case_id}"
    return Person(id=pid, name="New Friend"), Membership.make(case_id, pid, sector=Sector.FRIENDS)


def _conference(s: Services, case_id: str) -> str:
    return s.store.list(Conference, case_id=case_id)[0].id


def _someone(s: Services, case_id: str) -> str:
    network = s.store.get_network(case_id)
    return next(m.person_id for m in network.memberships if m.person_id != network.case.ego_id)


# For each public service function: a call naming a case. Every one is tried on the other case
# (must be refused) and on the young person's own case (may be refused; must not leak).
CALLS: dict[str, Call] = {
    "cases.create_case": lambda s, a, c: s.cases.create_case(
        a, s.store.get_network(c).case.model_copy(update={"id": f"{c}-copy"}), Person(id="p-z", name="Z")
    ),
    "cases.cannot_hide": lambda s, a, c: s.cases.cannot_hide(a, c),
    "cases.family_tree": lambda s, a, c: s.cases.family_tree(a, c),
    "family.add_relative": lambda s, a, c: s.family.add_relative(
        a, c, s.store.get_network(c).case.ego_id, Relation.PARENT, KinType.BIRTH_PARENT
    ),
    "family.propose_from_lead": lambda s, a, c: s.family.propose_from_lead(
        a, c, _someone(s, c), "maternal aunt"
    ),
    "family.confirm_links": lambda s, a, c: s.family.confirm_links(
        a, c, s.family.propose_from_lead(SYSTEM_ACTOR, c, _someone(s, c), "cousin")
    ),
    "restrictions.record": lambda s, a, c: s.restrictions.record(
        a, c, _someone(s, c), Restriction(kind="do_not_contact")
    ),
    "restrictions.update": lambda s, a, c: s.restrictions.update(
        a, c, _someone(s, c), Restriction(kind="do_not_contact"), 1
    ),
    "restrictions.end": lambda s, a, c: s.restrictions.end(a, c, _someone(s, c), "r-none", 1),
    "restrictions.safety_panel": lambda s, a, c: s.restrictions.safety_panel(a, c),
    "cases.get_case": lambda s, a, c: s.cases.get_case(a, c),
    "cases.get_network": lambda s, a, c: s.cases.get_network(a, c),
    "cases.history": lambda s, a, c: s.cases.history(a, c),
    "cases.named_history": lambda s, a, c: s.cases.named_history(a, c),
    "cases.list_cases": lambda s, a, c: [x for x in s.cases.list_cases(a) if x.id == c] or _refused(c),
    "cases.list_snapshots": lambda s, a, c: s.cases.list_snapshots(a, c),
    "cases.network_and_snapshots": lambda s, a, c: s.cases.network_and_snapshots(a, c),
    "cases.set_sharing": lambda s, a, c: s.cases.set_sharing(
        a, c, Sharing(), s.store.get_network(c).case.version
    ),
    "cases.sharing_audience": lambda s, a, c: s.cases.sharing_audience(a, c),
    "cases.take_snapshot": lambda s, a, c: s.cases.take_snapshot(a, c, SnapshotEvent.OTHER),
    "cases.update_case": lambda s, a, c: s.cases.update_case(a, s.store.get_network(c).case),
    "network.add_kin": lambda s, a, c: s.network.add_kin(
        a,
        c,
        Kin(
            id=f"k-yp-{c}",
            from_id=s.store.get_network(c).case.ego_id,
            to_id=_someone(s, c),
            kind=KinType.SIBLING,
        ),
    ),
    "network.add_member": lambda s, a, c: s.network.add_member(a, c, *_member(c)),
    "network.add_tie": lambda s, a, c: s.network.add_tie(a, _tie(c, s)),
    "network.removed": lambda s, a, c: s.network.removed(a, c),
    "network.restore_removed": lambda s, a, c: s.network.restore_removed(a, c, _someone(s, c)),
    "conferences.record_attendance": lambda s, a, c: s.conferences.record_attendance(
        a, _conference(s, c), _someone(s, c), True, 1
    ),
    "network.link_person": lambda s, a, c: s.network.link_person(
        a,
        c,
        "p-svc-westbrook-leaving-care",
        Membership.make(c, "p-svc-westbrook-leaving-care", sector="services"),
    ),
    "network.remove_kin": lambda s, a, c: s.network.remove_kin(a, c, s.store.get_network(c).kin[0].id, 1),
    "network.remove_member": lambda s, a, c: s.network.remove_member(a, c, _someone(s, c), 1),
    "network.remove_tie": lambda s, a, c: s.network.remove_tie(a, c, s.store.get_network(c).ties[0].id, 1),
    "network.update_membership": lambda s, a, c: s.network.update_membership(
        a, s.store.get_network(c).membership(_someone(s, c))
    ),
    "network.update_person": lambda s, a, c: s.network.update_person(
        a, c, redact(s.store.get_network(c).person(_someone(s, c)))
    ),
    "network.update_member": lambda s, a, c: s.network.update_member(
        a,
        c,
        redact(s.store.get_network(c).person(_someone(s, c))),
        s.store.get_network(c).membership(_someone(s, c)),
    ),
    "network.update_tie": lambda s, a, c: s.network.update_tie(a, s.store.get_network(c).ties[0]),
    "users.actor_for": lambda s, a, c: _refused(c) if c == OTHER else s.users.actor_for(a.username),
    "users.add_user": lambda s, a, c: s.users.add_user(
        a, "intruder", a.role, "a-long-password", case_ids=(c,)
    ),
    "users.authenticate_identity": lambda s, a, c: (
        _refused(c) if c == OTHER else s.users.authenticate_identity(a.username, "oidc", verified=True)
    ),
    "users.authenticate": lambda s, a, c: (
        _refused(c) if c == OTHER else s.users.authenticate("jordan", "jordan-demo-2026")
    ),
    "users.grant": lambda s, a, c: s.users.grant(a, a.username, c),
    "users.list_users": lambda s, a, c: s.users.list_users(a),
    "users.revoke": lambda s, a, c: s.users.revoke(a, a.username, c),
    "users.set_password": lambda s, a, c: s.users.set_password(a, a.username, "another-long-password"),
    "users.set_active": lambda s, a, c: s.users.set_active(a, "practitioner", False),
    "users.set_role": lambda s, a, c: s.users.set_role(a, "practitioner", Role.VIEWER),
    "data.export_dataset": lambda s, a, c: s.data.export_dataset(a, c),
    "data.export_json": lambda s, a, c: "".join(s.data.export_json(a, c)),
    "data.export_network": lambda s, a, c: s.data.export_network(a, c),
    "data.import_dataset": lambda s, a, c: s.data.import_dataset(a, Dataset(), dry_run=True),
    "data.load_samples": lambda s, a, c: s.data.load_samples(a),
    "privacy.erase": lambda s, a, c: s.privacy.erase(a, _someone(s, c)),
    "privacy.subject_access": lambda s, a, c: s.privacy.subject_access(a, _someone(s, c)),
    "discovery.accept_lead": lambda s, a, c: s.discovery.accept_lead(a, c, _lead()),
    "discovery.complete_reminder": lambda s, a, c: s.discovery.complete_reminder(
        a, c, s.store.list(ContactEvent, case_id=c)[0].id, 1
    ),
    "discovery.due_this_week": lambda s, a, c: (
        [d for d in s.discovery.due_this_week(a) if d.case_id == c] or _refused(c)
    ),
    "discovery.find_leads": lambda s, a, c: s.discovery.find_leads(a, c, "His nan Pat Example rang."),
    "discovery.funnel": lambda s, a, c: s.discovery.funnel(a, c),
    "discovery.list_contacts": lambda s, a, c: s.discovery.list_contacts(a, c),
    "discovery.log_contact": lambda s, a, c: s.discovery.log_contact(
        a,
        ContactEvent(
            id=f"e-yp-{c}",
            case_id=c,
            person_id=_someone(s, c),
            on=date(2026, 11, 1),
            method=ContactMethod.NOTE,
        ),
    ),
    "discovery.set_status": lambda s, a, c: s.discovery.set_status(
        a, c, _someone(s, c), DiscoveryStatus.LOCATED, 1
    ),
    "conferences.add_plan_item": lambda s, a, c: s.conferences.add_plan_item(
        a, _conference(s, c), PlanItem(what="Call weekly", owner_id=_someone(s, c)), 1
    ),
    "conferences.create_conference": lambda s, a, c: s.conferences.create_conference(
        a, Conference(id=f"f-yp-{c}", case_id=c)
    ),
    "conferences.get_conference": lambda s, a, c: s.conferences.get_conference(a, _conference(s, c)),
    "conferences.invite": lambda s, a, c: s.conferences.invite(
        a, _conference(s, c), Invitee(person_id=_someone(s, c)), 1
    ),
    "conferences.list_conferences": lambda s, a, c: s.conferences.list_conferences(a, c),
    "conferences.pack": lambda s, a, c: s.conferences.pack(a, c),
    "conferences.review": lambda s, a, c: s.conferences.review(a, _conference(s, c)),
    "conferences.set_plan_item_status": lambda s, a, c: s.conferences.set_plan_item_status(
        a, _conference(s, c), s.store.list(Conference, case_id=c)[0].plan[0].id, PlanItemStatus.DONE, 1
    ),
    "conferences.update_conference": lambda s, a, c: s.conferences.update_conference(
        a, s.store.list(Conference, case_id=c)[0]
    ),
    "conferences.update_plan_item": lambda s, a, c: s.conferences.update_plan_item(
        a, _conference(s, c), s.store.list(Conference, case_id=c)[0].plan[0], 1
    ),
    "plans.integrated_plan": lambda s, a, c: s.plans.integrated_plan(a, c),
    "plans.my_part": lambda s, a, c: [p for p in s.plans.my_part(a) if p.case_id == c] or _refused(c),
    "plans.respond": lambda s, a, c: s.plans.respond(
        a,
        _conference(s, c),
        s.store.list(Conference, case_id=c)[0].plan[0].id,
        PlanView(response=PlanResponse.DISAGREE, note="Not this"),
        s.store.list(Conference, case_id=c)[0].version,
    ),
    "plans.set_own_words": lambda s, a, c: s.plans.set_own_words(
        a, c, OwnWords(hopes="A home"), s.store.get_network(c).case.version
    ),
    "plans.transitions": lambda s, a, c: s.plans.transitions(a, c, today=date(2026, 11, 24), days=366),
    "intake.unassigned": lambda s, a, c: [x for x in s.intake.unassigned(a) if x.id == c] or _refused(c),
    "intake.identified_counts": lambda s, a, c: s.intake.identified_counts(a),
    "intake.refer": lambda s, a, c: s.intake.refer(
        a, Referral(name="Sam New", consent_given=True, local_authority="Westbrook City Council")
    ),
    "intake.worklist": lambda s, a, c: [x for x in s.intake.worklist(a) if x.id == c] or _refused(c),
    "directory.link_service": lambda s, a, c: s.directory.link_service(
        a,
        c,
        next(
            p.id
            for p in s.store.list(Person)
            if p.kind is PersonKind.SERVICE
            and p.id not in {m.person_id for m in s.store.get_network(c).memberships}
        ),
    ),
    "directory.list_services": lambda s, a, c: _refused(c) if c == OTHER else s.directory.list_services(a),
    "directory.partnership": lambda s, a, c: s.directory.partnership(a),
    "directory.save_service": lambda s, a, c: s.directory.save_service(
        a, Person(id="p-svc-yp", name="A Service", kind=PersonKind.SERVICE)
    ),
    "directory.who_does_what": lambda s, a, c: s.directory.who_does_what(a, c),
    "directory.services_for": lambda s, a, c: s.directory.services_for(a, c),
    "directory.import_services": lambda s, a, c: s.directory.import_services(
        a, b"name,area\nA Service,Westbrook\n", "services.csv", dry_run=True
    ),
    "metrics.case_metrics": lambda s, a, c: s.metrics.case_metrics(a, c),
    "files.import_file": lambda s, a, c: s.files.import_file(
        a, "csv", _case_csv(s, c), case_id=c, dry_run=True
    ),
    "files.export_files": lambda s, a, c: _exported(s, a, c),
    "metrics.cohort_report": lambda s, a, c: s.metrics.cohort_report(a),
    "outcomes.list_outcomes": lambda s, a, c: s.outcomes.list_outcomes(a, c),
    "outcomes.record_outcome": lambda s, a, c: s.outcomes.record_outcome(
        a, c, OutcomeReading(on=date(2026, 11, 1), network_rating=6), s.store.get_network(c).case.version
    ),
    "outcomes.remove_outcome": lambda s, a, c: s.outcomes.remove_outcome(
        a, c, _own_reading(s, a, c), s.store.get_network(c).case.version
    ),
    "figures.report": lambda s, a, c: s.figures.report(a),
    "figures.export": lambda s, a, c: s.figures.export(a, fmt="csv"),
    "figures.last_change": lambda s, a, c: s.figures.last_change(a),
}


def _own_reading(services: Services, actor: Actor, case_id: str) -> str:
    """A reading the young person recorded in ``case_id`` (recording one first in their own case)."""
    if case_id == OWN:
        version = services.store.get_network(case_id).case.version
        reading = OutcomeReading(on=date(2026, 11, 2), call_at_2am=2)
        services.outcomes.record_outcome(actor, case_id, reading, version)
        return reading.id
    return "o-not-theirs"


def _case_csv(services: Services, case_id: str) -> Path:
    """A one-row CSV naming a new friend, to import into ``case_id``."""
    path = Path(tempfile.mkdtemp()) / "friend.csv"
    path.write_text("name,sector\nNew Friend From A File,friends\n", encoding="utf-8")
    return path


def _exported(services: Services, actor: Actor, case_id: str) -> str:
    """Every file a CSV export of ``case_id`` writes, as one text."""
    folder = Path(tempfile.mkdtemp())
    paths = services.files.export_files(actor, "csv", case_id, folder)
    return "".join(p.read_text(encoding="utf-8") for p in paths)


def _lead() -> Lead:
    return Lead(
        name="Pat Example",
        term="nan",
        relation="grandparent",
        sector=Sector.FAMILY,
        confidence=Certainty.PROBABLE,
        excerpt="His nan Pat Example rang.",
        start=4,
        end=20,
    )


def _refused(case_id: str) -> Any:
    raise AccessDenied(f"not shown: {case_id}")


def _public_functions() -> set[str]:
    names: set[str] = set()
    with bootstrap(MEMORY_URL) as services:
        for name in SERVICE_NAMES:
            names |= {
                f"{name}.{n}"
                for n, _ in inspect.getmembers(type(getattr(services, name)), inspect.isfunction)
                if not n.startswith("_")
            }
    return names


def test_every_service_function_is_tried() -> None:
    assert set(CALLS) == _public_functions()


@pytest.fixture(scope="module")
def world(module_store_url: str) -> Iterator[tuple[Services, Actor]]:
    """One store with the samples and demo accounts for the whole module: every call below is
    refused or touches only the young person's own case."""
    with bootstrap(module_store_url) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        ensure_demo_users(services, SYSTEM_ACTOR)
        yield services, services.users.actor_for("jordan")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_another_case_is_refused(world: tuple[Services, Actor], name: str) -> None:
    services, jordan = world
    with pytest.raises((AccessDenied, NotFound)):
        CALLS[name](services, jordan, OTHER)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_own_case_answers_carry_no_restricted_detail(world: tuple[Services, Actor], name: str) -> None:
    services, jordan = world
    secrets = _restricted_values(services)
    assert secrets, "the samples must hold restricted details for this test to mean anything"
    try:
        result = CALLS[name](services, jordan, OWN)
    except (AccessDenied, NotFound):
        return
    except NetmapError:
        return  # refused for another reason (a rule of the use case): nothing was answered
    text = _text(result)
    leaked = sorted(s for s in secrets if s in text)
    assert not leaked, f"{name} returned restricted details: {leaked[:3]}"
