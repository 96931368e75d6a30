"""Every public test file imports with the right counts or is refused with one clear sentence."""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

from netmap.errors import ImportFailed
from netmap.ingest import gedcom, graphml, kumu, networkcanvas, read_file
from tests.data.generate import family_trees, gedcom7, gedcom_encodings, network_canvas
from tests.data.generate import kumu as kumu_files
from tests.paths import TESTDATA
from tests.unit.ingest.test_public_corpus import GEDCOM as GEDCOM_CORPUS

# INDI records per file, counted without netmap: the copied files' counts are SOURCES.md's; the
# generated files' come from the generator. A plain count of level-0 INDI lines must agree (below).
GEDCOM_COUNTS = {
    "gedcom-go/malformed/blank-lines.ged": 2,
    "gedcom-go/malformed/invalid-level.ged": 1,
    "gedcom-go/malformed/invalid-xref.ged": 1,
    "gedcom-go/malformed/level-jump-skip.ged": 1,
    "gedcom-go/malformed/level-jump-subordinate.ged": 1,
    "gedcom-go/malformed/level-over-99.ged": 1,
    "gedcom-go/malformed/missing-header.ged": 1,
    "gedcom-go/malformed/missing-xref.ged": 1,
    "gedcom-go/vendor-exports/ancestry-2025-export.ged": 14,
    "gedcom-go/vendor-exports/familysearch-2025-export.ged": 14,
    "gedcom-go/vendor-exports/gramps-2025-export.ged": 14,
    "gedcom-go/vendor-exports/myheritage-2025-export.ged": 14,
    "gedcom-go/vendor-exports/rootsmagic-2026-export.ged": 14,
    "gedcom4j-samples/ANSEL.GED": 35,
    "gedcom4j-samples/Harry_Potter.ged": 23,
    "gedcom4j-samples/RelationshipTest.ged": 43,
    "gedcom4j-samples/Sopranos.ged": 8,
    "gedcom4j-samples/allged.ged": 8,
    "gedcom4j-samples/minimal55.ged": 0,
    "gedcom4j-samples/utf16le.ged": 0,
    "gedcom4j-samples/utf8_crlf_bom.ged": 10,
    "generated/encodings/sample555.ged": len(gedcom_encodings.PEOPLE),
    "generated/encodings/sample555-utf16be.ged": len(gedcom_encodings.PEOPLE),
    "generated/encodings/sample555-utf16le.ged": len(gedcom_encodings.PEOPLE),
    "generated/gedcom7/ages.ged": 1,
    "generated/gedcom7/escapes.ged": 1,
    "generated/gedcom7/extensions.ged": 1 + 1,  # one of them without a cross-reference id
    "generated/gedcom7/languages.ged": 0,
    "generated/gedcom7/minimal70.ged": 0,
    "generated/gedcom7/minimal71.ged": 0,
    "generated/gedcom7/remarriage.ged": len(gedcom7.REMARRIAGE),
    "generated/gedcom7/same-sex-marriage.ged": 2,
    "generated/gedcom7/note-records.ged": 0,
    "generated/gedcom7/tree-basic.ged": 4,
    "generated/gedcom7/tree-events.ged": 4,
    "generated/gedcom7/void-pointers.ged": 2,
    "generated/gedcom7/xrefs.ged": len(gedcom7.XREFS) + 1,  # and one without a cross-reference id
    "generated/realistic/large-family.ged": family_trees.LARGE_PEOPLE,
    "generated/realistic/victorian-family.ged": len(family_trees.VICTORIAN),
}
_INDI = re.compile(r"^[ \t]*0[ \t]+(?:@[^@\s]+@[ \t]+)?INDI\b", re.M)
GEDCOM_REFUSED = {
    "gedcom-go/malformed/circular-reference.ged": "their own ancestor",
    "gedcom-go/malformed/duplicate-xref.ged": "line 8: the id @I1@ is already used on line 5",
    "gedcom-go/malformed/unterminated-xref.ged": "line 4",
}


