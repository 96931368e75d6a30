"""The one plan through the services on the sample store, for every role: who sees the plan, the young
person's "I disagree" shown to all of them, owners marking their own items, a relative's part, the young
person's own words, transitions, and referrals from custody by a peer mentor."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from netmap.bootstrap import Services, bootstrap
from netmap.cli.demo_users import ensure_demo_users
from netmap.errors import AccessDenied, NotFound
from netmap.models import (
    Case,
    Conference,
    Grant,
    OwnWords,
    PlanItem,
    PlanItemStatus,
    PlanResponse,
    PlanView,
    Role,
)
from netmap.planning.transitions import TransitionKind
from netmap.services.access import Actor
from netmap.services.intake import UNASSIGNED, Referral
from netmap.services.users import SYSTEM_ACTOR
from tests.conftest import CHEAP_HASHER, copy_samples
from tests.story_days import told

NOW = told(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))  # the samples' story day, as told
HOPE, PLAN = "c-always-hope", "f-ah-plan"
VICTIM_COURSE = "i-ah-14"  # Daniel's item, which Jordan disagrees with in the sample
BANK = "i-ah-07"  # Sarah's
GP = "i-ah-09"  # Nan's


@pytest.fixture
def world(tmp_path: Path, sample_store_file: Path) -> Iterator[tuple[Services, dict[str, Actor]]]:
    """The samples on their story day (24 November 2026 as written); the facilitator and the viewer also hold Jordan's case."""
    url = copy_samples(sample_store_file, f"sqlite:///{tmp_path / 'plan.db'}")
    with bootstrap(url, clock=lambda: NOW, hasher=CHEAP_HASHER) as services:
        ensure_demo_users(services, SYSTEM_ACTOR)
        for username in ("facilitator", "viewer"):
            services.users.grant(SYSTEM_ACTOR, username, HOPE)
        names = (
            "admin",
            "coordinator",
            "facilitator",
            "practitioner",
            "jordan",
            "viewer",
            "family",
            "peermentor",
        )
        yield services, {name: services.users.actor_for(name) for name in names}


def _conference(services: Services) -> Conference:
    found = services.store.get(Conference, PLAN)
    assert found is not None
    return found


def _item(services: Services, item_id: str) -> PlanItem:
    return next(i for i in _conference(services).plan if i.id == item_id)


# --------------------------------------------------------------------------- the plan, as each role sees it

READERS = ("admin", "coordinator", "facilitator", "practitioner", "jordan", "viewer")


@pytest.mark.parametrize("name", READERS)
def test_every_role_that_sees_the_plan_sees_the_young_person_s_disagreement(world, name: str) -> None:
    services, actors = world
    services.plans.respond(
        actors["jordan"],
        PLAN,
        BANK,
        PlanView(response=PlanResponse.DISAGREE, note="I'll open it with Nan, not in here."),
        _conference(services).version,
    )
    plan = services.plans.integrated_plan(actors[name], HOPE)
    disagreed = {e.item.id: e.item.young_person_view for e in plan.views(PlanResponse.DISAGREE)}
    assert set(disagreed) == {VICTIM_COURSE, BANK}
    assert disagreed[BANK] is not None and disagreed[BANK].note == "I'll open it with Nan, not in here."
    assert disagreed[BANK].on == NOW.date()


@pytest.mark.parametrize("name", ["family", "peermentor"])
def test_a_relative_and_a_peer_mentor_cannot_read_the_plan(world, name: str) -> None:
    services, actors = world
    with pytest.raises(AccessDenied):
        services.plans.integrated_plan(actors[name], HOPE)
    with pytest.raises(AccessDenied):
        services.conferences.get_conference(actors[name], PLAN)


