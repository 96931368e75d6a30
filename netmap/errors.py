"""One exception hierarchy for netmap; every message is one plain sentence for a person."""

from __future__ import annotations

__all__ = [
    "AccessDenied",
    "ConflictError",
    "ImportFailed",
    "NetmapError",
    "NotFound",
    "StoreUnavailable",
    "UsageError",
    "ValidationFailed",
    "WrongKey",
]


class NetmapError(Exception):
    """Base class: ``str(error)`` is a sentence fit to show a user."""


class UsageError(NetmapError):
    """The request itself is wrong (unknown option, bad URL)."""


class NotFound(NetmapError):
    pass


class AccessDenied(NetmapError):
    pass


class ConflictError(NetmapError):
    """A write was based on a stale version, or would create an id that exists."""

    def __init__(self, message: str, *, entity: str = "", entity_id: str = "") -> None:
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id


class ValidationFailed(NetmapError):
    """Input broke a rule; the message names the field."""


class ImportFailed(NetmapError):
    """An import file was refused; the message names the file, row and field. Nothing was written."""


class StoreUnavailable(NetmapError):
    """The store could not be reached or opened; the message names the URL without password."""


class WrongKey(StoreUnavailable):
    """The keys given are not the key the store was sealed with; nothing was read or written."""
