"""No cell is lost in silence (issue 19): a quote left open, short rows, empty rows each give a
warning naming the row (and column), or an error where the row cannot be read; a list without
a header row is imported by mapping its columns by position."""

import pytest

from toll.errors import TollError
from toll.records import read_list

HEADER = "surname,given_name,status\n"


def warnings(path, **kwargs) -> list[str]:
    return [str(problem) for problem in read_list(path, **kwargs).warnings]


def test_a_quote_never_closed_is_an_error_naming_its_line(write):
    path = write("open.csv", HEADER + 'Petrov,Ivan,killed\n"unterminated,killed\n')
    with pytest.raises(TollError, match=r"open.csv, line 3: a quote .* never closed"):
        read_list(path)


def test_a_short_row_names_the_cells_read_as_empty(write):
    path = write("short.csv", HEADER + "Petrov,Ivan,killed\nSidorov\n")
    assert warnings(path) == [
        'short.csv, row 2, column "given_name": the row has 1 of the header\'s 3 cells; '
        "'given_name', 'status' read as empty (check the delimiters and quotes on that row)"
    ]


def test_a_long_row_keeps_the_extra_cell_and_says_so(write):
    path = write("long.csv", HEADER + "Petrov,Ivan,killed,1980\n")
    listed = read_list(path)
    assert listed.records[0].original["column 4"] == "1980"
    assert any('row 1, column "column 4"' in str(w) for w in listed.warnings)


def test_an_empty_row_between_rows_is_named_and_the_count_is_honest(write):
    path = write("gaps.csv", HEADER + "Petrov,Ivan,killed\n,,\nSmirnov,Oleg,missing\n\n")
    listed = read_list(path)
    assert len(listed.records) == 2
    assert [str(w) for w in listed.warnings] == ["gaps.csv, row 2: an empty row; skipped"]


def test_a_list_without_a_header_is_imported_by_column_positions(write):
    path = write("bare.csv", "Petrov,Ivan,killed\nSidorova,Anna,missing\n")
    with pytest.raises(TollError, match="header: false with columns"):
        read_list(path)
    mapping = {"header": False, "columns": {1: "surname", 2: "given_name", 3: "status"}}
    listed = read_list(path, mapping=mapping)
    assert [(r.family_name, r.given_name, r.status) for r in listed.records] == [
        ("Petrov", "Ivan", "killed"),
        ("Sidorova", "Anna", "missing"),
    ]
    assert listed.records[0].original == {
        "column 1": "Petrov",
        "column 2": "Ivan",
        "column 3": "killed",
    }


def test_a_yaml_mapping_without_a_header(write):
    path = write("bare.csv", "Petrov;Ivan\n")
    mapping = write("bare.yaml", "header: false\ncolumns: {1: surname, 2: given_name}\n")
    assert read_list(path, mapping=mapping).records[0].given_name == "Ivan"


@pytest.mark.parametrize(
    ("mapping", "reason"),
    [
        ({"header": False, "columns": {"Фамилия": "surname"}}, "columns are named by position"),
        ({"header": "no", "columns": {1: "surname"}}, "header must be true or false"),
        ({"header": False, "header_row": 2, "columns": {1: "surname"}}, "contradict"),
    ],
)
def test_a_header_less_mapping_that_cannot_be_read(write, mapping, reason):
    path = write("bare.csv", "Petrov,Ivan\n")
    with pytest.raises(TollError, match=reason):
        read_list(path, mapping=mapping)
