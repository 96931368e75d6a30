"""netmap's own layout read fast: the same records and the same refusals as the general parser."""

from __future__ import annotations

import io
import re
import typing
from collections.abc import Callable, Iterable, Iterator

import ijson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from netmap.errors import ImportFailed
from netmap.ingest import json_format, json_stream
from netmap.ingest.json_layout import OffLayout, layout_records
from netmap.ingest.json_stream import JsonRecords, iter_records
from netmap.ingest.limits import MAX_JSON_DEPTH
from netmap.ingest.record_index import RecordIndex
from netmap.models import DATASET_FIELDS, Dataset, Network, Person, Record, Snapshot
from netmap.services.data import SAMPLES_DIR

# A case with a snapshot, kin, custody and restricted details, in netmap's own layout.
DATASET = json_format.read(SAMPLES_DIR / "custody-referral.json")
TEXT = json_format.dumps(DATASET)


def _sorted(records: Iterable[Record]) -> list[Record]:
    return sorted(records, key=lambda record: (record.table, record.id))


def _outcome(data: bytes) -> tuple[str, object]:
    try:
        return "read", [record.model_dump_json() for record in iter_records(io.BytesIO(data), "f.json")]
    except ImportFailed as exc:
        return "refused", str(exc)


def _general(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[str, object]:
    def off(_handle: typing.BinaryIO) -> Iterator[object]:
        raise OffLayout
        yield  # pragma: no cover

    with monkeypatch.context() as patch:
        patch.setattr(json_stream, "layout_records", off)
        return _outcome(data)


def test_an_export_is_read_without_the_general_parser(monkeypatch: pytest.MonkeyPatch):
    def no_events(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the general parser was used")

    monkeypatch.setattr(ijson, "basic_parse", no_events)
    read = list(iter_records(io.BytesIO(TEXT.encode()), "f.json"))
    assert _sorted(read) == _sorted(DATASET.records()) and len(read) == 13


def test_the_layout_reader_takes_an_empty_export_and_a_byte_order_mark(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ijson, "basic_parse", None)
    assert list(iter_records(io.BytesIO(json_format.dumps(Dataset()).encode()), "f.json")) == []
    with_mark = b"\xef\xbb\xbf" + TEXT.encode()
    assert _sorted(iter_records(io.BytesIO(with_mark), "f.json")) == _sorted(DATASET.records())


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


DEPARTURES: dict[str, Callable[[str], str]] = {
    "a record that does not validate, after others": lambda t: t.replace(
        '"name": "Shannon', '"name": 7, "x": "Shannon'
    ),
    "an integer past 64 bits": lambda t: re.sub(
        '"version": [0-9]+', '"version": 18446744073709551616', t, count=1
    ),
    "an integer past 63 bits": lambda t: re.sub(
        '"version": [0-9]+', '"version": 9223372036854775808', t, count=1
    ),
    "nineteen digits in a text": lambda t: t.replace('"Bev Hollis"', '"Bev 1234567890123456789"'),
    "a value nested past the limit": lambda t: t.replace(
        '"custody": [', f'"x": {_nested(70)}, "custody": [', 1
    ),
    "a lone surrogate": lambda t: t.replace('"Bev Hollis"', '"Bev \\ud800"'),
    "trailing text": lambda t: t + "]",
    "trailing whitespace": lambda t: t + " \n\t\r\n",
    "no final newline": lambda t: t.rstrip("\n"),
    "Windows line ends": lambda t: t.replace("\n", "\r\n"),
    "compact": lambda t: t.replace("\n", "").replace("  ", ""),
    "a table twice": lambda t: t.replace('"users": []', '"users": [], "users": []'),
    "an unknown table": lambda t: t.replace('"users": []', '"users": [],\n  "photos": [\n    {\n    }\n  ]'),
    "a comma missing between records": lambda t: t.replace("    },\n    {", "    }\n    {", 1),
    "a comma after the last record": lambda t: t.replace("    }\n  ],", "    },\n  ],", 1),
    "a comma missing between tables": lambda t: t.replace('"grants": [],', '"grants": []', 1),
    "another format": lambda t: t.replace('"format": "netmap"', '"format": "other"'),
    "a format that is an object": lambda t: t.replace('"format": "netmap"', '"format": {}'),
    "a record cut short": lambda t: t[: t.index('"ego_id"')],
    "a record on one line": lambda t: t.replace('"from_year": 2011,\n        ', '"from_year": 2011, '),
    "a record closed at the table's indent": lambda t: t.replace('      "custody": [', '    "custody": [', 1),
}


@pytest.mark.parametrize("change", DEPARTURES.values(), ids=DEPARTURES.keys())
def test_a_file_off_the_layout_reads_as_the_general_parser_reads_it(
    change: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
):
    data = change(TEXT).encode("utf-8", "surrogatepass")
    assert data != TEXT.encode()
    assert _outcome(data) == _general(data, monkeypatch)


def test_a_record_that_does_not_validate_is_named_by_its_place():
    data = DEPARTURES["a record that does not validate, after others"](TEXT).encode()
    assert _outcome(data) == (
        "refused",
        "f.json people[2].name: Input should be a valid string (and 1 more problem).",
    )


def test_a_value_nested_too_deep_is_refused_as_before():
    data = DEPARTURES["a value nested past the limit"](TEXT).encode()
    assert _outcome(data) == ("refused", "f.json: nests values more than 64 deep; netmap reads at most 64.")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_edit_of_an_export_reads_as_the_general_parser_reads_it(
    data: st.DataObject, monkeypatch: pytest.MonkeyPatch
):
    text = bytearray(TEXT.encode())
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text) - 1))
        edit = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = data.draw(st.sampled_from(b' \n,:{}[]"\\0123456789e-.x\xff'))
        if edit == "delete":
            del text[at]
        else:
            text[at : at + (edit == "replace")] = bytes([byte])
    assert _outcome(bytes(text)) == _general(bytes(text), monkeypatch)


def _depth(annotation: object) -> int:
    """How many JSON arrays and objects deep a value of ``annotation`` can nest."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return 1 + max((_depth(f.annotation) for f in annotation.model_fields.values()), default=0)
    origin = typing.get_origin(annotation)
    inner = max((_depth(arg) for arg in typing.get_args(annotation)), default=0)
    return inner + (origin in (list, dict, tuple, set, frozenset))


def test_no_record_a_model_takes_nests_past_the_limit():
    # The layout reader leaves the depth to validation: a record that validates is this shallow.
    assert all(0 < _depth(kind) < MAX_JSON_DEPTH for kind in DATASET_FIELDS)
    assert _depth(Snapshot) > _depth(Network) > _depth(Person)


def test_a_source_s_dumped_text_is_what_the_index_compares():
    ann = Person(id="p-1", name="Ann")
    texts = iter([b"one", b"two"])
    with pytest.raises(ImportFailed, match="person p-1: appears twice with different content"):
        RecordIndex.build([ann, ann], "", lambda _record: next(texts))
    with JsonRecords(io.BytesIO(TEXT.encode()), "f.json") as records:
        for record in records.scan():
            assert records.dumped(record) == record.model_dump_json().encode()


def test_the_layout_reader_stops_at_an_overlong_line(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("netmap.ingest.json_layout._BLOCK", 16)
    monkeypatch.setattr("netmap.ingest.json_layout._LONGEST_LINE", 64)
    with pytest.raises(OffLayout):
        list(layout_records(io.BytesIO(b"{\n" + b" " * 200 + b"\n}\n")))
    assert _outcome(TEXT.encode())[0] == "read"
