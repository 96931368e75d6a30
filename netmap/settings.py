"""netmap's settings: the one reader of the environment (``NETMAP_*``), and the store key they name.

``NETMAP_DB`` names the store, ``NETMAP_SECRET_KEY`` its field-encryption keys (comma-separated,
newest first), ``NETMAP_NEW_PASSWORD`` the password for ``netmap users add``. The bootstrap builds
a ``Settings`` and hands what it holds down; nothing below reads the environment.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from netmap.crypto import KEY_ENV, Keyring
from netmap.errors import UsageError
from netmap.graph.urls import MEMORY_URL, sqlite_path

__all__ = ["DEFAULT_URL", "Settings", "demo_key_path", "export_line"]

DEFAULT_URL = "sqlite:///netmap.db"
log = logging.getLogger(__name__)


def demo_key_path(url: str) -> Path | None:
    """Where ``netmap demo`` keeps its demo-only key for the SQLite store at ``url``: ``<file>.key``.

    >>> demo_key_path("sqlite:///netmap.db"), demo_key_path("falkordb://localhost:6379/netmap")
    (PosixPath('netmap.db.key'), None)
    """
    if not url.startswith("sqlite:") or url == MEMORY_URL:
        return None
    return Path(sqlite_path(url) + ".key")


def export_line(key_file: Path) -> str:
    """The shell line that puts a demo key file's key in the environment."""
    return f"export {KEY_ENV}=$(cat {key_file})"


_WARNED: set[Path] = set()


def _warn_once(key_file: Path) -> None:
    if key_file in _WARNED:
        return
    _WARNED.add(key_file)
    log.warning(
        "Using the demo-only key in %s (made by netmap demo); for real data set %s (see docs/security.md). "
        "To set this key yourself: %s",
        key_file,
        KEY_ENV,
        export_line(key_file),
    )


class Settings(BaseSettings):
    """Everything netmap takes from its environment."""

    model_config = SettingsConfigDict(env_prefix="NETMAP_", extra="ignore")

    db: str = DEFAULT_URL
    secret_key: SecretStr | None = None
    new_password: SecretStr | None = None
    idle_seconds: int = Field(
        default=30 * 60, ge=2, description="an idle app session is signed out after this"
    )

    def store_url(self, override: str | None = None) -> str:
        """The store to open: ``--db`` when given, else ``NETMAP_DB``, else ``sqlite:///netmap.db``."""
        return override or self.db

    def keyring(self, url: str) -> Keyring:
        """The keys for the store at ``url``.

        ``NETMAP_SECRET_KEY`` when set. Otherwise an in-memory store gets a fresh key (it never
        outlives the process), and a SQLite file with a demo key beside it (made by ``netmap demo``)
        uses that key, with a warning: a key kept beside the data protects nothing on a stolen disk,
        which is acceptable for invented demo data only. Anything else is refused with the line to
        run.
        """
        if self.secret_key is not None and self.secret_key.get_secret_value().strip():
            return Keyring(self.secret_key.get_secret_value().split(","))
        if url == MEMORY_URL:
            return Keyring.generate()
        key_file = demo_key_path(url)
        if key_file is not None and key_file.exists():
            _warn_once(key_file)
            return Keyring([key_file.read_text(encoding="ascii").strip()])
        raise UsageError(
            f"Set {KEY_ENV} to the store's encryption key (make one with: netmap keys new); "
            "netmap will not show or write restricted details without it."
        )
