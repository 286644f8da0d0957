"""Sealed text: a restricted field Toll encrypts itself (AES-256-GCM) when the store has a field
key, so that a dump of the database (pg_dump) does not reveal it.

The key belongs to one engine: `toll.store.fields` unlocks it when the store opens and sets it
on the engine's dialect. A value written without a key stays plain text; one written with it is
`toll-sealed:1:` followed by the base64 of nonce and ciphertext. Reading a sealed value without
the key gives `[sealed]`, never the ciphertext as if it were a name.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

PREFIX = "toll-sealed:1:"
UNREADABLE = "[sealed]"
CONTEXT = b"toll sealed field v1"


def field_key_of(dialect) -> bytes | None:
    return getattr(dialect, "toll_field_key", None)


def seal(value: str, key: bytes) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, value.encode("utf-8"), CONTEXT)
    return PREFIX + base64.b64encode(nonce + sealed).decode()


def unseal(value: str, key: bytes | None) -> str:
    if not value.startswith(PREFIX):
        return value  # written before the store was sealed
    if key is None:
        return UNREADABLE
    data = base64.b64decode(value[len(PREFIX) :])
    try:
        return AESGCM(key).decrypt(data[:12], data[12:], CONTEXT).decode("utf-8")
    except InvalidTag:
        return UNREADABLE


class SealedText(TypeDecorator):
    """Text that is sealed in the database when the store has a field key."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        key = field_key_of(dialect)
        if value is None or key is None:
            return value
        return seal(value, key)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return unseal(value, field_key_of(dialect))


def sealed_columns(table) -> set[str]:
    """The names of a table's sealed columns."""
    return {column.name for column in table.c if isinstance(column.type, SealedText)}
