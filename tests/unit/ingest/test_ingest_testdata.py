"""Every public test file imports with the right counts or is refused with one clear sentence."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from netmap.errors import ImportFailed
from netmap.ingest import gedcom, graphml, kumu, networkcanvas
from tests.paths import TESTDATA

# (individuals, families) from SOURCES.md; xref.ged, extensions.ged and age.ged also hold an INDI
# without a cross-reference id, which the SOURCES.md regex does not count but is a real record.
GEDCOM_COUNTS = {
    "gedcom-go/555SAMPLE.GED": 3,
    "gedcom-go/555SAMPLE16BE.GED": 3,
    "gedcom-go/555SAMPLE16LE.GED": 3,
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
    "gedcom70/age.ged": 1,
    "gedcom70/escapes.ged": 1,
    "gedcom70/extensions.ged": 1 + 1,
    "gedcom70/lang.ged": 0,
    "gedcom70/maximal70-tree1.ged": 4,
    "gedcom70/maximal70-tree2.ged": 4,
    "gedcom70/minimal70.ged": 0,
    "gedcom70/notes-1.ged": 0,
    "gedcom70/remarriage1.ged": 3,
    "gedcom70/same-sex-marriage.ged": 2,
    "gedcom70/voidptr.ged": 2,
    "gedcom70/xref.ged": 6 + 1,
    "gedcom71/minimal71.ged": 0,
    "realistic/bronte.ged": 14,
    "realistic/kennedy.ged": 208,
}
GEDCOM_REFUSED = {
    "gedcom-go/malformed/circular-reference.ged": "their own ancestor",
    "gedcom-go/malformed/duplicate-xref.ged": "line 8: the id @I1@ is already used on line 5",
    "gedcom-go/malformed/unterminated-xref.ged": "line 4",
}


def _all(folder: str) -> list[Path]:
    return sorted(p for p in (TESTDATA / folder).rglob("*") if p.is_file())


def _one_sentence(error: ImportFailed, path: Path) -> str:
    text = str(error)
    assert text.startswith(path.name), text
    assert "\n" not in text and "Traceback" not in text and text.endswith(".")
    return text


@pytest.mark.parametrize("path", _all("gedcom"), ids=lambda p: p.name)
def test_every_gedcom_file_imports_with_its_count_or_is_refused(path: Path) -> None:
    key = path.relative_to(TESTDATA / "gedcom").as_posix()
    if key in GEDCOM_REFUSED:
        with pytest.raises(ImportFailed) as caught:
            gedcom.read(path, case_id="c-tree")
        assert GEDCOM_REFUSED[key] in _one_sentence(caught.value, path)
        return
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


def test_gedcom_families_become_kin() -> None:
    dataset = gedcom.read(TESTDATA / "gedcom" / "gedcom70" / "remarriage1.ged", case_id="c-1")
    names = {p.id: p.name for p in dataset.people}
    kin = {(names[k.from_id], names[k.to_id], k.kind.value) for k in dataset.kin}
    assert kin == {("John Q Public", "Jane Doe", "married"), ("John Q Public", "Mary Roe", "married")}
    mary = next(p for p in dataset.people if p.name == "Mary Roe")
    assert mary.deceased and mary.death_year == 1914


def test_gedcom_ansel_and_utf16_decode(tmp_path: Path) -> None:
    ansel = tmp_path / "ansel.ged"
    ansel.write_bytes(b"0 HEAD\n1 CHAR ANSEL\n0 @I1@ INDI\n1 NAME Ren\xe2e /\xa1odz/\n0 TRLR\n")
    name = gedcom.read(ansel, case_id="c-1").people[0].name
    assert unicodedata.normalize("NFC", name) == "René Łodz"
    le = gedcom.read(TESTDATA / "gedcom" / "gedcom-go" / "555SAMPLE16LE.GED", case_id="c-1")
    assert sorted(p.name for p in le.people) == sorted(
        p.name for p in gedcom.read(TESTDATA / "gedcom" / "gedcom-go" / "555SAMPLE.GED", case_id="c-1").people
    )


def test_gedcom_needs_a_case() -> None:
    path = TESTDATA / "gedcom" / "realistic" / "bronte.ged"
    with pytest.raises(ImportFailed, match="--case"):
        gedcom.read(path)


def test_old_dates_are_kept_in_the_notes() -> None:
    dataset = gedcom.read(TESTDATA / "gedcom" / "realistic" / "bronte.ged", case_id="c-1")
    patrick = next(p for p in dataset.people if p.name.startswith("Patrick"))
    note = next(m.notes for m in dataset.memberships if m.person_id == patrick.id)
    assert patrick.birth_year is None and "born" in note and "1777" in note


KUMU_COUNTS = {
    "blueprints/snap-to-tutorial-project.json": (51, 113),
    "doc-examples/blueprint-minimal.json": (2, 1),
    "doc-examples/blueprint-with-fields.json": (2, 1),
    "doc-examples/blueprint-with-ids.json": (2, 1),
    "spreadsheets/paypal-mafia.xlsx": (34, 49),
    "spreadsheets/overview-of-the-euro-crisis.xlsx": (None, 45),
}


@pytest.mark.parametrize("path", _all("kumu"), ids=lambda p: p.name)
def test_every_kumu_file_imports_with_its_counts(path: Path) -> None:
    people, ties = KUMU_COUNTS[path.relative_to(TESTDATA / "kumu").as_posix()]
    dataset = kumu.read(path, case_id="c-kumu")
    if people is not None:
        assert len(dataset.people) == people
    assert len(dataset.ties) == ties


def test_kumu_fields_are_kept_in_notes() -> None:
    dataset = kumu.read(TESTDATA / "kumu" / "doc-examples" / "blueprint-with-fields.json", case_id="c-1")
    notes = {p.name: m.notes for p, m in zip(dataset.people, dataset.memberships, strict=True)}
    assert "tags: one, two" in notes["A"] and "favorite dessert: shave ice" in notes["B"]
    assert dataset.ties[0].notes == "type: likes"


def test_kumu_without_a_young_person_asks_for_a_case() -> None:
    path = TESTDATA / "kumu" / "doc-examples" / "blueprint-minimal.json"
    with pytest.raises(ImportFailed, match="young_person=yes"):
        kumu.read(path)


@pytest.mark.parametrize("path", _all("graphml"), ids=lambda p: p.name)
def test_graphml_files_import_people_ties_and_typed_attributes(path: Path) -> None:
    dataset = graphml.read(path, case_id="c-g")
    assert (len(dataset.people), len(dataset.ties)) == (6, 6)
    assert "age: 29" in dataset.memberships[0].notes
    assert dataset.people[0].name == "marko"


NC_CSV = TESTDATA / "networkcanvas" / "working-with-data-2025-csv"


@pytest.mark.parametrize("path", _all("networkcanvas"), ids=lambda p: p.name)
def test_every_network_canvas_file_imports_or_is_refused(path: Path) -> None:
    if path.suffix in (".netcanvas",) or path.name == "minimal-multiple-networks.graphml":
        with pytest.raises(ImportFailed) as caught:
            networkcanvas.read(path)
        _one_sentence(caught.value, path)
        return
    dataset = networkcanvas.read(path)
    if path.suffix == ".csv":
        prefix = re.match(r"(case_\d+_[0-9a-f-]+)_", path.name)[1]  # type: ignore[index]
        alters = len((NC_CSV / f"{prefix}_attributeList_Person.csv").read_text().splitlines()) - 1
        edges = sum(len(p.read_text().splitlines()) - 1 for p in NC_CSV.glob(f"{prefix}_edgeList_*.csv"))
        assert len(dataset.people) == alters + 1
        assert len(dataset.ties) == alters + edges
    else:
        assert [p.name for p in dataset.people] == ["Jimbo", "Joshua", "Michael"]
        assert len(dataset.ties) == 3
    assert dataset.cases[0].ego_id == dataset.people[0].id


def test_network_canvas_maps_closeness_frequency_and_view() -> None:
    dataset = networkcanvas.read(NC_CSV / "case_1_54ba71fa-808e-4ed5-a65a-b7a06668164f_ego.csv")
    ego = dataset.cases[0].ego_id
    ethan = next(p for p in dataset.people if p.name == "Ethan")
    tie = next(t for t in dataset.ties if t.from_id == ego and t.to_id == ethan.id)
    assert (tie.strength, tie.frequency.value, tie.perspective.value) == (3, "daily", "young_person")
    assert next(m for m in dataset.memberships if m.person_id == ethan.id).ring == 1
    jamal = next(p for p in dataset.people if p.name == "Jamal")
    assert next(m for m in dataset.memberships if m.person_id == jamal.id).ring == 4
    assert ethan.gender.value == "male"
    assert {t.source for t in dataset.ties} == {
        "Network Canvas",
        "Network Canvas Close",
        "Network Canvas DrugTie",
        "Network Canvas SexTie",
    }


def test_network_canvas_mapping_can_be_adjusted() -> None:
    path = NC_CSV / "case_1_54ba71fa-808e-4ed5-a65a-b7a06668164f_ego.csv"
    dataset = networkcanvas.read(path, mapping={"closeness": ["nosuchvariable"]})
    assert all(m.ring == 2 for m in dataset.memberships[1:])


def test_network_canvas_into_an_existing_case_uses_its_young_person() -> None:
    path = NC_CSV / "case_2_b11bed2e-4daf-49dc-ad67-2165ffbfae14_ego.csv"
    dataset = networkcanvas.read(path, case_id="c-1", ego_id="p-ego")
    assert not dataset.cases and all(p.id != "p-ego" for p in dataset.people)
    assert sum(1 for t in dataset.ties if t.from_id == "p-ego") == len(dataset.people)
    with pytest.raises(ImportFailed, match="ego_id"):
        networkcanvas.read(path, case_id="c-1")


def test_reimport_gives_the_same_ids() -> None:
    path = NC_CSV / "case_3_fd5e0e36-d35c-455a-b0bb-9d1c16bb5cde_ego.csv"
    assert networkcanvas.read(path) == networkcanvas.read(path)
