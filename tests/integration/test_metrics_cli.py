"""netmap metrics and netmap cohort on a real SQLite file with the samples, through the access rules."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from netmap.bootstrap import Services
from netmap.cli import app
from netmap.graph.analytics import CaseMetrics, CohortReport
from netmap.graph.analytics.figures import FiguresReport
from netmap.models import Role
from netmap.services.access import Actor
from tests.story_days import told

runner = CliRunner()
DOC = Path(__file__).resolve().parents[2] / "docs" / "measures.md"
OWN_CASE = "c-always-hope"
HIDDEN = "p-ah-reece"  # hidden from other practitioners by the young person in the sample


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def url(sample_services: Services, db_url: str, demo_actors: dict[str, Actor]) -> str:
    return db_url


def test_metrics_json_matches_the_service_and_round_trips(url: str, sample_services: Services) -> None:
    code, out, err = run("metrics", OWN_CASE, "--json", "--db", url)
    assert code == 0, err
    data = json.loads(out)
    parsed = CaseMetrics.model_validate(data)
    assert parsed.case_id == OWN_CASE
    assert set(data) == set(CaseMetrics.model_fields)
    admin = Actor(username="test-admin", role=Role.ADMIN)
    direct = sample_services.metrics.case_metrics(admin, OWN_CASE, as_of=parsed.as_of)
    assert parsed.summary == direct.summary
    assert data["change"]["size_before"] < data["change"]["size_after"]


def test_metrics_text_names_people_and_flags(url: str) -> None:
    code, out, err = run("metrics", OWN_CASE, "--db", url)
    assert code == 0, err
    first = out.splitlines()[0]
    assert first.startswith(f"Case {OWN_CASE} on ") and re.search(
        r" on \d{1,2} [A-Z][a-z]+ \d{4} \(stage: ", first
    )
    assert "LSNS-6 answered:" in out and "LSNS-6 from the network:" in out
    assert "Support coverage:" in out and "Cliff edge" in out


def test_young_person_gets_their_own_case_only(url: str) -> None:
    code, out, err = run("metrics", OWN_CASE, "--json", "--as", "jordan", "--db", url)
    assert code == 0, err
    assert json.loads(out)["case_id"] == OWN_CASE
    code, out, err = run("metrics", "c-fgc-jade", "--json", "--as", "jordan", "--db", url)
    assert (code, out) == (1, "")
    assert "no access to case c-fgc-jade" in err and err.count("\n") == 1
    code, out, err = run("cohort", "--as", "jordan", "--db", url)
    assert (code, out) == (1, "")
    assert "may not see the service's figures" in err


def test_practitioner_numbers_leave_out_hidden_people(url: str) -> None:
    admin = json.loads(run("metrics", OWN_CASE, "--json", "--db", url)[1])
    code, out, err = run("metrics", OWN_CASE, "--json", "--as", "practitioner", "--db", url)
    assert code == 0, err
    seen = json.loads(out)
    assert HIDDEN in admin["names"]
    assert HIDDEN not in seen["names"] and HIDDEN not in out
    assert seen["summary"]["size"] == admin["summary"]["size"] - 1


def test_unknown_case_is_one_sentence(url: str) -> None:
    code, out, err = run("metrics", "c-nope", "--db", url)
    assert (code, out) == (1, "")
    assert err.strip() == "There is no case c-nope."


def test_cohort_covers_the_cases_the_user_may_list(url: str, sample_services: Services) -> None:
    code, out, err = run("cohort", "--json", "--db", url)
    assert code == 0, err
    report = FiguresReport.model_validate_json(out)
    everyone = report.per_case
    assert everyone is not None
    assert (
        everyone.cases
        == report.cases
        == len(sample_services.cases.list_cases(Actor(username="a", role=Role.ADMIN)))
    )
    assert everyone.distributions["size"].n == everyone.cases
    assert sum(everyone.funnel.values()) >= everyone.funnel_reached["identified"]
    code, out, err = run("cohort", "--json", "--as", "practitioner", "--db", url)
    assert code == 0, err
    own = json.loads(out)
    assert own["cases"] is None, "one case: every figure suppressed"
    assert own["per_case"]["cases"] == 1 and [p["case_id"] for p in own["per_case"]["paired"]] in (
        [OWN_CASE],
        [],
    )
    code, out, err = run("cohort", "--db", url)
    assert code == 0 and out.startswith("Figures on ") and f"Cohort: {everyone.cases} cases" in out


def test_cohort_filters_leave_out_the_cases_they_do_not_name(url: str, sample_services: Services) -> None:
    code, out, err = run("cohort", "--ages", "18-25", "--json", "--db", url)
    assert code == 0, err
    young_adults = FiguresReport.model_validate_json(out)
    assert young_adults.filters.ages == (18, 25)
    assert young_adults.per_case is not None
    kept = {p.case_id for p in young_adults.per_case.paired}
    # Kai (15) and Maisie (12) are under 18; Jordan, Jade, Leah, Kieran and Cal are 18 to 25.
    assert kept == {"c-always-hope", "c-fgc-jade", "c-turning-25", "c-well-connected", "c-custody-referral"}
    code, out, err = run("cohort", "--authority", "Brackenshire", "--prison", "", "--json", "--db", url)
    assert code == 0, err
    assert FiguresReport.model_validate_json(out).per_case.cases == 2  # type: ignore[union-attr]
    code, out, err = run(
        "cohort",
        "--referred-from",
        told(date(2026, 10, 1)).isoformat(),
        "--referred-to",
        told(date(2026, 10, 31)).isoformat(),
        "--json",
        "--db",
        url,
    )
    assert {p["case_id"] for p in json.loads(out)["per_case"]["paired"]} == {"c-fgc-jade", "c-turning-25"}
    code, out, err = run("cohort", "--ages", "25-18", "--db", url)
    assert (code, out) == (1, "") and err.strip() == "--ages: write the youngest age first, as in 18-25."
    code, out, err = run("cohort", "--referred-from", "1 May", "--db", url)
    assert (code, out) == (1, "") and "--referred-from: '1 May' is not a date written YYYY-MM-DD." in err


def _keys(tp: Any) -> set[str]:
    """Every field name of the pydantic models inside type ``tp``, at any depth."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return set(tp.model_fields).union(*(_keys(f.annotation) for f in tp.model_fields.values()))
    return set().union(*(_keys(arg) for arg in get_args(tp)))


def test_every_json_key_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    keys = _keys(CaseMetrics) | _keys(CohortReport) | _keys(FiguresReport)
    missing = sorted(k for k in keys if f"`{k}`" not in text)
    assert not missing, f"docs/measures.md does not document {missing}"


def test_every_key_of_the_figures_json_is_documented(url: str) -> None:
    """Dictionary keys too: the groups each count is split into."""
    code, out, err = run("cohort", "--json", "--db", url)
    assert code == 0, err
    found: set[str] = set()
    # Keys that are names or vocabulary values rather than figures.
    free = {"agencies", "names", "funnel", "funnel_reached", "by_prison", "by_authority"}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                found.add(key)
                if key not in free:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(out))
    text = DOC.read_text(encoding="utf-8")
    assert not sorted(k for k in found if f"`{k}`" not in text)
