"""Constructions fixed after batch b27 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll.claims import extract_figures


def brief(text: str, **kwargs) -> list[tuple]:
    return [(f.text, f.value, f.category, f.subgroup, f.part_of)
            for f in extract_figures(text, **kwargs)]


# -- Russian nouns of kin that name women --------------------------------------------------

def test_russian_mothers_wives_widows_are_women():
    figures = brief("Среди погибших 12 человек, в том числе 3 матери и 2 вдовы.", language="ru")
    assert [(f[1], f[3]) for f in figures] == [(12, None), (3, "women"), (2, "women")]
    assert [f[3] for f in brief("При обстреле ранены 4 жены и 2 матери.", language="ru")] == [
        "women", "women"]
