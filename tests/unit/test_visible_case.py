"""A case as each role receives it: the young person's private own words and the outcomes are both
taken out for those who may not see them, and restricted details for those who may not read them."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.models import CareHistory, Case, OutcomeReading, OwnWords, Role
from netmap.services.access import Action, Actor, allowed, visible_case

WORDS = OwnWords(hopes="A flat near Nan", who_i_want_to_be="A chef")


def _case(*, public: bool) -> Case:
    words = WORDS.model_copy()
    words.shared = public
    return Case(
        id="c-1",
        title="Jo",
        ego_id="p-jo",
        own_words=words,
        outcomes=[OutcomeReading(on=date(2026, 1, 5), network_rating=7)],
        care_history=CareHistory(from_year=2012, notes="Eleven moves"),
    )


def _actor(role: Role) -> Actor:
    return Actor(f"u-{role.value}", role, frozenset({"c-1"}), person_id="p-jo")


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_private_words_outcomes_and_restricted_details_reach_only_those_who_may_see_them(role: Role) -> None:
    actor = _actor(role)
    seen = visible_case(actor, _case(public=False))
    keeps_words = role in (Role.ADMIN, Role.YOUNG_PERSON)
    assert (seen.own_words.hopes == WORDS.hopes) is keeps_words
    assert bool(seen.outcomes) is allowed(actor, Action.OUTCOMES_READ)
    assert seen.care_history is not None
    assert (seen.care_history.notes == "Eleven moves") is allowed(actor, Action.RESTRICTED_READ)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_words_made_public_reach_everyone_while_outcomes_stay_with_those_who_may_read_them(
    role: Role,
) -> None:
    actor = _actor(role)
    seen = visible_case(actor, _case(public=True))
    assert seen.own_words.who_i_want_to_be == WORDS.who_i_want_to_be
    assert bool(seen.outcomes) is allowed(actor, Action.OUTCOMES_READ)


def test_the_roles_without_outcomes_are_the_ones_decided() -> None:
    assert {r for r in Role if not allowed(_actor(r), Action.OUTCOMES_READ)} == {
        Role.VIEWER,
        Role.COMMISSIONER,
        Role.FAMILY,
        Role.PEER_MENTOR,
    }
