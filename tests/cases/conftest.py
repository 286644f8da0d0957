"""A small register written straight into a store: persons with their records and sources."""

import sys
from datetime import date
from pathlib import Path

import pytest

# helpers shared by these tests (_register.py) import by plain name
sys.path.insert(0, str(Path(__file__).parent))
from _register import add_list, add_person  # noqa: E402


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
