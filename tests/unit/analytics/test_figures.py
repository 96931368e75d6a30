"""The service's figures by hand: filters, each case's evidence, suppression and the tables."""

from __future__ import annotations

from datetime import date

import pytest
from netbuild import CASE, EGO, ON, Net

from netmap.graph.analytics.cohort_filter import CohortFilter, parse_ages
from netmap.graph.analytics.evidence import CaseEvidence, Evidence, case_evidence, review_month
from netmap.graph.analytics.figures import figures_report
from netmap.graph.analytics.samples import tiny_network
from netmap.graph.analytics.summary import Summary
from netmap.graph.analytics.suppression import partition, share, spread
from netmap.models import (
    Case,
    Conference,
    Network,
    OutcomeReading,
    Person,
    PlanItem,
    ReviewPoint,
    ServiceInfo,
    Snapshot,
)
from netmap.renderers.figure_tables import figure_tables


def _case(**fields: object) -> Case:
    return Case.model_validate({"id": CASE, "title": "A map", "ego_id": EGO, **fields})


@pytest.mark.parametrize(
    ("filters", "case", "ego", "kept"),
    [
        (CohortFilter(ages=(18, 25)), _case(), Person(id=EGO, name="A", birth_date=date(2008, 1, 15)), True),
        (CohortFilter(ages=(18, 25)), _case(), Person(id=EGO, name="A", birth_date=date(2008, 1, 16)), False),
        (CohortFilter(ages=(18, 25)), _case(), Person(id=EGO, name="A"), False),
        (CohortFilter(authority="westbrook"), _case(local_authority="Westbrook City Council"), None, True),
        (CohortFilter(prison="Kelby Moor"), _case(prison="HMP Ashbourne Fields"), None, False),
        (CohortFilter(referred_from=date(2025, 1, 1)), _case(), None, False),
        (
            CohortFilter(referred_from=date(2025, 1, 1), referred_to=date(2025, 12, 31)),
            _case(referral_date=date(2025, 12, 31)),
            None,
            True,
        ),
    ],
)
def test_a_filter_keeps_only_the_cases_it_names(
    filters: CohortFilter, case: Case, ego: Person | None, kept: bool
) -> None:
    network = Network(case=case, people=[ego or Person(id=EGO, name="A")])
    assert filters.admits(case_evidence(network, as_of=ON)) is kept


def test_bad_filters_are_refused_in_one_sentence() -> None:
    with pytest.raises(ValueError, match="is not a range of ages"):
        parse_ages("eighteen")
    with pytest.raises(ValueError):
        CohortFilter(referred_from=date(2025, 2, 1), referred_to=date(2025, 1, 1))


def test_suppression_hides_small_cells_and_what_would_reveal_them() -> None:
    assert partition({"a": 20, "b": 2, "c": 9}) == {"a": 20, "b": None, "c": None}
    assert partition({"a": 0, "b": 0, "c": 30}) == {"a": None, "b": None, "c": 30}
    # Two small cells that come to one to four together: a third goes, or their sum would show.
    assert partition({"a": 20, "b": 0, "c": 1, "d": 6}) == {"a": 20, "b": None, "c": None, "d": None}
    assert partition({"a": 20, "b": 3, "c": 2}) == {"a": 20, "b": None, "c": None}
    assert share(5, 10) == 0.5 and share(5, 9) is None and share(4, 100) is None
    assert spread([1, 2, 3, 4]).cases is None and spread([1, 2, 3, 4, 5]).mean == 3


def _network(case: Case) -> Network:
    net = Net()
    for pid in ("r1", "r2", "r3"):
        net.member(pid).tie(pid, frequency="weekly", domains=["emotional"])
    net.member("pa", "professionals", agency="Leaving Care").tie("pa", domains=["housing", "money"])
    net.member("lead", status="in_plan", lead_source="young_person")
    net.member("gone", status="not_found", lead_source="young_person")
    net.member("found", status="declined", lead_source="search")
    built = net.build()
    return built.model_copy(update={"case": case})


