"""Relations as paths from the young person, and the words that name them."""

from __future__ import annotations

import pytest

from netmap.models import Gender
from netmap.planning.kin_paths import (
    CHILD,
    PARENT,
    RELATION_PATHS,
    SIBLING,
    Step,
    path_of,
    reduce,
    relation_name,
    side_of,
)

F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN
ALIASES = {"girlfriend", "boyfriend", "ex-girlfriend", "ex-boyfriend", "special guardian"}


@pytest.mark.parametrize("relation", sorted(set(RELATION_PATHS) - ALIASES))
def test_every_relation_word_names_its_own_path(relation):
    assert relation_name(path_of(relation)) == relation


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_an_alias_names_the_same_path_as_a_general_word(alias):
    assert relation_name(path_of(alias)) in {"partner", "ex-partner", "kinship carer"}


def test_a_side_sets_the_parent_the_path_goes_through():
    assert path_of("cousin", "paternal") == (Step(PARENT, M), Step(SIBLING), Step(CHILD))
    assert side_of(path_of("grandfather", "maternal")) == "maternal"
    assert path_of("mother", "paternal") == (Step(PARENT, F),), "a parent has no side"
    assert side_of(path_of("half-brother", "paternal")) == "", (
        "a half-sibling is not reached through a parent"
    )


def test_possessive_chains_join_paths():
    assert path_of("mother's sister") == path_of("aunt", "maternal")
    assert relation_name(path_of("father's mother")) == "grandmother"
    assert relation_name(path_of("grandmother's sister")) == "great-aunt"
    assert relation_name(path_of("mother's sister's son")) == "cousin"
    assert relation_name(path_of("aunt's partner")) == "aunt's partner"
    assert path_of("mother's friend") is None


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("brother's mother", "mother"),
        ("uncle's father", "grandfather"),
        ("cousin's father", "uncle"),
        ("aunt's son's father", "aunt's partner"),
        ("half-brother's mother", "half-brother's mother"),
        ("son's mother", "son's mother"),
    ],
)
def test_reduce_finds_the_shortest_path_to_the_same_person(said, meant):
    assert relation_name(reduce(path_of(said))) == meant


def test_the_fewest_words_are_used_and_the_first_is_shortest():
    assert relation_name(path_of("mother's cousin")) == "mother's cousin"
    assert relation_name((Step(PARENT, F), Step(PARENT), Step(SIBLING, M))) == "great-uncle"
    assert relation_name(()) == ""
