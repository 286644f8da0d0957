"""The learned part of nesting: which figure, if any, a figure is a part of.

The rules (nesting.py) link parts to wholes from marker words ("including", "of them"). On
statements they were not written against they miss most breakdowns that carry no marker
("104 hostages, 58 men, 31 women and 15 children"; "57: 32 in El-Fasher and 25 in Zamzam";
"Of the 290 injured, 168 were flown ...") and some links across sentences. This model scores
each candidate pair (a figure and an earlier or later figure it could be a part of, in the same
paragraph, not smaller than it and counting the same kind of thing) from what lies between and
around them: the words between the two, the words that open the part's sentence and follow the
part, punctuation after the whole, distance in figures and sentences, both categories and
subgroups, whether the part and the figures listed with it add up to the whole, and what the
rules decided. The best candidate above THRESHOLD becomes the whole; none above it, no whole.

A logistic regression (scikit-learn, at training time only: `toll.claims.training.train_links`)
over binary features, stored as weights in `data/model/links.json`; applying it needs no
scikit-learn. `TOLL_LINK_MODEL` names another file or is `off` (the rules' links alone). Pure.
"""

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from toll.claims.nesting import FLOWS, fits_among, of_another_group, same_list

SHIPPED = Path(__file__).resolve().parent / "data" / "model" / "links.json"
MODEL_ENV = "TOLL_LINK_MODEL"
OFF = ("off", "none", "rules")
THRESHOLD = 0.5
BACK, AHEAD = 8, 2  # candidate wholes: up to eight figures before, two after
RUN = 6  # figures a list of parts may run on for after the part

_TOKEN = re.compile(r"\w+|[^\w\s]")
# Word stems that name what a whole counts ("of the dead", "из пострадавших", "among the
# wounded"): a part whose words name its candidate's category is likely a part of it.
HINTS = {
    "killed": (
        "dead",
        "kill",
        "death",
        "died",
        "victim",
        "fatalit",
        "bodies",
        "погиб",
        "убит",
        "жертв",
        "смерт",
        "тел",
    ),
    "injured": ("injur", "wound", "hurt", "ранен", "ранены", "пострадав"),
    "casualties": ("casualt", "victim", "пострадав", "жертв"),
    "captured": (
        "hostage",
        "abduct",
        "detain",
        "captiv",
        "kidnap",
        "пленн",
        "похищ",
        "задерж",
        "заложник",
    ),
    "missing": ("missing", "disappear", "пропав"),
    "displaced": ("displac", "refugee", "fled", "flee", "беж", "переселен", "эваку"),
    "released": ("freed", "releas", "освобож", "вернул"),
    "bodies_found": ("bodies", "remains", "тел", "останк"),
}


@dataclass(frozen=True)
class LinkModel:
    intercept: float
    weights: dict[str, float]
    digest: str

    def probability(self, present: list[str]) -> float:
        get = self.weights.get
        score = self.intercept + sum(map(get, present, repeat(0.0)))
        score = 30.0 if score > 30.0 else -30.0 if score < -30.0 else score
        return 1.0 / (1.0 + math.exp(-score))

    def to_json(self) -> str:
        data = {
            "intercept": round(self.intercept, 4),
            "weights": {f: round(w, 4) for f, w in sorted(self.weights.items())},
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def link_model_from_json(raw: str) -> LinkModel:
    data = json.loads(raw)
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]
    return LinkModel(float(data["intercept"]), dict(data["weights"]), digest)


@cache
def _load(path: str, mtime: float) -> LinkModel | None:
    try:
        return link_model_from_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def load_link_model() -> LinkModel | None:
    """$TOLL_LINK_MODEL, else the shipped model; None when it is "off" or absent."""
    named = os.environ.get(MODEL_ENV)
    if named and named.strip().lower() in OFF:
        return None
    path = Path(named or SHIPPED)
    try:
        return _load(str(path), path.stat().st_mtime)
    except FileNotFoundError:
        return None


