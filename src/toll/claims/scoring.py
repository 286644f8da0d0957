"""Score extracted figures against annotated passages (precision, recall, F1).

An annotated passage is {"id", "text", "figures": [...], "non_figures": [...]}, each figure with
the words that carry it (`text`), `value`, `low`, `high`, `qualifier`, `category` (and
optionally `also_acceptable_category`), `subgroup`, `part_of` and optionally `speaker` (who the
text says states it; null for the default speaker). A prediction matches an
annotated figure when their character spans overlap, as in ../shared/tools/score_figures.py.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Score:
    """Counts over many passages; the rates are properties."""

    gold: int = 0
    predicted: int = 0
    detected: int = 0
    value_qualifier: int = 0
    value_category: int = 0
    category: int = 0
    subgroup: int = 0
    subgroup_gold: int = 0
    nesting: int = 0
    nesting_gold: int = 0
    nesting_predicted: int = 0
    speaker: int = 0
    speaker_gold: int = 0
    non_figure_hits: int = 0
    problems: list[str] = field(default_factory=list)

    def f1(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return round(precision, 3), round(recall, 3), round(f1, 3)

    def nesting_f1(self) -> tuple[float, float, float]:
        p = self.nesting / self.nesting_predicted if self.nesting_predicted else 1.0
        r = self.nesting / self.nesting_gold if self.nesting_gold else 1.0
        return round(p, 3), round(r, 3), round(2 * p * r / (p + r) if p + r else 0.0, 3)

    def summary(self) -> dict:
        """The figures a benchmark prints."""
        return {
            "passages_gold_figures": self.gold, "predicted": self.predicted,
            "detection_prf": self.f1(self.detected),
            "value_qualifier_prf": self.f1(self.value_qualifier),
            "value_category_prf": self.f1(self.value_category),
            "category_prf": self.f1(self.category),
            "subgroup_accuracy": round(self.subgroup / self.subgroup_gold, 3)
            if self.subgroup_gold else 1.0,
            "nesting_prf": self.nesting_f1(),
            "speaker_accuracy": round(self.speaker / self.speaker_gold, 3)
            if self.speaker_gold else 1.0,
            "non_figure_hits": self.non_figure_hits,
        }


def load_passages(path: Path) -> list[dict]:
    """Annotated passages from a JSON Lines file or a `*.figures.json` file beside its text."""
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    data = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / data["file"]).read_text(encoding="utf-8")
    return [{"id": data["file"], "text": text, "figures": data["figures"],
             "non_figures": data.get("non_figures", [])}]


def score_passages(passages: Iterable[dict], extract: Callable[[str], list[dict]]) -> Score:
    """Run `extract` (text -> list of figure dicts) on each passage and count agreements."""
    score = Score()
    for passage in passages:
        _score_one(passage, extract(passage["text"]), score)
    return score


def gold_spans(text: str, figures: list[dict]) -> list[tuple[int, int] | None]:
    """Where each gold figure's words stand, as the shared scorer finds them: the first
    occurrence not already taken by an earlier figure (None where the words are absent)."""
    used, spans = set(), []
    for f in figures:
        i = text.find(f["text"])
        while i >= 0 and (i, i + len(f["text"])) in used:
            i = text.find(f["text"], i + 1)
        span = (i, i + len(f["text"])) if i >= 0 else None
        used.add(span)
        spans.append(span)
    return spans


def _score_one(passage: dict, predicted: list[dict], score: Score) -> None:
    text, gold = passage["text"], passage["figures"]
    spans = gold_spans(text, gold)
    match, taken = {}, set()
    for gi, span in enumerate(spans):
        for pi, p in enumerate(predicted):
            if span and pi not in taken and p["start"] < span[1] and span[0] < p["end"]:
                match[gi] = pi
                taken.add(pi)
                break
    score.gold += len(gold)
    score.predicted += len(predicted)
    score.nesting_predicted += sum(p.get("part_of") is not None for p in predicted)
    for gi, pi in match.items():
        _compare(passage["id"], gold[gi], predicted[pi], match, score)
    for gi, f in enumerate(gold):
        if gi not in match:
            score.problems.append(f"{passage['id']}: missed {f['text']!r}")
    for pi, p in enumerate(predicted):
        if pi not in taken:
            score.problems.append(f"{passage['id']}: extra {p['text']!r} {p['category']}")
            for words in passage.get("non_figures", []):
                i = text.find(words)
                if i >= 0 and p["start"] < i + len(words) and i < p["end"]:
                    score.non_figure_hits += 1


def _compare(pid: str, g: dict, p: dict, match: dict, score: Score) -> None:
    score.detected += 1
    value_ok = g.get("value") == p.get("value") if g.get("value") is not None else (
        p.get("qualifier") == "vague" or p.get("value") is None)
    category_ok = p.get("category") in [g["category"], *g.get("also_acceptable_category", [])]
    score.value_qualifier += value_ok and g.get("qualifier") == p.get("qualifier")
    score.value_category += value_ok and category_ok
    score.category += category_ok
    if not (value_ok and category_ok):
        score.problems.append(f"{pid}: {g['text']!r} gold {g.get('value')} {g['category']}, "
                              f"got {p.get('value')} {p.get('category')}")
    if g.get("qualifier") != p.get("qualifier"):
        score.problems.append(f"{pid}: {g['text']!r} qualifier {g.get('qualifier')}, "
                              f"got {p.get('qualifier')}")
    if g.get("subgroup"):
        score.subgroup_gold += 1
        ok = bool(p.get("subgroup")) and g["subgroup"].split()[0].lower()[:4] in str(
            p.get("subgroup")).lower()
        score.subgroup += ok
        if not ok:
            score.problems.append(f"{pid}: {g['text']!r} subgroup {g['subgroup']!r}, "
                                  f"got {p.get('subgroup')!r}")
    if "speaker" in g:
        score.speaker_gold += 1
        same = _same_speaker(g["speaker"], p.get("speaker"))
        score.speaker += same
        if not same:
            score.problems.append(f"{pid}: {g['text']!r} speaker {g['speaker']!r}, "
                                  f"got {p.get('speaker')!r}")
    if g.get("part_of") is not None:
        score.nesting_gold += 1
        ok = match.get(g["part_of"]) is not None and p.get("part_of") == match[g["part_of"]]
        score.nesting += ok
        if not ok:
            score.problems.append(f"{pid}: {g['text']!r} should be part of figure "
                                  f"{g['part_of']}, got part_of {p.get('part_of')}")
    elif p.get("part_of") is not None:
        score.problems.append(f"{pid}: {g['text']!r} is not a part, got part_of {p['part_of']}")


def _same_speaker(gold: str | None, predicted: str | None) -> bool:
    """The same speaker, whatever the case of its first letter ("The court", "the court")."""
    if gold is None or predicted is None:
        return gold is predicted
    return gold[:1].lower() + gold[1:] == predicted[:1].lower() + predicted[1:]
