"""Every weak spot of an estimate says so: each test shows the warning it must give."""

import pytest

from toll.estimates import CaptureTable, bma, estimate, estimate_strata, run, simulate

QUICK = {"n_boot": 100, "burnin": 500, "samples": 200, "thin": 2, "chains": 2}


def warned(report, method: str, words: str) -> bool:
    return any(words in w for w in report.method(method).warnings)


# ---- BMA: a second mode, a zero margin, the grid ------------------------------------------
def test_netherlands_bma_shows_both_modes_and_an_upper_limit_far_above(netherlands):
    # Binette & Steorts's five-list Netherlands table: a bimodal posterior. The second mode
    # (near 166,600) comes from graphs joining K and R, two lists that share nobody. A grid
    # stopping at 10x the observed hid it (47,962, 39,967-55,874, no warning).
    table = netherlands
    assert table.observed == 8234
    result = bma.estimate_bma(table, delta=0.03125)
    modes = result.diagnostics["modes"]
    assert [round(m["total"], -3) for m in modes] == [48_000, 167_000]
    assert result.high > 150_000 and result.low < 50_000
    assert any("2 separate modes" in w for w in result.warnings)
    assert any("share nobody (K–R)" in w for w in result.warnings)
    assert not result.diagnostics["grid"]["cut"]
    # the old default grid is cut, and says by how much
    old = bma.estimate_bma(table, delta=0.03125, grid_max=10 * table.observed)
    assert old.high < 60_000
    assert any("cuts off 8" in w for w in old.warnings)


def test_a_table_written_with_a_second_mode():
    # A and B share one person only: graphs with the A-B dependence put the total near 950,
    # the others near 310-360, and the posterior has separate modes.
    table = CaptureTable.from_patterns(list("ABC"), [
        ((1, 0, 0), 164), ((0, 1, 0), 13), ((0, 0, 1), 89), ((1, 0, 1), 21), ((0, 1, 1), 20),
        ((1, 1, 1), 1)])
    result = bma.estimate_bma(table)
    totals = [m["total"] for m in result.diagnostics["modes"]]
    assert len(totals) >= 2 and max(totals) > 2 * min(totals)
    assert any("separate modes" in w for w in result.warnings)


def test_one_mode_gives_no_mode_warning():
    result = bma.estimate_bma(simulate(2000, [0.3, 0.35, 0.4, 0.3], seed=21))
    assert len(result.diagnostics["modes"]) == 1 and not result.warnings


# ---- log-linear selection ---------------------------------------------------------------
def test_selection_that_hit_max_order_says_so(kosovo):
    capped = estimate(kosovo, methods="loglinear-bic", max_order=2, n_boot=50)
    assert warned(capped, "loglinear-bic", "highest order searched (--max-order 2)")
    free = estimate(kosovo, methods="loglinear-bic", n_boot=50)        # order 3 = k - 1
    assert not warned(free, "loglinear-bic", "highest order searched")


def test_bootstrap_reselection_that_disagrees_with_the_point_model(kosovo):
    # Silverman et al. (2024), Table 4: the BIC-best Kosovo model is best again in only 37.5%
    # of resamples.
    report = estimate(kosovo, methods="loglinear-bic", n_boot=300, seed=3)
    share = report.method("loglinear-bic").diagnostics["reselected_share"]
    assert 0.25 < share < 0.5
    assert warned(report, "loglinear-bic", "chosen again in only")
    steady = estimate(simulate(20000, [0.3, 0.4, 0.35], seed=2), methods="loglinear-bic",
                      n_boot=100)
    assert not warned(steady, "loglinear-bic", "chosen again")


ZERO_MARGIN = CaptureTable.from_patterns(
    ["A", "B", "C"], [((1, 0, 0), 120), ((0, 1, 0), 80), ((0, 0, 1), 90), ((1, 0, 1), 30),
                      ((0, 1, 1), 25)])            # A and B share nobody


def test_a_zero_margin_is_named_and_its_models_left_out():
    report = estimate(ZERO_MARGIN, methods=["loglinear-bic", "loglinear-stepwise", "bma"],
                      **QUICK)
    assert any("A and B have nobody in common (a zero margin)" in w for w in report.warnings)
    assert warned(report, "loglinear-bic", "not identifiable from this table")
    assert report.method("loglinear-bic").estimate is not None


