"""Fuzzed inputs for the readers that had no property tests: remains files, event datasets
(UCDP GED, ACLED), backup archives, statements in HTML and PDF. Whatever the bytes: no
traceback (only TollError, naming the file), and a refused file writes nothing."""

import os
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select, table

from documents import write_html, write_pdf
from incidents.event_files import ACLED_COLUMNS, GED_COLUMNS, ged_row, write
from toll.backup import backup_store, open_archive, restore_archive
from toll.errors import TollError
from toll.incidents import import_events
from toll.remains.store import import_remains
from toll.sources import SourceMetadata
from toll.sources.statements import add_statement
from toll.store import Store

EXAMPLES = int(os.environ.get("TOLL_FUZZ_EXAMPLES", "30"))  # CI: 30 a reader, bounded time
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def everything(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        return {n: connection.scalar(select(func.count()).select_from(table(n))) for n in names}


def refused_or_whole(store: Store, path: Path, read) -> None:
    """`read(session, path)` either stores the file or refuses it with a line naming it, and
    then the store holds exactly what it held."""
    before = everything(store)
    try:
        with store.session() as session:
            read(session, path)
    except TollError as refused:
        assert path.name in str(refused), str(refused)
        assert "\n" not in str(refused)
        assert everything(store) == before


cells = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["", "male", "F", "35-45", "40", "2019-08-21", "21.08.2019", "BK-1", "n/a"]),
)
REMAINS_HEADERS = ["Lab ref", "Sex", "Age", "Found", "Place", "Stature", "Marks", "Effects"]


@st.composite
def tables(draw, headers: list[str], min_columns: int = 1) -> bytes:
    header = draw(st.lists(st.sampled_from(headers), min_size=min_columns, max_size=7))
    rows = draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    text = "\n".join(delimiter.join(row) for row in [header, *rows])
    return text.encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1251"])), errors="replace")


@FUZZ
@given(content=st.one_of(tables(REMAINS_HEADERS), st.binary(max_size=300)))
def test_remains_files(store, tmp_path, content):
    path = tmp_path / "exhumation.csv"
    path.write_bytes(content)
    refused_or_whole(store, path, lambda s, p: import_remains(s, p, SourceMetadata()))


def ged_rows(draw) -> list[dict]:
    rows = []
    for event_id in range(draw(st.integers(0, 4))):
        row = ged_row(event_id + 1, "Ashford", "2014-06-02", 5, 2, 9)
        for column in draw(st.lists(st.sampled_from(GED_COLUMNS), max_size=4)):
            row[column] = draw(cells)
        rows.append(row)
    return rows


@st.composite
def event_files(draw, folder: Path) -> Path:
    path = folder / draw(st.sampled_from(["ged.csv", "acled.csv"]))
    if path.name == "ged.csv":
        columns = draw(st.permutations(GED_COLUMNS))
        columns = columns[: draw(st.integers(1, len(columns)))]
        rows = [{c: r[c] for c in columns} for r in ged_rows(draw)]
    else:
        columns = list(ACLED_COLUMNS)
        rows = [
            {c: draw(cells) for c in columns}
            | {"event_id_cnty": f"VAL{i}", "event_date": draw(cells), "fatalities": draw(cells)}
            for i in range(draw(st.integers(0, 4)))
        ]
    return write(path, columns, rows)


def test_a_lone_carriage_return_in_an_event_file_is_an_error_naming_the_file(store, tmp_path):
    """Found by the fuzzer: b"\\r!" was a csv traceback."""
    path = tmp_path / "events.csv"
    path.write_bytes(b"\r!")
    with pytest.raises(TollError, match="events.csv"), store.session() as session:
        import_events(session, path)


