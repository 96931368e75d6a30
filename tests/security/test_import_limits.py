"""Small files built to exhaust memory or time are refused with one sentence, and every importer stays
under the memory target on them: the peak is measured in a fresh process that runs only the import."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from netmap.ingest.limits import MAX_BYTES, MAX_JSON_DEPTH, MAX_PEOPLE, MAX_ROWS, MAX_UNZIPPED_BYTES

PEAK_LIMIT_MB = 500
ROOT = Path(__file__).resolve().parents[2]
# Run in a new interpreter so its peak resident memory is the import's alone.
PROBE = """
import json, resource, sys
from pathlib import Path
from netmap.errors import ImportFailed
from netmap.ingest import read_file
fmt, path, options = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
try:
    dataset, report = read_file(fmt, path, **options)
    outcome = f"imported {len(dataset.people)} people"
except ImportFailed as error:
    outcome = str(error)
# ru_maxrss survives exec (it would report the test process's own peak); the high-water mark of
# this process's memory is VmHWM, which starts afresh with the new program.
status = Path("/proc/self/status")
hwm = [int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmHWM:")] if status.exists() else []
print(json.dumps({"outcome": outcome, "peak_mb": (hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) // 1024}))
"""


def _import_peak(fmt: str, path: Path, **options: str) -> tuple[str, int]:
    """The outcome (a refusal sentence or what was imported) and the peak memory in MB."""
    assert path.stat().st_size <= MAX_BYTES, "a bomb must be under the upload cap to count"
    run = subprocess.run(
        [sys.executable, "-c", PROBE, fmt, str(path), json.dumps(options)],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=600,
    )  # fmt: skip
    result = json.loads(run.stdout)
    return result["outcome"], result["peak_mb"]


def _xlsx_bomb(path: Path, *, unpacked: int, understate: bool = False) -> None:
    """A workbook whose one sheet repeats a row until it unpacks to ``unpacked`` bytes (~4 MB zipped)."""
    book = openpyxl.Workbook()
    book.active.title = "People"
    plain = io.BytesIO()
    book.save(plain)
    row = b'<row><c t="inlineStr"><is><t>Ann Example</t></is></c></row>' * 10_000
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info, source.read(info))
                continue
            with bomb.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                for _ in range(unpacked // len(row)):
                    sheet.write(row)
                sheet.write(b"</sheetData></worksheet>")
    if understate:  # claim the sheet unpacks to 1 KB, in its local and central headers
        data = bytearray(path.read_bytes())
        name = b"xl/worksheets/sheet1.xml"
        for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
            at = data.find(signature)
            while at != -1:
                if data[at + name_at : at + name_at + len(name)] == name:
                    data[at + size_at : at + size_at + 4] = (1024).to_bytes(4, "little")
                at = data.find(signature, at + 4)
        path.write_bytes(bytes(data))


def test_an_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    _xlsx_bomb(tmp_path / "bomb.xlsx", unpacked=700 * 1024 * 1024)
    assert 2 * 1024 * 1024 < (tmp_path / "bomb.xlsx").stat().st_size < 8 * 1024 * 1024
    outcome, peak = _import_peak("xlsx", tmp_path / "bomb.xlsx")
    assert outcome.startswith("bomb.xlsx: unpacks to ") and outcome.endswith(
        f"netmap unpacks at most {MAX_UNZIPPED_BYTES // 2**20} MB."
    )
    assert peak < PEAK_LIMIT_MB


def test_an_xlsx_bomb_that_understates_its_size_reads_no_further_than_it_claims(tmp_path: Path) -> None:
    _xlsx_bomb(tmp_path / "liar.xlsx", unpacked=200 * 1024 * 1024, understate=True)
    outcome, peak = _import_peak("xlsx", tmp_path / "liar.xlsx")
    assert outcome.startswith("liar.xlsx: ") and outcome.endswith(".") and "\n" not in outcome
    assert peak < PEAK_LIMIT_MB


def test_a_19_mb_one_column_csv_is_refused_at_the_row_limit(tmp_path: Path) -> None:
    (tmp_path / "column.csv").write_bytes(b"name\n" + b"Ann Example\n" * (19_000_000 // 12))
    outcome, peak = _import_peak("csv", tmp_path / "column.csv")
    assert outcome == f"column.csv: has more than {MAX_ROWS:,} rows; netmap imports at most {MAX_ROWS:,}."
    assert peak < PEAK_LIMIT_MB


def test_a_14_mb_graphml_is_refused_at_the_node_limit(tmp_path: Path) -> None:
    nodes = b"".join(b'<node id="n%d"/>' % i for i in range(700_000))
    head, tail = b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>', b"</graph></graphml>"
    (tmp_path / "big.graphml").write_bytes(head + nodes + tail)
    assert (tmp_path / "big.graphml").stat().st_size > 13 * 1024 * 1024
    outcome, peak = _import_peak("graphml", tmp_path / "big.graphml")
    assert (
        outcome
        == f"big.graphml: holds more than {MAX_PEOPLE:,} nodes; netmap imports at most {MAX_PEOPLE:,} at once."
    )
    assert peak < PEAK_LIMIT_MB


def test_a_graphml_of_data_elements_stays_under_the_target(tmp_path: Path) -> None:
    data = b'<data key="d">x</data>' * 40
    nodes = b"".join(b'<node id="n%d">%s</node>' % (i, data) for i in range(20_000))
    (tmp_path / "wide.graphml").write_bytes(b"<graphml><graph>" + nodes + b"</graph></graphml>")
    outcome, peak = _import_peak("graphml", tmp_path / "wide.graphml", case_id="c-1", ego_id="p-1")
    assert outcome.startswith("wide.graphml: has more than ") and "XML elements" in outcome
    assert peak < PEAK_LIMIT_MB


@pytest.mark.parametrize("fmt", ["kumu", "json"])
def test_deeply_nested_json_is_refused_without_a_traceback(fmt: str, tmp_path: Path) -> None:
    depth = 200_000
    body = b'{"people": [{"id": "p-1", "name": "Ann", "x": ' + b"[" * depth + b"]" * depth + b"}]}"
    (tmp_path / "deep.json").write_bytes(body if fmt == "json" else body.replace(b"people", b"elements"))
    outcome, peak = _import_peak(fmt, tmp_path / "deep.json")
    assert (
        outcome
        == f"deep.json: nests values more than {MAX_JSON_DEPTH} deep; netmap reads at most {MAX_JSON_DEPTH}."
    )
    assert peak < PEAK_LIMIT_MB


def test_a_kumu_blueprint_of_tiny_elements_stays_under_the_target(tmp_path: Path) -> None:
    elements = b",".join(b'{"label":"e%d"}' % i for i in range(1_100_000))
    (tmp_path / "many.json").write_bytes(
        b'{"elements":[' + elements[: 19 * 1024 * 1024].rsplit(b",", 1)[0] + b"]}"
    )
    outcome, peak = _import_peak("kumu", tmp_path / "many.json", case_id="c-1", ego_id="p-1")
    assert outcome.startswith("many.json: holds more than ") and outcome.endswith(".")
    assert peak < PEAK_LIMIT_MB


def test_a_gedcom_of_many_people_stays_under_the_target(tmp_path: Path) -> None:
    people = "".join(f"0 @I{i}@ INDI\n1 NAME Person {i} /Example/\n1 SEX F\n" for i in range(300_000))
    (tmp_path / "many.ged").write_text(
        "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n" + people[: 19 * 1024 * 1024] + "0 TRLR\n"
    )
    outcome, peak = _import_peak("gedcom", tmp_path / "many.ged", case_id="c-1")
    assert (
        outcome
        == f"many.ged: holds more than {MAX_PEOPLE:,} people; netmap imports at most {MAX_PEOPLE:,} at once."
    )
    assert peak < PEAK_LIMIT_MB
