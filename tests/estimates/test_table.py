import numpy as np
import pytest

from toll.errors import TollError
from toll.estimates import CaptureTable


def write(tmp_path, text):
    path = tmp_path / "t.csv"
    path.write_text(text)
    return path


def test_from_csv_reads_patterns_in_list_order(tmp_path):
    path = write(tmp_path, "A,B,count\n1,1,5\n1,0,7\n0,1,9\n")
    table = CaptureTable.from_csv(path)
    assert table.lists == ("A", "B")
    assert table.counts.tolist() == [0, 7, 9, 5]
    assert table.observed == 21
    assert table.list_totals() == {"A": 12, "B": 14}


def test_missing_pattern_is_named(tmp_path):
    path = write(tmp_path, "A,B,count\n1,1,5\n1,0,7\n")
    with pytest.raises(TollError, match="01"):
        CaptureTable.from_csv(path)


def test_bad_value_names_line_and_column(tmp_path):
    path = write(tmp_path, "A,B,count\n1,1,5\n1,2,7\n0,1,1\n")
    with pytest.raises(TollError, match=r"line 3, column B"):
        CaptureTable.from_csv(path)


def test_bad_count_and_zero_row_and_duplicates(tmp_path):
    with pytest.raises(TollError, match=r"line 2, column count"):
        CaptureTable.from_csv(write(tmp_path, "A,B,count\n1,1,x\n1,0,7\n0,1,1\n"))
    with pytest.raises(TollError, match="all-zero"):
        CaptureTable.from_csv(write(tmp_path, "A,B,count\n0,0,3\n1,1,1\n1,0,7\n0,1,1\n"))
    with pytest.raises(TollError, match="already given on line 2"):
        CaptureTable.from_csv(write(tmp_path, "A,B,count\n1,1,1\n1,1,1\n1,0,7\n0,1,1\n"))
    with pytest.raises(TollError, match="no `count` column"):
        CaptureTable.from_csv(write(tmp_path, "A,B\n1,1\n"))


def test_from_patterns_and_mapping_agree():
    rows = [((1, 0, 0), 4), ((0, 1, 1), 2), ((1, 1, 1), 1)]
    a = CaptureTable.from_patterns(["x", "y", "z"], rows)
    b = CaptureTable.from_mapping(["x", "y", "z"], dict(rows))
    assert a == b
    assert a.counts[0b001] == 4 and a.counts[0b110] == 2 and a.counts[0b111] == 1


def test_drop_and_merge():
    table = CaptureTable.from_patterns(
        ["A", "B", "C"], [((1, 0, 0), 1), ((0, 1, 0), 2), ((0, 0, 1), 4), ((1, 1, 0), 8),
                          ((1, 0, 1), 16), ((0, 1, 1), 32), ((1, 1, 1), 64)])
    dropped = table.drop("C")
    assert dropped.lists == ("A", "B")
    assert dropped.counts.tolist() == [0, 1 + 16, 2 + 32, 8 + 64]   # people only on C vanish
    merged = table.merge(["A", "B"])
    assert merged.lists == ("A+B", "C")
    assert merged.counts.tolist() == [0, 1 + 2 + 8, 4, 16 + 32 + 64]
    assert merged.observed == table.observed
    with pytest.raises(TollError, match="no list named"):
        table.drop("Z")


def test_to_dict_round_trip():
    table = CaptureTable.from_patterns(["A", "B"], [((1, 1), 3), ((1, 0), 2), ((0, 1), 1)])
    data = table.to_dict()
    rebuilt = CaptureTable.from_patterns(
        data["lists"], [(tuple(int(c) for c in r["pattern"]), r["count"])
                        for r in data["patterns"]])
    assert rebuilt == table
    assert np.array_equal(rebuilt.counts, table.counts)
