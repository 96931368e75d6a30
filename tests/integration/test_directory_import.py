"""The bulk directory import (netmap directory-import): structured fields in, every row or none, audited,
refused to roles that may not change the directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from netmap.bootstrap import Services
from netmap.cli import app
from netmap.models import Person, PersonKind, Role, ServiceCategory
from netmap.services.users import SYSTEM_ACTOR

runner = CliRunner()

SERVICES_CSV = """\
Name,Area,Categories,Offer,Eligibility,Age min,Age max,Referral route,Capacity,Culturally specific,Contact
Northshire Foyer,Northshire,Housing; Education work,Supported rooms,Care leavers,18,25,Self-referral,Waiting 3 weeks,,0300 555 0101
Kinship Circle,,family_support|advocacy,Family time,,,,Through the coordinator,2 places,,
Sisters Together,Westbrook,mental_health,Peer support,,16,30,Phone,,Black and minority ethnic young women,
"""


def _directory(services: Services) -> dict[str, Person]:
    return {p.name: p for p in services.store.list(Person) if p.kind is PersonKind.SERVICE}


def _run(db_url: str, path: Path, *extra: str):  # noqa: ANN202 - typer's Result
    return runner.invoke(app, ["directory-import", str(path), "--db", db_url, *extra])


def test_a_csv_adds_services_with_their_structured_fields(
    services: Services, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "services.csv"
    path.write_text(SERVICES_CSV, encoding="utf-8")

    dry = _run(db_url, path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.strip() == "Would add 3 services and would change 0."
    assert _directory(services) == {}

    result = _run(db_url, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Added 3 services and changed 0."
    stored = _directory(services)
    foyer = stored["Northshire Foyer"].service_info
    assert foyer is not None
    assert foyer.categories == [ServiceCategory.HOUSING, ServiceCategory.EDUCATION_WORK]
    assert (foyer.age_min, foyer.age_max) == (18, 25)
    assert (foyer.referral_route, foyer.capacity, foyer.contact) == (
        "Self-referral",
        "Waiting 3 weeks",
        "0300 555 0101",
    )
    circle = stored["Kinship Circle"]
    assert circle.area == "" and circle.service_info is not None
    assert circle.service_info.categories == [ServiceCategory.FAMILY_SUPPORT, ServiceCategory.ADVOCACY]
    sisters = stored["Sisters Together"].service_info
    assert sisters is not None and sisters.culturally_specific == "Black and minority ethnic young women"
    # Every service added is audited, in the same write as the services.
    audited = {e.entity_id for e in services.store.audit_log() if e.action == "service.import"}
    assert audited == {p.id for p in stored.values()}


def test_a_row_matching_a_stored_service_changes_it(services: Services, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "services.csv"
    path.write_text(SERVICES_CSV, encoding="utf-8")
    assert _run(db_url, path).exit_code == 0
    before = _directory(services)["Northshire Foyer"]
    path.write_text(
        "name,area,categories,capacity\nnorthshire foyer,NORTHSHIRE,housing,No waiting list\nNew Hub,Kelby,health,\n",
        encoding="utf-8",
    )
    result = _run(db_url, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Added 1 service and changed 1."
    after = _directory(services)
    assert len(after) == 4
    foyer = after["Northshire Foyer"]
    assert foyer.id == before.id and foyer.version == before.version + 1
    assert foyer.service_info is not None and foyer.service_info.capacity == "No waiting list"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name,age_min,age_max\nA,16,25\nB,20,18\n",
            "services.csv row 3 age_max: age_max is below age_min.",
        ),
        (
            "name,categories\nA,housing\nB,hairdressing\n",
            "services.csv row 3 categories: 'hairdressing' is not a kind of help (use advocacy,",
        ),
        (
            "name,age_min\nA,sixteen\n",
            "services.csv row 2 age_min: 'sixteen' is not a whole number of years.",
        ),
        ("name,area\nA,Kelby\n,Kelby\n", "services.csv row 3 name: a service needs a name."),
        ("name,area\nA,Kelby\na,kelby\n", "services.csv row 3 name: a in kelby is already on row 2."),
        ("name,postcode\nA,KB1\n", "services.csv row 1: unknown column 'postcode' (use name, area,"),
    ],
    ids=["ages", "category", "number", "name", "twice", "column"],
)
def test_one_bad_row_refuses_the_whole_file_in_one_sentence(
    services: Services, db_url: str, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "services.csv"
    path.write_text(text, encoding="utf-8")
    before = services.store.counts()
    result = _run(db_url, path)
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert services.store.counts() == before and _directory(services) == {}


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.PRACTITIONER, Role.VIEWER, Role.COMMISSIONER])
def test_only_roles_that_edit_the_directory_may_import(
    services: Services, db_url: str, tmp_path: Path, role: Role
) -> None:
    services.users.add_user(SYSTEM_ACTOR, "someone", role, "a-long-password-1")
    path = tmp_path / "services.csv"
    path.write_text(SERVICES_CSV, encoding="utf-8")
    result = _run(db_url, path, "--as", "someone")
    assert result.exit_code == 1 and "may not change the local services directory" in result.stderr
    assert _directory(services) == {}
