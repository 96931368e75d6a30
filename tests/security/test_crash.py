"""SIGKILL in the middle of a large import or a copy: the store opens, checks clean, all or nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netmap.graph.factory import open_store
from netmap.models import Case, Dataset, Membership, Person, Sector, Tie
from tests.falkordb_server import staging_copies
from tests.integration.conftest import another_empty_store
from tests.security.conftest import Figures

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 1500
TRIALS = 4


def big_dataset() -> Dataset:
    """One case with PEOPLE members and a tie to each: about 4,500 records (invented names)."""
    people = [
        Person(id=f"p-{i:05d}", name=f"Person {i}", address=f"{i} Example Street") for i in range(PEOPLE)
    ]
    case = Case(id="c-big", title="A very large network", ego_id="p-00000")
    members = [
        Membership.make("c-big", p.id, sector=Sector.FRIENDS, ring=1 + i % 4) for i, p in enumerate(people)
    ]
    ties = [
        Tie(id=f"t-{i:05d}", case_id="c-big", from_id="p-00000", to_id=p.id)
        for i, p in enumerate(people[1:], 1)
    ]
    return Dataset(people=people, cases=[case], memberships=members, ties=ties)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("big") / "big.json"
    dataset = big_dataset()
    path.write_text(dataset.model_dump_json())
    return path, len(dataset.records())


def _netmap(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "netmap", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _kill_after(process: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL ``process`` after ``delay`` seconds; True if it was still running."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    alive = process.poll() is None
    if alive:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    return alive


def _assert_all_or_nothing(url: str, expected_records: int) -> str:
    with open_store(url) as store:
        # A server finishes (FalkorDB) or rolls back (Neo4j) a killed client's work on its own: wait.
        counts = store.counts()
        for _ in range(20):
            time.sleep(0.5)
            settled, counts = counts, store.counts()
            if settled == counts:
                break
        assert store.check() == []
    records = sum(n for table, n in counts.items() if table != "audit")
    assert records in (0, expected_records), counts
    assert counts["audit"] in (0, expected_records), counts  # one audit event per imported record
    if url.startswith("falkordb://"):
        # A killed unit's staging copy is never read; the next opening of the store drops it (one killed
        # while the server copied the graph has no expiry yet), and any other expires within minutes.
        open_store(url).close()
        assert all(0 < ttl <= 5 * 60 * 1000 for ttl in staging_copies(url).values()), staging_copies(url)
    return "all" if records else "none"


def test_killing_a_large_import_leaves_all_or_none_of_it(
    store_url: str, big_file: tuple[Path, int], figures: Figures
):
    path, expected = big_file
    rng = random.Random(7)
    outcomes = []
    for trial in range(TRIALS):
        url = another_empty_store(store_url, f"t{trial}")
        open_store(url).close()  # the schema exists, so the kill lands in the import itself
        killed = _kill_after(_netmap("import", "json", str(path), "--db", url), rng.uniform(0.5, 4.0))
        outcomes.append((killed, _assert_all_or_nothing(url, expected)))
        figures.add("crash_trials")
        figures.add("crash_corrupt_stores", 0)
    assert any(killed for killed, _ in outcomes), "no trial killed the import while it ran"


def test_killing_a_copy_leaves_the_destination_empty_or_complete(
    store_url: str, tmp_path: Path, big_file: tuple[Path, int], figures: Figures
):
    path, expected = big_file
    source = f"sqlite:///{tmp_path / 'source.db'}"
    loaded = _netmap("import", "json", str(path), "--db", source)
    assert loaded.wait(timeout=300) == 0, loaded.stderr.read() if loaded.stderr else ""
    # One whole copy first: how long the command runs here, so the kills land inside it.
    started = time.monotonic()
    whole = _netmap("copy", source, another_empty_store(store_url, "whole"))
    assert whole.wait(timeout=300) == 0, whole.stderr.read() if whole.stderr else ""
    duration = time.monotonic() - started
    rng = random.Random(11)
    outcomes = []
    for trial in range(TRIALS):
        url = another_empty_store(store_url, f"t{trial}")
        open_store(url).close()  # the schema exists, so the kill lands in the copy itself
        # early in the measured run: a later copy on a quieter machine may take half as long
        killed = _kill_after(_netmap("copy", source, url), rng.uniform(0.1, 0.6) * duration)
        outcomes.append((killed, _assert_all_or_nothing(url, expected)))
        figures.add("crash_trials")
        figures.add("crash_corrupt_stores", 0)
    assert any(killed for killed, _ in outcomes), "no trial killed the copy while it ran"
