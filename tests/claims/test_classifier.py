"""The learned category model: thresholds, training, the shipped model, and `toll extractor
retrain` on a store with corrections (issue 17 items 2 and 3)."""

import json
import shutil
from pathlib import Path

from documents import STATEMENT
from toll.claims import classifier, extract_figures
from toll.claims.classifier import NONE, decide, load_model
from toll.claims.examples import from_files
from toll.claims.training import build_examples, cross_validate, train
from toll.claims.version import current_version
from toll_testing import invoke_toll

CORPUS = Path(__file__).parent / "corpus"


def test_the_model_decides_only_above_its_thresholds():
    assert decide(None, "killed", classifier.ADD) == "killed"  # a figure the rules left out
    assert decide(None, "killed", classifier.ADD - 0.01) is None
    assert decide(None, NONE, 0.99) is None
    assert decide("killed", "injured", classifier.CHANGE) == "injured"
    assert decide("killed", "injured", classifier.CHANGE - 0.01) == "killed"
    assert decide("killed", NONE, classifier.DROP) is None
    assert decide("killed", NONE, classifier.DROP - 0.01) == "killed"


def test_the_shipped_model_is_small_and_named_in_the_version():
    model = load_model()
    assert model is not None and NONE in model.classes and "casualties" in model.classes
    assert classifier.SHIPPED.stat().st_size < 200_000
    assert current_version(learned=True).endswith(f".model.{model.digest}")
    assert ".model." not in current_version(learned=False)


def test_training_is_deterministic_and_the_model_reads_back_the_same():
    texts = from_files([CORPUS / "statements.jsonl", CORPUS / "statements.ru.jsonl"])
    first, second = train(texts), train(texts)
    assert first.digest == second.digest and first.weights
    examples = build_examples(texts)
    assert len(examples.labels) > 150 and {"killed", "injured"} <= set(examples.labels)
    report = cross_validate(texts, folds=2, examples=examples)
    assert report.folds == 2 and 0.5 < report.combined_f1 <= 1.0


def test_a_model_named_by_the_environment_is_used(tmp_path, monkeypatch):
    model = train(from_files([CORPUS / "statements.jsonl"]))
    path = tmp_path / "model.json"
    path.write_text(model.to_json(), encoding="utf-8")
    monkeypatch.setenv(classifier.MODEL_ENV, str(path))
    assert load_model().digest == model.digest
    assert current_version(learned=True).endswith(f".model.{model.digest}")
    figures = extract_figures(STATEMENT, learned=True)
    assert {(f.category, f.value) for f in figures} >= {("killed", 41), ("injured", 120)}


def test_retrain_learns_from_a_store_with_corrections(db, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "statements.jsonl", corpus)
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    assert invoke_toll("source", "add", path, "--db", db).exit_code == 0
    claims = json.loads(invoke_toll("claims", "--db", db, "--json").stdout)
    invoke_toll("claim", "correct", str(claims[1]["id"]), "--category", "casualties", "--db", db)
    invoke_toll("claim", "reject", str(claims[-1]["id"]), "--reason", "no harm", "--db", db)
    invoke_toll("claim", "confirm", str(claims[0]["id"]), "--db", db)
    out = tmp_path / "model.json"
    result = invoke_toll("extractor", "retrain", "--db", db, "--corpus", corpus, "--out", out,
                         "--folds", "2", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["reviewed_claims"] == 3 and report["passages"] == 60
    corpus_only = build_examples(from_files([corpus / "statements.jsonl"]))
    assert report["examples"] == len(corpus_only.labels) + 3  # each reviewed claim is one
    assert 0 < report["category_f1_with_model"] <= 1 and report["seconds"] < 60
    assert classifier.model_from_json(out.read_text(encoding="utf-8")).digest == \
        report["model_hash"]


def test_retrain_without_a_corpus_is_one_clear_error(tmp_path):
    result = invoke_toll("extractor", "retrain", "--corpus", tmp_path, "--out",
                         tmp_path / "m.json")
    assert result.exit_code == 1 and "no annotated" in result.stderr


def test_the_model_is_on_by_default_and_off_by_the_environment(monkeypatch):
    assert classifier.ON_BY_DEFAULT and ".model." in current_version()
    monkeypatch.setenv(classifier.MODEL_ENV, "off")
    assert load_model() is None and ".model." not in current_version()
    assert extract_figures(STATEMENT) == extract_figures(STATEMENT, learned=False)


def test_retrain_also_rebuilds_the_link_model(tmp_path):
    from toll.claims.linking import link_model_from_json

    corpus = tmp_path / "corpus"
    (corpus / "batches").mkdir(parents=True)
    for name in ("b24.jsonl", "b25.jsonl"):
        shutil.copy(CORPUS / "batches" / name, corpus / "batches")
    links = tmp_path / "links.json"
    result = invoke_toll("extractor", "retrain", "--corpus", corpus, "--out", tmp_path / "m.json",
                         "--links-out", links, "--folds", "2", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    model = link_model_from_json(links.read_text(encoding="utf-8"))
    assert report["links_model_hash"] == model.digest and model.weights
    text = "Security forces freed 90 hostages, 40 men, 30 women and 20 children."
    assert extract_figures(text, links=model)
