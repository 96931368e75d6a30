"""Field encryption keys: the ``NETMAP_SECRET_KEY`` keyring, Fernet tokens and key rotation."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Sequence
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from netmap.errors import StoreUnavailable, UsageError

__all__ = ["KEY_ENV", "PREFIX", "Keyring", "is_sealed", "new_key", "write_demo_key"]

KEY_ENV = "NETMAP_SECRET_KEY"
PREFIX = "enc1:"  # a sealed value: this, then a Fernet token


def new_key() -> str:
    """A fresh Fernet key as text, fit for ``NETMAP_SECRET_KEY``.

    >>> len(new_key())
    44
    """
    return Fernet.generate_key().decode("ascii")


def is_sealed(value: str) -> bool:
    """Whether ``value`` is an encrypted field value.

    >>> is_sealed("enc1:gAAAA..."), is_sealed("12 Example Road"), is_sealed("")
    (True, False, False)
    """
    return value.startswith(PREFIX)


class Keyring:
    """The field keys, newest first: seal with the newest, open with any.

    >>> ring = Keyring([new_key()])
    >>> sealed = ring.seal("07700 900123")
    >>> sealed.startswith("enc1:"), ring.open(sealed)
    (True, '07700 900123')
    >>> ring.seal("")
    ''
    """

    def __init__(self, keys: Sequence[str]) -> None:
        keys = [key.strip() for key in keys if key.strip()]
        if not keys:
            raise UsageError(f"{KEY_ENV} holds no key; make one with: netmap keys new.")
        self._keys = tuple(keys)
        try:
            self._fernets = [Fernet(key.encode("ascii")) for key in keys]
        except (ValueError, UnicodeEncodeError):
            raise UsageError(
                f"{KEY_ENV} holds something that is not a Fernet key (44 characters of url-safe base64); "
                "make one with: netmap keys new."
            ) from None
        self._multi = MultiFernet(self._fernets)

    def __repr__(self) -> str:
        return f"Keyring({len(self._fernets)} key{'s' if len(self._fernets) != 1 else ''})"

    def fingerprints(self) -> tuple[str, ...]:
        """A short public name for each key, newest first (an HMAC under the key: it reveals nothing).

        >>> ring = Keyring([new_key()])
        >>> len(ring.fingerprints()[0]), ring.fingerprints() == Keyring(ring.material()).fingerprints()
        (16, True)
        """
        return tuple(self.derive(index, "fingerprint").hex()[:16] for index in range(len(self._keys)))

    def derive(self, index: int, purpose: str) -> bytes:
        """A key for ``purpose`` (sealing the audit trail, a backup's MAC) from key ``index`` of the ring."""
        return hmac.new(
            self._keys[index].encode("ascii"), f"netmap {purpose} v1".encode(), hashlib.sha256
        ).digest()

    def index_of(self, fingerprint: str) -> int | None:
        """Which key of the ring has ``fingerprint`` (None: none of them)."""
        found = self.fingerprints()
        return found.index(fingerprint) if fingerprint in found else None

    def material(self) -> tuple[str, ...]:
        """The keys as text, newest first: what another process needs to build the same keyring.

        Key objects are never sent between processes (cryptography 51 cannot pickle them); the
        text is, over a pipe and never on a command line.

        >>> ring = Keyring([new_key(), new_key()])
        >>> Keyring(ring.material()).material() == ring.material()
        True
        """
        return self._keys

    @classmethod
    def generate(cls) -> Keyring:
        """A keyring with one fresh key (for in-memory stores, which never outlive the process)."""
        return cls([new_key()])

    def seal(self, text: str) -> str:
        """``text`` encrypted with the newest key; empty text stays empty so "none recorded" shows."""
        if not text:
            return text
        return PREFIX + self._fernets[0].encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, value: str) -> str:
        """The plaintext of a sealed value; plaintext written before encryption passes through."""
        if not is_sealed(value):
            return value
        try:
            return self._multi.decrypt(value[len(PREFIX) :].encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise StoreUnavailable(
                f"A restricted detail cannot be decrypted with the keys in {KEY_ENV}: the key is wrong, "
                "or an old key was removed before every record was re-encrypted (netmap keys rotate)."
            ) from None

    def reseal(self, value: str) -> str:
        """``value`` (sealed or plaintext) sealed again with the newest key."""
        if not value:
            return value
        if not is_sealed(value):
            return self.seal(value)
        self.open(value)
        return PREFIX + self._multi.rotate(value[len(PREFIX) :].encode("ascii")).decode("ascii")

    def is_newest(self, value: str) -> bool:
        """Whether a sealed ``value`` already opens with the newest key."""
        try:
            self._fernets[0].decrypt(value[len(PREFIX) :].encode("ascii"))
        except InvalidToken:
            return False
        return True


def write_demo_key(path: Path) -> bool:
    """Create the demo's key file at ``path`` (owner-only) unless it exists; True if it was made.

    Only ``netmap demo`` calls this: a key beside the data protects nothing on a stolen disk,
    which is acceptable for synthetic demo data and for nothing else.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as handle:
        handle.write(new_key() + "\n")
    return True
