"""The case-notes lead finder on written passages (all names invented)."""

from __future__ import annotations

import json

import pytest

from netmap.errors import ValidationFailed
from netmap.models import Certainty, Gender, Person, Sector
from netmap.planning.lead_finder import MAX_TEXT, find_leads
from tests.paths import BLNS

# (passage, [(name, relation)]) — every named relative must be found, nothing else named.
NAMED = [
    ("We spoke to his maternal aunt Sharon Miles about the family tree.", [("Sharon Miles", "aunt")]),
    ("Jamal talks warmly about Nan (Pat) and wants to see her again.", [("Pat", "grandmother")]),
    (
        "He asked about his old foster carer Mrs Okafor, who looked after him in 2012.",
        [("Mrs Okafor", "foster carer")],
    ),
    ("Sharon Miles, his maternal aunt, lives in Bradford.", [("Sharon Miles", "aunt")]),
    ("His brother, Jordan, is in HMYOI Wetherby serving a short sentence.", [("Jordan", "brother")]),
    (
        "Uncle Dev used to take him fishing. Auntie Jo sends cards at Christmas.",
        [("Dev", "uncle"), ("Jo", "aunt")],
    ),
    ("His mother's sister Pat was mentioned by the previous social worker.", [("Pat", "aunt")]),
    (
        "Mr and Mrs Patel, his former foster carers, have asked for news.",
        [("Mr Patel", "foster carer"), ("Mrs Patel", "foster carer")],
    ),
    (
        "He has two cousins, Amy and Jade Thompson, who live near the coast.",
        [("Amy Thompson", "cousin"), ("Jade Thompson", "cousin")],
    ),
    ("His late grandmother Edna Price raised him until he was six.", [("Edna Price", "grandmother")]),
    (
        "He remembers his old youth worker Dean Harris from the boxing club.",
        [("Dean Harris", "youth worker")],
    ),
    ("His step-dad, Gary Tomlin, was violent towards him.", [("Gary Tomlin", "step-father")]),
    ("His half-sister Amira (Mimi) Hassan writes to him in custody.", [("Amira Hassan", "half-sister")]),
    ("Marcus Reid is his birth father.", [("Marcus Reid", "father")]),
    (
        "His cousins Amy, Jade and Leah Thompson visit at Christmas.",
        [("Amy Thompson", "cousin"), ("Jade Thompson", "cousin"), ("Leah Thompson", "cousin")],
    ),
    (
        "Amy, Jade and Leah Thompson, his cousins, came to the conference.",
        [("Amy Thompson", "cousin"), ("Jade Thompson", "cousin"), ("Leah Thompson", "cousin")],
    ),
    ("Amy and Jade Thompson are his cousins.", [("Amy Thompson", "cousin"), ("Jade Thompson", "cousin")]),
    ("His sisters Amy and Jade van Dijk wrote.", [("Amy van Dijk", "sister"), ("Jade van Dijk", "sister")]),
    (
        "His cousins Sharon Miles and Jade Thompson wrote.",
        [("Sharon Miles", "cousin"), ("Jade Thompson", "cousin")],
    ),
    ("Pat Miles (paternal grandmother) phoned the team twice in May.", [("Pat Miles", "grandmother")]),
    ("His father's mother, Irene Walsh, is eighty and keen to meet him.", [("Irene Walsh", "grandmother")]),
    ("Mrs. Adeyemi, his old teacher, wrote a reference.", [("Mrs Adeyemi", "teacher")]),
    ("Kayleigh's godmother Lorraine Devlin kept every school photo.", [("Lorraine Devlin", "godmother")]),
    ("The file names a great-aunt, Winifred O'Hara, in Dublin.", [("Winifred O'Hara", "great-aunt")]),
    ("She calls her kinship carer Aunty Bev and misses her.", [("Bev", "aunt")]),
]

NO_PEOPLE = [
    "The review took place on Monday at the Civic Hall. Court adjourned until March.",
    "English is not his mother tongue. He found a father figure in football.",
    "Mother's Day and Father's Day are difficult times of year.",
    "Care leavers often lose touch with friends. Foster care ended in 2019.",
    "The family home was sold and the placement ended after the panel met.",
    "Attendance at Northfield Academy improved in the Spring term; GCSE results were good.",
    "Housing Options offered a flat in Wolverhampton. The tenancy starts in June.",
    "HMP Brinsford confirmed the release date. Licence conditions will be set by the Probation Service.",
    "Amy and her Thompson cousins came to the family group conference.",
    "He sees Amy and her Thompson cousins at weekends.",
    "His cousins, Leaving Care and Probation were all invited to the review.",
    "Leaving Care and Probation, his key workers, attended the meeting.",
    "His friends from Leaving Care and Probation came to the review.",
    "",
    "   \n\n  ",
]


@pytest.mark.parametrize(("text", "expected"), NAMED, ids=[t[:30] for t, _ in NAMED])
def test_named_relatives_are_found(text, expected):
    leads = find_leads(text)
    assert [(lead.name, lead.relation) for lead in leads if lead.name] == expected


