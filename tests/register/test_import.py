"""`toll import`: lists become records of a source, all or nothing, idempotent."""

import json

from sqlalchemy import func, select

from lists import write_az, write_en, write_ru
from toll.model import AuditEvent, Record, Source
from toll.names import place_key


def test_import_keeps_the_file_and_every_row(toll, db, tmp_path, store):
    path = write_ru(tmp_path / "ministry.csv", range(12))
    result = toll("import", path, "--source-title", "Ministry list", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["created"] and summary["records"] == 12
    assert summary["columns"]["Фамилия"] == "family_name"
    with store.session() as session:
        source = session.scalar(select(Source))
        records = session.scalars(select(Record).order_by(Record.row_number)).all()
        imports = session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).all()
    assert source.kind == "list" and source.title == "Ministry list"
    assert [r.row_number for r in records] == list(range(1, 13))
    first = records[0]
    names = (first.family_name, first.given_name, first.patronymic)
    assert names == ("Мамедов", "Али", "Гасанович")
    assert first.sex == "male" and first.birth_year == 1961 and first.status == "killed"
    assert first.original["Место гибели"] == "Ходжалы"
    assert first.place_key == place_key("Xocalı") == place_key("Khojaly")
    assert len(imports) == 1 and imports[0].after["records"] == 12


def test_importing_the_same_file_twice_changes_nothing(toll, db, tmp_path, store):
    path = write_az(tmp_path / "families.csv", range(6))
    assert toll("import", path, "--db", db).exit_code == 0
    again = toll("import", path, "--db", db, "--json")
    assert json.loads(again.stdout)["created"] is False
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Record)) == 6
        assert session.scalar(select(func.count()).select_from(Source)) == 1


def test_dry_run_writes_nothing(toll, db, tmp_path, store):
    path = write_en(tmp_path / "ngo.csv", range(5))
    result = toll("import", path, "--dry-run", "--db", db)
    assert result.exit_code == 0 and "ngo.csv" in result.stdout
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Record)) == 0


def test_a_bad_list_leaves_the_store_as_it_was(toll, db, tmp_path, store):
    bad = tmp_path / "bad.csv"
    bad.write_text("Colour,Size\nred,3\n", encoding="utf-8")
    result = toll("import", bad, "--db", db)
    assert result.exit_code == 1 and "bad.csv" in result.stderr
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 0
