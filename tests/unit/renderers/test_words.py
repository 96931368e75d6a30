"""Plain words for every recorded value, and UK dates."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import pytest

import netmap.models.vocabularies as vocabularies
from netmap.models import DiscoveryStatus, Person, RestrictionKind, Sector
from netmap.renderers.words import name_not_known, phrase, uk_date, words

ENUMS = [
    value
    for value in vars(vocabularies).values()
    if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
]


def test_every_vocabulary_is_covered() -> None:
    assert len(ENUMS) >= 20


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_value_has_plain_words(enum: type[StrEnum]) -> None:
    for member in enum:
        text = words(member)
        assert text and text[0].isupper(), member
        assert "_" not in text and text != member.value, member
        assert phrase(member)[0].islower() or not phrase(member)[0].isalpha()


def test_values_with_the_same_spelling_keep_their_own_words() -> None:
    assert words(vocabularies.Perspective.YOUNG_PERSON) == "The young person's view"
    assert words(vocabularies.LeadSource.YOUNG_PERSON) == "The young person"
    assert words(vocabularies.Role.YOUNG_PERSON) == "Young person"


def test_some_words() -> None:
    assert words(Sector.PEERS_COMMUNITY) == "Peers & community"
    assert words(DiscoveryStatus.IDENTIFIED) == "Lead"
    assert phrase(RestrictionKind.NON_ASSOCIATION) == "non-association condition"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2027, 3, 5), "5 March 2027"),
        (date(2026, 12, 25), "25 December 2026"),
        (date(2001, 1, 1), "1 January 2001"),
    ],
)
def test_uk_dates(day: date, text: str) -> None:
    assert uk_date(day) == text


@pytest.mark.parametrize(
    ("name", "unknown"),
    [
        ("Father (not known)", True),
        ("father (name not known)", True),
        ("?", True),
        ("Unknown", True),
        ("Ann Knowles", False),
        ("Not Known Smith", False),
    ],
)
def test_a_name_not_known_yet_is_recognised(name: str, unknown: bool) -> None:
    assert name_not_known(Person(id="p", name=name)) is unknown