def _all(folder: str) -> list[Path]:
    """Every file under ``folder`` except the public corpus, which test_public_corpus covers."""
    corpus = {*GEDCOM_CORPUS, TESTDATA / "graphml" / "tinkerpop" / "grateful-dead.graphml"}
    return sorted(p for p in (TESTDATA / folder).rglob("*") if p.is_file() and p not in corpus)


def _one_sentence(error: ImportFailed, path: Path) -> str:
    text = str(error)
    assert text.startswith(path.name), text
    assert "\n" not in text and "Traceback" not in text and text.endswith(".")
    return text


def _indi_lines(path: Path) -> int:
    data = path.read_bytes()
    text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("latin-1")
    return len(_INDI.findall(text))


@pytest.mark.parametrize("path", _all("gedcom"), ids=lambda p: p.name)
def test_every_gedcom_file_imports_with_its_count_or_is_refused(path: Path) -> None:
    key = path.relative_to(TESTDATA / "gedcom").as_posix()
    if key in GEDCOM_REFUSED:
        with pytest.raises(ImportFailed) as caught:
            gedcom.read(path, case_id="c-tree")
        assert GEDCOM_REFUSED[key] in _one_sentence(caught.value, path)
        return
    assert GEDCOM_COUNTS[key] == _indi_lines(path)
    dataset = gedcom.read(path, case_id="c-tree")
    assert len(dataset.people) == GEDCOM_COUNTS[key]
    assert {m.sector.value for m in dataset.memberships} <= {"family"}
    assert all(m.case_id == "c-tree" for m in dataset.memberships)


@pytest.mark.parametrize(
    "name", ["vendor-exports/gramps-2025-export.ged", "vendor-exports/ancestry-2025-export.ged"]
)
def test_vendor_exports_agree_on_the_same_tree(name: str) -> None:
    dataset = gedcom.read(TESTDATA / "gedcom" / "gedcom-go" / name, case_id="c-1")
    families_with_two_partners = len([k for k in dataset.kin if k.kind.is_couple])
    assert len(dataset.people) == 14 and families_with_two_partners >= 1
    assert all(k.kind.value != "sibling" for k in dataset.kin)


GEDCOM7 = TESTDATA / "gedcom" / "generated" / "gedcom7"
REALISTIC = TESTDATA / "gedcom" / "generated" / "realistic"


def test_gedcom_families_become_kin() -> None:
    dataset = gedcom.read(GEDCOM7 / "remarriage.ged", case_id="c-1")
    names = {p.id: p.name for p in dataset.people}
    kin = {(names[k.from_id], names[k.to_id], k.kind.value) for k in dataset.kin}
    (husband, *_), (first, *_), (second, _, died) = gedcom7.REMARRIAGE
    plain = {n: n.replace("/", "").strip() for n in (husband, first, second)}
    # married, divorced and married again: the last event of the family wins
    assert kin == {(plain[husband], plain[first], "married"), (plain[husband], plain[second], "married")}
    widow = next(p for p in dataset.people if p.name == plain[second])
    assert widow.deceased and widow.death_year == int(died[-4:])


def test_gedcom_ansel_and_utf16_decode(tmp_path: Path) -> None:
    ansel = tmp_path / "ansel.ged"
    ansel.write_bytes(b"0 HEAD\n1 CHAR ANSEL\n0 @I1@ INDI\n1 NAME Ren\xe2e /\xa1odz/\n0 TRLR\n")
    name = gedcom.read(ansel, case_id="c-1").people[0].name
    assert unicodedata.normalize("NFC", name) == "René Łodz"
    expected = sorted(n.replace("/", "").strip() for n in gedcom_encodings.PEOPLE)
    for name in ("sample555.ged", "sample555-utf16le.ged", "sample555-utf16be.ged"):
        dataset = gedcom.read(TESTDATA / "gedcom" / "generated" / "encodings" / name, case_id="c-1")
        assert sorted(p.name for p in dataset.people) == expected


