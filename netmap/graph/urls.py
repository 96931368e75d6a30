"""Store URLs: the SQLite file a URL names, and a URL fit to show (password hidden)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from netmap.errors import UsageError

__all__ = ["MEMORY_URL", "redact_url", "sqlite_path"]

MEMORY_URL = "sqlite:///:memory:"


def sqlite_path(url: str) -> str:
    """The file path in a ``sqlite:///`` URL: three slashes then a relative path, four for an absolute one.

    >>> sqlite_path("sqlite:///data/netmap.db"), sqlite_path("sqlite:////srv/netmap.db")
    ('data/netmap.db', '/srv/netmap.db')
    >>> sqlite_path("sqlite:///:memory:")
    ':memory:'
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise UsageError(
            f"{url!r} is not a SQLite URL: use sqlite:///relative/path.db or sqlite:////absolute/path.db."
        )
    return url[len(prefix) :]


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***``, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
