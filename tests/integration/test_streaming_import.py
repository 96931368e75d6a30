"""A streamed JSON import gives exactly what the whole-file import gave, and refuses exactly as much."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.generate import generate_service
from netmap.bootstrap import Services, bootstrap
from netmap.errors import AccessDenied, ImportFailed
from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.ingest import json_format
from netmap.ingest.json_stream import open_records
from netmap.models import DATASET_FIELDS, Case, Dataset, Grant, Membership, Record, Role, Sector, User
from netmap.services.access import Actor
from netmap.services.base import audit_event
from netmap.services.data import SAMPLES_DIR, ImportSummary
from netmap.services.users import SYSTEM_ACTOR

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
COORDINATOR = Actor(username="coord.amy", role=Role.COORDINATOR)


def _clock() -> datetime:
    return NOW


def whole_file_import(store: GraphStore, actor: Actor, path: Path) -> ImportSummary:
    """The import as it was before streaming (one Dataset, one batch), kept as the reference.

    Access checks are left out: the actors here may import what they are given.
    """
    dataset = Dataset.model_validate(json.loads(path.read_bytes()))
    added: Counter[str] = Counter()
    unchanged: Counter[str] = Counter()
    batch = WriteBatch()
    seen: dict[str, Record] = {}
    for record in dataset.records():
        key = f"{record.table}:{record.id}"
        if key in seen:
            assert seen[key] == record
            continue
        seen[key] = record
        stored = store.get(type(record), record.id)
        if stored is None:
            added[record.table] += 1
            batch.puts.append(Put(record, restore=True))
            batch.audit.append(audit_event(NOW, actor, "import", None, record))
        else:
            assert stored == record
            unchanged[record.table] += 1
    if not actor.is_admin:
        for case in [p.record for p in batch.puts if isinstance(p.record, Case)]:
            grant = Grant.make(actor.username, case.id).model_copy(update={"version": 1})
            added[grant.table] += 1
            batch.puts.append(Put(grant, restore=True))
            batch.audit.append(audit_event(NOW, actor, "import", None, grant))
    if batch:
        store.apply(batch)
    return ImportSummary(added=dict(added), unchanged=dict(unchanged), dry_run=False)


def streamed_import(services: Services, actor: Actor, path: Path, *, dry_run: bool = False) -> ImportSummary:
    with open_records(path) as records:
        return services.data.import_dataset(actor, records, dry_run=dry_run, source=path.name)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    """Two empty stores on SQLite files: the reference import goes in the first, the streamed in the second."""
    with (
        bootstrap(store=open_store(f"sqlite:///{tmp_path / 'old.db'}"), clock=_clock) as old,
        bootstrap(store=open_store(f"sqlite:///{tmp_path / 'new.db'}"), clock=_clock) as new,
    ):
        yield old, new


def _export(services: Services) -> str:
    return json_format.dumps(services.data.export_dataset(SYSTEM_ACTOR))


def _audit(services: Services) -> list[dict[str, object]]:
    # Seals differ between stores: they cover the encrypted values, and encryption is randomised.
    return [event.model_dump(mode="json", exclude={"chain"}) for event in services.store.audit_log()]


def _assert_identical(old: Services, new: Services) -> None:
    assert _export(new) == _export(old)
    assert _audit(new) == _audit(old)
    assert new.store.counts() == old.store.counts()


@pytest.fixture(scope="module")
def service_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bench-generated service of 50 invented cases, exported canonically."""
    records = [record for chunk in generate_service(50, seed=3) for record in chunk.records]
    tables: dict[str, list[Record]] = {}
    for record in records:
        tables.setdefault(DATASET_FIELDS[type(record)], []).append(record)
    path = tmp_path_factory.mktemp("service") / "service.json"
    json_format.write(Dataset.model_validate(tables), path)
    return path


def test_every_sample_file_imports_identically(pair: tuple[Services, Services]):
    old, new = pair
    for path in sorted(SAMPLES_DIR.glob("*.json")):
        assert streamed_import(new, SYSTEM_ACTOR, path) == whole_file_import(old.store, SYSTEM_ACTOR, path)
    _assert_identical(old, new)
    assert new.store.counts()["audit"] > 0


def test_a_generated_service_imports_identically_and_again_changes_nothing(
    pair: tuple[Services, Services], service_file: Path
):
    old, new = pair
    first = streamed_import(new, SYSTEM_ACTOR, service_file)
    assert first == whole_file_import(old.store, SYSTEM_ACTOR, service_file)
    assert sum(first.added.values()) > 5000  # more than one batch, so apply_all joins several
    _assert_identical(old, new)
    again = streamed_import(new, SYSTEM_ACTOR, service_file)
    assert again == whole_file_import(old.store, SYSTEM_ACTOR, service_file)
    assert again.added == {} and again.unchanged == first.added
    _assert_identical(old, new)


def test_a_shuffled_file_with_repeats_imports_as_the_whole_file_did(
    pair: tuple[Services, Services], tmp_path: Path
):
    """Records in any order within a table, tables in any order, identical repeats: same audit order."""
    old, new = pair
    data = json.loads((SAMPLES_DIR / "always-hope.json").read_text())
    data["memberships"].reverse()
    data["people"].append(data["people"][0])
    shuffled = {key: data[key] for key in sorted(data, reverse=True)}
    path = tmp_path / "shuffled.json"
    path.write_text(json.dumps(shuffled))
    assert streamed_import(new, SYSTEM_ACTOR, path) == whole_file_import(old.store, SYSTEM_ACTOR, path)
    _assert_identical(old, new)


