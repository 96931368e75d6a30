"""Conference use cases on the sample FGC case in a real SQLite store: safety gate, plan, review, pack."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from netmap.cli import app
from netmap.cli.planning_cmds import export_pack
from netmap.errors import AccessDenied, ValidationFailed
from netmap.graph.store import Put, WriteBatch
from netmap.models import (
    Conference,
    DiscoveryStatus,
    InvitationStatus,
    Invitee,
    Membership,
    PlanItem,
    PlanItemStatus,
)
from netmap.renderers import pictures
from netmap.renderers.pictures import NO_PICTURES
from netmap.services import conferences as conference_service
from netmap.services.conferences import ConferenceService
from tests.story_days import told

NOW = told(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))  # the samples' story day, as told
JADE, FGC = "c-fgc-jade", "f-jade-fgc"
RESTRICTED_TEXT = ["Heron Court", "Millbridge", "MB3", "07700 900977", "refuge"]


@pytest.fixture
def conferences(sample_services) -> ConferenceService:
    return ConferenceService(sample_services.store, clock=lambda: NOW)


def stored(services, conference_id: str = FGC) -> Conference:
    conference = services.store.get(Conference, conference_id)
    assert conference is not None
    return conference


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_inviting_the_ex_partner_under_a_non_molestation_order_is_blocked_with_the_reason(
    sample_services, conferences, demo_actors
):
    before = stored(sample_services)
    before = before.model_copy(
        update={"invitees": [i for i in before.invitees if i.person_id != "p-jade-connor"]}
    )
    sample_services.store.apply(_replace(before))
    current = stored(sample_services)
    result = conferences.invite(
        demo_actors["facilitator"],
        FGC,
        Invitee(person_id="p-jade-connor", role="Ruby's father"),
        current.version,
    )
    assert not result.invited
    (block,) = result.blocks
    assert block.reason.startswith("Connor Haines and Jade Whitaker must not be in the same conference")
    assert "court order" in block.reason and "Hannah Reid (personal adviser)" in block.reason
    assert "Westbrook Family Court" not in block.reason  # restriction details stay restricted
    connor = next(i for i in stored(sample_services).invitees if i.person_id == "p-jade-connor")
    assert connor.status is InvitationStatus.BLOCKED
    assert "conference.blocked" in [e.action for e in sample_services.store.audit_log(entity_id=FGC)]


def _replace(conference: Conference) -> WriteBatch:
    return WriteBatch(puts=[Put(conference, expected_version=conference.version)])


def test_an_update_that_adds_a_blocked_invitee_is_refused(sample_services, conferences, demo_actors):
    current = stored(sample_services)
    invitees = [
        i.model_copy(update={"status": "invited"}) if i.person_id == "p-jade-connor" else i
        for i in current.invitees
    ]
    with pytest.raises(ValidationFailed, match="Connor Haines and Jade Whitaker must not be in the same"):
        conferences.update_conference(
            demo_actors["coordinator"], current.model_copy(update={"invitees": invitees})
        )
    assert stored(sample_services) == current


def test_warnings_wait_for_a_decision_and_safety_checked_people_move_to_invited(
    sample_services, conferences, demo_actors
):
    actor = demo_actors["coordinator"]
    conf = conferences.create_conference(actor, Conference(id="f-kai", case_id="c-discovery-kai"))
    result = conferences.invite(actor, "f-kai", Invitee(person_id="p-hol-patricia"), conf.version)
    assert not result.invited and "not been safety checked" in result.warnings[0].reason
    assert stored(sample_services, "f-kai").invitees == []

    result = conferences.invite(
        actor, "f-kai", Invitee(person_id="p-hol-michelle", role="aunt"), conf.version
    )
    assert result.invited and result.findings == []
    assert result.conference.invitees[0].status is InvitationStatus.INVITED
    michelle = sample_services.store.get(Membership, "c-discovery-kai|p-hol-michelle")
    assert michelle.status is DiscoveryStatus.INVITED

    result = conferences.invite(
        actor, "f-kai", Invitee(person_id="p-hol-patricia"), result.conference.version, accept_warnings=True
    )
    assert result.invited and [i.person_id for i in result.conference.invitees] == [
        "p-hol-michelle",
        "p-hol-patricia",
    ]


def test_the_pack_shows_the_restricted_relative_without_any_address_text(
    sample_services, conferences, demo_actors
):
    actor = demo_actors["coordinator"]
    conferences.add_plan_item(
        actor,
        FGC,
        PlanItem(id="i-lorraine", what="Meet Jade for coffee monthly", owner_id="p-jade-lorraine"),
        stored(sample_services).version,
    )
    text = pdf_text(conferences.pack(actor, JADE))
    assert "Lorraine Whitaker" in text and "Meet Jade for coffee monthly" in text
    for secret in RESTRICTED_TEXT:
        assert secret not in text, secret
    assert "07700 900226" in text  # Karen owns a plan item and has no restriction
    assert "Connor Haines" not in text  # blocked
    assert "export.pack" in [e.action for e in sample_services.store.audit_log(entity_id=FGC)]


def test_pack_is_refused_to_those_who_may_not_export(conferences, demo_actors):
    with pytest.raises(AccessDenied):
        conferences.pack(demo_actors["viewer"], JADE)
    with pytest.raises(AccessDenied):
        conferences.pack(demo_actors["practitioner"], "c-always-hope")


def page_pictures(pdf: bytes) -> list[tuple[str, Image.Image]]:
    """(first line of the page, picture) for every picture in the pack, decoded by Pillow."""
    return [
        ((page.extract_text() or "").split("\n")[0], image.image)
        for page in PdfReader(io.BytesIO(pdf)).pages
        for image in page.images
    ]


def test_the_pack_draws_the_ecomap_and_genogram_the_reader_may_see(
    sample_services, conferences, demo_actors, monkeypatch
):
    drawn: list[str] = []

    def keep(svg: str, **options) -> bytes:
        drawn.append(svg)
        return pictures.svg_to_png(svg, **options)

    monkeypatch.setattr(conference_service, "svg_to_png", keep)
    pdf = conferences.pack(demo_actors["coordinator"], JADE)
    assert [(title, image.width) for title, image in page_pictures(pdf)] == [
        ("Ecomap", 1600),
        ("Genogram", 1600),
    ]
    text = pdf_text(pdf)
    ecomap, genogram = drawn
    assert "Ecomap: Jade and Ruby" in ecomap and "Genogram: Jade and Ruby" in genogram
    assert "Lorraine Whitaker" in ecomap and "Lorraine Whitaker" in genogram
    # blocked from this conference by a court order: not pictured among the supporters
    assert "Connor Haines" not in ecomap and "Connor Haines" in genogram
    for secret in RESTRICTED_TEXT:
        assert secret not in text and secret not in ecomap and secret not in genogram, secret
    assert NO_PICTURES not in text
    assert "export.pack" in [e.action for e in sample_services.store.audit_log(entity_id=FGC)]


def test_pictures_given_by_the_caller_are_used_as_they_are(conferences, demo_actors):
    given = [io.BytesIO() for _ in range(2)]
    for buffer, size in zip(given, [(300, 200), (120, 240)], strict=True):
        Image.new("RGB", size, "white").save(buffer, format="PNG")
    pdf = conferences.pack(
        demo_actors["facilitator"], JADE, ecomap_png=given[0].getvalue(), genogram_png=given[1].getvalue()
    )
    assert [image.size for _, image in page_pictures(pdf)] == [(300, 200), (120, 240)]


def test_without_cairo_the_pack_says_so_and_keeps_its_guarantees(
    sample_services, conferences, demo_actors, monkeypatch
):
    def no_cairo(name: str) -> object:
        raise OSError("no library called 'cairo-2' was found")

    monkeypatch.setattr(pictures, "import_module", no_cairo)
    pdf = conferences.pack(demo_actors["coordinator"], JADE)
    text = pdf_text(pdf)
    assert "Ecomap and genogram Pictures could not be drawn on this server." in text
    assert page_pictures(pdf) == []
    assert "Lorraine Whitaker" in text
    for secret in RESTRICTED_TEXT:
        assert secret not in text, secret
    assert "export.pack" in [e.action for e in sample_services.store.audit_log(entity_id=FGC)]


def test_review_compares_promised_with_delivered_and_moves_owners_on(
    sample_services, conferences, demo_actors
):
    actor = demo_actors["coordinator"]
    version = stored(sample_services).version
    item = conferences.set_plan_item_status(actor, FGC, "i-jade-02", PlanItemStatus.DONE, version)
    review = conferences.review(actor, FGC, apply=True)
    assert (review.promised, review.delivered) == (4, 1)
    assert [(u.person_id, u.proposed) for u in review.updates] == [("p-jade-irene", DiscoveryStatus.IN_PLAN)]
    irene = sample_services.store.get(Membership, f"{JADE}|p-jade-irene")
    assert irene.status is DiscoveryStatus.IN_PLAN
    assert item.id == "i-jade-02" and item.status is PlanItemStatus.DONE
    assert stored(sample_services).plan[1].status is PlanItemStatus.DONE


def test_plan_owners_must_be_in_the_map(sample_services, conferences, demo_actors):
    with pytest.raises(ValidationFailed, match="not in case"):
        conferences.add_plan_item(
            demo_actors["coordinator"],
            FGC,
            PlanItem(what="Visit", owner_id="p-hol-tyler"),
            stored(sample_services).version,
        )


def test_export_pack_writes_the_file(sample_services, demo_actors, tmp_path: Path):
    out = tmp_path / "pack.pdf"
    export_pack(sample_services, demo_actors["coordinator"], JADE, out)
    assert "Lorraine Whitaker" in pdf_text(out.read_bytes())
    assert not list(tmp_path.glob("*.partial"))


def test_cli_due_and_leads(sample_services, db_url, tmp_path: Path):
    runner = CliRunner()
    result = runner.invoke(app, ["due", "--db", db_url, "--as", "facilitator"])
    assert result.exit_code == 0, result.output
    assert "Book a Polish interpreter" in result.output
    notes = tmp_path / "notes.txt"
    notes.write_text("Her aunt Lorraine Whitaker phoned.", encoding="utf-8")
    result = runner.invoke(app, ["leads", JADE, str(notes), "--db", db_url, "--as", "facilitator"])
    assert result.exit_code == 0, result.output
    assert "Lorraine Whitaker\taunt\taunt\tmatches p-jade-lorraine" in result.output
    result = runner.invoke(app, ["leads", JADE, str(tmp_path / "missing.txt"), "--db", db_url])
    assert result.exit_code == 1 and "cannot be read" in result.output


def test_plan_items_of_someone_hidden_from_a_practitioner_are_not_shown_to_them(sample_services, demo_actors):
    from netmap.models import PlanItem, Sharing

    coordinator, practitioner = demo_actors["coordinator"], demo_actors["practitioner"]
    case_id = "c-always-hope"
    conference = sample_services.conferences.list_conferences(coordinator, case_id)[0]
    owner = conference.plan[0].owner_id
    case = sample_services.cases.get_case(coordinator, case_id)
    sample_services.cases.set_sharing(
        coordinator, case_id, Sharing(hidden_from={"practitioner": [owner]}), case.version
    )
    seen = sample_services.conferences.get_conference(practitioner, conference.id)
    assert owner not in {item.owner_id for item in seen.plan}
    assert len(seen.plan) == len([i for i in conference.plan if i.owner_id != owner])
    assert isinstance(conference.plan[0], PlanItem)
