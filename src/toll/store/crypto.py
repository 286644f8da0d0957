"""Encryption at rest: the store's data key, and how a passphrase, a recovery key or an age
identity unlock it.

Every encrypted store has one random 256-bit *data key*:
- a SQLite store is a SQLCipher file keyed with it (raw key, so SQLCipher's own key derivation is
  skipped); the originals, kept inside the store, are encrypted with it like every other row;
- a PostgreSQL store encrypts its restricted fields with it (AES-GCM, `toll.store.fields`).

The data key is never stored in the clear. A small plaintext *key header* (JSON) holds it wrapped
(AES-GCM) with a key derived from the passphrase by argon2id, with the salt and the argon2id
settings, and optionally wrapped with age to public keys. For SQLite it is the file
`<store>.key` beside the store; for PostgreSQL a row of the table `store_keys`. The *recovery
key* printed at creation is the data key itself, written in base32: it opens the store even
when the key header is lost. `toll key rotate` makes a new data key (and recovery key).
"""

import base64
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from toll.errors import TollError

PASSPHRASE_ENV = "TOLL_PASSPHRASE"
PASSPHRASE_FILE_ENV = "TOLL_PASSPHRASE_FILE"
IDENTITY_ENV = "TOLL_IDENTITY"  # an age identity file that unlocks the store
KEY_SUFFIX = ".key"
ROTATING_SUFFIX = ".key.new"  # a rotation under way: the new header, until the store is re-keyed
SQLITE_MAGIC = b"SQLite format 3\x00"
WRAP_CONTEXT = b"toll data key v1"
# argon2id settings (RFC 9106's second recommendation: 64 MiB, 3 passes)
KDF = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}


class Locked(TollError):
    """The store could not be unlocked: no key given, or a wrong one."""

    exit_code = 2


