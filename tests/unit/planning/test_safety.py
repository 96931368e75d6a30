"""Restrictions gate FGC invitations: blocks with reasons, warnings where judgement is needed."""

from __future__ import annotations

from datetime import date

import pytest
from fgc_case import fgc_conference, fgc_network

from netmap.models import Conference, Invitee, Network, Restriction
from netmap.planning.safety import (
    active_restrictions,
    attending_ids,
    check_conference,
    check_invitation,
    location_withheld,
)

TODAY = date(2025, 3, 10)


@pytest.fixture
def network() -> Network:
    return fgc_network()


@pytest.fixture
def conference() -> Conference:
    return fgc_conference()


def levels(findings):
    return sorted(f.level for f in findings)


def test_ex_partner_under_non_molestation_order_is_blocked_alongside_the_young_person(network, conference):
    findings = check_invitation(network, conference, "p-chloe", today=TODAY)
    (block,) = [f for f in findings if f.level == "block"]
    assert block.person_id == "p-chloe"
    assert block.other_person_id == "p-jamal"
    assert block.restriction_id == "r-nmo"
    assert block.reason == (
        "Chloe Dunn and Jamal Reid must not be in the same conference: Chloe Dunn has a court order "
        "(recorded by Asha Khan, vetted by Team manager on 2025-01-06) naming Jamal Reid."
    )


def test_the_young_person_counts_as_attending_even_when_not_listed(network, conference):
    conference.invitees = [i for i in conference.invitees if i.person_id != "p-jamal"]
    assert "p-jamal" in attending_ids(network, conference)
    assert "block" in levels(check_invitation(network, conference, "p-chloe", today=TODAY))


def test_restriction_details_never_appear_in_reasons(network, conference):
    for f in check_invitation(network, conference, "p-chloe", today=TODAY):
        assert "Wolverhampton" not in f.reason


def test_an_expired_order_no_longer_blocks(network, conference):
    network.membership("p-chloe").restrictions[0].until = date(2025, 1, 31)
    assert levels(check_invitation(network, conference, "p-chloe", today=TODAY)) == []


def test_do_not_contact_blocks(network, conference):
    (finding,) = [
        f for f in check_invitation(network, conference, "p-gary", today=TODAY) if f.level == "block"
    ]
    assert "do-not-contact" in finding.reason and "Gary Tomlin" in finding.reason


def test_licence_condition_naming_nobody_warns_and_victim_limit_naming_an_invitee_blocks(network, conference):
    findings = check_invitation(network, conference, "p-lee", today=TODAY)
    assert {(f.level, f.restriction_id) for f in findings} == {("warn", "r-lic"), ("block", "r-vcl")}
    block = next(f for f in findings if f.level == "block")
    assert "Sharon Miles" in block.reason and "victim contact limit" in block.reason


def test_victim_limit_naming_someone_who_declined_only_warns(network, conference):
    conference.invitees[1].status = "declined"
    findings = check_invitation(network, conference, "p-lee", today=TODAY)
    assert levels(findings) == ["warn", "warn"]


def test_a_court_order_naming_the_new_invitee_blocks_from_the_other_side(network, conference):
    network.membership("p-chloe").restrictions[0].other_person_id = "p-sharon"
    conference.invitees = [Invitee(person_id="p-chloe", status="invited")]
    (finding,) = check_invitation(network, conference, "p-sharon", today=TODAY)
    assert finding.level == "block" and finding.other_person_id == "p-chloe"
    assert "Chloe Dunn has a court order" in finding.reason


def test_location_restriction_warns_but_does_not_block(network, conference):
    (finding,) = check_invitation(network, conference, "p-pat", today=TODAY)
    assert finding.level == "warn" and "location must not be disclosed" in finding.reason
    assert location_withheld(network, "p-pat") and not location_withheld(network, "p-sharon")


def test_location_stays_withheld_after_the_restriction_ends(network):
    network.membership("p-pat").restrictions[0].until = date(2020, 1, 1)
    assert location_withheld(network, "p-pat")


def test_not_yet_safety_checked_warns(network, conference):
    (finding,) = check_invitation(network, conference, "p-dean", today=TODAY)
    assert finding.level == "warn" and "not been safety checked" in finding.reason


def test_found_not_safe_blocks(network, conference):
    network.membership("p-dean").status = "not_safe"
    assert levels(check_invitation(network, conference, "p-dean", today=TODAY)) == ["block"]


def test_unvetted_restriction_warns(network, conference):
    network.membership("p-sharon").restrictions = [Restriction(kind="licence_condition", recorded_by="SW")]
    reasons = [f.reason for f in check_invitation(network, conference, "p-sharon", today=TODAY)]
    assert any("has not been vetted" in r for r in reasons)


def test_practitioner_without_restrictions_is_clear(network, conference):
    assert check_invitation(network, conference, "p-po", today=TODAY) == []


def test_someone_outside_the_network_is_blocked(network, conference):
    (finding,) = check_invitation(network, conference, "p-nobody", today=TODAY)
    assert finding.level == "block" and "not in the case's network" in finding.reason


def test_conference_check_reports_each_pair_once(network, conference):
    conference.invitees.append(Invitee(person_id="p-chloe", status="invited"))
    blocks = [f for f in check_conference(network, conference, today=TODAY) if f.level == "block"]
    assert len(blocks) == 1 and {blocks[0].person_id, blocks[0].other_person_id} == {"p-chloe", "p-jamal"}


def test_active_restrictions_include_the_last_day():
    r = Restriction(kind="do_not_contact", until=TODAY)
    assert active_restrictions([r], today=TODAY) == [r]
