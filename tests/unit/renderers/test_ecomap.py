"""The ecomap renderers: ring layout, Hartman line styles, filters, offline output and escaping."""

from __future__ import annotations

import html
import json
import math
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from pydantic import ValidationError

from netmap.models import (
    Network,
    Person,
    Perspective,
    Sector,
    SupportDomain,
    Tie,
    Valence,
)
from netmap.renderers.ecomap import render_ecomap
from netmap.renderers.ecomap_layout import (
    RING_GAP,
    RINGS,
    SECTOR_LABELS,
    EcomapFilters,
    build_scene,
    ring_band,
    ring_extent,
    sector_span,
)
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.escape import xml_safe
from tests.paths import PAYLOADS
from tests.unit.renderers.ecomap_cases import ecomap_network, standard_network

SVG = "{http://www.w3.org/2000/svg}"
VIS_DATA = re.compile(r"new vis\.DataSet\((.*)\);$", re.M)
ALLOWED_SVG_TAGS = {"svg", "title", "path", "text", "g", "circle", "rect"}


@pytest.fixture
def network() -> Network:
    return standard_network()


def _vis(page: str) -> tuple[list[dict], list[dict]]:
    nodes, edges = VIS_DATA.findall(page)
    return json.loads(nodes), json.loads(edges)


def _edge(page: str, tie_id: str) -> dict:
    return next(e for e in _vis(page)[1] if e["id"] == tie_id)


# --------------------------------------------------------------------------- layout


def test_young_person_is_at_the_centre(network: Network) -> None:
    nodes, _ = _vis(render_ecomap(network))
    ego = next(n for n in nodes if n["id"] == "p-ego")
    assert (ego["x"], ego["y"]) == (0.0, 0.0)
    assert ego["size"] > next(n for n in nodes if n["id"] == "p-aunt")["size"]


def test_members_sit_on_their_ring_and_in_their_sector_wedge(network: Network) -> None:
    nodes = {n["id"]: n for n in _vis(render_ecomap(network))[0]}
    for membership in network.memberships:
        node = nodes[membership.person_id]
        inner, outer = ring_band(membership.ring)
        assert inner <= math.hypot(node["x"], node["y"]) < outer, membership.person_id
        start, end = sector_span(membership.sector)
        angle = math.degrees(math.atan2(node["y"], node["x"]))
        angle = angle if angle >= start else angle + 360
        assert start < angle < end, membership.person_id


def test_physics_is_off_and_positions_are_fixed(network: Network) -> None:
    page = render_ecomap(network)
    assert '"physics": {"enabled": false}' in page
    assert all(n["fixed"] and not n["physics"] for n in _vis(page)[0])


def test_two_hundred_members_get_distinct_positions_on_their_rings() -> None:
    sectors = list(Sector)
    members = [(f"p-{i}", f"Member {i}", sectors[i % 5], 1 + i % 4) for i in range(220)]
    scene = build_scene(ecomap_network(members))
    points = [(n.x, n.y) for n in scene.nodes]
    assert len(scene.nodes) == 221
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest > 20
    for node in scene.nodes[1:]:
        inner, outer = ring_band(node.ring)
        assert inner <= math.hypot(node.x, node.y) < outer


def test_person_without_membership_goes_to_the_outer_ring() -> None:
    net = ecomap_network([])
    net = Network(case=net.case, people=[*net.people, Person(id="p-x", name="Kit Lowe")])
    node = build_scene(net).node("p-x")
    assert node.ring == 4 and node.sector is Sector.PEERS_COMMUNITY


# --------------------------------------------------------------------------- line styles


def test_strength_sets_width_and_tenuous_ties_are_dashed(network: Network) -> None:
    page = render_ecomap(network)
    strong, moderate, tenuous = _edge(page, "t-0"), _edge(page, "t-1"), _edge(page, "t-2")
    assert strong["width"] > moderate["width"] > tenuous["width"]
    assert strong["dashes"] is False and moderate["dashes"] is False
    assert tenuous["dashes"] == [8, 6]


