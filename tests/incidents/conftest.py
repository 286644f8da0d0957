"""Shared pieces of the incident tests: statements of our own, added as sources."""

import pytest

from toll.sources import SourceMetadata
from toll.sources.statements import add_statement

# Invented statements about an invented town (never corpus sentences).
STATEMENTS = {
    "ombudsman.txt": (
        "On the night of 3 to 4 April 2021, 120 people were killed in Marlow, among them "
        "30 women and 14 children, the ombudsman said.",
        SourceMetadata(publisher="Ombudsman", speaker="the ombudsman", published="2022-04-03"),
    ),
    "monitor.txt": (
        "The monitoring group said at least 85 people were killed in Marlow on 4 April 2021.",
        SourceMetadata(publisher="Monitoring group", published="2021-04-20"),
    ),
    "ministry.txt": (
        "The ministry said 150 civilians were killed in Marlow in April 2021.",
        SourceMetadata(publisher="Ministry", published="2021-05-02"),
    ),
}


def add_statements(session, folder, names=tuple(STATEMENTS)) -> dict[str, int]:
    """Add the statements as sources with their claims; {file: source id}."""
    ids = {}
    for name in names:
        text, metadata = STATEMENTS[name]
        path = folder / name
        path.write_text(text, encoding="utf-8")
        ids[name] = add_statement(session, path, SourceMetadata(**metadata.__dict__)).source.id
    return ids


@pytest.fixture
def marlow(store, tmp_path):
    """A store with three sources about Marlow and the incident, claims attached by hints."""
    from toll.incidents import add_incident, attach_automatically

    with store.session() as session:
        add_statements(session, tmp_path)
        incident = add_incident(
            session,
            "Marlow shelling",
            names=["ru:Обстрел Марлоу", "Марлоу"],
            place="Marlow",
            when="3-4 April 2021",
        )
        attach_automatically(session)
    return store, incident.id
