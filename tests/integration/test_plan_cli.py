"""`netmap due --today` and `netmap export pack` on the samples, through the command line on a real SQLite file."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from netmap.bootstrap import bootstrap
from netmap.cli import app
from netmap.models import Case, Conference
from netmap.services.data import STORY_DAY
from tests.story_days import told, told_uk

runner = CliRunner()
STORY_DAY_TOLD = told(STORY_DAY).isoformat()  # the day the samples' story is told, as `--today`


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('plan-cli') / 'a.db'}"
    code, _, err = run("load-samples", "--demo-users", "--db", url)
    assert code == 0, err
    return url


def _transitions(url: str, *extra: str) -> dict[str, dict]:
    code, out, err = run("due", "--days", "30", "--today", STORY_DAY_TOLD, "--json", "--db", url, *extra)
    assert code == 0, err
    return {i["case_id"]: i for i in json.loads(out) if i["kind"] == "transition"}


def test_due_lists_leah_s_25th_birthday_and_jordan_s_release_with_who_ends_and_who_remains(
    loaded: str,
) -> None:
    found = _transitions(loaded)
    leah, jordan = found["c-turning-25"], found["c-always-hope"]
    assert (leah["due_on"], leah["events"], leah["warning"]) == (
        told(date(2026, 12, 9)).isoformat(),
        ["turns_25"],
        30,
    )
    assert leah["what"] == "Leah Corrigan turns 25: leaving-care support ends."
    assert {w["name"] for w in leah["ends"]} == {
        "Owen Bradley",
        "Fatima Rahman",
        "Gareth Lewis",
        "Nadia Kowal",
        "Westbrook Leaving Care Team",
    }
    assert [w["name"] for w in leah["remains"]] == ["Sam Keane"]
    assert (jordan["due_on"], jordan["events"]) == (told(date(2026, 12, 15)).isoformat(), ["release"])
    assert "released from HMP Ashbourne Fields" in jordan["what"]
    assert {(w["name"], w["reason"]) for w in jordan["ends"]} == {
        ("Sarah Whitlock", "release"),
        ("HMP Ashbourne Fields", "release"),
    }
    remains = {w["name"] for w in jordan["remains"]}
    assert {"Daniel Osei", "Priya Nandra", "Nan", "Marcus Bell"} <= remains
    assert "Sarah Whitlock" not in remains


def test_due_as_a_practitioner_names_no_one_hidden_from_them(loaded: str) -> None:
    jordan = _transitions(loaded, "--as", "practitioner")["c-always-hope"]
    assert "Reece Mallory" not in json.dumps(jordan)
    assert "Reece Mallory" in json.dumps(_transitions(loaded)["c-always-hope"])


def test_due_in_words_and_a_bad_date_in_one_sentence(loaded: str) -> None:
    code, out, _ = run("due", "--days", "30", "--today", STORY_DAY_TOLD, "--db", loaded)
    assert code == 0
    assert f"{told(date(2026, 12, 9))}\tc-turning-25\ttransition\tLeah Corrigan turns 25" in out
    assert "\t\tremains: Sam Keane\n" in out
    code, out, err = run("due", "--today", "24/11/2026", "--db", loaded)
    assert code != 0 and "--today" in err and "Traceback" not in err


def _pack_text(url: str, tmp_path: Path) -> str:
    target = tmp_path / "pack.pdf"
    code, _, err = run("export", "pack", "--case", "c-always-hope", "-o", str(target), "--db", url)
    assert code == 0, err
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pack_prints_the_plan_by_pathway_with_owners_plans_served_and_jordan_s_own_words(
    loaded: str, tmp_path: Path
) -> None:
    text = _pack_text(loaded, tmp_path)
    headings = [
        "Accommodation",
        "Education, training and work",
        "Health and mental health",
        "Money, benefits and debt",
        "Children and families",
        "Attitudes, thinking and behaviour",
        "ID documents",
        "Staying safe",
    ]
    where = [text.index(f" {h} What Who Serves By when Status") for h in headings]
    assert where == sorted(where), "grouped by pathway, in the pathways' order"
    with bootstrap(loaded) as services:
        (conference,) = services.store.list(Conference, case_id="c-always-hope")
        case = services.store.get(Case, "c-always-hope")
    assert case is not None
    for item in conference.plan:
        assert item.what in text, item.what
    for owner in (
        "Daniel Osei (Westbrook Probation Delivery Unit)",
        "Sarah Whitlock (HMP Ashbourne Fields)",
        "Priya Nandra (Westbrook Leaving Care Team)",
        "Marcus Bell (Northgate Mentoring Project)",
        "Nan",
    ):
        assert owner in text, owner
    for plan in ("Pathway plan", "Sentence plan", "Licence condition", "Family plan"):
        assert plan in text, plan
    assert "In JJ's own words" in text
    for words in (case.own_words.hopes, case.own_words.who_i_want_to_be):
        assert words in text
    assert "JJ says: I disagree - I did the course inside already." in text
    assert f"Release date: {told_uk(date(2026, 12, 15))}" in text and "A phone Nobody yet" in text
    assert (
        "Probation practitioner" in text and "When your licence (or post-sentence supervision) ends." in text
    )
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text) and " None " not in text
    assert case.care_history is not None and case.care_history.notes not in text


def test_words_the_young_person_keeps_to_themselves_stay_out_of_the_pack(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('private') / 'a.db'}"
    assert run("load-samples", "--demo-users", "--db", url)[0] == 0
    with bootstrap(url) as services:
        case = services.store.get(Case, "c-always-hope")
        assert case is not None
        private = case.own_words.model_copy()
        private.shared = False
        jordan = services.users.actor_for("jordan")
        services.plans.set_own_words(jordan, "c-always-hope", private, case.version)
    text = _pack_text(url, tmp_path)
    assert "own words" not in text and case.own_words.hopes not in text
