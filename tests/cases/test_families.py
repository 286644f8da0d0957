"""Family figures, each definition tested; families joined across lists; relations by hand."""

import json
from datetime import date

import pytest
from _register import add_list, add_person

from toll.errors import TollError
from toll.families import Definitions, family_figures, family_of, relate

NIGHT = date(1992, 2, 26)


def member(source, household, role, status, born=None, age=None):
    fields = {
        "source": source,
        "household": household,
        "relation_to_head": role,
        "status": status,
        "birth_year": born,
        "age": age,
    }
    if status in ("killed", "missing"):
        fields |= {"event_date": "26.02.1992", "event_date_earliest": NIGHT}
    return fields


@pytest.fixture
def families(store):
    """Households of two lists (each numbering its own way), labelled by what they test."""
    with store.session() as session:
        a = add_list(session, "village-list.csv")
        b = add_list(session, "school-list.csv")
        n = iter(range(1, 100))

        def person(*records):
            number = next(n)
            return add_person(session, f"P-{number:05d}", f"Person {number}", list(records))

        # household 1: both parents killed; a son of 10 and a daughter of 20 survive;
        # the school list numbers it X9 and adds a second son, 7
        person(member(a, "1", "head", "killed", 1950))  # P-1
        person(member(a, "1", "spouse", "killed", 1955))  # P-2
        person(member(a, "1", "son", "alive", 1982), member(b, "X9", "son", "alive", 1982))  # P-3
        person(member(a, "1", "daughter", "alive", 1972))  # P-4
        person(member(b, "X9", "son", "alive", 1985))  # P-5
        # household 2: the father killed, the mother survives, a daughter of 5
        person(member(a, "2", "head", "killed", 1960))  # P-6
        person(member(a, "2", "spouse", "alive", 1962))  # P-7
        person(member(a, "2", "daughter", "alive", 1987))  # P-8
        # household 3: a couple, both killed: wiped out
        person(member(a, "3", "head", "killed", 1930))  # P-9
        person(member(a, "3", "spouse", "killed", 1932))  # P-10
        # household 4: one known member: not a family
        person(member(a, "4", "head", "killed", 1940))  # P-11
        # household 5: father killed, mother missing, a son of 8
        person(member(a, "5", "head", "killed", 1958))  # P-12
        person(member(a, "5", "spouse", "missing", 1960))  # P-13
        person(member(a, "5", "son", "alive", 1984))  # P-14
        # household 6: every member killed, a child among them: wiped out, the child not counted
        person(member(a, "6", "head", "killed", 1961))  # P-15
        person(member(a, "6", "spouse", "killed", 1963))  # P-16
        person(member(a, "6", "son", "killed", 1986))  # P-17
        # household 7: father killed, mother alive, a son of unknown age
        person(member(a, "7", "head", "killed", 1959))  # P-18
        person(member(a, "7", "spouse", "alive", 1961))  # P-19
        person(member(a, "7", "son", "alive"))  # P-20
    return store


def labels(entry) -> list[str]:
    return [p["person_id"] for p in entry["persons"]]


def test_family_figures_by_the_default_definitions(families):
    with families.session() as session:
        figures = family_figures(session)
    assert figures["families"] == 6  # households 1 (with X9), 2, 3, 5, 6, 7
    assert [f["family_id"] for f in figures["families_wiped_out"]["families"]] == [
        "F-00009",
        "F-00015",
    ]
    assert figures["families_wiped_out"]["count"] == 2
    # the son of 10 and the son of 7 added by the school list lost both; not the daughter of 20
    assert labels(figures["children_lost_both_parents"]) == ["P-00003", "P-00005"]
    # the daughter of household 2; the son of household 5 (his mother is missing, not killed)
    assert labels(figures["children_lost_one_parent"]) == ["P-00008", "P-00014"]
    assert labels(figures["children_age_unknown"]) == ["P-00020"]
    one = figures["children_lost_one_parent"]["persons"][0]
    assert one["age"] == 5 and one["parents"] == ["P-00006", "P-00007"]
    assert [p["person_id"] for p in one["parents_lost"]] == ["P-00006"]
    assert "under 18" in figures["definitions"]["child"]


