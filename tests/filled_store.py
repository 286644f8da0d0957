"""A small store with something in every kind of column, for backup and export tests."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from documents import STATEMENT
from lists import write_az, write_ru
from toll.claims.store import correct_claim, save_extracted_claims
from toll.model import Case, Estimate, Incident, MatchDecision, Person, Record, Relation
from toll.records.store import import_list
from toll.sources import SourceMetadata, add_document
from toll.store import Store
from toll.store.access import add_user
from toll.store.history import retract


def fill(store: Store, folder: Path) -> None:
    """A small store with something in every kind of column: history, retractions, bytes."""
    statement = folder / "statement.txt"
    statement.write_text(STATEMENT + "Ещё 7 человек пропали без вести. Həlak olub.\n")
    with store.session() as session:
        add_user(session, "tester", "admin", True)
        source = add_document(
            session,
            statement,
            SourceMetadata(publisher="Ombudsman", published="2021-03", language="en"),
        ).source
        claims = save_extracted_claims(session, source)
        correct_claim(session, claims[0].id, {"value": 4242}, note="typo")
        retract(session, claims[-1], "not a harm figure")
        import_list(session, write_az(folder / "az.csv", range(6)), SourceMetadata())
        import_list(session, write_ru(folder / "ru.csv", range(3, 9)), SourceMetadata())
        records = list(session.scalars(select(Record).order_by(Record.id)))
        people = [Person(label=f"P-{i:05d}", display_name=f"Şəxs {i}") for i in range(1, 4)]
        session.add_all(people)
        session.flush()
        for record, person in zip(records, people * 4, strict=False):
            record.person_id = person.id
        session.add(  # a family link entered by hand: P-00001 is a parent of P-00002
            Relation(person_id=people[0].id, relative_id=people[1].id, kind="parent", note="hand")
        )
        incident = Incident(
            title="Shelling of Northfield",
            place="Northfield",
            latitude=47.25,
            longitude=38.5,
            date_text="12 January 2021",
            date_earliest=date(2021, 1, 12),
            date_latest=date(2021, 1, 12),
        )
        session.add(incident)
        session.flush()
        session.add(
            Case(
                label="C-00001",
                person_id=people[0].id,
                status="reported",
                last_seen="12.01.2021",
                last_seen_earliest=date(2021, 1, 12),
                last_seen_place="Northfield",
                incident_id=incident.id,
                stature=172,
            )
        )
        session.add(
            MatchDecision(
                record_a_id=records[0].id,
                record_b_id=records[6].id,
                decision="same",
                note="same father named",
            )
        )
        session.add(
            Estimate(
                label="ŝ",
                stratum={"sex": "female"},
                table={"counts": [1, 2.25]},
                settings={"seed": 1},
                result={
                    "n": 1e-300,
                    "ci": [0.1, None],
                    "observed": 12,
                    "lists": ["az", "ru"],
                    "methods": [
                        {
                            "name": "independence",
                            "estimate": 14.5,
                            "low": 12.0,
                            "high": 20.25,
                            "diagnostics": {"interval": "profile likelihood"},
                        }
                    ],
                },
                toll_version="test",
            )
        )
