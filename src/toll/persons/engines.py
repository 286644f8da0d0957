"""Where splink runs: DuckDB on one machine, Spark beyond, behind one small interface.

Linkage (`toll.persons.linkage`) asks an engine for four things only: the SQL dialect its
settings are written in, a table made from a DataFrame, the splink database API the `Linker`
runs on, and a way to add up sums in one order (`in_one_order`) while the model is trained.
Each engine sets itself up and cleans up after itself.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pandas as pd

from toll.errors import TollError

ENGINES = ("duckdb", "spark")
DUCKDB_MEMORY = os.environ.get("TOLL_DUCKDB_MEMORY", "1.5GB")


class Engine:
    """A splink database API (`api`) and how tables are handed to it."""

    def __init__(self, api):
        self.api = api

    @property
    def dialect(self) -> str:
        """The SQL dialect of splink settings for this engine ("duckdb", "spark")."""
        return self.api.sql_dialect.sql_dialect_str

    def table(self, frame: pd.DataFrame, name: str):
        """The frame as a table splink can query, under `name`."""
        return self.api.register(frame, table_name=name)

    def in_one_order(self):
        """A context in which the engine adds up sums in the same order on every run.

        Training sums probabilities over hundreds of thousands of pairs; added in another
        order, floating-point sums differ in their last digits, and so would the trained
        model and, at the margins (a pair just at the review floor, a clear best candidate
        just at its margin), the persons. The default promises nothing (Spark's order
        depends on its partitions).
        """
        return nullcontext()

    def close(self) -> None:
        """Release what the engine holds (nothing, unless an engine says otherwise)."""


class DuckDB(Engine):
    """DuckDB in this process, within a memory limit, spilling to the temporary folder."""

    def __init__(self):
        from splink import DuckDBAPI

        super().__init__(DuckDBAPI())
        con = self.api.duckdb_con
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        # DuckDB spills beyond its memory limit; into the system's temporary folder, not
        # a `.tmp` folder in whatever directory the user ran Toll from.
        spill = Path(tempfile.gettempdir()) / "toll-duckdb"
        con.execute(f"SET temp_directory = '{spill.as_posix()}'")

    def table(self, frame: pd.DataFrame, name: str):
        """The frame copied into a DuckDB table of its own first.

        DuckDB reads a registered pandas DataFrame afresh at every query, turning each
        Python string into its own again: training and scoring query the records a dozen
        times, so one copy up front saves far more than it costs (a million records:
        training 19 s -> 10 s).
        """
        import pyarrow as pa

        con = self.api.duckdb_con
        con.register(f"{name}_frame", pa.Table.from_pandas(frame, preserve_index=False))
        try:
            con.execute(f'CREATE TABLE "{name}_data" AS SELECT * FROM "{name}_frame"')
        finally:
            con.unregister(f"{name}_frame")
        return self.api.register(f"{name}_data", table_name=name)

    @contextmanager
    def in_one_order(self) -> Iterator[None]:
        """One thread: DuckDB's threads each add up a share of the rows, and which rows a
        thread gets varies from run to run (two trainings on the same 100,000 records gave
        m probabilities differing in their 16th digit, and the lists in another order 9
        persons of 42,703 that differed). One thread reads the rows in the table's order,
        which `link` makes the same for the same records. Training takes a few seconds
        longer; scoring, row by row, keeps every thread.
        """
        con = self.api.duckdb_con
        threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
        con.execute("SET threads = 1")
        try:
            yield
        finally:
            con.execute(f"SET threads = {int(threads)}")

    def close(self) -> None:
        self.api.duckdb_con.close()


class Spark(Engine):
    """A local Spark session (see `spark_session`)."""

    def __init__(self):
        from splink import SparkAPI

        super().__init__(SparkAPI(spark_session=spark_session()))


@contextmanager
def open_engine(name: str) -> Iterator[Engine]:
    """The engine called `name` ("duckdb" or "spark"), closed when the block ends."""
    kinds = {"duckdb": DuckDB, "spark": Spark}
    if name not in kinds:
        raise TollError(f"engine {name!r} is not supported; use {' or '.join(ENGINES)}.")
    engine = kinds[name]()
    try:
        yield engine
    finally:
        engine.close()


def spark_session():
    """A local Spark session able to run splink (its similarity jar loaded)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    spark = (
        SparkSession.builder.master(os.environ.get("TOLL_SPARK_MASTER", "local[2]"))
        .appName("toll-linkage")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", os.environ.get("TOLL_SPARK_PARTITIONS", "8"))
        .config("spark.driver.memory", os.environ.get("TOLL_SPARK_MEMORY", "10g"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    if not spark.sparkContext.getCheckpointDir():
        spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="toll-spark-"))
    return spark
