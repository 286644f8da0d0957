"""Incidents: names in any script, partial dates, parent and child (toll.incidents)."""

import json

import pytest

from toll.errors import TollError
from toll.incidents import add_incident, add_names, find_incidents, list_incidents, show_incident


def test_khojaly_xocali_and_khodzhaly_find_the_same_incident(store):
    with store.session() as session:
        added = add_incident(
            session,
            "Khojaly massacre",
            names=["az:Xocalı soyqırımı", "ru:Ходжалинская трагедия"],
            place="Xocalı",
            when="25-26 February 1992",
        )
        add_incident(session, "Shelling of Ganja", place="Gəncə", when="October 2020")
    with store.session() as session:
        for written in ("Khojaly", "Xocalı", "Ходжалы", "Xocali", "Ходжалинская трагедия"):
            found = find_incidents(session, written)
            assert [i.id for i in found] == [added.id], written
        assert find_incidents(session, "Гянджа")[0].title == "Shelling of Ganja"
        assert find_incidents(session, "Marlow") == []
        names = {(n["name"], n["language"]) for n in show_incident(session, "Ходжалы").names}
    assert ("Xocalı soyqırımı", "az") in names and ("Ходжалинская трагедия", "ru") in names


def test_a_name_added_later_finds_the_incident(store):
    with store.session() as session:
        added = add_incident(session, "Siege of Eastbrook", when="1994")
        assert find_incidents(session, "Истбрук") == []
        add_names(session, added.id, ["ru:Осада Истбрука", "Истбрук"])
        assert [i.id for i in find_incidents(session, "Истбрук")] == [added.id]


def test_partial_and_uncertain_dates_are_kept_as_periods(store):
    with store.session() as session:
        late = add_incident(session, "Raid on Dunmore", when="late February 1992")
        spring = add_incident(session, "Dunmore displacement", when="spring 1993")
    assert (late.date_earliest.isoformat(), late.date_latest.isoformat()) == (
        "1992-02-21",
        "1992-02-29",
    )
    assert late.date == "late February 1992" and late.date_precision == "part_of_month"
    assert spring.date_earliest.month == 3 and spring.date_latest.month == 5


def test_a_date_that_is_not_one_is_refused_and_nothing_is_stored(store):
    with pytest.raises(TollError, match="not understood"), store.session() as session:
        add_incident(session, "Something", when="the week after the floods")
    with store.session() as session:
        assert list_incidents(session) == []


def test_coordinates_must_be_on_earth(store):
    with pytest.raises(TollError, match="not on Earth"), store.session() as session:
        add_incident(session, "Far away", latitude=120.0, longitude=10.0)


def test_a_war_holds_its_attacks(store):
    with store.session() as session:
        war = add_incident(session, "War in the Valley", when="1991-1994")
        child = add_incident(session, "Attack on Redford", parent=war.id, when="1993-05-02")
    with store.session() as session:
        shown = show_incident(session, war.id)
        assert shown.children == [
            {"id": child.id, "title": "Attack on Redford", "date": "1993-05-02"}
        ]
        assert show_incident(session, "Redford").parent == {"id": war.id, "title": war.title}
        assert [i.id for i in list_incidents(session, within=war.id)] == [child.id]


def test_a_name_of_two_incidents_is_refused_with_both_named(store):
    from toll.incidents import resolve

    with store.session() as session:
        add_incident(session, "Redford shelling", when="1993")
        add_incident(session, "Redford siege", when="1994")
        with pytest.raises(TollError, match="names 2 incidents"):
            resolve(session, "Redford")


def test_cli_add_show_list_in_json(toll, db):
    added = toll(
        "incident",
        "add",
        "Khojaly massacre",
        "--name",
        "ru:Ходжалы",
        "--place",
        "Xocalı",
        "--date",
        "late February 1992",
        "--latitude",
        "39.91",
        "--longitude",
        "46.79",
        "--db",
        db,
        "--json",
    )
    assert added.exit_code == 0, added.stderr
    data = json.loads(added.stdout)
    assert data["latitude"] == 39.91 and data["date_earliest"] == "1992-02-21"
    shown = json.loads(toll("incident", "show", "Xocalı", "--db", db, "--json").stdout)
    assert shown["id"] == data["id"] and shown["attached"]["claims"] == 0
    listed = json.loads(
        toll("incident", "list", "--search", "Ходжалы", "--db", db, "--json").stdout
    )
    assert [i["id"] for i in listed] == [data["id"]]
    missing = toll("incident", "show", "Northfield", "--db", db)
    assert missing.exit_code == 1 and "no incident is named 'Northfield'" in missing.stderr