def test_gedcom_needs_a_case() -> None:
    with pytest.raises(ImportFailed, match="--case"):
        gedcom.read(REALISTIC / "victorian-family.ged")


def test_old_dates_are_kept_in_the_notes() -> None:
    dataset = gedcom.read(REALISTIC / "victorian-family.ged", case_id="c-1")
    _, name, _, born, *_ = family_trees.VICTORIAN[0]
    patriarch = next(p for p in dataset.people if p.name == name.replace("/", "").strip())
    note = next(m.notes for m in dataset.memberships if m.person_id == patriarch.id)
    assert int(born[-4:]) < 1880
    assert patriarch.birth_year is None and "born" in note and born in note


def _xlsx_counts(path: Path) -> tuple[int, int]:
    """Kumu's rule, counted with openpyxl: every element row, plus labels only connections name."""
    book = openpyxl.load_workbook(path, read_only=True)
    elements = [r for r in book["Elements"].iter_rows(min_row=2, values_only=True) if any(r)]
    connections = [r for r in book["Connections"].iter_rows(min_row=2, values_only=True) if any(r)]
    labels = {r[0] for r in elements}
    return len(elements) + len({end for r in connections for end in r[:2]} - labels), len(connections)


def _json_counts(path: Path) -> tuple[int, int]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return len(doc["elements"]), len(doc["connections"])


@pytest.mark.parametrize("path", _all("kumu"), ids=lambda p: p.name)
def test_every_kumu_file_imports_with_its_counts(path: Path) -> None:
    people, ties = _xlsx_counts(path) if path.suffix == ".xlsx" else _json_counts(path)
    dataset = kumu.read(path, case_id="c-kumu")
    assert (len(dataset.people), len(dataset.ties)) == (people, ties)


KUMU_SHAPES = TESTDATA / "kumu" / "generated" / "doc-shapes"


def test_kumu_fields_are_kept_in_notes() -> None:
    dataset = kumu.read(KUMU_SHAPES / "blueprint-with-fields.json", case_id="c-1")
    notes = {p.name: m.notes for p, m in zip(dataset.people, dataset.memberships, strict=True)}
    north, south = kumu_files.WITH_FIELDS["elements"]
    assert f"tags: {', '.join(north['tags'])}" in notes["North"]
    assert f"favourite walk: {south['Favourite Walk']}" in notes["South"]
    assert dataset.ties[0].notes == f"type: {kumu_files.WITH_FIELDS['connections'][0]['type']}"


def test_kumu_without_a_young_person_asks_for_a_case() -> None:
    with pytest.raises(ImportFailed, match="young_person=yes"):
        kumu.read(KUMU_SHAPES / "blueprint-minimal.json")


@pytest.mark.parametrize("path", _all("graphml"), ids=lambda p: p.name)
def test_graphml_files_import_people_ties_and_typed_attributes(path: Path) -> None:
    dataset = graphml.read(path, case_id="c-g")
    assert (len(dataset.people), len(dataset.ties)) == (6, 6)
    assert "age: 29" in dataset.memberships[0].notes
    assert dataset.people[0].name == "marko"


NC_CSV = TESTDATA / network_canvas.CSV_FOLDER
SENSITIVE_EDGE_LISTS = {"SexTie.csv", "DrugTie.csv"}


def _interview(number: int) -> Path:
    (path,) = NC_CSV.glob(f"case_{number}_*_ego.csv")
    return path


def _graphml_counts(path: Path) -> tuple[list[str], int]:
    """Ego then alter names, and ties (one per alter plus one per edge), read with ElementTree."""
    root = ET.parse(path).getroot()
    graph = next(e for e in root if e.tag.endswith("graph"))
    names = [d.text or "" for d in graph.iter() if d.tag.endswith("data")]
    edges = [e for e in graph.iter() if e.tag.endswith("edge")]
    return names, len(names) - 1 + len(edges)


