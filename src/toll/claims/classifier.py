"""The learned part of extraction: a category for each number from the words around it.

The number grammar finds the numbers and the rules give most of them a category; this model
reads the same numbers' context (the words before and after within the sentence, the counted
noun, negation, the language, and what the rules decided and from which words) and gives a
probability for each category and for "none" (not a harm figure). `extract_figures` lets it add
a figure the rules left without a category, change a category or drop a figure only when its
probability passes the thresholds below.

The model is a linear one (one-vs-rest logistic regression, L1, trained with scikit-learn by
`toll.claims.training`) stored as sparse weights in `data/model/categories.json`; applying it
needs no scikit-learn. `TOLL_EXTRACTOR_MODEL` names another model file (one `toll extractor
retrain` wrote), or is `off` for the rules alone. Pure: no store.
"""

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "data" / "model" / "categories.json"
MODEL_ENV = "TOLL_EXTRACTOR_MODEL"
NONE = "none"
# Whether extract_figures uses the model when not told: chosen by the first-run score on new
# batches b21–b23 (BENCHMARKS.md, issue 17: value+category F1 0.831/0.797/0.802 with the rules
# alone, 0.873/0.810/0.850 with the model). TOLL_EXTRACTOR_MODEL=off turns it off.
ON_BY_DEFAULT = True
OFF = ("off", "none", "rules")
# Probabilities a decision needs: adding a figure the rules left without category, changing
# the rules' category, dropping a figure the rules kept.
ADD, CHANGE, DROP = 0.6, 0.8, 0.9

_TOKEN = re.compile(r"\w+|[^\w\s]")
NEGATIONS = {"no", "not", "never", "none", "without", "nor", "не", "ни", "нет", "без"}
WINDOW = 8  # tokens each side, within the sentence


@dataclass
class Context:
    """What the features are read from: one number and what the rules made of it."""

    text: str
    language: str
    qstart: int  # where the number (with its qualifier) starts
    nend: int  # where the number itself ends
    end: int  # where the figure's words end (its noun)
    sentence: tuple[int, int]
    rule_category: str | None
    rule_source: str | None
    noun_kind: str | None
    noun_category: str | None
    qualifier: str
    value: int | None
    bare: bool
    of_them: bool
    previous: str | None = None  # the category of the figure before it in its paragraph


def features(c: Context) -> list[str]:
    """The names of the features present for one number (binary features)."""
    left = _TOKEN.findall(c.text[max(c.sentence[0], c.qstart - 90):c.qstart].lower())[-WINDOW:]
    noun = _TOKEN.findall(c.text[c.nend:c.end].lower())
    right = _TOKEN.findall(c.text[c.end:min(c.sentence[1], c.end + 90)].lower())[:WINDOW]
    out = [f"lang={c.language}", f"rule={c.rule_category or NONE}",
           f"src={c.rule_source or NONE}", f"rule+src={c.rule_category}|{c.rule_source}",
           f"kind={c.noun_kind or NONE}", f"ncat={c.noun_category or NONE}",
           f"q={c.qualifier}", f"bare={c.bare}", f"of_them={c.of_them}", _size(c.value)]
    for i, word in enumerate(reversed(left[-3:]), 1):
        out.append(f"L{i}={word}")
    for i, word in enumerate(right[:3], 1):
        out.append(f"R{i}={word}")
    for word in noun[:4]:
        out += [f"n={word}", f"n5={word[:5]}"]
    for side, words in (("l", left), ("r", right)):
        for word in words:
            out += [f"{side}={word}", f"{side}5={word[:5]}"]
        if NEGATIONS & set(words):
            out.append(f"neg_{side}")
    if c.rule_category:
        out.append(f"rule_{c.language}={c.rule_category}")
    out.append(f"prev={c.previous or NONE}")
    out.append(f"prev+rule={c.previous}|{c.rule_category}")
    return list(dict.fromkeys(out))  # each once: the features are binary


def decide(rule: str | None, best: str, p: float) -> str | None:
    """The category to keep, given the rules' category and the model's best class with its
    probability (None: not a harm figure)."""
    if rule is None:
        return best if best != NONE and p >= ADD else None
    if best == NONE:
        return None if p >= DROP else rule
    return best if best != rule and p >= CHANGE else rule


def _size(value: int | None) -> str:
    if value is None:
        return "size=none"
    return f"size={min(len(str(value)), 7)}"


@dataclass(frozen=True)
class CategoryModel:
    """Sparse one-vs-rest weights: feature -> ((class index, weight), ...), and an intercept per
    class."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[tuple[int, float], ...]]
    digest: str  # 8 hex digits of the file's content, part of the extractor version

    def probabilities(self, present: list[str]) -> dict[str, float]:
        """Each class's probability (one-vs-rest sigmoids, normalised as scikit-learn does);
        `present` holds each feature once (as `features` gives them)."""
        return dict(zip(self.classes, self._normalised(present), strict=True))

    def best(self, present: list[str]) -> tuple[str, float]:
        """The most probable class (the first of equals) and its probability."""
        probs = self._normalised(present)
        k = probs.index(max(probs))
        return self.classes[k], probs[k]

    def _normalised(self, present: list[str]) -> list[float]:
        scores = list(self.intercepts)
        for weights in filter(None, map(self.weights.get, present)):  # in `present`'s order
            for k, w in weights:
                scores[k] += w
        exp = math.exp
        sig = [1.0 / (1.0 + exp(-(30.0 if s > 30.0 else -30.0 if s < -30.0 else s)))
               for s in scores]
        total = sum(sig) or 1.0
        return [p / total for p in sig]

    def to_json(self) -> str:
        data = {"classes": list(self.classes), "intercepts": [round(v, 4) for v in self.intercepts],
                "weights": {f: {str(k): round(w, 4) for k, w in ws}
                            for f, ws in sorted(self.weights.items())}}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def model_from_json(raw: str) -> CategoryModel:
    data = json.loads(raw)
    weights = {f: tuple((int(k), w) for k, w in ws.items()) for f, ws in data["weights"].items()}
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]
    return CategoryModel(tuple(data["classes"]), tuple(data["intercepts"]), weights, digest)


def model_path() -> Path | None:
    """The model extraction uses: $TOLL_EXTRACTOR_MODEL, else the shipped one; None when
    $TOLL_EXTRACTOR_MODEL is "off" (rules alone)."""
    named = os.environ.get(MODEL_ENV)
    if named and named.strip().lower() in OFF:
        return None
    return Path(named or SHIPPED)


@cache
def _load(path: str, mtime: float) -> CategoryModel | None:
    try:
        return model_from_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def load_model() -> CategoryModel | None:
    """The current model, read once per file version; None when there is none."""
    path = model_path()
    if path is None:
        return None
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return None
    return _load(str(path), mtime)
