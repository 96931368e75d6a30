"""Round trips netmap -> format -> netmap keep people, ties, kin and attributes; exports are spreadsheet-safe."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from netmap.ingest import csv_xlsx, gedcom, graphml, kumu
from netmap.models import Case, Kin, KinType, Membership, Network, Person, Tie
from tests.paths import PAYLOADS

CSV_INJECTION = PAYLOADS / "csv-injection"


def _network() -> Network:
    people = [
        Person(
            id="p-jade", name="Jade Example", gender="female", birth_year=2005, birth_date=date(2005, 3, 1)
        ),
        Person(id="p-mum", name="Mo Example", gender="female", birth_year=1985, area="Leeds"),
        Person(id="p-dad", name="Dev @ Example", gender="male", deceased=True, death_year=2019),
        Person(id="p-nan", name="Nan Example", known_as="Nanna", gender="female"),
        Person(id="p-yot", name='=HYPERLINK("http://x")', kind="service", agency="+Team <b>"),
    ]
    case = Case(id="c-jade", title="Jade's map", ego_id="p-jade")
    memberships = [
        Membership.make("c-jade", "p-jade", sector="family", ring=1),
        Membership.make("c-jade", "p-mum", sector="family", ring=2, status="willing", notes="-call first"),
        Membership.make("c-jade", "p-dad", sector="family", ring=3),
        Membership.make("c-jade", "p-nan", sector="family", ring=1, role_label="nan"),
        Membership.make("c-jade", "p-yot", sector="professionals", ring=4),
    ]
    ties = [
        Tie(
            id="t-1",
            case_id="c-jade",
            from_id="p-jade",
            to_id="p-mum",
            valence="mixed",
            strength=1,
            frequency="monthly",
            direction="both",
            domains=["housing", "emotional"],
            perspective="young_person",
        ),
        Tie(
            id="t-2",
            case_id="c-jade",
            from_id="p-nan",
            to_id="p-jade",
            strength=3,
            since=date(2010, 1, 1),
            notes="@SUM(1)",
        ),
    ]
    kin = [
        Kin(id="k-1", from_id="p-mum", to_id="p-jade", kind=KinType.BIRTH_PARENT),
        Kin(id="k-2", from_id="p-dad", to_id="p-jade", kind=KinType.BIRTH_PARENT),
        Kin(id="k-3", from_id="p-dad", to_id="p-mum", kind=KinType.DIVORCED),
        Kin(id="k-4", from_id="p-nan", to_id="p-mum", kind=KinType.ADOPTIVE_PARENT),
    ]
    return Network(case=case, people=people, memberships=memberships, ties=ties, kin=kin)


@pytest.mark.parametrize("module,suffix", [(graphml, ".graphml"), (kumu, ".json")])
def test_graph_formats_round_trip_everything(module, suffix: str, tmp_path: Path) -> None:
    network = _network()
    module.write(network, tmp_path / f"case{suffix}")
    back = module.read(tmp_path / f"case{suffix}")
    assert back.cases == [network.case]
    assert back.people == network.people
    assert back.memberships == network.memberships
    assert back.ties == network.ties
    assert back.kin == network.kin


def test_kin_round_trips_through_gedcom(tmp_path: Path) -> None:
    network = _network()
    gedcom.write(network, tmp_path / "tree.ged")
    back = gedcom.read(tmp_path / "tree.ged", case_id="c-jade")
    assert {(k.from_id, k.to_id, k.kind) for k in back.kin} == {
        (k.from_id, k.to_id, k.kind) for k in network.kin
    }
    kept = {p.id: p for p in back.people}
    for person in (p for p in network.people if p.kind.value == "person"):
        got = kept[person.id]
        assert (got.name, got.gender, got.birth_year, got.birth_date, got.deceased, got.death_year) == (
            person.name,
            person.gender,
            person.birth_year,
            person.birth_date,
            person.deceased,
            person.death_year,
        )


def test_gedcom_values_cannot_inject_records(tmp_path: Path) -> None:
    network = _network()
    evil = network.people[1].model_copy(update={"name": "Mo\n0 @X1@ INDI\n1 NAME Injected"})
    network = network.model_copy(update={"people": [network.people[0], evil, *network.people[2:]]})
    gedcom.write(network, tmp_path / "tree.ged")
    back = gedcom.read(tmp_path / "tree.ged", case_id="c-jade")
    assert len(back.people) == 4 and not any(p.name == "Injected" for p in back.people)


def test_graphml_is_readable_by_networkx_with_types(tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    graphml.write(_network(), tmp_path / "case.graphml")
    graph = nx.read_graphml(tmp_path / "case.graphml")
    assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 6
    assert graph.nodes["p-mum"]["ring"] == 2 and graph.nodes["p-dad"]["deceased"] is True


@pytest.mark.parametrize("name", ["case.csv", "case.xlsx"])
def test_spreadsheets_round_trip_people_and_ties(name: str, tmp_path: Path) -> None:
    network = _network()
    csv_xlsx.write(network, tmp_path / name)
    back = csv_xlsx.read(tmp_path / name, case_id="c-jade", ego_id="p-jade")
    assert [p.id for p in back.people] == ["p-mum", "p-dad", "p-nan", "p-yot"]
    assert back.people == network.people[1:]
    assert back.ties == network.ties
    assert back.memberships == network.memberships[1:]


def _cells(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return [
            str(c.value)
            for ws in book.worksheets
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        ]
    return [cell for p in (path, csv_xlsx.ties_path(path)) for row in csv.reader(p.open()) for cell in row]


@pytest.mark.parametrize("name", ["case.csv", "case.xlsx"])
def test_exports_neutralise_every_formula_payload(name: str, tmp_path: Path) -> None:
    payloads = [
        line for f in sorted(CSV_INJECTION.glob("*.txt")) for line in f.read_text().splitlines() if line
    ]
    network = _network()
    people = [
        network.people[0],
        *(Person(id=f"p-x{i}", name=text[:120].strip() or "x") for i, text in enumerate(payloads)),
    ]
    members = [
        network.memberships[0],
        *(Membership.make("c-jade", p.id, sector="friends") for p in people[1:]),
    ]
    network = Network(case=network.case, people=people, memberships=members)
    csv_xlsx.write(network, tmp_path / name)
    for cell in _cells(tmp_path / name):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_kumu_spreadsheet_export_is_neutralised_and_reimports(tmp_path: Path) -> None:
    kumu.write(_network(), tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(tmp_path / "map.xlsx")
    assert [ws.title for ws in book.worksheets] == ["Elements", "Connections"]
    assert all(
        not str(c.value).startswith(("=", "+", "@"))
        for ws in book.worksheets
        for r in ws.iter_rows()
        for c in r
        if isinstance(c.value, str)
    )
    back = kumu.read(tmp_path / "map.xlsx", case_id="c-jade", ego_id="p-jade")
    assert sorted(p.name for p in back.people) == sorted(p.name for p in _network().people[1:])
    assert len(back.ties) == 2 and len(back.kin) == 4


def test_template_has_the_documented_columns(tmp_path: Path) -> None:
    csv_xlsx.template(tmp_path / "template.csv")
    header = next(csv.reader((tmp_path / "template.csv").open()))
    assert header[:4] == ["id", "name", "known_as", "young_person"]
    assert next(csv.reader((tmp_path / "template_ties.csv").open()))[:3] == ["id", "from", "to"]
    (tmp_path / "template.csv").write_text((tmp_path / "template.csv").read_text() + ",Ann,,yes\n")
    assert [p.name for p in csv_xlsx.read(tmp_path / "template.csv").people] == ["Ann"]


def test_kumu_blueprint_is_plain_json(tmp_path: Path) -> None:
    kumu.write(_network(), tmp_path / "map.json")
    doc = json.loads((tmp_path / "map.json").read_text())
    assert {e["label"] for e in doc["elements"]} >= {"Jade Example", "Nanna"}
    assert all({"from", "to"} <= set(c) for c in doc["connections"])
