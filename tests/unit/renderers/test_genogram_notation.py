"""McGoldrick notation on the genogram: link styles, twins, several partners, household, placeholders, legend."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from netmap.models import Case, Gender, Kin, Membership, Network, Person, Restriction, Sector
from netmap.planning.placeholders import with_placeholders
from netmap.renderers.genogram import render_genogram
from netmap.renderers.genogram_lines import DESCENT_STYLES
from tests.unit.renderers.samples import SAMPLE_FILES, sample_network

SVG = "{http://www.w3.org/2000/svg}"


def _family(
    kin: list[tuple[str, str, str]], people: list[Person], memberships: list[Membership] = ()
) -> ET.Element:  # type: ignore[assignment]
    links = [Kin(id=f"k-{i}", from_id=a, to_id=b, kind=k) for i, (a, b, k) in enumerate(kin)]  # type: ignore[arg-type]
    case = Case(id="c-g", title="Family", ego_id="ego")
    return ET.fromstring(
        render_genogram(Network(case=case, people=people, kin=links, memberships=list(memberships)))
    )


def _person(root: ET.Element, pid: str) -> ET.Element:
    found = root.find(f".//{SVG}g[@data-person-id='{pid}']")
    assert found is not None, pid
    return found


def _x(root: ET.Element, pid: str) -> float:
    shape = _person(root, pid).find(f"{SVG}*[@class='symbol']")
    assert shape is not None
    return float(shape.get("cx") or float(shape.get("x", 0)) + 20)


PEOPLE = [
    Person(id="ego", name="Robin", gender=Gender.FEMALE, birth_date=date(2008, 6, 1)),
    Person(id="twin", name="Rowan", gender=Gender.MALE, birth_date=date(2008, 6, 1)),
    Person(id="big", name="Ash", gender=Gender.MALE, birth_year=2004),
    Person(id="mum", name="Mum", gender=Gender.FEMALE),
    Person(id="dad", name="Dad", gender=Gender.MALE),
    Person(id="step", name="Step", gender=Gender.MALE),
    Person(id="ex", name="Ex", gender=Gender.MALE),
    Person(id="adopt", name="Adopter", gender=Gender.FEMALE),
    Person(id="kin", name="Kinship carer", gender=Gender.FEMALE),
]
KIN = [
    ("mum", "ego", "birth_parent"), ("dad", "ego", "birth_parent"),
    ("mum", "twin", "birth_parent"), ("dad", "twin", "birth_parent"),
    ("mum", "big", "birth_parent"), ("dad", "big", "birth_parent"),
    ("mum", "dad", "divorced"), ("mum", "step", "married"), ("ex", "mum", "ex_partner"),
    ("step", "ego", "step_parent"), ("adopt", "big", "adoptive_parent"), ("kin", "ego", "kinship_carer"),
]  # fmt: skip


@pytest.fixture
def root() -> ET.Element:
    return _family(KIN, PEOPLE)


def _descents(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-kind", ""): p for p in root.iter(f"{SVG}path") if p.get("class") == "descent"}


def test_each_kind_of_parent_link_has_its_own_line(root: ET.Element) -> None:
    descents = _descents(root)
    assert set(descents) == {"birth", "step", "adoptive", "kinship"}
    patterns = {kind: path.get("stroke-dasharray") or "" for kind, path in descents.items()}
    assert patterns == {kind: DESCENT_STYLES[kind] for kind in patterns}
    assert len(set(DESCENT_STYLES.values())) == len(DESCENT_STYLES)


def test_children_are_ordered_oldest_first_and_twins_meet_at_one_point(root: ET.Element) -> None:
    assert _x(root, "big") < min(_x(root, "ego"), _x(root, "twin"))
    birth = _descents(root)["birth"]
    assert birth.get("data-twins") == "ego twin"
    meets = re.findall(r"M(-?\d+),(-?\d+) L(-?\d+),(-?\d+)", birth.get("d", ""))
    assert len(meets) == 2 and meets[0][:2] == meets[1][:2], "both twins' lines start from one point"


def test_same_birth_year_alone_does_not_make_twins() -> None:
    people = [*PEOPLE[:3], Person(id="other", name="Other", birth_year=2004), *PEOPLE[3:]]
    kin = [*KIN, ("mum", "other", "birth_parent"), ("dad", "other", "birth_parent")]
    assert _descents(_family(kin, people))["birth"].get("data-twins") == "ego twin"


def test_several_partners_are_drawn_earlier_on_the_left(root: ET.Element) -> None:
    couples = {
        frozenset((g.get("data-from"), g.get("data-to"))): g
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "couple"
    }
    assert len(couples) == 3
    # relationships that ended are taken to be earlier: on the left, the marriage that lasts on the right
    assert max(_x(root, "dad"), _x(root, "ex")) < _x(root, "mum") < _x(root, "step")
    ended = couples[frozenset(("ex", "mum"))]
    assert len(ended.findall(f"{SVG}line")) == 2 and ended.find(f"{SVG}path").get("stroke-dasharray")  # type: ignore[union-attr]
    ys = {key: re.findall(r"V(-?\d+)", g.find(f"{SVG}path").get("d", ""))[0] for key, g in couples.items()}  # type: ignore[union-attr]
    assert len(set(ys.values())) == 3, "lines of one person's several partners run at different depths"


def test_the_household_is_the_placement_in_ring_one() -> None:
    network = sample_network("discovery-kai-sister.json")
    root = ET.fromstring(render_genogram(network))
    (home,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "household"]
    assert set((home.get("data-members") or "").split()) == {"p-hol-maisie", "p-mai-carol", "p-mai-steve"}
    assert home.find(f"{SVG}path").get("stroke-dasharray")  # type: ignore[union-attr]


def test_a_former_foster_carer_is_not_the_household() -> None:
    root = ET.fromstring(render_genogram(sample_network("discovery-kai.json")))
    assert not [g for g in root.iter(f"{SVG}g") if g.get("class") == "household"]


def test_a_young_parents_baby_in_ring_one_is_their_household() -> None:
    network = sample_network("fgc-jade.json")
    (home,) = [
        g for g in ET.fromstring(render_genogram(network)).iter(f"{SVG}g") if g.get("class") == "household"
    ]
    assert set((home.get("data-members") or "").split()) == {"p-jade-jade", "p-jade-ruby"}


def test_a_hidden_mother_leaves_a_connected_tree_with_a_placeholder() -> None:
    network = with_placeholders(sample_network("always-hope.json"), {"p-ah-donna"})
    root = ET.fromstring(render_genogram(network))
    holder = _person(root, "not-shown:1")
    assert holder.get("data-placeholder") == "true" and holder.get("data-symbol") == "placeholder"
    assert holder.find(f"{SVG}title").text == "A relative not shown at the young person's request"  # type: ignore[union-attr]
    assert [t.text for t in holder.iter(f"{SVG}text")] == ["Not shown"]
    descents = [p.get("data-children", "") for p in root.iter(f"{SVG}path") if p.get("class") == "descent"]
    assert "p-ah-kyle p-ah-jordan" in descents or "p-ah-jordan p-ah-kyle" in descents
    assert "Donna" not in ET.tostring(root, encoding="unicode")


def test_a_name_not_known_has_a_question_mark() -> None:
    root = ET.fromstring(render_genogram(sample_network("discovery-kai.json")))
    father = _person(root, "p-hol-father")
    assert [t.text for t in father.iter(f"{SVG}text") if t.get("class") == "unknown"] == ["?"]


def test_restriction_details_only_when_allowed() -> None:
    people = [Person(id="ego", name="Robin"), Person(id="dad", name="Dad", gender=Gender.MALE)]
    order = Restriction(kind="non_association", other_person_id="ego", details="secret detail")
    memberships = [Membership.make("c-g", "dad", sector=Sector.FAMILY, restrictions=[order])]
    hidden = _person(_family([("dad", "ego", "birth_parent")], people, memberships), "dad")
    assert (
        hidden.find(f"{SVG}title").text
        == "Dad\nA restriction applies. Ask the coordinator before any contact."
    )  # type: ignore[union-attr]
    links = [Kin(id="k", from_id="dad", to_id="ego", kind="birth_parent")]
    net = Network(
        case=Case(id="c-g", title="F", ego_id="ego"), people=people, kin=links, memberships=memberships
    )
    shown = _person(ET.fromstring(render_genogram(net, restriction_details=True)), "dad")
    assert shown.find(f"{SVG}title").text == "Dad\nRestriction: non-association condition with Robin"  # type: ignore[union-attr]
    assert "secret detail" not in render_genogram(net, restriction_details=True)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_the_legend_and_date_are_whole_inside_the_picture(name: str) -> None:
    root = ET.fromstring(render_genogram(sample_network(name), as_of=date(2027, 3, 5)))
    x, y, width, height = (float(v) for v in root.get("viewBox", "").split())
    texts = list(root.iter(f"{SVG}text"))
    assert any(t.text == "Family as recorded on 5 March 2027" for t in texts)
    legend = root.find(f".//{SVG}g[@class='legend']")
    assert legend is not None
    words = {t.text for t in legend.iter(f"{SVG}text")}
    assert {
        "Male",
        "Female",
        "Divorced (two slashes)",
        "Fostered (dotted)",
        "Twins (lines from one point)",
    } <= words
    for text in legend.iter(f"{SVG}text"):
        tx, ty = float(text.get("x", 0)), float(text.get("y", 0))
        assert x <= tx <= x + width - 20 and y <= ty <= y + height, text.text


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_person_can_be_selected_by_id(name: str) -> None:
    network = sample_network(name)
    root = ET.fromstring(render_genogram(network))
    ids = {g.get("data-person-id") for g in root.iter(f"{SVG}g") if g.get("data-person-id")}
    related = {p for k in network.kin for p in (k.from_id, k.to_id)} | {network.case.ego_id}
    assert ids == related & {p.id for p in network.people if p.kind == "person"}
    assert all(g.get("tabindex") == "0" for g in root.iter(f"{SVG}g") if g.get("data-person-id"))
