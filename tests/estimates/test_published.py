"""Published results reproduced on the public tables in ../shared/mse/ (see its README).

Deterministic methods are checked exactly (to the published rounding); the bootstrap
intervals are Monte Carlo and checked loosely.
"""

import numpy as np
import pytest

from toll.estimates import bma
from toll.estimates import loglinear as L
from toll.estimates import models as M


def ranked(table, order):
    search = L.search_models(table.cell_counts().astype(float), table.k, order, "bic")
    return [(M.model_name(search.models[i], table.k), search.estimates[i],
             search.criterion[i]) for i in search.ranking]


def test_kosovo_bic_best_three_way_model(kosovo):
    # Ball et al. (2002): 10,356; Silverman, Chan & Vincent (2024), Table 6: [123][14][34] 10,357.
    name, est, _ = ranked(kosovo, 3)[0]
    assert name == "[123][14][34]"
    assert round(est, 1) == 10356.5


def test_kosovo_three_best_models_within_one_bic_unit(kosovo):
    # Silverman et al. (2024): the three best BIC models give 10,357, 12,741 and 18,393.
    top = ranked(kosovo, 3)[:3]
    assert [round(e) for _, e, _ in top] == [10357, 12741, 18393]
    assert top[2][2] - top[0][2] < 1


def test_kosovo_bic_best_two_way_model(kosovo):
    # Silverman et al. (2024), Table 6: the BIC-best model with two-way terms only: 14,342.
    name, est, _ = ranked(kosovo, 2)[0]
    assert name == "[12][13][14][23][34]"
    assert round(est) == 14342


def test_kosovo_bca_intervals_close_to_published(kosovo):
    # Published BCa 95%: 6,947-18,010 (all models, order 3); 12,451-16,273 (order 2).
    r3 = L.best_model(kosovo, "bic", max_order=3, n_boot=1000, ntop=10**9, seed=3)
    assert r3.low == pytest.approx(6947, rel=0.10) and r3.high == pytest.approx(18010, rel=0.06)
    r2 = L.best_model(kosovo, "bic", max_order=2, n_boot=1000, seed=3)
    assert r2.low == pytest.approx(12451, rel=0.03) and r2.high == pytest.approx(16273, rel=0.03)


def test_spina_bifida_dga_anchors(spina):
    # R package dga, spina bifida test vectors (Madigan & York 1997): delta = 1,
    # negative-binomial prior a = 13.14, b = 55.17, Nmissing 1..300.
    grid = np.arange(1, 301, dtype=float)
    weights, graphs = bma.posterior(spina, grid, delta=1.0,
                                    log_prior=bma.log_prior_negbin(13.14, 55.17))
    total = spina.observed + grid
    marginal = weights.sum(axis=0)
    bayes = (marginal / total).sum() / (marginal / total**2).sum()
    assert round(bayes) == 731
    assert total[np.argmax(marginal)] == 728
    by_graph = weights.sum(axis=1)
    top = int(np.argmax(by_graph))
    assert round(by_graph[top], 2) == 0.37
    assert total[np.argmax(weights[top])] == 729


def test_graph_and_model_counts():
    # dga: 8 / 61 / 822 decomposable graphs; MultipleSystemsEstimation: 8, 113, 1,024, 32,768
    # hierarchical models.
    assert [len(bma.decomposable_graphs(k)) for k in (3, 4, 5)] == [8, 61, 822]
    assert len(M.enumerate_models(3, 2)) == 8
    assert len(M.enumerate_models(4, 3)) == 113
    assert len(M.enumerate_models(5, 2)) == 1024
    assert len(M.enumerate_models(6, 2)) == 32768


KOREA = [((0, 0, 1), 41), ((0, 1, 0), 5), ((1, 0, 0), 5), ((1, 1, 0), 54), ((1, 0, 1), 6),
         ((0, 1, 1), 0), ((1, 1, 1), 12)]


def korea():
    # Korean women held in sexual slavery, Palembang: three lists b, c, d (Ball, Shin & Yang
    # 2018, HRDAG), the `Korea` data of SparseMSE / MultipleSystemsEstimation, as printed in
    # the MultipleSystemsEstimation reference pages.
    from toll.estimates import CaptureTable

    return CaptureTable.from_patterns(["b", "c", "d"], KOREA)


def test_korea_bic_stepwise_and_main_effects_as_in_multiplesystemsestimation():
    table = korea()
    y = table.cell_counts().astype(float)
    search = L.search_models(y, 3, 2, "bic")
    best = int(search.ranking[0])
    # estimate_population(Korea): BIC model [12,23], total 157.16667, BIC 57.14081
    assert M.model_name(search.models[best], 3) == "[12][23]"
    assert search.estimates[best] == pytest.approx(157.16667, abs=1e-4)
    assert search.criterion[best] == pytest.approx(57.14081, abs=1e-4)
    second = int(search.ranking[1])
    assert M.model_name(search.models[second], 3) == "[12][3]"
    assert search.criterion[second] == pytest.approx(58.9686, abs=1e-4)
    # [12,13] and [12,13,23] have no valid fit and are left out
    names = {M.model_name(search.models[i], 3) for i in search.ranking}
    assert "[12][13]" not in names and "[12][13][23]" not in names
    # estimate_population_stepwise(Korea): [12,3], total 268.7778
    est, terms = L.stepwise(y[None], 3)
    assert M.model_name(terms[0], 3) == "[12][3]"
    assert est[0] == pytest.approx(268.7778, abs=1e-4)
    # main effects: 141.99264735066032 (downhill_funs test vector)
    assert L.independence(table).estimate == pytest.approx(141.99264735066032, rel=1e-9)


def test_kosovo_stepwise_with_any_order(kosovo):
    # estimate_population_stepwise(Kosovo, maxorder = Inf): [134,12,23], total 18,393.31
    y = kosovo.cell_counts().astype(float)
    est, terms = L.stepwise(y[None], 4, max_order=4)
    assert M.model_name(terms[0], 4) == "[12][134][23]"
    assert est[0] == pytest.approx(18393.31, abs=0.01)
