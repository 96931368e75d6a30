"""Discovery status transitions: one step forward, corrections back, outcomes where they make sense."""

from __future__ import annotations

import pytest

from netmap.errors import ValidationFailed
from netmap.models import DiscoveryStatus as S
from netmap.models import Membership
from netmap.planning.discovery import PIPELINE, allowed_next, check_transition, funnel, is_allowed


@pytest.mark.parametrize(("current", "new"), list(zip(PIPELINE, PIPELINE[1:], strict=False)))
def test_each_next_step_is_allowed(current, new):
    check_transition(current, new)


def test_jumping_from_identified_to_attended_is_refused_with_a_clear_message():
    with pytest.raises(ValidationFailed) as error:
        check_transition(S.IDENTIFIED, S.ATTENDED, who="Sharon Miles")
    assert str(error.value) == (
        "Sharon Miles cannot move from identified to attended: from identified the next status can be "
        "located, not safe, deceased or not found."
    )


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (S.IDENTIFIED, S.CONTACTED),
        (S.WILLING, S.INVITED),
        (S.LOCATED, S.DECLINED),
        (S.CONTACTED, S.NOT_FOUND),
        (S.ATTENDED, S.SUSTAINED_3M),
        (None, S.INVITED),
        (S.DECEASED, S.WILLING),
        (S.NOT_SAFE, S.INVITED),
        (S.DECLINED, S.IN_PLAN),
    ],
)
def test_skips_and_nonsense_are_refused(current, new):
    assert not is_allowed(current, new)
    with pytest.raises(ValidationFailed, match="cannot move"):
        check_transition(current, new)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (S.ATTENDED, S.CONTACTED),  # a correction
        (S.INVITED, S.IN_PLAN),  # named in the plan without attending
        (S.IN_PLAN, S.SUSTAINED_6M),  # a review that missed the 3-month point
        (S.WILLING, S.NOT_SAFE),
        (S.SUSTAINED_12M, S.DECEASED),
        (S.DECLINED, S.WILLING),
        (S.NOT_FOUND, S.LOCATED),
        (S.NOT_SAFE, S.SAFETY_CHECKED),
        (None, S.IDENTIFIED),
        (None, S.WILLING),
        (S.LOCATED, S.LOCATED),
    ],
)
def test_corrections_outcomes_and_reopening_are_allowed(current, new):
    assert is_allowed(current, new)


def test_nothing_follows_sustained_at_12_months_except_corrections_and_outcomes():
    nxt = allowed_next(S.SUSTAINED_12M)
    assert S.SUSTAINED_6M in nxt and S.DECLINED in nxt
    assert not any(PIPELINE.index(s) > PIPELINE.index(S.SUSTAINED_12M) for s in nxt if s in PIPELINE)


def test_funnel_counts_everyone_who_reached_a_stage():
    members = [
        Membership.make("c-1", f"p-{n}", sector="family", status=status)
        for n, status in enumerate(["identified", "willing", "in_plan", "declined", "not_found", None])
    ]
    counts = funnel(members)
    assert counts[S.IDENTIFIED] == 3
    assert counts[S.CONTACTED] == 2
    assert counts[S.ATTENDED] == 1
    assert counts[S.SUSTAINED_3M] == 0
    assert (counts[S.DECLINED], counts[S.NOT_FOUND], counts[S.NOT_SAFE]) == (1, 1, 0)