@pytest.mark.parametrize("text", NO_PEOPLE, ids=[t[:30] or "blank" for t in NO_PEOPLE])
def test_passages_without_people_propose_nothing(text):
    assert find_leads(text) == []


def test_kinship_details_are_carried():
    (aunt,) = find_leads("We spoke to his maternal aunt Sharon Miles about the family tree.")
    assert aunt.term == "maternal aunt"
    assert (aunt.side, aunt.sector, aunt.gender) == ("maternal", Sector.FAMILY, Gender.FEMALE)
    assert aunt.confidence is Certainty.PROBABLE
    assert aunt.excerpt == "We spoke to his maternal aunt Sharon Miles about the family tree."


def test_the_span_points_at_the_name_in_the_text():
    text = "Notes from the visit. His old foster carer Mrs Okafor still lives nearby."
    (lead,) = find_leads(text)
    assert text[lead.start : lead.end] == "Mrs Okafor"
    assert lead.gender is Gender.FEMALE


def test_late_marks_a_lead_as_deceased():
    (lead,) = find_leads("His late grandmother Edna Price raised him.")
    assert lead.deceased


def test_unnamed_relatives_are_proposed_once_and_absorbed_by_a_named_mention():
    leads = find_leads(
        "His aunt rang on Friday. Later his maternal aunt Sharon Miles rang again. His aunt is keen."
    )
    assert [(lead.name, lead.side) for lead in leads] == [("Sharon Miles", "maternal")]


def test_an_unnamed_mum_is_a_lead_but_an_unnamed_social_worker_is_not():
    leads = find_leads("His social worker said that his mum wants to be involved.")
    assert [(lead.name, lead.relation) for lead in leads] == [("", "mother")]


def test_partner_of_a_parent_keeps_the_relation():
    (lead,) = find_leads("His mum's partner Lee Grant is not safe around him.")
    assert (lead.name, lead.relation, lead.side) == ("Lee Grant", "mother's partner", "maternal")


def test_leads_link_to_existing_people_by_name():
    people = [
        Person(id="p-sharon", name="Sharon Miles"),
        Person(id="p-okafor", name="Grace Okafor"),
        Person(id="p-pat", name="Patricia Miles", known_as="Pat"),
        Person(id="p-other", name="Sharon Bell"),
    ]
    leads = find_leads(
        "His maternal aunt Sharon Miles and his old foster carer Mrs Okafor. Nan (Pat) too.", people
    )
    assert {lead.name: lead.matches for lead in leads} == {
        "Sharon Miles": ["p-sharon"],
        "Mrs Okafor": ["p-okafor"],
        "Pat": ["p-pat"],
    }


def test_a_new_name_matches_nobody():
    (lead,) = find_leads("His uncle Dev Sandhu lives in Derby.", [Person(id="p-1", name="Sharon Miles")])
    assert lead.matches == []


def test_a_long_case_file_is_scanned_whole():
    text = " ".join(t for t, _ in NAMED) * 20
    names = {lead.name for lead in find_leads(text)}
    assert {"Sharon Miles", "Edna Price", "Winifred O'Hara"} <= names


def test_too_much_text_is_refused_with_a_sentence():
    with pytest.raises(ValidationFailed, match="too long"):
        find_leads("a" * (MAX_TEXT + 1))


def test_hostile_strings_do_not_crash():
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    for s in strings:
        for lead in find_leads(f"his aunt {s} and {s}, his uncle"):
            assert lead.relation in {"aunt", "uncle"}


def test_a_shared_surname_keeps_each_span_on_the_words_written():
    text = "He has two cousins, Amy and Jade Thompson, who live near the coast."
    spans = [(lead.name, text[lead.start : lead.end]) for lead in find_leads(text)]
    assert spans == [("Amy Thompson", "Amy"), ("Jade Thompson", "Jade Thompson")]


def test_a_shared_surname_links_to_the_existing_person():
    people = [Person(id="p-amy", name="Amy Thompson"), Person(id="p-amy-2", name="Amy Shah")]
    leads = find_leads("His cousins Amy and Jade Thompson.", people)
    assert {lead.name: lead.matches for lead in leads} == {"Amy Thompson": ["p-amy"], "Jade Thompson": []}


def test_a_lone_relation_does_not_borrow_the_next_persons_surname():
    leads = find_leads("His sister Amy and Jade Thompson went shopping.")
    assert [(lead.name, lead.relation) for lead in leads] == [("Amy", "sister")]


KAI = Person(id="p-kai", name="Kai Holloway", gender=Gender.MALE)
MAISIE = Person(id="p-maisie", name="Maisie Holloway", gender=Gender.FEMALE)


def _read(text, ego=None):
    return [(lead.name, lead.relation, lead.side) for lead in find_leads(text, ego=ego)]


def test_a_pronoun_stands_for_the_young_person_unless_its_gender_points_to_someone_named_before():
    text = "His aunt Michelle and her son Tyler came."
    assert _read(text, KAI) == [("Michelle", "aunt", ""), ("Tyler", "cousin", "")]
    assert _read("Her son Tyler came.", MAISIE) == [("Tyler", "son", "")]


