"""Training examples for the learned category model (pure: no store).

A `LabelledText` is a text with some of its figures labelled: a corpus passage has every figure
labelled (`complete`: any other number in it is no harm figure), a stored source only the claims
a reviewer confirmed, corrected or rejected. A label is a category, or None for "not a harm
figure" (a rejected claim).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Label:
    start: int
    end: int
    category: str | None  # None: not a harm figure
    also: tuple[str, ...] = ()  # other fair categories ("also_acceptable_category")


@dataclass
class LabelledText:
    text: str
    language: str
    labels: list[Label] = field(default_factory=list)
    complete: bool = True
    origin: str = ""  # "b01.jsonl:b01-x-1", "claims of source 12"


def from_passages(passages: Iterable[dict], origin: str = "") -> list[LabelledText]:
    """Annotated corpus passages (the schema of tests/claims/corpus) as labelled texts."""
    from toll.claims.scoring import gold_spans

    texts = []
    for passage in passages:
        spans = gold_spans(passage["text"], passage["figures"])
        labels = [Label(span[0], span[1], g["category"],
                        tuple(_as_list(g.get("also_acceptable_category"))))
                  for g, span in zip(passage["figures"], spans, strict=True) if span]
        texts.append(LabelledText(passage["text"], passage.get("language", "en"), labels,
                                  True, f"{origin}:{passage.get('id', '')}"))
    return texts


def _as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def from_files(paths: Iterable[Path], language: str | None = None) -> list[LabelledText]:
    """Every passage of annotated JSON Lines files; a file named `x.ru.jsonl` is Russian."""
    from toll.claims.scoring import load_passages

    texts = []
    for path in paths:
        default = language or (path.stem.rsplit(".", 1)[1] if "." in path.stem else "en")
        passages = [{**p, "language": p.get("language", default)} for p in load_passages(path)]
        texts += from_passages(passages, path.name)
    return texts
