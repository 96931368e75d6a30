"""AppTest of the planning pages (discovery, conference, My plan) for each role, through the real services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from netmap.bootstrap import bootstrap
from netmap.models import (
    Case,
    Conference,
    ContactEvent,
    ContactMethod,
    DiscoveryStatus,
    InvitationStatus,
    Membership,
    PlanItem,
    PlanItemStatus,
)
from netmap.planning.discovery import funnel
from netmap.renderers.escape import markdown_text
from netmap.services.users import SYSTEM_ACTOR
from tests.story_days import told

DISCOVERY = "netmap.views.pages.discovery_page"
CONFERENCE = "netmap.views.pages.conference_page"
MY_PLAN = "netmap.views.pages.plan_page"
KAI, JADE, HOPE, LEAH = "c-discovery-kai", "c-fgc-jade", "c-always-hope", "c-turning-25"
FGC = "f-jade-fgc"
EDIT_BUTTONS = {"Invite", "Save details", "Add to the plan", "Save status", "Start conference"}


def _by_label(widgets: Any, label: str) -> Any:
    return next(w for w in widgets if w.label == label)


def _labels(at: Any) -> set[str]:
    return {b.label for b in at.button}


def _membership(url: str, case_id: str, person_id: str) -> Membership:
    with bootstrap(url) as services:
        found = services.store.get(Membership, f"{case_id}|{person_id}")
    assert found is not None
    return found


def _conference(url: str, conference_id: str = FGC) -> Conference:
    with bootstrap(url) as services:
        found = services.store.get(Conference, conference_id)
    assert found is not None
    return found


# --------------------------------------------------------------------------- discovery


@pytest.mark.parametrize(
    ("username", "case_id"),
    [("admin", KAI), ("coordinator", KAI), ("facilitator", JADE), ("practitioner", HOPE)],
)
def test_discovery_page_for_each_role(page_as: Any, demo_db: str, username: str, case_id: str) -> None:
    at = page_as(DISCOVERY, username, case_id)
    assert not at.exception
    with bootstrap(demo_db) as services:
        actor = services.users.actor_for(username)
        network = services.cases.get_network(actor, case_id)
    assert at.title[0].value == f"Discovery: {markdown_text(network.case.title)}"
    counts = funnel(network.memberships)
    if any(counts.values()):
        table = at.dataframe[0].value
        assert (
            dict(zip(table["Stage"], table["People"], strict=True))["Identified"]
            == counts[DiscoveryStatus.IDENTIFIED]
        )
        assert at.get("vega_lite_chart"), "the funnel is drawn as a bar chart"
    assert ("Add question" in _labels(at)) is (username in {"admin", "coordinator"})


def test_kai_funnel_and_leads(page_as: Any) -> None:
    at = page_as(DISCOVERY, "coordinator", KAI)
    stages = at.dataframe[0].value
    assert list(stages["Stage"][:3]) == ["Identified", "Located", "Contacted"]
    assert dict(zip(stages["Stage"], stages["People"], strict=True))["Declined"] == 1
    leads = at.dataframe[1].value
    assert "Kai Holloway" not in set(leads["Name"]), "the young person is not a lead"
    gavin = leads[leads["Name"] == "Gavin Holloway"].iloc[0]
    assert (gavin["Relation"], gavin["Status"], gavin["Source"]) == (
        "Uncle (mum's brother)",
        "Located",
        "Search",
    )
    assert gavin["Next reminder"] == told(date(2026, 11, 28))


def test_a_status_move_is_saved(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(DISCOVERY, "coordinator", KAI)
    at.selectbox(key=f"disc-person-{KAI}").set_value("p-hol-gavin").run()
    at.selectbox(key="status-new-p-hol-gavin").set_value(DiscoveryStatus.CONTACTED)
    _by_label(at.button, "Move").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Gavin Holloway is now contacted.")
    assert _membership(fresh_db, KAI, "p-hol-gavin").status is DiscoveryStatus.CONTACTED


def test_an_invalid_status_jump_shows_the_refusal_sentence(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(DISCOVERY, "coordinator", KAI)
    at.selectbox(key=f"disc-person-{KAI}").set_value("p-hol-derek").run()
    with bootstrap(fresh_db) as services:  # meanwhile a colleague records that Derek is not safe
        admin = services.users.actor_for("admin")
        derek = _membership(fresh_db, KAI, "p-hol-derek")
        services.discovery.set_status(admin, KAI, "p-hol-derek", DiscoveryStatus.NOT_SAFE, derek.version)
    at.selectbox(key="status-new-p-hol-derek").set_value(DiscoveryStatus.WILLING)
    _by_label(at.button, "Move").click().run()
    assert not at.exception
    assert at.error[0].value == markdown_text(
        "Derek Holloway cannot move from not safe to willing: "
        "from not safe the next status can be safety checked or deceased."
    )
    assert _membership(fresh_db, KAI, "p-hol-derek").status is DiscoveryStatus.NOT_SAFE


def test_logging_a_contact_and_marking_its_reminder_done(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(DISCOVERY, "coordinator", KAI)
    at.selectbox(key=f"disc-person-{KAI}").set_value("p-hol-tyler").run()
    assert any("No contact with Tyler Barker" in i.value for i in at.info)
    outcome = "Left a **message** [here](http://evil.example)"
    _by_label(at.selectbox, "How").set_value(ContactMethod.MESSAGE)
    _by_label(at.text_input, "What happened").input(outcome)
    _by_label(at.text_input, "Next step").input("Ring Tyler on Friday")
    _by_label(at.date_input, "Remind me on").set_value(date.today() + timedelta(days=3))
    _by_label(at.button, "Log contact").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("The contact with Tyler Barker was logged.")
    log = next(d.value for d in at.dataframe if "Outcome" in d.value.columns)
    assert list(log["Outcome"]) == [outcome]
    with bootstrap(fresh_db) as services:
        (event,) = [e for e in services.store.list(ContactEvent, case_id=KAI) if e.person_id == "p-hol-tyler"]
    assert (event.by, event.reminder_on, event.done) == (
        "coordinator",
        date.today() + timedelta(days=3),
        False,
    )
    at.selectbox(key="done-pick-one-p-hol-tyler").set_value(event.id)
    _by_label(at.button, "Mark reminder done").click().run()
    assert not at.exception
    with bootstrap(fresh_db) as services:
        done = services.store.get(ContactEvent, event.id)
    assert done is not None and done.done


def test_due_this_week_across_cases(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(DISCOVERY, "coordinator", KAI)
    due = next(d.value for d in at.dataframe if "Due" in d.value.columns)
    derek = due[due["What"] == "Follow up with a call"].iloc[0]
    assert (derek["Overdue"], derek["Who"]) == ("Overdue", "Derek Holloway")
    assert {"Kai — Lifelong Links discovery", "Leah — support ending at 25"} <= set(due["Case"])
    at.selectbox(key="done-pick-due").set_value("e-kai-03")
    _by_label(at.button, "Mark reminder done").click().run()
    assert not at.exception
    with bootstrap(fresh_db) as services:
        event = services.store.get(ContactEvent, "e-kai-03")
    assert event is not None and event.done
    due = next(d.value for d in at.dataframe if "Due" in d.value.columns)
    assert "Follow up with a call" not in set(due["What"])


PASSAGE = (
    "Kai's gran Patricia Holloway says his maternal aunt Sharon Miles lived in Portsmouth in 2015. "
    "His cousin Dean Miles may know where she is now."
)


def test_the_lead_finder_proposes_names_from_a_pasted_passage(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(DISCOVERY, "coordinator", KAI)
    _by_label(at.text_area, "Paste case notes").input(PASSAGE)
    _by_label(at.button, "Find leads").click().run()
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert f"**Sharon Miles** — {markdown_text('maternal aunt')}" in shown
    assert any(v.startswith("**Dean Miles**") for v in shown)
    assert any("Already in this map as Gran Pat" in c.value for c in at.caption)
    accepts = [b for b in at.button if b.label == "Accept"]
    assert len(accepts) == 2, "a lead already in the map is not offered again"
    accepts[0].click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Sharon Miles was added to the map as identified.")
    with bootstrap(fresh_db) as services:
        network = services.store.get_network(KAI)
    sharon = next(p for p in network.people if p.name == "Sharon Miles")
    membership = network.membership(sharon.id)
    assert membership is not None
    assert (membership.status, membership.lead_source.value if membership.lead_source else None) == (
        DiscoveryStatus.IDENTIFIED,
        "case_file",
    )
    assert f"**Sharon Miles** — {markdown_text('maternal aunt')}" not in [m.value for m in at.markdown]
    # the links her relation implies wait for the coordinator to confirm them
    assert any("is a birth parent of Sharon Miles" in m.value for m in at.markdown)
    [*_, reject_dean] = [b for b in at.button if b.label == "Reject"]
    reject_dean.click().run()
    leads = [m.value for m in at.markdown if " — " in m.value]
    assert len(leads) == 1 and leads[0].startswith("**Patricia Holloway**")
    with bootstrap(fresh_db) as services:
        assert not [p for p in services.store.get_network(KAI).people if p.name == "Dean Miles"]


def test_open_questions_are_added_and_removed(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(DISCOVERY, "coordinator", KAI)
    assert any(i.value.startswith("No open questions") for i in at.info)
    question = "Who is Kai's **father**? # see [file](x)"
    _by_label(at.text_input, "A question still to answer").input(question)
    _by_label(at.button, "Add question").click().run()
    assert not at.exception
    assert f"1. {markdown_text(question)}" in [m.value for m in at.markdown]
    with bootstrap(fresh_db) as services:
        case = services.store.get(Case, KAI)
    assert case is not None and case.questions == [question]
    _by_label(at.button, "Remove question").click().run()
    assert not at.exception
    with bootstrap(fresh_db) as services:
        case = services.store.get(Case, KAI)
    assert case is not None and case.questions == []


# --------------------------------------------------------------------------- conference


@pytest.mark.parametrize(
    ("username", "case_id", "editor"),
    [
        ("admin", JADE, True),
        ("coordinator", HOPE, True),
        ("facilitator", JADE, True),
        ("practitioner", HOPE, False),
    ],
)
def test_conference_page_for_each_role(
    page_as: Any, demo_db: str, username: str, case_id: str, editor: bool
) -> None:
    at = page_as(CONFERENCE, username, case_id)
    assert not at.exception
    with bootstrap(demo_db) as services:
        actor = services.users.actor_for(username)
        network = services.cases.get_network(actor, case_id)
        (conference,) = services.conferences.list_conferences(actor, case_id)
    assert at.title[0].value == f"Family group conference: {markdown_text(network.case.title)}"
    invitations = at.dataframe[0].value
    assert len(invitations) == len(conference.invitees)
    # a plan item's owner (the probation officer) marks their own items: "Save status" alone is theirs
    assert bool((EDIT_BUTTONS - {"Save status"}) & _labels(at)) is editor
    assert bool(at.get("download_button")) is editor


def test_a_case_without_a_conference_says_so(page_as: Any) -> None:
    at = page_as(CONFERENCE, "viewer", LEAH)
    assert not at.exception
    assert at.info[0].value == "No family group conference has been started for this case yet."
    assert not EDIT_BUTTONS & _labels(at)


def test_connor_is_shown_blocked_and_inviting_him_shows_the_reason(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(CONFERENCE, "facilitator", JADE)
    invitations = at.dataframe[0].value
    connor = invitations[invitations["Name"] == "Connor Haines"].iloc[0]
    assert connor["Invitation"] == "Blocked"
    at.selectbox(key=f"invite-pick-{FGC}").set_value("p-jade-connor").run()
    _by_label(at.button, "Invite").click().run()
    assert not at.exception
    reason = at.error[0].value
    assert reason.startswith(
        markdown_text("Connor Haines and Jade Whitaker must not be in the same conference")
    )
    assert "court order" in reason and "Westbrook Family Court" not in reason
    assert at.warning[0].value == markdown_text(
        "Connor Haines is recorded as blocked and will not be invited."
    )
    stored = next(i for i in _conference(fresh_db).invitees if i.person_id == "p-jade-connor")
    assert stored.status is InvitationStatus.BLOCKED


def test_warnings_need_an_explicit_confirmation(fresh_page_as: Any, fresh_db: str) -> None:
    before = _conference(fresh_db)
    at = fresh_page_as(CONFERENCE, "facilitator", JADE)
    at.selectbox(key=f"invite-pick-{FGC}").set_value("p-jade-lorraine").run()
    _by_label(at.text_input, "What they will tell the family").input("What Jade was like as a child")
    _by_label(at.button, "Invite").click().run()
    assert not at.exception
    assert any("location must not be disclosed" in w.value for w in at.warning)
    assert _conference(fresh_db).version == before.version, "nothing is written before a decision"
    _by_label(at.button, "Invite anyway").click().run()
    assert at.error[0].value.startswith(markdown_text("Tick 'I have considered this'"))
    assert _conference(fresh_db).version == before.version
    _by_label(at.checkbox, "I have considered this").check()
    _by_label(at.button, "Invite anyway").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Lorraine Whitaker's invitation was saved.")
    lorraine = next(i for i in _conference(fresh_db).invitees if i.person_id == "p-jade-lorraine")
    assert lorraine.will_say == "What Jade was like as a child"


def test_a_viewer_cannot_see_edit_forms(fresh_page_as: Any, fresh_db: str) -> None:
    with bootstrap(fresh_db) as services:
        services.users.grant(SYSTEM_ACTOR, "viewer", JADE)
    at = fresh_page_as(CONFERENCE, "viewer", JADE)
    assert not at.exception
    assert len(at.dataframe[0].value) > 0
    assert not EDIT_BUTTONS & _labels(at)
    assert not at.get("download_button") and not at.text_input and not at.text_area
    assert "Apply these status changes" not in _labels(at)
    assert at.caption[0].value == "You can read this conference; the facilitator records changes."


def test_plan_items_are_added_and_updated(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(CONFERENCE, "facilitator", JADE)
    _by_label(at.text_input, "What will be done").input("Drive Jade to the tenancy viewing")
    _by_label(at.selectbox, "Who will do it").set_value("p-jade-chloe")
    _by_label(at.button, "Add to the plan").click().run()
    assert not at.exception
    plan = next(d.value for d in at.dataframe if "What" in d.value.columns)
    assert "Drive Jade to the tenancy viewing" in set(plan["What"])
    at.selectbox(key=f"plan-item-{FGC}").set_value("i-jade-02")
    at.selectbox(key=f"plan-new-status-{FGC}").set_value(PlanItemStatus.IN_PROGRESS)
    _by_label(at.button, "Save status").click().run()
    assert not at.exception
    stored = _conference(fresh_db)
    assert next(i for i in stored.plan if i.id == "i-jade-02").status.value == "in_progress"
    assert next(i for i in stored.plan if i.what.startswith("Drive Jade")).owner_id == "p-jade-chloe"


def test_a_stale_plan_change_gets_a_conflict_message(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(CONFERENCE, "facilitator", JADE)
    with bootstrap(fresh_db) as services:  # meanwhile the admin adds an item of their own
        admin = services.users.actor_for("admin")
        item = PlanItem(id="i-admin", what="Book the venue", owner_id="p-jade-tom")
        services.conferences.add_plan_item(admin, FGC, item, _conference(fresh_db).version)
    _by_label(at.text_input, "What will be done").input("Bring the photos")
    _by_label(at.button, "Add to the plan").click().run()
    assert not at.exception
    assert "Someone else saved a change first" in at.error[0].value
    assert [
        i.what for i in _conference(fresh_db).plan if i.what in {"Book the venue", "Bring the photos"}
    ] == ["Book the venue"]
    _by_label(at.text_input, "What will be done").input("Bring the photos")
    _by_label(at.button, "Add to the plan").click().run()
    assert at.success[0].value == markdown_text("The plan item was added.")


def test_plan_items_of_someone_hidden_from_a_practitioner_are_not_shown(
    fresh_page_as: Any, fresh_db: str
) -> None:
    with bootstrap(fresh_db) as services:
        coordinator = services.users.actor_for("coordinator")
        version = _conference(fresh_db, "f-ah-plan").version
        item = PlanItem(id="i-ah-reece", what="Take Jordan to football on Saturdays", owner_id="p-ah-reece")
        services.conferences.add_plan_item(coordinator, "f-ah-plan", item, version)

    def plan_for(username: str) -> set[str]:
        at = fresh_page_as(CONFERENCE, username, HOPE)
        assert not at.exception
        return set(next(d.value for d in at.dataframe if "What" in d.value.columns)["What"])

    assert item.what in plan_for("coordinator")
    shown = plan_for("practitioner")
    assert item.what not in shown and len(shown) == len(_conference(fresh_db, "f-ah-plan").plan) - 1


def test_the_review_applies_proposed_statuses(fresh_page_as: Any, fresh_db: str) -> None:
    at = fresh_page_as(CONFERENCE, "facilitator", JADE)
    suggested = next(d.value for d in at.dataframe if "Suggested" in d.value.columns)
    assert list(suggested["Who"]) == ["Nana Irene"]
    _by_label(at.button, "Apply these status changes").click().run()
    assert not at.exception
    assert _membership(fresh_db, JADE, "p-jade-irene").status is DiscoveryStatus.IN_PLAN


def test_the_pack_button_gives_a_pdf(page_as: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The pack is made only when someone downloads it; AppTest cannot click a download button,
    # so the test keeps the function the button registered and calls it as the download would.
    registered = []
    real = MediaFileManager.add_deferred

    def keep(self: MediaFileManager, make: Any, *args: Any, **kwargs: Any) -> str:
        registered.append(make)
        return real(self, make, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    at = page_as(CONFERENCE, "facilitator", JADE)
    (button,) = at.get("download_button")
    assert button.proto.label == "Download conference pack (PDF)"
    (make,) = registered
    assert make().startswith(b"%PDF")


# --------------------------------------------------------------------------- My plan


def test_my_plan_for_the_young_person(page_as: Any, demo_db: str) -> None:
    at = page_as(MY_PLAN, "jordan", None)
    assert not at.exception
    assert at.title[0].value == "My plan"
    with bootstrap(demo_db) as services:
        (conference,) = services.store.list(Conference, case_id=HOPE)
        network = services.store.get_network(HOPE)
    # one card per item, grouped by pathway, not a wide table: on a phone every part of each item is in view
    assert not at.dataframe
    for item in conference.plan:
        (card,) = _cards_after(at, item.what)
        who = markdown_text(network.person(item.owner_id).display_name)
        assert card.startswith(f"Who: {who}  \nBy when: ") and "How it is going: " in card
        assert markdown_text(item.contingency) in card
        assert ("You said: " in card) is (item.young_person_view is not None)
    assert {s.value for s in at.subheader} >= {
        "Accommodation",
        "Staying safe",
        "Attitudes, thinking and behaviour",
    }
    # he answers each item, marks the one he owns, and writes his own words
    assert [b.label for b in at.button].count("Save my answer") == len(conference.plan)
    assert "Save my words" in _labels(at) and "Save status" in _labels(at)


def _cards_after(at: Any, what: str) -> list[str]:
    """The text of the card under the item titled ``what``."""
    values = [m.value for m in at.markdown]
    return [values[values.index(f"**{markdown_text(what)}**") + 1]]


def test_my_plan_without_a_plan(page_as: Any) -> None:
    at = page_as(MY_PLAN, "coordinator", LEAH)
    assert not at.exception
    assert at.info[0].value.startswith("There is no plan yet.")
