"""``copy_store`` and ``netmap copy``: SQLite -> FalkorDB or Neo4j -> SQLite loses nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netmap.cli import app
from netmap.crypto import Keyring, new_key
from netmap.errors import UsageError
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.graph.transfer import copy_store
from netmap.models import RECORD_TYPES, AuditEvent, Grant, Network, Person, User

PHONE = "07700 900123"


def exported(store: GraphStore) -> dict[str, list[str]]:
    """Every record and audit event as JSON text, per table."""
    tables = {kind.table: [r.model_dump_json() for r in store.list(kind)] for kind in RECORD_TYPES}
    tables["audit"] = [e.model_dump_json() for e in store.audit_log()]
    return tables


def records_of(net: Network) -> list:
    return [*net.people, net.case, *net.memberships, *net.kin, *net.ties]


def seeded_sqlite(path: Path, make_case: Callable[..., Network]) -> str:
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        records = [*records_of(make_case("c-1")), *records_of(make_case("c-2"))]
        records += [User(id="coord.amy", role="coordinator"), Grant.make("coord.amy", "c-1")]
        at = datetime(2025, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
        audit = [
            AuditEvent(
                at=at,
                actor="coord.amy",
                action="create",
                entity="case",
                entity_id="c-1",
                case_id="c-1",
                after={"z": 1, "a": ["Zoë", "<b>"]},
            ),
            AuditEvent(
                at=at,
                actor="coord.amy",
                action="view",
                entity="person",
                entity_id="c-1-nan",
                outcome="denied",
            ),
        ]
        store.apply(WriteBatch(puts=[Put(r) for r in records], audit=audit))
    return url


CYPHER_SERVERS = [
    pytest.param("falkordb", marks=pytest.mark.falkordb),
    pytest.param("neo4j", marks=pytest.mark.neo4j),
]


@pytest.fixture(params=CYPHER_SERVERS)
def cypher_url(request: pytest.FixtureRequest) -> str:
    """An empty store on a real FalkorDB or Neo4j server."""
    return str(request.getfixturevalue(f"{request.param}_url"))


def test_sqlite_to_a_cypher_store_to_sqlite_is_lossless(
    tmp_path: Path, cypher_url: str, make_case: Callable[..., Network]
) -> None:
    src_url = seeded_sqlite(tmp_path / "a.db", make_case)
    with (
        open_store(src_url) as src,
        open_store(cypher_url) as middle,
        open_store(f"sqlite:///{tmp_path / 'b.db'}") as back,
    ):
        counts = copy_store(src, middle)
        assert counts == src.counts() == middle.counts()
        assert counts["person"] == 10 and counts["audit"] == 2
        copy_store(middle, back)
        assert exported(src) == exported(middle) == exported(back)
        assert back.check() == [] and middle.check() == []
        assert middle.get_network("c-1") == src.get_network("c-1")


def test_copy_into_a_store_that_is_not_empty_writes_nothing(
    tmp_path: Path, cypher_url: str, make_case: Callable[..., Network]
) -> None:
    src_url = seeded_sqlite(tmp_path / "a.db", make_case)
    with open_store(src_url) as src, open_store(cypher_url) as dst:
        dst.append_audit(
            [AuditEvent(at=datetime.now(UTC), actor="x", action="note", entity="store", entity_id="-")]
        )
        with pytest.raises(UsageError, match="not empty"):
            copy_store(src, dst)
        assert dst.counts()["person"] == 0
        with pytest.raises(UsageError, match="onto itself"):
            copy_store(src, src)


def test_cli_copy_prints_counts(tmp_path: Path, cypher_url: str, make_case: Callable[..., Network]) -> None:
    src_url = seeded_sqlite(tmp_path / "a.db", make_case)
    result = CliRunner().invoke(app, ["copy", src_url, cypher_url])
    assert result.exit_code == 0, result.output
    assert "Copied 36 records and 2 audit events" in result.stdout
    assert "  person: 10" in result.stdout
    again = CliRunner().invoke(app, ["copy", src_url, cypher_url])
    assert again.exit_code == 1 and "is not empty" in again.stderr and "Traceback" not in again.output


def _stored_texts(store: GraphStore) -> list[str]:
    """The records as the store beneath the encryption holds them (sealed values as sealed)."""
    assert isinstance(store, EncryptedStore)
    return [record.model_dump_json() for kind in RECORD_TYPES for record in store.inner.each(kind)]


@pytest.fixture
def phone_source(tmp_path: Path, make_case: Callable[..., Network]) -> Iterator[EncryptedStore]:
    """A seeded SQLite store that also holds a restricted value: Pat's phone, ``PHONE``."""
    with open_store(seeded_sqlite(tmp_path / "a.db", make_case)) as src:
        src.apply(WriteBatch(puts=[Put(Person(id="p-phone", name="Pat", phone=PHONE))]))
        assert isinstance(src, EncryptedStore)
        yield src


def test_sqlite_to_sqlite_under_one_key_copies_the_rows_as_stored(
    tmp_path: Path, phone_source: EncryptedStore
) -> None:
    src = phone_source
    with open_store(f"sqlite:///{tmp_path / 'b.db'}") as dst:
        counts = copy_store(src, dst)
        assert counts == src.counts() == dst.counts()
        assert exported(dst) == exported(src)  # audit seals included: one key, the same seals
        assert dst.check() == []
        assert dst.get(Person, "p-phone") == src.get(Person, "p-phone")
        # The sealed values are the source's own: nothing was opened and sealed again.
        assert _stored_texts(dst) == _stored_texts(src)
        assert PHONE not in "".join(_stored_texts(dst))


def test_sqlite_to_sqlite_under_a_newer_key_seals_every_value_again(
    tmp_path: Path, phone_source: EncryptedStore
) -> None:
    src = phone_source
    newer = Keyring([new_key(), *src.keys.material()])
    with open_store(f"sqlite:///{tmp_path / 'b.db'}", keys=newer) as dst:
        assert copy_store(src, dst) == src.counts()
        assert dst.get(Person, "p-phone") == src.get(Person, "p-phone")
        assert dst.check() == []  # every value under the newest key, the trail sealed with it
        assert isinstance(dst, EncryptedStore)
        sealed = dst.inner.get(Person, "p-phone")
        assert sealed is not None and sealed.phone.startswith("enc1:")
        assert Keyring(newer.material()[:1]).open(sealed.phone) == PHONE
