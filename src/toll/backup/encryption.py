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

AGE_HEADERS = (b"age-encryption.org/v1", b"-----BEGIN AGE ENCRYPTED FILE-----")


def is_encrypted(head: bytes) -> bool:
    """Whether bytes that start a file are an age-encrypted file."""
    return head.lstrip().startswith(AGE_HEADERS)


def _recipient(text: str):
    text = text.strip()
    try:
        if text.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(text)
        if text.startswith("ssh-"):
            return pyrage.ssh.Recipient.from_str(text)
    except pyrage.RecipientError as error:
        raise TollError(f"--recipient {text[:20]}…: not a valid public key ({error})") from None
    raise TollError(
        f"--recipient {text[:20]}…: give an age public key (age1…) or an SSH public key (ssh-…)"
    )


def encrypt(data: bytes, *, passphrase: str | None, recipients: Sequence[str]) -> bytes:
    """The age encryption of `data`, to the recipients if any are given, else to the passphrase."""
    if recipients:
        return pyrage.encrypt(data, [_recipient(text) for text in recipients])
    if not passphrase:
        raise TollError("--encrypt needs a passphrase (--passphrase-file) or --recipient KEY")
    return pyrage.passphrase.encrypt(data, passphrase)


def read_identities(path: Path) -> list:
    """The age secret keys (AGE-SECRET-KEY-…) or SSH private key in an identity file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TollError(f"cannot read identity file {path}: {error.strerror}") from None
    try:
        if "PRIVATE KEY" in text:
            return [pyrage.ssh.Identity.from_buffer(text.encode())]
        keys = [line.strip() for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-")]
        if keys:
            return [pyrage.x25519.Identity.from_str(key) for key in keys]
    except pyrage.IdentityError as error:
        raise TollError(f"identity file {path}: not a valid key ({error})") from None
    raise TollError(f"identity file {path} holds no age (AGE-SECRET-KEY-…) or SSH private key")


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


def read_passphrase(path: Path) -> str:
    """The passphrase in a file (its first line, without the line break)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise TollError(f"cannot read passphrase file {path}: {error.strerror}") from None
    if not lines or not lines[0]:
        raise TollError(f"passphrase file {path} is empty: write the passphrase on its first line")
    return lines[0]
