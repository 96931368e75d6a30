"""The Lifelong Links discovery pipeline: which status changes are allowed, and the funnel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from netmap.errors import ValidationFailed
from netmap.models import DiscoveryStatus, Membership

__all__ = [
    "PIPELINE",
    "OUTCOMES",
    "allowed_next",
    "check_transition",
    "funnel",
    "is_allowed",
    "status_label",
]

S = DiscoveryStatus

PIPELINE: tuple[DiscoveryStatus, ...] = (
    S.IDENTIFIED,
    S.LOCATED,
    S.CONTACTED,
    S.WILLING,
    S.SAFETY_CHECKED,
    S.INVITED,
    S.ATTENDED,
    S.IN_PLAN,
    S.SUSTAINED_3M,
    S.SUSTAINED_6M,
    S.SUSTAINED_12M,
)
OUTCOMES: tuple[DiscoveryStatus, ...] = (S.DECLINED, S.NOT_SAFE, S.DECEASED, S.NOT_FOUND)

_LABELS = {
    S.SAFETY_CHECKED: "safety checked",
    S.IN_PLAN: "in the plan",
    S.SUSTAINED_3M: "sustained at 3 months",
    S.SUSTAINED_6M: "sustained at 6 months",
    S.SUSTAINED_12M: "sustained at 12 months",
    S.NOT_SAFE: "not safe",
    S.NOT_FOUND: "not found",
}

# Forward moves beyond the next step: someone can be named in the plan without attending
# (a prison or probation practitioner, a relative who sent their views), and a review that
# missed the 3-month point can still record that support lasted 6 or 12 months.
_EXTRA_FORWARD: dict[DiscoveryStatus, set[DiscoveryStatus]] = {
    S.INVITED: {S.IN_PLAN},
    S.IN_PLAN: {S.SUSTAINED_6M, S.SUSTAINED_12M},
    S.SUSTAINED_3M: {S.SUSTAINED_12M},
}
_FROM_NOTHING = {S.IDENTIFIED, S.LOCATED, S.CONTACTED, S.WILLING, S.DECEASED, S.NOT_FOUND}
_DECLINE_FROM = set(PIPELINE[PIPELINE.index(S.CONTACTED) :])
_NOT_FOUND_FROM = {S.IDENTIFIED, S.LOCATED}
# Reopening an outcome: a person may change their mind, a new lead may turn up, a re-vetting
# may clear someone, and a death wrongly reported in a case file must be correctable.
_REOPEN: dict[DiscoveryStatus, set[DiscoveryStatus]] = {
    S.DECLINED: {S.CONTACTED, S.WILLING},
    S.NOT_FOUND: {S.IDENTIFIED, S.LOCATED},
    S.NOT_SAFE: {S.SAFETY_CHECKED},
    S.DECEASED: {S.IDENTIFIED},
}


def status_label(status: DiscoveryStatus | None) -> str:
    """A status as words for people.

    >>> status_label(DiscoveryStatus.SUSTAINED_6M)
    'sustained at 6 months'
    >>> status_label(None)
    'no status'
    """
    if status is None:
        return "no status"
    return _LABELS.get(status, status.value)


def allowed_next(current: DiscoveryStatus | None) -> list[DiscoveryStatus]:
    """Every status ``current`` may change to, in pipeline order.

    Forward moves go one step at a time (with the exceptions above); moving back to an
    earlier stage is a correction and always allowed; outcomes apply where they make sense.

    >>> [s.value for s in allowed_next(DiscoveryStatus.IDENTIFIED)]
    ['located', 'not_safe', 'deceased', 'not_found']
    """
    if current is None:
        targets = set(_FROM_NOTHING)
    elif current in _REOPEN:
        targets = set(_REOPEN[current])
        if current is not S.DECEASED:
            targets.add(S.DECEASED)
    else:
        index = PIPELINE.index(current)
        targets = set(PIPELINE[:index])
        if index + 1 < len(PIPELINE):
            targets.add(PIPELINE[index + 1])
        targets |= _EXTRA_FORWARD.get(current, set())
        targets |= {S.NOT_SAFE, S.DECEASED}
        if current in _DECLINE_FROM:
            targets.add(S.DECLINED)
        if current in _NOT_FOUND_FROM:
            targets.add(S.NOT_FOUND)
    order = [*PIPELINE, *OUTCOMES]
    return sorted(targets, key=order.index)


def next_step(current: DiscoveryStatus | None) -> DiscoveryStatus | None:
    """The step after ``current`` in the pipeline, when that move is allowed: what "Move to" offers first.

    >>> next_step(DiscoveryStatus.LOCATED).value, next_step(None).value
    ('contacted', 'identified')
    """
    allowed = allowed_next(current)
    if current is None:
        return allowed[0] if allowed else None
    later = (
        [s for s in allowed if s in PIPELINE and PIPELINE.index(s) > PIPELINE.index(current)]
        if current in PIPELINE
        else []
    )
    return later[0] if later else None


def is_allowed(current: DiscoveryStatus | None, new: DiscoveryStatus) -> bool:
    """Whether ``current`` may change to ``new`` (staying the same is always allowed).

    >>> is_allowed(DiscoveryStatus.IDENTIFIED, DiscoveryStatus.ATTENDED)
    False
    """
    return new == current or new in allowed_next(current)


def check_transition(
    current: DiscoveryStatus | None, new: DiscoveryStatus, *, who: str = "This person"
) -> None:
    """Raise ``ValidationFailed`` with one clear sentence when the change is not allowed.

    >>> check_transition(DiscoveryStatus.IDENTIFIED, DiscoveryStatus.ATTENDED, who="Sharon Miles")
    Traceback (most recent call last):
    ...
    netmap.errors.ValidationFailed: Sharon Miles cannot move from identified to attended: from identified \
the next status can be located, not safe, deceased or not found.
    """
    if is_allowed(current, new):
        return
    options = [status_label(s) for s in allowed_next(current)]
    listed = ", ".join(options[:-1]) + f" or {options[-1]}" if len(options) > 1 else options[0]
    raise ValidationFailed(
        f"{who} cannot move from {status_label(current)} to {status_label(new)}: "
        f"from {status_label(current)} the next status can be {listed}."
    )


def funnel(memberships: Iterable[Membership]) -> dict[DiscoveryStatus, int]:
    """How many people reached each pipeline stage (reaching a later stage counts for earlier ones),
    plus the count at each outcome.

    >>> m = Membership.make("c-1", "p-1", sector="family", status="willing")
    >>> counts = funnel([m])
    >>> counts[DiscoveryStatus.CONTACTED], counts[DiscoveryStatus.SAFETY_CHECKED]
    (1, 0)
    """
    at = Counter(m.status for m in memberships if m.status is not None)
    result: dict[DiscoveryStatus, int] = {}
    reached = 0
    for status in reversed(PIPELINE):
        reached += at[status]
        result[status] = reached
    ordered = {status: result[status] for status in PIPELINE}
    ordered.update({status: at[status] for status in OUTCOMES})
    return ordered
