"""Constructions fixed after batch b30 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll_testing import figures_in

FIELDS = ("text", "value", "qualifier", "category", "part_of")


def brief(text: str, **options) -> list[tuple]:
    return figures_in(text, *FIELDS, **options)


# -- a list before "were among the wounded": every item of the wounded, none of the dead ----

def test_every_item_of_a_list_before_among_the_wounded_is_wounded():
    found = brief("The raid killed 30 villagers: 20 farmers and 10 herders. Eight Danes, three "
                  "Poles and two Czechs were among the wounded.")
    assert [(f[0], f[3], f[4]) for f in found[3:]] == [
        ("Eight Danes", "injured", None), ("three Poles", "injured", None),
        ("two Czechs", "injured", None)]


def test_among_the_wounded_is_a_part_of_the_wounded_not_of_the_dead():
    found = brief("Shelling killed 25 people and wounded 70. Six nurses and four teachers "
                  "were among the wounded.")
    assert [(f[3], f[4]) for f in found[2:]] == [("injured", 1), ("injured", 1)]
    found = brief("Shelling killed 25 people and wounded 70. Six nurses and four teachers "
                  "were among the dead.")
    assert [(f[3], f[4]) for f in found[2:]] == [("killed", 0), ("killed", 0)]
