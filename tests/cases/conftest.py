"""A small register written straight into a store: persons with their records and sources."""

from datetime import date

import pytest

from toll.model import Person, Record
from toll.sources.store import SourceMetadata, store_original


def add_list(session, name: str, publisher: str | None = None, published: str | None = None):
    """A source standing for a list (its bytes are just its name)."""
    meta = SourceMetadata(title=name, publisher=publisher, published=published, kind="list")
    return store_original(session, name.encode(), name, "text/csv", None, meta).source


def add_person(session, label: str, name: str, records: list[dict]) -> Person:
    """A person and their records; each record dict has source (a Source) and record fields."""
    person = Person(label=label, display_name=name)
    session.add(person)
    session.flush()
    for fields in records:
        fields = dict(fields)
        source = fields.pop("source")
        row = session.query(Record).filter(Record.source_id == source.id).count() + 1
        session.add(
            Record(
                source_id=source.id,
                row_number=row,
                original={"name": name},
                person_id=person.id,
                full_name=name,
                **fields,
            )
        )
        session.flush()
    return person


@pytest.fixture
def register(store):
    """Three persons reported missing or captive, one killed; two lists and a statement."""
    with store.session() as session:
        families = add_list(session, "families.csv", "Families' association", "1993-03-02")
        commission = add_list(session, "commission.csv", "National commission", "1994-05-10")
        add_list(session, "exhumation-report.pdf", "Forensic institute", "2019-08-21")
        add_person(
            session,
            "P-00001",
            "Rauf Aliyev",
            [
                {
                    "source": families,
                    "status": "missing",
                    "sex": "male",
                    "birth_year": 1978,
                    "event_date": "26.02.1992",
                    "event_date_earliest": date(1992, 2, 26),
                    "place": "Xocalı",
                },
                {"source": commission, "status": "missing", "sex": "male", "age": 14},
            ],
        )
        add_person(
            session,
            "P-00002",
            "Leyla Aliyeva",
            [{"source": commission, "status": "captured", "sex": "female", "age": 34}],
        )
        add_person(
            session,
            "P-00003",
            "Samir Huseynov",
            [{"source": families, "status": "killed", "sex": "male", "age": 40}],
        )
        add_person(
            session,
            "P-00004",
            "Aida Mammadova",
            [
                {"source": families, "status": "missing", "sex": "female", "age": 70},
                {"source": commission, "status": "released", "sex": "female"},
            ],
        )
    return store