def test_the_young_person_s_answer_is_stored_and_audited_and_only_they_give_it(world) -> None:
    services, actors = world
    version = _conference(services).version
    for name in ("coordinator", "facilitator", "practitioner", "viewer", "family", "peermentor"):
        with pytest.raises(AccessDenied):
            services.plans.respond(actors[name], PLAN, GP, PlanView(response=PlanResponse.AGREED), version)
    services.plans.respond(actors["jordan"], PLAN, GP, PlanView(response=PlanResponse.NOT_SURE), version)
    assert _item(services, GP).young_person_view == PlanView(response=PlanResponse.NOT_SURE, on=NOW.date())
    (event,) = [e for e in services.store.audit_log(entity_id=PLAN) if e.action == "plan.respond"]
    assert event.actor == "jordan"
    # an editor saving the conference, or adding an item, cannot put words in his mouth
    coordinator = actors["coordinator"]
    forged = _conference(services).model_copy(
        update={
            "plan": [
                i.model_copy(update={"young_person_view": PlanView(response=PlanResponse.AGREED)})
                for i in _conference(services).plan
            ]
        }
    )
    services.conferences.update_conference(coordinator, forged)
    assert _item(services, GP).young_person_view.response is PlanResponse.NOT_SURE
    assert _item(services, VICTIM_COURSE).young_person_view.response is PlanResponse.DISAGREE
    added = PlanItem(
        id="i-new",
        what="Go to the gym",
        owner_id="p-ah-jordan",
        young_person_view=PlanView(response=PlanResponse.AGREED),
    )
    services.conferences.add_plan_item(coordinator, PLAN, added, _conference(services).version)
    assert _item(services, "i-new").young_person_view is None


def test_a_hidden_owner_s_items_are_left_out_for_the_practitioner(world) -> None:
    services, actors = world
    item = PlanItem(
        id="i-reece", what="Football on Saturdays", owner_id="p-ah-reece", pathway="children_families"
    )
    services.conferences.add_plan_item(actors["coordinator"], PLAN, item, _conference(services).version)
    seen = {e.item.id for e in services.plans.integrated_plan(actors["practitioner"], HOPE).entries}
    assert "i-reece" not in seen and len(seen) == len(_conference(services).plan) - 1
    assert "i-reece" in {
        e.item.id for e in services.plans.integrated_plan(actors["coordinator"], HOPE).entries
    }


# --------------------------------------------------------------------------- owners mark their own items


def test_the_probation_officer_marks_his_own_overdue_item_done_and_no_one_else_s(world) -> None:
    services, actors = world
    daniel = actors["practitioner"]
    assert daniel.person_id == "p-ah-daniel"
    version = _conference(services).version
    changed = services.conferences.set_plan_item_status(
        daniel, PLAN, "i-ah-02", PlanItemStatus.DONE, version, notes="Nan's home passed the checks."
    )
    assert (changed.status, changed.notes) == (PlanItemStatus.DONE, "Nan's home passed the checks.")
    stored = _item(services, "i-ah-02")
    assert (stored.status, stored.pathway, stored.serves) == (
        PlanItemStatus.DONE,
        changed.pathway,
        changed.serves,
    )
    (event,) = [e for e in services.store.audit_log(entity_id=PLAN) if e.action == "plan.status"]
    assert event.actor == "practitioner"
    with pytest.raises(AccessDenied, match="only the plan items they own"):
        services.conferences.set_plan_item_status(
            daniel, PLAN, BANK, PlanItemStatus.DONE, _conference(services).version
        )
    with pytest.raises(AccessDenied):
        services.conferences.update_plan_item(
            daniel, PLAN, _item(services, "i-ah-02"), _conference(services).version
        )
    assert _item(services, BANK).status is PlanItemStatus.IN_PROGRESS


def test_jordan_marks_the_item_he_owns(world) -> None:
    services, actors = world
    services.conferences.set_plan_item_status(
        actors["jordan"], PLAN, "i-ah-13", PlanItemStatus.IN_PROGRESS, _conference(services).version
    )
    assert _item(services, "i-ah-13").status is PlanItemStatus.IN_PROGRESS
    with pytest.raises(AccessDenied):
        services.conferences.set_plan_item_status(
            actors["jordan"], PLAN, GP, PlanItemStatus.DONE, _conference(services).version
        )


