"""What a coordinator has due: contact reminders, plan items, reviews and transitions, across their cases."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from netmap.models import Conference, ConferenceStage, ContactEvent, PlanItemStatus
from netmap.planning.transitions import Transition, TransitionKind, Who

__all__ = ["DueItem", "due_this_week", "due_within", "transition_items"]

_FINISHED = {PlanItemStatus.DONE, PlanItemStatus.NOT_DONE}


class DueItem(BaseModel):
    """One thing due on or before the end of the window; ``overdue`` when its date has passed."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["contact", "plan_item", "review", "transition"]
    case_id: str
    due_on: date
    overdue: bool
    what: str
    person_id: str | None = None
    ref_id: str
    # For a transition: what happens that day, whose support ends, who remains after it, and the
    # warning in force (90, 30, 7 or 0 days before; None while the first warning lies ahead).
    events: list[TransitionKind] = []
    ends: list[Who] = []
    remains: list[Who] = []
    warning: int | None = None


def due_within(
    events: Iterable[ContactEvent],
    conferences: Iterable[Conference] = (),
    *,
    today: date,
    days: int = 7,
) -> list[DueItem]:
    """Open reminders, unfinished plan items and reviews due before ``today + days``, overdue first.

    Overdue items never drop off the list: a missed reminder is exactly what must be seen.

    >>> e = ContactEvent(id="e-1", case_id="c-1", person_id="p-1", on=date(2024, 1, 2), method="call",
    ...                  next_step="Ring back about the FGC date", reminder_on=date(2024, 1, 5))
    >>> [(d.what, d.overdue) for d in due_within([e], today=date(2024, 1, 3))]
    [('Ring back about the FGC date', False)]
    """
    end = today + timedelta(days=days)
    items: list[DueItem] = []
    for e in events:
        if e.reminder_on is not None and not e.done and e.reminder_on < end:
            items.append(
                DueItem(
                    kind="contact",
                    case_id=e.case_id,
                    due_on=e.reminder_on,
                    overdue=e.reminder_on < today,
                    what=e.next_step or f"Follow up the {e.method.value} of {e.on.isoformat()}",
                    person_id=e.person_id,
                    ref_id=e.id,
                )
            )
    for conf in conferences:
        for item in conf.plan:
            if item.by_when is not None and item.status not in _FINISHED and item.by_when < end:
                items.append(
                    DueItem(
                        kind="plan_item",
                        case_id=conf.case_id,
                        due_on=item.by_when,
                        overdue=item.by_when < today,
                        what=item.what,
                        person_id=item.owner_id,
                        ref_id=item.id,
                    )
                )
        if conf.review_on is not None and conf.stage is not ConferenceStage.REVIEW and conf.review_on < end:
            items.append(
                DueItem(
                    kind="review",
                    case_id=conf.case_id,
                    due_on=conf.review_on,
                    overdue=conf.review_on < today,
                    what="Review conference",
                    ref_id=conf.id,
                )
            )
    return sorted(items, key=lambda d: (d.due_on, d.case_id, d.kind, d.ref_id))


def transition_items(transitions: Iterable[Transition], ego_id: str) -> list[DueItem]:
    """Transitions as due items (``kind="transition"``), one per day on which things change."""
    return [
        DueItem(
            kind="transition",
            case_id=t.case_id,
            due_on=t.on,
            overdue=False,
            what=t.what,
            person_id=ego_id,
            ref_id=f"{t.case_id}:{t.on.isoformat()}",
            events=t.kinds,
            ends=t.ends,
            remains=t.remains,
            warning=t.warning,
        )
        for t in transitions
    ]


def due_this_week(
    events: Iterable[ContactEvent], conferences: Iterable[Conference] = (), *, today: date
) -> list[DueItem]:
    """``due_within`` over the seven days starting ``today``."""
    return due_within(events, conferences, today=today, days=7)
