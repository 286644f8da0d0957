"""Adding a statement and tracing a figure back to its words, at the Python API."""

import pytest

from documents import STATEMENT
from toll.errors import TollError
from toll.figures import claim_provenance
from toll.model import Claim
from toll.sources import SourceMetadata, add_statement


def test_a_statement_is_kept_with_its_figures_and_adding_it_again_changes_nothing(store, tmp_path):
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    with store.session() as session:
        added = add_statement(session, path, SourceMetadata(publisher="Regional Ombudsman"))
        figures = {(c.category, c.value) for c in added.claims}
    assert added.created and {("killed", 41), ("injured", 120)} <= figures
    with store.session() as session:
        again = add_statement(session, path)
        stored = session.query(Claim).count()
    assert (again.created, again.claims, again.source.id) == (False, None, added.source.id)
    assert stored == len(added.claims), "no figure extracted twice"


def test_a_statement_can_be_added_without_extracting(store, tmp_path):
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    with store.session() as session:
        added = add_statement(session, path, extract=False)
        assert added.created and added.claims is None
        assert session.query(Claim).count() == 0


def test_a_claim_leads_back_to_its_words_its_source_and_its_history(store, tmp_path):
    from toll.claims.store import correct_claim

    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    with store.session() as session:
        added = add_statement(session, path, SourceMetadata(publisher="Regional Ombudsman"))
        killed = next(c for c in added.claims if c.category == "killed")
        children = next(c for c in added.claims if c.subgroup == "children")
    with store.session() as session:
        correct_claim(session, killed.id, {"value": 42}, note="a typo")
        shown = claim_provenance(session, killed.id)
    assert shown.source.publisher == "Regional Ombudsman"
    assert shown.source.sha256 == added.source.sha256 and shown.source.file_name == path.name
    assert shown.words == STATEMENT[killed.start : killed.end] and "41" in shown.words
    assert (
        shown.sentence.startswith("The shelling of Northfield") and "41 civilians" in shown.sentence
    )
    assert shown.figure["value"] == 42 and shown.figure["review_state"] == "corrected"
    assert children.id in shown.parts
    assert [change.action for change in shown.history] == ["create", "update"]
    assert shown.history[-1].before["value"] == 41


def test_an_unknown_claim_is_a_clear_error(store):
    with store.session() as session, pytest.raises(TollError, match="no claim with id 7"):
        claim_provenance(session, 7)


def test_a_claims_history_needs_a_claim_that_exists(store):
    from toll.claims.store import claim_history

    with store.session() as session, pytest.raises(TollError, match="no claim with id 3"):
        claim_history(session, 3)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"value": 12.7}, "the value to 12.7: a claim's value and bounds are whole counts"),
        ({"value": -5}, "the value to -5: .* not negative"),
        ({"low": 50, "high": 40}, "the low bound 50 is above the high bound 40"),
        ({"high": 1}, "the low bound .* is above the high bound 1"),
    ],
)
def test_an_impossible_correction_is_refused_and_nothing_is_written(
    store, tmp_path, changes, reason
):
    from toll.claims.store import correct_claim, get_claim

    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    with store.session() as session:
        added = add_statement(session, path)
        killed = next(c for c in added.claims if c.category == "killed")
        correct_claim(session, killed.id, {"low": 40, "high": 45, "value": 41.0})
    with pytest.raises(TollError, match=reason), store.session() as session:
        correct_claim(session, killed.id, changes)
    with store.session() as session:
        kept = get_claim(session, killed.id)
        assert (kept.value, kept.low, kept.high) == (41, 40, 45)
