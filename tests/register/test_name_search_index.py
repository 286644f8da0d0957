"""SQLite's trigram index of names (migration 0013): kept by the store whatever writes the
records, and the register search finds through it exactly what it found reading every record,
in any script."""

import json
import random

import pytest
from sqlalchemy import literal, select, text

from lists import PERSONS, write_az, write_en, write_ru
from toll.model import Record
from toll.persons import lookup
from toll.persons.lookup import (
    PersonFilter,
    _indexed,
    _record_query,
    find_persons,
    find_similar_persons,
)
from toll.store import Store


@pytest.fixture
def linked(toll, db, tmp_path):
    write_az(tmp_path / "families.csv", range(0, 10))
    write_ru(tmp_path / "ministry.csv", range(2, 12))
    write_en(tmp_path / "ngo.csv", (0, 1, 3, 5, 7, 9, 11))
    for name in ("families.csv", "ministry.csv", "ngo.csv"):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    assert toll("link", "--db", db).exit_code == 0
    store = Store.open(db, actor="tester")
    if store.engine.dialect.name != "sqlite":
        store.close()
        pytest.skip("PostgreSQL searches through pg_trgm (migration 0009)")
    yield store
    store.close()


def _index_rows(session) -> dict[int, str]:
    return dict(session.execute(text("SELECT rowid, words FROM records_name_words")).all())


def _records_rows(session) -> dict[int, str]:
    rows = session.execute(select(Record.id, literal(" ") + Record.name_key))
    return {record_id: words for record_id, words in rows}


def test_the_index_holds_every_records_name_key_after_any_write(linked):
    with linked.session() as session:
        assert _indexed(session)
        assert _index_rows(session) == _records_rows(session)
        first = session.get(Record, 1)
        first.name_key = "zorbek " + (first.name_key or "")
        session.add(
            Record(source_id=first.source_id, row_number=999, original={}, name_key="qwerty ali")
        )
    with linked.session() as session:
        assert _index_rows(session) == _records_rows(session)
        assert _index_rows(session)[1].startswith(" zorbek ")
        assert [p.id for p in find_persons(session, PersonFilter(name="Zorbek"))] == [
            first.person_id
        ]


def test_migrated_store_has_the_index_and_its_triggers(linked):
    """A later migration that rebuilt `records` in batch mode would drop the triggers."""
    with linked.engine.connect() as connection:
        triggers = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'records'"
        ).scalars()
        assert {
            "records_name_words_insert",
            "records_name_words_update",
            "records_name_words_delete",
        } <= set(triggers)


def _words(session) -> list[str]:
    keys = session.scalars(select(Record.name_key).where(Record.name_key.isnot(None)))
    return sorted({word for key in keys for word in key.split()})


def _found(session, where: PersonFilter, indexed: bool) -> list[tuple[int, str]]:
    """The records `where` finds: through the index, or reading every record (as before)."""
    query = _record_query(where, session if indexed else None)
    query = query.with_only_columns(Record.id, Record.name_key)
    return list(session.execute(query.order_by(Record.id)))


@pytest.mark.parametrize("common", [lookup.COMMON, 1], ids=["rare names", "common names"])
def test_every_search_finds_what_reading_every_record_found(linked, monkeypatch, common):
    monkeypatch.setattr(lookup, "COMMON", common)  # past it, a name is looked for on records
    rng = random.Random(14)
    with linked.session() as session:
        words = _words(session)
        wanted = set()
        for word in words:
            wanted |= {word[:n] for n in range(1, len(word) + 1)}  # every beginning of a word
            start = rng.randrange(len(word))
            wanted.add(word[start : start + rng.randint(1, 4)])  # and pieces inside one
        wanted |= {f"{rng.choice(words)} {rng.choice(words)[:3]}" for _ in range(40)}
        wanted |= {value for person in PERSONS for value in person[:7]}  # as written
        assert len(wanted) > 100
        for name in sorted(wanted):
            where = PersonFilter(name=name)
            assert _found(session, where, True) == _found(session, where, False), name
        assert _found(session, PersonFilter(name="a"), False)  # the searches find some


def test_a_name_in_any_script_finds_the_same_person(linked):
    with linked.session() as session:
        found = {
            name: [p.id for p in find_persons(session, PersonFilter(name=name))]
            for name in ("Mamedov", "Məmmədov", "Мамедов")
        }
        assert found["Mamedov"] and found["Mamedov"] == found["Məmmədov"] == found["Мамедов"]
        similar = find_similar_persons(session, PersonFilter(name="Mamadof"))
        assert {p.id for p in similar} >= set(found["Mamedov"])


def test_the_cli_search_is_unchanged(toll, db, linked):
    shown = json.loads(toll("persons", "--name", "Məmmədov", "--db", db, "--json").stdout)
    assert shown and all("person_id" in p for p in shown)
