"""Sealed restricted fields: on a store Toll cannot encrypt as a whole (PostgreSQL), the
restricted fields (`toll.model.sealed.SealedText`: reporters' names and contacts) are encrypted
by Toll with AES-256-GCM, so a dump of the database does not reveal them.

The field key is a random data key, kept in the table `store_keys` wrapped with the passphrase
(argon2id) and optionally to age keys (`toll.store.crypto`), never in the clear. It is unlocked
when the store opens and held by the engine's dialect for this process only.
"""

import os

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.model import AuditEvent, Base, StoreKey
from toll.model.sealed import SealedText, field_key_of, seal, sealed_columns, unseal
from toll.store import crypto
from toll.store.bulk import update_rows
from toll.store.history import log_event

FIELDS = "fields"


def field_key(engine: Engine) -> bytes | None:
    """The field key this process unlocked for the store (None: its fields are not sealed)."""
    return field_key_of(engine.dialect)


def unlock_fields(engine: Engine, label: str) -> None:
    """Unlock the store's field key, if it has one, from the secret given; else one line."""
    if not inspect(engine).has_table("store_keys"):
        return
    with engine.connect() as connection:
        text = connection.scalar(select(StoreKey.header).where(StoreKey.name == FIELDS))
    if text is None:
        return
    header = crypto.KeyHeader.from_json(text, f"the key header of {label}")
    label = f"the store {label} (its restricted fields are sealed)"
    engine.dialect.toll_field_key = crypto.unlock(header, crypto.secret_for(label), label)


def seal_fields(session: Session, passphrase: str, recipients=()) -> str:
    """Seal the store's restricted fields behind `passphrase`; return the recovery key."""
    if session.get(StoreKey, FIELDS) is not None:
        raise TollError(
            "the store's restricted fields are already sealed: `toll key rotate` changes the key"
        )
    key = _new_key()
    header = crypto.new_header(key, passphrase, recipients)
    session.add(
        StoreKey(name=FIELDS, header=header.to_json(), created_by=session.info.get("actor"))
    )
    _reseal(session, key)
    return crypto.recovery_key(key)


def rotate_fields(session: Session, passphrase: str, recipients=None) -> str:
    """A new field key behind a new passphrase, every sealed field re-sealed with it."""
    row = session.get(StoreKey, FIELDS)
    if row is None or field_key(session.get_bind()) is None:
        raise TollError("the store's fields are not sealed: `toll init --encrypt` seals them")
    old = crypto.KeyHeader.from_json(row.header, "the store's key header")
    key = _new_key()
    keep = old.recipients if recipients is None else recipients
    row.header = crypto.new_header(key, passphrase, keep).to_json()
    _reseal(session, key)
    log_event(session, "rotate", "store_keys", note="a new field key; every sealed field re-sealed")
    return crypto.recovery_key(key)


def _new_key() -> bytes:
    return os.urandom(32)


def _sealed_tables():
    for table in Base.metadata.sorted_tables:
        columns = [column for column in table.c if isinstance(column.type, SealedText)]
        if columns:
            yield table, columns


def _reseal_history(session: Session, old: bytes | None, key: bytes) -> None:
    """The audit trail holds the sealed fields' values too: sealed again with `key`."""
    audit = AuditEvent.__table__
    sealed = {table.name: sealed_columns(table) for table, _ in _sealed_tables()}
    rows = session.connection().execute(
        select(audit.c.id, audit.c.entity, audit.c.before, audit.c.after).where(
            audit.c.entity.in_(list(sealed))
        )
    )
    changes = []
    for row in rows:
        names = sealed[row.entity]
        before, after = (_reseal_values(v, names, old, key) for v in (row.before, row.after))
        changes.append({"id": row.id, "before": before, "after": after})
    update_rows(session, audit, changes)


def _reseal_values(values, names, old, key):
    if not values:
        return values
    return {
        k: seal(unseal(v, old), key) if k in names and isinstance(v, str) else v
        for k, v in values.items()
    }


def _reseal(session: Session, key: bytes) -> None:
    """Read every sealed field with the key in use, then write it again with `key`."""
    dialect = session.get_bind().dialect
    tables = []
    for table, columns in _sealed_tables():
        (primary,) = table.primary_key.columns
        rows = session.execute(select(primary.label("_pk"), *columns)).mappings().all()
        tables.append((table, primary, columns, rows))
    previous = field_key_of(dialect)
    _reseal_history(session, previous, key)
    dialect.toll_field_key = key
    try:
        for table, primary, columns, rows in tables:
            values = [
                {primary.name: row["_pk"]} | {c.name: row[c.name] for c in columns} for row in rows
            ]
            update_rows(session, table, values)
        session.flush()
    except BaseException:
        dialect.toll_field_key = previous
        raise
