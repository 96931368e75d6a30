"""`netmap copy` from SQLite into the Neo4j of scripts/neo4j-server and back: the JSON export is byte-identical."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netmap.bootstrap import bootstrap
from netmap.cli.demo_users import ensure_demo_users
from netmap.graph.adapters.cypher.backends import parse_url
from netmap.models import Dataset, Person
from netmap.services.users import SYSTEM_ACTOR

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.neo4j


def _netmap(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "netmap", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _export(url: str, path: Path) -> bytes:
    _netmap("export", "json", "-o", str(path), "--db", url)
    return path.read_bytes()


def test_copy_to_neo4j_and_back_exports_the_same_bytes(tmp_path: Path, neo4j_url: str) -> None:
    a, c = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'c.db'}"
    with bootstrap(a, clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC)) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        ensure_demo_users(services, SYSTEM_ACTOR)
        odd = Person(id="p-odd", name='Zoë "Z" <b>O\'Neil</b> — 测试', address="1 Ünïcode Way\nFlat 2")
        services.data.import_dataset(SYSTEM_ACTOR, Dataset(people=[odd]), source="test")

    copied_in = _netmap("copy", a, neo4j_url)
    copied_out = _netmap("copy", neo4j_url, c)

    original = _export(a, tmp_path / "a.json")
    assert b"p-odd" in original and "1 Ünïcode Way".encode() in original
    assert _export(c, tmp_path / "c.json") == original
    assert _export(neo4j_url, tmp_path / "b.json") == original
    summary = copied_in.splitlines()[0]  # "Copied N records and M audit events from SRC to DST."
    assert summary.startswith("Copied ") and "Copied 0 records" not in summary
    assert summary.split(" from ")[0] == copied_out.splitlines()[0].split(" from ")[0]
    assert copied_in.splitlines()[1:] == copied_out.splitlines()[1:]  # the same count per table
    password = parse_url(neo4j_url).password
    assert password and password not in copied_in + copied_out