def test_stressful_ties_are_hatched_and_harmful_ties_jagged_on_the_page(network: Network) -> None:
    page = render_ecomap(network)
    stressful, harmful, positive = _edge(page, "t-3"), _edge(page, "t-4"), _edge(page, "t-1")
    assert stressful["dashes"] is False and stressful["color"]["color"] != positive["color"]["color"]
    # vis keeps a harmful tie for its hover text only; the overlay draws it jagged
    assert harmful["color"]["opacity"] == 0.0 and positive["color"]["opacity"] == 1.0
    shapes = _backdrop_config(page)["shapes"]
    hatches = [s for s in shapes if s["stroke"] == stressful["color"]["color"] and len(s["points"]) == 2]
    zigzags = [s for s in shapes if s["stroke"] == harmful["color"]["color"] and len(s["points"]) > 6]
    assert len(hatches) >= 5 and len(zigzags) == 1


def test_harmful_ties_are_red_and_labelled(network: Network) -> None:
    page = render_ecomap(network)
    harmful = _edge(page, "t-4")
    assert harmful["color"]["color"] == "#c00000"
    assert harmful["label"] == "harmful"
    assert all(e["label"] == "" for e in _vis(page)[1] if e["id"] != "t-4")
    drawn = [t for t in _backdrop_config(page)["texts"] if t["text"] == "harmful"]
    assert len(drawn) == 1 and drawn[0]["colour"] == "#c00000" and drawn[0]["bold"]


@pytest.mark.parametrize(
    ("tie_id", "arrows"),
    [
        ("t-0", "from"),  # ego -> aunt, support to the young person: arrowhead at the ego end
        ("t-1", "to"),  # gran -> ego, support to the young person
        ("t-2", "from, to"),  # both ways
        ("t-3", "to"),  # ego -> coach, support from the young person
        ("t-4", ""),  # no direction recorded
    ],
)
def test_arrows_show_the_direction_of_support(network: Network, tie_id: str, arrows: str) -> None:
    assert _edge(render_ecomap(network), tie_id)["arrows"] == arrows


def test_ties_between_members_are_drawn(network: Network) -> None:
    edge = _edge(render_ecomap(network), "t-5")
    assert (edge["from"], edge["to"]) == ("p-aunt", "p-gran")


def test_two_views_of_one_relationship_are_fanned_apart(network: Network) -> None:
    scene = build_scene(network, filters=EcomapFilters(as_of=date(2024, 1, 1)))
    young, practitioner = (next(e for e in scene.edges if e.id == i) for i in ("t-6", "t-7"))
    assert young.curve == -practitioner.curve != 0
    assert next(e for e in scene.edges if e.id == "t-0").curve == 0


# --------------------------------------------------------------------------- filters


def _shown(page: str) -> tuple[set[str], set[str]]:
    nodes, edges = _vis(page)
    return {n["id"] for n in nodes}, {e["id"] for e in edges}


def test_sector_filter_drops_other_sectors_and_their_ties(network: Network) -> None:
    nodes, edges = _shown(render_ecomap(network, filters=EcomapFilters(sectors={Sector.FAMILY})))
    assert nodes == {"p-ego", "p-aunt", "p-gran"}
    assert edges == {"t-0", "t-1", "t-5"}


def test_domain_filter_keeps_ties_with_that_kind_of_support(network: Network) -> None:
    _, edges = _shown(render_ecomap(network, filters=EcomapFilters(domains={SupportDomain.HOUSING})))
    assert edges == {"t-1"}


def test_valence_filter(network: Network) -> None:
    filters = EcomapFilters(valences={Valence.HARMFUL, Valence.STRESSFUL})
    assert _shown(render_ecomap(network, filters=filters))[1] == {"t-3", "t-4"}


def test_perspective_filter_and_argument(network: Network) -> None:
    early = date(2024, 1, 1)
    young_view = EcomapFilters(perspective=Perspective.YOUNG_PERSON, as_of=early)
    assert _shown(render_ecomap(network, filters=young_view))[1] == {"t-6"}
    overridden = render_ecomap(network, perspective=Perspective.PRACTITIONER, filters=young_view)
    assert "t-6" not in _shown(overridden)[1] and "t-7" in _shown(overridden)[1]
    assert "The practitioner's view" in overridden


def test_as_of_drops_ties_that_ended_before_it(network: Network) -> None:
    on_the_day = _shown(render_ecomap(network, filters=EcomapFilters(as_of=date(2024, 1, 31))))[1]
    after = _shown(render_ecomap(network, filters=EcomapFilters(as_of=date(2024, 2, 1))))[1]
    assert "t-6" in on_the_day
    assert "t-6" not in after and "t-7" in after


