"""Partial imports: a record netmap cannot use is repaired or skipped and listed in the report (file,
where, what, why); --strict refuses at the first; a file of the wrong shape is refused either way."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest

from netmap.errors import ImportFailed
from netmap.ingest import ImportReport, read_file
from netmap.models import KinType

EGO = "name,young_person\nJade Example,yes\n"


def _read(fmt: str, path: Path, **options):
    """Read leniently; check the strict read refuses with the report's first sentence."""
    dataset, report = read_file(fmt, path, **options)
    if report.count:
        with pytest.raises(ImportFailed) as caught:
            read_file(fmt, path, strict=True, **options)
        assert str(caught.value) == report.problems[0].sentence()
    return dataset, report


def _whats(report: ImportReport) -> list[str]:
    return [p.what for p in report.problems]


# ----------------------------------------------------------------------------- the report itself


def test_the_report_renders_as_csv_and_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(EGO + "Mo Example,,extra\n=Nan,\n", encoding="utf-8")
    (tmp_path / "p_ties.csv").write_text("from,to\nJade Example,Jade Example\n", encoding="utf-8")
    dataset, report = _read("csv", tmp_path / "p.csv")
    assert [p.name for p in dataset.people] == ["Jade Example", "Mo Example", "=Nan"] and not dataset.ties
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert [(r["file"], r["where"]) for r in rows] == [("p.csv", "row 3"), ("p_ties.csv", "row 2")]
    assert rows[1] == {
        "file": "p_ties.csv",
        "where": "row 2",
        "what": "tie skipped",
        "why": "a tie needs two different people",
    }
    assert report.summary() == "2 problems: 1 cells left out, 1 tie skipped."


def test_a_report_lists_at_most_its_limit_and_counts_the_rest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("netmap.ingest.report.MAX_PROBLEMS", 3)
    (tmp_path / "p.csv").write_text(EGO, encoding="utf-8")
    (tmp_path / "p_ties.csv").write_text("from,to\n" + "Jade Example,Nobody\n" * 10, encoding="utf-8")
    _, report = read_file("csv", tmp_path / "p.csv")
    assert (len(report.problems), report.count, report.truncated) == (3, 10, True)
    assert report.summary().startswith("10 problems (the first 3 listed)")


# ----------------------------------------------------------------------------- records repaired or skipped


def test_an_over_long_name_is_shortened_and_kept_whole_in_the_notes(tmp_path: Path) -> None:
    long = "Bartholomew " * 12 + "Example"
    elements = [{"label": "Jade", "young person": "yes"}, {"label": long}]
    (tmp_path / "k.json").write_text(json.dumps({"elements": elements}), encoding="utf-8")
    dataset, report = _read("kumu", tmp_path / "k.json")
    person = dataset.people[1]
    assert len(person.name) == 120 and person.name.endswith("…")
    assert f"Full name: {long}" in dataset.memberships[1].notes
    assert _whats(report) == ["name shortened"] and report.problems[0].where == "element 2, field 'name'"


def test_an_unlabelled_kumu_element_is_named_after_its_id(tmp_path: Path) -> None:
    (tmp_path / "k.json").write_text(
        '{"elements": [{"label": "Jade", "young person": "yes"}, {"_id": "elem-7"}],'
        ' "connections": [{"from": "Jade", "to": "elem-7"}]}',
        encoding="utf-8",
    )
    dataset, report = _read("kumu", tmp_path / "k.json")
    assert [p.name for p in dataset.people] == ["Jade", "Unlabelled element (elem-7)"] and len(
        dataset.ties
    ) == 1
    assert report.problems[0].why == "the element has no label"


def test_self_loops_are_skipped_in_graphml_and_network_canvas(tmp_path: Path) -> None:
    graph = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="y" for="node" attr.name="young_person"'
        ' attr.type="boolean"/><graph><node id="a"><data key="y">true</data></node><node id="b"/>'
        '<edge source="a" target="b"/><edge source="b" target="b"/></graph></graphml>'
    )
    (tmp_path / "g.graphml").write_text(graph, encoding="utf-8")
    dataset, report = _read("graphml", tmp_path / "g.graphml")
    assert len(dataset.ties) == 1
    assert [(p.where, p.what, p.why) for p in report.problems] == [
        ("edge 'b->b'", "tie skipped", "a tie needs two different people")
    ]
    nc = graph.replace('<data key="y">true</data>', "").replace("young_person", "alter_name")
    (tmp_path / "nc.graphml").write_text(nc, encoding="utf-8")
    dataset, report = _read("networkcanvas", tmp_path / "nc.graphml")
    assert len(dataset.ties) == 2 + 1 and _whats(report) == ["tie skipped"]