class Pairs:
    """Candidate (part, whole) pairs of one text's figures and their features."""

    def __init__(self, text: str, found: list, sentences, language: str):
        self.text, self.found, self.sentences, self.language = text, found, sentences, language
        self.rule = [f.part_of for f in found]
        self.size = [_size(f) for f in found]
        self.top = [_top(f) for f in found]
        self.paragraph = [sentences.paragraph(f.qstart) for f in found]
        prefix = [0]
        for s in self.size:
            prefix.append(prefix[-1] + (s or 0))
        self.prefix = prefix
        self._parts: dict[int, tuple[list[str], str]] = {}
        self.first_in_sentence = {}
        for k, f in enumerate(found):
            self.first_in_sentence.setdefault(f.sentence, k)

    def candidates(self, i: int) -> list[int]:
        """The figures `i` could be a part of: same paragraph and kind, at most two sentences
        before it (or later in its own sentence), not smaller than it."""
        f, out = self.found[i], []
        for j in range(max(0, i - BACK), min(len(self.found), i + AHEAD + 1)):
            g = self.found[j]
            if j == i or self.paragraph[j] != self.paragraph[i] or g.kind != f.kind:
                continue
            if j == i - 1 and f.source == "sibling" and not _colon_between(self.text, g, f):
                continue  # "1,277 killed in 2022, up from 584 in 2021": its sibling, not its whole
            if j < i and f.sentence - g.sentence > 2 or j > i and g.sentence != f.sentence:
                continue
            if same_list(f, g) or not fits_among(g, f):
                continue  # "two guards and two police officers are among the dead": siblings,
                # and of the dead only
            if self.top[j] is not None and self.size[i] is not None and self.size[i] > self.top[j]:
                continue
            out.append(j)
        return out

    def features(self, i: int, j: int) -> list[str]:
        """The features of figure `i` being a part of figure `j`."""
        f, g, text = self.found[i], self.found[j], self.text
        own, words = self._part(i)
        before = j < i
        direction = "b" if before else "a"
        gap_sentences = min(abs(f.sentence - g.sentence), 2)
        rule = "this" if self.rule[i] == j else "none" if self.rule[i] is None else "other"
        out = [
            *own,
            f"dir={direction}",
            f"d={direction}{min(abs(i - j), 5)}",
            f"sent={gap_sentences}",
            f"rule={rule}",
            f"rule+dir={rule}|{direction}",
            f"whole_is_part={self.rule[j] is not None}",
            f"cats={g.category}|{f.category}",
            f"same_cat={g.category == f.category}",
            f"wsub={bool(g.subgroup)}",
            f"wbare={g.bare}",
            f"wq={g.quantity.qualifier}",
            _ratio(self.size[i], self.top[j]),
        ]
        if f.subgroup and g.subgroup:
            out.append(f"sub_pair={g.subgroup == f.subgroup}")
        near = ""
        if gap_sentences == 0:
            lo, hi = (g.end, f.qstart) if before else (f.end, g.qstart)
            near = text[lo:hi].lower()
            gap = _TOKEN.findall(near)
            out += [f"g={w}" for w in gap[:6]] + [f"gl={w}" for w in gap[-4:]]
            out.append(f"glen={min(len(gap), 12) // 3}")
        else:
            out += self._opening(i)
            near = self.text[self.sentences.span(f.sentence)[0] : f.qstart].lower()
        after_whole = text[g.end : g.end + 3].lstrip()[:1]
        out.append(f"wpunct={after_whole if after_whole and not after_whole.isalnum() else 'w'}")
        between = range(j + 1, i) if before else range(i + 1, j)
        size = self.size[i]
        bigger = sum(
            1
            for k in between
            if self.rule[k] is None
            and self.size[k] is not None
            and size is not None
            and self.size[k] >= size
        )
        free = sum(1 for k in between if self.rule[k] is None)
        out += [
            f"bigger_between={min(bigger, 2)}",
            f"free_between={min(free, 2)}|{direction}",
            f"nearest={before and bigger == 0}",
        ]
        if before and self._adds_up(i, j):
            out.append("sum")
        stems = HINTS.get(g.category or "", ())
        named = any(s in words or s in near for s in stems)
        out.append(f"names_whole={named}")
        return out

    def _part(self, i: int) -> tuple[list[str], str]:
        """What does not depend on the candidate whole: the part's own features, and the
        words (lower case) around it that may name its whole."""
        if i not in self._parts:
            f, text = self.found[i], self.text
            own = [
                f"lang={self.language}",
                f"psub={bool(f.subgroup)}",
                f"of_them={f.of_them}",
                f"pbare={f.bare}",
                f"kind={f.kind}",
            ]
            if f.noun_is_whole:
                own.append("noun_is_whole")
            own += [f"pa={w}" for w in _TOKEN.findall(text[f.end : f.end + 30].lower())[:3]]
            own += [
                f"pb={w}"
                for w in _TOKEN.findall(text[max(0, f.qstart - 25) : f.qstart].lower())[-2:]
            ]
            words = f"{text[f.qstart : f.end + 40]} {f.among}".lower()
            self._parts[i] = (own, words)
        return self._parts[i]

    def _opening(self, i: int) -> list[str]:
        f = self.found[i]
        start = self.sentences.span(f.sentence)[0]
        opening = _TOKEN.findall(self.text[start : f.qstart].lower())[:4]
        return [f"open={w}" for w in opening] + [f"open_n={min(len(opening), 4)}"]

    def _adds_up(self, i: int, j: int) -> bool:
        """Whether the part and figures listed with it (from just after the whole, from the
        part, or from the start of the part's sentence) add up to the whole."""
        whole = self.size[j]
        if not whole:
            return False
        limit = self.found[j].sentence + 3
        starts = {j + 1, i, self.first_in_sentence.get(self.found[i].sentence, i)}
        for s in starts:
            if s <= j or s > i:
                continue
            for e in range(i, min(len(self.found), i + RUN)):
                if self.found[e].sentence >= limit:
                    break
                if e > s and self.prefix[e + 1] - self.prefix[s] == whole:
                    return True
        return False


