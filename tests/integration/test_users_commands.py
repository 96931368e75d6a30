"""`netmap users disable`, `enable` and `password`: the Accounts page's controls for a server run from a
shell, each audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from netmap.bootstrap import bootstrap
from netmap.cli import app
from netmap.models import User
from tests.conftest import copy_samples


@pytest.fixture
def sample_db(db_url: str, sample_store_file: Path) -> str:
    """A store of its own with the samples and the demo accounts."""
    return copy_samples(sample_store_file, db_url)


def test_an_account_switched_off_and_on_and_given_a_password_from_the_command_line(
    sample_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new password lets the account in; a short one is refused in a sentence."""
    runner = CliRunner()
    result = runner.invoke(app, ["users", "disable", "viewer", "--db", sample_db])
    assert (result.exit_code, result.stdout.strip()) == (0, "viewer can no longer sign in.")
    with bootstrap(sample_db) as services:
        user = services.store.get(User, "viewer")
        assert user is not None and not user.active
    assert runner.invoke(app, ["users", "enable", "viewer", "--db", sample_db]).exit_code == 0
    monkeypatch.setenv("NETMAP_NEW_PASSWORD", "a brand new passphrase")
    result = runner.invoke(app, ["users", "password", "viewer", "--db", sample_db])
    assert (result.exit_code, result.stdout.strip()) == (0, "viewer has a new password.")
    with bootstrap(sample_db) as services:
        assert services.users.authenticate("viewer", "a brand new passphrase").username == "viewer"
        actions = [e.action for e in services.store.audit_log(entity_id="viewer")]
    assert actions[-3:] == ["user.disable", "user.enable", "user.password_reset"]
    monkeypatch.setenv("NETMAP_NEW_PASSWORD", "short")
    result = runner.invoke(app, ["users", "password", "viewer", "--db", sample_db])
    assert result.exit_code == 1 and "10 characters" in result.stderr
