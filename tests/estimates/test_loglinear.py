import numpy as np
import pytest

from toll.estimates import CaptureTable, glm, simulate
from toll.estimates import loglinear as L
from toll.estimates import models as M


def codes(table, model):
    X = M.design(table.k, 2)
    fits = glm.fit(table.cell_counts()[None].astype(float), X, M.model_mask([model], table.k, 2))
    return int(fits.code[0])


def test_existence_and_identifiability_codes_as_in_sparsemse():
    # Chan, Silverman & Vincent (2021), Table 2: SparseMSE's `Artificial_3` (A 40, B 30, C 20,
    # AB 6; list C overlaps no other list). Published codes (check_extended_MLE):
    # [12,13,23] -> 2 (not identifiable), [12,3] -> 1 (no MLE), [13,23,1,2] -> 0; the
    # MultipleSystemsEstimation tests add the other pair models.
    table = CaptureTable.from_patterns(
        ["A", "B", "C"], [((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20), ((1, 1, 0), 6)])
    ab, ac, bc = 0b011, 0b101, 0b110
    assert codes(table, ()) == 0
    assert codes(table, (ab,)) == 1
    assert codes(table, (ac,)) == 0
    assert codes(table, (bc,)) == 0
    assert codes(table, (ab, ac)) == 1
    assert codes(table, (ab, bc)) == 1
    assert codes(table, (ac, bc)) == 0
    assert codes(table, (ab, ac, bc)) == 2


def test_two_lists_independence_is_lincoln_petersen():
    table = CaptureTable.from_patterns(["A", "B"], [((1, 1), 40), ((1, 0), 60), ((0, 1), 160)])
    result = L.independence(table)
    assert result.estimate == pytest.approx(100 * 200 / 40, rel=1e-9)


def test_fit_matches_closed_form_for_independence():
    table = simulate(5000, [0.3, 0.4, 0.5], seed=4)
    y = table.cell_counts().astype(float)
    fits = glm.fit(y[None], M.design(3, 2), M.model_mask([()], 3, 2))
    # compare with a direct Poisson likelihood maximisation through statsmodels
    import statsmodels.api as sm
    fitted = sm.GLM(y, M.design(3, 1), family=sm.families.Poisson()).fit(tol=1e-12)
    assert fits.beta[0, : 4] == pytest.approx(fitted.params, rel=1e-8)
    assert fits.se0[0] == pytest.approx(fitted.bse[0], rel=1e-6)


def test_stepwise_keeps_independent_table_independent():
    table = simulate(20000, [0.2, 0.3, 0.25, 0.4], seed=11)
    est, terms = L.stepwise(table.cell_counts()[None].astype(float), table.k)
    assert terms[0] == ()
    assert est[0] == pytest.approx(L.independence(table).estimate, rel=1e-9)


def test_stepwise_finds_a_strong_dependence():
    rng = np.random.default_rng(5)
    a = rng.random(6000) < 0.3
    b = np.where(a, rng.random(6000) < 0.7, rng.random(6000) < 0.1)   # B follows A
    c = rng.random(6000) < 0.3
    rows = {}
    for p in zip(a.astype(int), b.astype(int), c.astype(int), strict=True):
        if any(p):
            rows[p] = rows.get(p, 0) + 1
    table = CaptureTable.from_mapping(["A", "B", "C"], rows)
    _, terms = L.stepwise(table.cell_counts()[None].astype(float), 3)
    assert 0b011 in terms[0]


def test_stepwise_treats_non_overlapping_pair_as_minus_infinity():
    table = CaptureTable.from_patterns(
        ["A", "B", "C"], [((1, 0, 0), 120), ((0, 1, 0), 80), ((0, 0, 1), 90), ((1, 0, 1), 30),
                          ((0, 1, 1), 25), ((1, 1, 0), 0), ((1, 1, 1), 0)])
    result = L.stepwise_method(table, n_boot=50, seed=1)
    assert result.estimate is not None and np.isfinite(result.estimate)
    if "minus_infinity_terms" in result.diagnostics:
        assert result.diagnostics["minus_infinity_terms"] == ["A:B"]


def test_profile_interval_contains_estimate_and_is_reproducible():
    table = simulate(3000, [0.3, 0.3, 0.3], seed=2)
    y = table.cell_counts().astype(float)
    low, high, n_hat = L.profile_interval(y, 3, ())
    assert low < n_hat < high
    assert (low, high) == L.profile_interval(y, 3, ())[:2]


def test_bca_is_reproducible_with_seed(kosovo):
    a = L.best_model(kosovo, "bic", max_order=2, n_boot=100, seed=9)
    b = L.best_model(kosovo, "bic", max_order=2, n_boot=100, seed=9)
    assert (a.low, a.high) == (b.low, b.high)
