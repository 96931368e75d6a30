"""Reviewing a plan: promised against delivered, and who moves to "in the plan" or "sustained"."""

from __future__ import annotations

from datetime import date

import pytest
from fgc_case import fgc_conference, fgc_network

from netmap.models import Conference, DiscoveryStatus, Network, PlanItem
from netmap.planning.plan_review import review_plan


@pytest.fixture
def network() -> Network:
    return fgc_network()


@pytest.fixture
def conference() -> Conference:
    return fgc_conference()


def plan(*items):
    return [
        PlanItem(id=f"i-{n}", what=what, owner_id=owner, by_when=by, status=status)
        for n, (what, owner, by, status) in enumerate(items)
    ]


def test_promised_against_delivered(network, conference):
    conference.plan = plan(
        ("Weekly phone call", "p-sharon", date(2025, 1, 1), "done"),
        ("Help with housing forms", "p-po", date(2025, 2, 1), "not_done"),
        ("Sunday dinner monthly", "p-sharon", date(2025, 4, 1), "in_progress"),
    )
    review = review_plan(network, conference, today=date(2025, 3, 10))
    assert (review.promised, review.delivered, review.overdue_item_ids) == (3, 1, ["i-1"])
    by_owner = {o.owner_id: o for o in review.owners}
    assert (
        by_owner["p-sharon"].promised,
        by_owner["p-sharon"].delivered,
        by_owner["p-sharon"].in_progress,
    ) == (2, 1, 1)
    assert by_owner["p-po"].not_done == 1 and by_owner["p-po"].overdue == 1
    assert round(review.delivered_share, 2) == 0.33


def test_owners_who_attended_move_into_the_plan(network, conference):
    network.membership("p-sharon").status = "attended"
    conference.plan = plan(("Weekly phone call", "p-sharon", None, "agreed"))
    (update,) = review_plan(network, conference, today=date(2024, 12, 3)).updates
    assert (update.person_id, update.current, update.proposed) == (
        "p-sharon",
        "attended",
        DiscoveryStatus.IN_PLAN,
    )


def test_delivering_owners_are_sustained_at_the_months_since_the_conference(network, conference):
    network.membership("p-sharon").status = "in_plan"
    conference.plan = plan(("Weekly phone call", "p-sharon", None, "in_progress"))
    assert review_plan(network, conference, today=date(2025, 3, 1)).updates == []  # under 3 months
    (update,) = review_plan(network, conference, today=date(2025, 6, 2)).updates
    assert update.proposed is DiscoveryStatus.SUSTAINED_6M
    assert update.reason == "Still delivering the plan 6 months after the conference."


def test_no_sustained_for_missed_or_overdue_promises_or_practitioners(network, conference):
    network.membership("p-sharon").status = "sustained_3m"
    conference.plan = plan(
        ("Weekly phone call", "p-sharon", None, "done"),
        ("Visit in prison", "p-sharon", date(2025, 5, 1), "agreed"),
        ("Probation supervision", "p-po", None, "done"),
    )
    assert review_plan(network, conference, today=date(2025, 12, 5)).updates == []


def test_already_at_the_level_is_not_proposed_again(network, conference):
    network.membership("p-sharon").status = "sustained_12m"
    conference.plan = plan(("Weekly phone call", "p-sharon", None, "done"))
    assert review_plan(network, conference, today=date(2026, 1, 5)).updates == []
