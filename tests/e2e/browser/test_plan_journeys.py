"""In Chromium: the one plan worked the way people do it. The probation officer marks his own item done,
Jordan says "I disagree" on My plan and the coordinator sees it, Nan marks her part, a peer mentor
refers a young adult from custody and is told who picks it up; and the case details and relationship
fields the plan's dates and the measures rest on. Each test checks the stored records too.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import expect

from netmap.bootstrap import bootstrap
from netmap.models import (
    Case,
    Conference,
    ContactFrequency,
    Grant,
    PlanItem,
    PlanItemStatus,
    PlanResponse,
    Tie,
)
from tests.story_days import told, told_uk

from .conftest import NetmapApp, Server

pytestmark = pytest.mark.e2e
OpenApp = Callable[..., NetmapApp]

CASE_TITLE = "Jordan — Always Hope release plan"
PLAN = "f-ah-plan"


def _item(server: Server, item_id: str) -> PlanItem:
    with bootstrap(server.db_url) as services:
        conference = services.store.get(Conference, PLAN)
    assert conference is not None
    return next(i for i in conference.plan if i.id == item_id)


def test_the_probation_officer_marks_his_own_overdue_item_done(
    open_app: OpenApp, netmap_server: Server
) -> None:
    daniel = open_app("practitioner")
    daniel.choose_case(CASE_TITLE)
    daniel.open_page("Plan and release")
    page = daniel.page
    expect(page.get_by_text("Mark your own plan items")).to_be_visible()
    what = _item(netmap_server, "i-ah-02").what
    daniel.pick("Plan item", f"{what} (Daniel Osei)")
    daniel.pick("Status", "Done")
    page.get_by_role("textbox", name="How it is going (optional)").fill("Nan's home passed the checks.")
    page.get_by_role("button", name="Save status").click()
    daniel.settle()
    expect(page.get_by_text(f"{what}: now done.")).to_be_visible()
    stored = _item(netmap_server, "i-ah-02")
    assert (stored.status, stored.notes) == (PlanItemStatus.DONE, "Nan's home passed the checks.")
    # an item someone else owns is not his to mark
    options = page.get_by_role("combobox", name="Plan item", exact=True)
    options.click()
    offered = [o.inner_text() for o in page.get_by_role("option").all()]
    page.keyboard.press("Escape")
    assert offered and all("Daniel Osei" in o for o in offered), offered


def test_jordan_disagrees_on_my_plan_and_the_coordinator_sees_it(
    open_app: OpenApp, netmap_server: Server
) -> None:
    note = f"Nan can do the GP with me {uuid.uuid4().hex[:4]}"
    jordan = open_app("jordan")
    jordan.open_page("My plan")
    card = jordan.page.get_by_test_id("stForm").filter(
        has=jordan.page.locator(".st-key-answer-response-i-ah-09")
    )
    card.get_by_text("I disagree", exact=True).click()
    card.get_by_role("textbox", name="Anything to add, in your words").fill(note)
    card.get_by_role("button", name="Save my answer").click()
    jordan.settle()
    expect(jordan.page.get_by_text("Your answer was saved.")).to_be_visible()
    view = _item(netmap_server, "i-ah-09").young_person_view
    assert view is not None and (view.response, view.note) == (PlanResponse.DISAGREE, note)

    coordinator = open_app("coordinator")
    coordinator.choose_case(CASE_TITLE)
    coordinator.open_page("Plan and release")
    expect(
        coordinator.page.get_by_text(
            f"JJ says \u201cI disagree\u201d to: Register Jordan with Nan's GP practice. In their words: {note}"
        )
    ).to_be_visible()


def test_nan_marks_her_part_and_sees_nothing_else(open_app: OpenApp, netmap_server: Server) -> None:
    nan = open_app("family")
    page = nan.page
    expect(page.get_by_role("heading", name="My part in the plan")).to_be_visible()
    assert not page.get_by_test_id("stSidebarNav").count(), "one page only, so no navigation"
    expect(page.get_by_text(f"The meeting on {told_uk(date(2026, 10, 20))}")).to_be_visible()
    card = page.get_by_test_id("stForm").filter(has=page.locator(".st-key-mine-status-i-ah-01"))
    nan.pick("How is it going?", "In progress", within=card)
    card.get_by_role("textbox", name="Anything to add").fill("Bus times checked")
    card.get_by_role("button", name="Save").click()
    nan.settle()
    expect(page.get_by_text("Thank you: your part of the plan was updated.")).to_be_visible()
    stored = _item(netmap_server, "i-ah-01")
    assert (stored.status, stored.notes) == (PlanItemStatus.IN_PROGRESS, "Bus times checked")
    body = page.get_by_test_id("stMain").inner_text()
    assert "Daniel Osei" not in body and "Priya" not in body and "Eastfield" not in body


def test_a_peer_mentor_refers_from_custody_and_is_told_who_picks_it_up(
    open_app: OpenApp, netmap_server: Server
) -> None:
    name = f"Ty Marsh {uuid.uuid4().hex[:4]}"
    mentor = open_app("peermentor")
    page = mentor.page
    expect(page.get_by_role("heading", name="Referrals")).to_be_visible()
    assert not page.get_by_test_id("stSidebarNav").count(), "one page only, so no navigation"
    page.get_by_text("The young adult agrees to this referral").click()
    page.get_by_role("textbox", name="Full name").fill(name)
    page.get_by_role("textbox", name="Prison (if in custody)").fill("HMP Ashbourne Fields")
    page.get_by_role("textbox", name="Which council looked after them").fill("Kelby Borough Council")
    page.get_by_role("button", name="Send referral").click()
    mentor.settle()
    expect(page.get_by_text("the netmap administrator has been told")).to_be_visible()
    with bootstrap(netmap_server.db_url) as services:
        (case,) = [c for c in services.store.list(Case) if c.title == name]
        holders = {g.username for g in services.store.list(Grant) if g.case_id == case.id}
    assert case.referred_by == "peermentor" and "peermentor" not in holders
    assert case.care_history is not None
    expect(page.get_by_text(f"{name} is referred to Kelby Borough Council.")).to_be_visible()
    assert not page.get_by_role("combobox", name="Work on case", exact=True).count()


def test_the_coordinator_records_release_licence_end_and_keeping_the_adviser_to_25(
    open_app: OpenApp, netmap_server: Server
) -> None:
    coordinator = open_app("coordinator")
    coordinator.choose_case("Cal — referred from custody")
    page = coordinator.page
    page.get_by_text("Change case details").click()
    form = page.get_by_test_id("stForm").filter(has_text="Case details")
    coordinator.type_date(form, "Release date", told(date(2027, 5, 14)))
    coordinator.type_date(form, "Licence ends", told(date(2027, 11, 13)))
    form.get_by_text("The young person asked to keep their personal adviser until 25").click()
    form.get_by_role("button", name="Save case details").click()
    coordinator.settle()
    with bootstrap(netmap_server.db_url) as services:
        case = services.store.get(Case, "c-custody-referral")
    assert case is not None
    assert (case.release_date, case.licence_end, case.keep_adviser_to_25) == (
        told(date(2027, 5, 14)),
        told(date(2027, 11, 13)),
        True,
    )
    # a transfer to another prison starts a new spell and closes the one before
    move = page.get_by_test_id("stForm").filter(has_text="Record a move into prison")
    if not move.is_visible():
        page.get_by_text("Change case details").click()
    move.get_by_role("textbox", name="Prison").fill("HMP Kelby Grange")
    coordinator.pick("Why", "Transfer from another prison", within=move)
    coordinator.type_date(move, "From", told(date(2026, 11, 2)))
    move.get_by_role("button", name="Record the move").click()
    coordinator.settle()
    expect(page.get_by_text("The move to HMP Kelby Grange was recorded.")).to_be_visible()
    with bootstrap(netmap_server.db_url) as services:
        case = services.store.get(Case, "c-custody-referral")
    assert case is not None and case.prison == "HMP Kelby Grange"
    assert [(s.prison, s.from_on, s.to_on) for s in case.custody] == [
        ("HMP Ashbourne Fields", told(date(2026, 5, 11)), told(date(2026, 11, 1))),
        ("HMP Kelby Grange", told(date(2026, 11, 2)), None),
    ]
    coordinator.open_page("Plan and release")
    expect(page.get_by_text(f"Licence ends: {told_uk(date(2027, 11, 13))}")).to_be_visible()


def test_the_facilitator_records_how_often_since_and_until_on_a_relationship(
    open_app: OpenApp, netmap_server: Server
) -> None:
    facilitator = open_app("facilitator")
    facilitator.choose_case("Jade and Ruby — family group conference")
    facilitator.open_page("People")
    page = facilitator.page
    facilitator.pick("Change a relationship", "Jade Whitaker – Liam Whitaker (the practitioner's view)")
    form = page.get_by_test_id("stForm").filter(has=page.locator(".st-key-edit-t-jade-liam-frequency"))
    facilitator.pick("How often they are in touch", "Every week", within=form)
    facilitator.type_date(form, "Since", date(2025, 3, 1))
    facilitator.type_date(form, "Until (if it ends)", told(date(2027, 3, 1)))
    form.get_by_role("button", name="Save changes").click()
    facilitator.settle()
    expect(page.get_by_text("The relationship was changed.")).to_be_visible()
    with bootstrap(netmap_server.db_url) as services:
        tie = services.store.get(Tie, "t-jade-liam")
    assert tie is not None
    assert (tie.frequency, tie.since, tie.until) == (
        ContactFrequency.WEEKLY,
        date(2025, 3, 1),
        told(date(2027, 3, 1)),
    )


def test_the_conference_dates_are_shown_whole(open_app: OpenApp, netmap_server: Server) -> None:
    """The stage and the three dates sat in metrics that cut a long date short ("23 Decembe…")."""
    facilitator = open_app("facilitator")
    facilitator.choose_case("Jade and Ruby — family group conference")
    facilitator.open_page("Conference")
    facts = facilitator.page.locator(".st-key-conference-facts")
    for label in ("Referral", "Conference", "Review"):
        fact = facts.get_by_test_id("stMarkdownContainer").filter(has_text=re.compile(rf"^{label}\s"))
        expect(fact).to_be_visible()
        assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}|Not set", fact.inner_text()), fact.inner_text()
        cut = fact.evaluate("e => [...e.querySelectorAll('*')].some(c => c.scrollWidth > c.clientWidth + 1)")
        assert not cut, f"{label} is cut short: {fact.inner_text()!r}"