def test_death_before_birth_keeps_the_dates_in_the_notes(tmp_path: Path) -> None:
    (tmp_path / "t.ged").write_text(
        "0 HEAD\n0 @I1@ INDI\n1 NAME Ann /Ray/\n1 BIRT\n2 DATE 1990\n1 DEAT\n2 DATE 1985\n"
        "0 @I2@ INDI\n1 NAME Bo /Ray/\n0 TRLR\n",
        encoding="utf-8",
    )
    dataset, report = _read("gedcom", tmp_path / "t.ged", case_id="c-1")
    ann = dataset.people[0]
    assert (ann.birth_year, ann.death_year, ann.deceased) == (None, None, True)
    assert "birth year: 1990; death year: 1985" in dataset.memberships[0].notes
    assert report.problems[0].what == "dates kept in notes" and len(dataset.people) == 2


def test_a_bad_cell_is_left_out_and_kept_in_the_notes(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(EGO + "Mo Example,,\n", encoding="utf-8")
    (tmp_path / "p_ties.csv").write_text("from,to,strength\nJade Example,Mo Example,9\n", encoding="utf-8")
    dataset, report = _read("csv", tmp_path / "p.csv")
    assert dataset.ties[0].strength == 2 and dataset.ties[0].notes == "strength: 9"
    assert report.problems[0].where == "row 2, column 'strength'"


def test_a_tie_to_nobody_is_skipped_and_a_second_young_person_mark_ignored(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(EGO + "Mo Example,yes\n", encoding="utf-8")
    (tmp_path / "p_ties.csv").write_text("from,to\nJade Example,Nobody\n", encoding="utf-8")
    dataset, report = _read("csv", tmp_path / "p.csv")
    assert dataset.cases[0].ego_id == dataset.people[0].id and len(dataset.people) == 2
    assert _whats(report) == ["young person mark ignored", "tie skipped"]
    assert report.problems[1].sentence() == "p_ties.csv row 2, to: 'Nobody' is not a person in this file."


# ----------------------------------------------------------------------------- the wrong basic shape


@pytest.mark.parametrize(
    "name,data,fmt,expected",
    [
        ("x.graphml", b"<nodes/>", "graphml", "x.graphml: is not GraphML (the root element is <nodes>)."),
        ("x.json", b'{"elements": 3}', "kumu", "x.json: is not a Kumu blueprint (needs lists 'elements' and 'connections')."),
        ("x.ged", b"hello\nworld\n", "gedcom", "x.ged: is not a GEDCOM file (no HEAD, INDI or FAM records)."),
        ("x.csv", b"Full name\nAnn\n", "csv", "x.csv: column 'Full name' is not a netmap column; rename it, map it (their column=netmap column) or map it to '-' to leave it out."),
    ],
)  # fmt: skip
def test_a_file_of_the_wrong_shape_is_refused_with_one_sentence(
    name: str, data: bytes, fmt: str, expected: str, tmp_path: Path
) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ImportFailed) as caught:
        read_file(fmt, tmp_path / name, **({"case_id": "c-1"} if fmt == "gedcom" else {}))
    assert str(caught.value) == expected


# ----------------------------------------------------------------------------- spreadsheets as people save them


@pytest.mark.parametrize(
    "encoding,delimiter",
    [
        ("utf-8", ";"),
        ("utf-8", "\t"),
        ("utf-8-sig", ","),
        ("utf-16", "\t"),
        ("utf-16-le", ";"),
        ("utf-16-be", ","),
    ],
)
def test_csv_delimiter_and_encoding_are_sniffed(encoding: str, delimiter: str, tmp_path: Path) -> None:
    rows = [["name", "young_person", "notes"], ["Zoë Núñez", "yes", "a, b; c"], ["Łucja", "", ""]]
    text = "\r\n".join(delimiter.join(f'"{c}"' if delimiter in c or "," in c else c for c in r) for r in rows)
    (tmp_path / "p.csv").write_bytes(text.encode(encoding))
    dataset, report = _read("csv", tmp_path / "p.csv")
    assert [p.name for p in dataset.people] == ["Zoë Núñez", "Łucja"] and not report.count
    assert dataset.memberships[0].notes == "a, b; c"


def test_excels_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text("sep=;\nname;young_person\nAnn;yes\n", encoding="utf-8")
    assert [p.name for p in _read("csv", tmp_path / "p.csv")[0].people] == ["Ann"]


def test_a_title_row_above_the_header_is_found_and_reported(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(
        "Jade's network (March),,\n\nname,young_person,ring\nAnn,yes,1\n", encoding="utf-8"
    )
    dataset, report = _read("csv", tmp_path / "p.csv")
    assert [p.name for p in dataset.people] == ["Ann"]
    assert [(p.where, p.what) for p in report.problems] == [("row 1", "row left out")]


def test_merged_cells_are_filled_and_formulas_without_values_reported(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "People"
    for row in (
        ["name", "young_person", "sector", "ring"],
        ["Ann", "yes", "family", 1],
        ["Bo", "", None, "=1+1"],
        ["Cy", "", None, 3],
    ):
        sheet.append(row)
    sheet.merge_cells("C2:C4")
    book.save(tmp_path / "p.xlsx")  # openpyxl stores no result for the formula, as some tools do not
    dataset, report = _read("xlsx", tmp_path / "p.xlsx")
    assert [m.sector.value for m in dataset.memberships] == ["family"] * 3
    assert [m.ring for m in dataset.memberships] == [1, 2, 3]  # the formula's ring is the default
    assert {(p.where, p.what) for p in report.problems} == {
        ("cells C2:C4", "merged cells filled"),
        ("cell D3", "value left out"),
    }


# ----------------------------------------------------------------------------- GraphML as tools write it


def test_yed_labels_name_nodes_and_keys_inside_graph_are_read(tmp_path: Path) -> None:
    yed = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">'
        '<key for="node" id="d6" yfiles.type="nodegraphics"/><graph id="G" edgedefault="directed">'
        '<key id="k" for="node" attr.name="young_person" attr.type="boolean"/>'
        '<node id="n0"><data key="k">true</data><data key="d6"><y:ShapeNode><y:NodeLabel>Jade Example'
        '</y:NodeLabel></y:ShapeNode></data></node><node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>'
        'Mo</y:NodeLabel></y:ShapeNode></data></node><edge source="n0" target="n1"/></graph></graphml>'
    )
    (tmp_path / "y.graphml").write_text(yed, encoding="utf-8")
    dataset, report = _read("graphml", tmp_path / "y.graphml")
    assert [p.name for p in dataset.people] == ["Jade Example", "Mo"] and not report.count
    assert dataset.cases[0].ego_id == dataset.people[0].id


def test_a_foreign_attribute_named_like_a_netmap_field_goes_to_the_notes(tmp_path: Path) -> None:
    graph = (
        '<graphml><key id="g" for="node" attr.name="gender" attr.type="boolean"/>'
        '<key id="n" for="node" attr.name="name" attr.type="string"/><graph>'
        '<node id="a"><data key="n">Ann</data><data key="g">true</data></node></graph></graphml>'
    )
    (tmp_path / "g.graphml").write_text(graph, encoding="utf-8")
    dataset, report = _read("graphml", tmp_path / "g.graphml", case_id="c-1", ego_id="p-ego")
    assert dataset.people[0].gender.value == "unknown" and "gender: true" in dataset.memberships[0].notes
    assert report.problems[0].where == "node 'a', attribute 'gender'"


# ----------------------------------------------------------------------------- GEDCOM as programs write it


def _ged(tmp_path: Path, body: str, *, head: str = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n") -> Path:
    path = tmp_path / "t.ged"
    path.write_text(head + body + "0 TRLR\n", encoding="utf-8")
    return path


def _kin(dataset) -> set[tuple[str, str, str]]:
    names = {p.id: p.name for p in dataset.people}
    return {(names[k.from_id], names[k.to_id], k.kind.value) for k in dataset.kin}


def test_version_5_0x_is_read_as_5_5(tmp_path: Path) -> None:
    path = _ged(tmp_path, "0 @I1@ INDI\n1 NAME Ann\n", head="0 HEAD\n1 GEDC\n2 VERS 5.01\n")
    dataset, report = _read("gedcom", path, case_id="c-1")
    assert len(dataset.people) == 1 and not report.count


def test_a_julian_dual_year_is_kept_as_written(tmp_path: Path) -> None:
    path = _ged(tmp_path, "0 @I1@ INDI\n1 NAME Ann\n1 BIRT\n2 DATE @#DJULIAN@ 11 FEB 1731/32\n")
    dataset, _ = _read("gedcom", path, case_id="c-1")
    assert "born @#DJULIAN@ 11 FEB 1731/32" in dataset.memberships[0].notes


def test_utf16_big_endian_without_a_bom_and_ansel_names_in_nfc(tmp_path: Path) -> None:
    text = "0 HEAD\n1 CHAR UNICODE\n0 @I1@ INDI\n1 NAME Zoë /Ørsted/\n0 TRLR\n"
    (tmp_path / "be.ged").write_bytes(text.encode("utf-16-be"))
    assert read_file("gedcom", tmp_path / "be.ged", case_id="c-1")[0].people[0].name == "Zoë Ørsted"
    (tmp_path / "ansel.ged").write_bytes(b"0 HEAD\n1 CHAR ANSEL\n0 @I1@ INDI\n1 NAME Ren\xe2e\n0 TRLR\n")
    name = read_file("gedcom", tmp_path / "ansel.ged", case_id="c-1")[0].people[0].name
    assert name == "René" == unicodedata.normalize("NFC", name)  # ANSEL puts the accent before its letter


def test_adoption_foster_and_step_links_are_read_in_every_encoding(tmp_path: Path) -> None:
    body = (
        "0 @D@ INDI\n1 NAME Dad\n1 SEX M\n0 @M@ INDI\n1 NAME Mum\n1 SEX F\n"
        "0 @A@ INDI\n1 NAME Ada\n1 FAMC @F1@\n1 ADOP\n2 FAMC @F1@\n3 ADOP BOTH\n"
        "0 @B@ INDI\n1 NAME Bo\n1 FAMC @F1@\n2 PEDI foster\n"
        "0 @C@ INDI\n1 NAME Cy\n1 FAMC @F1@\n"
        "0 @E@ INDI\n1 NAME Ed\n1 FAMC @F1@\n"
        "0 @F1@ FAM\n1 HUSB @D@\n1 WIFE @M@\n1 MARR\n1 EVEN\n2 TYPE Separation\n"
        "1 CHIL @A@\n1 CHIL @B@\n1 CHIL @C@\n2 _FREL Stepchild\n2 _MREL Birth\n1 CHIL @E@\n"
    )
    dataset, report = _read("gedcom", _ged(tmp_path, body), case_id="c-1")
    assert _kin(dataset) == {
        ("Dad", "Mum", KinType.SEPARATED.value),
        ("Dad", "Ada", "adoptive_parent"), ("Mum", "Ada", "adoptive_parent"),
        ("Dad", "Bo", "foster_parent"), ("Mum", "Bo", "foster_parent"),
        ("Dad", "Cy", "step_parent"), ("Mum", "Cy", "birth_parent"),
        ("Dad", "Ed", "birth_parent"), ("Mum", "Ed", "birth_parent"),
    }  # fmt: skip
    assert not report.count


def test_a_loop_in_the_tree_drops_only_the_link_that_closes_it(tmp_path: Path) -> None:
    body = (
        "0 @A@ INDI\n1 NAME Ann\n0 @B@ INDI\n1 NAME Bo\n0 @C@ INDI\n1 NAME Cy\n"
        "0 @F1@ FAM\n1 HUSB @A@\n1 CHIL @B@\n0 @F2@ FAM\n1 HUSB @B@\n1 CHIL @C@\n0 @F3@ FAM\n1 HUSB @C@\n1 CHIL @A@\n"
    )
    dataset, report = _read("gedcom", _ged(tmp_path, body), case_id="c-1")
    assert _kin(dataset) == {("Ann", "Bo", "birth_parent"), ("Bo", "Cy", "birth_parent")}
    assert "their own ancestor" in report.problems[0].why


# ----------------------------------------------------------------------------- Network Canvas as exported


def _nc_files(folder: Path, edges: str) -> Path:
    folder.mkdir()
    (folder / "s1_ego.csv").write_text(
        "networkCanvasEgoUUID,networkCanvasCaseID\ne1,case 9\n", encoding="utf-8"
    )
    (folder / "s1_attributeList_Person.csv").write_text(
        "nodeID,networkCanvasUUID,name,null\n1,u-1,Ann,\n2,u-2,Bo,\n", encoding="utf-8"
    )
    (folder / "s1_edgeList_Friends.csv").write_text(edges, encoding="utf-8")
    return folder


def test_edge_lists_without_edge_id_link_by_uuid(tmp_path: Path) -> None:
    folder = _nc_files(tmp_path / "export", "networkCanvasSourceUUID,networkCanvasTargetUUID\nu-1,u-2\n")
    dataset, report = _read("networkcanvas", folder / "s1_ego.csv")
    assert [t.source for t in dataset.ties].count("Network Canvas Friends") == 1 and not report.count


def test_a_zip_made_on_a_mac_is_one_interview(tmp_path: Path) -> None:
    import zipfile

    folder = _nc_files(tmp_path / "export", "edgeID,from,to\n1,1,2\n")
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        for file in folder.iterdir():
            archive.write(file, f"export/{file.name}")
            archive.writestr(f"__MACOSX/export/._{file.name}", b"\x00\x05\x16\x07 Mac OS X")
    dataset, _ = _read("networkcanvas", tmp_path / "export.zip")
    assert [p.name for p in dataset.people][1:] == ["Ann", "Bo"] and len(dataset.ties) == 3


# ----------------------------------------------------------------------------- naming the young person


TREE = (
    "0 @A@ INDI\n1 NAME Jade /Example/\n1 FAMC @F1@\n0 @M@ INDI\n1 NAME Mo /Example/\n1 SEX F\n1 FAMS @F1@\n"
    "0 @F1@ FAM\n1 WIFE @M@\n1 CHIL @A@\n"
)


def test_a_family_tree_names_its_young_person_for_a_new_case(tmp_path: Path) -> None:
    dataset, _ = read_file("gedcom", _ged(tmp_path, TREE), young_person="jade example")
    (case,) = dataset.cases
    assert next(p.name for p in dataset.people if p.id == case.ego_id) == "Jade Example"
    assert {m.person_id for m in dataset.memberships} == {p.id for p in dataset.people}


def test_a_family_trees_young_person_merges_into_the_cases(tmp_path: Path) -> None:
    dataset, report = read_file(
        "gedcom",
        _ged(tmp_path, TREE),
        strict=True,
        case_id="c-1",
        ego_id="p-jade",
        young_person="Jade Example",
    )
    assert [p.name for p in dataset.people] == ["Mo Example"] and not dataset.cases
    assert [(k.to_id, k.kind.value) for k in dataset.kin] == [("p-jade", "birth_parent")]
    assert [(p.where, p.what) for p in report.problems] == [
        ("line 5 (INDI @A@)", "merged with the young person")
    ]


def test_the_young_person_option_wins_over_the_files_mark(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(EGO + "Mo Example,\n", encoding="utf-8")
    dataset, report = read_file("csv", tmp_path / "p.csv", young_person="Mo Example")
    assert next(p.name for p in dataset.people if p.id == dataset.cases[0].ego_id) == "Mo Example"
    assert not report.count


@pytest.mark.parametrize(
    "who,expected",
    [
        ("Nobody", "t.ged: no one in the file is 'Nobody' (by id, name or known-as)."),
        (
            "Twin",
            "t.ged: 'Twin' names 2 people (line 5 (INDI @A@), line 7 (INDI @B@)); give their id instead.",
        ),
    ],
)
def test_a_young_person_who_is_not_exactly_one_person_is_refused(
    who: str, expected: str, tmp_path: Path
) -> None:
    path = _ged(tmp_path, "0 @A@ INDI\n1 NAME Twin\n0 @B@ INDI\n1 NAME Twin\n")
    with pytest.raises(ImportFailed) as caught:
        read_file("gedcom", path, young_person=who)
    assert str(caught.value) == expected
