"""The checks every stored record is read back through give what they gave before their fast paths:
one-line text, and vocabulary lists kept once each in the vocabulary's order."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from netmap.models import DOMAIN_ORDER, Conference, PlanItem, Tie
from netmap.models.fields import ShortText
from netmap.models.vocabularies import StatutoryPlan, SupportDomain
from netmap.models.vocabulary_order import once_each_in_order

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\t\n\r]")
_SHORT = TypeAdapter(ShortText)


def _one_line_before(value: str) -> str | None:
    """The one-line check as it was written before its fast path; None where it refused."""
    value = value.strip(" \t\n\r")
    if _CONTROL.search(value) or _LINE_BREAKS.search(value):
        return None
    return value.strip()


@settings(max_examples=2000, deadline=None)
@given(
    st.text(max_size=40)
    | st.sampled_from(["a\x1f", " a\u00a0", "a\n\u00a0", "\u2028", "a\x1c b", " \t x \r\n"])
)
def test_one_line_text_is_checked_as_before(value: str) -> None:
    expected = _one_line_before(value)
    if expected is None or len(expected) > 200:
        with pytest.raises(ValidationError):
            _SHORT.validate_python(value)
    else:
        assert _SHORT.validate_python(value) == expected


@given(st.lists(st.sampled_from(list(SupportDomain)), max_size=12))
def test_support_domains_are_kept_once_each_in_their_order(domains: list[SupportDomain]) -> None:
    expected = sorted(set(domains), key=DOMAIN_ORDER.__getitem__)
    assert once_each_in_order(domains, SupportDomain) == expected
    tie = Tie(id="t-1", case_id="c-1", from_id="p-1", to_id="p-2", domains=domains)
    assert tie.domains == expected
    assert Tie.model_validate_json(tie.model_dump_json()).domains == expected


@given(st.lists(st.sampled_from(list(StatutoryPlan)), max_size=8))
def test_a_plan_item_serves_each_plan_once_in_order(serves: list[StatutoryPlan]) -> None:
    item = PlanItem(what="Find a flat", owner_id="p-1", serves=serves)
    assert item.serves == sorted(set(serves), key=list(StatutoryPlan).index)
    conference = Conference(id="f-1", case_id="c-1", plan=[item])
    assert Conference.model_validate_json(conference.model_dump_json()).plan[0].serves == item.serves
