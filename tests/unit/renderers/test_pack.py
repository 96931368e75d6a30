"""The conference pack PDF, read back with pypdf: attendees, plan, contacts, and what it must never print."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from netmap.errors import ValidationFailed
from netmap.models import Case, Conference, Invitee, Membership, Network, Person, PlanItem, Restriction
from netmap.renderers import pdf_fonts
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.pack import render_pack
from netmap.renderers.pictures import svg_to_png
from tests.paths import BLNS

CASE = "c-pack"
SVG = "{http://www.w3.org/2000/svg}"


def member(person_id: str, sector: str = "family", **fields) -> Membership:
    return Membership.make(CASE, person_id, sector=sector, **fields)


@pytest.fixture
def network() -> Network:
    people = [
        Person(id="p-jamal", name="Jamal Reid", phone="07700 900001"),
        Person(
            id="p-sharon",
            name="Sharon Miles",
            phone="07700 900123",
            email="sharon@example.org",
            area="Dudley",
        ),
        Person(
            id="p-pat",
            name="Patricia Miles",
            known_as="Nan Pat",
            address="12 Elm Road, Tipton DY4 7AA",
            area="Tipton",
            phone="07700 900999",
            email="pat@example.org",
            agency="Tipton Community Café",
        ),
        Person(id="p-chloe", name="Chloe Dunn"),
        Person(id="p-asha", name="Asha Khan", agency="Probation Service", phone="01902 000111"),
        Person(id="p-zoe", name="Zoë Ångström-Øberg"),
    ]
    memberships = [
        member("p-jamal"),
        member("p-sharon", role_label="maternal aunt", status="invited"),
        member(
            "p-pat",
            role_label="grandmother",
            status="invited",
            restrictions=[Restriction(kind="do_not_disclose_location", details="Fled DV; refuge address")],
        ),
        member(
            "p-chloe", "friends", restrictions=[Restriction(kind="court_order", other_person_id="p-jamal")]
        ),
        member("p-asha", "professionals", role_label="probation officer"),
        member("p-zoe", "friends"),
    ]
    return Network(
        case=Case(id=CASE, title="Jamal's network", ego_id="p-jamal"), people=people, memberships=memberships
    )


@pytest.fixture
def conference() -> Conference:
    return Conference(
        id="f-1",
        case_id=CASE,
        conference_on=date(2025, 4, 2),
        venue="Bilston Community Centre",
        agenda="Welcome; information giving; private family time; agreeing the plan",
        invitees=[
            Invitee(person_id="p-jamal", status="accepted", needs=["advocate"]),
            Invitee(person_id="p-sharon", role="aunt", status="accepted", needs=["travel"]),
            Invitee(person_id="p-pat", role="grandmother", status="invited", needs=["access"]),
            Invitee(person_id="p-chloe", role="ex-partner", status="blocked"),
            Invitee(person_id="p-asha", status="invited", information_giver=True),
            Invitee(person_id="p-zoe", role="friend", status="declined"),
        ],
        plan=[
            PlanItem(what="Sunday dinner every month", owner_id="p-pat", by_when=date(2025, 6, 1)),
            PlanItem(what="Weekly phone call", owner_id="p-sharon"),
            PlanItem(what="Housing referral before release", owner_id="p-asha", status="in_progress"),
        ],
    )


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def png(width: int = 40, height: int = 30) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def render(network, conference, **kwargs) -> bytes:
    options = {"ecomap_png": None, "genogram_png": None, "contacts_visible": True, **kwargs}
    return render_pack(network, conference, generated_on=date(2025, 3, 20), **options)


def test_pack_lists_attendees_plan_and_details(network, conference):
    text = text_of(render(network, conference))
    for expected in [
        "Family group conference pack",
        "Jamal's network",
        "Conference date: 2 April 2025",
        "Venue: Bilston Community Centre",
        "private family time",
        "Sharon Miles",
        "Nan Pat",
        "Asha Khan (Probation Service)",
        "advocate",
        "Sunday dinner every month",
        "Housing referral before release",
        "1 June 2025",
        "Pack printed: 20 March 2025",
    ]:
        assert expected in text, expected
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text) and "None" not in text and "_" not in text


def test_restricted_relative_appears_without_any_location_or_contact_text(network, conference):
    text = text_of(render(network, conference))
    assert "Nan Pat" in text
    for secret in ["Elm Road", "DY4", "Tipton", "07700 900999", "pat@example.org", "refuge"]:
        assert secret not in text, secret
    assert "Through the coordinator" in text


def test_unrestricted_owner_contacts_print_only_when_visible(network, conference):
    shown = text_of(render(network, conference, contacts_visible=True))
    hidden = text_of(render(network, conference, contacts_visible=False))
    assert "07700 900123" in shown and "sharon@example.org" in shown and "01902 000111" in shown
    assert "07700 900123" not in hidden and "Contacts for plan owners" not in hidden


def test_no_address_or_area_is_printed_for_anyone(network, conference):
    text = text_of(render(network, conference))
    assert "Dudley" not in text
    assert "07700 900001" not in text  # the young person owns no plan item


def test_blocked_and_declined_invitees_are_left_out(network, conference):
    text = text_of(render(network, conference))
    assert "Chloe Dunn" not in text and "Zo" not in text


def test_young_person_is_listed_even_when_not_invited(network, conference):
    conference.invitees = conference.invitees[1:]
    assert "Jamal Reid young person" in text_of(render(network, conference))


def test_owner_hidden_from_the_reader_is_not_named(network, conference):
    network.people = [p for p in network.people if p.id != "p-asha"]
    network.memberships = [m for m in network.memberships if m.person_id != "p-asha"]
    text = text_of(render(network, conference))
    assert "Asha" not in text and "Someone not shown" in text and "01902" not in text


def test_pictures_are_embedded_on_their_own_pages(network, conference):
    plain = PdfReader(io.BytesIO(render(network, conference)))
    with_pictures = PdfReader(
        io.BytesIO(render(network, conference, ecomap_png=png(), genogram_png=png(30, 60)))
    )
    assert len(with_pictures.pages) == len(plain.pages) + 2
    assert sum(len(page.images) for page in with_pictures.pages) == 2
    assert "Ecomap" in text_of(render(network, conference, ecomap_png=png()))


def test_each_picture_page_turns_to_show_its_picture_largest(network, conference):
    reader = PdfReader(
        io.BytesIO(render(network, conference, ecomap_png=png(400, 100), genogram_png=png(100, 400)))
    )
    *_, ecomap_page, genogram_page = reader.pages
    assert ecomap_page.mediabox.width > ecomap_page.mediabox.height
    assert genogram_page.mediabox.width < genogram_page.mediabox.height
    nearly_square = PdfReader(io.BytesIO(render(network, conference, ecomap_png=png(1600, 1409))))
    assert nearly_square.pages[-1].mediabox.width < nearly_square.pages[-1].mediabox.height


def _placed_widths(page) -> list[float]:
    """Widths in points at which ``page`` draws its images (the ``cm`` in force at each ``Do``)."""
    placed: list[float] = []
    matrix: list[float] = []

    def visit(operator, operands, cm, tm):
        nonlocal matrix
        if operator == b"cm":
            matrix = [float(v) for v in operands]
        elif operator == b"Do":
            placed.append(matrix[0])

    page.extract_text(visitor_operand_before=visit)
    return placed


def test_names_on_the_ecomap_print_at_eight_points_or_more(network, conference):
    svg = ecomap_svg(network)
    root = ET.fromstring(svg)
    view_width = float(root.get("viewBox").split()[2])
    members = [g for g in root.iter(f"{SVG}g") if "member" in (g.get("class") or "")]
    shown = {"".join(t.text or "" for t in g.iter(f"{SVG}text") if t.get("class") == "name") for g in members}
    assert {name.replace(" ", "") for name in shown} == {
        p.display_name.replace(" ", "") for p in network.people
    }
    names = [t for g in members for t in g.iter(f"{SVG}text") if t.get("class") in ("name", "note")]
    smallest = min(float(t.get("font-size")) for t in names)
    reader = PdfReader(io.BytesIO(render(network, conference, ecomap_png=svg_to_png(svg))))
    (placed,) = _placed_widths(reader.pages[-1])
    # the PNG is the whole viewBox scaled to the placed width, so a unit prints at placed / view_width
    assert smallest * placed / view_width >= 8.0


def test_the_pictures_note_is_printed_when_given(network, conference):
    note = "Pictures could not be drawn on this server."
    assert note in text_of(render(network, conference, pictures_note=note))
    assert "Ecomap and genogram" not in text_of(render(network, conference))


def test_a_broken_picture_is_refused_with_a_sentence(network, conference):
    with pytest.raises(ValidationFailed, match="ecomap picture .* not a readable image"):
        render(network, conference, ecomap_png=b"not a png")


def test_accents_survive_with_the_unicode_font(network, conference):
    conference.invitees[-1].status = "invited"
    assert "Zoë Ångström-Øberg" in text_of(render(network, conference))


def test_core_font_fallback_still_renders_accents_and_emoji(network, conference, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_fonts, "FONT_DIR", tmp_path)
    conference.invitees[-1].status = "invited"
    conference.agenda = "Welcome 👋 — Ωmega"
    text = text_of(render(network, conference))
    assert "Zoë Ångström-Øberg" in text and "Welcome" in text


def _valid_item(text: str) -> PlanItem | None:
    try:
        return PlanItem(what=text[:200] or "-", owner_id="p-sharon")
    except ValueError:
        return None


@pytest.mark.parametrize("unicode_font", [True, False])
def test_hostile_strings_cannot_crash_the_pack(network, conference, monkeypatch, tmp_path, unicode_font):
    if not unicode_font:
        monkeypatch.setattr(pdf_fonts, "FONT_DIR", tmp_path)
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    # The models refuse control characters and line breaks in one-line fields; the rest must print.
    strings = [t for t in strings if len(t) <= 200 and _valid_item(t) is not None]
    conference.agenda = ("x" * 600 + "\n" + "\n".join(strings))[:5000]
    conference.plan = [_valid_item(s) for s in strings if _valid_item(s) is not None]
    conference.invitees.append(Invitee(person_id="p-zoe", role=strings[100][:200], needs=["interpreter"]))
    network.case.title = "Case " + strings[5]
    pdf = render(network, conference)
    assert pdf.startswith(b"%PDF-")
    assert "Sharon Miles" in text_of(pdf)
