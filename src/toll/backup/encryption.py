"""Encrypting a backup with age (through pyrage): to a passphrase or to recipients' public keys.

Toll does no cryptography of its own. A passphrase uses age's scrypt recipient; a recipient is
an age public key (`age1…`) or an SSH public key (`ssh-ed25519 …`, `ssh-rsa …`). age encryption
is authenticated: an encrypted archive that was changed by even one byte does not decrypt.
The archive is encrypted in memory, so no unencrypted copy is ever written to disk.
"""

from collections.abc import Sequence
from pathlib import Path

import pyrage

from toll.errors import TollError
from toll.store.crypto import age_recipient, read_identities, read_passphrase

__all__ = ["decrypt", "encrypt", "is_encrypted", "read_identities", "read_passphrase"]

AGE_HEADERS = (b"age-encryption.org/v1", b"-----BEGIN AGE ENCRYPTED FILE-----")


def is_encrypted(head: bytes) -> bool:
    """Whether bytes that start a file are an age-encrypted file."""
    return head.lstrip().startswith(AGE_HEADERS)


def encrypt(data: bytes, *, passphrase: str | None, recipients: Sequence[str]) -> bytes:
    """The age encryption of `data`, to the recipients if any are given, else to the passphrase."""
    if recipients:
        return pyrage.encrypt(data, [age_recipient(text) for text in recipients])
    if not passphrase:
        raise TollError("--encrypt needs a passphrase (--passphrase-file) or --recipient KEY")
    return pyrage.passphrase.encrypt(data, passphrase)


def decrypt(data: bytes, label: str, *, passphrase: str | None, identity: Path | None) -> bytes:
    """The plain archive inside an encrypted one; a clear error when it cannot be opened."""
    if identity is None and not passphrase:
        raise TollError(
            f"{label} is encrypted: give its passphrase (--passphrase-file) or the key it was "
            "encrypted to (--identity FILE)"
        )
    try:
        if identity is not None:
            return pyrage.decrypt(data, read_identities(identity))
        return pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError as error:
        raise TollError(
            f"{label} cannot be decrypted: wrong passphrase or key, or the archive was changed "
            f"or damaged ({error})"
        ) from None