def test_a_coordinators_import_grants_them_the_new_cases_identically(
    pair: tuple[Services, Services], tmp_path: Path
):
    old, new = pair
    account = User(id=COORDINATOR.username, role=Role.COORDINATOR, display_name="Amy Coordinator")
    for services in pair:
        services.store.apply(WriteBatch(puts=[Put(account, restore=True)]))
    path = SAMPLES_DIR / "fgc-jade.json"
    summary = streamed_import(new, COORDINATOR, path)
    assert summary == whole_file_import(old.store, COORDINATOR, path)
    assert summary.added["grant"] == summary.added["case"] >= 1
    _assert_identical(old, new)


def _edited(tmp_path: Path, name: str, edit) -> Path:
    data = json.loads((SAMPLES_DIR / "always-hope.json").read_text())
    edit(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2))
    return path


def _assert_refused(services: Services, path: Path, message: str) -> None:
    before = (services.store.counts(), _audit(services))
    with pytest.raises(ImportFailed) as refused:
        streamed_import(services, SYSTEM_ACTOR, path)
    assert str(refused.value) == message
    assert (services.store.counts(), _audit(services)) == before


def test_a_bad_record_names_file_table_index_and_field_and_writes_nothing(
    pair: tuple[Services, Services], tmp_path: Path
):
    _, new = pair

    def bad_strength(data):
        data["ties"][2]["strength"] = 7

    path = _edited(tmp_path, "bad.json", bad_strength)
    _assert_refused(new, path, "bad.json ties[2].strength: Input should be less than or equal to 3.")


def test_a_repeat_with_different_content_is_refused(pair: tuple[Services, Services], tmp_path: Path):
    _, new = pair

    def repeat_changed(data):
        data["people"].append({**data["people"][1], "name": "Somebody Else"})

    pid = json.loads((SAMPLES_DIR / "always-hope.json").read_text())["people"][1]["id"]
    path = _edited(tmp_path, "twice.json", repeat_changed)
    _assert_refused(new, path, f"twice.json person {pid}: appears twice with different content.")


def test_a_conflict_with_a_stored_record_refuses_everything(pair: tuple[Services, Services], tmp_path: Path):
    _, new = pair
    streamed_import(new, SYSTEM_ACTOR, SAMPLES_DIR / "turning-25.json")

    ours = {p["id"] for p in json.loads((SAMPLES_DIR / "always-hope.json").read_text())["people"]}
    theirs = json.loads((SAMPLES_DIR / "turning-25.json").read_text())["people"]
    stored = next(p for p in theirs if p["id"] not in ours)

    def both(data):
        data["people"].append({**stored, "name": "Another Name"})

    path = _edited(tmp_path, "clash.json", both)
    _assert_refused(
        new,
        path,
        f"clash.json person {stored['id']}: a different record with this id is already stored; "
        "nothing was imported.",
    )


def test_a_dangling_reference_found_after_many_batches_leaves_nothing(
    pair: tuple[Services, Services], service_file: Path, tmp_path: Path
):
    """The last tie points at nobody: the batches already handed to the store are rolled back."""
    _, new = pair
    data = json.loads(service_file.read_text())
    tie = data["ties"][-1]
    tie["to_id"] = "p-nobody"
    path = tmp_path / "dangling.json"
    path.write_text(json.dumps(data))
    _assert_refused(
        new, path, f"dangling.json tie {tie['id']} to_id: p-nobody is not a member of case {tie['case_id']}."
    )
    assert sum(new.store.counts().values()) == 0


def test_a_dry_run_counts_what_an_import_adds_and_writes_nothing(
    pair: tuple[Services, Services], service_file: Path
):
    _, new = pair
    preview = streamed_import(new, SYSTEM_ACTOR, service_file, dry_run=True)
    assert sum(new.store.counts().values()) == 0
    done = streamed_import(new, SYSTEM_ACTOR, service_file)
    assert preview.model_copy(update={"dry_run": False}) == done
    assert preview.sentence().startswith("Would add")


def test_a_coordinator_may_not_import_into_a_case_they_do_not_hold(
    pair: tuple[Services, Services], tmp_path: Path
):
    _, new = pair
    streamed_import(new, SYSTEM_ACTOR, SAMPLES_DIR / "fgc-jade.json")
    jade = json.loads((SAMPLES_DIR / "fgc-jade.json").read_text())
    case_id = jade["cases"][0]["id"]
    person = {"id": "p-new-friend", "name": "Robin Example"}
    member = Membership.make(case_id, "p-new-friend", sector=Sector.FRIENDS).model_dump(mode="json")
    path = tmp_path / "into-jade.json"
    path.write_text(json.dumps({"format": "netmap", "people": [person], "memberships": [member]}))
    before = new.store.counts()
    with pytest.raises(AccessDenied):
        streamed_import(new, COORDINATOR, path)
    assert new.store.counts() == before


def test_a_truncated_file_names_the_line_and_writes_nothing(pair: tuple[Services, Services], tmp_path: Path):
    _, new = pair
    text = (SAMPLES_DIR / "always-hope.json").read_text()
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2])
    before = new.store.counts()
    with pytest.raises(ImportFailed, match=r"^cut\.json line \d+ column \d+: not valid JSON \("):
        streamed_import(new, SYSTEM_ACTOR, path)
    assert new.store.counts() == before
