"""Correcting the register by hand: decisions in any case, repeated decisions kept, undo and
split, each kept in history (issue 19)."""

import pytest
from test_api import guliyev, register  # noqa: F401 (the fixture)

from toll.errors import TollError
from toll.persons import decide, decisions, link_register, person_view, split_person, undo_decision
from toll_testing import invoke_toll


def records_of(store) -> list[int]:
    with store.session("erik") as session:
        return sorted(r.record_id for r in person_view(session, guliyev(session)).records)


def test_a_decision_word_is_read_in_any_case(register):  # noqa: F811
    first, second = records_of(register)[:2]
    with register.session("erik") as session:
        assert decide(session, first, second, " Same ").decision == "same"
        assert decide(session, first, second, "DIFFERENT").decision == "different"


def test_the_same_decision_twice_is_a_second_entry_that_keeps_the_first_and_its_note(
    register,  # noqa: F811
):
    first, second = records_of(register)[:2]
    with register.session("erik") as session:
        one = decide(session, first, second, "same", note="same father in both lists")
        two = decide(session, first, second, "same")
        standing = decisions(session)
    assert [(d.id, d.note) for d in standing] == [
        (one.id, "same father in both lists"),
        (two.id, None),
    ]


def test_undo_withdraws_a_decision_keeps_it_in_history_and_the_next_link_forgets_it(
    register,  # noqa: F811
):
    first, second = records_of(register)[:2]
    with register.session("erik") as session:
        made = decide(session, first, second, "different", note="another father")
        undone = undo_decision(session, made.id, "the father's name was misread")
        assert decisions(session) == []
        kept = decisions(session, include_replaced=True)
        link_register(session, full=True)
    assert undone.replaced_why == "the father's name was misread"
    assert [(d.id, d.note) for d in kept] == [(made.id, "another father")]
    assert records_of(register)[:2] == [first, second], "joined again by the model"
    with register.session("erik") as session, pytest.raises(TollError, match="withdrawn already"):
        undo_decision(session, made.id)


def test_split_takes_one_record_out_for_good(register):  # noqa: F811
    ids = records_of(register)
    with register.session("erik") as session:
        label = guliyev(session)
        split = split_person(session, label, ids[-1], note="a namesake")
        link_register(session, full=True)
        after = {r.record_id for r in person_view(session, label).records}
        alone = [r.record_id for r in person_view(session, split.new_person).records]
    assert split.person == label and len(split.decisions) == len(ids) - 1
    assert after == set(ids[:-1]) and alone == [ids[-1]], "a re-link keeps the split"
    with register.session("erik") as session, pytest.raises(TollError, match="not one of"):
        split_person(session, label, ids[-1])


def test_the_cli_decides_in_any_case_undoes_and_splits(register, db_url):  # noqa: F811
    first, second, *_ = ids = records_of(register)
    erik = {"TOLL_USER": "erik"}
    decided = invoke_toll("decide", first, second, "Different", "--db", db_url, env=erik)
    assert decided.exit_code == 0 and "different persons" in decided.stdout, decided.stderr
    with register.session("erik") as session:
        made = decisions(session)[-1]
    undone = invoke_toll("decision", "undo", made.id, "--reason", "wrong", "--db", db_url, env=erik)
    assert undone.exit_code == 0 and "Undone: decision" in undone.stdout, undone.stderr
    with register.session("erik") as session:
        label = guliyev(session)
    split = invoke_toll("person", "split", label, "--record", ids[-1], "--db", db_url, env=erik)
    assert split.exit_code == 0 and f"record {ids[-1]} left {label}" in split.stdout, split.stderr
