"""Scoring open cases against remains, field by field (antemortem vs postmortem data).

A pure core: numpy arrays in, scores out; nothing here reads the store. Each field adds a
weight, as in record linkage (about log2 of how much more likely the finding is if the
remains are the person's than if not): agreement adds, contradiction subtracts, a field either
side does not know adds nothing. The weights (see WEIGHTS) are stated in `toll remains match
--json` and docs/reference/cases.md.

Scoring 1,000 remains against 100,000 cases is vectorised: each remains is compared with every
case at once, and the words of marks and effects are compared as sparse matrices.
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from toll.records.text import words

WEIGHTS = {
    "sex_agrees": 1.0,
    "sex_differs": -10.0,
    "age_inside": 3.0,  # age at disappearance inside the estimated range
    "age_per_year_outside": -1.0,  # down to age_floor
    "age_floor": -10.0,
    "found_before_seen": -10.0,  # found before the person was last seen: impossible
    "found_after_seen": 0.5,
    "same_place": 4.0,
    "same_region": 1.5,
    "other_place": -1.0,
    "word_cap_marks": 6.0,  # shared words of marks, each weighted by its rarity
    "word_cap_effects": 4.0,
    "no_shared_word": -1.0,
    "stature_inside": 1.5,  # within the range, 2 cm either side
    "stature_per_cm_outside": -0.4,
    "stature_floor": -6.0,
}
_LITTLE = frozenset(
    "a an the and or of on in at with to his her на и в с у его ее ve ile bir".split()
)
_DIGITS = re.compile(r"^\d+$")


@lru_cache(maxsize=100_000)
def text_words(text: str | None) -> list[str]:
    """The words of marks or effects that are compared (folded, little words dropped)."""
    return [
        w for w in words(text or "") if len(w) > 2 and w not in _LITTLE and not _DIGITS.match(w)
    ]


@dataclass
class CaseTable:
    """The open cases as arrays, one position per case."""

    labels: list[str]
    sex: np.ndarray  # 0 unknown, 1 male, 2 female
    age: np.ndarray  # float, nan unknown: age at disappearance
    seen: np.ndarray  # float day ordinal last seen, nan unknown
    place: np.ndarray  # int code of place key, -1 unknown
    region: np.ndarray  # int code of region key, -1 unknown
    stature: np.ndarray  # float cm, nan unknown
    marks: list[list[str]]
    effects: list[list[str]]


@dataclass
class RemainsFacts:
    sex: str | None
    age_low: int | None
    age_high: int | None
    found: float  # day ordinal, nan unknown
    place: int  # code, -1 unknown
    region: int
    stature_low: int | None
    stature_high: int | None
    marks: list[str]
    effects: list[str]


SEX_CODES = {"male": 1, "female": 2}


def sex_code(sex: str | None) -> int:
    return SEX_CODES.get(sex or "", 0)


class WordIndex:
    """The cases' words of marks or effects as a sparse matrix, weighted by rarity."""

    def __init__(self, texts: list[list[str]], cap: float):
        self.vocabulary: dict[str, int] = {}
        rows, cols = [], []
        for i, tokens in enumerate(texts):
            for token in set(tokens):
                rows.append(i)
                cols.append(self.vocabulary.setdefault(token, len(self.vocabulary)))
        shape = (len(texts), max(len(self.vocabulary), 1))
        self.matrix = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape
        )
        frequency = np.asarray(self.matrix.sum(axis=0)).ravel()
        self.weight = np.minimum(3.0, np.log2((len(texts) + 1) / (frequency + 1)) + 0.5)
        self.has_text = np.array([bool(t) for t in texts])
        self.transposed = self.matrix.T.tocsr()
        self.cap = cap

    def word_weight(self, token: str) -> float:
        index = self.vocabulary.get(token)
        return float(self.weight[index]) if index is not None else 0.0

    def scores(self, tokens: list[str]) -> np.ndarray:
        """Per case: the rarity-weighted sum of shared words (capped), or a small penalty."""
        out = np.zeros(self.matrix.shape[0], dtype=np.float32)
        known = [self.vocabulary[t] for t in set(tokens) if t in self.vocabulary]
        if not tokens:
            return out
        if known:
            query = np.zeros(self.matrix.shape[1], dtype=np.float32)
            query[known] = self.weight[known]
            out = np.minimum(self.cap, self.matrix @ query, dtype=np.float32)
        out[(out == 0) & self.has_text] = WEIGHTS["no_shared_word"]
        return out


