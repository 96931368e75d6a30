"""The family links an accepted lead's relation implies (all people invented)."""

from __future__ import annotations

from itertools import count
from pathlib import Path

import pytest

from netmap.models import Case, Certainty, Dataset, Gender, Kin, KinType, LeadSource, Network, Person
from netmap.planning.family_links import PLACEHOLDER, FamilyLinks, family_links
from netmap.planning.kin_paths import path_of
from netmap.planning.lead_finder import find_leads
from netmap.renderers.genogram_layout import generations
from tests.unit.lead_sentences import SENTENCES

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"
F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN
BP = KinType.BIRTH_PARENT


def _person(pid: str, gender: Gender = U) -> Person:
    return Person(id=pid, name=pid.title(), gender=gender)


def _kin(from_id: str, to_id: str, kind: KinType = BP) -> Kin:
    return Kin(id=f"k-{from_id}-{to_id}", from_id=from_id, to_id=to_id, kind=kind)


KAI = _person("kai", M)
MUM, DAD = _person("stacey", F), _person("wayne", M)
GRAN, GRANDAD = _person("pat", F), _person("derek", M)
PARENTS = [_kin("stacey", "kai"), _kin("wayne", "kai")]
MUMS_PARENTS = [_kin("pat", "stacey"), _kin("derek", "stacey")]
FAMILY = [KAI, MUM, DAD, GRAN, GRANDAD]


def _propose(relation: str, side: str = "", kin=(), people=(KAI,), person: str = "lead", **kw) -> FamilyLinks:
    ids = count(1)
    return family_links(
        "kai", person, relation, side=side, kin=kin, people=people, make_id=lambda p: f"{p}{next(ids)}", **kw
    )


def _links(proposal: FamilyLinks) -> set[tuple[str, str, str]]:
    return {(k.from_id, k.kind.value, k.to_id) for k in proposal.links}


def _placeholders(proposal: FamilyLinks) -> dict[str, tuple[str, Gender]]:
    return {p.id: (p.name, p.gender) for p in proposal.people}


def test_a_maternal_aunt_without_a_recorded_mother_brings_an_unnamed_mother():
    proposal = _propose("aunt", "maternal")
    assert _placeholders(proposal) == {"p1": (f"Mother {PLACEHOLDER}", F)}
    assert _links(proposal) == {("p1", "birth_parent", "kai"), ("p1", "sibling", "lead")}
    assert proposal.question == ""


def test_a_maternal_aunt_is_a_child_of_the_mothers_recorded_parents():
    proposal = _propose("aunt", "maternal", kin=PARENTS + MUMS_PARENTS, people=FAMILY)
    assert proposal.people == []
    assert _links(proposal) == {("pat", "birth_parent", "lead"), ("derek", "birth_parent", "lead")}


def test_a_maternal_aunt_is_a_sibling_of_a_recorded_mother_without_parents():
    proposal = _propose("aunt", "maternal", kin=PARENTS, people=FAMILY)
    assert _links(proposal) == {("stacey", "sibling", "lead")}


def test_a_grandmother_on_a_side_is_a_parent_of_that_parent():
    assert _links(_propose("grandmother", "maternal", kin=PARENTS, people=FAMILY)) == {
        ("lead", "birth_parent", "stacey")
    }
    proposal = _propose("grandfather", "paternal")
    assert _placeholders(proposal) == {"p1": (f"Father {PLACEHOLDER}", M)}
    assert _links(proposal) == {("p1", "birth_parent", "kai"), ("lead", "birth_parent", "p1")}


def test_a_cousin_is_a_child_of_an_unnamed_aunt_or_uncle_who_is_a_sibling_of_a_parent():
    proposal = _propose("cousin")
    assert _placeholders(proposal) == {
        "p1": (f"Parent {PLACEHOLDER}", U),
        "p3": (f"Aunt or uncle {PLACEHOLDER}", U),
    }
    assert _links(proposal) == {
        ("p1", "birth_parent", "kai"),
        ("p1", "sibling", "p3"),
        ("p3", "birth_parent", "lead"),
    }


