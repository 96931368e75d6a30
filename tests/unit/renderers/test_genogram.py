"""The genogram renderer: symbols, generations, couple and descent lines, restrictions, escaping."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from pydantic import ValidationError

from netmap.models import Case, Gender, Kin, Membership, Network, Person, PersonKind, Restriction, Sector
from netmap.renderers.escape import xml_safe
from netmap.renderers.genogram import render_genogram
from netmap.renderers.genogram_layout import generations
from tests.paths import PAYLOADS

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {"svg", "title", "text", "tspan", "g", "path", "line", "rect", "circle", "polygon"}

PEOPLE = [
    ("gf", "Grandad Ray Holt", Gender.MALE, {"deceased": True, "birth_year": 1941, "death_year": 2011}),
    ("gm", "Nana Jo Holt", Gender.FEMALE, {"birth_year": 1946}),
    ("mgf", "Pops Ade Bello", Gender.MALE, {}),
    ("mgm", "Gran Ife Bello", Gender.FEMALE, {}),
    ("dad", "Lee Holt", Gender.MALE, {"birth_year": 1975}),
    ("mum", "Tola Bello", Gender.FEMALE, {"birth_year": 1978}),
    ("aunt", "Kim Holt", Gender.FEMALE, {"birth_year": 1980}),
    ("step", "Dan Reeve", Gender.MALE, {}),
    ("fc", "Pat Greene", Gender.FEMALE, {}),
    ("ego", "Jay Holt", Gender.NONBINARY, {"birth_year": 2005}),
    ("sib", "Amy Holt", Gender.FEMALE, {"birth_year": 2008}),
    ("cousin", "Rio Holt", Gender.UNKNOWN, {}),
]
KIN = [
    ("gf", "gm", "married"),
    ("gf", "dad", "birth_parent"),
    ("gm", "dad", "birth_parent"),
    ("gf", "aunt", "birth_parent"),
    ("gm", "aunt", "birth_parent"),
    ("mgf", "mgm", "divorced"),
    ("mgf", "mum", "birth_parent"),
    ("mgm", "mum", "birth_parent"),
    ("dad", "mum", "separated"),
    ("mum", "step", "cohabiting"),
    ("dad", "ego", "birth_parent"),
    ("mum", "ego", "birth_parent"),
    ("dad", "sib", "birth_parent"),
    ("mum", "sib", "birth_parent"),
    ("fc", "ego", "foster_parent"),
    ("aunt", "cousin", "birth_parent"),
]


def _network(kin: list[tuple[str, str, str]] = KIN, memberships: list[Membership] = ()) -> Network:  # type: ignore[assignment]
    people = [Person(id=i, name=n, gender=g, **extra) for i, n, g, extra in PEOPLE]  # type: ignore[arg-type]
    people.append(Person(id="school", name="Hillside Academy", kind=PersonKind.SERVICE))
    links = [Kin(id=f"k-{i}", from_id=a, to_id=b, kind=k) for i, (a, b, k) in enumerate(kin)]  # type: ignore[arg-type]
    case = Case(id="c-1", title="Jay's family", ego_id="ego")
    return Network(case=case, people=people, kin=links, memberships=list(memberships))


@pytest.fixture
def svg() -> ET.Element:
    return ET.fromstring(render_genogram(_network()))


def _person(root: ET.Element, pid: str) -> ET.Element:
    found = root.find(f".//{SVG}g[@data-person-id='{pid}']")
    assert found is not None, pid
    return found


def _centre(node: ET.Element) -> tuple[float, float]:
    shape = node.find(f"{SVG}*[@class='symbol']")
    assert shape is not None
    if shape.tag == f"{SVG}circle":
        return float(shape.get("cx", 0)), float(shape.get("cy", 0))
    if shape.tag == f"{SVG}rect":
        return float(shape.get("x", 0)) + 20, float(shape.get("y", 0)) + 20
    points = [tuple(map(float, p.split(","))) for p in shape.get("points", "").split()]
    return points[0][0], (points[0][1] + points[2][1]) / 2


def _couple(root: ET.Element, a: str, b: str) -> ET.Element:
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "couple" and {g.get("data-from"), g.get("data-to")} == {a, b}:
            return g
    raise AssertionError(f"no couple line between {a} and {b}")


def test_output_is_well_formed_and_deterministic() -> None:
    first = render_genogram(_network())
    assert first == render_genogram(_network())
    assert first == render_genogram(_network(list(reversed(KIN))))
    ET.fromstring(first)


@pytest.mark.parametrize(
    ("pid", "tag", "symbol"),
    [
        ("dad", "rect", "square"),
        ("mum", "circle", "circle"),
        ("ego", "polygon", "diamond"),
        ("cousin", "polygon", "diamond"),
    ],
)
def test_symbol_per_gender(svg: ET.Element, pid: str, tag: str, symbol: str) -> None:
    node = _person(svg, pid)
    assert node.get("data-symbol") == symbol
    assert node.find(f"{SVG}*[@class='symbol']").tag == f"{SVG}{tag}"  # type: ignore[union-attr]


def test_services_are_not_family(svg: ET.Element) -> None:
    assert svg.find(f".//{SVG}g[@data-person-id='school']") is None


def test_generations_follow_parent_links() -> None:
    gen = generations(_network())
    assert gen["gf"] == gen["gm"] == gen["mgf"] == gen["mgm"] == 0
    assert gen["dad"] == gen["mum"] == gen["aunt"] == gen["step"] == gen["fc"] == 1
    assert gen["ego"] == gen["sib"] == gen["cousin"] == 2


def test_generations_are_drawn_top_down_with_siblings_side_by_side(svg: ET.Element) -> None:
    y = {pid: _centre(_person(svg, pid))[1] for pid, *_ in PEOPLE}
    assert y["gf"] < y["dad"] < y["ego"]
    assert y["ego"] == y["sib"] == y["cousin"]
    assert y["dad"] == y["mum"] == y["aunt"]
    row = sorted((_centre(_person(svg, p))[0], p) for p in ("ego", "sib", "cousin"))
    assert abs(row[0][0] - row[1][0]) >= 100 and abs(row[1][0] - row[2][0]) >= 100
    xs = {pid: _centre(_person(svg, pid))[0] for pid in ("ego", "sib", "dad", "mum")}
    assert min(xs["dad"], xs["mum"]) <= (xs["ego"] + xs["sib"]) / 2 <= max(xs["dad"], xs["mum"])


def test_deceased_people_are_crossed_out(svg: ET.Element) -> None:
    cross = _person(svg, "gf").find(f"{SVG}g[@class='deceased']")
    assert cross is not None and len(cross.findall(f"{SVG}line")) == 2
    assert _person(svg, "gm").find(f"{SVG}g[@class='deceased']") is None


def test_young_person_has_a_double_outline(svg: ET.Element) -> None:
    outlines = [
        g.get("data-person-id")
        for g in svg.iter(f"{SVG}g")
        if g.find(f"{SVG}*[@class='ego-outline']") is not None
    ]
    assert outlines == ["ego"]


@pytest.mark.parametrize(
    ("a", "b", "slashes", "dashed"),
    [("gf", "gm", 0, False), ("dad", "mum", 1, False), ("mgf", "mgm", 2, False), ("mum", "step", 0, True)],
)
def test_couple_lines(svg: ET.Element, a: str, b: str, slashes: int, dashed: bool) -> None:
    couple = _couple(svg, a, b)
    assert len(couple.findall(f"{SVG}line[@class='slash']")) == slashes
    assert (couple.find(f"{SVG}path").get("stroke-dasharray") is not None) is dashed  # type: ignore[union-attr]


def test_ex_partners_get_two_slashes() -> None:
    root = ET.fromstring(
        render_genogram(_network([("dad", "fc", "ex_partner"), ("dad", "ego", "birth_parent")]))
    )
    assert len(_couple(root, "dad", "fc").findall(f"{SVG}line[@class='slash']")) == 2


def _descents(root: ET.Element) -> dict[str, ET.Element]:
    return {
        f"{p.get('data-kind')}:{p.get('data-children')}": p
        for p in root.iter(f"{SVG}path")
        if p.get("class") == "descent"
    }


def test_children_hang_from_the_couple_line(svg: ET.Element) -> None:
    descents = _descents(svg)
    birth = descents["birth:ego sib"]
    assert birth.get("stroke-dasharray") is None
    couple_path = _couple(svg, "dad", "mum").find(f"{SVG}path").get("d")  # type: ignore[union-attr]
    match = re.match(r"M(-?\d+),(-?\d+) V(-?\d+) H(-?\d+)", couple_path or "")
    assert match
    x1, _, line_y, x2 = map(int, match.groups())
    start = re.match(r"M(-?\d+),(-?\d+)", birth.get("d", ""))
    assert start and (int(start.group(1)), int(start.group(2))) == ((x1 + x2) // 2, line_y)


def test_foster_care_descent_is_dashed_and_single_parents_hold_their_child(svg: ET.Element) -> None:
    descents = _descents(svg)
    assert descents["foster:ego"].get("stroke-dasharray") == "2 4"
    assert "birth:cousin" in descents


def test_restricted_members_are_shown_by_name_only() -> None:
    restricted = Membership.make(
        "c-1", "dad", sector=Sector.FAMILY, restrictions=[Restriction(kind="do_not_contact")]
    )
    root = ET.fromstring(render_genogram(_network(memberships=[restricted])))
    dad = _person(root, "dad")
    assert _texts(dad) == ["Lee Holt"]
    assert "born 1975" not in ET.tostring(root, encoding="unicode")
    assert _texts(_person(root, "mum")) == ["Tola Bello", "born 1978"]
    assert "restricted" in (dad.get("class") or "")
    assert [t.text for t in dad.iter(f"{SVG}text") if t.get("class") == "restriction"] == ["!"]


def _texts(person: ET.Element) -> list[str | None]:
    return [t.text for t in person.iter(f"{SVG}text") if t.get("class") in ("name", "years")]


def test_years_show_birth_and_death(svg: ET.Element) -> None:
    assert _texts(_person(svg, "gf")) == ["Grandad Ray Holt", "1941–2011"]


def test_a_young_person_without_kin_is_still_drawn() -> None:
    net = Network(case=Case(id="c-2", title="Alone", ego_id="p"), people=[Person(id="p", name="Quinn")])
    root = ET.fromstring(render_genogram(net))
    assert _person(root, "p").get("data-generation") == "0"


def _names() -> list[str]:
    lines = []
    for path in sorted((PAYLOADS / "xss").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    lines += json.loads((PAYLOADS / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))
    names = []
    for line in lines:
        try:
            names.append(Person(id="p-probe", name=line).name)
        except ValidationError:
            continue
    return names


def test_hostile_names_stay_text() -> None:
    names = _names()
    assert len(names) > 400
    people = [Person(id="ego", name="Jay Holt")] + [Person(id=f"p-{i}", name=n) for i, n in enumerate(names)]
    kin = [Kin(id=f"k-{i}", from_id=f"p-{i}", to_id="ego", kind="sibling") for i in range(len(names))]
    case = Case(id="c-3", title=names[0], ego_id="ego")
    root = ET.fromstring(render_genogram(Network(case=case, people=people, kin=kin)))
    assert {el.tag.removeprefix(SVG) for el in root.iter()} <= ALLOWED_TAGS
    assert not [a for el in root.iter() for a in el.attrib if a.lower().startswith("on")]
    shown = {
        g.get("data-person-id"): "".join(
            t.text or "" for t in g.iter(f"{SVG}text") if t.get("class") == "name"
        )
        for g in root.iter(f"{SVG}g")
        if g.get("data-person-id")
    }
    titles = {
        g.get("data-person-id"): g.find(f"{SVG}title").text
        for g in root.iter(f"{SVG}g")
        if g.get("data-person-id")
    }  # type: ignore[union-attr]
    # long names are wrapped over lines (the spaces at the breaks are not drawn)
    assert {k: "".join(v.split()) for k, v in shown.items()} == {
        p.id: "".join(xml_safe(p.display_name).split()) for p in people
    }
    assert titles == {p.id: xml_safe(p.display_name) for p in people}
