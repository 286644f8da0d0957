"""Fuzzing `import_list` against a real store: no crash, and a failed import writes nothing."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from toll.errors import TollError
from toll.model import AuditEvent, Original, Record, Source
from toll.records.store import import_list
from toll.sources import SourceMetadata

HEADERS = [
    "Фамилия",
    "Имя",
    "Full name",
    "Soyadı",
    "Adı",
    "Age",
    "Sex",
    "Пол",
    "Год рождения",
    "Date of death",
    "Status",
    "№",
    "Place",
    "notes",
]
cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "1961", "М", "female", "26.02.1992", "~45", "погиб", "missing", "1", "1"]),
)


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1251"]))
    return "\n".join(lines).encode(encoding, errors="replace")


def counts(session) -> tuple[int, ...]:
    tables = (Source, Original, Record, AuditEvent)
    return tuple(session.scalar(select(func.count()).select_from(t)) for t in tables)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.one_of(csv_files(), st.binary(max_size=300)))
def test_import_never_crashes_and_never_half_writes(store, tmp_path, content):
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with store.session() as session:
        before = counts(session)
    try:
        with store.session() as session:
            result = import_list(session, path, SourceMetadata())
    except TollError as error:
        assert "list.csv" in str(error)
        with store.session() as session:
            assert counts(session) == before
    else:
        with store.session() as session:
            assert (
                session.scalar(
                    select(func.count())
                    .select_from(Record)
                    .where(Record.source_id == result.source.id)
                )
                == result.records
            )
