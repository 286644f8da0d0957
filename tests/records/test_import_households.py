"""Household and relation-to-head columns, in English, Russian and Azerbaijani."""

import pytest

from toll.records import read_list


@pytest.mark.parametrize(
    ("content", "households", "relations"),
    [
        (
            "Full name,Household,Relation to head\nAli Aliyev,H-1,head\nLeyla Aliyeva,H-1,wife\n"
            "Rauf Aliyev,H-1,son\nAida Aliyeva,H-1,granddaughter\n",
            ["H-1"] * 4,
            ["head", "spouse", "son", "grandchild"],
        ),
        (
            "ФИО,Семья,Кем приходится\nАлиев Али,12,глава семьи\nАлиева Лейла,12,жена\n"
            "Алиев Рауф,12,сын\nАлиева Айда,12,дочь\n",
            ["12"] * 4,
            ["head", "spouse", "son", "daughter"],
        ),
        (
            "Soyadı adı,Ailə №,Qohumluq\nƏliyev Əli,7,ailə başçısı\nƏliyeva Leyla,7,həyat yoldaşı\n"
            "Əliyev Rauf,7,oğlu\nƏliyeva Aidə,7,qızı\n",
            ["7"] * 4,
            ["head", "spouse", "son", "daughter"],
        ),
    ],
)
def test_households_and_relations_are_read_in_three_languages(
    write, content, households, relations
):
    imported = read_list(write("list.csv", content))
    assert [r.household for r in imported.records] == households
    assert [r.relation_to_head for r in imported.records] == relations
    assert list(imported.columns.values())[1:] == ["household", "relation_to_head"]


def test_a_mapping_names_the_household_columns_and_overrides_only_them(write):
    path = write("list.csv", "Name,Hh,Rel,Notes\nAli Aliyev,A,father\n")
    imported = read_list(path, mapping={"columns": {"Hh": "household", "Rel": "relation_to_head"}})
    record = imported.records[0]
    assert (record.household, record.relation_to_head) == ("A", "father")
    assert imported.columns["Notes"] == "notes"  # the other columns still detected


def test_an_unknown_relation_is_kept_with_a_warning(write):
    imported = read_list(write("list.csv", "Full name,Relationship\nAli Aliyev,lodger-ish\n"))
    record = imported.records[0]
    assert record.relation_to_head is None
    assert record.relation_to_head_raw == "lodger-ish"
    assert any("relation to the head" in w for w in record.warnings)
