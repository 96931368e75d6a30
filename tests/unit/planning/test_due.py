"""Reminders due this week across a coordinator's cases."""

from __future__ import annotations

from datetime import date

from netmap.models import Conference, ContactEvent, PlanItem
from netmap.planning.due import due_this_week, due_within

TODAY = date(2025, 3, 10)


def event(n: int, reminder_on: date | None, done: bool = False, case_id: str = "c-1") -> ContactEvent:
    return ContactEvent(
        id=f"e-{n}",
        case_id=case_id,
        person_id="p-1",
        on=date(2025, 3, 1),
        method="call",
        next_step=f"step {n}",
        reminder_on=reminder_on,
        done=done,
    )


def test_due_this_week_lists_open_reminders_overdue_first():
    events = [
        event(1, date(2025, 3, 16)),  # last day of the week
        event(2, date(2025, 3, 17)),  # next week
        event(3, date(2025, 3, 3)),  # overdue
        event(4, date(2025, 3, 11), done=True),
        event(5, None),
        event(6, TODAY, case_id="c-2"),
    ]
    due = due_this_week(events, today=TODAY)
    assert [(d.ref_id, d.overdue) for d in due] == [("e-3", True), ("e-6", False), ("e-1", False)]
    assert due[0].what == "step 3" and due[1].case_id == "c-2"


def test_a_reminder_without_next_step_says_what_to_follow_up():
    e = event(1, TODAY).model_copy(update={"next_step": ""})
    (item,) = due_this_week([e], today=TODAY)
    assert item.what == "Follow up the call of 2025-03-01"


def test_plan_items_and_reviews_are_due_too():
    conf = Conference(
        id="f-1",
        case_id="c-1",
        review_on=date(2025, 3, 12),
        plan=[
            PlanItem(id="i-1", what="Visit monthly", owner_id="p-2", by_when=date(2025, 3, 14)),
            PlanItem(id="i-2", what="Done already", owner_id="p-2", by_when=date(2025, 3, 14), status="done"),
            PlanItem(id="i-3", what="Late", owner_id="p-3", by_when=date(2025, 2, 1), status="in_progress"),
        ],
    )
    due = due_within([], [conf], today=TODAY, days=7)
    assert [(d.kind, d.ref_id, d.overdue) for d in due] == [
        ("plan_item", "i-3", True),
        ("review", "f-1", False),
        ("plan_item", "i-1", False),
    ]


def test_a_held_review_is_no_longer_due():
    conf = Conference(id="f-1", case_id="c-1", review_on=date(2025, 3, 1), stage="review")
    assert due_within([], [conf], today=TODAY) == []