@dataclass
class KeyHeader:
    """What unlocks a data key: it wrapped with a passphrase and, optionally, to age keys."""

    key_id: str  # a hash of the data key: tells a right key from a wrong one at once
    salt: bytes
    nonce: bytes
    wrapped: bytes
    kdf: dict = field(default_factory=lambda: dict(KDF))
    age: bytes | None = None  # the data key encrypted with age to the recipients
    recipients: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        data = {
            "toll_key_header": 1,
            "key_id": self.key_id,
            "kdf": {"name": "argon2id", **self.kdf, "salt": _b64(self.salt)},
            "passphrase": {
                "cipher": "AES-256-GCM",
                "nonce": _b64(self.nonce),
                "wrapped": _b64(self.wrapped),
            },
        }
        if self.age:
            data["age"] = {"recipients": self.recipients, "wrapped": _b64(self.age)}
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, label: str) -> "KeyHeader":
        try:
            data = json.loads(text)
            kdf = dict(data["kdf"])
            if kdf.pop("name") != "argon2id" or data.get("toll_key_header") != 1:
                raise ValueError("unknown kind of key header")
            age = data.get("age") or {}
            return cls(
                key_id=data["key_id"],
                salt=_unb64(kdf.pop("salt")),
                nonce=_unb64(data["passphrase"]["nonce"]),
                wrapped=_unb64(data["passphrase"]["wrapped"]),
                kdf={name: int(kdf[name]) for name in KDF},
                age=_unb64(age["wrapped"]) if age else None,
                recipients=list(age.get("recipients", [])),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise TollError(
                f"{label} is not a Toll key header ({error}); it cannot be read"
            ) from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


def key_id(data_key: bytes) -> str:
    return hashlib.sha256(b"toll key id\x00" + data_key).hexdigest()[:16]


_DERIVED: dict[tuple, bytes] = {}  # (passphrase, salt, settings) -> key, for this process


def derive(passphrase: str, salt: bytes, kdf: dict) -> bytes:
    """The 256-bit key argon2id derives from the passphrase and salt."""
    cache_key = (hashlib.sha256(passphrase.encode()).digest(), salt, tuple(sorted(kdf.items())))
    if cache_key not in _DERIVED:
        _DERIVED[cache_key] = hash_secret_raw(
            passphrase.encode(), salt, hash_len=32, type=Type.ID, **kdf
        )
    return _DERIVED[cache_key]


def new_header(data_key: bytes, passphrase: str, recipients: Sequence[str] = ()) -> KeyHeader:
    """A key header in which `passphrase` (and the age `recipients`) unlock `data_key`."""
    check_new_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(derive(passphrase, salt, KDF)).encrypt(nonce, data_key, WRAP_CONTEXT)
    header = KeyHeader(key_id(data_key), salt, nonce, wrapped)
    if recipients:
        import pyrage

        header.age = pyrage.encrypt(data_key, [age_recipient(text) for text in recipients])
        header.recipients = [text.strip() for text in recipients]
    return header


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < 8:
        raise TollError("the passphrase is too short: give at least 8 characters (a few words)")


def unlock(header: KeyHeader, secret: "Secret", label: str) -> bytes:
    """The data key, from the passphrase, the recovery key or an age identity; else one line."""
    if secret.identity is not None and header.age:
        data_key = _unlock_age(header, secret.identity)
        if data_key is not None:
            return data_key
    if secret.text is not None:
        recovered = parse_recovery_key(secret.text)
        if recovered is not None and key_id(recovered) == header.key_id:
            return recovered
        kek = derive(secret.text, header.salt, header.kdf)
        try:
            return AESGCM(kek).decrypt(header.nonce, header.wrapped, WRAP_CONTEXT)
        except InvalidTag:
            pass
    raise wrong_key(label, secret)


def wrong_key(label: str, secret: "Secret") -> Locked:
    given = "identity" if secret.text is None else "passphrase or recovery key"
    return Locked(
        f"cannot open {label}: wrong {given}; nothing was opened — give the store's passphrase "
        f"(${PASSPHRASE_ENV}, ${PASSPHRASE_FILE_ENV} or --passphrase-file) or its recovery key"
    )


def _unlock_age(header: KeyHeader, identity: Path) -> bytes | None:
    import pyrage

    try:
        data_key = pyrage.decrypt(header.age, read_identities(identity))
    except pyrage.DecryptError:
        return None
    return data_key if key_id(data_key) == header.key_id else None


# The recovery key: the data key in base32, in groups of four letters or digits.
def recovery_key(data_key: bytes) -> str:
    text = base64.b32encode(data_key).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The data key a recovery key writes, or None if `text` is not one."""
    letters = "".join(text.split()).replace("-", "").upper()
    if len(letters) != 52:
        return None
    try:
        return base64.b32decode(letters + "====")
    except ValueError:
        return None


# Where the secret comes from: the environment, a file, or a person asked for it.
@dataclass
class Secret:
    text: str | None = None  # a passphrase or a recovery key
    identity: Path | None = None  # an age identity file


_given: Secret | None = None
_asker: Callable[[str], str] | None = None


def give_secret(text: str | None = None, identity: Path | None = None) -> None:
    """Use this passphrase (or recovery key) or age identity for the stores opened from now on."""
    global _given
    _given = Secret(text, identity)


def forget() -> None:
    """Forget the secret given (and the keys derived) in this process."""
    global _given
    _given = None
    _DERIVED.clear()


def set_asker(ask: Callable[[str], str] | None) -> None:
    """How to ask a person for the passphrase (the CLI's hidden prompt), when none was given."""
    global _asker
    _asker = ask


def secret_for(label: str, ask: bool = True) -> Secret | None:
    """The secret given for this process; else asked for; else one line saying how to give it
    (with ask=False: None instead of asking or saying)."""
    global _given
    if _given is not None:
        return _given
    identity = os.environ.get(IDENTITY_ENV)
    if os.environ.get(PASSPHRASE_ENV):
        return Secret(os.environ[PASSPHRASE_ENV], Path(identity) if identity else None)
    if os.environ.get(PASSPHRASE_FILE_ENV):
        return Secret(read_passphrase(Path(os.environ[PASSPHRASE_FILE_ENV])))
    if identity:
        return Secret(None, Path(identity))
    if not ask:
        return None
    if _asker is not None:
        _given = Secret(_asker(f"Passphrase for {label}"))
        return _given
    raise Locked(
        f"cannot open {label}: it needs its passphrase — give it in ${PASSPHRASE_ENV}, in a file "
        f"named by ${PASSPHRASE_FILE_ENV} or --passphrase-file (or give its recovery key, or an "
        f"age identity in ${IDENTITY_ENV})"
    )


def read_passphrase(path: Path) -> str:
    """The passphrase in a file (its first line, without the line break)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise TollError(f"cannot read passphrase file {path}: {error.strerror}") from None
    if not lines or not lines[0]:
        raise TollError(f"passphrase file {path} is empty: write the passphrase on its first line")
    return lines[0]


def age_recipient(text: str):
    """An age public key (age1…) or an SSH public key (ssh-…), read by pyrage."""
    import pyrage

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


def read_identities(path: Path) -> list:
    """The age secret keys (AGE-SECRET-KEY-…) or SSH private key in an identity file."""
    import pyrage

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