def score_all(table: CaseTable, remains: RemainsFacts, marks: WordIndex, effects: WordIndex):
    """The total score of every case for these remains (a numpy array)."""
    total = _sex(table.sex, sex_code(remains.sex))
    total += _age(table.age, remains.age_low, remains.age_high)
    total += _date(table.seen, remains.found)
    total += _place(table.place, table.region, remains.place, remains.region)
    total += _stature(table.stature, remains.stature_low, remains.stature_high)
    total += marks.scores(remains.marks)
    total += effects.scores(remains.effects)
    return total


def _sex(cases: np.ndarray, code: int) -> np.ndarray:
    out = np.zeros(len(cases), dtype=np.float32)
    if code:
        out[cases != 0] = WEIGHTS["sex_differs"]
        out[cases == code] = WEIGHTS["sex_agrees"]
    return out


def _ranged(values, low, high, inside: float, per_unit: float, floor: float) -> np.ndarray:
    """`inside` for values within [low, high], less `per_unit` for each unit outside (down to
    `floor`), 0 for unknown values (nan)."""
    distance = np.maximum(low - values, 0) + np.maximum(values - high, 0)
    out = np.maximum(floor, per_unit * distance)
    out[distance == 0] = inside
    return np.nan_to_num(out, copy=False, nan=0.0)


def _age(ages: np.ndarray, low: int | None, high: int | None) -> np.ndarray:
    if low is None and high is None:
        return np.zeros(len(ages), dtype=np.float32)
    return _ranged(
        ages,
        low if low is not None else -math.inf,
        high if high is not None else math.inf,
        WEIGHTS["age_inside"],
        WEIGHTS["age_per_year_outside"],
        WEIGHTS["age_floor"],
    )


def _date(seen: np.ndarray, found: float) -> np.ndarray:
    out = np.zeros(len(seen), dtype=np.float32)
    if math.isnan(found):
        return out
    out[seen <= found] = WEIGHTS["found_after_seen"]
    out[seen > found] = WEIGHTS["found_before_seen"]
    return out


def _place(places, regions, place: int, region: int) -> np.ndarray:
    out = np.zeros(len(places), dtype=np.float32)
    if place < 0:
        return out
    out[places >= 0] = WEIGHTS["other_place"]
    if region >= 0:
        out[regions == region] = WEIGHTS["same_region"]
    out[places == place] = WEIGHTS["same_place"]
    return out


def _stature(statures: np.ndarray, low: int | None, high: int | None) -> np.ndarray:
    if low is None:
        return np.zeros(len(statures), dtype=np.float32)
    return _ranged(
        statures,
        low - 2,
        (high or low) + 2,
        WEIGHTS["stature_inside"],
        WEIGHTS["stature_per_cm_outside"],
        WEIGHTS["stature_floor"],
    )


def explain(table: CaseTable, i: int, remains: RemainsFacts, marks: WordIndex, effects: WordIndex):
    """The score of case `i`, field by field: what each side says and the weight it adds."""
    one = lambda array: array[i : i + 1]  # noqa: E731
    fields = [
        ("sex", _sex(one(table.sex), sex_code(remains.sex))[0]),
        ("age", _age(one(table.age), remains.age_low, remains.age_high)[0]),
        ("date", _date(one(table.seen), remains.found)[0]),
        ("place", _place(one(table.place), one(table.region), remains.place, remains.region)[0]),
        ("stature", _stature(one(table.stature), remains.stature_low, remains.stature_high)[0]),
    ]
    shared_marks = sorted(set(table.marks[i]) & set(remains.marks))
    shared_effects = sorted(set(table.effects[i]) & set(remains.effects))
    fields.append(("marks", _words_weight(marks, table.marks[i], remains.marks, shared_marks)))
    fields.append(
        ("effects", _words_weight(effects, table.effects[i], remains.effects, shared_effects))
    )
    return (
        [(name, round(float(weight), 2)) for name, weight in fields],
        shared_marks,
        shared_effects,
    )


def _words_weight(index: WordIndex, case_words, remains_words, shared) -> float:
    if not remains_words:
        return 0.0
    if not shared:
        return WEIGHTS["no_shared_word"] if case_words else 0.0
    return min(index.cap, sum(index.word_weight(w) for w in shared))