def test_a_maternal_cousin_hangs_from_the_recorded_grandparents():
    proposal = _propose("cousin", "maternal", kin=PARENTS + MUMS_PARENTS, people=FAMILY)
    ((uncle, (name, _)),) = _placeholders(proposal).items()
    assert name == f"Maternal aunt or uncle {PLACEHOLDER}"
    assert _links(proposal) == {
        ("pat", "birth_parent", uncle),
        ("derek", "birth_parent", uncle),
        (uncle, "birth_parent", "lead"),
    }


@pytest.mark.parametrize("relation", ["aunt", "cousin", "grandmother", "great-uncle"])
def test_without_a_side_a_relation_through_a_recorded_parent_is_a_question(relation):
    proposal = _propose(relation, kin=PARENTS[:1], people=FAMILY)
    assert proposal == FamilyLinks(question=f"Is the {relation} related through the mother or the father?")


def test_a_deeper_choice_is_asked_in_the_same_words():
    proposal = _propose("great-grandmother", "maternal", kin=PARENTS + MUMS_PARENTS, people=FAMILY)
    assert proposal.question == (
        "Is the great-grandmother related through the maternal grandmother or the maternal grandfather?"
    )
    assert proposal.links == [] and proposal.people == []


def test_an_unknown_gender_parent_makes_a_side_unsure():
    people = [KAI, _person("sam")]
    proposal = _propose("aunt", "paternal", kin=[_kin("sam", "kai")], people=people)
    assert proposal.question == "Is the aunt related through the mother or the father?"


def test_a_brother_shares_the_recorded_parents_or_is_a_sibling():
    assert _links(_propose("brother", kin=PARENTS, people=FAMILY)) == {
        ("stacey", "birth_parent", "lead"),
        ("wayne", "birth_parent", "lead"),
    }
    assert _links(_propose("brother")) == {("kai", "sibling", "lead")}


def test_a_half_brother_is_linked_through_the_parent_of_his_side():
    assert _links(_propose("half-brother")) == {("kai", "half_sibling", "lead")}
    assert _links(_propose("half-brother", "paternal", kin=PARENTS, people=FAMILY)) == {
        ("kai", "half_sibling", "lead"),
        ("wayne", "birth_parent", "lead"),
    }


@pytest.mark.parametrize(
    ("relation", "link"),
    [
        ("step-mother", ("lead", "step_parent", "kai")),
        ("foster carer", ("lead", "foster_parent", "kai")),
        ("foster father", ("lead", "foster_parent", "kai")),
        ("kinship carer", ("lead", "kinship_carer", "kai")),
        ("special guardian", ("lead", "kinship_carer", "kai")),
        ("adoptive mother", ("lead", "adoptive_parent", "kai")),
        ("mother", ("lead", "birth_parent", "kai")),
        ("son", ("kai", "birth_parent", "lead")),
        ("girlfriend", ("kai", "partner", "lead")),
        ("wife", ("kai", "married", "lead")),
        ("ex-partner", ("kai", "ex_partner", "lead")),
    ],
)
def test_a_direct_relation_is_one_link_pointing_the_model_s_way(relation, link):
    proposal = _propose(relation)
    assert (proposal.people, _links(proposal)) == ([], {link})


def test_a_parents_ex_partner_is_linked_to_that_parent():
    assert _links(_propose("mother's ex-partner", "maternal", kin=PARENTS, people=FAMILY)) == {
        ("stacey", "ex_partner", "lead")
    }


def test_a_step_brother_is_a_child_of_an_unnamed_step_parent():
    proposal = _propose("step-brother")
    assert _placeholders(proposal) == {"p1": (f"Step-parent {PLACEHOLDER}", U)}
    assert _links(proposal) == {("p1", "step_parent", "kai"), ("p1", "birth_parent", "lead")}


