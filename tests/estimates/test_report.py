import json

import numpy as np
import pytest
from typer.testing import CliRunner

from toll.cli.app import app
from toll.estimates import (
    CaptureTable,
    estimate,
    estimate_strata,
    reproduce,
    sensitivity,
    simulate,
)
from toll.estimates import loglinear as L

QUICK = {"n_boot": 100, "burnin": 500, "samples": 200, "thin": 2, "chains": 2}
NAMES = ["independence", "loglinear-bic", "loglinear-aic", "loglinear-stepwise", "bma", "lcmcr"]


def test_estimate_reports_every_method_and_reproduces_exactly():
    table = simulate(1500, [0.3, 0.4, 0.35], seed=1)
    a = estimate(table, seed=5, **QUICK)
    b = estimate(table, seed=5, **QUICK)
    assert [m.name for m in a.methods] == NAMES
    assert a.to_dict() == b.to_dict()
    stored = json.loads(json.dumps(a.to_dict()))
    assert stored["observed"] == table.observed
    assert reproduce(stored).to_dict() == a.to_dict()        # from the stored JSON alone
    for m in a.methods:
        assert m.low <= m.estimate <= m.high


def test_warnings_for_two_lists_and_empty_cells():
    two = CaptureTable.from_patterns(["A", "B"], [((1, 1), 40), ((1, 0), 60), ((0, 1), 160)])
    report = estimate(two, methods="independence")
    assert any("fewer than 3 lists" in w for w in report.warnings)
    sparse = CaptureTable.from_patterns(
        ["A", "B", "C"], [((1, 0, 0), 20), ((0, 1, 0), 10), ((0, 0, 1), 3), ((1, 1, 0), 2)])
    report = estimate(sparse, methods="loglinear", **QUICK)
    assert any("empty" in w for w in report.warnings)
    assert any("nobody in common" in w for w in report.warnings)


def test_non_existent_fits_are_excluded_not_reported():
    # C overlaps nothing: models with C's interactions are set to minus infinity, and models
    # whose MLE does not exist are left out of the BIC ranking.
    table = CaptureTable.from_patterns(
        ["A", "B", "C"], [((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20), ((1, 1, 0), 6)])
    result = L.best_model(table, "bic", n_boot=50, seed=1)
    assert result.diagnostics["models_failing_checks"] > 0
    assert result.estimate is not None and np.isfinite(result.estimate)


def test_coverage_of_independence_intervals():
    # 100 synthetic tables with independent capture and known total 1,000: the 95%
    # model-conditional (profile likelihood) intervals must cover it at least 90 times.
    covered = 0
    for rep in range(100):
        table = simulate(1000, [0.25, 0.3, 0.2], seed=1000 + rep)
        low, high, _ = L.profile_interval(table.cell_counts().astype(float), 3, ())
        covered += low <= 1000 <= high
    assert covered >= 90


def test_strata_sum_and_sensitivity_rows():
    strata = {"north": simulate(800, [0.3, 0.4, 0.3], seed=1),
              "south": simulate(1200, [0.3, 0.3, 0.4], seed=2)}
    report = estimate_strata(strata, methods=["independence", "bma"], seed=1, **QUICK)
    total = {m.name: m for m in report.total}
    parts = [r.method("independence").estimate for r in report.strata.values()]
    assert total["independence"].estimate == pytest.approx(sum(parts))
    assert total["independence"].low < total["independence"].estimate < total["bma"].high
    table = simulate(2000, [0.3, 0.4, 0.3, 0.35], seed=3)
    rows = sensitivity(table, methods=["independence"])
    variants = {r["variant"] for r in rows}
    assert {"as given", "drop L1", "merge L1+L2"} <= variants


def test_cli_json_and_plot(tmp_path):
    table = simulate(1200, [0.3, 0.4, 0.35], seed=7)
    path = tmp_path / "t.csv"
    lines = [",".join(table.lists) + ",count"]
    lines += [",".join(map(str, p)) + f",{c}" for p, c in table.rows()]
    path.write_text("\n".join(lines) + "\n")
    plot = tmp_path / "p.png"
    result = CliRunner().invoke(app, ["estimate", "--table", str(path), "--json", "--n-boot",
                                      "50", "--burnin", "300", "--samples", "100", "--thin", "1",
                                      "--plot", str(plot), "--merge", "L1+L2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["observed"] == table.observed
    assert [m["name"] for m in data["methods"]] == NAMES
    assert data["lists"] == ["L1+L2", "L3"]
    assert plot.stat().st_size > 1000


def test_many_lists_fall_back_to_stepwise_with_warnings():
    table = simulate(3000, [0.3] * 7, seed=1)
    report = estimate(table, methods=["loglinear-bic", "loglinear-stepwise", "bma"], n_boot=30)
    by_name = {m.name: m for m in report.methods}
    assert by_name["loglinear-bic"].estimate is None and by_name["loglinear-bic"].warnings
    assert by_name["bma"].estimate is None and by_name["bma"].warnings
    assert by_name["loglinear-stepwise"].estimate == pytest.approx(3000, rel=0.1)


def test_tables_without_overlap_give_no_loglinear_estimate():
    # MultipleSystemsEstimation's test "assemble_bic handles data with no valid models":
    # three lists that never overlap (2 people each) admit no log-linear estimate.
    lonely = CaptureTable.from_patterns(["A", "B", "C"],
                                        [((1, 0, 0), 2), ((0, 1, 0), 2), ((0, 0, 1), 2)])
    report = estimate(lonely, methods="loglinear", n_boot=50)
    for m in report.methods:
        assert m.estimate is None and m.warnings
    assert any("nobody in common" in w for w in report.warnings)
    everyone = CaptureTable.from_patterns(["A", "B", "C"], [((1, 0, 0), 20), ((1, 1, 0), 5),
                                                           ((1, 0, 1), 3), ((1, 1, 1), 1)])
    report = estimate(everyone, methods="loglinear", n_boot=50)
    assert all(m.estimate is None for m in report.methods)
    assert any("records everyone" in w for w in report.warnings)


def write_table(path, table):
    lines = [",".join(table.lists) + ",count"]
    lines += [",".join(map(str, p)) + f",{c}" for p, c in table.rows()]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_cli_netherlands_bma_as_the_issue_ran_it(tmp_path, monkeypatch, netherlands):
    monkeypatch.chdir(tmp_path)
    path = write_table(tmp_path / "ned.csv", netherlands)
    result = CliRunner().invoke(app, ["estimate", "--table", str(path), "-m", "bma", "--delta",
                                      "0.03125", "--json"])
    assert result.exit_code == 0, result.output
    bma = json.loads(result.stdout)["methods"][0]
    assert bma["high"] > 150_000
    assert any("2 separate modes" in w for w in bma["warnings"])
    assert list(tmp_path.iterdir()) == [path], "no plot or other file unless asked"


def test_cli_refuses_a_table_whose_lists_share_no_one(tmp_path, toll):
    apart = CaptureTable.from_patterns(["A", "B", "C"], [((1, 0, 0), 9), ((0, 1, 0), 4),
                                                        ((0, 0, 1), 6), ((1, 1, 0), 2)])
    path = write_table(tmp_path / "apart.csv", apart)
    result = toll("estimate", "--table", path, "-m", "independence")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: no estimate: list(s) C share no one with the other")
    assert len(result.stderr.strip().splitlines()) == 1
