"""A case's kept partnership entry reads back as the entry computed on the days it holds, and one written
by another version is not read; the partnership made from entries counts agencies, workers and young
people right, and only those still working with the young person on the day, with the support their
ties carry that day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings

from netmap.graph.analytics.cohort_dates import row_holds_until
from netmap.graph.analytics.samples import tiny_network
from netmap.models import (
    Membership,
    Network,
    Person,
    PersonKind,
    Sector,
    ServiceCategory,
    ServiceInfo,
    SupportDomain,
    Tie,
)
from netmap.services.partnership import AREA_NOT_RECORDED, gather
from netmap.services.partnership_rows import FORMAT, compute_links, read_links, write_links
from tests.unit.analytics.test_cohort_dates import networks

ON = date(2026, 1, 15)


@settings(max_examples=60, deadline=None)
@given(network=networks())
def test_a_kept_entry_reads_back_as_the_entry_computed_on_the_days_it_holds(network: Network) -> None:
    until = row_holds_until(network, ON)
    text = write_links(compute_links(network, ON), ON, until)
    for day in (ON, until, ON + (until - ON) / 2):
        assert read_links(network.case.id, text, day) == compute_links(network, day), day
    assert read_links(network.case.id, text, ON - timedelta(days=1)) is None
    if until < date.max:
        assert read_links(network.case.id, text, until + timedelta(days=1)) is None


def _with_agencies(case_id: str, title: str, agency: str, *, born: date | None = None) -> Network:
    """The tiny case as ``case_id``: its personal adviser works for ``agency``, and a housing service
    and a probation officer give housing too; the young person wants somewhere to live."""
    network = tiny_network()
    ego = network.case.ego_id
    people = [
        p.model_copy(
            update={"agency": agency}
            if p.agency
            else {"birth_date": born, "birth_year": None}
            if p.id == ego
            else {}
        )
        for p in network.people
    ]
    adviser = next(p for p in people if p.agency)
    foyer = Person(id="p-foyer", name="Foyer", kind=PersonKind.SERVICE, service_info=ServiceInfo())
    officer = Person(id=f"p-po-{case_id}", name="Dee", agency="Probation")
    memberships = [
        m.model_copy(update={"case_id": case_id, "id": f"{case_id}|{m.person_id}"})
        for m in network.memberships
    ] + [
        Membership.make(case_id, foyer.id, sector=Sector.SERVICES),
        Membership.make(case_id, officer.id, sector=Sector.PROFESSIONALS),
    ]
    ties = [t.model_copy(update={"case_id": case_id}) for t in network.ties] + [
        Tie(id=f"t-{i}-{case_id}", case_id=case_id, from_id=who, to_id=ego, domains=[SupportDomain.HOUSING])
        for i, who in enumerate((foyer.id, officer.id, adviser.id))
    ]
    case = network.case.model_copy(
        update={"id": case_id, "title": title, "wants_help_with": "somewhere to live", "local_authority": ""}
    )
    return Network(
        case=case,
        people=[*people, foyer, officer],
        memberships=memberships,
        kin=network.kin,
        ties=ties,
    )


def test_the_partnership_counts_young_people_and_workers_and_the_needs_no_service_meets() -> None:
    kai = compute_links(_with_agencies("c-1", "Kai", "Leaving care", born=date(2008, 6, 1)), ON)
    ash = compute_links(_with_agencies("c-2", "Ash", "Leaving care"), ON)
    assert [link.agency for link in kai.links] == ["Foyer", "Leaving care", "Probation"]
    assert next(link for link in kai.links if link.agency == "Foyer").workers == []  # a service names none
    (housing,) = kai.duplicates
    assert (housing.domain, housing.agencies) == (
        SupportDomain.HOUSING,
        ["Foyer", "Leaving care", "Probation"],
    )

    adults = Person(
        id="p-h",
        name="Homes",
        kind=PersonKind.SERVICE,
        service_info=ServiceInfo(categories=[ServiceCategory.HOUSING], age_min=18),
    )
    made = gather([kai, ash], [adults], date(2026, 1, 1))
    assert list(made.young_people.values()) == ["Ash", "Kai"]
    # the same adviser in both cases is one worker; each case has a probation officer of its own
    assert [(a.agency, a.young_people, a.workers) for a in made.agencies()] == [
        ("Probation", 2, 2),
        ("Leaving care", 2, 1),
        ("Foyer", 2, 0),
    ]
    assert made.duplicated_support() == [(SupportDomain.HOUSING, 2)]
    # Kai is 17 on the day, too young for the only housing service; Ash's age is not recorded
    ((uncovered),) = made.uncovered
    assert (uncovered.area, uncovered.category, uncovered.young_people) == (
        AREA_NOT_RECORDED,
        ServiceCategory.HOUSING,
        ["Kai"],
    )
    assert made.unmet == {"c-1": [ServiceCategory.HOUSING]}
    # on his 18th birthday the service meets his need: the day counts, not the day the entry was kept
    assert gather([kai, ash], [adults], date(2026, 6, 1)).uncovered == []
    assert [link.young_person for link in made.of_agency("Foyer")] == ["Ash", "Kai"]
    links, duplicates = made.of_young_people(made.named("ka"))
    assert {link.case_id for link in links} == {d.case_id for d in duplicates} == {"c-1"}


def test_an_entry_written_by_another_version_is_not_read() -> None:
    text = write_links(compute_links(tiny_network(), ON), ON, ON)
    assert text.startswith(f'["{FORMAT}",') and read_links("c-1", text, ON) is not None
    assert read_links("c-1", text.replace(FORMAT, "p0:old", 1), ON) is None


def _changed(
    network: Network, person_id: str, membership: dict | None = None, tie: dict | None = None
) -> Network:
    """``network`` with the membership of ``person_id``, and their tie with the young person, updated."""
    return network.model_copy(
        update={
            "memberships": [
                m.model_copy(update=membership or {}) if m.person_id == person_id else m
                for m in network.memberships
            ],
            "ties": [
                t.model_copy(update=tie or {}) if person_id in (t.from_id, t.to_id) else t
                for t in network.ties
            ],
        }
    )


def test_someone_whose_part_has_ended_no_longer_works_with_the_young_person() -> None:
    network = _changed(
        _with_agencies("c-1", "Kai", "Leaving care"), "p-po-c-1", {"support_ends": date(2026, 3, 31)}
    )
    text = write_links(compute_links(network, ON), ON, row_holds_until(network, ON))
    on_the_day, after = date(2026, 3, 31), date(2026, 4, 1)
    assert "Probation" in [link.agency for link in read_links("c-1", text, on_the_day).links]
    assert read_links("c-1", text, after) is None  # the entry kept does not hold past the end
    later = compute_links(network, after)
    assert [link.agency for link in later.links] == ["Foyer", "Leaving care"]
    assert [d.agencies for d in later.duplicates] == [["Foyer", "Leaving care"]]


def test_support_counts_while_the_tie_lasts_and_mixed_ties_count_as_the_report_counts_them() -> None:
    network = _with_agencies("c-1", "Kai", "Leaving care")
    adviser = next(p.id for p in network.people if p.agency == "Leaving care")
    ended = _changed(network, adviser, tie={"until": date(2026, 2, 1)})
    assert [d.agencies for d in compute_links(ended, ON).duplicates] == [
        ["Foyer", "Leaving care", "Probation"]
    ]
    after = compute_links(ended, date(2026, 2, 2))
    assert "Leaving care" in [link.agency for link in after.links]  # still working with Kai
    assert [d.agencies for d in after.duplicates] == [["Foyer", "Probation"]]  # but not on housing
    mixed = _changed(network, "p-po-c-1", tie={"valence": "mixed"})
    assert [d.agencies for d in compute_links(mixed, ON).duplicates] == [
        ["Foyer", "Leaving care", "Probation"]
    ]
