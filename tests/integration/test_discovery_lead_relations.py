"""Leads read relative to the case's young person through the discovery service, on the Kai sample in a
real SQLite store, and the family links an accepted lead implies on the kin recorded there."""

from __future__ import annotations

from datetime import UTC, datetime

from netmap.models import Membership
from netmap.planning.family_links import family_links
from netmap.services.discovery import DiscoveryService
from tests.story_days import told

KAI = "c-discovery-kai"
NOTES = (
    "Kai's aunt Michelle Barker came with her son Tyler. "
    "Uncle Gavin says his mum is not well enough to meet yet. "
    "His dad, the late Tom Corrigan, was a roofer."
)


def test_the_service_reads_pronouns_for_the_cases_young_person(sample_services, demo_actors):
    discovery = DiscoveryService(
        sample_services.store, clock=lambda: told(datetime(2026, 11, 24, tzinfo=UTC))
    )
    leads = discovery.find_leads(demo_actors["coordinator"], KAI, NOTES)
    assert [(lead.name, lead.relation, lead.deceased, lead.matches) for lead in leads] == [
        ("Michelle Barker", "aunt", False, ["p-hol-michelle"]),
        ("Tyler", "cousin", False, ["p-hol-tyler"]),
        ("Gavin", "uncle", False, ["p-hol-gavin"]),
        ("", "grandmother", False, []),
        ("Tom Corrigan", "father", True, []),
    ]


def test_an_accepted_maternal_cousin_hangs_from_the_recorded_grandparents(sample_services, demo_actors):
    actor = demo_actors["coordinator"]
    discovery = DiscoveryService(
        sample_services.store, clock=lambda: told(datetime(2026, 11, 24, tzinfo=UTC))
    )
    (lead,) = discovery.find_leads(actor, KAI, "His maternal cousin Ruby Holloway wrote to him.")
    membership: Membership = discovery.accept_lead(actor, KAI, lead)
    network = sample_services.cases.get_network(actor, KAI)
    proposal = family_links(
        network.case.ego_id,
        membership.person_id,
        lead.relation,
        side=lead.side,
        kin=network.kin,
        people=network.people,
    )
    (aunt_or_uncle,) = proposal.people
    assert aunt_or_uncle.name == "Maternal aunt or uncle (name not known)"
    assert {(k.from_id, k.kind.value, k.to_id) for k in proposal.links} == {
        ("p-hol-patricia", "birth_parent", aunt_or_uncle.id),
        ("p-hol-derek", "birth_parent", aunt_or_uncle.id),
        (aunt_or_uncle.id, "birth_parent", membership.person_id),
    }