def test_a_nephew_is_a_child_of_an_unnamed_sibling_of_the_young_person():
    proposal = _propose("nephew", kin=PARENTS, people=FAMILY)
    ((sibling, (name, _)),) = _placeholders(proposal).items()
    assert name == f"Sibling {PLACEHOLDER}"
    assert _links(proposal) == {
        ("stacey", "birth_parent", sibling),
        ("wayne", "birth_parent", sibling),
        (sibling, "birth_parent", "lead"),
    }


@pytest.mark.parametrize(
    "relation", ["godmother", "friend", "social worker", "relative", "friend's mother", ""]
)
def test_a_relation_outside_the_family_implies_nothing(relation):
    assert _propose(relation) == FamilyLinks()


def test_a_second_mother_is_a_question_naming_the_recorded_one():
    proposal = _propose("mother", kin=PARENTS, people=FAMILY)
    assert proposal == FamilyLinks(
        question="Stacey is already recorded as the mother; is this the same person?"
    )
    people = [*FAMILY, _person("sam")]
    proposal = _propose("grandparent", "maternal", kin=PARENTS + MUMS_PARENTS, people=people)
    assert proposal.question == (
        "Both of the mother's parents are already recorded (Pat and Derek); is this one of them?"
    )


def test_links_already_recorded_are_not_proposed_again():
    assert _propose("mother", kin=PARENTS, people=FAMILY, person="stacey") == FamilyLinks()
    sibling = [_kin("stacey", "lead", KinType.SIBLING)]
    assert _propose("aunt", "maternal", kin=PARENTS + sibling, people=FAMILY).links == []


def test_a_lead_already_placed_elsewhere_in_the_path_is_a_question():
    proposal = _propose("aunt", "maternal", kin=PARENTS, people=FAMILY, person="stacey")
    assert proposal.question == "Stacey is the mother here, so cannot also be the aunt."


def test_certainty_and_source_are_carried_on_every_link():
    proposal = _propose("cousin", certainty=Certainty.POSSIBLE, source=LeadSource.RELATIVE)
    assert {(k.certainty, k.source) for k in proposal.links} == {(Certainty.POSSIBLE, LeadSource.RELATIVE)}


def test_the_genogram_places_an_accepted_maternal_cousin_two_generations_below_the_grandparents():
    dataset = Dataset.model_validate_json((SAMPLES / "discovery-kai.json").read_text(encoding="utf-8"))
    case = next(c for c in dataset.cases if c.id == "c-discovery-kai")
    tia = Person(id="p-tia", name="Tia Holloway", gender=F)
    proposal = family_links(
        case.ego_id, tia.id, "cousin", side="maternal", kin=dataset.kin, people=dataset.people
    )
    (uncle,) = proposal.people
    assert {k.from_id for k in proposal.links if k.to_id == uncle.id} == {"p-hol-patricia", "p-hol-derek"}
    network = Network(
        case=Case(id="c", title="t", ego_id=case.ego_id),
        people=[*dataset.people, tia, *proposal.people],
        kin=[*dataset.kin, *proposal.links],
    )
    gen = generations(network)
    assert gen["p-tia"] == gen[case.ego_id] == gen["p-hol-patricia"] + 2
    assert gen[uncle.id] == gen["p-hol-stacey"]


def test_a_paternal_aunt_in_the_demo_hangs_from_the_unknown_father():
    dataset = Dataset.model_validate_json((SAMPLES / "discovery-kai.json").read_text(encoding="utf-8"))
    proposal = family_links(
        "p-hol-kai", "p-new", "aunt", side="paternal", kin=dataset.kin, people=dataset.people
    )
    assert _links(proposal) == {("p-hol-father", "sibling", "p-new")}


def test_every_family_lead_in_the_sentence_set_is_placed_or_asked_about():
    placed = 0
    for sentence in SENTENCES:
        for lead in find_leads(sentence.text, ego=sentence.ego):
            proposal = family_links(sentence.ego.id, "p-lead", lead.relation, side=lead.side)
            family = path_of(lead.relation) is not None
            assert bool(proposal.links or proposal.question) is family, (sentence.text, lead.relation)
            placed += bool(proposal.links)
    assert placed >= 60