def test_the_same_pronoun_twice_stands_for_the_same_person():
    text = "Maisie lives with her foster carer Carol Dawson and her sister Kayla."
    assert _read(text, MAISIE) == [("Carol Dawson", "foster carer", ""), ("Kayla", "sister", "")]


def test_their_stands_for_relatives_named_together_before_it():
    text = "His cousins Jess and Tyler Barker live with their mum Michelle."
    assert _read(text, KAI)[-1] == ("Michelle", "aunt", "")


def test_the_relatives_of_someone_who_has_them_are_theirs():
    text = "Kai's aunt Michelle has two children, Jess and Tyler."
    assert _read(text, KAI) == [("Michelle", "aunt", ""), ("Jess", "cousin", ""), ("Tyler", "cousin", "")]


def test_a_possessive_name_is_the_young_person_or_a_relative_named_before():
    assert _read("Kai's cousin Jess Barker wrote.", KAI) == [("Jess Barker", "cousin", "")]
    text = "Kai's uncle Gavin Holloway rang. Gavin's daughter Amy is 12."
    assert _read(text, KAI) == [("Gavin Holloway", "uncle", ""), ("Amy", "cousin", "")]


def test_a_relative_of_someone_not_placed_is_a_relative_and_their_professionals_are_not_leads():
    text = "Ryan's sister Chloe and Ryan's social worker Dan Hall came."
    leads = find_leads(text, ego=KAI)
    assert [(lead.name, lead.relation, lead.confidence) for lead in leads] == [
        ("Chloe", "relative", Certainty.POSSIBLE)
    ]
    assert _read(text)[0] == ("Chloe", "sister", ""), "without a young person, a name is taken to be theirs"


def test_the_young_person_is_never_a_lead():
    assert _read("Maisie, Kai's sister, lives with foster carers.", MAISIE) == []


def test_chains_of_possessives_and_of_phrases_are_read_through():
    assert _read("Her mum's sister's son Callum is 15.", MAISIE) == [("Callum", "cousin", "maternal")]
    assert _read("Lee Grant, the ex-partner of her mother, rang.", MAISIE) == [
        ("Lee Grant", "mother's ex-partner", "maternal")
    ]
    (lead,) = find_leads("Her mum's sister Jo lives in Leeds.", ego=MAISIE)
    assert (lead.term, lead.gender) == ("mum's sister", Gender.FEMALE)


def test_a_relation_outside_the_family_is_named_as_a_chain():
    (lead,) = find_leads("Kai's friend Ollie Marsh and Ollie's mum Sarah came.", ego=KAI)[1:]
    assert (lead.name, lead.relation, lead.sector) == ("Sarah", "friend's mother", Sector.FRIENDS)


def test_the_side_is_read_from_a_phrase_before_or_after_the_name():
    assert _read("His grandad on his dad's side, Ron Reid, was a miner.") == [
        ("Ron Reid", "grandfather", "paternal")
    ]
    assert _read("He has a half-sister, Mia, through his mother.") == [("Mia", "half-sister", "maternal")]
    assert _read("Nan Pat (maternal) visits.") == [("Pat", "grandmother", "maternal")]


def test_death_is_read_from_late_died_and_passed_away_only():
    assert find_leads("His dad, the late Tom Corrigan, was a roofer.")[0].deceased
    assert find_leads("His uncle Rob Corrigan (deceased) was close to him.")[0].deceased
    assert find_leads("His gran Edna sadly passed away in May.")[0].deceased
    assert not find_leads("His brother Kyle passed his driving test.")[0].deceased
    assert not find_leads("His gran Edna, whose husband died in 2010, is 80.")[0].deceased


def test_a_hedged_name_is_only_possible_and_a_nationality_is_not_a_name():
    (lead,) = find_leads("His father is believed to be Marcus Reid.")
    assert (lead.name, lead.confidence) == ("Marcus Reid", Certainty.POSSIBLE)
    (lead,) = find_leads("His father is Marcus Reid.")
    assert (lead.name, lead.confidence) == ("Marcus Reid", Certainty.PROBABLE)
    assert _read("His dad is Irish.") == [("", "father", "")]


def test_a_nickname_before_a_full_name_in_brackets_is_the_known_as():
    text = "Her aunt, Shell (Michelle Barker), rang."
    (lead,) = find_leads(text)
    assert (lead.name, lead.known_as, text[lead.start : lead.end]) == (
        "Michelle Barker",
        "Shell",
        "Michelle Barker",
    )


def test_a_lower_case_mum_or_dad_is_the_young_persons_only_after_a_linking_word():
    assert _read("There is no contact with dad.") == [("", "father", "")]
    assert _read("He wants to be a good dad.") == []


def test_the_label_is_the_relation_to_the_young_person_with_its_side():
    leads = find_leads("Kai's aunt Michelle and her son Tyler came. Mum's ex-partner Lee rang.", ego=KAI)
    assert [(lead.term, lead.label) for lead in leads] == [
        ("aunt", "aunt"),
        ("son", "cousin"),
        ("Mum's ex-partner", "mother's ex-partner"),
    ]
    assert find_leads("His paternal half-brother Leo wrote.")[0].label == "paternal half-brother"