def test_nan_sees_only_her_items_and_the_meeting_s_date_and_venue(world) -> None:
    services, actors = world
    nan = actors["family"]
    (part,) = services.plans.my_part(nan)
    assert (part.case_id, part.conference_on, part.venue) == (
        HOPE,
        told(date(2026, 10, 20)),
        _conference(services).venue,
    )
    assert {i.id for i in part.items} == {"i-ah-01", GP}
    text = part.model_dump_json(exclude={"venue"})
    network = services.store.get_network(HOPE)
    others = [p.name for p in network.people if p.id != "p-ah-maureen"]
    assert not [name for name in others if name in text], "nobody else is named"
    assert "Always Hope" not in text and "Eastfield" not in text
    services.conferences.set_plan_item_status(
        nan, PLAN, GP, PlanItemStatus.DONE, part.conference_version, notes="Done at the surgery"
    )
    assert _item(services, GP).status is PlanItemStatus.DONE
    with pytest.raises(AccessDenied):
        services.conferences.set_plan_item_status(
            nan, PLAN, BANK, PlanItemStatus.DONE, _conference(services).version
        )
    for read in (
        lambda: services.cases.list_cases(nan),
        lambda: services.cases.get_network(nan, HOPE),
        lambda: services.directory.who_does_what(nan, HOPE),
        lambda: services.plans.transitions(nan, HOPE),
    ):
        with pytest.raises(AccessDenied):
            read()


def test_the_viewer_owns_nothing_and_marks_nothing(world) -> None:
    services, actors = world
    with pytest.raises(AccessDenied):
        services.conferences.set_plan_item_status(actors["viewer"], PLAN, GP, PlanItemStatus.DONE, 1)
    with pytest.raises(AccessDenied):
        services.plans.my_part(actors["viewer"])


# --------------------------------------------------------------------------- the young person's own words


def test_own_words_reach_others_only_while_the_young_person_allows_it(world) -> None:
    services, actors = world
    jordan, coordinator = actors["jordan"], actors["coordinator"]
    case = services.cases.get_case(jordan, HOPE)
    private = OwnWords(hopes="To work outdoors", strengths="Patient with kids")  # private unless made public
    written = services.plans.set_own_words(jordan, HOPE, private, case.version)
    assert written.own_words.hopes == "To work outdoors" and written.own_words.written_on == NOW.date()
    for name in ("coordinator", "facilitator", "practitioner", "viewer"):
        assert not services.cases.get_case(actors[name], HOPE).own_words.written, name
    trail = json.dumps([e.model_dump(mode="json") for e in services.cases.history(coordinator, HOPE)])
    assert "To work outdoors" not in trail
    assert services.cases.get_case(jordan, HOPE).own_words.hopes == "To work outdoors"
    # a coordinator saving case details keeps his words as he wrote them
    details = services.cases.get_case(coordinator, HOPE).model_copy(update={"notes": "Checked"})
    services.cases.update_case(coordinator, details)
    assert services.store.get(Case, HOPE).own_words.hopes == "To work outdoors"
    public = private.model_copy()
    public.shared = True
    services.plans.set_own_words(jordan, HOPE, public, services.store.get(Case, HOPE).version)
    for name in ("coordinator", "facilitator", "practitioner", "viewer"):
        assert services.cases.get_case(actors[name], HOPE).own_words.hopes == "To work outdoors", name
    with pytest.raises(AccessDenied):
        services.plans.set_own_words(coordinator, HOPE, public, services.store.get(Case, HOPE).version)


# --------------------------------------------------------------------------- transitions


def test_transitions_name_only_whom_the_actor_may_see(world) -> None:
    services, actors = world
    for name, reece in (("coordinator", True), ("practitioner", False)):
        (release,) = [
            t for t in services.plans.transitions(actors[name], HOPE) if TransitionKind.RELEASE in t.kinds
        ]
        assert release.on == told(date(2026, 12, 15)) and release.days_left == 21 and release.warning == 30
        assert {w.name for w in release.ends} == {"Sarah Whitlock", "HMP Ashbourne Fields"}
        assert ("Reece Mallory" in {w.name for w in release.remains}) is reece
    everywhere = services.plans.transitions(actors["coordinator"])
    assert {(t.case_id, t.on) for t in everywhere} >= {
        ("c-turning-25", told(date(2026, 12, 9))),
        (HOPE, told(date(2026, 12, 15))),
    }
    assert {t.case_id for t in services.plans.transitions(actors["jordan"])} == {HOPE}


def test_case_details_are_stored_and_change_the_transitions(world) -> None:
    services, actors = world
    coordinator = actors["coordinator"]
    case = services.cases.get_case(coordinator, HOPE)
    changed = case.model_copy(update={"release_date": told(date(2027, 1, 12)), "keep_adviser_to_25": False})
    services.cases.update_case(coordinator, Case.model_validate(changed.model_dump()))
    stored = services.store.get(Case, HOPE)
    assert (stored.release_date, stored.keep_adviser_to_25) == (told(date(2027, 1, 12)), False)
    assert [e.action for e in services.store.audit_log(entity_id=HOPE)].count("case.update") == 1
    kinds = {t.on: t.kinds for t in services.plans.transitions(coordinator, HOPE)}
    assert (
        kinds.get(told(date(2027, 1, 12))) == [TransitionKind.RELEASE]
        and told(date(2026, 12, 15)) not in kinds
    )


