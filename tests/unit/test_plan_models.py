"""What the plan and resettlement fields accept, refuse and redact; files written before them still read."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from netmap.models import (
    CareHistory,
    Case,
    CustodySpell,
    Dataset,
    OwnWords,
    Pathway,
    PlanItem,
    PlanResponse,
    PlanView,
    ReleaseCheck,
    StatutoryPlan,
    redact,
    restricted_fields,
)

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def _tomorrow() -> date:
    """Tomorrow as of the moment of asking: a module-level constant goes stale past midnight."""
    return date.today() + timedelta(days=1)


def test_a_plan_item_names_each_statutory_plan_once_in_order() -> None:
    item = PlanItem(
        what="Book the GP", owner_id="p-1", serves=["licence_condition", "pathway_plan", "licence_condition"]
    )
    assert item.serves == [StatutoryPlan.PATHWAY_PLAN, StatutoryPlan.LICENCE_CONDITION]


def test_a_release_check_gives_its_pathway_unless_one_is_chosen() -> None:
    assert PlanItem(what="ID", owner_id="p-1", release_check="id").pathway is Pathway.ID_DOCUMENTS
    chosen = PlanItem(
        what="Gate", owner_id="p-1", release_check="travel_from_gate", pathway="children_families"
    )
    assert chosen.pathway is Pathway.CHILDREN_FAMILIES


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pathway", "housing"),
        ("serves", ["care_plan"]),
        ("release_check", "passport"),
        ("contingency", "line one\nline two"),
        ("young_person_view", {"response": "maybe"}),
    ],
)
def test_a_plan_item_refuses_what_is_not_in_its_vocabulary(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        PlanItem.model_validate({"what": "Something", "owner_id": "p-1", field: value})
    assert caught.value.errors()[0]["loc"][0] == field


def test_the_young_person_answers_in_three_ways_and_not_in_the_future() -> None:
    assert [r.value for r in PlanResponse] == ["agreed", "not_sure", "disagree"]
    assert PlanView(response="disagree", note="I did that course inside").note
    with pytest.raises(ValidationError):
        PlanView(response="agreed", on=_tomorrow())


def test_a_custody_spell_names_a_prison_and_runs_forwards() -> None:
    with pytest.raises(ValidationError):
        CustodySpell(prison="  ")
    with pytest.raises(ValidationError, match="cannot end before it begins"):
        CustodySpell(prison="HMP Kelby", from_on=date(2026, 2, 3), to_on=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        CustodySpell(prison="HMP Kelby", from_on=_tomorrow())


def test_care_years_are_plausible_and_in_order() -> None:
    with pytest.raises(ValidationError, match="wrong way round"):
        CareHistory(from_year=2019, to_year=2012)
    with pytest.raises(ValidationError):
        CareHistory(from_year=1850)


def test_a_licence_ends_after_release_and_a_sentence_no_sooner_than_its_licence() -> None:
    base = {"id": "c-1", "title": "Jo", "ego_id": "p-1", "release_date": date(2027, 1, 10)}
    with pytest.raises(ValidationError, match="licence_end is before the release date"):
        Case(**base, licence_end=date(2027, 1, 9))
    with pytest.raises(ValidationError, match="sentence_end is before the licence end"):
        Case(**base, licence_end=date(2027, 6, 1), sentence_end=date(2027, 5, 1))
    case = Case(**base, licence_end=date(2027, 6, 1), sentence_end=date(2027, 6, 1), keep_adviser_to_25=True)
    assert case.keep_adviser_to_25 and not case.own_words.written


def test_the_young_persons_words_are_checked_text_written_in_the_past() -> None:
    with pytest.raises(ValidationError):
        OwnWords(hopes="a\x00b")
    with pytest.raises(ValidationError):
        OwnWords(hopes="A home", written_on=_tomorrow())
    assert OwnWords(strengths="Good with my hands").written


def test_only_the_care_notes_are_restricted_and_redaction_clears_them() -> None:
    assert restricted_fields(CareHistory) == {"notes"}
    for model in (CustodySpell, OwnWords, PlanView):
        assert restricted_fields(model) == set()
    case = Case(
        id="c-1", title="Jo", ego_id="p-1", care_history=CareHistory(from_year=2011, notes="Eleven moves")
    )
    assert redact(case).care_history == CareHistory(from_year=2011)


def test_a_file_written_before_the_plan_fields_still_reads_with_their_defaults() -> None:
    data = json.loads((SAMPLES / "discovery-kai.json").read_text(encoding="utf-8"))
    for case in data["cases"]:
        for name in (
            "licence_end",
            "sentence_end",
            "custody",
            "keep_adviser_to_25",
            "care_history",
            "own_words",
        ):
            assert name not in case
    dataset = Dataset.model_validate(data)
    (case,) = dataset.cases
    assert case.custody == [] and case.care_history is None and not case.own_words.shared
    old_item = {"id": "i-1", "what": "Phone every Sunday", "owner_id": "p-1", "status": "agreed"}
    item = PlanItem.model_validate(old_item)
    assert (item.pathway, item.serves, item.release_check, item.young_person_view) == (None, [], None, None)


def test_release_checks_are_the_nine_of_release_day() -> None:
    assert len(ReleaseCheck) == 9
