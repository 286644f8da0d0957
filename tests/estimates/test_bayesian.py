import numpy as np
import pytest

from toll.estimates import bma, lcmcr, simulate


def test_bma_recovers_an_independent_total():
    table = simulate(2000, [0.3, 0.35, 0.4, 0.3], seed=21)
    result = bma.estimate_bma(table)
    assert result.low < 2000 < result.high
    assert result.diagnostics["graphs"] == 61
    assert not result.warnings


def test_bma_grid_adapts_and_a_fixed_grid_says_what_it_cut(kosovo):
    # the adaptive grid covers the Kosovo posterior (centred near 12,600) with nothing cut
    adaptive = bma.estimate_bma(kosovo)
    assert not adaptive.warnings and not adaptive.diagnostics["grid"]["cut"]
    assert round(adaptive.estimate) == 12592
    # a grid fixed at 5,000 unrecorded cuts most of it off, and says how much
    fixed = bma.estimate_bma(kosovo, grid_max=5000)
    assert fixed.diagnostics["grid"]["cut_mass"] > 0.9
    assert any("stops at 5,000 (set by --grid-max) and cuts off 9" in w for w in fixed.warnings)


def test_bma_warns_when_the_grid_reaches_its_cap(kosovo):
    # a flat prior on N under the complete graph (which dominates Kosovo without HRW) gives a
    # posterior that never falls off: the grid stops at its cap and says what it cut
    three = kosovo.drop("HRW")
    result = bma.estimate_bma(three, prior="uniform")
    grid = result.diagnostics["grid"]
    assert grid["cut"] and grid["max"] == bma.GRID_CAP * three.observed
    assert any("its cap, 1,000 times the observed" in w for w in result.warnings)


def test_lcmcr_is_reproducible_and_close_on_independent_lists():
    table = simulate(3000, [0.3, 0.4, 0.35, 0.3], seed=8)
    a = lcmcr.estimate_lcmcr(table, K=5, chains=2, burnin=1000, samples=300, thin=2, seed=4)
    b = lcmcr.estimate_lcmcr(table, K=5, chains=2, burnin=1000, samples=300, thin=2, seed=4)
    assert np.array_equal(a.draws, b.draws)
    assert a.estimate == pytest.approx(3000, rel=0.1)
    assert a.low < a.estimate < a.high


def test_rhat_flags_chains_that_disagree():
    rng = np.random.default_rng(0)
    agree = rng.normal(0, 1, size=(4, 500))
    disagree = agree + np.array([0, 0, 5, 5])[:, None]
    assert lcmcr.split_rhat(agree) < 1.02
    assert lcmcr.split_rhat(disagree) > 1.5


def test_lcmcr_warns_on_unconverged_chains():
    # a handful of sweeps from random starts cannot have converged on a sparse 5-list table
    table = simulate(400, [[0.05, 0.6, 0.02, 0.5, 0.1], [0.5, 0.05, 0.4, 0.02, 0.3]],
                     weights=[0.7, 0.3], seed=3)
    result = lcmcr.estimate_lcmcr(table, K=10, chains=6, burnin=0, samples=40, thin=1, seed=1)
    assert result.diagnostics["rhat"] > 1.05 or result.diagnostics["effective_draws"] < 100
    assert result.warnings


def test_bma_warns_when_the_complete_graph_dominates(kosovo):
    # Kosovo without HRW: every pair of the three remaining lists is dependent, which only the
    # complete (unidentified) graph allows among decomposable graphs.
    result = bma.estimate_bma(kosovo.drop("HRW"))
    assert result.diagnostics["complete_graph_weight"] > 0.5
    assert any("all lists depend on each other" in w for w in result.warnings)
    assert not any("all lists depend" in w for w in bma.estimate_bma(kosovo).warnings)
