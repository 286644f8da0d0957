"""Every batch of the real-text corpus (tests/claims/corpus/batches/bNN.jsonl) is well-formed.

The batches are gold annotations for measuring the extractor on statements it has never seen
(issue 17), read by ../shared/tools/score_figures.py. These checks keep them scoreable: each
figure's words are found in its passage (in the order listed, as the scorer finds them), part_of
points at another figure of the same passage that is not smaller, qualifiers agree with their
bounds, and categories and qualifiers are those of the schema. They do not run the extractor.
"""
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from toll.claims.scoring import gold_spans

BATCHES = Path(__file__).parent / "corpus" / "batches"
FILES = sorted(BATCHES.glob("b[0-9][0-9].jsonl"))

CATEGORIES = {"killed", "injured", "missing", "captured", "released", "tortured", "displaced",
              "orphaned", "families_killed", "buildings_destroyed", "buildings_damaged",
              "casualties", "bodies_found"}
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "at_most", "less_than", "range", "vague"}
PASSAGE_KEYS = {"id", "text", "figures", "non_figures", "source_url", "publisher_kind",
                "conflict", "language"}
FIGURE_KEYS = {"text", "value", "low", "high", "qualifier", "category", "subject", "subgroup",
               "part_of", "incident", "speaker"}
LANGUAGES = {"en", "ru"}
# the kinds of body the README lists; a Wikipedia article (or a mirror's copy of one) that
# quotes no body is an advocacy site, as in every batch since b01
PUBLISHER_KINDS = {"un_agency", "icrc", "ombudsman", "ministry", "government",
                   "local_authority", "armed_forces", "armed_group", "court", "ngo", "advocacy",
                   "news_wire", "local_media"}
WIKIPEDIA = re.compile(r"^https?://([a-z]+\.)*wikipedia\.org/")
# words that scale a number, so the digits alone do not give the value
SCALE = re.compile(r"(?i)million|billion|thousand|hundred|dozen|тыс|млн|миллион|сот|десят")
DIGITS = re.compile(r"\d[\d,.\u00a0\u202f ]*\d|\d")


def _passages(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for n, line in enumerate(lines, 1):
        assert line.strip(), f"{path.name}:{n}: empty line"
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as e:
            pytest.fail(f"{path.name}:{n}: not JSON ({e})")
    return out


def _on_word_edges(text: str, span: tuple[int, int]) -> bool:
    """The scorer finds a figure's words by position: they must not start or end mid-word."""
    start, end = span
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and \
        not (after.isalnum() and text[end - 1].isalnum())


def _digits_value(text: str) -> int | None:
    """The value written in digits, when the words hold exactly one number and no scale word."""
    found = DIGITS.findall(text)
    if len(found) != 1 or SCALE.search(text):
        return None
    raw = found[0]
    if re.search(r"[.,]\d{1,2}$", raw):
        return None
    return int(re.sub(r"\D", "", raw))


def _check_figure(where: str, f: dict, i: int, figures: list[dict]) -> None:
    assert FIGURE_KEYS <= set(f), f"{where}: missing keys {FIGURE_KEYS - set(f)}"
    assert f["category"] in CATEGORIES, f"{where}: category {f['category']!r}"
    for c in f.get("also_acceptable_category", []):
        assert c in CATEGORIES and c != f["category"], f"{where}: also category {c!r}"
    q, v, lo, hi = f["qualifier"], f["value"], f["low"], f["high"]
    assert q in QUALIFIERS, f"{where}: qualifier {q!r}"
    if q == "range":
        assert v is None and lo is not None and hi is not None and lo < hi, f"{where}: range bounds"
    elif q == "vague":
        assert v is None and lo is not None, f"{where}: vague figures keep a low bound only"
    else:
        assert isinstance(v, int) and v >= 0, f"{where}: value {v!r}"
    if q in ("at_least", "more_than"):
        assert lo == v, f"{where}: {q} needs low == value"
    if q in ("at_most", "less_than"):
        assert hi == v, f"{where}: {q} needs high == value"
    if q == "exact":
        assert lo is None and hi is None, f"{where}: exact figure with bounds"
    written = _digits_value(f["text"])
    if written is not None and v is not None:
        assert written == v, f"{where}: words say {written}, value is {v}"
    p = f["part_of"]
    if p is not None:
        assert isinstance(p, int) and 0 <= p < len(figures) and p != i, f"{where}: part_of {p!r}"
        whole = figures[p]
        assert whole["part_of"] != i, f"{where}: part_of cycle"
        big = whole["value"] if whole["value"] is not None else whole["high"]
        small = v if v is not None else f["low"]
        if big is not None and small is not None:
            assert small <= big, f"{where}: part larger than its whole"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_batch_is_well_formed(path: Path):
    passages = _passages(path)
    assert len(passages) >= 40, f"{path.name}: a batch holds at least 40 passages"
    for n, d in enumerate(passages, 1):
        where = f"{path.name}:{n} ({d.get('id')})"
        assert PASSAGE_KEYS <= set(d), f"{where}: missing keys {PASSAGE_KEYS - set(d)}"
        assert d["language"] in LANGUAGES, f"{where}: language {d['language']!r}"
        assert d["source_url"].startswith("http"), f"{where}: source_url"
        assert d["publisher_kind"] in PUBLISHER_KINDS, f"{where}: {d['publisher_kind']!r}"
        assert not WIKIPEDIA.match(d["source_url"]) or d["publisher_kind"] == "advocacy", \
            f"{where}: a Wikipedia article is an advocacy site, not {d['publisher_kind']!r}"
        text, figures = d["text"], d["figures"]
        spans = gold_spans(text, figures)
        for i, (f, span) in enumerate(zip(figures, spans, strict=True)):
            assert span is not None, f"{where}: figure {f['text']!r} not in the text"
            assert _on_word_edges(text, span), \
                f"{where}: figure {f['text']!r} is found inside a longer word or number"
            _check_figure(f"{where} figure {i} {f['text']!r}", f, i, figures)
        starts = [s[0] for s in spans]
        assert starts == sorted(starts), f"{where}: figures not listed in text order"
        for a, b in pairwise(spans):
            assert a[1] <= b[0], f"{where}: figure spans overlap"
        for nf in d["non_figures"]:
            assert nf in text, f"{where}: non-figure {nf!r} not in the text"
            k = text.find(nf)
            assert not any(k < e and s < k + len(nf) for s, e in spans), \
                f"{where}: non-figure {nf!r} overlaps a figure"


def test_batch_ids_are_unique_and_languages_mixed():
    if not FILES:
        pytest.skip("no batch yet")
    ids = [d["id"] for path in FILES for d in _passages(path)]
    assert len(ids) == len(set(ids)), "passage ids repeat across batches"
    for path in FILES:
        langs = [d["language"] for d in _passages(path)]
        assert langs.count("ru") * 5 >= len(langs), f"{path.name}: under a fifth in Russian"