def test_filters_reject_unknown_values() -> None:
    with pytest.raises(ValidationError):
        EcomapFilters(sectors=["neighbours"])


def test_the_date_of_the_map_is_shown(network: Network) -> None:
    page = render_ecomap(network, filters=EcomapFilters(as_of=date(2025, 3, 7)))
    assert '<time datetime="2025-03-07">7 March 2025</time>' in page
    svg = ecomap_svg(network, filters=EcomapFilters(as_of=date(2025, 3, 7)))
    assert "Map as of 7 March 2025 · All views" in svg and "2025-03-07" not in svg


def _backdrop_config(page: str) -> dict:
    return json.loads(re.search(r"var config = (.*?);\n", page).group(1))  # type: ignore[union-attr]


def test_first_view_fits_the_outer_ring_and_the_sector_names(network: Network) -> None:
    page = render_ecomap(network)
    config = _backdrop_config(page)
    extent = config["extent"]
    assert extent == ring_extent()
    outer = (RINGS + 0.5) * RING_GAP
    assert config["outer"] == outer
    # the fitted box holds the whole outer ring and the names drawn just beyond it
    assert extent["left"] < -outer - 34 and extent["right"] > outer + 34 and extent["top"] < -outer - 34
    assert extent["bottom"] >= outer
    assert [s["text"] for s in config["sectorNames"]] == list(SECTOR_LABELS.values())
    assert [r["text"] for r in config["rings"]] == ["1", "2", "3", "4"]
    assert (
        "network.moveTo(" in page and 'network.on("resize", function () { setTimeout(fitRings, 0); })' in page
    )


def test_on_a_phone_the_first_view_is_a_readable_close_up_and_the_whole_map_a_tap_away(
    network: Network,
) -> None:
    page = render_ecomap(network)
    config = _backdrop_config(page)
    nodes, _ = _vis(page)
    smallest = min(n["font"]["size"] for n in nodes)
    assert config["readable"] * smallest >= 12 and 320 < config["narrow"] <= 768
    assert re.search(r'<button id="ecomap-whole" type="button">Show the whole map</button>', page)
    options = json.loads(re.search(r"var options = (\{.*\});$", page, re.M).group(1))  # type: ignore[union-attr]
    interaction = options["interaction"]
    assert interaction["zoomView"] and interaction["dragView"] and not interaction["dragNodes"]


def test_names_are_drawn_where_the_scene_placed_them(network: Network) -> None:
    page = render_ecomap(network)
    nodes, _ = _vis(page)
    # vis keeps each whole name as data (and for its hover text) but does not draw it
    assert all(n["font"]["color"] == "rgba(0,0,0,0)" for n in nodes)
    drawn = {(t["text"], t["x"]) for t in _backdrop_config(page)["texts"]}
    for node in build_scene(network).nodes:
        for line in node.label_lines:
            assert (line.rstrip(), node.label_x) in drawn


def test_tooltips_use_a_sans_serif_face(network: Network) -> None:
    page = render_ecomap(network)
    rule = re.search(r"div\.vis-tooltip \{([^}]*)\}", page)
    assert rule is not None and "sans-serif" in rule.group(1) and "font-family" in rule.group(1)
    # our rule comes after vis-network's own (verdana, which falls back to a serif face on Linux)
    assert page.index(rule.group(0)) > page.index("font-family:verdana")


def test_inside_a_page_the_header_leaves_the_title_to_the_page(network: Network) -> None:
    page = render_ecomap(network)
    header = re.search(r'<div id="ecomap-header".*?</div>', page, re.S).group(0)  # type: ignore[union-attr]
    assert '<strong class="standalone-only">Ecomap: Ecomap test</strong>' in header
    assert "<time" in header.split("standalone-only")[-1], "the date stays visible when embedded"
    assert ".embedded .standalone-only { display: none; }" in page
    assert "window.self !== window.top" in page


def test_legend_sits_outside_the_canvas(network: Network) -> None:
    page = render_ecomap(network)
    legend = page.index('id="ecomap-legend"')
    assert legend > page.index('id="mynetwork"')
    for word in ("Family", "Peers &amp; community", "Tenuous", "Stressful", "Harmful"):
        assert word in page[legend:]


