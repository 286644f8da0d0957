"""Training the category model (classifier.py) from annotated passages and reviewed claims.

    from toll.claims.training import train, cross_validate
    model = train(texts)          # texts: toll.claims.examples.LabelledText
    report = cross_validate(texts, folds=5)

Every number extraction reads (model_contexts) is an example: labelled with the category of the
annotated figure or reviewed claim whose words it overlaps, "none" when it overlaps none in a
fully annotated passage, left out when a stored source's claims say nothing about it. The model
is one-vs-rest logistic regression with an L1 penalty (scikit-learn, liblinear: deterministic),
so that its weights are few and small to ship. Pure: no store.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toll.claims import classifier
from toll.claims.classifier import NONE, CategoryModel, model_from_json
from toll.claims.examples import LabelledText
from toll.claims.extract import model_contexts

C = 1.0  # inverse strength of the L1 penalty (chosen by folds over b01–b20)
MIN_COUNT = 2  # a feature seen fewer times is left out


# The annotated corpus beside the package in a checkout (tests/claims/corpus).
CHECKOUT_CORPUS = Path(__file__).resolve().parents[3] / "tests" / "claims" / "corpus"


def corpus_files(folder: Path | None = None) -> list[Path]:
    """The annotated JSON Lines files of the corpus: the folder's and its batches'."""
    folder = folder or CHECKOUT_CORPUS
    return sorted(folder.glob("*.jsonl")) + sorted((folder / "batches").glob("*.jsonl"))


@dataclass
class Examples:
    features: list[list[str]]
    labels: list[str]
    rules: list[str | None]  # what the rules alone decided
    groups: list[str]  # which file or source each example comes from (folds keep them whole)


def build_examples(texts: Sequence[LabelledText],
                   progress: Callable[[int, int], None] | None = None) -> Examples:
    out = Examples([], [], [], [])
    for done, t in enumerate(texts):
        if progress and done % 50 == 0:
            progress(done, len(texts))
        taken: set[int] = set()
        for start, end, context in model_contexts(t.text, t.language):
            label = _label(t, start, end, taken, context.rule_category)
            if label is None:
                continue
            out.features.append(classifier.features(context))
            out.labels.append(label)
            out.rules.append(context.rule_category)
            out.groups.append(t.origin.split(":", 1)[0])
    return out


def _label(t: LabelledText, start: int, end: int, taken: set[int],
           rule: str | None) -> str | None:
    for i, label in enumerate(t.labels):
        if i not in taken and label.start < end and start < label.end:
            taken.add(i)
            if label.category is None:
                return NONE
            return rule if rule and rule in label.also else label.category
    return NONE if t.complete else None


def train(texts: Sequence[LabelledText], examples: Examples | None = None) -> CategoryModel:
    """A model fitted on every example of `texts`."""
    ex = examples or build_examples(texts)
    return _fit(ex.features, ex.labels)


def _fit(features: list[list[str]], labels: list[str]) -> CategoryModel:
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    counts = Counter(f for row in features for f in set(row))
    rows = [{f: 1 for f in row if counts[f] >= MIN_COUNT} for row in features]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # for liblinear
    fitted = OneVsRestClassifier(
        LogisticRegression(l1_ratio=1.0, solver="liblinear", C=C, random_state=0))
    fitted.fit(x, labels)
    classes = [str(c) for c in fitted.classes_]
    estimators = fitted.estimators_ if len(classes) > 2 else fitted.estimators_ * 2
    names = vectorizer.get_feature_names_out()
    weights: dict[str, dict[int, float]] = {}
    for k, estimator in enumerate(estimators[:len(classes)]):
        coef = estimator.coef_[0] * (1 if len(classes) > 2 or k == 1 else -1)
        for j in coef.nonzero()[0]:
            if abs(coef[j]) >= 1e-4:
                weights.setdefault(str(names[j]), {})[k] = float(coef[j])
    intercepts = [float(e.intercept_[0]) for e in estimators[:len(classes)]]
    if len(classes) == 2:
        intercepts[0] = -intercepts[0]
    draft = CategoryModel(tuple(classes), tuple(intercepts),
                          {f: tuple(sorted(ws.items())) for f, ws in weights.items()}, "")
    return model_from_json(draft.to_json())  # as it will be read back, with its digest


@dataclass
class Report:
    """Cross-validated figures: category F1 over the numbers extraction reads, rules alone
    against rules with the model (each fold's model never saw its fold's files)."""

    examples: int
    folds: int
    rules_f1: float
    combined_f1: float
    model_accuracy: float

    def to_dict(self) -> dict:
        return {"examples": self.examples, "folds": self.folds,
                "category_f1_rules": self.rules_f1, "category_f1_with_model": self.combined_f1,
                "model_accuracy": self.model_accuracy}


def cross_validate(texts: Sequence[LabelledText], folds: int = 5,
                   examples: Examples | None = None) -> Report:
    """Fit on all files but a fold's, decide on that fold; the files (batches, sources) are
    kept whole in one fold."""
    from sklearn.model_selection import GroupKFold

    ex = examples or build_examples(texts)
    folds = max(2, min(folds, len(set(ex.groups))))
    decided: list[str | None] = [None] * len(ex.labels)
    right = 0
    for fit_on, held in GroupKFold(n_splits=folds).split(ex.features, ex.labels, ex.groups):
        model = _fit([ex.features[i] for i in fit_on], [ex.labels[i] for i in fit_on])
        for i in held:
            best, p = model.best(ex.features[i])
            right += best == ex.labels[i]
            decided[i] = classifier.decide(ex.rules[i], best, p)
    return Report(len(ex.labels), folds, _f1(ex.rules, ex.labels), _f1(decided, ex.labels),
                  round(right / max(1, len(ex.labels)), 3))


def _f1(decided: Sequence[str | None], labels: Sequence[str]) -> float:
    hits = sum(1 for d, g in zip(decided, labels, strict=True) if d and d == g)
    predicted = sum(1 for d in decided if d)
    gold = sum(1 for g in labels if g != NONE)
    if not hits:
        return 0.0
    precision, recall = hits / predicted, hits / gold
    return round(2 * precision * recall / (precision + recall), 3)


# The link model (linking.py): which figure each figure is a part of.

LINK_C = 2.0  # inverse strength of its L2 penalty (chosen by leaving b18–b23 out)


def corpus_passages(files: Sequence[Path]) -> list[dict]:
    """The annotated passages of corpus files, each knowing its language and file."""
    from toll.claims.scoring import load_passages

    passages = []
    for path in files:
        language = "ru" if path.stem.endswith(".ru") else "en"
        for passage in load_passages(path):
            passages.append({"language": language, **passage, "_file": path.stem})
    return passages


def link_examples(passages: Sequence[dict]) -> tuple[list[list[str]], list[int], list[str]]:
    """(features, labels, groups) of every candidate pair of the figures extraction finds in
    annotated passages: 1 when the gold figure matched by the part is part of the gold figure
    matched by the candidate whole. Figures that match no gold figure give no examples."""
    from toll.claims.extract import linking_inputs
    from toll.claims.language import load_language
    from toll.claims.linking import Pairs
    from toll.claims.scoring import gold_spans
    from toll.claims.sentences import Sentences

    rows, labels, groups = [], [], []
    for passage in passages:
        text, gold = passage["text"], passage["figures"]
        lang = load_language(passage.get("language", "en"))
        sentences = Sentences(text)
        found = linking_inputs(text, lang, sentences)
        match, taken = {}, set()
        for gi, span in enumerate(gold_spans(text, gold)):
            for pi, f in enumerate(found):
                if span and pi not in taken and f.qstart < span[1] and span[0] < f.end:
                    match[pi], _ = gi, taken.add(pi)
                    break
        back = {gi: pi for pi, gi in match.items()}
        pairs = Pairs(text, found, sentences, lang.code)
        for pi, gi in match.items():
            whole = gold[gi].get("part_of")
            target = back.get(whole) if whole is not None else None
            for j in pairs.candidates(pi):
                rows.append(pairs.features(pi, j))
                labels.append(int(j == target))
                groups.append(passage.get("_file", ""))
    return rows, labels, groups


def train_links(passages: Sequence[dict]):
    """A link model fitted on every candidate pair of `passages`."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from toll.claims.linking import LinkModel, link_model_from_json

    rows, labels, _ = link_examples(passages)
    counts = Counter(f for row in rows for f in set(row))
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in row if counts[f] >= MIN_COUNT} for row in rows])
    fitted = LogisticRegression(C=LINK_C, max_iter=2000).fit(x, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(names[k]): float(w) for k, w in enumerate(fitted.coef_[0]) if abs(w) >= 1e-3}
    draft = LinkModel(float(fitted.intercept_[0]), weights, "")
    return link_model_from_json(draft.to_json())
