"""Every export imports back with one command, `toll import-export FILE`, in each format."""

import pytest
from sqlalchemy import select

from filled_store import fill
from toll.errors import TollError
from toll.exports import FORMATS, export, export_table
from toll.exports.reimport import export_kind, import_export
from toll.families import unrelate
from toll.incidents import add_incident
from toll.model import Incident, Record, Relation
from toll.store import Store

SUFFIX = {"csv": ".csv", "hxl": ".csv", "xlsx": ".xlsx", "json": ".json"}
COMPARED = ("title", "place", "country", "latitude", "longitude", "date_text", "description")


@pytest.fixture
def filled(store, tmp_path):
    fill(store, tmp_path)
    with store.session() as session:
        add_incident(session, "Night of the shelling", place="Northfield", when="12 January 2021",
                     parent=session.scalar(select(Incident.id)))  # fmt: skip
    return store


@pytest.fixture
def empty(tmp_path):
    again = Store.open(f"sqlite:///{tmp_path / 'again.db'}", actor="tester")
    yield again
    again.close()


def _incidents(session) -> list[tuple]:
    rows = session.scalars(select(Incident).order_by(Incident.id))
    by_id = {i.id: i for i in rows}
    return sorted(
        (*(getattr(i, c) for c in COMPARED), by_id[i.parent_id].title if i.parent_id else None)
        for i in by_id.values()
    )


def _write(store, what: str, format: str, folder, public: bool = False):
    path = folder / f"{what}{SUFFIX[format]}"
    with store.session() as session:
        export(session, what, format, path, public)
    return path


@pytest.mark.parametrize("format", FORMATS)
def test_an_incidents_export_imports_with_its_parents_and_once(filled, empty, tmp_path, format):
    path = _write(filled, "incidents", format, tmp_path)
    assert export_kind(path) == "incidents"
    with empty.session() as session:
        first = import_export(session, path)
        again = import_export(session, path)
        imported = _incidents(session)
    with filled.session() as session:
        assert imported == _incidents(session)
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("what", ["records", "persons"])
def test_records_and_persons_exports_import_as_lists(filled, empty, tmp_path, what, format):
    path = _write(filled, what, format, tmp_path)
    with filled.session() as session:
        rows = len(list(export_table(session, what)))
    with empty.session() as session:
        result = import_export(session, path)
        assert (result.kind, result.added) == (what, rows)
        assert len(session.scalars(select(Record)).all()) == rows
        assert import_export(session, path).added == 0  # the same file again: nothing new


@pytest.mark.parametrize("format", FORMATS)
def test_a_families_export_brings_back_a_relation_entered_by_hand(filled, tmp_path, format):
    path = _write(filled, "families", format, tmp_path)
    with filled.session() as session:
        relation = session.scalar(select(Relation))
        unrelate(session, relation.id, reason="test: taken back, to import it again")
    with filled.session() as session:
        assert import_export(session, path).added == 1
        standing = session.scalars(select(Relation).where(Relation.retracted_at.is_(None)))
        assert [(r.person_id, r.relative_id, r.kind) for r in standing] == [
            (relation.person_id, relation.relative_id, "parent")
        ]
        assert import_export(session, path).added == 0


def test_a_public_export_and_a_stranger_file_are_refused(filled, tmp_path):
    path = _write(filled, "records", "json", tmp_path, public=True)
    with pytest.raises(TollError, match="cannot restore it: it holds counts"):
        export_kind(path)
    stranger = tmp_path / "list.csv"
    stranger.write_text("Name,Born\nAli,1960\n", encoding="utf-8")
    with pytest.raises(TollError, match="list.csv: its columns .* no Toll export"):
        export_kind(stranger)


def test_cli_import_export(filled, db, tmp_path, toll):
    path = _write(filled, "incidents", "hxl", tmp_path)
    target = f"sqlite:///{tmp_path / 'cli.db'}"
    result = toll("import-export", path, "--db", target)
    assert result.exit_code == 0, result.stderr
    assert "incidents export, 2 rows; 2 added, 0 already in the store" in result.stdout
    result = toll("import-export", path, "--db", target, "--json")
    assert '"unchanged": 2' in result.stdout
    result = toll("import-export", tmp_path / "nothing.csv", "--db", target)
    assert result.exit_code == 1 and "no such file" in result.stderr