# --------------------------------------------------------------------------- offline and safety


def test_page_works_offline(network: Network) -> None:
    page = render_ecomap(network)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "new vis.Network(" in page  # vis-network itself is inlined


def test_height_must_be_a_css_length(network: Network) -> None:
    assert "height: 80vh;" in render_ecomap(network, height="80vh")
    with pytest.raises(ValueError, match="CSS length"):
        render_ecomap(network, height="1px;}</style><script>alert(1)</script>")


def _payloads() -> list[str]:
    lines = []
    for path in sorted((PAYLOADS / "xss").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    lines += json.loads((PAYLOADS / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))
    return [line for line in lines if line.strip()]


def _as_name(text: str) -> str | None:
    try:
        return Person(id="p-probe", name=text).name
    except ValidationError:
        return None


def _as_notes(text: str) -> str:
    """``text`` if the model accepts it as notes (control characters are refused), else nothing."""
    try:
        return Tie(id="t-probe", case_id="c-1", from_id="a", to_id="b", notes=text).notes
    except ValidationError:
        return ""


def _payload_network(batch: list[str], title: str) -> Network:
    members, ties = [], []
    for i, text in enumerate(batch):
        name = _as_name(text) or f"Person {i}"
        members.append((f"p-{i}", name, list(Sector)[i % 5], 1 + i % 4))
        ties.append({"from_id": "p-ego", "to_id": f"p-{i}", "notes": _as_notes(text)})
    return ecomap_network(members, ties, title=title)


PAYLOAD_BATCHES = [_payloads()[i : i + 120] for i in range(0, len(_payloads()), 120)]


@pytest.mark.parametrize("batch", PAYLOAD_BATCHES, ids=lambda b: f"{len(b)} strings")
def test_payloads_cannot_execute_and_decode_back(batch: list[str]) -> None:
    title = _as_name(batch[0]) or "Case"
    net = _payload_network(batch, title)
    page = render_ecomap(net)
    baseline = render_ecomap(
        ecomap_network([(f"p-{i}", f"Person {i}", Sector.FAMILY, 1) for i in range(len(batch))])
    )
    for data in VIS_DATA.findall(page):
        assert "<" not in data and ">" not in data
    nodes, edges = _vis(page)
    assert {n["id"]: n["label"] for n in nodes} == {p.id: p.display_name for p in net.people}
    notes = {t.id: t.notes for t in net.ties}
    assert all(e["title"].endswith(notes[e["id"]][:300]) for e in edges)
    for text in batch:
        if any(c in text for c in "<>"):
            assert page.count(text) == baseline.count(text), text
    header = ET.fromstring(re.search(r'<div id="ecomap-header".*?</div>', page, re.S).group(0))  # type: ignore[union-attr]
    assert {el.tag for el in header.iter()} == {"div", "strong", "span", "time"}
    assert header.find("strong").text == f"Ecomap: {title}"  # type: ignore[union-attr]
    document_title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)  # type: ignore[union-attr]
    assert html.unescape(document_title) == f"Ecomap: {title}"


@pytest.mark.parametrize("batch", PAYLOAD_BATCHES, ids=lambda b: f"{len(b)} strings")
def test_payloads_in_the_svg_stay_text(batch: list[str]) -> None:
    net = _payload_network(batch, _as_name(batch[0]) or "Case")
    root = ET.fromstring(ecomap_svg(net))
    assert {el.tag.removeprefix(SVG) for el in root.iter()} <= ALLOWED_SVG_TAGS
    assert not [a for el in root.iter() for a in el.attrib if a.lower().startswith("on")]
    members = {g.get("data-person-id"): g for g in root.iter(f"{SVG}g") if "member" in (g.get("class") or "")}
    scene = {n.id: n for n in build_scene(net).nodes}
    for person in net.people:
        member = members[person.id]
        assert member.find(f"{SVG}title").text.split("\n")[0] == xml_safe(person.display_name)  # type: ignore[union-attr]
        shown = [t.text for t in member.iter(f"{SVG}text") if t.get("class") == "name"]
        assert shown == [xml_safe(line.rstrip()) for line in scene[person.id].label_lines]
        if not scene[person.id].abbreviated:
            assert "".join(scene[person.id].label_lines) == person.display_name
