"""Round trips netmap -> format -> netmap keep people, ties, kin and attributes; exports are spreadsheet-safe."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from netmap.errors import ImportFailed
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
    assert [ws.title for ws in book.worksheets] == ["Elements", "Connections", "About"]
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


# (write, file name, read): every writer whose file a coordinator may open, edit and import again.
CASE_KEEPING = {
    "csv": (csv_xlsx.write, "case.csv", csv_xlsx.read),
    "xlsx": (csv_xlsx.write_xlsx, "case.xlsx", csv_xlsx.read),
    "kumu-xlsx": (kumu.write, "map.xlsx", kumu.read),
    "kumu-json": (kumu.write, "map.json", kumu.read),
}


def _counts(dataset) -> tuple[int, int, int]:
    return len(dataset.people), len(dataset.memberships), len(dataset.ties)


@pytest.mark.parametrize("fmt", sorted(CASE_KEEPING))
def test_a_reimported_export_lands_in_the_same_case(fmt: str, tmp_path: Path) -> None:
    write, name, read = CASE_KEEPING[fmt]
    network = _network()
    write(network, tmp_path / name)
    back = read(tmp_path / name)
    assert [(c.id, c.title, c.ego_id) for c in back.cases] == [("c-jade", "Jade's map", "p-jade")]
    assert {m.case_id for m in back.memberships} == {t.case_id for t in back.ties} == {"c-jade"}
    assert _counts(back) == (len(network.people), len(network.memberships), len(network.ties))
    assert {p.id for p in back.people} == {p.id for p in network.people}


@pytest.mark.parametrize("fmt", sorted(CASE_KEEPING))
def test_an_explicit_case_wins_over_the_case_in_the_file(fmt: str, tmp_path: Path) -> None:
    write, name, read = CASE_KEEPING[fmt]
    write(_network(), tmp_path / name)
    back = read(tmp_path / name, case_id="c-other", ego_id="p-other-ego")
    assert back.cases == []
    assert {m.case_id for m in back.memberships} == {"c-other"}
    assert len(back.memberships) == len(_network().memberships) - 1


def _hostile_titles() -> list[str]:
    files = [*sorted(CSV_INJECTION.glob("*.txt")), *sorted((PAYLOADS / "xss").glob("*.txt"))]
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    titles = []
    for line in lines:
        try:
            Case(id="c-x", title=line, ego_id="p-x")
        except ValueError:
            continue
        if line == line.strip():
            titles.append(line)
    return titles


@pytest.mark.parametrize("fmt", sorted(CASE_KEEPING))
def test_hostile_text_survives_as_text_in_one_file(fmt: str, tmp_path: Path) -> None:
    write, name, read = CASE_KEEPING[fmt]
    titles = list(dict.fromkeys(_hostile_titles()))
    assert any(t.startswith("=") for t in titles) and any("<script" in t.lower() for t in titles)
    # Every hostile string in one file: the case title and one person's name each.
    base = _network()
    hostile = [Person(id=f"p-hostile-{n}", name=title) for n, title in enumerate(titles)]
    network = Network(
        case=base.case.model_copy(update={"title": titles[0]}),
        people=[*base.people, *hostile],
        memberships=[
            *base.memberships,
            *(Membership.make("c-jade", p.id, sector="friends") for p in hostile),
        ],
        kin=base.kin,
        ties=base.ties,
    )
    path = tmp_path / name
    write(network, path)
    if path.suffix != ".json":
        for cell in _cells(path):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    dataset = read(path)
    assert [c.title for c in dataset.cases] == [titles[0]]
    assert set(titles) <= {p.name for p in dataset.people}


def test_the_case_columns_sit_on_the_young_persons_row(tmp_path: Path) -> None:
    csv_xlsx.write(_network(), tmp_path / "case.csv")
    rows = list(csv.DictReader((tmp_path / "case.csv").open(encoding="utf-8")))
    assert [(r["name"], r["case_id"], r["case_title"]) for r in rows if r["case_id"]] == [
        ("Jade Example", "c-jade", "Jade's map")
    ]


def test_two_case_ids_in_one_sheet_are_refused(tmp_path: Path) -> None:
    (tmp_path / "two.csv").write_text(
        "name,young_person,case_id\nJade Example,yes,c-jade\nMo Example,,c-other\n", encoding="utf-8"
    )
    with pytest.raises(
        ImportFailed, match=r"^two\.csv row 3, column 'case_id': 'c-other' differs from 'c-jade'"
    ):
        csv_xlsx.read(tmp_path / "two.csv")


@pytest.mark.parametrize("case_id", ["=HYPERLINK(1)", "c jade", "x" * 81])
def test_a_case_id_that_is_not_a_netmap_id_is_refused_with_a_sentence(case_id: str, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text(f"name,young_person,case_id\nJade Example,yes,{case_id}\n")
    with pytest.raises(
        ImportFailed, match=r"^bad\.csv row 2, column 'case_id': the case id .* is not a netmap id"
    ):
        csv_xlsx.read(tmp_path / "bad.csv")
    assert [c.id for c in csv_xlsx.read(tmp_path / "bad.csv", case_id="c-1", ego_id="p-1").cases] == []


def test_an_about_sheet_laid_out_otherwise_is_not_read_as_netmaps(tmp_path: Path) -> None:
    kumu.write(_network(), tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(tmp_path / "map.xlsx")
    book["About"]["A1"] = "Notes"
    book.save(tmp_path / "map.xlsx")
    (case,) = kumu.read(tmp_path / "map.xlsx").cases
    assert case.id != "c-jade"
