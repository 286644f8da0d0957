"""Within-text checks for reviewers."""

from toll.claims import check_figures, extract_figures


def test_parts_adding_up_to_more_than_their_whole():
    figures = extract_figures("The attack killed 20 people, including 15 women and 9 children.")
    [check] = check_figures(figures)
    assert check.kind == "parts_exceed_whole" and check.figures == (0, 1, 2)
    assert "24" in str(check)


def test_the_same_figure_stated_twice():
    text = ("Shelling killed 12 civilians on Monday. "
            "Officials repeated that 12 civilians were killed.")
    [check] = check_figures(extract_figures(text))
    assert check.kind == "stated_twice" and check.figures == (0, 1)


def test_consistent_figures_raise_nothing():
    figures = extract_figures("The strike killed 20 people, including 5 children.")
    assert check_figures(figures) == []