def test_sparse_cells_are_named():
    table = CaptureTable.from_patterns(
        ["A", "B", "C"], [((1, 0, 0), 120), ((0, 1, 0), 80), ((0, 0, 1), 90), ((1, 1, 0), 30),
                          ((1, 0, 1), 25), ((0, 1, 1), 2), ((1, 1, 1), 12)])
    report = estimate(table, methods="independence")
    assert any("1 of 7 capture patterns hold fewer than 5 people (011: 2)" in w
               for w in report.warnings)
    dense = estimate(simulate(5000, [0.4, 0.4, 0.4], seed=1), methods="independence")
    assert not any("fewer than 5" in w for w in dense.warnings)


def test_sensitivity_names_a_list_whose_removal_moves_the_estimate(kosovo):
    # On Kosovo, dropping HRW moves the BIC estimate from 10,357 to 22,301.
    done = run({"all": kosovo}, ["loglinear-bic"], 0, {"n_boot": 50}, with_sensitivity=True)
    assert any("without list HRW the estimate moves from 10,357 to 22,301" in w
               for w in done.report.warnings)
    assert {r["variant"] for r in done.sensitivity} >= {"as given", "drop HRW"}


# ---- what cannot be estimated is refused --------------------------------------------------
def test_lists_that_share_no_one_get_no_estimate():
    apart = CaptureTable.from_patterns(["A", "B", "C"],
                                       [((1, 0, 0), 5), ((0, 1, 0), 7), ((0, 0, 1), 3)])
    report = estimate(apart, **QUICK)
    assert report.methods == [] and "no two lists share anyone (A, B, C)" in report.refused
    alone = CaptureTable.from_patterns(
        ["A", "B", "C"], [((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20), ((1, 1, 0), 6)])
    report = estimate(alone, **QUICK)
    assert report.methods == [] and report.refused.startswith("list(s) C share no one")
    assert "--drop C" in report.refused
    assert estimate(alone.drop("C"), methods="independence").refused is None
    assert report.to_dict()["refused"] == report.refused


# ---- strata -------------------------------------------------------------------------------
def test_a_stratum_too_small_for_a_method_is_left_out_and_said():
    strata = {"sex=female": simulate(900, [0.3, 0.4, 0.35], seed=1),
              "sex=male": simulate(1100, [0.3, 0.35, 0.4], seed=2),
              "sex=unknown": CaptureTable.from_patterns(
                  ["L1", "L2", "L3"], [((1, 0, 0), 4), ((0, 1, 0), 3), ((0, 0, 1), 2)])}
    report = estimate_strata(strata, methods=["independence", "bma"], seed=1, **QUICK)
    assert report.strata["sex=unknown"].refused
    assert report.left_out() == {"independence": {"sex=unknown": 9}, "bma": {"sex=unknown": 9}}
    total = report.method("independence") if hasattr(report, "method") else report.total[0]
    parts = [report.strata[s].method("independence").estimate for s in ("sex=female", "sex=male")]
    assert total.estimate == pytest.approx(sum(parts))
    assert any("the sum covers 2 of 3 strata: sex=unknown (9 recorded)" in w
               for w in total.warnings)
    assert any("stratum sex=unknown is not estimated" in w for w in report.warnings)
    data = report.to_dict()
    assert data["left_out"]["bma"] == {"sex=unknown": 9} and data["refused"] is None


def test_netherlands_log_linear_fits_and_names_its_minus_infinity_term(netherlands):
    # Fits that overflow on this sparse table used to stop the whole search ("SVD did not
    # converge"); they are now left out, and the BIC-best model's K:R term, over two lists
    # that share nobody, is named.
    report = estimate(netherlands, methods="loglinear-bic", n_boot=30, seed=0)
    bic = report.method("loglinear-bic")
    assert bic.estimate is not None and bic.diagnostics["model"] == "[12][135][24][34]"
    assert warned(report, "loglinear-bic", "term(s) K:R join lists that share nobody")


def test_an_upper_limit_far_beyond_the_observed_is_no_limit():
    from toll.estimates.loglinear import _bounded_high

    warnings: list[str] = []
    assert _bounded_high(9.3e15, 8234, warnings) is None
    assert "no upper limit is given" in warnings[0]
    assert _bounded_high(200_000, 8234, []) == 200_000


@pytest.mark.parametrize("setting", [{"grid_max": -5}, {"n_boot": 0}, {"chains": 0}])
def test_a_setting_that_means_nothing_at_zero_or_below_is_refused(setting):
    from toll.errors import TollError

    name = next(iter(setting))
    with pytest.raises(TollError, match=f"estimate setting {name} must be above zero"):
        estimate(simulate(500, [0.4, 0.4, 0.4], seed=1), methods="bma", **setting)
