"""The ecomap's static SVG picture, and what it and the page show of a restriction."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from netmap.models import Network, Restriction, RestrictionKind, Sector
from netmap.renderers.ecomap import render_ecomap
from netmap.renderers.ecomap_layout import EcomapFilters, build_scene
from netmap.renderers.ecomap_picture import ecomap_svg
from tests.unit.renderers.ecomap_cases import ecomap_network, standard_network

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def network() -> Network:
    return standard_network()


def _restricted_network() -> Network:
    net = ecomap_network(
        [("p-dad", "Dad Colm Byrne", Sector.FAMILY, 2), ("p-nan", "Nan Rose", Sector.FAMILY, 1)]
    )
    dad = net.person("p-dad").model_copy(
        update={
            "address": "14 Secret Lane",
            "phone": "07700 900123",
            "email": "colm@example.org",
            "safeguarding_notes": "Known risk to the young person",
        }
    )
    order = Restriction(
        kind=RestrictionKind.COURT_ORDER, details="Order made at Leeds", other_person_id="p-ego"
    )
    dad_membership = net.membership("p-dad").model_copy(  # type: ignore[union-attr]
        update={"role_label": "Birth father", "restrictions": [order]}
    )
    return Network(
        case=net.case,
        people=[p if p.id != "p-dad" else dad for p in net.people],
        memberships=[m if m.person_id != "p-dad" else dad_membership for m in net.memberships],
    )


@pytest.mark.parametrize("details", [False, True])
def test_restricted_fields_are_never_rendered(details: bool) -> None:
    net = _restricted_network()
    for output in (
        render_ecomap(net, restriction_details=details),
        ecomap_svg(net, restriction_details=details),
    ):
        for secret in ("Secret Lane", "900123", "colm@example", "Known risk", "Leeds", "Birth father"):
            assert secret not in output
        assert "Dad Colm Byrne" in output


def test_a_restriction_shows_a_marker_to_everyone_and_what_it_is_only_when_allowed() -> None:
    net = _restricted_network()
    hidden, shown = (build_scene(net, restriction_details=d).node("p-dad") for d in (False, True))
    assert hidden.restricted and shown.restricted and not build_scene(net).node("p-nan").restricted
    assert hidden.title == "Dad Colm Byrne\nA restriction applies. Ask the coordinator before any contact."
    assert shown.title == "Dad Colm Byrne\nRestriction: court order concerning Robin Ashdown"
    root = ET.fromstring(ecomap_svg(net))
    dad = root.find(f".//{SVG}g[@data-person-id='p-dad']")
    assert dad is not None and "restricted" in (dad.get("class") or "")
    assert len([p for p in dad.iter(f"{SVG}path") if p.get("class") == "restriction"]) == 1
    assert [t.text for t in dad.iter(f"{SVG}text") if t.get("class") == "restriction"] == ["!"]


def test_an_ended_restriction_carries_no_marker() -> None:
    net = _restricted_network()
    ended = net.membership("p-dad").restrictions[0].model_copy(update={"until": date(2024, 5, 1)})  # type: ignore[union-attr]
    memberships = [
        m.model_copy(update={"restrictions": [ended]}) if m.person_id == "p-dad" else m
        for m in net.memberships
    ]
    net = net.model_copy(update={"memberships": memberships})
    assert not build_scene(net, filters=EcomapFilters(as_of=date(2024, 5, 2))).node("p-dad").restricted
    assert build_scene(net, filters=EcomapFilters(as_of=date(2024, 5, 1))).node("p-dad").restricted


def test_svg_is_well_formed_and_matches_the_layout(network: Network) -> None:
    root = ET.fromstring(ecomap_svg(network, filters=EcomapFilters(as_of=date(2024, 1, 1))))
    ego = root.find(f".//{SVG}g[@data-person-id='p-ego']/{SVG}circle")
    assert ego is not None and (ego.get("cx"), ego.get("cy")) == ("0.0", "0.0")
    ties = {g.get("data-tie-id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "tie"}
    assert len(ties) == len(network.ties)

    def parts(tie_id: str, role: str) -> list[ET.Element]:
        return [p for p in ties[tie_id].iter(f"{SVG}path") if p.get("class") == role]

    assert parts("t-2", "line")[0].get("stroke-dasharray") == "8 6"
    assert ties["t-3"].get("data-pattern") == "hatched" and len(parts("t-3", "hatch")) >= 5
    assert parts("t-3", "line")[0].get("stroke-dasharray") is None
    harmful = ties["t-4"]
    assert harmful.get("data-pattern") == "jagged" and not parts("t-4", "line")
    (zigzag,) = parts("t-4", "zigzag")
    assert zigzag.get("stroke") == "#c00000" and zigzag.get("d", "").count("L") > 8
    assert [t.text for t in harmful.iter(f"{SVG}text")] == ["harmful"]
    # support from the aunt to the young person: one arrowhead, at the young person's end of t-0
    (arrow,) = parts("t-0", "arrow")
    tip = tuple(float(v) for v in arrow.get("d", "").split()[0].removeprefix("M").split(","))
    assert math.dist(tip, (0.0, 0.0)) < 30
    assert len(parts("t-2", "arrow")) == 2 and not parts("t-4", "arrow")
    service = root.find(f".//{SVG}g[@data-person-id='p-hmp']/{SVG}rect")
    assert service is not None
    rings = [g.get("data-ring") for g in root.iter(f"{SVG}g") if g.get("class") == "ring-number"]
    assert rings == ["1", "2", "3", "4"]
    assert [e.tag for e in root.iter() if e.tag.endswith(("marker", "tspan"))] == []
