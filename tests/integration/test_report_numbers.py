"""The Service report's numbers stay what they were: over 60 generated cases with outcome readings, the
first report (every case computed) and a report in a new process (every case read as kept) give
exactly the report recorded in tests/data/report-numbers-60.generated.json, written by netmap at bd6d2df,
before kept entries were read as plain values (tests/data/SOURCES.md)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.generate import generate_service
from benchmarks.people import BASE_DATE
from netmap.bootstrap import bootstrap
from netmap.graph.analytics.cohort_filter import CohortFilter
from netmap.graph.store import Put, WriteBatch
from netmap.models import (
    Accommodation,
    Activity,
    Case,
    ContactFrequency,
    JusticeEvent,
    Lsns6,
    Ons4,
    OutcomeReading,
    Record,
    ReviewPoint,
    Role,
)
from netmap.services.access import Actor

RECORDED = Path(__file__).parents[1] / "data" / "report-numbers-60.generated.json"
ADMIN = Actor("admin", Role.ADMIN)
ON = date(2025, 7, 15)
FILTERS = {
    "every case": CohortFilter(),
    "filtered": CohortFilter(ages=(18, 22), referred_from=date(2024, 1, 1), referred_to=date(2025, 3, 31)),
}


def _reading(r: random.Random, case_id: str, k: int) -> OutcomeReading:
    accommodation = r.choice([None, *Accommodation])
    wellbeing = Ons4(**{f: r.randint(0, 10) for f in Ons4.model_fields}) if r.random() < 0.6 else None
    return OutcomeReading(
        id=f"o-{case_id}-{k}",
        on=BASE_DATE - timedelta(days=r.randint(0, 700)),
        point=r.choice([None, *ReviewPoint]),
        accommodation=accommodation,
        release_night=accommodation is not None and r.random() < 0.3,
        activity=r.choice([None, *Activity]),
        family_contact=r.choice([None, *ContactFrequency]),
        wellbeing=wellbeing,
        lsns6=Lsns6(**dict.fromkeys(Lsns6.model_fields, r.randint(0, 5))) if r.random() < 0.5 else None,
        network_rating=r.choice([None, *range(11)]),
        call_at_2am=r.choice([None, 0, 1, 3]),
        event=r.choice([None, None, *JusticeEvent]),
    )


def _with_readings(record: Record) -> Record:
    if not isinstance(record, Case):
        return record
    r = random.Random(f"readings:{record.id}")
    return record.model_copy(update={"outcomes": [_reading(r, record.id, k) for k in range(r.randint(0, 5))]})


def service_batches() -> Iterator[WriteBatch]:
    """The benchmark's 60 cases (seed 1), each with up to five outcome readings made up from its id."""
    for chunk in generate_service(60, seed=1):
        yield WriteBatch(puts=[Put(_with_readings(record)) for record in chunk.records])


def reports(url: str) -> dict[str, Any]:
    """Each report of ``FILTERS`` as JSON values."""
    with bootstrap(url) as services:
        return {
            name: services.figures.report(ADMIN, filters, as_of=ON).model_dump(mode="json")
            for name, filters in FILTERS.items()
        }


def test_the_reports_numbers_are_those_recorded_whether_computed_or_read(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'numbers.db'}"
    with bootstrap(url) as services:
        services.store.apply_all(service_batches())
    recorded = json.loads(RECORDED.read_text())
    assert reports(url) == recorded  # every case computed (and kept)
    with bootstrap(url) as services:
        assert (
            services.store.cohort_rows("evidence").rows.keys()
            == services.store.cohort_rows("full").gens.keys()
        )
    assert reports(url) == recorded  # every case read as kept
