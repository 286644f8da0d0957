"""Every export reads back as written; records and persons import again; public ones are safe."""

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from filled_store import fill
from toll.exports import EXPORTS, FORMATS, export, export_table, read_export
from toll.model import AuditEvent, Record
from toll.model.record import PERSON_FIELDS as RECORD_FIELDS
from toll.records.store import import_list
from toll.remains import RemainsDraft, add_remains
from toll.sources import SourceMetadata
from toll.store import Store

SUFFIX = {"csv": ".csv", "hxl": ".csv", "xlsx": ".xlsx", "json": ".json"}


@pytest.fixture
def filled(store, tmp_path):
    fill(store, tmp_path)
    with store.session() as session:  # remains of no case: only the remains export holds them
        add_remains(session, RemainsDraft(lab_reference="LAB-7", found_place="Eastport"))
    return store


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("what", EXPORTS)
def test_every_export_reads_back_as_it_was_written(filled, tmp_path, what, format):
    path = tmp_path / f"{what}{SUFFIX[format]}"
    with filled.session() as session:
        table = export_table(session, what)
        expected = [{k: _plain(v) for k, v in row.items()} for row in table]
        assert export(session, what, format, path) == len(expected) > 0
    assert read_export(path, table.columns) == expected


def test_hxl_puts_hashtags_under_the_header(filled, tmp_path):
    path = tmp_path / "claims.csv"
    with filled.session() as session:
        export(session, "claims", "hxl", path)
    header, tags, *_ = csv.reader(path.open(encoding="utf-8"))
    assert tags[header.index("value")] == "#affected+num"
    assert all(tag.startswith("#") for tag in tags)


def test_public_counts_use_hxl_status_tags(filled, tmp_path):
    path = tmp_path / "counts.csv"
    with filled.session() as session:
        export(session, "records", "hxl", path, public=True)
    header, tags, *_ = csv.reader(path.open(encoding="utf-8"))
    assert tags[header.index("killed")] == "#affected+killed"


@pytest.mark.parametrize("format", ["csv", "hxl", "xlsx", "json"])
def test_a_records_export_imports_again_with_the_same_values(filled, tmp_path, format):
    path = tmp_path / f"export{SUFFIX[format]}"
    with filled.session() as session:
        export(session, "records", format, path)
        before = _record_values(session)
    again = Store.open(f"sqlite:///{tmp_path / 'again.db'}", actor="tester")
    with again.session() as session:
        result = import_list(session, path, SourceMetadata())
        assert result.records == len(before)
        assert _record_values(session) == before
    again.close()


def _record_values(session) -> list[tuple]:
    records = session.scalars(select(Record).order_by(Record.source_id, Record.row_number))
    return sorted(tuple(getattr(r, f) for f in RECORD_FIELDS) for r in records)


def test_a_persons_export_imports_as_a_list(filled, tmp_path):
    path = tmp_path / "persons.csv"
    with filled.session() as session:
        count = export(session, "persons", "csv", path)
    again = Store.open(f"sqlite:///{tmp_path / 'again.db'}", actor="tester")
    with again.session() as session:
        assert import_list(session, path, SourceMetadata()).records == count == 3
        names = {r.full_name for r in session.scalars(select(Record))}
    again.close()
    assert names == {"Şəxs 1", "Şəxs 2", "Şəxs 3"}


def test_public_exports_hold_no_names_and_no_counts_under_5(filled, tmp_path):
    with filled.session() as session:
        names = {r.family_name for r in session.scalars(select(Record))} - {None}
        for what in ("records", "persons"):
            path = tmp_path / f"{what}.json"
            export(session, what, "json", path, public=True)
            text = path.read_text(encoding="utf-8")
            assert not any(name in text for name in names)
            rows = json.loads(text)
            counts = [v for row in rows for k, v in row.items() if k in ("killed", "missing")]
            assert counts and all(v is None or v == 0 or v >= 5 for v in counts)
            assert any(row["suppressed"] for row in rows)
            for status in ("killed", "missing", "alive"):  # totals published: none recoverable
                column = [row[status] for row in rows]
                assert column.count(None) != 1 or not any(column), (what, status, column)


def test_an_export_is_written_to_the_audit_trail(filled, tmp_path):
    with filled.session() as session:
        rows = export(session, "sources", "csv", tmp_path / "s.csv", public=True)
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    expected = ("export", "sources", f"{rows} rows, public csv")
    assert (event.action, event.entity, event.note) == expected


def test_cli_exports(filled, db, tmp_path, toll):
    result = toll("export", "claims", "--format", "hxl", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("#meta+id,")
    out = tmp_path / "e.xlsx"
    result = toll("export", "estimates", "--format", "xlsx", "-o", out, "--db", db)
    assert result.exit_code == 0 and Path(out).stat().st_size > 0
    result = toll("export", "records", "--format", "xlsx", "--db", db)
    assert result.exit_code == 1 and "--output FILE" in result.stderr


def test_cli_exports_the_remains_and_with_public_only_their_counts(filled, db, toll):
    result = toll("export", "remains", "--format", "json", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert [row["lab_reference"] for row in json.loads(result.stdout)] == ["LAB-7"]
    result = toll("export", "remains", "--format", "json", "--public", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "LAB-7" not in result.stdout and "Eastport" not in result.stdout
    assert [(row["figure"], row["count"]) for row in json.loads(result.stdout)] == [
        ("remains_recovered", None), ("remains_identified", 0), ("remains_unidentified", None)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "kind"),
    [("e.json", "json"), ("e.XLSX", "xlsx"), ("e.hxl.csv", "hxl"), ("e.csv", "csv"), ("e", "csv")],
)
def test_cli_export_takes_its_format_from_the_output_name(filled, db, tmp_path, toll, name, kind):
    out = tmp_path / name
    result = toll("export", "claims", "-o", out, "--db", db)
    assert result.exit_code == 0, result.stderr
    if kind == "xlsx":
        assert out.read_bytes()[:2] == b"PK"
    else:
        text = out.read_text(encoding="utf-8")
        assert text.lstrip().startswith(("[", "{")) == (kind == "json")
        assert (text.splitlines()[1].startswith("#meta+id,")) == (kind == "hxl")
    assert toll("import-export", out, "--db", db).exit_code == 0
