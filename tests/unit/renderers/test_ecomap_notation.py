"""Hartman's notation on the ecomap: person markers, support arrows, plain words in every text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from netmap.models import Case, Membership, Network, Person, PersonKind, Perspective, Sector, Tie
from netmap.planning.placeholders import with_placeholders
from netmap.renderers.ecomap import render_ecomap
from netmap.renderers.ecomap_layout import build_scene
from netmap.renderers.ecomap_marks import node_shapes, tie_shapes
from netmap.renderers.ecomap_picture import ecomap_svg
from tests.unit.renderers.samples import SAMPLE_FILES, sample_network

SVG = "{http://www.w3.org/2000/svg}"


def _network() -> Network:
    case = Case(id="c-n", title="Notation", ego_id="p-ego")
    people = [
        Person(id="p-ego", name="Jordan Ashby"),
        Person(id="p-grandad", name="Raymond Ashby", deceased=True, death_year=2021),
        Person(id="p-dad", name="Father (not known)"),
        Person(id="p-aunt", name="Michelle Barker"),
        Person(id="p-gone", name="Brenda Lowe"),
        Person(id="p-hmp", name="HMP Ashbourne Fields", kind=PersonKind.SERVICE),
    ]
    memberships = [
        Membership.make("c-n", "p-grandad", sector=Sector.FAMILY, ring=4),
        Membership.make("c-n", "p-dad", sector=Sector.FAMILY, ring=4, status="not_found"),
        Membership.make("c-n", "p-aunt", sector=Sector.FAMILY, ring=2, status="identified"),
        Membership.make("c-n", "p-gone", sector=Sector.FAMILY, ring=3, status="deceased"),
        Membership.make("c-n", "p-hmp", sector=Sector.SERVICES, ring=4),
    ]
    ties = [
        Tie(id="t-both", case_id="c-n", from_id="p-ego", to_id="p-aunt", direction="both", domains=["education_work"],
            frequency="few_times_a_year", since=date(2024, 3, 5)),
        Tie(id="t-from", case_id="c-n", from_id="p-hmp", to_id="p-ego", direction="from_ego", valence="stressful"),
    ]  # fmt: skip
    return Network(case=case, people=people, memberships=memberships, ties=ties)


def _member(root: ET.Element, pid: str) -> ET.Element:
    found = root.find(f".//{SVG}g[@data-person-id='{pid}']")
    assert found is not None
    return found


def test_people_who_have_died_are_crossed_out() -> None:
    scene = build_scene(_network())
    assert scene.node("p-grandad").deceased and scene.node("p-gone").deceased
    assert not scene.node("p-aunt").deceased
    assert [s.role for s in node_shapes(scene.node("p-grandad"))] == ["deceased", "deceased"]
    assert "Died in 2021" in scene.node("p-grandad").title
    assert scene.node("p-gone").note == "", "an X says it already"


def test_a_person_whose_name_is_not_known_is_shown_with_a_question_mark() -> None:
    root = ET.fromstring(ecomap_svg(_network()))
    father = _member(root, "p-dad")
    assert "name-unknown" in (father.get("class") or "")
    assert [t.text for t in father.iter(f"{SVG}text") if t.get("class") == "unknown"] == ["?"]
    assert _member(root, "p-aunt").find(f"{SVG}text[@class='unknown']") is None


def test_leads_have_a_dashed_outline_and_every_status_is_written_under_the_name() -> None:
    scene = build_scene(_network())
    aunt = scene.node("p-aunt")
    assert aunt.lead and aunt.note == "Lead" and not scene.node("p-dad").lead
    assert scene.node("p-dad").note == "Not found"
    root = ET.fromstring(ecomap_svg(_network()))
    circle = _member(root, "p-aunt").find(f"{SVG}circle")
    assert circle is not None and circle.get("stroke-dasharray")
    notes = [t.text for t in _member(root, "p-aunt").iter(f"{SVG}text") if t.get("class") == "note"]
    assert notes == ["Lead"]
    page = render_ecomap(_network())
    assert '"shapeProperties": {"borderDashes": [5, 3]}' in page


def test_arrows_at_both_ends_show_support_both_ways() -> None:
    scene = build_scene(_network())
    both, from_ego = (next(e for e in scene.edges if e.id == i) for i in ("t-both", "t-from"))
    assert [s.role for s in tie_shapes(both)] == ["arrow", "arrow"]
    # from the young person to the prison: one arrowhead, at the prison's end (the tie's from_id)
    assert (from_ego.arrow_at_source, from_ego.arrow_at_target) == (True, False)
    (arrow,) = [s for s in tie_shapes(from_ego) if s.role == "arrow"]
    hmp = scene.node("p-hmp")
    assert abs(arrow.points[0][0] - hmp.x) < 25 and abs(arrow.points[0][1] - hmp.y) < 25


def test_tie_hover_text_is_in_plain_words_and_uk_dates() -> None:
    edge = next(e for e in build_scene(_network()).edges if e.id == "t-both")
    assert edge.title.split("\n") == [
        "Jordan Ashby – Michelle Barker",
        "Positive, moderate",
        "The practitioner's view",
        "Support: both ways",
        "Kinds of support: education or work",
        "Contact: a few times a year",
        "Since 5 March 2024",
    ]


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_no_model_words_iso_dates_or_none_reach_the_pictures(name: str) -> None:
    network = sample_network(name)
    for view in (None, Perspective.YOUNG_PERSON):
        scene = build_scene(network, perspective=view, restriction_details=True)
        texts = [n.title for n in scene.nodes] + [e.title for e in scene.edges]
        texts += [line for n in scene.nodes for line in (*n.label_lines, n.note)]
        root = ET.fromstring(ecomap_svg(network, perspective=view, restriction_details=True))
        texts += ["".join(t.itertext()) for t in root.iter() if t.tag in (f"{SVG}text", f"{SVG}title")]
        notes = {t.notes for t in network.ties}
        for text in texts:
            shown = "\n".join(line for line in text.split("\n") if line not in notes)
            assert not ISO_DATE.search(shown), shown
            assert "None" not in shown and "_" not in shown, shown


def test_placeholders_are_left_off_the_ecomap() -> None:
    network = sample_network("always-hope.json")
    hidden = with_placeholders(network, {"p-ah-donna"})
    ids = {n.id for n in build_scene(hidden).nodes}
    assert "p-ah-donna" not in ids and not any(i.startswith("not-shown:") for i in ids)
