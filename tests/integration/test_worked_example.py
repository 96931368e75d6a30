"""The worked example of docs/worked-example.md: a generated 200-case service whose Lifelong Links figures
the generator knows, reported exactly by ``netmap cohort``; and what a commissioner gets from it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from benchmarks.worked_example import CaseFacts, Truth, generate, truth
from netmap.bootstrap import bootstrap
from netmap.cli import app
from netmap.graph.analytics.cohort_filter import CohortFilter
from netmap.models import Person, PersonKind, Role
from netmap.services.users import SYSTEM_ACTOR
from tests.conftest import CHEAP_HASHER

# Every date in the generated service lies before this day, and the figures are read on it.
TODAY = date(2026, 6, 30)
AUTHORITY = "Westbrook City Council"
runner = CliRunner()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[CaseFacts], set[str]]]:
    """The generated service in a store of its own, with a commissioner for one authority."""
    dataset, facts = generate(200, seed=7, today=TODAY)
    url = f"sqlite:///{tmp_path_factory.mktemp('worked') / 'service.db'}"
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        services.data.import_dataset(SYSTEM_ACTOR, dataset)
        services.users.add_user(
            SYSTEM_ACTOR,
            "commissioner",
            Role.COMMISSIONER,
            "commissioner-pass-2026",
            local_authority=AUTHORITY,
        )
        people = [p for p in services.store.list(Person) if p.kind is PersonKind.PERSON]
    yield url, facts, {p.name for p in people} | {p.display_name for p in people}


def _figures(url: str, *args: str, as_user: str | None = None) -> dict[str, Any]:
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        actor = services.users.actor_for(as_user) if as_user else SYSTEM_ACTOR
        ages = tuple(int(a) for a in args[0].split("-")) if args else None
        report = services.figures.report(actor, CohortFilter(ages=ages), as_of=TODAY)  # type: ignore[arg-type]
    return json.loads(report.model_dump_json())


def _exactly(figures: dict[str, Any], expected: Truth) -> None:
    ll = figures["lifelong_links"]
    assert ll["cases_after_plan"] == expected.cases_after_plan
    assert ll["cases_measured"] == expected.cases_measured
    assert ll["size_at_referral"] == float(expected.size_at_referral)
    assert ll["size_after_plan"] == float(expected.size_after_plan)
    assert ll["named"] == expected.named
    assert ll["became_connections"] == expected.became_connections
    assert ll["connection_share"] == float(expected.connection_share)
    assert ll["reaching_target"]["reached"] == expected.reaching_target


def test_the_report_gets_the_lifelong_links_figures_exactly(
    service: tuple[str, list[CaseFacts], set[str]],
) -> None:
    url, facts, _ = service
    expected = truth(facts)
    figures = _figures(url)
    assert figures["cases"] == 200
    _exactly(figures, expected)
    # The generator was built to look like the evaluation: 7 to 26 people, 96% becoming connections.
    assert round(float(expected.size_at_referral)) == 7 and round(float(expected.size_after_plan)) == 26
    assert round(float(expected.connection_share), 2) == 0.96


def test_the_18_to_25_cohort_leaves_out_under_18s_and_keeps_its_own_figures(
    service: tuple[str, list[CaseFacts], set[str]],
) -> None:
    url, facts, _ = service
    figures = _figures(url, "18-25")
    in_range = [f for f in facts if 18 <= f.age <= 25]
    assert any(f.age < 18 for f in facts) and any(f.age > 25 for f in facts)
    assert figures["cases"] == len(in_range)
    _exactly(figures, truth(facts, (18, 25)))
    under_18 = (
        next(g for g in figures["breakdowns"]["age"] if g["group"] == "under_18")
        if any(g["group"] == "under_18" for g in figures["breakdowns"]["age"])
        else None
    )
    assert under_18 is None


def _cells(value: Any, path: str = "") -> Iterator[tuple[str, int]]:
    """Every whole number in a report that counts cases, people or events (not its settings)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("filters", "threshold", "relatives_target", "as_of"):
                yield from _cells(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _cells(item, f"{path}[{i}]")
    elif isinstance(value, int) and not isinstance(value, bool):
        yield path, value


def test_a_commissioner_gets_figures_with_every_cell_five_or_more_and_no_names(
    service: tuple[str, list[CaseFacts], set[str]],
) -> None:
    url, facts, names = service
    result = runner.invoke(app, ["cohort", "--json", "--as", "commissioner", "--db", url])
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["per_case"] is None
    assert figures["scope"] == f"the cases of {AUTHORITY}"
    cells = list(_cells(figures))
    assert len(cells) > 50, "the report has figures to check"
    assert [(p, n) for p, n in cells if n < 5] == []
    assert not [n for n in names if n in result.stdout]
    assert figures["lifelong_links"]["size_after_plan"] is not None, "the figures are not all suppressed"


def test_the_commissioner_export_holds_aggregate_tables_only(
    service: tuple[str, list[CaseFacts], set[str]], tmp_path: Path
) -> None:
    url, _, names = service
    out = tmp_path / "figures.csv"
    result = runner.invoke(app, ["cohort", "--as", "commissioner", "--db", url, "--export", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("table,row,column,value") and "Lifelong Links" in text
    assert not [n for n in names if n in text] and "c-0001" not in text
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        audit = [e.action for e in services.store.audit_log() if e.actor == "commissioner"]
    assert "figures.report" in audit and "figures.export.csv" in audit
