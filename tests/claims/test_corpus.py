"""Accuracy on the annotated corpus (tests/claims/corpus) and on the seed article."""

from pathlib import Path

import pytest

from toll.claims import extract_figures
from toll.claims.scoring import load_passages, score_passages

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[2]
# ../shared beside the checkout (a worktree may sit one folder deeper).
SHARED = next((p for p in (ROOT.parent / "shared" / "corpus",
                           ROOT.parent.parent / "shared" / "corpus") if p.is_dir()),
              ROOT.parent / "shared" / "corpus")
SEED = SHARED / "000_fedf56173e1d7ac0.figures.json"


def score(path: Path, language: str = "en", learned: bool | None = None):
    return score_passages(load_passages(path), lambda text: [
        f.to_dict() for f in extract_figures(text, language=language, learned=learned)])


# Rules alone, and rules with the learned category model (classifier.py).
LEARNED = pytest.mark.parametrize("learned", [False, True], ids=["rules", "with-model"])


@pytest.mark.parametrize("name, language", [
    ("statements.jsonl", "en"), ("heldout.jsonl", "en"), ("heldout_regions.jsonl", "en"),
    ("statements.ru.jsonl", "ru"),
    ("heldout.ru.jsonl", "ru")])
@LEARNED
def test_own_corpus_meets_the_targets(name, language, learned):
    result = score(CORPUS / name, language, learned)
    assert result.f1(result.value_category)[2] >= 0.95, result.problems
    assert result.nesting_f1()[2] >= 0.90, result.problems
    assert result.non_figure_hits == 0, result.problems


def test_corpus_passages_are_well_formed():
    for path in CORPUS.glob("*.jsonl"):
        for passage in load_passages(path):
            assert {"id", "text", "figures", "non_figures"} <= set(passage)
            for figure in passage["figures"]:
                assert figure["text"] in passage["text"], (passage["id"], figure["text"])


@LEARNED
def test_seed_article_every_figure_right(learned):
    if not SEED.exists():
        pytest.skip("../shared/corpus is not present")
    result = score(SEED, learned=learned)
    assert result.problems == []
    assert result.value_category == result.gold == result.predicted
