"""Every stored claim names the extractor that made it; reviews are training examples; a
stored source can be extracted again and compared (issue 17 item 3)."""

import json

from documents import STATEMENT
from toll.claims.store import (
    compare_source,
    confirm_claim,
    correct_claim,
    current_extractor_version,
    find_claims,
    reject_claim,
    review_examples,
)
from toll.claims.version import extractor_version
from toll.model import Claim
from toll.sources import SourceMetadata, add_statement
from toll_testing import invoke_toll


def _added(store, tmp_path):
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    with store.session() as session:
        added = add_statement(session, path, SourceMetadata(publisher="Regional Ombudsman"))
        first = {}
        for claim in added.claims:  # the first claim of each category ("41 civilians")
            first.setdefault(claim.category, claim.id)
        return added.source.id, first


def test_the_version_names_the_rules_by_their_content():
    version = extractor_version()
    assert version.startswith("0.") and "+rules." in version and len(version) < 80
    assert extractor_version("abcd1234").endswith(".model.abcd1234")


def test_every_claim_records_the_extractor_version_and_can_be_listed_by_it(store, tmp_path):
    source_id, _ = _added(store, tmp_path)
    with store.session() as session:
        claims = find_claims(session, source_id=source_id)
        assert claims and {c.extractor_version for c in claims} == {current_extractor_version()}
        assert find_claims(session, extractor_version="none") == []
        older = claims[0]
        older.extractor_version = None  # as a claim made before versions were recorded
    with store.session() as session:
        assert [c.id for c in find_claims(session, extractor_version="none")] == [older.id]
        assert len(find_claims(session, extractor_version=current_extractor_version())) == \
            len(claims) - 1


def test_confirmations_corrections_and_rejections_are_training_examples(store, tmp_path):
    source_id, ids = _added(store, tmp_path)
    with store.session() as session:
        confirm_claim(session, ids["killed"])
        correct_claim(session, ids["injured"], {"category": "casualties"}, note="as UN counts")
        reject_claim(session, ids["buildings_destroyed"], "houses are not people")
    with store.session() as session:
        texts = review_examples(session)
        words = {session.get(Claim, i).text: i for i in ids.values()}
    assert len(texts) == 1 and not texts[0].complete
    labels = {texts[0].text[lab.start:lab.end]: lab.category for lab in texts[0].labels}
    assert len(labels) == 3 and "casualties" in labels.values() and None in labels.values()
    assert set(labels) <= set(words)


def test_a_source_extracted_again_shows_what_changed(store, tmp_path):
    source_id, ids = _added(store, tmp_path)
    with store.session() as session:
        correct_claim(session, ids["killed"], {"value": 42})
        session.get(Claim, ids["missing"]).extractor_version = None
    with store.session() as session:
        current, rows = compare_source(session, source_id)
    states = {r.claim_id: r.state for r in rows}
    assert current == current_extractor_version()
    assert states[ids["killed"]] == "changed" and states[ids["injured"]] == "same"
    changed = next(r for r in rows if r.claim_id == ids["killed"])
    assert changed.changes == {"value": [42.0, 41]}
    assert next(r for r in rows if r.claim_id == ids["missing"]).stored_version is None


def test_the_cli_lists_versions_examples_and_comparisons(db, tmp_path):
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    assert invoke_toll("source", "add", path, "--db", db).exit_code == 0
    claims = json.loads(invoke_toll("claims", "--db", db, "--json").stdout)
    version = json.loads(invoke_toll("extractor", "version", "--json").stdout)
    assert {c["extractor_version"] for c in claims} == {version["extractor_version"]}
    listed = invoke_toll("claims", "--extractor-version", "none", "--db", db, "--json")
    assert json.loads(listed.stdout) == []
    invoke_toll("claim", "reject", str(claims[-1]["id"]), "--reason", "no harm", "--db", db)
    examples = json.loads(invoke_toll("extractor", "examples", "--db", db, "--json").stdout)
    assert [e["category"] for e in examples] == [None]
    compared = json.loads(invoke_toll("extractor", "compare", claims[0]["source_id"],
                                      "--db", db, "--json").stdout)
    assert {f["state"] for f in compared["figures"]} == {"same"}
