"""The estimate a headline shows: the latest over the whole register, not a later one by strata."""

import pytest

from toll.figures.public import headline_estimate, public_summary
from toll.model import Estimate
from toll.store.history import retract

pytestmark = pytest.mark.db


def _estimate(label: str, by: list[str], value: float) -> Estimate:
    method = {"name": "independence", "estimate": value, "low": value - 10, "high": value + 10}
    return Estimate(label=label, stratum={"by": by}, table={}, settings={},
                    result={"observed": 90, "methods": [method]}, toll_version="test")


def test_a_later_estimate_by_strata_does_not_replace_the_whole_registers(store):
    with store.session() as session:
        assert headline_estimate(session) is None
        session.add(_estimate("by status", ["status"], 80.0))
        session.flush()
        assert headline_estimate(session).label == "by status"  # the only one
        session.add_all([_estimate("all lists", [], 120.0), _estimate("by sex", ["sex"], 95.0)])
        session.flush()
        assert headline_estimate(session).label == "all lists"
        assert public_summary(session).estimate["label"] == "all lists"


def test_a_retracted_estimate_is_never_the_headline(store):
    with store.session() as session:
        session.add_all([_estimate("first", [], 100.0), _estimate("second", [], 110.0)])
        session.flush()
        second = headline_estimate(session)
        assert second.label == "second"
        retract(session, second, "wrong lists")
        session.flush()
        assert headline_estimate(session).label == "first"
