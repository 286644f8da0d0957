"""Figures before a total marked as one ("in all", «всего») are its parts (issue 17): with a
comma after the marker, not when the part counts another occasion than the running total, and
not a count of the attackers under a total of their victims. Invented sentences."""

from toll.claims import extract_figures


def links(text: str, language: str = "en") -> list[tuple[int | None, str | None, int | None]]:
    return [(f.value, f.category, f.part_of)
            for f in extract_figures(text, language=language)]


def test_a_total_marked_with_a_comma_after_in_all_holds_the_figures_before_it():
    got = links("Three guards died at the gate and nine villagers in the market. "
                "In all, 40 people were killed in the raid.")
    assert got == [(3, "killed", 2), (9, "killed", 2), (40, "killed", None)]


def test_a_release_in_the_latest_exchange_is_no_part_of_the_running_total():
    got = links("The office said 61 soldiers came home in the latest exchange. "
                "In total, 1,204 people have been freed.")
    assert [p for _, _, p in got] == [None, None]


def test_attackers_killed_are_no_part_of_a_total_of_their_victims():
    got = links("Two of the gunmen were shot dead; in all the attack killed 11 shoppers.")
    assert [(v, p) for v, _, p in got] == [(2, None), (11, None)]
