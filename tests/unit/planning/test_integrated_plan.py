"""One plan per young adult: every conference's items together, by pathway, reviewed per agency and
per pathway, with the release checklist; and the role library."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.models import (
    Case,
    Conference,
    Membership,
    Network,
    Person,
    PersonKind,
    PlanItem,
    PlanResponse,
    ReleaseCheck,
)
from netmap.planning.integrated_plan import FAMILY_AND_FRIENDS, YOUNG_PERSON, integrated_plan
from netmap.planning.role_library import ROLE_LIBRARY, role_card

TODAY = date(2026, 11, 24)


@pytest.fixture
def network() -> Network:
    people = [
        Person(id="p-jo", name="Jo Lane"),
        Person(id="p-nan", name="Nan Lane"),
        Person(id="p-po", name="Dan Oke", agency="Kelby Probation"),
        Person(id="p-pa", name="Pri Nand", agency="Kelby Leaving Care"),
        Person(id="p-hmp", name="HMP Kelby", kind=PersonKind.SERVICE),
    ]
    members = [
        Membership.make("c-1", "p-jo", sector="family", ring=1),
        Membership.make("c-1", "p-nan", sector="family"),
        Membership.make("c-1", "p-po", sector="professionals", role_label="Probation officer"),
        Membership.make("c-1", "p-pa", sector="professionals", role_label="Personal adviser"),
        Membership.make("c-1", "p-hmp", sector="services"),
    ]
    case = Case(id="c-1", title="Jo", ego_id="p-jo", release_date=date(2026, 12, 15))
    return Network(case=case, people=people, memberships=members)


def _item(item_id: str, owner: str, **fields: object) -> PlanItem:
    return PlanItem.model_validate({"id": item_id, "what": f"Item {item_id}", "owner_id": owner, **fields})


@pytest.fixture
def conferences() -> list[Conference]:
    fgc = Conference(
        id="f-fgc",
        case_id="c-1",
        conference_on=date(2026, 9, 1),
        plan=[
            _item("i-1", "p-nan", pathway="children_families", serves=["family_plan"], status="done"),
            _item("i-2", "p-nan", release_check="travel_from_gate", by_when=date(2026, 12, 15)),
        ],
    )
    always_hope = Conference(
        id="f-ah",
        case_id="c-1",
        conference_on=date(2026, 10, 20),
        plan=[
            _item(
                "i-3",
                "p-po",
                release_check="release_night_accommodation",
                by_when=date(2026, 11, 20),
                status="in_progress",
            ),
            _item(
                "i-4",
                "p-pa",
                pathway="finance",
                young_person_view={"response": "disagree", "note": "No advance"},
            ),
            _item("i-5", "p-hmp", release_check="id", status="done"),
            _item(
                "i-6",
                "p-jo",
                pathway="staying_safe",
                status="not_done",
                young_person_view={"response": "not_sure"},
            ),
            _item("i-7", "p-po"),
        ],
    )
    return [always_hope, fgc]


def test_the_family_plan_and_the_agencies_items_make_one_plan(network, conferences) -> None:
    plan = integrated_plan(network, conferences, today=TODAY)
    assert {e.conference_id for e in plan.entries} == {"f-fgc", "f-ah"}
    assert len(plan.entries) == 7
    groups = plan.pathway_groups()
    assert [p.value if p else None for p, _ in groups] == [
        "accommodation",
        "finance",
        "children_families",
        "id_documents",
        "staying_safe",
        None,
    ], "in the pathways' order, items without one last"
    accommodation = dict(groups)[groups[0][0]]
    assert {e.item.id for e in accommodation} == {"i-2", "i-3"}


def test_promised_against_delivered_per_agency_and_per_pathway(network, conferences) -> None:
    plan = integrated_plan(network, conferences, today=TODAY)
    by_agency = {
        t.label: (t.promised, t.delivered, t.in_progress, t.not_done, t.overdue) for t in plan.by_agency
    }
    assert by_agency == {
        FAMILY_AND_FRIENDS: (2, 1, 0, 0, 0),
        "Kelby Probation": (2, 0, 1, 0, 1),
        "Kelby Leaving Care": (1, 0, 0, 0, 0),
        "HMP Kelby": (1, 1, 0, 0, 0),
        YOUNG_PERSON: (1, 0, 0, 1, 0),
    }
    by_pathway = {t.pathway.value: t.promised for t in plan.by_pathway if t.pathway}
    assert by_pathway == {
        "accommodation": 2,
        "finance": 1,
        "id_documents": 1,
        "children_families": 1,
        "staying_safe": 1,
    }


def test_the_release_checklist_and_countdown(network, conferences) -> None:
    plan = integrated_plan(network, conferences, today=TODAY)
    lines = {line.check: line for line in plan.checklist}
    assert list(ReleaseCheck) == list(lines)
    assert lines[ReleaseCheck.ID].done and lines[ReleaseCheck.ID].owned
    assert (
        lines[ReleaseCheck.RELEASE_NIGHT_ACCOMMODATION].owned
        and not lines[ReleaseCheck.RELEASE_NIGHT_ACCOMMODATION].done
    )
    assert not lines[ReleaseCheck.PHONE].owned
    assert (plan.release_on, plan.days_to_release) == (date(2026, 12, 15), 21)
    assert integrated_plan(network, conferences, today=date(2026, 12, 16)).days_to_release is None


def test_the_young_person_s_answers_are_found(network, conferences) -> None:
    plan = integrated_plan(network, conferences, today=TODAY)
    assert [e.item.id for e in plan.views(PlanResponse.DISAGREE)] == ["i-4"]
    assert {e.item.id for e in plan.views(PlanResponse.DISAGREE, PlanResponse.NOT_SURE)} == {"i-4", "i-6"}


def test_an_owner_the_reader_may_not_see_is_not_named(network, conferences) -> None:
    hidden = network.model_copy(
        update={
            "people": [p for p in network.people if p.id != "p-nan"],
            "memberships": [m for m in network.memberships if m.person_id != "p-nan"],
        }
    )
    plan = integrated_plan(hidden, conferences, today=TODAY)
    assert {e.owner for e in plan.entries if e.item.owner_id == "p-nan"} == {"Someone not shown to you"}


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Prison offender manager", "prison_offender_manager"),
        ("Probation officer", "probation_practitioner"),
        ("Community offender manager", "probation_practitioner"),
        ("Personal adviser (leaving care)", "personal_adviser"),
        ("Lifelong Links coordinator", "lifelong_links_coordinator"),
        ("FGC facilitator", "fgc_facilitator"),
        ("Mentor", "mentor"),
        ("Key worker (prison)", "key_worker"),
        ("Ruby's social worker", "social_worker"),
    ],
)
def test_the_role_library_knows_each_role_around_a_care_leaver_in_custody(label: str, key: str) -> None:
    card = role_card(label)
    assert card is not None and card.key == key


def test_every_card_says_what_the_role_does_does_not_do_and_when_it_ends() -> None:
    for card in ROLE_LIBRARY:
        assert card.does and card.does_not and card.ends, card.key
        assert all(s.endswith(".") for s in (*card.does, *card.does_not, card.ends)), card.key
    assert role_card("Nan") is None and role_card("Housing coordinator") is None