# --------------------------------------------------------------------------- referrals from custody


def _referral(authority: str) -> Referral:
    return Referral.model_validate(
        {
            "name": "Ty Marsh",
            "local_authority": authority,
            "prison": "HMP Ashbourne Fields",
            "release_date": told(date(2027, 3, 1)),
            "consent_given": True,
            "care_history": {"from_year": 2012, "to_year": 2024, "former_relevant_child": "yes"},
        }
    )


def test_a_peer_mentor_refers_but_cannot_read_any_case(world) -> None:
    services, actors = world
    mentor = actors["peermentor"]
    receipt = services.intake.refer(mentor, _referral("Westbrook City Council"))
    assert receipt.case is None
    stored = services.store.get(Case, receipt.case_id)
    assert stored is not None and stored.referred_by == "peermentor"
    assert stored.care_history is not None and stored.care_history.from_year == 2012
    holders = {g.username for g in services.store.list(Grant) if g.case_id == receipt.case_id}
    assert "peermentor" not in holders
    fresh = services.users.actor_for("peermentor")
    assert fresh.case_ids == frozenset()
    for attempt in (
        lambda: services.cases.list_cases(fresh),
        lambda: services.cases.get_network(fresh, receipt.case_id),
        lambda: services.cases.get_network(fresh, HOPE),
        lambda: services.intake.worklist(fresh),
        lambda: services.plans.transitions(fresh),
        lambda: services.discovery.due_this_week(fresh),
    ):
        with pytest.raises(AccessDenied):
            attempt()


def test_a_referral_no_one_can_pick_up_alerts_the_admin_and_says_so(world) -> None:
    services, actors = world
    receipt = services.intake.refer(actors["peermentor"], _referral("Kelby Borough Council"))
    assert receipt.admin_alerted and receipt.picked_up_by == []
    assert "the netmap administrator has been told" in receipt.message
    assert "Kelby Borough Council" in receipt.message
    (alert,) = [e for e in services.store.audit_log(entity_id=receipt.case_id) if e.action == UNASSIGNED]
    assert alert.actor == "peermentor" and alert.after == {"local_authority": "Kelby Borough Council"}
    waiting = [c.id for c in services.intake.unassigned(actors["admin"])]
    assert receipt.case_id in waiting and "c-custody-referral" in waiting
    with pytest.raises(AccessDenied):
        services.intake.unassigned(actors["coordinator"])
    # once Kelby has a coordinator, the referral is theirs and the alert is gone
    services.users.add_user(
        SYSTEM_ACTOR,
        "kelby.coord",
        Role.COORDINATOR,
        "a-long-password-1",
        local_authority="Kelby Borough Council",
    )
    assert receipt.case_id not in {c.id for c in services.intake.unassigned(actors["admin"])}
    assert receipt.case_id in services.users.actor_for("kelby.coord").case_ids


def test_a_referral_to_an_authority_with_workers_names_them(world) -> None:
    services, actors = world
    services.users.add_user(
        SYSTEM_ACTOR,
        "north.coord",
        Role.COORDINATOR,
        "a-long-password-1",
        display_name="Sam North",
        local_authority="Northshire",
    )
    receipt = services.intake.refer(actors["practitioner"], _referral("Northshire"))
    assert not receipt.admin_alerted and receipt.picked_up_by == ["Sam North (coordinator)"]
    assert (
        receipt.message
        == "Sam North (coordinator) at Northshire will pick this referral up: it is on their worklist now."
    )
    assert receipt.case is not None and receipt.case.id == receipt.case_id, (
        "a practitioner may read what they referred"
    )
    assert not [e for e in services.store.audit_log(entity_id=receipt.case_id) if e.action == UNASSIGNED]


def test_the_referrer_cannot_reach_another_case_by_id(world) -> None:
    services, actors = world
    with pytest.raises((AccessDenied, NotFound)):
        services.plans.integrated_plan(actors["peermentor"], "c-custody-referral")