@FUZZ
@given(data=st.data())
def test_event_datasets(store, tmp_path, data):
    if data.draw(st.booleans()):
        path = data.draw(event_files(tmp_path))
    else:
        path = tmp_path / "events.csv"
        path.write_bytes(data.draw(st.binary(max_size=400)))
    refused_or_whole(store, path, lambda s, p: import_events(s, p))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("archive")
    store = Store.open(str(folder / "small.db"), actor="tester")
    lists = folder / "list.csv"
    lists.write_text("Full name,Age\nAli Mamedov,40\nSabina Aliyeva,33\n", encoding="utf-8")
    from toll.records.store import import_list

    with store.session() as session:
        import_list(session, lists, SourceMetadata())
    backup_store(store, folder / "small.zip")
    store.close()
    return (folder / "small.zip").read_bytes()


def mutate(data, content: bytes) -> bytes:
    how = data.draw(st.sampled_from(["flip", "cut", "member"]))
    if how == "cut":
        return content[: data.draw(st.integers(0, len(content) - 1))]
    if how == "flip":
        changed = bytearray(content)
        for at in data.draw(st.lists(st.integers(0, len(content) - 1), min_size=1, max_size=5)):
            changed[at] ^= data.draw(st.integers(1, 255))
        return bytes(changed)
    return None  # a member rewritten: done by the caller, who has the zip


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_backup_archives_are_refused_naming_the_file(archive, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("mutated")
    path = folder / "mutated.zip"
    changed = mutate(data, archive)
    if changed is None:
        source = folder / "original.zip"
        source.write_bytes(archive)
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
            names = old.namelist()
            victim = data.draw(st.sampled_from(names))
            for name in names:
                body = old.read(name)
                if name == victim:
                    body = data.draw(st.binary(max_size=200)) if body else b"x"
                new.writestr(name, body)
    else:
        path.write_bytes(changed)
    target = folder / "restored.db"
    try:
        restore_archive(open_archive(path), str(target))
    except TollError as refused:
        assert "mutated.zip" in str(refused) or "\n" not in str(refused)
        assert any(n in str(refused) for n in ("mutated.zip", ".jsonl", ".json", "originals/"))
        assert not target.exists() or target.stat().st_size == 0
    # a mutation the archive does not notice (e.g. a flipped byte in a zip comment) restores whole


def test_an_archive_whose_zip_version_was_changed_is_refused_naming_it(archive, tmp_path):
    """Found by the fuzzer: a flipped byte in a zip version field was a NotImplementedError."""
    changed = bytearray(archive)
    at = changed.find(b"PK\x01\x02")
    while at != -1:  # every central directory entry: "version needed to extract" = 10.9
        changed[at + 6 : at + 8] = (109).to_bytes(2, "little")
        at = changed.find(b"PK\x01\x02", at + 4)
    path = tmp_path / "changed.zip"
    path.write_bytes(bytes(changed))
    with pytest.raises(TollError, match="changed.zip"):
        restore_archive(open_archive(path), str(tmp_path / "restored.db"))
    assert not (tmp_path / "restored.db").exists()


@st.composite
def statements(draw, folder: Path) -> Path:
    words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
    lines = draw(
        st.lists(st.one_of(words, st.just("At least 12 civilians were killed.")), max_size=4)
    )
    if draw(st.booleans()):
        path = write_html(folder / "statement.html", lines)
    else:
        path = write_pdf(
            folder / "statement.pdf",
            [line.encode("latin-1", "replace").decode("latin-1") for line in lines],
        )
    if draw(st.booleans()):  # damage it
        content = bytearray(path.read_bytes())
        rng = random.Random(draw(st.integers(0, 10_000)))
        for _ in range(draw(st.integers(1, 8))):
            content[rng.randrange(len(content))] = rng.randrange(256)
        path.write_bytes(bytes(content[: rng.randrange(1, len(content) + 1)]))
    return path


@FUZZ
@given(data=st.data())
def test_statements_in_html_and_pdf(store, tmp_path, data):
    path = data.draw(statements(tmp_path))
    refused_or_whole(store, path, lambda s, p: add_statement(s, p, SourceMetadata()))
