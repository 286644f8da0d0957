"""One rule of what public outputs hide, used by the web's public view, exports, reports and
the case and family figures."""

from toll.figures.public import is_suppressed, suppress


def test_counts_of_one_to_four_are_hidden_zero_and_five_are_shown():
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]
    assert suppress(None) is None
    assert not is_suppressed(None)
