"""Review of an FGC plan: what was promised against what was delivered, and who is sustained."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from netmap.models import Conference, DiscoveryStatus, Network, PlanItem, PlanItemStatus
from netmap.planning.discovery import PIPELINE

__all__ = ["OwnerReview", "PlanReview", "StatusUpdate", "months_between", "review_plan"]

S = DiscoveryStatus
_SUSTAINED = ((12, S.SUSTAINED_12M), (6, S.SUSTAINED_6M), (3, S.SUSTAINED_3M))
_IN_PLAN_FROM = {S.INVITED, S.ATTENDED}


class StatusUpdate(BaseModel):
    """A proposed discovery status change for one person, with the reason."""

    model_config = ConfigDict(frozen=True)
    person_id: str
    current: DiscoveryStatus | None
    proposed: DiscoveryStatus
    reason: str


class OwnerReview(BaseModel):
    """One plan owner's promises: how many were made, delivered, under way, missed or overdue."""

    model_config = ConfigDict(frozen=True)
    owner_id: str
    promised: int
    delivered: int
    in_progress: int
    not_done: int
    overdue: int


class PlanReview(BaseModel):
    model_config = ConfigDict(frozen=True)
    conference_id: str
    promised: int
    delivered: int
    overdue_item_ids: list[str]
    owners: list[OwnerReview]
    updates: list[StatusUpdate]

    @property
    def delivered_share(self) -> float:
        return self.delivered / self.promised if self.promised else 0.0


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when ``end`` is earlier).

    >>> start = date(2024, 1, 15)
    >>> months_between(start, date(2024, 4, 14)), months_between(start, date(2024, 4, 15))
    (2, 3)
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def review_plan(network: Network, conference: Conference, *, today: date) -> PlanReview:
    """Compare promised with delivered and propose discovery status updates.

    An owner with a plan item who was invited or attended moves to "in the plan". An owner already
    in the plan is sustained at the longest of 3, 6 or 12 months since the conference when they have
    delivered or are delivering something and missed nothing. People without a discovery status
    (most practitioners) are left alone.
    """
    owners: dict[str, list[PlanItem]] = {}
    for item in conference.plan:
        owners.setdefault(item.owner_id, []).append(item)
    overdue_ids = [
        item.id
        for item in conference.plan
        if item.by_when is not None and item.by_when < today and item.status is not PlanItemStatus.DONE
    ]
    reviews = []
    updates = []
    for owner_id, items in owners.items():
        counts = {status: sum(1 for i in items if i.status is status) for status in PlanItemStatus}
        review = OwnerReview(
            owner_id=owner_id,
            promised=len(items),
            delivered=counts[PlanItemStatus.DONE],
            in_progress=counts[PlanItemStatus.IN_PROGRESS],
            not_done=counts[PlanItemStatus.NOT_DONE],
            overdue=sum(1 for i in items if i.id in overdue_ids),
        )
        reviews.append(review)
        update = _status_update(network, conference, review, today)
        if update is not None:
            updates.append(update)
    return PlanReview(
        conference_id=conference.id,
        promised=len(conference.plan),
        delivered=sum(1 for i in conference.plan if i.status is PlanItemStatus.DONE),
        overdue_item_ids=overdue_ids,
        owners=reviews,
        updates=updates,
    )


def _status_update(
    network: Network, conference: Conference, review: OwnerReview, today: date
) -> StatusUpdate | None:
    membership = network.membership(review.owner_id)
    if membership is None or membership.status is None:
        return None
    current = membership.status
    if current in _IN_PLAN_FROM:
        return StatusUpdate(
            person_id=review.owner_id,
            current=current,
            proposed=S.IN_PLAN,
            reason="Owns an item in the conference plan.",
        )
    if current not in PIPELINE or PIPELINE.index(current) < PIPELINE.index(S.IN_PLAN):
        return None
    if review.not_done or review.overdue or not (review.delivered or review.in_progress):
        return None
    if conference.conference_on is None:
        return None
    months = months_between(conference.conference_on, today)
    level = next((status for threshold, status in _SUSTAINED if months >= threshold), None)
    if level is None or PIPELINE.index(level) <= PIPELINE.index(current):
        return None
    return StatusUpdate(
        person_id=review.owner_id,
        current=current,
        proposed=level,
        reason=f"Still delivering the plan {months} months after the conference.",
    )
