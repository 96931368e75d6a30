"""The streaming JSON reader: the same Dataset as a whole-file read, clear refusals, nothing readable on disk."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from netmap.errors import ImportFailed
from netmap.ingest import json_format, json_stream
from netmap.ingest.json_stream import JsonRecords, iter_records, open_records
from netmap.ingest.record_index import RecordIndex
from netmap.models import DATASET_FIELDS, Dataset, Person
from netmap.services.data import SAMPLES_DIR

SAMPLES = sorted(SAMPLES_DIR.glob("*.json"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_a_sample_reads_as_the_same_dataset_as_a_whole_file_parse(path: Path):
    assert json_format.read(path) == Dataset.model_validate(json.loads(path.read_bytes()))


def test_tables_come_back_in_file_order_with_repeats(tmp_path: Path):
    people = [{"id": f"p-{n}", "name": f"Person {n}"} for n in (3, 1, 2, 1)]
    path = tmp_path / "people.json"
    path.write_text(json.dumps({"people": people, "format": "netmap"}))
    with open_records(path) as records:
        index = RecordIndex.build(records.scan(), "people.json ")
        read_back = list(records.table(Person))
    assert [p.id for p in read_back] == ["p-3", "p-1", "p-2", "p-1"]
    assert [index.first(p, n) for n, p in enumerate(read_back)] == [True, True, True, False]
    assert index.count(Person) == 3


def test_the_records_waiting_on_disk_are_not_readable(tmp_path: Path):
    secret = "17 Quillby Lane, Exampletown"
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"people": [{"id": "p-1", "name": "Ann Quillby", "address": secret}]}))
    with open_records(path) as records:
        assert [p.address for p in records.scan()] == [secret]
        spooled = b""
        for handle in records._spool._files.values():  # what lies on disk
            handle.seek(0)
            spooled += handle.read()
        assert spooled and b"Quillby" not in spooled and b"p-1" not in spooled
        assert [p.address for p in records.table(Person)] == [secret]


def test_a_table_cannot_be_read_back_before_the_scan():
    with JsonRecords(io.BytesIO(b"{}"), "x.json") as records, pytest.raises(RuntimeError):
        records.table(Person)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[]", 'f.json top level: expected a JSON object with "format": "netmap".'),
        (b'{"people": {}}', "f.json people: Input should be a valid list."),
        (b'{"people": [], "people": []}', "f.json top level: 'people' appears twice."),
        (b'{"photos": [1]}', "f.json photos: Extra inputs are not permitted."),
        (b'{"format": "other"}', "f.json top level: format must be 'netmap'."),
        (b'{"people": [{"id": "p-1", "name": "\xff"}]}', "f.json: not UTF-8 text."),
        (b'{"people": [7]}', "f.json people[0]: Input should be a valid dictionary or instance of Person."),
        (b'{"people": [{"id": "p-1"}]} ]', "f.json people[0].name: Field required."),
        (b'{"people": []} ]', "f.json line 1 column 16: not valid JSON (Extra data)."),
    ],
)
def test_bad_input_is_refused_with_one_sentence(data: bytes, message: str):
    with pytest.raises(ImportFailed) as refused:
        list(iter_records(io.BytesIO(data), "f.json"))
    assert str(refused.value) == message


def test_a_byte_order_mark_is_allowed():
    text = b'\xef\xbb\xbf{"people": [{"id": "p-1", "name": "Ann"}]}'
    assert [p.name for p in iter_records(io.BytesIO(text), "f.json")] == ["Ann"]


def test_a_syntax_error_in_a_large_file_names_its_lines_and_quotes_nothing(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(json_stream, "_EXACT_ERRORS_BYTES", 0)
    people = [{"id": f"p-{n}", "name": f"Secret Name {n}"} for n in range(3)]
    text = json.dumps({"people": people}, indent=2).replace('"p-2"', '"p-2" "Secret"')
    with pytest.raises(ImportFailed) as refused:
        list(iter_records(io.BytesIO(text.encode()), "big.json"))
    message = str(refused.value)
    assert message.startswith("big.json line 1–") and ": not valid JSON (" in message
    assert "Secret" not in message and "\n" not in message


def test_the_scan_indexes_every_table_of_a_dataset_once():
    ann = Person(id="p-1", name="Ann")
    index = RecordIndex.build(Dataset(people=[ann]).records(), "")
    assert {kind for kind in DATASET_FIELDS if index.count(kind)} == {Person}


def test_a_whole_service_backup_is_under_the_size_limit_and_a_bigger_file_is_refused(tmp_path: Path):
    # netmap's own export of 50,000 cases with their snapshots is 7.8 GB (docs/benchmarks.md): it
    # must be restorable. A file past the limit is refused before anything is read.
    assert json_stream.MAX_BYTES > 8 * 1024**3
    path = tmp_path / "too-big.json"
    with path.open("wb") as handle:
        handle.truncate(json_stream.MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(
        ImportFailed, match=r"too-big.json: the file is 32769 MB, larger than the 32768 MB limit"
    ):
        with open_records(path):
            pass


def test_an_id_met_again_with_other_content_is_refused_and_with_the_same_content_is_skipped():
    ann = Person(id="p-1", name="Ann")
    index = RecordIndex.build([ann, Person(id="p-2", name="Bo"), ann], "f.json ")
    assert [index.first(ann, 0), index.first(ann, 2)] == [True, False]
    with pytest.raises(ImportFailed, match="person p-1: appears twice with different content"):
        RecordIndex.build(
            [ann, Person(id="p-2", name="Bo"), ann.model_copy(update={"name": "Ann B"})], "f.json "
        )