def relink(text: str, found: list, sentences, language: str, model: LinkModel) -> None:
    """Set each figure's `part_of` to its best candidate whole above THRESHOLD (or None), in
    place; a part whose category came from its whole takes its new whole's."""
    pairs = Pairs(text, found, sentences, language)
    for i, f in enumerate(found):
        scored = sorted(
            ((model.probability(pairs.features(i, j)), j) for j in pairs.candidates(i)),
            reverse=True,
        )
        whole = next((j for p, j in scored if p >= THRESHOLD and not _cycle(found, i, j)
                      and not of_another_group(found[j], f)), None)
        if whole is None and _later_stage_of_them(found, i):
            whole = f.part_of  # "27 wounded, three of them died": the rules' marked link
        if (
            whole != f.part_of
            and whole is not None
            and f.source == "parent"
            and found[whole].category
        ):
            f.category = found[whole].category
        f.part_of = whole


# what people counted in a whole may go on to: the dead among the wounded or the arrested,
# the freed among the held ("27 wounded, three of them died"; "arrested 1,370, 78 of them
# suffocated"); the model, trained on parts that mostly share their whole's category, does not
# link these
LATER_STAGES = {**FLOWS, "killed": (*FLOWS["killed"], "injured")}


def _later_stage_of_them(found: list, i: int) -> bool:
    """Whether the rules linked figure `i` by "of them", "of the patients" («из них») right
    after its number (read once, by the rules: `of_them_after`) to the figure just before
    it, of which it is a later stage (not "17 civilians ... among them" after "rounded up
    40", nor a whole further back: those stay the model's)."""
    f = found[i]
    return (f.part_of == i - 1 and f.of_them_after
            and found[i - 1].category in LATER_STAGES.get(f.category, ()))


def _colon_between(text: str, whole, part) -> bool:
    return any(c in text[whole.end : part.qstart] for c in ":–—(")


def _cycle(found: list, i: int, j: int) -> bool:
    seen = set()
    while j is not None and j not in seen:
        if j == i:
            return True
        seen.add(j)
        j = found[j].part_of
    return False


def _size(f) -> int | None:
    q = f.quantity
    return q.value if q.value is not None else q.low


def _top(f) -> int | None:
    q = f.quantity
    if q.qualifier == "vague":
        return None
    return q.value or q.high or q.low


def _ratio(part: int | None, whole: int | None) -> str:
    if not part or not whole:
        return "ratio=?"
    r = part / whole
    return "ratio=" + ("1" if r == 1 else ">.5" if r > 0.5 else ">.1" if r > 0.1 else "small")
