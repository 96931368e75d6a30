"""The import's index of ids: the same answers as a plain dict of every id, in a fraction of the memory."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.errors import ImportFailed
from netmap.ingest import record_index
from netmap.ingest.record_index import RecordIndex
from netmap.models import Case, Person

# Ids of many lengths that share prefixes ("p-1", "p-10", "p-1.0"), so a lookup cut to the table's
# width or padded with zero bytes would answer wrongly.
ids = st.text(alphabet="p-1.0|:", min_size=1, max_size=6).map(lambda tail: f"p{tail}")
names = st.sampled_from(["Ann", "Bo"])


def _reference(people: list[Person]) -> tuple[dict[str, tuple[int, str]], str | None]:
    """What the index should say: each id's first position and name, and the first id met again
    with other content (in file order)."""
    first: dict[str, tuple[int, str]] = {}
    clash = None
    for position, person in enumerate(people):
        seen = first.setdefault(person.id, (position, person.name))
        if seen[1] != person.name and clash is None:
            clash = person.id
    return first, clash


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(ids, names), max_size=40), st.lists(ids, max_size=10))
def test_the_index_answers_as_a_dict_of_every_id_would(pairs, others):
    people = [Person(id=pid, name=name) for pid, name in pairs]
    first, clash = _reference(people)
    if clash is not None:
        with pytest.raises(ImportFailed, match=f"person {clash}: appears twice with different content"):
            RecordIndex.build(people, "f.json ")
        return
    index = RecordIndex.build(people, "f.json ")
    assert [index.first(p, n) for n, p in enumerate(people)] == [
        first[p.id][0] == n for n, p in enumerate(people)
    ]
    assert index.count(Person) == len(first)
    assert list(index.ids(Person)) == sorted(first, key=lambda pid: pid.encode())
    for pid in [*first, *others, "p" + "-" * 90]:
        assert index.has(Person, pid) is (pid in first)
    assert not index.has(Case, people[0].id if people else "p-1")
    assert index.count(Case) == 0 and list(index.ids(Case)) == []


def test_a_clash_across_the_chunks_names_the_earliest_record_in_the_file(monkeypatch):
    monkeypatch.setattr(record_index, "_CHUNK", 3)  # ids pass into arrays three at a time
    people = [Person(id=f"p-{n}", name="Ann") for n in range(10)]
    people += [Person(id="p-7", name="Bo"), Person(id="p-2", name="Bo"), Person(id="p-4", name="Ann")]
    with pytest.raises(ImportFailed, match="f.json person p-7: appears twice with different content"):
        RecordIndex.build(people, "f.json ")
    again = [*people[:10], people[12], people[3]]  # p-4 and p-3 met again with the same content
    index = RecordIndex.build(again, "")
    assert [index.first(p, n) for n, p in enumerate(again)] == [True] * 10 + [False, False]
    assert index.has(Person, "p-9") and not index.has(Person, "p-10")


def test_among_many_repeats_the_first_of_each_id_is_the_one_imported():
    # Enough records that the sort is not an insertion sort, which keeps equal ids in order anyway.
    people = [Person(id=f"p-{(n * 7919) % 97}", name="Ann") for n in range(5000)]
    first, _ = _reference(people)
    index = RecordIndex.build(people, "")
    assert [index.first(p, n) for n, p in enumerate(people)] == [
        first[p.id][0] == n for n, p in enumerate(people)
    ]


def test_the_cases_the_records_belong_to_are_kept():
    index = RecordIndex.build([Case(id="c-1", title="Jo", ego_id="p-1")], "")
    assert index.case_keys == {"c-1"} and list(index.ids(Case)) == ["c-1"]
