"""Discovery use cases on the sample cases in a real SQLite store: statuses, contact log, due, leads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netmap.errors import AccessDenied, ConflictError, ValidationFailed
from netmap.models import ContactEvent, DiscoveryStatus, LeadSource, Membership, Person
from netmap.services.discovery import DiscoveryService
from tests.story_days import told

NOW = told(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))  # the samples' story day, as told
JADE = "c-fgc-jade"


@pytest.fixture
def discovery(sample_services) -> DiscoveryService:
    return DiscoveryService(sample_services.store, clock=lambda: NOW)


def member(services, case_id: str, person_id: str) -> Membership:
    stored = services.store.get(Membership, f"{case_id}|{person_id}")
    assert stored is not None
    return stored


def test_a_valid_status_change_is_written_and_audited(sample_services, discovery, demo_actors):
    ewa = member(sample_services, JADE, "p-jade-ewa")
    written = discovery.set_status(
        demo_actors["coordinator"], JADE, "p-jade-ewa", DiscoveryStatus.ATTENDED, ewa.version
    )
    assert written.status is DiscoveryStatus.ATTENDED and written.version == ewa.version + 1
    (event,) = [
        e for e in sample_services.store.audit_log(entity_id=ewa.id) if e.action == "discovery.status"
    ]
    assert (event.actor, event.before["status"], event.after["status"]) == (
        "coordinator",
        "invited",
        "attended",
    )


def test_an_invalid_jump_is_refused_with_a_clear_message_and_audited(sample_services, discovery, demo_actors):
    tyler = member(sample_services, "c-discovery-kai", "p-hol-tyler")
    with pytest.raises(ValidationFailed) as error:
        discovery.set_status(
            demo_actors["coordinator"],
            "c-discovery-kai",
            "p-hol-tyler",
            DiscoveryStatus.ATTENDED,
            tyler.version,
        )
    assert "cannot move from identified to attended" in str(error.value)
    assert member(sample_services, "c-discovery-kai", "p-hol-tyler") == tyler
    (event,) = [
        e for e in sample_services.store.audit_log(entity_id=tyler.id) if e.action == "discovery.status"
    ]
    assert event.outcome == "refused"


def test_a_stale_version_conflicts(sample_services, discovery, demo_actors):
    jess = member(sample_services, "c-discovery-kai", "p-hol-jess")
    actor = demo_actors["coordinator"]
    discovery.set_status(actor, "c-discovery-kai", "p-hol-jess", DiscoveryStatus.LOCATED, jess.version)
    with pytest.raises(ConflictError):
        discovery.set_status(actor, "c-discovery-kai", "p-hol-jess", DiscoveryStatus.NOT_FOUND, jess.version)


@pytest.mark.parametrize("who", ["viewer", "jordan"])
def test_readers_and_young_people_cannot_change_statuses(sample_services, discovery, demo_actors, who):
    with pytest.raises(AccessDenied):
        discovery.set_status(demo_actors[who], "c-always-hope", "p-ah-linda", DiscoveryStatus.CONTACTED, 1)


def test_due_this_week_across_the_coordinators_cases(sample_services, discovery, demo_actors):
    due = discovery.due_this_week(demo_actors["coordinator"])
    refs = [d.ref_id for d in due]
    assert "e-jade-04" in refs and "e-jade-01" in refs  # reminders on 25 and 27 November
    assert "e-jade-02" not in refs  # done already
    # transitions are listed from their first warning, 90 days ahead; everything else within the week
    assert all(d.due_on < told(date(2026, 12, 1)) for d in due if d.kind != "transition")
    assert all(d.due_on < told(date(2026, 12, 1)) + timedelta(days=90) for d in due)
    assert [d.due_on for d in due] == sorted(d.due_on for d in due)
    assert len({d.case_id for d in due}) >= 2


def test_due_this_week_is_limited_to_granted_cases(discovery, demo_actors):
    assert {d.case_id for d in discovery.due_this_week(demo_actors["facilitator"])} == {JADE}


def test_logging_a_contact_and_completing_its_reminder(sample_services, discovery, demo_actors):
    actor = demo_actors["coordinator"]
    event = discovery.log_contact(
        actor,
        ContactEvent(
            id="e-test-1",
            case_id=JADE,
            person_id="p-jade-chloe",
            on=told(date(2026, 11, 23)),
            method="message",
            outcome="Chloe will come",
            next_step="Send Chloe the bus route",
            reminder_on=told(date(2026, 11, 26)),
        ),
    )
    assert event.by == "coordinator"
    assert "Send Chloe the bus route" in [d.what for d in discovery.due_this_week(actor)]
    discovery.complete_reminder(actor, JADE, "e-test-1", event.version)
    assert "Send Chloe the bus route" not in [d.what for d in discovery.due_this_week(actor)]
    assert discovery.list_contacts(actor, JADE, "p-jade-chloe")[0].done


def test_contact_with_someone_outside_the_case_is_refused(discovery, demo_actors):
    with pytest.raises(Exception, match="not in case"):
        discovery.log_contact(
            demo_actors["coordinator"],
            ContactEvent(
                id="e-x", case_id=JADE, person_id="p-hol-tyler", on=told(date(2026, 11, 1)), method="call"
            ),
        )


def test_leads_from_case_notes_link_and_accept(sample_services, discovery, demo_actors):
    actor = demo_actors["coordinator"]
    notes = (
        "Jade's aunt Lorraine Whitaker has kept in touch. Her cousin, Tasha Whitaker, offered to help. "
        "The review took place at the Family Centre."
    )
    leads = {lead.name: lead for lead in discovery.find_leads(actor, JADE, notes)}
    assert set(leads) == {"Lorraine Whitaker", "Tasha Whitaker"}
    assert leads["Lorraine Whitaker"].matches == ["p-jade-lorraine"]
    assert leads["Tasha Whitaker"].matches == []

    with pytest.raises(ValidationFailed, match="already in this map"):
        discovery.accept_lead(actor, JADE, leads["Lorraine Whitaker"], person_id="p-jade-lorraine")
    membership = discovery.accept_lead(actor, JADE, leads["Tasha Whitaker"])
    assert membership.status is DiscoveryStatus.IDENTIFIED
    assert (membership.lead_source, membership.lead_date) == (LeadSource.CASE_FILE, told(date(2026, 11, 24)))
    assert membership.role_label == "cousin"
    person = sample_services.store.get(Person, membership.person_id)
    assert person is not None and person.name == "Tasha Whitaker"
    assert [e.action for e in sample_services.store.audit_log(entity_id=membership.id)] == ["lead.accept"]


def test_funnel_of_a_discovery_case(discovery, demo_actors):
    counts = discovery.funnel(demo_actors["coordinator"], "c-discovery-kai")
    assert counts[DiscoveryStatus.IDENTIFIED] == 7
    assert counts[DiscoveryStatus.SAFETY_CHECKED] == 1
    assert counts[DiscoveryStatus.NOT_FOUND] == 1
