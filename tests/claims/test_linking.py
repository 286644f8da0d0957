"""The learned part-of decisions (toll.claims.linking), on invented sentences of the kinds the
rules missed in the real-text batches b24-b25 (issue 17): breakdowns with no marker word, place
breakdowns after a colon, Russian "из N ..." breakdowns, and lists of siblings that are no parts.
"""

import json
from pathlib import Path

from toll.claims import extract_figures
from toll.claims.linking import LinkModel, link_model_from_json, load_link_model
from toll.claims.training import train_links

BATCHES = Path(__file__).parent / "corpus" / "batches"


def links(text: str, language: str = "en", **kw) -> list[tuple[str, str | None, int | None]]:
    return [(f.text, f.category, f.part_of) for f in extract_figures(text, language=language, **kw)]


def test_the_shipped_link_model_is_on():
    assert load_link_model() is not None


def test_breakdown_listed_after_its_whole_without_a_marker():
    got = links(
        "Security forces freed 90 hostages, 40 men, 30 women and 20 children, the army said."
    )
    assert [p for _, _, p in got] == [None, 0, 0, 0]
    # the rules alone leave them unlinked
    assert [
        p
        for _, _, p in links(
            "Security forces freed 90 hostages, 40 men, 30 women and 20 children, the army said.",
            links=False,
        )
    ] == [None] * 4


def test_place_breakdown_after_a_colon():
    got = links("The clinic counted 45 dead in the attack: 20 in Aldor and 25 in Brenn.")
    assert [p for _, _, p in got] == [None, 0, 0]


def test_russian_breakdown_of_a_whole_named_first():
    got = links("Из 150 раненых 90 доставили в больницы столицы, 60 — в областной центр.", "ru")
    assert [(c, p) for _, c, p in got] == [("injured", None), ("injured", 0), ("injured", 0)]


def test_a_list_of_siblings_is_not_a_breakdown():
    got = links("Shelling destroyed 300 houses, 40 schools and 512 shops in the district.")
    assert [p for _, _, p in got] == [None, None, None]


def test_parts_named_by_their_whole_go_to_that_whole():
    got = links(
        "The strike killed 14 people and injured 24. Five of the dead and 10 of the "
        "injured were children."
    )
    assert got[2][1:] == ("killed", 0)
    assert got[3][1:] == ("injured", 1)


def test_links_never_make_a_part_larger_than_its_whole_or_a_cycle():
    for path in sorted(BATCHES.glob("b2[45].jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            passage = json.loads(line)
            figures = extract_figures(passage["text"], language=passage["language"])
            for f in figures:
                seen, k = set(), f.part_of
                while k is not None:
                    assert k not in seen
                    seen.add(k)
                    k = figures[k].part_of
                if f.part_of is not None:
                    whole = figures[f.part_of]
                    top = whole.value or whole.high
                    size = f.value if f.value is not None else f.low
                    if top is not None and size is not None and whole.qualifier != "vague":
                        assert size <= top, (passage["id"], f.text)


def test_train_links_learns_from_annotated_passages():
    passages = [
        json.loads(line)
        for line in (BATCHES / "b01.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    model = train_links(passages)
    assert isinstance(model, LinkModel) and model.weights
    again = link_model_from_json(model.to_json())
    assert again.weights == model.weights and again.digest == model.digest
    text = "Security forces freed 90 hostages, 40 men, 30 women and 20 children."
    assert extract_figures(text, links=model)  # usable as a model to extract with