def test_a_case_is_measured_at_each_review_point_from_its_snapshots_and_readings() -> None:
    case = _case(
        outcomes=[
            OutcomeReading(on=date(2025, 1, 5), point=ReviewPoint.REFERRAL, accommodation="sofa_surfing"),
            OutcomeReading(on=date(2025, 6, 1), point=ReviewPoint.MONTHS_3, accommodation="own_tenancy"),
            OutcomeReading(on=date(2025, 4, 2), accommodation="approved_premises", release_night=True),
            OutcomeReading(on=date(2025, 8, 1), event="recall"),
        ]
    )
    now = _network(case)
    early = Net().member("r1").tie("r1").build()
    snapshots = [
        Snapshot(id="s-1", case_id=CASE, event="referral", taken_on=date(2025, 1, 1), network=early),
        Snapshot(id="s-2", case_id=CASE, event="fgc", taken_on=date(2025, 3, 1), network=now),
        Snapshot(id="s-3", case_id=CASE, event="review", taken_on=date(2025, 6, 1), network=now),
    ]
    plan = Conference(
        id="f-1",
        case_id=CASE,
        stage="plan_agreed",
        conference_on=date(2025, 3, 1),
        plan=[
            PlanItem(what="Call", owner_id="pa", by_when=date(2025, 5, 1)),
            PlanItem(what="Visit", owner_id="r1", status="done"),
        ],
    )
    e = case_evidence(now, as_of=ON, snapshots=snapshots, conferences=[plan])
    assert (e["size_at_referral"], e["size_after_plan"]) == (1, 6)
    points = e["points"]
    assert (
        points["referral"]["accommodation"] == "homeless" and points["months_3"]["accommodation"] == "settled"
    )
    assert points["months_3"]["size"] == 6, "the review snapshot 92 days after the plan is the 3-month point"
    assert e["release_night"] == "temporary" and e["recalls"] == 1
    assert (e["named"], e["connections"], e["relatives_found"]) == (2, 1, 2)
    assert e["plan"] == [
        {"agency": "Leaving Care", "status": "agreed", "overdue": True},
        {"agency": "Family and friends", "status": "done", "overdue": False},
    ]
    assert e["pathways"] == [
        ["accommodation", "Leaving Care"],
        ["finance", "Leaving Care"],
    ]


def test_a_plan_item_on_a_pathway_covers_it_for_the_agency_that_owns_it() -> None:
    plan = Conference(
        id="f-1",
        case_id=CASE,
        plan=[
            PlanItem(what="Birth certificate", owner_id="pa", pathway="id_documents"),
            PlanItem(what="Phone", owner_id="pa", pathway="staying_safe", status="not_done"),
            PlanItem(what="Sunday dinners", owner_id="r1", pathway="children_families"),
        ],
    )
    e = case_evidence(_network(_case()), as_of=ON, conferences=[plan])
    # not the item recorded as not done, and not one that family or friends own
    assert e["pathways"] == [
        ["accommodation", "Leaving Care"],
        ["finance", "Leaving Care"],
        ["id_documents", "Leaving Care"],
    ]


def test_review_windows_are_counted_from_the_plan() -> None:
    plan = date(2025, 1, 1)
    assert [review_month(plan.replace(month=m), plan) for m in (2, 4, 8, 12)] == [
        None,
        ReviewPoint.MONTHS_3,
        ReviewPoint.MONTHS_6,
        ReviewPoint.MONTHS_12,
    ]


def _evidence(n: int, **case: object) -> list[Evidence]:
    rows: list[Evidence] = []
    for k in range(n):
        net = _network(_case(**case)).model_copy(update={"case": _case(id=f"c-{k}", **case)})  # type: ignore[arg-type]
        net = net.model_copy(
            update={"memberships": [m.model_copy(update={"case_id": f"c-{k}"}) for m in net.memberships]}
        )
        rows.append(case_evidence(net, as_of=ON))
    return rows


def test_four_cases_show_nothing_and_five_show_their_figures() -> None:
    few = figures_report(_evidence(4), as_of=ON, scope="test", filters=CohortFilter())
    assert few.cases is None and few.network["size"].mean is None
    assert few.isolation.flag == {"at_risk": None, "not_at_risk": None, "not_enough_recorded": None}
    five = figures_report(_evidence(5), as_of=ON, scope="test", filters=CohortFilter())
    assert five.cases == 5 and five.network["size"].median == 6
    assert [g.group for g in five.breakdowns["gender"]] == ["not_recorded"]
    assert five.breakdowns["gender"][0].cases == 5


def test_every_table_has_a_cell_for_every_column_and_no_row_names_a_case() -> None:
    report = figures_report(_evidence(6), as_of=ON, scope="test", filters=CohortFilter())
    tables = figure_tables(report)
    assert len({t.name for t in tables}) == len(tables) and all(len(t.name) <= 31 for t in tables)
    for table in tables:
        assert all(len(row) == len(table.columns) for row in table.rows), table.name
        assert not any("c-" in str(cell) for row in table.rows for cell in row), table.name


def test_a_directory_service_says_which_ages_it_serves() -> None:
    assert ServiceInfo(age_min=16).serves_age(16) and not ServiceInfo(age_max=25).serves_age(26)
    with pytest.raises(ValueError):
        ServiceInfo(age_min=25, age_max=18)


def test_the_kept_evidence_holds_every_field_the_figures_index_directly() -> None:
    """The figures read kept evidence as plain JSON, written without default values. They index a
    case's own fields and its summary directly (``e["age"]``, ``e["now"]["at_risk"]``), and only a
    review point's values with ``.get``. That holds while no field of the case or the summary has a
    default; one given a default would vanish from the kept text and the report would fail."""
    assert [n for n, f in CaseEvidence.model_fields.items() if not f.is_required()] == []
    assert [n for n, f in Summary.model_fields.items() if not f.is_required()] == []
    kept = case_evidence(tiny_network(), as_of=date(2026, 1, 15))
    assert set(kept) == set(CaseEvidence.model_fields)
    assert set(kept["now"]) == set(Summary.model_fields)
