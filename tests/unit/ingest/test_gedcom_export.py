"""GEDCOM export read by the programs genealogists use: python-gedcom and ged4py see every parent link,
a GEDCOM 5.5.1 validator finds no error, and netmap reads its own export back unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ged4py.parser import GedcomReader
from gedcom.element.individual import IndividualElement
from gedcom.parser import Parser

from netmap.ingest import gedcom
from netmap.models import Gender, Kin, KinType, Network, PersonKind
from tests.unit.ingest.test_ingest_roundtrip import _network
from tests.unit.test_samples import FILES, load, network

VALIDATOR = Path(sys.executable).parent / "gedcom-tools"
# One-sided FAMC/FAMS or CHIL links, and a sex that conflicts with HUSB/WIFE.
FORBIDDEN_WARNINGS = {"W016", "W017", "W029"}


def _samples() -> list[Network]:
    return [network(load(name)) for name in FILES]


def _with_every_kind(base: Network) -> Network:
    """The round-trip case plus a step-father, a foster carer, a kinship carer, a separated couple,
    ex-partners, cohabiting partners and half-siblings."""
    extra = [
        Kin(id="k-5", from_id="p-dad", to_id="p-nan", kind=KinType.EX_PARTNER),
        Kin(id="k-6", from_id="p-nan", to_id="p-jade", kind=KinType.FOSTER_PARENT),
        Kin(id="k-7", from_id="p-dad", to_id="p-nan", kind=KinType.STEP_PARENT),
        Kin(id="k-8", from_id="p-jade", to_id="p-mum", kind=KinType.HALF_SIBLING),
    ]
    return base.model_copy(update={"kin": [*base.kin, *extra]})


CASES = {**{f"sample {i}": n for i, n in enumerate(_samples())}, "every kind": _with_every_kind(_network())}


def _parents(net: Network) -> set[tuple[str, str]]:
    people = {p.id for p in net.people if p.kind is PersonKind.PERSON}
    return {(k.from_id, k.to_id) for k in net.kin if k.kind.is_parent and {k.from_id, k.to_id} <= people}


def _netmap_ids(path: Path) -> dict[str, str]:
    """GEDCOM pointer -> netmap id, read from the file's lines."""
    ids, current = {}, ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("0 @") and line.endswith(" INDI"):
            current = line.split()[1]
        elif line.startswith("1 _NETMAP_ID "):
            ids[current] = line.split(" ", 2)[2]
    return ids


@pytest.mark.parametrize("name", sorted(CASES))
def test_python_gedcom_sees_every_parent_link(name: str, tmp_path: Path) -> None:
    net = CASES[name]
    gedcom.write(net, tmp_path / "case.ged")
    ids = _netmap_ids(tmp_path / "case.ged")
    parser = Parser()
    parser.parse_file(str(tmp_path / "case.ged"), strict=True)
    seen = {
        (ids[parent.get_pointer()], ids[child.get_pointer()])
        for child in parser.get_root_child_elements()
        if isinstance(child, IndividualElement)
        for parent in parser.get_parents(child)
    }
    assert seen == _parents(net)


@pytest.mark.parametrize("name", sorted(CASES))
def test_ged4py_sees_every_parent_link_and_fathers_are_men(name: str, tmp_path: Path) -> None:
    net = CASES[name]
    gedcom.write(net, tmp_path / "case.ged")
    ids = _netmap_ids(tmp_path / "case.ged")
    gender = {p.id: p.gender for p in net.people}
    seen = set()
    with GedcomReader(str(tmp_path / "case.ged")) as reader:
        for child in reader.records0("INDI"):
            for family in child.sub_tags("FAMC"):
                for role in ("HUSB", "WIFE"):
                    parent = family.sub_tag(role)
                    if parent is not None:
                        seen.add((ids[parent.xref_id], ids[child.xref_id]))
            if child.mother is not None:
                assert gender[ids[child.mother.xref_id]] is not Gender.MALE
            if child.father is not None:
                assert gender[ids[child.father.xref_id]] is not Gender.FEMALE
    assert seen == _parents(net)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_gedcom_validator_finds_no_error(name: str, tmp_path: Path) -> None:
    gedcom.write(CASES[name], tmp_path / "case.ged")
    run = subprocess.run(
        [
            str(VALIDATOR),
            "--format",
            "json",
            "validate",
            "--full",
            "--strict",
            "5.5.1",
            str(tmp_path / "case.ged"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    result = json.loads(run.stdout)
    assert result["summary"]["errors"] == 0, result["issues"]
    assert {i["code"] for i in result["issues"]} & FORBIDDEN_WARNINGS == set(), result["issues"]
    assert "W005" not in {i["code"] for i in result["issues"]}  # the SUBM record is there


def _link(k: Kin) -> tuple[object, KinType]:
    """A kin link as compared: a couple has no direction (GEDCOM writes the man first)."""
    return (frozenset((k.from_id, k.to_id)) if k.kind.is_couple else (k.from_id, k.to_id)), k.kind


@pytest.mark.parametrize("name", sorted(CASES))
def test_netmap_reads_its_gedcom_back_with_the_same_people_and_kin(name: str, tmp_path: Path) -> None:
    net = CASES[name]
    gedcom.write(net, tmp_path / "case.ged")
    back = gedcom.read(tmp_path / "case.ged", case_id=net.case.id)
    people = {p.id for p in net.people if p.kind is PersonKind.PERSON}
    assert {p.id for p in back.people} == people
    assert {_link(k) for k in back.kin} == {_link(k) for k in net.kin if {k.from_id, k.to_id} <= people}
    assert {p.id: p.name for p in back.people} == {p.id: p.name for p in net.people if p.id in people}


def test_names_carry_surname_slashes_and_families_follow_sex(tmp_path: Path) -> None:
    gedcom.write(_network(), tmp_path / "case.ged")
    text = (tmp_path / "case.ged").read_text(encoding="utf-8")
    assert "1 NAME Jade /Example/\n2 GIVN Jade\n2 SURN Example" in text
    assert "0 @U1@ SUBM" in text and "1 SUBM @U1@" in text
    # Mo (female) and Dev (male) were divorced: Dev is HUSB although the kin record names Mo second.
    family = text[text.index("1 DIV Y") - 60 : text.index("1 DIV Y")]
    assert "1 HUSB @I3@\n1 WIFE @I2@\n1 MARR Y" in family
    assert "_NETMAP_KIND" not in text
