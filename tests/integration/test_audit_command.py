"""``netmap audit``: a case's trail in words for those who may read it, the whole store's for admins."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from netmap.bootstrap import Services
from netmap.cli import app
from netmap.models import Membership
from netmap.services.access import Actor

runner = CliRunner()
HOPE, NAN = "c-always-hope", "p-ah-maureen"


def _audit(db_url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["audit", *args, "--db", db_url])
    return result.exit_code, result.stdout + (result.stderr or "")


def test_a_coordinator_reads_the_case_newest_first_in_words(
    sample_services: Services, demo_actors: dict[str, Actor], db_url: str
) -> None:
    membership = sample_services.store.get(Membership, f"{HOPE}|{NAN}")
    assert membership is not None
    sample_services.network.update_membership(
        demo_actors["coordinator"], membership.model_copy(update={"role_label": "Grandmother"})
    )
    code, out = _audit(db_url, HOPE, "--limit", "2", "--as", "coordinator")
    assert code == 0, out
    first, second = out.splitlines()
    when, who, what, about, changes = first.split("\t")
    assert (who, what, about) == ("coordinator", "changed in the map", "Nan")
    assert changes.endswith("→ Grandmother")
    assert second.split("\t")[1] != ""
    code, out = _audit(db_url, HOPE, "--limit", "1", "--json", "--as", "coordinator")
    [entry] = json.loads(out)
    assert (entry["action"], entry["entity_id"], entry["after"]["role_label"]) == (
        "member.update",
        f"{HOPE}|{NAN}",
        "Grandmother",
    )
    assert "chain" not in entry


def test_the_whole_store_is_an_admins_to_read(
    sample_services: Services, demo_actors: dict[str, Actor], db_url: str
) -> None:
    code, out = _audit(db_url, "--as", "coordinator")
    assert code != 0 and "not the whole store's" in out
    sample_services.users.set_active(demo_actors["admin"], "viewer", False)
    code, out = _audit(db_url, "--limit", "1", "--as", "admin")
    assert code == 0, out
    assert out.split("\t")[1:4] == ["admin", "switched an account off", "viewer's account"]


def test_a_practitioner_may_not_read_the_trail(db_url: str, sample_services: Services) -> None:
    code, out = _audit(db_url, HOPE, "--as", "practitioner")
    assert code != 0 and "may not read the audit trail" in out
