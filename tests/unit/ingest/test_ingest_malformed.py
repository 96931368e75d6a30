"""Malformed, hostile and random input gets one clear ImportFailed sentence, never another exception."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.errors import ImportFailed
from netmap.ingest import csv_xlsx, gedcom, graphml, json_format, kumu, networkcanvas
from netmap.ingest.files import MAX_BYTES
from tests.data.generate import network_canvas
from tests.paths import TESTDATA

READERS = {
    ".csv": csv_xlsx.read,
    ".xlsx": csv_xlsx.read,
    ".ged": gedcom.read,
    ".graphml": graphml.read,
    ".json": kumu.read,
}
SEEDS = {
    ".ged": TESTDATA / "gedcom" / "generated" / "gedcom7" / "remarriage.ged",
    ".graphml": TESTDATA / "graphml" / "tinkerpop" / "tinkerpop-modern.graphml",
    ".json": TESTDATA / "kumu" / "generated" / "doc-shapes" / "blueprint-with-fields.json",
    ".csv": None,
}
PEOPLE_CSV = b"name,young_person,gender,ring\nJade Example,yes,female,1\nAunt Pat,,female,2\n"


def _read(path: Path):
    return READERS[path.suffix](path, case_id="c-1")


def _refused(path: Path, *, reader=None) -> str:
    with pytest.raises(ImportFailed) as caught:
        (reader or _read)(path)
    text = str(caught.value)
    assert "\n" not in text and text.endswith(".") and "Traceback" not in text
    return text


def test_truncated_xml_names_the_line(tmp_path: Path) -> None:
    data = SEEDS[".graphml"].read_bytes()
    (tmp_path / "cut.graphml").write_bytes(data[: len(data) // 2])
    assert _refused(tmp_path / "cut.graphml").startswith("cut.graphml line 1, column")


def test_billion_laughs_and_xxe_are_refused(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b'<graphml><graph><node id="&lol2;"/></graph></graphml>'
    )
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><graphml>&e;</graphml>'
    for name, data in (("bomb.graphml", bomb), ("xxe.graphml", xxe)):
        (tmp_path / name).write_bytes(data)
        assert "DTD" in _refused(tmp_path / name)


def test_wrong_columns_are_named(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes(b"Full name,Postcode\nAnn,LS1\n")
    assert _refused(tmp_path / "people.csv") == (
        "people.csv: column 'Full name' is not a netmap column; rename it, map it "
        "(their column=netmap column) or map it to '-' to leave it out."
    )
    mapped = csv_xlsx.read(
        tmp_path / "people.csv", case_id="c-1", mapping={"Full name": "name", "Postcode": "-"}
    )
    assert [p.name for p in mapped.people] == ["Ann"]


def test_bad_values_name_file_row_and_column(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes(PEOPLE_CSV)
    (tmp_path / "people_ties.csv").write_bytes(b"from,to,strength\nJade Example,Aunt Pat,4\n")
    text = _refused(tmp_path / "people.csv", reader=csv_xlsx.read)
    assert text.startswith("people_ties.csv row 2, column 'strength': ")
    (tmp_path / "people_ties.csv").write_bytes(b"from,to,since\nJade Example,Aunt Pat,31/02/2020\n")
    assert _refused(tmp_path / "people.csv", reader=csv_xlsx.read).startswith(
        "people_ties.csv row 2, column 'since': "
    )
    (tmp_path / "people_ties.csv").write_bytes(b"from,to\nJade Example,Nobody\n")
    assert (
        _refused(tmp_path / "people.csv", reader=csv_xlsx.read)
        == "people_ties.csv row 2, to: 'Nobody' is not a person in this file."
    )


def test_bad_gedcom_date_is_kept_as_text_not_refused(tmp_path: Path) -> None:
    (tmp_path / "t.ged").write_bytes(b"0 HEAD\n0 @I1@ INDI\n1 NAME Ann\n1 BIRT\n2 DATE 45 FOO 20x7\n0 TRLR\n")
    dataset = gedcom.read(tmp_path / "t.ged", case_id="c-1")
    assert dataset.people[0].birth_year is None and "45 FOO 20x7" in dataset.memberships[0].notes


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_ten_megabytes_of_garbage_is_refused(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"garbage{suffix}"
    path.write_bytes(bytes(range(256)) * (10 * 1024 * 1024 // 256))
    _refused(path)


def test_files_over_the_cap_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.graphml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert _refused(path) == "huge.graphml: the file is 20 MB; netmap imports files up to 20 MB."


@pytest.mark.parametrize(
    ("reader", "text"),
    [
        (kumu.read, b'{"elements": [{"label": "\xc0\x80"}]}'),  # an overlong NUL: yajl lets it through
        (json_format.read, b'{"format": "netmap", "people": [{"id": "p-1", "name": "\xc0\x80"}]}'),
    ],
)
def test_bytes_that_are_not_utf8_text_are_refused_in_one_sentence(
    reader: Callable[..., object], text: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "odd.json"
    path.write_bytes(text)
    with pytest.raises(ImportFailed) as error:
        reader(path)
    assert str(error.value) == "odd.json: not UTF-8 text."


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path / "nope.json") == "nope.json: the file does not exist."


def test_two_young_people_are_refused(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_bytes(b"name,young_person\nA,yes\nB,yes\n")
    assert "second young person" in _refused(tmp_path / "p.csv", reader=csv_xlsx.read)


def test_network_canvas_folder_with_many_interviews_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(TESTDATA / network_canvas.CSV_FOLDER, folder)
    assert f"{network_canvas.INTERVIEWS} Network Canvas interviews" in _refused(
        folder, reader=networkcanvas.read
    )


def _seed(suffix: str) -> bytes:
    seed = SEEDS[suffix]
    return seed.read_bytes() if seed else PEOPLE_CSV


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from([".ged", ".graphml", ".json", ".csv"]), data=st.binary(max_size=2000))
def test_random_bytes_import_or_fail_clearly(suffix: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    try:
        _read(path)
    except ImportFailed as error:
        assert str(error).startswith("random")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    suffix=st.sampled_from([".ged", ".graphml", ".json", ".csv"]),
    cut=st.integers(0, 10_000),
    junk=st.binary(max_size=40),
    drop=st.integers(0, 60),
)
def test_mutated_files_import_or_fail_clearly(
    suffix: str, cut: int, junk: bytes, drop: int, tmp_path: Path
) -> None:
    seed = _seed(suffix)
    at = cut % (len(seed) + 1)
    path = tmp_path / f"mutated{suffix}"
    path.write_bytes(seed[:at] + junk + seed[at + drop :])
    try:
        _read(path)
    except ImportFailed as error:
        assert str(error).startswith("mutated")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_random_gedcom_text_imports_or_fails_clearly(text: str, tmp_path: Path) -> None:
    path = tmp_path / "text.ged"
    path.write_text("0 HEAD\n0 @I1@ INDI\n1 NAME " + text + "\n0 TRLR\n", encoding="utf-8")
    try:
        gedcom.read(path, case_id="c-1")
    except ImportFailed as error:
        assert str(error).startswith("text.ged")