@pytest.mark.parametrize("path", _all("networkcanvas"), ids=lambda p: p.name)
def test_every_network_canvas_file_imports_or_is_refused(path: Path) -> None:
    if path.suffix in (".netcanvas",) or path.name == "two-interviews.graphml":
        with pytest.raises(ImportFailed) as caught:
            networkcanvas.read(path)
        _one_sentence(caught.value, path)
        return
    dataset = networkcanvas.read(path)
    if path.suffix == ".csv":
        prefix = re.match(r"(case_\d+_[0-9a-f-]+)_", path.name)[1]  # type: ignore[index]
        alters = len((NC_CSV / f"{prefix}_attributeList_Person.csv").read_text().splitlines()) - 1
        edges = {
            p.name.rsplit("_", 1)[1]: len(p.read_text().splitlines()) - 1
            for p in NC_CSV.glob(f"{prefix}_edgeList_*.csv")
        }
        support = sum(n for kind, n in edges.items() if kind not in SENSITIVE_EDGE_LISTS)
        assert len(dataset.people) == alters + 1
        assert len(dataset.ties) == alters + support
        dataset, report = read_file("networkcanvas", path, strict=True)  # left out on purpose, not a fault
        left_out = [p for p in report.problems if p.what == "edge left out"]
        assert len(left_out) == sum(n for kind, n in edges.items() if kind in SENSITIVE_EDGE_LISTS)
    else:
        names, ties = _graphml_counts(path)
        assert [p.name for p in dataset.people] == names
        assert len(dataset.ties) == ties
    assert dataset.cases[0].ego_id == dataset.people[0].id


def test_network_canvas_maps_closeness_frequency_and_view() -> None:
    dataset = networkcanvas.read(_interview(1))
    ego = dataset.cases[0].ego_id
    by_name = {p.name: p for p in dataset.people}
    rings = {m.person_id: m.ring for m in dataset.memberships}
    expected_ring = {"Very_close": 1, "Somewhat_close": 2, "Not_very_close": 3, "Not_close_at_all": 4}
    expected_strength = {1: 3, 2: 2, 3: 1, 4: 1}
    expected_frequency = {"Daily": "daily", "Weekly": "weekly", "Less_than_weekly": "monthly",
                          "Few_times_a_year": "few_times_a_year"}  # fmt: skip
    expected_gender = {"Male": "male", "Female": "female", "Non-binary": "nonbinary"}
    for name, gender, closeness, frequency in network_canvas.FIRST_INTERVIEW:
        person = by_name[name]
        tie = next(t for t in dataset.ties if t.from_id == ego and t.to_id == person.id)
        ring = expected_ring[closeness]
        assert rings[person.id] == ring
        assert (tie.strength, tie.frequency.value, tie.perspective.value) == (
            expected_strength[ring],
            expected_frequency[frequency],
            "young_person",
        )
        assert person.gender.value == expected_gender[gender]
    # Sex-partner and drug-use edges are research data, never support: not imported at all.
    assert {t.source for t in dataset.ties} == {"Network Canvas", "Network Canvas Close"}


def test_network_canvas_mapping_can_be_adjusted() -> None:
    dataset = networkcanvas.read(_interview(1), mapping={"closeness": ["nosuchvariable"]})
    assert all(m.ring == 2 for m in dataset.memberships[1:])


def test_network_canvas_into_an_existing_case_uses_its_young_person() -> None:
    path = _interview(2)
    dataset = networkcanvas.read(path, case_id="c-1", ego_id="p-ego")
    assert not dataset.cases and all(p.id != "p-ego" for p in dataset.people)
    assert sum(1 for t in dataset.ties if t.from_id == "p-ego") == len(dataset.people)
    with pytest.raises(ImportFailed, match="ego_id"):
        networkcanvas.read(path, case_id="c-1")


def test_reimport_gives_the_same_ids() -> None:
    path = _interview(3)
    assert networkcanvas.read(path) == networkcanvas.read(path)