def test_the_missing_count_as_lost_when_asked(families):
    with families.session() as session:
        figures = family_figures(session, Definitions(missing_counts=True))
    assert labels(figures["children_lost_both_parents"]) == ["P-00003", "P-00005", "P-00014"]
    assert labels(figures["children_lost_one_parent"]) == ["P-00008"]
    assert "killed or missing" in figures["definitions"]["wiped_out"]


def test_who_counts_as_a_child_and_as_a_family_is_settable(families, db, toll):
    with families.session() as session:
        older = family_figures(session, Definitions(child_under=21))
        three = family_figures(session, Definitions(min_members=3))
    assert labels(older["children_lost_both_parents"]) == ["P-00003", "P-00004", "P-00005"]
    assert three["families_wiped_out"]["count"] == 1  # the couple is too small a family now
    shown = json.loads(
        toll("figures", "families", "--child-under", "21", "--db", db, "--json").stdout
    )
    assert shown["children_lost_both_parents"]["count"] == 3
    assert shown["families_wiped_out"]["count"] == 2


def test_a_household_numbered_differently_in_two_lists_is_one_family(families, db, toll):
    result = toll("family", "show", "P-00005", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    view = json.loads(result.stdout)
    assert view["family_id"] == "F-00001" and view["head"] == "P-00001"
    assert [m["person_id"] for m in view["members"]] == [f"P-0000{i}" for i in range(1, 6)]
    assert {(h["source_file"], h["household"]) for h in view["households"]} == {
        ("village-list.csv", "1"),
        ("school-list.csv", "X9"),
    }


def test_relations_by_hand_join_families_and_give_parents(families, db, toll):
    result = toll("family", "relate", "P-00011", "P-00020", "--as", "parent", "--db", db)
    assert result.exit_code == 0, result.stderr
    with families.session() as session:
        view = family_of(session, "P-00011")
        members = {m["person_id"] for m in view.members}
        assert {"P-00011", "P-00018", "P-00019", "P-00020"} <= members
        with pytest.raises(TollError, match="already recorded as parent"):
            relate(session, "P-00011", "P-00020", "parent")
        with pytest.raises(TollError, match="no person P-00999"):
            relate(session, "P-00011", "P-00999", "spouse")
        with pytest.raises(TollError, match="a relation is one of"):
            relate(session, "P-00011", "P-00001", "cousin")
    son = next(m for m in view.members if m["person_id"] == "P-00020")
    assert set(son["parents"]) == {"P-00018", "P-00019", "P-00011"}
    assert view.relations[0]["kind"] == "parent" and view.relations[0]["by"] == "tester"


def test_an_incident_counts_only_the_losses_of_its_night(families, db, toll):
    from toll.model import Incident

    with families.session() as session:
        night = Incident(title="the night of 26 February", date_earliest=NIGHT, date_latest=NIGHT)
        other = Incident(title="a later shelling", date_earliest=date(1993, 7, 1))
        session.add_all([night, other])
        session.flush()
        ids = night.id, other.id
        on_the_night = family_figures(session, incident_id=ids[0])
        later = family_figures(session, incident_id=ids[1])
    assert on_the_night["families_wiped_out"]["count"] == 2
    assert on_the_night["incident"]["title"] == "the night of 26 February"
    assert later["families_wiped_out"]["count"] == 0
    assert later["children_lost_one_parent"]["count"] == 0
    assert toll("figures", "families", "--incident", "99", "--db", db).exit_code == 1


def test_a_relation_by_hand_is_retracted_with_its_reason_and_leaves_the_family(families, db, toll):
    from toll.model import Relation

    toll("family", "relate", "P-00011", "P-00020", "--as", "parent", "--db", db)
    with families.session() as session:
        relation_id = family_of(session, "P-00011").relations[0]["relation_id"]
    result = toll(
        "family",
        "unrelate",
        str(relation_id),
        "--reason",
        "another Person 11",
        "--db",
        db,
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["retracted_by"] == "tester"
    with families.session() as session:
        row = session.get(Relation, relation_id)
        assert row.retraction_reason == "another Person 11" and row.retracted_at is not None
        alone = {m["person_id"] for m in family_of(session, "P-00011").members}
        assert "P-00020" not in alone and family_of(session, "P-00011").relations == []
        son = next(m for m in family_of(session, "P-00020").members if m["person_id"] == "P-00020")
        assert set(son["parents"]) == {"P-00018", "P-00019"}
    twice = toll("family", "unrelate", str(relation_id), "--reason", "x", "--db", db)
    assert twice.exit_code == 1 and "already retracted" in twice.stderr
    unknown = toll("family", "unrelate", "999", "--reason", "x", "--db", db)
    assert "no relation 999" in unknown.stderr


def test_public_family_figures_suppress_counts_under_5_and_name_nobody(families, db, toll):
    result = toll("figures", "families", "--public", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["families"] == 6  # 5 or more: shown
    for figure in ("families_wiped_out", "children_lost_one_parent", "children_lost_both_parents"):
        assert shown[figure] == {"count": None}  # 2 each: fewer than 5
    assert "P-0" not in result.stdout and "F-0" not in result.stdout
    assert "Person" not in result.stdout and "under 18" in shown["definitions"]["child"]
    text = toll("figures", "families", "--public", "--db", db)
    assert text.exit_code == 0 and "families wiped out fewer than 5" in text.stdout
    assert "(of 6 families" in text.stdout


def test_a_spouse_or_a_child_is_never_given_as_a_parent(store):
    """Two records of one household linked as one person (the head's and a son's, as the demo
    links a father without a birth year to his son) give that person no parents from that
    household, and the head's spouse is never listed as the head's parent."""
    with store.session() as session:
        a, b = add_list(session, "village-list.csv"), add_list(session, "school-list.csv")
        heads = [member(a, "1", "head", "killed"), member(a, "1", "son", "alive", 1993)]
        head = add_person(session, "P-00001", "Head", [*heads, member(b, "7", "head", "killed")])
        wives = [member(a, "1", "spouse", "killed", 1956), member(b, "7", "spouse", "killed", 1956)]
        add_person(session, "P-00002", "Wife", wives)
        add_person(session, "P-00003", "Son", [member(a, "1", "son", "alive", 1982)])
        add_person(session, "P-00004", "Grandfather", [member(b, "7", "father", "killed", 1930)])
        family = family_of(session, head.label)
    parents = {m["person_id"]: m["parents"] for m in family.members}
    assert parents == {
        "P-00001": ["P-00004"],  # the head's father, not his wife
        "P-00002": [],
        "P-00003": ["P-00002"],  # his mother; not the person who also holds a son's record
        "P-00004": [],
    }


def test_a_sister_linked_to_a_spouse_record_is_not_her_sisters_parent(store):
    """A daughter who also holds a stray 'spouse' record of another list (as the demo links
    one) stays her sisters' sister: their parents are the head and the mother only."""
    with store.session() as session:
        a, b = add_list(session, "village-list.csv"), add_list(session, "school-list.csv")
        add_person(session, "P-00001", "Father", [member(a, "1", "head", "killed", 1960)])
        mother = [member(a, "1", "spouse", "killed", 1965), member(b, "9", "spouse", "killed")]
        add_person(session, "P-00002", "Mother", mother)
        stray = [member(a, "1", "daughter", "alive", 1998), member(b, "9", "spouse", "alive")]
        add_person(session, "P-00003", "Elder daughter", stray)
        younger = [member(a, "1", "daughter", "alive", 2000), member(b, "9", "daughter", "alive")]
        add_person(session, "P-00004", "Younger daughter", younger)
        family = family_of(session, "P-00001")
    parents = {m["person_id"]: m["parents"] for m in family.members}
    assert parents["P-00003"] == parents["P-00004"] == ["P-00001", "P-00002"]
