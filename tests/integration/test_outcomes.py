"""Outcomes over time through the services on a real store: who records what, who sees it, and the audit."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.bootstrap import Services
from netmap.errors import AccessDenied, ConflictError, ValidationFailed
from netmap.models import Lsns6, OutcomeReading, Perspective, ReviewPoint
from netmap.services.access import Actor
from netmap.services.users import SYSTEM_ACTOR

CASE = "c-always-hope"
ANSWERS = Lsns6(
    relatives_seen=3, relatives_private=2, relatives_help=3, friends_seen=3, friends_private=2, friends_help=2
)


def _version(services: Services) -> int:
    return services.cases.get_case(SYSTEM_ACTOR, CASE).version


def test_a_practitioner_records_and_the_young_person_answers_in_their_own_words(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    officer, jordan = demo_actors["practitioner"], demo_actors["jordan"]
    night = OutcomeReading(on=date(2026, 11, 20), accommodation="family_or_friends", release_night=True)
    sample_services.outcomes.record_outcome(officer, CASE, night, _version(sample_services))
    mine = OutcomeReading(
        on=date(2026, 11, 21), point=ReviewPoint.AFTER_PLAN, lsns6=ANSWERS, own_words="Nan and Reece"
    )
    case = sample_services.outcomes.record_outcome(jordan, CASE, mine, _version(sample_services))
    readings = {r.id: r for r in case.outcomes}
    assert readings[night.id].perspective is Perspective.PRACTITIONER
    assert readings[night.id].recorded_by == "practitioner"
    assert (
        readings[mine.id].perspective is Perspective.YOUNG_PERSON
        and readings[mine.id].recorded_by == "jordan"
    )
    metrics = sample_services.metrics.case_metrics(jordan, CASE)
    assert metrics.isolation.questionnaire is not None and metrics.isolation.questionnaire.total == 15
    assert not metrics.summary.at_risk, "the answered LSNS-6 (15) decides, whatever the network estimate"
    actions = [e.action for e in sample_services.store.audit_log(case_id=CASE)]
    assert actions.count("outcome.record") >= 2


def test_a_young_person_records_no_recall_and_nobody_rewrites_the_other_view(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    officer, jordan = demo_actors["practitioner"], demo_actors["jordan"]
    with pytest.raises(ValidationFailed, match="recalls and reoffending"):
        sample_services.outcomes.record_outcome(
            jordan, CASE, OutcomeReading(on=date(2026, 11, 1), event="recall"), _version(sample_services)
        )
    recall = OutcomeReading(on=date(2026, 11, 1), event="recall")
    sample_services.outcomes.record_outcome(officer, CASE, recall, _version(sample_services))
    changed = recall.model_copy(update={"event": None, "own_words": "It never happened"})
    with pytest.raises(ValidationFailed, match="another point of view"):
        sample_services.outcomes.record_outcome(jordan, CASE, changed, _version(sample_services))
    with pytest.raises(ValidationFailed, match="another point of view"):
        sample_services.outcomes.remove_outcome(jordan, CASE, recall.id, _version(sample_services))
    assert any(r.id == recall.id for r in sample_services.outcomes.list_outcomes(officer, CASE))


def test_outcomes_are_not_shown_to_those_who_may_not_read_them(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    reading = OutcomeReading(on=date(2026, 11, 3), event="reoffence")
    sample_services.outcomes.record_outcome(SYSTEM_ACTOR, "c-turning-25", reading, 1)
    viewer = demo_actors["viewer"]
    assert sample_services.cases.get_case(viewer, "c-turning-25").outcomes == []
    assert all(
        s.network.case.outcomes == [] for s in sample_services.cases.list_snapshots(viewer, "c-turning-25")
    )
    with pytest.raises(AccessDenied):
        sample_services.outcomes.list_outcomes(viewer, "c-turning-25")
    assert sample_services.cases.get_case(demo_actors["coordinator"], "c-turning-25").outcomes


def test_a_stale_version_is_refused_and_a_case_edit_keeps_the_outcomes(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    version = _version(sample_services)
    sample_services.outcomes.record_outcome(
        coordinator, CASE, OutcomeReading(on=date(2026, 10, 1), activity="training"), version
    )
    with pytest.raises(ConflictError):
        sample_services.outcomes.record_outcome(
            coordinator, CASE, OutcomeReading(on=date(2026, 10, 2)), version
        )
    case = sample_services.cases.get_case(coordinator, CASE)
    edited = case.model_copy(update={"outcomes": [], "notes": "Case notes changed"})
    assert sample_services.cases.update_case(coordinator, edited).outcomes == case.outcomes
