"""Which cases a cohort report covers: the young person's age, the local authority, the prison, the referral date."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, model_validator

from netmap.graph.analytics.evidence import Evidence

__all__ = ["CohortFilter", "names_match", "parse_ages"]

_AGES = re.compile(r"^\s*(\d{1,3})\s*-\s*(\d{1,3})\s*$")


def parse_ages(text: str) -> tuple[int, int]:
    """An age range written ``A-B`` (both ages included).

    >>> parse_ages("18-25")
    (18, 25)
    >>> parse_ages("25-18")
    Traceback (most recent call last):
    ...
    ValueError: ages: write the youngest age first, as in 18-25.
    """
    found = _AGES.match(text)
    if found is None:
        raise ValueError(f"ages: {text!r} is not a range of ages such as 18-25.")
    low, high = int(found.group(1)), int(found.group(2))
    if high < low:
        raise ValueError("ages: write the youngest age first, as in 18-25.")
    return low, high


def names_match(wanted: str, recorded: str) -> bool:
    """Whether a recorded authority or prison is the one asked for: the same words, or containing them.

    >>> names_match("westbrook", "Westbrook City Council"), names_match("Kelby", "Westbrook City Council")
    (True, False)
    >>> names_match("Westbrook", "")
    False
    """
    a, b = " ".join(wanted.casefold().split()), " ".join(recorded.casefold().split())
    return bool(a) and bool(b) and a in b


class CohortFilter(BaseModel):
    """The cases a cohort report covers; every condition left empty lets every case through.

    A case whose young person's age (or referral date) is not recorded is left out by a filter on
    age (or referral date). Ages are counted on the report's day, with only a birth year as if born
    on 1 January.

    >>> from netmap.graph.analytics.evidence import case_evidence
    >>> from netmap.graph.analytics.samples import tiny_network
    >>> evidence = case_evidence(tiny_network(), as_of=date(2026, 11, 24))
    >>> CohortFilter(ages=(13, 17)).admits(evidence), CohortFilter(ages=(18, 25)).admits(evidence)
    (False, True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    ages: tuple[int, int] | None = None
    authority: str = ""
    prison: str = ""
    referred_from: date | None = None
    referred_to: date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> CohortFilter:
        if self.referred_from and self.referred_to and self.referred_to < self.referred_from:
            raise ValueError("referred_to is before referred_from")
        return self

    @property
    def empty(self) -> bool:
        return self == CohortFilter()

    def admits(self, case: Evidence) -> bool:
        """Whether the case (its young person's age on the evidence's day) is one the filter covers."""
        if self.ages is not None:
            age = case["age"]
            if age is None or not self.ages[0] <= age <= self.ages[1]:
                return False
        if self.authority and not names_match(self.authority, case["local_authority"]):
            return False
        if self.prison and not names_match(self.prison, case["prison"]):
            return False
        if self.referred_from or self.referred_to:
            referred = case["referred_on"]  # ISO text, which sorts as the dates do
            if referred is None:
                return False
            if (self.referred_from and referred < self.referred_from.isoformat()) or (
                self.referred_to and referred > self.referred_to.isoformat()
            ):
                return False
        return True
