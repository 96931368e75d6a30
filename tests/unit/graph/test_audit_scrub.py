"""The pure scrub every store applies to earlier audit entries when a person is erased."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from netmap.graph.audit_scrub import AuditScrub, recorded, scrub_event, search_terms
from netmap.models import AuditEvent

STONE = AuditEvent(
    at="2025-06-02T09:00:00Z", actor="amy", action="person.erase", entity="person", entity_id="p-del",
    after={"counts": {"ties": 1}},
)  # fmt: skip
SCRUB = AuditScrub("p-del", STONE, names=("Delphine Marsh", "Del", "del.marsh"), own_ids=frozenset({"t-1"}))


def _event(entity_id: str = "s-1", **sides: Any) -> AuditEvent:
    return AuditEvent(
        at="2025-06-01T09:00:00Z", actor="amy", action="x.update", entity="x", entity_id=entity_id,
        case_id="c-1", **sides,
    )  # fmt: skip


def test_her_own_records_keep_the_facts_and_lose_the_content():
    event = _event("t-1", before={"from_id": "p-1", "to_id": "p-del"}, after={"strength": 3})
    scrubbed = scrub_event(event, SCRUB)
    assert scrubbed is not None
    assert (scrubbed.before, scrubbed.after) == ({"erased": True}, {"erased": True})
    assert scrubbed.model_dump(exclude={"before", "after"}) == event.model_dump(exclude={"before", "after"})
    created = scrub_event(_event("p-del", after={"name": "Delphine Marsh"}), SCRUB)
    assert created is not None and created.before is None


def test_she_leaves_lists_and_text_but_others_stay():
    event = _event(
        after={
            "invitees": [{"person_id": "p-del", "role": "aunt"}, {"person_id": "p-tob", "role": "uncle"}],
            "plan": [{"owner_id": "p-del", "what": "lunch"}, {"owner_id": "p-tob", "what": "Del's lift"}],
            "restrictions": [{"kind": "non_association", "other_person_id": "p-del"}],
            "hidden_people": ["p-del", "p-tob"],
            "hidden_from": {"del.marsh": ["p-tob"]},
            "membership": "c-1|p-del",
            "title": "DELPHINE MARSH and Delphine Marshall",
        }
    )
    scrubbed = scrub_event(event, SCRUB)
    assert scrubbed is not None and scrubbed.after == {
        "invitees": [{"person_id": "p-tob", "role": "uncle"}],
        "plan": [{"owner_id": "p-tob", "what": "[erased]'s lift"}],
        "restrictions": [],
        "hidden_people": ["[erased]", "p-tob"],
        "hidden_from": {"[erased]": ["p-tob"]},
        "membership": "c-1|[erased]",
        "title": "[erased] and Delphine Marshall",
    }


def test_sealed_values_are_never_touched():
    sealed = "enc1:gAAAAA-Del-p-del-Delphine Marsh"
    assert scrub_event(_event(after={"notes": sealed}), SCRUB) is None


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(alphabet="abcxyz -|.'"),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text("abcid_", max_size=6), inner),
        max_leaves=20,
    )
)
def test_an_entry_that_never_mentions_her_is_left_alone(payload: Any):
    assert scrub_event(_event(before={"v": payload}, after={"w": [payload]}), SCRUB) is None


def test_the_store_searches_json_escaped_terms_and_records_only_a_count():
    quoted = AuditScrub("p-1", STONE, names=('Jo "JJ" Lee', "Zoë"))
    assert search_terms(quoted) == ('Jo \\"JJ\\" Lee', "Zoë", "p-1")
    assert recorded(SCRUB, 4).after == {"counts": {"ties": 1, "audit_entries_scrubbed": 4}}
    assert STONE.after == {"counts": {"ties": 1}}
