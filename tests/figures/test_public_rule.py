"""One rule of what public outputs hide, used by the web's public view, exports, reports and
the case and family figures."""

from toll.figures.public import hidden_cells, is_suppressed, suppress


def test_counts_of_one_to_four_are_hidden_zero_and_five_are_shown():
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]
    assert suppress(None) is None
    assert not is_suppressed(None)


def recoverable(cells: dict, hidden: set, axis: int) -> list:
    """Hidden cells that are the only hidden cell of their line (worked out from its total)."""
    lines: dict = {}
    for key in hidden:
        lines.setdefault(key[axis], []).append(key)
    return [keys[0] for keys in lines.values() if len(keys) == 1]


def test_a_row_with_one_hidden_count_hides_its_smallest_other_count():
    cells = {("missing", "female"): 77, ("missing", "male"): 90, ("missing", "unknown"): 4}
    cells |= {("killed", "female"): 300, ("killed", "male"): 369, ("killed", "unknown"): 0}
    hidden = hidden_cells(cells)
    assert hidden == {("missing", "unknown"), ("missing", "female")}
    assert recoverable(cells, hidden, 0) == []


def test_zero_is_never_the_second_hidden_cell():
    cells = {("a", "x"): 3, ("a", "y"): 0, ("a", "z"): 9}
    assert hidden_cells(cells) == {("a", "x"), ("a", "z")}


def test_columns_are_protected_when_their_totals_are_published_and_it_repeats():
    cells = {(r, c): n for (r, c, n) in [
        ("1", "k", 2), ("1", "m", 30), ("2", "k", 40), ("2", "m", 7), ("3", "k", 50),
        ("3", "m", 60),
    ]}  # fmt: skip
    hidden = hidden_cells(cells, rows=True, columns=True)
    assert recoverable(cells, hidden, 0) == [] and recoverable(cells, hidden, 1) == []
    assert ("1", "k") in hidden and len(hidden) >= 4
    assert hidden_cells(cells, rows=False) == {("1", "k")}


def test_a_table_with_nothing_small_hides_nothing():
    assert hidden_cells({("a", "x"): 5, ("a", "y"): 0}) == set()
