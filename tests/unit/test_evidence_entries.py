"""A case's kept evidence reads back as the evidence computed on any day it holds, and never otherwise."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.graph.analytics.samples import tiny_network
from netmap.models import Conference, ConferenceStage, Network, PlanItem, PlanItemStatus
from netmap.services.evidence_rows import FORMAT, compute_evidence, read_evidence, write_evidence
from tests.unit.analytics.test_cohort_dates import AS_OF, networks


def _conferences(network: Network, due_in: int, status: PlanItemStatus) -> list[Conference]:
    item = PlanItem(
        what="Ring weekly",
        owner_id=network.case.ego_id,
        by_when=AS_OF + timedelta(days=due_in),
        status=status,
    )
    return [
        Conference(
            id="f-1",
            case_id=network.case.id,
            stage=ConferenceStage.PLAN_AGREED,
            conference_on=AS_OF - timedelta(days=30),
            plan=[item],
        )
    ]


@settings(max_examples=60, deadline=None)
@given(
    network=networks(),
    later=st.integers(0, 400),
    due_in=st.integers(-5, 60),
    status=st.sampled_from(list(PlanItemStatus)),
)
def test_kept_evidence_reads_back_as_the_evidence_of_the_day(
    network: Network, later: int, due_in: int, status: PlanItemStatus
) -> None:
    conferences = _conferences(network, due_in, status)
    kept = compute_evidence(network, [], conferences, AS_OF)
    text = write_evidence(kept)
    assert read_evidence(text, AS_OF - timedelta(days=1)) is None  # not before the day it was computed
    day = AS_OF + timedelta(days=later)
    entry = read_evidence(text, day)
    if day > kept.until:
        assert entry is None
        return
    assert entry is not None
    assert entry.evidence == compute_evidence(network, [], conferences, day).evidence


def test_evidence_written_by_another_version_is_not_read() -> None:
    text = write_evidence(compute_evidence(tiny_network(), [], [], AS_OF))
    assert text.startswith(FORMAT + "|") and read_evidence(text, AS_OF) is not None
    assert read_evidence("e0:old" + text[len(FORMAT) :], AS_OF) is None
    assert read_evidence("not evidence", AS_OF) is None
